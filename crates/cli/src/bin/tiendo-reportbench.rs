//! The consolidated report's benchmark: a synthetic province (as `tiendo
//! gen` makes it) in a fresh SQLite file, then the annual report of the
//! last full year assembled from the store and written as DOCX, several
//! times. Prints each step's time (best and median) and the file's size.
//!
//! cargo run --release -p tiendo --bin tiendo-reportbench -- --tasks 10000

use std::time::{Duration, Instant};

use chrono::Datelike;
use clap::Parser;
use tiendo_report::{ReportKind, Request};
use tiendo_store::{ProgramId, Store};

// The generator's wiring is the `tiendo gen` command's own.
#[allow(dead_code)]
#[path = "../gen.rs"]
mod r#gen;

#[derive(Parser)]
#[command(about = "Đo thời gian lập báo cáo năm của một tỉnh mô phỏng.")]
struct Args {
    #[arg(long, default_value_t = 10_000)]
    tasks: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Times to make the report.
    #[arg(long, default_value_t = 5)]
    runs: usize,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(run(args))
}

async fn run(args: Args) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("tiendo-reportbench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("bench.db");
    let result = bench(&args, &db).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn bench(args: &Args, db: &std::path::Path) -> anyhow::Result<()> {
    let today = tiendo_core::schedule::local_date(chrono::Utc::now());
    r#gen::run(db, r#gen::options(args.tasks, args.seed, 2, Some(today))).await?;
    let store = Store::open(db).await?;
    let request = Request {
        program: ProgramId(1),
        kind: ReportKind::Annual,
        period: (today.year() - 1).to_string(),
        agency: None,
        today,
        layout: None,
        thresholds: tiendo_core::warning::Thresholds::default(),
        money: true,
    };
    let (mut assemble, mut write, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let mut size = 0;
    for _ in 0..args.runs.max(1) {
        let started = Instant::now();
        let report = tiendo_report::assemble(&store, &request).await?;
        let assembled = started.elapsed();
        let bytes = tiendo_report::docx::write(&report)?;
        let done = started.elapsed();
        size = bytes.len();
        assemble.push(assembled);
        write.push(done - assembled);
        total.push(done);
    }
    for list in [&mut assemble, &mut write, &mut total] {
        list.sort();
    }
    let mid = total.len() / 2;
    println!(
        "tiendo-reportbench: {} tasks, annual report {} ({} KB DOCX), {} runs",
        args.tasks,
        request.period,
        size / 1024,
        total.len()
    );
    for (name, list) in [("assemble", &assemble), ("docx", &write), ("total", &total)] {
        println!(
            "{name:<9} best {:>7.1} ms  median {:>7.1} ms",
            ms(list[0]),
            ms(list[mid])
        );
    }
    store.close().await;
    Ok(())
}
