//! `tiendo export` and `tiendo restore`: the whole database to a file
//! (JSON, CSV in a ZIP, XLSX) and such a file back into an empty database.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use tiendo_export::{ExportError, Format};
use tiendo_store::{Ctx, DumpCounts, Store, StoreError};

pub async fn export(db: &Path, format: Format, out: &Path) -> anyhow::Result<ExitCode> {
    if !db.exists() {
        eprintln!("lỗi: không có cơ sở dữ liệu {}.", db.display());
        return Ok(ExitCode::from(2));
    }
    let started = Instant::now();
    let store = Store::open(db)
        .await
        .with_context(|| format!("mở cơ sở dữ liệu {}", db.display()))?;
    // Written beside the target, then renamed: a failed export leaves no
    // file that looks whole.
    let partial = out.with_file_name(format!(
        "{}.partial",
        out.file_name()
            .map_or("tiendo-export".into(), |n| n.to_string_lossy())
    ));
    let result = tiendo_export::export(&store, &Ctx::system(), format, &partial).await;
    store.close().await;
    let counts = match result {
        Ok(counts) => counts,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return failed(e, "không ghi tệp nào.");
        }
    };
    std::fs::rename(&partial, out).with_context(|| format!("ghi {}", out.display()))?;
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    println!(
        "Đã xuất {} dòng của {} bảng vào {} ({} KB) trong {} giây.",
        thousands(counts.total()),
        counts.tables.len(),
        out.display(),
        thousands(size / 1024),
        seconds(started.elapsed())
    );
    print_counts(&counts);
    Ok(ExitCode::SUCCESS)
}

pub async fn restore(db: &Path, file: &Path) -> anyhow::Result<ExitCode> {
    if !file.exists() {
        eprintln!("lỗi: không có tệp {}.", file.display());
        return Ok(ExitCode::from(2));
    }
    let started = Instant::now();
    let created = !db.exists();
    let store = Store::open(db)
        .await
        .with_context(|| format!("mở cơ sở dữ liệu {}", db.display()))?;
    let result = tiendo_export::restore(&store, &Ctx::system(), file).await;
    store.close().await;
    let counts = match result {
        Ok(counts) => counts,
        Err(e) => {
            // A database this command created and could not fill goes too.
            if created {
                for end in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{end}", db.display()));
                }
            }
            return failed(e, "cơ sở dữ liệu không thay đổi.");
        }
    };
    println!(
        "Đã khôi phục {} dòng của {} bảng vào {} trong {} giây.",
        thousands(counts.total()),
        counts.tables.len(),
        db.display(),
        seconds(started.elapsed())
    );
    print_counts(&counts);
    if counts.get("users") > 0 {
        println!(
            "Tài khoản được khôi phục không kèm mật khẩu: đặt mật khẩu cho từng tài khoản bằng \
             `tiendo user password --db {} --name TÊN --password-stdin`.",
            db.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Refusals the user can act on exit with 2 and say what and where.
fn failed(e: ExportError, nothing: &str) -> anyhow::Result<ExitCode> {
    let message = match &e {
        ExportError::Invalid(m) => m.clone(),
        ExportError::Store(StoreError::Rejected(r)) => {
            if r.field.is_empty() {
                r.message.clone()
            } else {
                format!("{} [{}: {}]", r.message, r.code, r.field)
            }
        }
        ExportError::Store(StoreError::Forbidden(m)) => m.clone(),
        _ => return Err(e.into()),
    };
    eprintln!("lỗi: {message}");
    eprintln!("{nothing}");
    Ok(ExitCode::from(2))
}

/// `2,6`: seconds with a decimal comma.
fn seconds(d: std::time::Duration) -> String {
    format!("{:.1}", d.as_secs_f64()).replace('.', ",")
}

fn thousands(n: u64) -> String {
    tiendo_core::vn::format_number(n.into())
}

fn print_counts(counts: &DumpCounts) {
    for (table, n) in &counts.tables {
        if *n > 0 {
            println!("  {table:<26} {:>12}", thousands(*n));
        }
    }
}
