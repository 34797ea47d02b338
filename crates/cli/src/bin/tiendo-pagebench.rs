//! The overview page's benchmark: a synthetic province (as `tiendo demo`
//! makes it) in a fresh SQLite file, the real server in-process on
//! 127.0.0.1:0, and signed-in clients fetching `/` over HTTP keep-alive.
//! Prints how long each page took (p50, p90, p99, max) and its size.
//!
//! cargo run --release -p tiendo --bin tiendo-pagebench -- --tasks 3000

use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Parser;
use tiendo_core::Role;
use tiendo_server::{AppState, Config, SESSION_COOKIE};
use tiendo_store::{Ctx, NewUser, Store};

// The generator's wiring is the `tiendo gen` command's own.
#[allow(dead_code)]
#[path = "../gen.rs"]
mod r#gen;

#[derive(Parser)]
#[command(about = "Đo thời gian phục vụ trang tổng quan của một tỉnh mô phỏng.")]
struct Args {
    #[arg(long, default_value_t = 3000)]
    tasks: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Pages to fetch in all, after a warm-up.
    #[arg(long, default_value_t = 400)]
    requests: usize,
    /// Clients fetching at once, each waiting for its page before the next.
    #[arg(long, default_value_t = 4)]
    clients: usize,
    /// The page to fetch.
    #[arg(long, default_value = "/")]
    path: String,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run(args))
}

async fn run(args: Args) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("tiendo-pagebench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("bench.db");
    let result = bench(&args, &db).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn bench(args: &Args, db: &std::path::Path) -> anyhow::Result<()> {
    r#gen::run(db, r#gen::options(args.tasks, args.seed, 2, None)).await?;
    let store = Store::open(db).await?;
    let hash = tiendo_store::hash_password("tiendo-pagebench")?;
    let user = store
        .create_user(
            &Ctx::system(),
            NewUser {
                name: "dieuhanh".into(),
                display_name: "Văn phòng UBND tỉnh".into(),
                role: Role::Operator,
                agency: None,
                money_access: true,
                password_hash: hash,
            },
        )
        .await?
        .into_inner();
    let session = store.create_session(user.id).await?;
    let cookie = format!("{SESSION_COOKIE}={}", session.secret);
    let state = AppState::start(store.clone(), Config::default()).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(tiendo_server::serve_state(
        listener,
        state,
        std::future::pending(),
    ));

    let client = reqwest::Client::builder().no_proxy().build()?;
    let url = format!("{base}{}", args.path);
    let mut size = 0;
    for _ in 0..10 {
        size = fetch(&client, &url, &cookie).await.context("warm-up")?.1;
    }
    let clients = args.clients.max(1);
    let each = args.requests.div_ceil(clients);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..clients {
        let (client, url, cookie) = (client.clone(), url.clone(), cookie.clone());
        workers.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(each);
            for _ in 0..each {
                times.push(fetch(&client, &url, &cookie).await?.0);
            }
            anyhow::Ok(times)
        }));
    }
    let mut times: Vec<Duration> = Vec::new();
    for worker in workers {
        times.extend(worker.await??);
    }
    let elapsed = started.elapsed();
    times.sort_unstable();
    let at = |q: f64| {
        let i = ((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1;
        times[i].as_secs_f64() * 1000.0
    };
    println!(
        "tiendo-pagebench: {} tasks, page {} ({} bytes), {} clients",
        args.tasks, args.path, size, clients
    );
    println!(
        "requests    {} in {:.2} s ({:.0} pages/s)",
        times.len(),
        elapsed.as_secs_f64(),
        times.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency ms  p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1}",
        at(0.50),
        at(0.90),
        at(0.99),
        at(1.0)
    );
    store.close().await;
    Ok(())
}

/// One page: how long it took and how many bytes it had.
async fn fetch(
    client: &reqwest::Client,
    url: &str,
    cookie: &str,
) -> anyhow::Result<(Duration, usize)> {
    let started = Instant::now();
    let res = client
        .get(url)
        .header("cookie", cookie)
        .send()
        .await?
        .error_for_status()?;
    let body = res.bytes().await?;
    Ok((started.elapsed(), body.len()))
}
