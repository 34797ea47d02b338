use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let secs: f64 = args[0].parse().unwrap();
    let files: Vec<(String, Vec<u8>)> = args[1..]
        .iter()
        .map(|p| (p.clone(), std::fs::read(p).unwrap()))
        .collect();
    let total: usize = files.iter().map(|f| f.1.len()).sum();
    let start = Instant::now();
    let mut n = 0;
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(usize::MAX);
    while start.elapsed().as_secs_f64() < secs && n < rounds {
        for (name, b) in &files {
            let _ = tiendo_ingest::import_text(name, b, None, String::new());
        }
        n += 1;
    }
    let el = start.elapsed().as_secs_f64();
    println!("{:.2} MB/s ({} rounds)", (total * n) as f64 / el / 1e6, n);
}
