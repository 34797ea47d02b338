//! The commands that run and administer a deployment: `serve`, `user`,
//! `token`, `backup`.

use std::io::Read;
use std::net::SocketAddr;
use std::path::Path;

use anyhow::{Context, bail};
use clap::{Subcommand, ValueEnum};
use tiendo_core::Role;
use tiendo_store::{Ctx, NewUser, Store};

#[derive(Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Operator,
    Reporter,
    Leader,
    Supervisor,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Operator => Role::Operator,
            RoleArg::Reporter => Role::Reporter,
            RoleArg::Leader => Role::Leader,
            RoleArg::Supervisor => Role::Supervisor,
        }
    }
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Tạo tài khoản; mật khẩu đọc từ đầu vào chuẩn (một dòng).
    Add {
        #[arg(long, default_value = "tiendo.db")]
        db: std::path::PathBuf,
        /// Tên đăng nhập.
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Cơ quan của cán bộ báo cáo (mã số hoặc tên).
        #[arg(long)]
        agency: Option<String>,
        /// Họ tên hiển thị.
        #[arg(long)]
        display_name: Option<String>,
        /// Cho tài khoản giám sát xem số liệu tài chính.
        #[arg(long)]
        money_access: bool,
        /// Đọc mật khẩu từ đầu vào chuẩn (bắt buộc: mật khẩu không ghi trên dòng lệnh).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Đặt mật khẩu mới cho một tài khoản (đọc từ đầu vào chuẩn, một dòng) và
    /// đăng xuất các phiên đang mở; dùng cả cho tài khoản vừa khôi phục.
    Password {
        #[arg(long, default_value = "tiendo.db")]
        db: std::path::PathBuf,
        /// Tên đăng nhập.
        #[arg(long)]
        name: String,
        /// Đọc mật khẩu từ đầu vào chuẩn (bắt buộc: mật khẩu không ghi trên dòng lệnh).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Liệt kê tài khoản.
    List {
        #[arg(long, default_value = "tiendo.db")]
        db: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Tạo khóa truy cập API cho một tài khoản; khóa chỉ hiện một lần.
    Create {
        #[arg(long, default_value = "tiendo.db")]
        db: std::path::PathBuf,
        /// Tên đăng nhập của tài khoản.
        #[arg(long)]
        user: String,
        /// Ghi chú: khóa dùng cho việc gì.
        #[arg(long, default_value = "tích hợp")]
        label: String,
    },
    /// Thu hồi một khóa truy cập.
    Revoke {
        #[arg(long, default_value = "tiendo.db")]
        db: std::path::PathBuf,
        /// Mã số của khóa.
        id: i64,
    },
}

/// `tiendo serve`: the API on `listen` until Ctrl-C or SIGTERM.
pub async fn serve(
    db: &Path,
    listen: SocketAddr,
    config: tiendo_server::Config,
) -> anyhow::Result<()> {
    let store = Store::open(db)
        .await
        .with_context(|| format!("mở cơ sở dữ liệu {}", db.display()))?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("không mở được cổng {listen}"))?;
    let addr = listener.local_addr()?;
    // Tests and scripts read this line to learn the port when given :0.
    println!(
        "Tiến Độ đang chạy tại http://{addr}/ (cơ sở dữ liệu {})",
        db.display()
    );
    tiendo_server::serve(listener, store.clone(), config, shutdown_signal()).await?;
    store.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

pub async fn user(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            db,
            name,
            role,
            agency,
            display_name,
            money_access,
            password_stdin: _,
        } => {
            let hash = password_from_stdin().await?;
            let store = Store::open(&db).await?;
            let agency = match agency {
                None => None,
                Some(a) => Some(find_agency(&store, &a).await?),
            };
            let user = store
                .create_user(
                    &Ctx::system(),
                    NewUser {
                        display_name: display_name.unwrap_or_else(|| name.clone()),
                        name,
                        role: role.into(),
                        agency,
                        money_access,
                        password_hash: hash,
                    },
                )
                .await
                .map_err(store_error)?
                .into_inner();
            store.close().await;
            println!(
                "Đã tạo tài khoản {} (mã số {}, {}).",
                user.name,
                user.id,
                user.role.label_vi()
            );
            Ok(())
        }
        UserCommand::Password {
            db,
            name,
            password_stdin: _,
        } => {
            let hash = password_from_stdin().await?;
            let store = Store::open(&db).await?;
            let user = store
                .set_password(&Ctx::system(), &name, hash)
                .await
                .map_err(store_error)?
                .into_inner();
            store.close().await;
            println!("Đã đặt mật khẩu mới cho {} (mã số {}).", user.name, user.id);
            Ok(())
        }
        UserCommand::List { db } => {
            let store = Store::open(&db).await?;
            for u in store.users().await? {
                println!(
                    "{:>5}  {:<24} {:<22} {}{}",
                    u.id,
                    u.name,
                    u.role.label_vi(),
                    u.agency
                        .map(|a| format!("cơ quan #{a}"))
                        .unwrap_or_default(),
                    if u.disabled { "  (đã khóa)" } else { "" }
                );
            }
            store.close().await;
            Ok(())
        }
    }
}

/// A password read from the first line of standard input, hashed.
async fn password_from_stdin() -> anyhow::Result<String> {
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("đọc mật khẩu từ đầu vào chuẩn")?;
    let password = password.lines().next().unwrap_or_default().to_string();
    if password.chars().count() < 10 {
        bail!("mật khẩu cần ít nhất 10 ký tự");
    }
    Ok(tokio::task::spawn_blocking(move || tiendo_store::hash_password(&password)).await??)
}

pub async fn token(command: TokenCommand) -> anyhow::Result<()> {
    match command {
        TokenCommand::Create { db, user, label } => {
            let store = Store::open(&db).await?;
            let found = store
                .user_by_name(&user)
                .await?
                .with_context(|| format!("không có tài khoản {user}"))?;
            let token = store
                .create_token(&Ctx::system(), found.id, &label)
                .await
                .map_err(store_error)?;
            store.close().await;
            eprintln!(
                "Khóa truy cập #{} cho {} — chỉ hiện một lần, hãy lưu lại:",
                token.token.id, found.name
            );
            println!("{}", token.secret);
            Ok(())
        }
        TokenCommand::Revoke { db, id } => {
            let store = Store::open(&db).await?;
            let t = store
                .revoke_token(&Ctx::system(), id)
                .await
                .map_err(store_error)?;
            store.close().await;
            println!("Đã thu hồi khóa #{} ({}).", t.id, t.label);
            Ok(())
        }
    }
}

/// `tiendo assign`: assignments from a sheet, all rows or none.
pub async fn assign(db: &Path, file: &Path) -> anyhow::Result<()> {
    let lines =
        tiendo_ingest::assignments::read_assignments(file).map_err(|e| anyhow::anyhow!("{e}"))?;
    let store = Store::open(db).await?;
    let mut items = Vec::with_capacity(lines.len());
    for line in &lines {
        let at = |what: &str| format!("{}:{}: {what}", file.display(), line.line);
        let task = tiendo_store::TaskId(line.task_id);
        let mut a = match store.assignment(task).await? {
            Some(view) => view.assignment,
            None => tiendo_core::Assignment::default(),
        };
        if let Some(lead) = &line.lead {
            a.lead_agency = Some(
                find_agency(&store, lead)
                    .await
                    .with_context(|| at("cơ quan chủ trì"))?
                    .0,
            );
        }
        if let Some(names) = &line.coordinators {
            let mut ids = Vec::with_capacity(names.len());
            for n in names {
                ids.push(
                    find_agency(&store, n)
                        .await
                        .with_context(|| at("cơ quan phối hợp"))?
                        .0,
                );
            }
            a.coordinators = ids;
        }
        a.start = line.start.or(a.start);
        a.deadline = line.deadline.or(a.deadline);
        a.budget = line.budget.or(a.budget);
        a.status = line.status.unwrap_or(a.status);
        items.push((task, a));
    }
    let n = items.len();
    let result = store.assign_many(&Ctx::system(), items).await;
    store.close().await;
    match result {
        Ok(_) => {
            println!("Đã giao {n} nhiệm vụ từ {}.", file.display());
            Ok(())
        }
        Err(tiendo_store::StoreError::Rejected(r)) => {
            // `items[i].field` → the sheet's row.
            let row = r
                .field
                .strip_prefix("items[")
                .and_then(|rest| rest.split(']').next())
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| lines.get(i))
                .map_or(0, |l| l.line);
            bail!(
                "{}:{row}: {} [{}] — không có gì được ghi",
                file.display(),
                r.message,
                r.code
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// `tiendo backup`: a consistent copy of a database in use.
pub async fn backup(db: &Path, target: &Path) -> anyhow::Result<()> {
    if !db.exists() {
        bail!("không có cơ sở dữ liệu {}", db.display());
    }
    let store = Store::open(db).await?;
    store.backup(target).await.map_err(store_error)?;
    store.close().await;
    println!("Đã sao lưu {} vào {}.", db.display(), target.display());
    Ok(())
}

async fn find_agency(store: &Store, given: &str) -> anyhow::Result<tiendo_store::AgencyId> {
    if let Ok(id) = given.parse::<i64>()
        && let Some(a) = store.agency(tiendo_store::AgencyId(id)).await?
    {
        return Ok(a.id);
    }
    store
        .find_agency(given)
        .await?
        .map(|a| a.id)
        .with_context(|| format!("không có cơ quan “{given}” trong danh bạ (xem: tiendo agencies)"))
}

/// A store refusal in words for the terminal.
fn store_error(e: tiendo_store::StoreError) -> anyhow::Error {
    match e {
        tiendo_store::StoreError::Rejected(r) => {
            anyhow::anyhow!("{} [{}: {}]", r.message, r.code, r.field)
        }
        other => other.into(),
    }
}
