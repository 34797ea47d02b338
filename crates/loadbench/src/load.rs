//! The clients: each one its own HTTP client on one keep-alive connection,
//! filing reports into distinct slots one after another until the total or
//! the time is used up, timing every request from send to the last byte of
//! the answer.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::Barrier;

use crate::seed::Slot;

pub struct Plan {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pub token: String,
    pub clients: usize,
    pub reports: usize,
    pub time_limit: Option<Duration>,
    pub slots: Arc<Vec<Slot>>,
    /// `GET /api/me` instead of filing reports: what HTTP and the token
    /// check cost without the writer.
    pub probe: bool,
}

/// What the clients saw.
pub struct Outcome {
    /// One per answered request (201 or not), in microseconds.
    pub latencies_us: Vec<u64>,
    pub ok: usize,
    pub errors: usize,
    pub first_error: Option<String>,
    pub elapsed: Duration,
}

/// A report of realistic size (a few hundred bytes of Vietnamese text).
fn body(slot: Slot, n: usize) -> Value {
    let allocated = 500_000_000 + (n as i64 % 1_000) * 1_000_000;
    json!({
        "task_id": slot.task,
        "period_id": slot.period,
        "agency_id": slot.agency,
        "status": "in_progress",
        "percent": (n % 100).to_string(),
        "done": format!(
            "Đã ban hành kế hoạch triển khai, tổ chức hội nghị quán triệt và phân công \
             nhiệm vụ cho các phòng chuyên môn; hoàn thành {}% khối lượng công việc của kỳ.",
            n % 100
        ),
        "obstacles": "Nguồn vốn bố trí chậm; thủ tục thẩm định kéo dài.",
        "proposals": "Đề nghị Sở Tài chính sớm tham mưu bố trí vốn.",
        "money": {
            "required": (allocated * 2).to_string(),
            "allocated": allocated.to_string(),
            "disbursed": (allocated / 2).to_string(),
        },
        "evidence": [format!("https://anlac.gov.vn/van-ban/{n}")],
        "estimate": false,
    })
}

struct ClientResult {
    latencies_us: Vec<u64>,
    ok: usize,
    errors: usize,
    first_error: Option<String>,
}

pub async fn run(plan: Plan) -> anyhow::Result<Outcome> {
    let next = Arc::new(AtomicUsize::new(0));
    // Everyone connects first; the clock starts when all are ready.
    let ready = Arc::new(Barrier::new(plan.clients + 1));
    let url = format!("{}/api/reports", plan.base);
    let mut clients = Vec::with_capacity(plan.clients);
    let start_at = Arc::new(tokio::sync::OnceCell::<Instant>::new());
    for _ in 0..plan.clients {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(1)
            .timeout(Duration::from_secs(30))
            .build()?;
        let (next, ready, start_at) = (next.clone(), ready.clone(), start_at.clone());
        let (url, health) = (url.clone(), format!("{}/api/health", plan.base));
        let (me, probe) = (format!("{}/api/me", plan.base), plan.probe);
        let (token, slots) = (plan.token.clone(), plan.slots.clone());
        let (total, time_limit) = (plan.reports, plan.time_limit);
        clients.push(tokio::spawn(async move {
            let warm = http
                .get(&health)
                .send()
                .await
                .and_then(|r| r.error_for_status());
            ready.wait().await;
            warm?;
            let started = *start_at.get_or_init(|| async { Instant::now() }).await;
            let mut out = ClientResult {
                latencies_us: Vec::with_capacity(total / 8 + 16),
                ok: 0,
                errors: 0,
                first_error: None,
            };
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let slot = match slots.get(n) {
                    Some(s) if n < total => *s,
                    _ => break,
                };
                if time_limit.is_some_and(|limit| started.elapsed() >= limit) {
                    break;
                }
                let (request, expected) = if probe {
                    (http.get(&me), reqwest::StatusCode::OK)
                } else {
                    (
                        http.post(&url).json(&body(slot, n)),
                        reqwest::StatusCode::CREATED,
                    )
                };
                let sent = Instant::now();
                let res = request.bearer_auth(&token).send().await;
                let failure = match res {
                    Ok(res) => {
                        let status = res.status();
                        let text = res.text().await;
                        match text {
                            Ok(_) if status == expected => None,
                            Ok(text) => Some(format!("{status}: {text}")),
                            Err(e) => Some(e.to_string()),
                        }
                    }
                    Err(e) => Some(e.to_string()),
                };
                out.latencies_us
                    .push(u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX));
                match failure {
                    None => out.ok += 1,
                    Some(why) => {
                        out.errors += 1;
                        out.first_error.get_or_insert(why);
                    }
                }
            }
            Ok::<_, reqwest::Error>(out)
        }));
    }
    ready.wait().await;
    let mut outcome = Outcome {
        latencies_us: Vec::with_capacity(plan.reports),
        ok: 0,
        errors: 0,
        first_error: None,
        elapsed: Duration::ZERO,
    };
    for c in clients {
        let r = c.await??;
        outcome.latencies_us.extend(r.latencies_us);
        outcome.ok += r.ok;
        outcome.errors += r.errors;
        if outcome.first_error.is_none() {
            outcome.first_error = r.first_error;
        }
    }
    outcome.elapsed = start_at.get().map(Instant::elapsed).unwrap_or_default();
    Ok(outcome)
}

/// The latency below which `q` (0–1) of the sorted samples fall, in ms.
pub fn percentile_ms(sorted_us: &[u64], q: f64) -> f64 {
    if sorted_us.is_empty() {
        return 0.0;
    }
    let rank = ((q * sorted_us.len() as f64).ceil() as usize).clamp(1, sorted_us.len());
    sorted_us[rank - 1] as f64 / 1000.0
}
