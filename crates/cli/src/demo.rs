//! `tiendo demo`: a province to look at in one command. Generates a
//! synthetic province into a fresh database (deterministic for a seed),
//! opens one account per role, evaluates the early warnings and starts the
//! server on loopback, printing the address and the accounts. Run again on
//! the same file, it starts what is there.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use rust_decimal::Decimal;
use tiendo_core::Role;
use tiendo_core::vn::format_number;
use tiendo_server::{WarningService, WarningSettings};
use tiendo_store::{Ctx, NewUser, Store};

use crate::{admin, r#gen};

/// The demo's password for every account: the server listens on loopback
/// only, and the password is printed beside the accounts.
pub const PASSWORD: &str = "tiendo-demo";

/// One account per role: sign-in name, display name, role, and whether it
/// belongs to the agency that leads the most tasks.
const ACCOUNTS: [(&str, &str, Role, bool); 4] = [
    (
        "dieuhanh",
        "Văn phòng UBND tỉnh (điều hành)",
        Role::Operator,
        false,
    ),
    ("lanhdao", "Lãnh đạo UBND tỉnh", Role::Leader, false),
    (
        "giamsat",
        "Ban Kinh tế - Ngân sách HĐND (giám sát)",
        Role::Supervisor,
        false,
    ),
    ("baocao", "Cán bộ báo cáo", Role::Reporter, true),
];

/// `1.254`: a count as Vietnamese readers write it.
fn count(n: usize) -> String {
    format_number(Decimal::from(n))
}

pub struct Demo<'a> {
    pub db: &'a Path,
    pub listen: SocketAddr,
    pub tasks: usize,
    pub seed: u64,
}

pub async fn run(demo: Demo<'_>) -> anyhow::Result<ExitCode> {
    let Demo {
        db,
        listen,
        tasks,
        seed,
    } = demo;
    let options = r#gen::options(tasks, seed, 2, None);
    // The reporter speaks for the agency that leads the most tasks.
    let province = tiendo_gen::generate(&options);
    let mut led = vec![0usize; province.catalog.agencies.len()];
    for t in &province.tasks {
        if let Some(n) = led.get_mut(usize::from(t.lead)) {
            *n += 1;
        }
    }
    let busiest = led
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))
        .and_then(|(i, _)| province.catalog.agencies.get(i).cloned());
    drop(province);

    if db.exists() {
        println!(
            "Dùng lại cơ sở dữ liệu có sẵn {} (xóa tệp này để tạo tỉnh mô phỏng mới).",
            db.display()
        );
    } else {
        let code = r#gen::run(db, options).await?;
        if code != ExitCode::SUCCESS {
            return Ok(code);
        }
    }

    let store = Store::open(db)
        .await
        .with_context(|| format!("mở cơ sở dữ liệu {}", db.display()))?;
    let agency = match &busiest {
        Some(name) => store.find_agency(name).await?.map(|a| a.id),
        None => None,
    };
    let hash = tokio::task::spawn_blocking(|| tiendo_store::hash_password(PASSWORD)).await??;
    let mut lines = Vec::new();
    for (name, display, role, reporter) in ACCOUNTS {
        if store.user_by_name(name).await?.is_none() {
            store
                .create_user(
                    &Ctx::system(),
                    NewUser {
                        name: name.into(),
                        display_name: display.into(),
                        role,
                        agency: if reporter { agency } else { None },
                        money_access: role != Role::Supervisor,
                        password_hash: hash.clone(),
                    },
                )
                .await?;
        }
        let of = match (reporter, &busiest) {
            (true, Some(a)) => format!(" — {a}"),
            _ => String::new(),
        };
        lines.push(format!("  {name:<9} {}{of}", role.label_vi()));
    }

    let service = WarningService::start(store.clone(), WarningSettings::default()).await?;
    let summary = service.sweep().await?;
    drop(service);
    store.close().await;
    println!(
        "Cảnh báo sớm tính đến ngày {}: {} nhiệm vụ, đang mở {} đỏ, {} vàng, {} thông tin.",
        summary.as_of.format("%d/%m/%Y"),
        count(summary.tasks),
        count(summary.open_red),
        count(summary.open_yellow),
        count(summary.open_info),
    );
    println!("Tài khoản thử (mật khẩu chung: {PASSWORD}):");
    for line in lines {
        println!("{line}");
    }
    admin::serve(db, listen, tiendo_server::Config::default()).await?;
    Ok(ExitCode::SUCCESS)
}
