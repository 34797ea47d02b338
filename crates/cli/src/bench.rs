//! `tiendo bench`: import throughput on real documents, in MB/s. Parsing
//! only (no database), each file read repeatedly for a fixed time.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use tiendo_ingest::import_text;

pub fn import_throughput(files: &[PathBuf], seconds: f64) -> anyhow::Result<()> {
    let budget = Duration::from_secs_f64(seconds.clamp(0.1, 60.0));
    let mut total_bytes = 0u64;
    let mut total_time = Duration::ZERO;
    println!(
        "{:<55} {:>9} {:>7} {:>9} {:>9}",
        "tệp", "KB", "lần", "ms/lần", "MB/s"
    );
    for f in files {
        let bytes = std::fs::read(f).with_context(|| format!("đọc {}", f.display()))?;
        let name = f.display().to_string();
        // One untimed pass: fails early on a bad file and warms the caches.
        import_text(&name, &bytes, None, String::new()).map_err(|e| anyhow::anyhow!("{e}"))?;
        let start = Instant::now();
        let mut runs = 0u64;
        while start.elapsed() < budget {
            let r = import_text(&name, &bytes, None, String::new());
            std::hint::black_box(&r);
            runs += 1;
        }
        let elapsed = start.elapsed();
        let mbps = (bytes.len() as f64 * runs as f64) / elapsed.as_secs_f64() / 1e6;
        println!(
            "{:<55} {:>9.1} {:>7} {:>9.3} {:>9.2}",
            name.rsplit('/').next().unwrap_or(&name),
            bytes.len() as f64 / 1024.0,
            runs,
            elapsed.as_secs_f64() * 1000.0 / runs as f64,
            mbps
        );
        total_bytes += bytes.len() as u64 * runs;
        total_time += elapsed;
    }
    println!(
        "tổng: {:.2} MB/s",
        total_bytes as f64 / total_time.as_secs_f64() / 1e6
    );
    Ok(())
}
