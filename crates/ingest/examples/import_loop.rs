//! Imports the given files over and over, for profiling the readers without
//! building the whole CLI (`tiendo bench` prints the figures of record):
//!
//! ```sh
//! cargo build --release -p tiendo-ingest --example import_loop
//! perf record --call-graph dwarf ./target/release/examples/import_loop 5 ../shared/corpus/*.txt
//! ```
//!
//! The first argument is the seconds to run; `ROUNDS=n` stops after n rounds.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((secs, paths)) = args.split_first() else {
        eprintln!("usage: import_loop SECONDS FILE...");
        std::process::exit(2);
    };
    let secs: f64 = secs.parse().unwrap_or(5.0);
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(usize::MAX);
    let files: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| (p.clone(), std::fs::read(p).unwrap_or_default()))
        .collect();
    let total: usize = files.iter().map(|f| f.1.len()).sum();
    let start = Instant::now();
    let mut n = 0;
    while start.elapsed().as_secs_f64() < secs && n < rounds {
        for (name, bytes) in &files {
            let r = tiendo_ingest::import_text(name, bytes, None, String::new());
            std::hint::black_box(&r);
        }
        n += 1;
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{:.2} MB/s ({n} rounds in {seconds:.2} s)",
        (total * n) as f64 / seconds / 1e6
    );
}
