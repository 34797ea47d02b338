//! `tiendo-loadbench`: how many progress reports per second the server
//! takes, and how long each waits. A fresh SQLite file in a temporary
//! directory, a program seeded in code, the real server in-process on
//! 127.0.0.1:0, and C concurrent clients filing reports over HTTP keep-alive
//! until a bounded total (or time) is reached. Loopback only; prints figures.

mod load;
mod seed;

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Parser;
use tiendo_store::{ReportFilter, Store};

#[derive(Parser)]
#[command(
    name = "tiendo-loadbench",
    about = "Tải thử: báo cáo tiến độ gửi đồng thời qua HTTP"
)]
struct Args {
    /// Clients sending at once, each on its own keep-alive connection. Each
    /// waits for its answer before sending again, so latency grows with
    /// their number (Little's law); 24 is several dozen agencies filing in
    /// the same minute.
    #[arg(long, default_value_t = 24)]
    clients: usize,
    /// Reports to file in all (each into its own task, period and agency).
    #[arg(long, default_value_t = 20_000)]
    reports: usize,
    /// Stop earlier after this many seconds.
    #[arg(long)]
    seconds: Option<f64>,
    /// Tasks of the seeded program.
    #[arg(long, default_value_t = 2_000)]
    tasks: usize,
    /// Agencies of the seeded directory.
    #[arg(long, default_value_t = 60)]
    agencies: usize,
    /// Worker threads of the server's runtime (default: one per core).
    #[arg(long)]
    server_threads: Option<usize>,
    /// Send `GET /api/me` instead of reports: the ceiling of HTTP and the
    /// token check on this machine, without the writer.
    #[arg(long)]
    probe: bool,
    /// Worker threads of the clients' runtime.
    #[arg(long, default_value_t = 1)]
    client_threads: usize,
}

fn runtime(threads: Option<usize>, name: &str) -> anyhow::Result<tokio::runtime::Runtime> {
    let mut b = tokio::runtime::Builder::new_multi_thread();
    b.enable_all().thread_name(name);
    if let Some(n) = threads {
        b.worker_threads(n.max(1));
    }
    Ok(b.build()?)
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(
        args.clients > 0 && args.reports > 0,
        "--clients and --reports must be > 0"
    );
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("loadbench.db");

    let server_rt = runtime(args.server_threads, "server")?;
    let client_rt = runtime(Some(args.client_threads), "client")?;

    let seed_started = Instant::now();
    let today = tiendo_core::schedule::local_date(chrono::Utc::now());
    let (store, seeded) = server_rt.block_on(async {
        let store = Store::open(&db).await?;
        let seeded = seed::seed(&store, args.tasks, args.agencies, args.reports, today).await?;
        anyhow::Ok((store, seeded))
    })?;
    let seed_time = seed_started.elapsed();

    let listener = server_rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .context("bind 127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = server_rt.spawn(tiendo_server::serve(
        listener,
        store.clone(),
        tiendo_server::Config::default(),
        async {
            let _ = stopped.await;
        },
    ));

    println!(
        "tiendo-loadbench: {} tasks, {} agencies, {} periods ({} slots), seeded in {:.1} s",
        args.tasks,
        args.agencies,
        seeded.periods,
        seeded.slots.len(),
        seed_time.as_secs_f64()
    );
    println!(
        "{} clients, {} reports{}, server on http://{addr}/",
        args.clients,
        args.reports,
        args.seconds
            .map(|s| format!(" or {s} s"))
            .unwrap_or_default()
    );

    let outcome = client_rt.block_on(load::run(load::Plan {
        base: format!("http://{addr}"),
        token: seeded.token,
        clients: args.clients,
        reports: args.reports,
        time_limit: args.seconds.map(Duration::from_secs_f64),
        slots: Arc::new(seeded.slots),
        probe: args.probe,
    }))?;

    let _ = stop.send(());
    let stored = server_rt.block_on(async {
        server.await??;
        let page = store
            .reports(&ReportFilter {
                page: 1,
                per_page: 1,
                ..ReportFilter::default()
            })
            .await?;
        store.close().await;
        anyhow::Ok(page.total)
    })?;

    let mut lat = outcome.latencies_us;
    lat.sort_unstable();
    let secs = outcome.elapsed.as_secs_f64();
    if args.probe {
        println!(
            "requests    {} answered, {} errors",
            outcome.ok, outcome.errors
        );
    } else {
        println!(
            "reports     {} created, {} errors, {} stored",
            outcome.ok, outcome.errors, stored
        );
    }
    println!("elapsed     {secs:.2} s");
    let unit = if args.probe { "requests" } else { "reports" };
    println!("throughput  {:.0} {unit}/s", outcome.ok as f64 / secs);
    println!(
        "latency ms  p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        load::percentile_ms(&lat, 0.50),
        load::percentile_ms(&lat, 0.90),
        load::percentile_ms(&lat, 0.99),
        load::percentile_ms(&lat, 1.0),
    );
    if let Some(why) = outcome.first_error {
        println!("first error {why}");
    }
    let filed = if args.probe { 0 } else { outcome.ok as u64 };
    anyhow::ensure!(
        stored == filed,
        "{stored} reports stored but {filed} acknowledged"
    );
    Ok(())
}
