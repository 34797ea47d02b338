//! `tiendo`: the command line. Parses arguments, wires the importer to the
//! store and prints what happened. No domain logic lives here.

mod admin;
mod bench;
mod demo;
mod export;
// `gen` is a reserved word since the 2024 edition; the file keeps the command's name.
mod r#gen;
mod render;
mod report;
mod warn;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use sha2::Digest;
use tiendo_core::diff::diff_tasks;
use tiendo_core::{DocType, Part};
use tiendo_ingest::{DocKind, ImportError, Imported, import_path};
use tiendo_store::{Ctx, ImportItem, ImportMode, ImportOutcome, SourceInfo, Store, StoreError};

#[derive(Parser)]
#[command(
    name = "tiendo",
    version,
    about = "Tiến Độ — theo dõi tiến độ thực hiện chương trình hành động"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Program,
    Table,
}

#[derive(Subcommand)]
enum Command {
    /// Đọc văn bản chương trình (TXT) hoặc bảng phụ lục (TSV/CSV/XLSX) vào danh mục.
    Import {
        /// Tệp cơ sở dữ liệu SQLite.
        #[arg(long, default_value = "tiendo.db")]
        db: PathBuf,
        /// Chỉ xem trước, không ghi gì vào cơ sở dữ liệu.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Loại văn bản, khi không muốn tự nhận dạng.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// Khóa chương trình: ghi vào chương trình đã có khóa này thay vì nhận theo tên.
        #[arg(long)]
        program: Option<String>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// So sánh hai phiên bản của một chương trình: nhiệm vụ thêm, bỏ, sửa lời.
    Diff {
        /// Hai tệp: bản cũ rồi bản mới (khi không dùng --program).
        #[arg(num_args = 0..=2)]
        files: Vec<PathBuf>,
        /// So sánh hai phiên bản đã lưu của chương trình này (số hoặc khóa).
        #[arg(long, conflicts_with = "files")]
        program: Option<String>,
        #[arg(long, default_value = "tiendo.db")]
        db: PathBuf,
        /// Phiên bản cũ (mặc định: phiên bản trước phiên bản mới).
        #[arg(long, requires = "program")]
        from: Option<u32>,
        /// Phiên bản mới (mặc định: phiên bản mới nhất).
        #[arg(long, requires = "program")]
        to: Option<u32>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Liệt kê các chương trình đã lưu.
    Programs {
        #[arg(long, default_value = "tiendo.db")]
        db: PathBuf,
    },
    /// Danh bạ cơ quan: tên, tên gọi khác; thêm tên gọi khác cho một cơ quan.
    Agencies {
        #[arg(long, default_value = "tiendo.db")]
        db: PathBuf,
        /// Cơ quan cần thêm tên gọi khác (tên hoặc tên gọi khác đã có).
        #[arg(long, requires = "alias")]
        agency: Option<String>,
        /// Tên gọi khác (viết tắt, tên cũ) của cơ quan đó.
        #[arg(long, requires = "agency")]
        alias: Option<String>,
    },
    /// Chạy máy chủ API (và giao diện web) trên cơ sở dữ liệu này.
    Serve {
        #[arg(long, default_value = "tiendo.db")]
        db: PathBuf,
        /// Địa chỉ lắng nghe; cổng 0 để hệ điều hành chọn.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
        /// Giới hạn kích thước nội dung một yêu cầu, tính bằng byte.
        #[arg(long, default_value_t = tiendo_server::DEFAULT_BODY_LIMIT)]
        body_limit: usize,
        /// Tệp TOML ngưỡng cảnh báo (xem docs/warnings.toml); mặc định dùng ngưỡng sẵn có.
        #[arg(long)]
        warnings: Option<PathBuf>,
        /// Địa chỉ nhận webhook khi cảnh báo thay đổi (lặp lại được); khóa ký HMAC
        /// lấy từ biến môi trường TIENDO_WEBHOOK_SECRET.
        #[arg(long)]
        webhook: Vec<String>,
    },
    /// Tính cảnh báo sớm tính đến một ngày bất kỳ và in ra (hoặc lưu với --save).
    Warnings {
        #[arg(long, default_value = "tiendo.db")]
        db: PathBuf,
        /// Ngày tính cảnh báo (YYYY-MM-DD); mặc định hôm nay theo giờ Việt Nam.
        #[arg(long)]
        at: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Tệp TOML ngưỡng cảnh báo.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Lưu kết quả vào cơ sở dữ liệu như lần quét của máy chủ (mở mới, cập nhật, đóng).
        #[arg(long)]
        save: bool,
    },
    /// Tài khoản người dùng.
    User {
        #[command(subcommand)]
        command: admin::UserCommand,
    },
    /// Khóa truy cập API cho tích hợp.
    Token {
        #[command(subcommand)]
        command: admin::TokenCommand,
    },
    /// Giao nhiệm vụ hàng loạt từ bảng CSV/XLSX (cột Mã nhiệm vụ, Cơ quan chủ trì,
    /// Cơ quan phối hợp, Ngày bắt đầu, Thời hạn, Kinh phí, Trạng thái): mọi dòng hoặc không dòng nào.
    Assign {
        #[arg(long, default_value = "tiendo.db")]
        db: PathBuf,
        file: PathBuf,
    },
    /// Xuất toàn bộ dữ liệu (danh mục, giao việc, kỳ, báo cáo với mọi lần điều chỉnh, số
    /// liệu chỉ tiêu, cảnh báo, tài khoản không kèm mật khẩu, nhật ký) ra JSON, CSV (nén ZIP)
    /// hoặc XLSX — để chuyển sang máy khác, lưu trữ hoặc phân tích.
    Export {
        #[arg(long, default_value = "tiendo.db")]
        db: PathBuf,
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// Tệp kết quả.
        #[arg(long)]
        out: PathBuf,
    },
    /// Khôi phục một tệp xuất (JSON, CSV nén ZIP hoặc XLSX) vào một cơ sở dữ liệu trống:
    /// toàn bộ hoặc không gì cả; mã số giữ nguyên.
    Restore {
        /// Cơ sở dữ liệu đích (trống hoặc chưa tồn tại).
        #[arg(long)]
        db: PathBuf,
        /// Tệp xuất.
        file: PathBuf,
    },
    /// Sao lưu trực tuyến: bản sao nhất quán của cơ sở dữ liệu đang dùng.
    Backup {
        #[arg(long, default_value = "tiendo.db")]
        db: PathBuf,
        /// Tệp đích (chưa tồn tại).
        file: PathBuf,
    },
    /// Tạo một tỉnh mô phỏng: chương trình, cơ quan, nhiệm vụ, báo cáo hằng tháng và chỉ
    /// tiêu với số liệu thực hiện, để trình diễn và đo tải (cùng hạt giống, cùng dữ liệu).
    Gen {
        /// Tệp cơ sở dữ liệu SQLite (bắt buộc, để không ghi nhầm vào dữ liệu thật).
        #[arg(long)]
        db: PathBuf,
        /// Số nhiệm vụ.
        #[arg(long)]
        tasks: usize,
        /// Hạt giống ngẫu nhiên.
        #[arg(long)]
        seed: u64,
        /// Số năm lịch sử báo cáo (1–5).
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=5))]
        years: u32,
        /// Ngày đánh giá (YYYY-MM-DD): không có báo cáo nào sau ngày này; mặc định hôm nay.
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
    },
    /// Chạy thử: tạo một tỉnh mô phỏng, tài khoản cho từng vai trò, tính cảnh báo
    /// và mở máy chủ trên 127.0.0.1.
    Demo {
        /// Tệp cơ sở dữ liệu của bản chạy thử (tạo mới nếu chưa có, dùng lại nếu đã có).
        #[arg(long, default_value = "tiendo-demo.db")]
        db: PathBuf,
        /// Địa chỉ lắng nghe; cổng 0 để hệ điều hành chọn.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
        /// Số nhiệm vụ của tỉnh mô phỏng.
        #[arg(long, default_value_t = 3000)]
        tasks: usize,
        /// Hạt giống ngẫu nhiên (cùng hạt giống, cùng tỉnh).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Báo cáo tổng hợp của một kỳ (tháng, 6 tháng, năm) theo thể thức văn bản hành chính.
    Report {
        #[arg(long, default_value = "tiendo.db")]
        db: PathBuf,
        /// Chương trình (số hoặc khóa).
        #[arg(long)]
        program: String,
        /// Kỳ: 2025-09 (tháng), 2025-H1 hoặc 2025-06 (6 tháng), 2025 (năm).
        #[arg(long)]
        period: String,
        #[arg(long, value_enum, default_value = "monthly")]
        kind: ReportKindArg,
        #[arg(long, value_enum, default_value = "docx")]
        format: ReportFormat,
        /// Tệp kết quả.
        #[arg(long)]
        out: PathBuf,
        /// Báo cáo riêng của một cơ quan (mã số trong danh bạ).
        #[arg(long)]
        agency: Option<i64>,
        /// Thể thức: state (Nghị định 30/2020/NĐ-CP) hoặc party (Hướng dẫn 36-HD/VPTW);
        /// mặc định theo cơ quan ban hành chương trình.
        #[arg(long, value_enum)]
        layout: Option<LayoutArg>,
        /// Ngưỡng cảnh báo (TOML), như `tiendo serve --warnings`.
        #[arg(long)]
        warnings: Option<PathBuf>,
        /// Ngày lập báo cáo (mặc định: hôm nay, giờ Việt Nam).
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
    },
    /// Đo tốc độ đọc văn bản (MB/s).
    Bench {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Số giây đo cho mỗi tệp.
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Json,
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportKindArg {
    Monthly,
    #[value(name = "six-month")]
    SixMonth,
    Annual,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    Docx,
    Xlsx,
    Csv,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LayoutArg {
    State,
    Party,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Import {
            db,
            dry_run,
            format,
            kind,
            program,
            files,
        } => {
            let kind = kind.map(|k| match k {
                Kind::Program => DocKind::Program,
                Kind::Table => DocKind::Table,
            });
            // Read every file before writing anything: a bad file stops the whole import.
            let mut read = Vec::new();
            for f in &files {
                match import_path(f, kind) {
                    Ok(i) => read.push((f.clone(), i)),
                    Err(e) => return Ok(import_failed(&e)),
                }
            }
            print_imports(&read, format)?;
            if dry_run {
                eprintln!("(xem trước: không ghi gì vào {})", db.display());
                return Ok(ExitCode::SUCCESS);
            }
            let rt = runtime()?;
            rt.block_on(store_imports(&db, &read, program))
        }
        Command::Diff {
            files,
            program,
            db,
            from,
            to,
            format,
        } => {
            let (a, b) = match (program, files.as_slice()) {
                (Some(program), _) => {
                    let rt = runtime()?;
                    rt.block_on(stored_versions(&db, program, from, to))?
                }
                (None, [old, new]) => match (import_path(old, None), import_path(new, None)) {
                    (Ok(a), Ok(b)) => (a.catalog, b.catalog),
                    (Err(e), _) | (_, Err(e)) => return Ok(import_failed(&e)),
                },
                (None, _) => anyhow::bail!("cần hai tệp (bản cũ, bản mới) hoặc --program"),
            };
            print_diff(&a, &b, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Programs { db } => {
            let rt = runtime()?;
            rt.block_on(async {
                let store = Store::open(&db)
                    .await
                    .with_context(|| format!("mở {}", db.display()))?;
                let programs = store.programs().await?;
                if programs.is_empty() {
                    println!("Chưa có chương trình nào trong {}.", db.display());
                }
                for p in programs {
                    println!(
                        "#{:<3} v{:<3} {:>4} nhiệm vụ {:>4} chỉ tiêu  {}",
                        p.id, p.latest_version, p.task_count, p.indicator_count, p.title
                    );
                }
                store.close().await;
                anyhow::Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Agencies { db, agency, alias } => {
            let rt = runtime()?;
            rt.block_on(agencies(&db, agency, alias))
        }
        Command::Serve {
            db,
            listen,
            body_limit,
            warnings,
            webhook,
        } => {
            let mut config = tiendo_server::Config {
                body_limit,
                ..tiendo_server::Config::default()
            };
            config.warnings.thresholds = warn::thresholds(warnings.as_deref())?;
            if !webhook.is_empty() {
                let secret = std::env::var("TIENDO_WEBHOOK_SECRET").map_err(|_| {
                    anyhow::anyhow!(
                        "--webhook cần khóa ký: đặt biến môi trường TIENDO_WEBHOOK_SECRET"
                    )
                })?;
                config.warnings.webhooks.targets = webhook
                    .into_iter()
                    .map(|url| tiendo_server::Webhook {
                        url,
                        secret: secret.clone(),
                    })
                    .collect();
            }
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            rt.block_on(admin::serve(&db, listen, config))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Warnings {
            db,
            at,
            format,
            config,
            save,
        } => {
            let thresholds = warn::thresholds(config.as_deref())?;
            let at = at.unwrap_or_else(|| tiendo_core::schedule::local_date(chrono::Utc::now()));
            let json = matches!(format, Format::Json);
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            rt.block_on(warn::run(&db, at, thresholds, json, save))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::User { command } => {
            runtime()?.block_on(admin::user(command))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Token { command } => {
            runtime()?.block_on(admin::token(command))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Assign { db, file } => {
            runtime()?.block_on(admin::assign(&db, &file))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { db, format, out } => runtime()?.block_on(export::export(
            &db,
            match format {
                ExportFormat::Json => tiendo_export::Format::Json,
                ExportFormat::Csv => tiendo_export::Format::Csv,
                ExportFormat::Xlsx => tiendo_export::Format::Xlsx,
            },
            &out,
        )),
        Command::Restore { db, file } => runtime()?.block_on(export::restore(&db, &file)),
        Command::Backup { db, file } => {
            runtime()?.block_on(admin::backup(&db, &file))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Gen {
            db,
            tasks,
            seed,
            years,
            today,
        } => runtime()?.block_on(r#gen::run(&db, r#gen::options(tasks, seed, years, today))),
        Command::Demo {
            db,
            listen,
            tasks,
            seed,
        } => runtime()?.block_on(demo::run(demo::Demo {
            db: &db,
            listen,
            tasks,
            seed,
        })),
        Command::Report {
            db,
            program,
            period,
            kind,
            format,
            out,
            agency,
            layout,
            warnings,
            today,
        } => runtime()?.block_on(report::run(report::Ask {
            db: &db,
            program,
            period,
            kind: match kind {
                ReportKindArg::Monthly => tiendo_report::ReportKind::Monthly,
                ReportKindArg::SixMonth => tiendo_report::ReportKind::SixMonth,
                ReportKindArg::Annual => tiendo_report::ReportKind::Annual,
            },
            format: match format {
                ReportFormat::Docx => "docx",
                ReportFormat::Xlsx => "xlsx",
                ReportFormat::Csv => "csv",
                ReportFormat::Json => "json",
            },
            out: &out,
            agency,
            layout: layout.map(|l| match l {
                LayoutArg::State => tiendo_report::Layout::State,
                LayoutArg::Party => tiendo_report::Layout::Party,
            }),
            warnings: warnings.as_deref(),
            today,
        })),
        Command::Bench { files, seconds } => {
            bench::import_throughput(&files, seconds)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

/// Print the error where the operator will look, and exit 2: nothing was written.
fn import_failed(e: &ImportError) -> ExitCode {
    eprintln!("lỗi nhập: {e}");
    eprintln!("không có gì được ghi.");
    ExitCode::from(2)
}

fn print_imports(read: &[(PathBuf, Imported)], format: Format) -> anyhow::Result<()> {
    match format {
        Format::Table => {
            for (f, i) in read {
                print!(
                    "{}",
                    render::preview(&f.display().to_string(), i.kind.code(), &i.catalog)
                );
            }
        }
        Format::Json => {
            let docs: Vec<&tiendo_core::Catalog> = read.iter().map(|(_, i)| &i.catalog).collect();
            let out = if docs.len() == 1 {
                serde_json::to_string_pretty(docs[0])?
            } else {
                serde_json::to_string_pretty(&docs)?
            };
            println!("{out}");
        }
    }
    Ok(())
}

async fn agencies(
    db: &Path,
    agency: Option<String>,
    alias: Option<String>,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(db)
        .await
        .with_context(|| format!("mở cơ sở dữ liệu {}", db.display()))?;
    let result = agencies_in(&store, agency, alias).await;
    // Closing checkpoints the WAL, so no -wal/-shm files are left beside the database.
    store.close().await;
    result
}

async fn agencies_in(
    store: &Store,
    agency: Option<String>,
    alias: Option<String>,
) -> anyhow::Result<ExitCode> {
    if let (Some(name), Some(alias)) = (agency, alias) {
        let Some(found) = store.find_agency(&name).await? else {
            eprintln!("lỗi: không có cơ quan nào tên \"{name}\" trong danh bạ.");
            return Ok(ExitCode::from(2));
        };
        match store.add_alias(found.id, &alias).await {
            Ok(()) => eprintln!("đã ghi \"{alias}\" là tên gọi khác của {}.", found.name),
            Err(StoreError::Conflict(_)) => {
                eprintln!(
                    "lỗi: \"{alias}\" đã là tên hoặc tên gọi khác của một cơ quan khác; không ghi gì."
                );
                return Ok(ExitCode::from(2));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let list = store.agencies().await?;
    if list.is_empty() {
        println!("Danh bạ cơ quan trống.");
    }
    for a in list {
        if a.aliases.is_empty() {
            println!("#{:<4} {}", a.id.0, a.name);
        } else {
            println!(
                "#{:<4} {}  (còn gọi là: {})",
                a.id.0,
                a.name,
                a.aliases.join("; ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--program` names a stored program by its number (`3`, `#3`) or its key.
async fn program_key_of(store: &Store, given: Option<String>) -> anyhow::Result<Option<String>> {
    let Some(given) = given else { return Ok(None) };
    if let Ok(id) = given.trim_start_matches('#').parse::<i64>() {
        let programs = store.programs().await?;
        let Some(p) = programs.into_iter().find(|p| p.id.0 == id) else {
            anyhow::bail!("không có chương trình #{id} trong cơ sở dữ liệu");
        };
        return Ok(Some(p.key));
    }
    Ok(Some(given))
}

/// Tasks added, removed, reworded and moved from `a` to `b`.
fn print_diff(
    a: &tiendo_core::Catalog,
    b: &tiendo_core::Catalog,
    format: Format,
) -> anyhow::Result<()> {
    let d = diff_tasks(&a.tasks, &b.tasks);
    match format {
        Format::Table => print!("{}", render::diff(a, b, &d)),
        Format::Json => {
            let task = |t: &tiendo_core::Task| serde_json::json!({"section": t.section, "kind": t.kind, "title": t.title});
            let v = serde_json::json!({
                "added": d.added.iter().map(|&j| task(&b.tasks[j])).collect::<Vec<_>>(),
                "removed": d.removed.iter().map(|&i| task(&a.tasks[i])).collect::<Vec<_>>(),
                "reworded": d.reworded.iter().map(|&(i, j, s)| serde_json::json!({
                    "old": task(&a.tasks[i]), "new": task(&b.tasks[j]), "similarity": s,
                })).collect::<Vec<_>>(),
                "moved": d.moved.iter().map(|&(i, j)| serde_json::json!({
                    "old": task(&a.tasks[i]), "new": task(&b.tasks[j]),
                })).collect::<Vec<_>>(),
                "unchanged": d.unchanged,
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
    }
    Ok(())
}

/// Two stored versions of a program: `to` (default the latest) and `from`
/// (default the one before it).
async fn stored_versions(
    db: &Path,
    program: String,
    from: Option<u32>,
    to: Option<u32>,
) -> anyhow::Result<(tiendo_core::Catalog, tiendo_core::Catalog)> {
    let store = Store::open(db)
        .await
        .with_context(|| format!("mở cơ sở dữ liệu {}", db.display()))?;
    let result = async {
        let key = program_key_of(&store, Some(program.clone()))
            .await?
            .unwrap_or_default();
        let Some(id) = store.program_by_key(&key).await? else {
            anyhow::bail!("không có chương trình {program} trong cơ sở dữ liệu");
        };
        let versions = store.versions(id).await?;
        let latest = versions.iter().map(|v| v.version).max().unwrap_or(0);
        let to = to.unwrap_or(latest);
        let from = match from {
            Some(f) => f,
            None if to > 1 => to - 1,
            None => anyhow::bail!("chương trình mới có một phiên bản: chưa có gì để so sánh"),
        };
        let old = store
            .load_catalog(id, Some(from))
            .await
            .with_context(|| format!("phiên bản {from}"))?;
        let new = store
            .load_catalog(id, Some(to))
            .await
            .with_context(|| format!("phiên bản {to}"))?;
        Ok((old, new))
    }
    .await;
    store.close().await;
    result
}

async fn store_imports(
    db: &Path,
    read: &[(PathBuf, Imported)],
    program: Option<String>,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(db)
        .await
        .with_context(|| format!("mở cơ sở dữ liệu {}", db.display()))?;
    let result = store_imports_in(&store, read, program).await;
    store.close().await;
    result
}

/// How a file read for an import joins the program `--program` names: a
/// table (or a catalog of appendix rows only) joins its current version; a
/// text that reports results — a report, a conclusion, an article, or any
/// text with figures but no task or target — only records its figures (the
/// further tasks a conclusion sets are not the program's), and so does an
/// amending decision, whose change set is shown, not applied; anything else
/// is the program.
fn import_mode(imported: &Imported) -> ImportMode {
    let c = &imported.catalog;
    let reports = matches!(
        c.program.doc_type,
        DocType::Report | DocType::Conclusion | DocType::Article | DocType::Notice
    );
    if imported.kind == DocKind::Table
        || (!c.tasks.is_empty() && c.tasks.iter().all(|t| t.part == Part::Appendix))
    {
        ImportMode::Appendix
    } else if reports
        || c.changes.is_some()
        || (!c.actuals.is_empty() && c.tasks.is_empty() && c.indicators.is_empty())
    {
        // A report or an amending decision never replaces the program it
        // speaks of: its figures are recorded, its changes are shown.
        ImportMode::Results
    } else {
        ImportMode::Document
    }
}

/// The message of a store error an operator can act on, in Vietnamese where
/// the store has it so.
fn store_error_text(e: &StoreError) -> String {
    match e {
        StoreError::NotFound(m) | StoreError::Invalid(m) | StoreError::Conflict(m) => m.clone(),
        StoreError::Rejected(r) => format!("{} ({})", r.message, r.field),
        other => other.to_string(),
    }
}

async fn store_imports_in(
    store: &Store,
    read: &[(PathBuf, Imported)],
    program: Option<String>,
) -> anyhow::Result<ExitCode> {
    let explicit = program.is_some();
    let program = match program_key_of(store, program).await {
        Ok(p) => p,
        Err(e) => {
            eprintln!("lỗi nhập: --program: {e:#}");
            eprintln!("không có gì được ghi.");
            return Ok(ExitCode::from(2));
        }
    };
    let mut sources = Vec::with_capacity(read.len());
    for (f, _) in read {
        let bytes = std::fs::read(f).with_context(|| format!("đọc lại {}", f.display()))?;
        let content_hash = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        sources.push(SourceInfo {
            file_name: f.display().to_string(),
            content_hash,
            program_key: program.clone(),
        });
    }

    // The results of a document are matched against the indicators of the
    // program they are recorded in: those stored, or those of a program
    // text earlier in this same import.
    let mut indicators: Vec<tiendo_core::Indicator> = Vec::new();
    if let Some(key) = &program
        && let Some(id) = store.program_by_key(key).await?
        && !store.versions(id).await?.is_empty()
    {
        indicators = store.load_catalog(id, None).await?.indicators;
    }
    let mut catalogs = Vec::with_capacity(read.len());
    let mut modes = Vec::with_capacity(read.len());
    for (_, imported) in read {
        let mode = if explicit {
            import_mode(imported)
        } else {
            ImportMode::Document
        };
        let mut catalog = imported.catalog.clone();
        if explicit {
            if mode == ImportMode::Document {
                indicators = catalog.indicators.clone();
            }
            tiendo_ingest::actuals::match_indicators(&mut catalog.actuals, &indicators);
        }
        catalogs.push(catalog);
        modes.push(mode);
    }
    let items: Vec<ImportItem<'_>> = catalogs
        .iter()
        .zip(&sources)
        .zip(&modes)
        .map(|((catalog, source), &mode)| ImportItem {
            catalog,
            source,
            mode,
            record_actuals: explicit,
        })
        .collect();
    // All files in one transaction: a failure stores none of them.
    let reports = match store.import_documents(&Ctx::system(), &items).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("lỗi nhập: {}", store_error_text(&e));
            eprintln!("không có gì được ghi.");
            return Ok(ExitCode::from(2));
        }
    };
    for ((((f, _), catalog), mode), report) in read.iter().zip(&catalogs).zip(&modes).zip(reports) {
        let f = f.display();
        match report.outcome {
            ImportOutcome::Unchanged {
                program_id,
                version,
            } if *mode == ImportMode::Results => {
                let tasks = match catalog.tasks.len() {
                    0 => String::new(),
                    n => {
                        format!(" ({n} nhiệm vụ nêu trong văn bản không được lưu vào chương trình)")
                    }
                };
                match &catalog.changes {
                    Some(ch) => eprintln!(
                        "{f}: văn bản điều chỉnh ({} thay đổi đã đọc): chưa áp dụng vào chương \
                         trình #{program_id}, chương trình giữ phiên bản {version}.",
                        ch.changes.len()
                    ),
                    None => eprintln!(
                        "{f}: văn bản báo cáo kết quả ({}): không tạo phiên bản mới, chương trình \
                         #{program_id} giữ phiên bản {version}{tasks}.",
                        catalog.program.doc_type.label_vi()
                    ),
                }
            }
            ImportOutcome::Unchanged {
                program_id,
                version,
            } => {
                eprintln!(
                    "{f}: không có gì thay đổi (chương trình #{program_id}, phiên bản {version})."
                );
            }
            ImportOutcome::Created {
                program_id,
                version,
                counts,
            } => {
                eprintln!(
                    "{f}: đã lưu chương trình mới #{program_id}, phiên bản {version}.{}",
                    assigned_note(counts.tasks_assigned)
                );
            }
            ImportOutcome::NewVersion {
                program_id,
                version,
                counts,
            } => {
                eprintln!(
                    "{f}: đã lưu phiên bản {version} của chương trình #{program_id}.{}",
                    assigned_note(counts.tasks_assigned)
                );
            }
        }
        if let Some(a) = report.appendix {
            let parts: Vec<String> = [
                (a.filled, "bổ sung thông tin cho nhiệm vụ đã có"),
                (a.matched, "trùng nhiệm vụ đã đủ thông tin"),
                (a.present, "đã có trong phụ lục"),
                (a.added, "thêm thành nhiệm vụ mới"),
            ]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} dòng {what}"))
            .collect();
            eprintln!(
                "{f}: phụ lục {} dòng ghép vào chương trình{}{}.",
                a.rows,
                if parts.is_empty() { "" } else { ": " },
                parts.join(", ")
            );
        }
        let n = catalog.actuals.len();
        match report.actuals {
            _ if n == 0 => {}
            None => eprintln!(
                "{f}: văn bản nêu {n} số liệu kết quả; chưa ghi số liệu nào vì chưa chỉ rõ \
                 chương trình (dùng --program SỐ để ghi vào chỉ tiêu của chương trình)."
            ),
            Some(r) => {
                let program_id = report.outcome.program_id();
                let mut line = format!(
                    "{f}: {n} số liệu kết quả: đã ghi {} vào chỉ tiêu của chương trình \
                     #{program_id}, {} không gắn với chỉ tiêu nào",
                    r.recorded, r.no_indicator
                );
                if r.unchanged > 0 {
                    line.push_str(&format!(", {} đã ghi từ trước", r.unchanged));
                }
                if !r.skipped.is_empty() {
                    line.push_str(&format!(", {} không ghi được", r.skipped.len()));
                }
                eprintln!("{line}.");
                for why in &r.skipped {
                    eprintln!("  - {why}");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Tasks that arrived with a lead agency are assigned to it on import.
fn assigned_note(assigned: u64) -> String {
    if assigned == 0 {
        String::new()
    } else {
        format!(" {assigned} nhiệm vụ đã được giao cho cơ quan chủ trì ghi trong văn bản.")
    }
}
