//! Crash safety of `tiendo serve`: a 2xx means the report is on disk.
//! Clients file reports concurrently, the server is killed with SIGKILL
//! while requests are in flight, restarted on the same database, and every
//! acknowledged report must be back with the content it was acknowledged
//! with; a report whose answer never arrived is either whole or absent.
//! Real processes, real HTTP, a real SQLite file; three kill/restart cycles.
#![cfg(unix)]

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::Notify;

/// Kill/restart cycles.
const CYCLES: usize = 3;
/// Clients filing reports at once.
const CLIENTS: usize = 8;
/// Acknowledged reports a cycle waits for before the kill.
const ACKED_PER_CYCLE: usize = 300;
/// How long after the last needed acknowledgement each cycle's kill comes.
const KILL_DELAYS: [Duration; 3] = [
    Duration::ZERO,
    Duration::from_micros(700),
    Duration::from_micros(2_300),
];
/// Extra periods opened: 19 tasks × 5 agencies × 24 periods = 2,280 slots,
/// well above what three cycles use, so no slot is ever filed twice.
const PERIODS: usize = 24;

fn tiendo() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tiendo"))
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/an-lac-ctrinh-hanh-dong-2025-2030.txt")
}

/// Runs `tiendo` to completion, feeding `stdin`; its stdout on success.
fn run(args: &[&str], stdin: &str) -> String {
    let mut child = tiendo()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start tiendo");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("run tiendo");
    assert!(
        out.status.success(),
        "tiendo {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// A running `tiendo serve`. Dropping it kills the process.
struct Server {
    child: Child,
    /// Held open so that the server never writes into a closed pipe.
    _stdout: BufReader<ChildStdout>,
    base: String,
}

impl Server {
    /// Starts the server on a free port and waits for the line that names it.
    fn start(db: &Path, log: &Path) -> Server {
        let log_file = File::options()
            .create(true)
            .append(true)
            .open(log)
            .expect("open server log");
        let mut child = tiendo()
            .args([
                "serve",
                "--db",
                db.to_str().unwrap(),
                "--listen",
                "127.0.0.1:0",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .expect("start tiendo serve");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let mut line = String::new();
        stdout
            .read_line(&mut line)
            .expect("read the server's first line");
        let Some(addr) = line
            .split_once("http://")
            .and_then(|(_, rest)| rest.split_once('/'))
            .map(|(addr, _)| addr.to_string())
        else {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "the server did not say where it listens: {line:?}\nlog:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        };
        Server {
            child,
            _stdout: stdout,
            base: format!("http://{addr}"),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One (task, period, agency) that can take exactly one first report.
#[derive(Debug, Clone, Copy)]
struct Slot {
    task: i64,
    period: i64,
    agency: i64,
}

/// A stored report: what was sent and what the server says it stored
/// (its 201 answer, or the listing for one whose answer was lost).
#[derive(Clone)]
struct Acked {
    sent: Value,
    answer: Value,
}

/// What one load phase produced.
#[derive(Default)]
struct Phase {
    acked: Vec<Acked>,
    /// Sent, but no complete answer arrived before the kill.
    unconfirmed: Vec<Value>,
    /// Requests in flight at the moment of the kill.
    in_flight_at_kill: usize,
}

fn report_body(slot: Slot, cycle: usize, n: usize) -> Value {
    let statuses = ["in_progress", "submitted", "issued", "paused"];
    let allocated = 1_000_000 + n as i64 * 1_000;
    let done = format!(
        "Chu kỳ {cycle}, báo cáo số {n}: đã triển khai nhiệm vụ #{} (kỳ #{}, cơ quan #{}).",
        slot.task, slot.period, slot.agency
    );
    let obstacles = if n.is_multiple_of(3) {
        String::new()
    } else {
        format!("Vướng mắc về mặt bằng, lần {n}.")
    };
    json!({
        "task_id": slot.task,
        "period_id": slot.period,
        "agency_id": slot.agency,
        "status": statuses[n % statuses.len()],
        "percent": (n % 100).to_string(),
        "done": done,
        "obstacles": obstacles,
        "proposals": format!("Đề nghị bố trí vốn {allocated} đồng."),
        "money": {
            "required": (allocated * 2).to_string(),
            "allocated": allocated.to_string(),
            "disbursed": (allocated / 2).to_string(),
        },
        "evidence": [format!("https://anlac.gov.vn/van-ban/{n}")],
        "estimate": n.is_multiple_of(2),
    })
}

/// What the stored report must say about the body that was sent.
fn assert_matches_sent(report: &Value, sent: &Value) {
    for key in ["task_id", "period_id", "agency_id"] {
        assert_eq!(report[key], sent[key], "{key} of report {}", report["id"]);
    }
    let current = &report["current"];
    for key in [
        "status",
        "percent",
        "done",
        "obstacles",
        "proposals",
        "money",
        "evidence",
        "estimate",
    ] {
        assert_eq!(current[key], sent[key], "{key} of report {}", report["id"]);
    }
    assert_eq!(current["revision"], 1, "report {}", report["id"]);
}

async fn get(client: &reqwest::Client, token: &str, url: String) -> Value {
    let res = client
        .get(&url)
        .bearer_auth(token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = res.status();
    let body = res.text().await.expect("read body");
    assert!(status.is_success(), "GET {url}: {status} {body}");
    serde_json::from_str(&body).expect("JSON answer")
}

async fn send(
    client: &reqwest::Client,
    token: &str,
    method: &str,
    url: String,
    body: Value,
) -> Value {
    let req = match method {
        "PUT" => client.put(&url),
        _ => client.post(&url),
    };
    let res = req
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = res.status();
    let text = res.text().await.expect("read body");
    assert!(status.is_success(), "{method} {url}: {status} {text}");
    serde_json::from_str(&text).expect("JSON answer")
}

/// Assigns every task (first agency leads, the others coordinate) and opens
/// the extra periods; returns every slot, interleaved so that concurrent
/// clients touch different tasks.
async fn prepare(client: &reqwest::Client, token: &str, server: &Server) -> Vec<Slot> {
    let agencies: Vec<i64> = get(client, token, server.url("/api/agencies"))
        .await
        .as_array()
        .expect("agencies")
        .iter()
        .map(|a| a["id"].as_i64().expect("agency id"))
        .collect();
    assert!(agencies.len() >= 2, "the example names several agencies");
    let tasks: Vec<i64> = get(client, token, server.url("/api/tasks?per_page=500")).await["items"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| t["id"].as_i64().expect("task id"))
        .collect();
    assert_eq!(tasks.len(), 19, "the example has 19 tasks");
    let program = get(client, token, server.url("/api/programs")).await[0]["id"]
        .as_i64()
        .expect("program id");
    let items: Vec<Value> = tasks
        .iter()
        .map(|&t| {
            json!({
                "task_id": t,
                "lead_agency": agencies[0],
                "coordinators": &agencies[1..],
                "start": "2025-01-01",
                "deadline": "2030-12-31",
                "milestones": [],
                "budget": "5000000000",
                "status": "in_progress",
            })
        })
        .collect();
    send(
        client,
        token,
        "POST",
        server.url("/api/assignments"),
        json!({ "items": items }),
    )
    .await;
    let mut periods = Vec::new();
    for i in 1..=PERIODS {
        let p = send(
            client,
            token,
            "POST",
            server.url(&format!("/api/programs/{program}/periods")),
            json!({
                "label": format!("Kỳ kiểm tra sự cố {i}"),
                "window_start": "2025-01-01",
                "window_end": "2025-12-31",
                "due_on": "2099-12-31",
                "closes_on": null,
            }),
        )
        .await;
        periods.push(p["id"].as_i64().expect("period id"));
    }
    let mut slots = Vec::new();
    for &period in &periods {
        for &agency in &agencies {
            for &task in &tasks {
                slots.push(Slot {
                    task,
                    period,
                    agency,
                });
            }
        }
    }
    slots
}

struct WakeOnDrop(Arc<Notify>);

impl Drop for WakeOnDrop {
    fn drop(&mut self) {
        self.0.notify_one();
    }
}

/// Files reports from `CLIENTS` clients until `ACKED_PER_CYCLE` are
/// acknowledged, then SIGKILLs the server with requests in flight.
async fn load_then_kill(
    client: &reqwest::Client,
    token: &str,
    server: &mut Server,
    slots: &Arc<Vec<Slot>>,
    next: &Arc<AtomicUsize>,
    cycle: usize,
) -> Phase {
    let acks = Arc::new(AtomicUsize::new(0));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let killed = Arc::new(AtomicBool::new(false));
    let enough = Arc::new(Notify::new());
    let mut workers = Vec::new();
    for _ in 0..CLIENTS {
        let (client, token, url) = (
            client.clone(),
            token.to_string(),
            server.url("/api/reports"),
        );
        let (slots, next, acks, in_flight, killed, enough) = (
            slots.clone(),
            next.clone(),
            acks.clone(),
            in_flight.clone(),
            killed.clone(),
            enough.clone(),
        );
        workers.push(tokio::spawn(async move {
            // A client that panics wakes the killer too, so the test fails
            // instead of waiting forever for acknowledgements.
            let _wake = WakeOnDrop(enough.clone());
            let mut phase = Phase::default();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let slot = *slots.get(n).expect("more slots than the cycles use");
                let body = report_body(slot, cycle, n);
                in_flight.fetch_add(1, Ordering::SeqCst);
                let res = client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await;
                let answer = match res {
                    Ok(res) if res.status() == reqwest::StatusCode::CREATED => {
                        res.json::<Value>().await.map_err(|e| e.to_string())
                    }
                    Ok(res) => Err(format!(
                        "{} {}",
                        res.status(),
                        res.text().await.unwrap_or_default()
                    )),
                    Err(e) => Err(e.to_string()),
                };
                in_flight.fetch_sub(1, Ordering::SeqCst);
                match answer {
                    Ok(answer) => {
                        phase.acked.push(Acked { sent: body, answer });
                        if acks.fetch_add(1, Ordering::SeqCst) + 1 == ACKED_PER_CYCLE {
                            enough.notify_one();
                        }
                    }
                    Err(why) => {
                        assert!(
                            killed.load(Ordering::SeqCst),
                            "cycle {cycle}: a report failed before the kill: {why}"
                        );
                        phase.unconfirmed.push(body);
                        return phase;
                    }
                }
            }
        }));
    }
    enough.notified().await;
    // Land the kill at a different point of the writer's cycle each time:
    // right after an acknowledgement, then part-way through later batches.
    let settle = Instant::now() + KILL_DELAYS[(cycle - 1) % KILL_DELAYS.len()];
    while Instant::now() < settle {
        std::hint::spin_loop();
    }
    killed.store(true, Ordering::SeqCst);
    let in_flight_at_kill = in_flight.load(Ordering::SeqCst);
    server.child.kill().expect("SIGKILL the server");
    let mut out = Phase {
        in_flight_at_kill,
        ..Phase::default()
    };
    for w in workers {
        let phase = w.await.expect("a client panicked");
        out.acked.extend(phase.acked);
        out.unconfirmed.extend(phase.unconfirmed);
    }
    out
}

/// Every acknowledged report is there as acknowledged; every unconfirmed
/// one is whole or absent; nothing else was written. Returns the
/// unconfirmed reports that were found whole.
async fn verify(
    client: &reqwest::Client,
    token: &str,
    server: &Server,
    acked: &Arc<Vec<Acked>>,
    unconfirmed: &[Value],
) -> Vec<Acked> {
    let mut checkers = Vec::new();
    for part in 0..CLIENTS {
        let (client, token, acked, base) = (
            client.clone(),
            token.to_string(),
            acked.clone(),
            server.base.clone(),
        );
        checkers.push(tokio::spawn(async move {
            for a in acked.iter().skip(part).step_by(CLIENTS) {
                let id = a.answer["id"].as_i64().expect("report id");
                let mut stored = get(&client, &token, format!("{base}/api/reports/{id}")).await;
                let revisions = stored
                    .as_object_mut()
                    .and_then(|o| o.remove("revisions"))
                    .expect("the detail lists revisions");
                assert_eq!(
                    stored, a.answer,
                    "report {id} differs from what was acknowledged"
                );
                assert_eq!(revisions.as_array().map(Vec::len), Some(1), "report {id}");
                assert_matches_sent(&stored, &a.sent);
            }
        }));
    }
    for c in checkers {
        c.await
            .expect("an acknowledged report is missing or changed");
    }
    let mut whole = Vec::new();
    for sent in unconfirmed {
        let page = get(
            client,
            token,
            server.url(&format!(
                "/api/reports?task={}&period={}&agency={}",
                sent["task_id"], sent["period_id"], sent["agency_id"]
            )),
        )
        .await;
        match page["total"].as_u64() {
            Some(0) => {}
            Some(1) => {
                assert_matches_sent(&page["items"][0], sent);
                whole.push(Acked {
                    sent: sent.clone(),
                    answer: page["items"][0].clone(),
                });
            }
            other => panic!("slot {sent} holds {other:?} reports"),
        }
    }
    let total = get(client, token, server.url("/api/reports?per_page=1")).await["total"]
        .as_u64()
        .expect("total") as usize;
    assert_eq!(
        total,
        acked.len() + whole.len(),
        "reports stored = acknowledged + unconfirmed that made it"
    );
    whole
}

#[test]
fn every_acknowledged_report_survives_sigkill() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tiendo.db");
    let log = dir.path().join("serve.log");
    let db_arg = db.to_str().unwrap();
    run(&["import", "--db", db_arg, sample().to_str().unwrap()], "");
    run(
        &[
            "user",
            "add",
            "--db",
            db_arg,
            "--name",
            "dieuphoi",
            "--role",
            "operator",
            "--password-stdin",
        ],
        "mat-khau-du-dai-123\n",
    );
    let token = run(
        &["token", "create", "--db", db_arg, "--user", "dieuphoi"],
        "",
    )
    .trim()
    .to_string();

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let mut server = Server::start(&db, &log);
    let slots = Arc::new(rt.block_on(prepare(&client, &token, &server)));
    let next = Arc::new(AtomicUsize::new(0));
    let mut acked: Vec<Acked> = Vec::new();
    // Reports filed in an earlier cycle whose answer was lost, and that
    // were found whole after the restart: they count as stored from then on.
    let mut found_whole: Vec<Acked> = Vec::new();

    for cycle in 1..=CYCLES {
        let phase = rt.block_on(load_then_kill(
            &client,
            &token,
            &mut server,
            &slots,
            &next,
            cycle,
        ));
        server.child.wait().expect("reap the killed server");
        assert!(
            phase.acked.len() >= ACKED_PER_CYCLE,
            "cycle {cycle}: {} acknowledged",
            phase.acked.len()
        );
        eprintln!(
            "cycle {cycle}: {} acknowledged, {} in flight at the kill, {} without answer",
            phase.acked.len(),
            phase.in_flight_at_kill,
            phase.unconfirmed.len()
        );
        acked.extend(phase.acked);
        drop(server);

        server = Server::start(&db, &log);
        let all: Arc<Vec<Acked>> = Arc::new(acked.iter().chain(&found_whole).cloned().collect());
        let whole = rt.block_on(verify(&client, &token, &server, &all, &phase.unconfirmed));
        eprintln!(
            "cycle {cycle}: all {} stored reports intact; {} unanswered found whole",
            all.len(),
            whole.len()
        );
        // From now on they are stored reports like the acknowledged ones.
        found_whole.extend(whole);
    }
    drop(server);

    // The database opens after the last kill and every page reads back:
    // `backup` recovers the WAL and copies the whole file with VACUUM INTO.
    let copy = dir.path().join("copy.db");
    run(&["backup", "--db", db_arg, copy.to_str().unwrap()], "");
    assert!(copy.metadata().unwrap().len() > 0);
    let programs = run(&["programs", "--db", copy.to_str().unwrap()], "");
    assert!(programs.contains("AN LẠC"), "{programs}");
    eprintln!("crash test took {:.1?}", started.elapsed());
}
