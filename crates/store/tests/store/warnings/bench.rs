//! A bounded benchmark of the two bulk paths: loading everything the engine
//! reads, and storing a sweep's changes. Small by default so the suite stays
//! quick; for real figures, in release:
//!
//! ```text
//! TIENDO_BENCH_TASKS=100000 TIENDO_BENCH_CHANGES=100000 \
//!   cargo test --release -p tiendo-store --test store warnings::bench -- --nocapture
//! ```

use std::time::Instant;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use super::*;

/// Where the generated tasks' ids start.
const FIRST: i64 = 1_000_000;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `tasks` more tasks in the program's latest version, led by Sở Xây dựng,
/// each with a report for every month of 2025 (a third of them with money).
/// Written straight into the file: the API's one-at-a-time writes would
/// measure themselves, not the load.
async fn populate(w: &World, tasks: usize) {
    let mut conn = SqliteConnectOptions::new()
        .filename(&w.db.path)
        .foreign_keys(true)
        .connect()
        .await
        .unwrap();
    let mut tx = conn.begin().await.unwrap();
    let version: i64 =
        sqlx::query_scalar("SELECT MAX(id) FROM program_versions WHERE program_id = ?")
            .bind(w.program.0)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    let xd = w.agency(XD).0;
    let statements = [
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) \
         INSERT INTO tasks (id, program_id, first_version, created_at) \
         SELECT ?3 + i, ?2, 1, '2025-01-01T00:00:00Z' FROM n",
        "INSERT INTO task_versions (version_id, task_id, ord, part, section, kind, title, \
         title_key, conditions_json, lead_agency_id, review_level_json, deadline, line) \
         SELECT ?4, id, id, 'tasks', '1.3', 'plan', 'Nhiệm vụ ' || id, 'nhiem vu ' || id, '[]', \
         ?5, '[]', '2025-12-31', 1 FROM tasks WHERE id > ?3",
        "INSERT INTO assignments (task_id, lead_agency_id, start_on, deadline, status, revision, \
         updated_at) SELECT id, ?5, '2025-01-01', '2025-12-31', 'in_progress', 1, \
         '2025-01-01T00:00:00Z' FROM tasks WHERE id > ?3",
        "INSERT INTO reports (task_id, period_id, agency_id, latest_revision, first_submitted_at, \
         late) SELECT t.id, p.id, ?5, 1, p.due_on || 'T02:00:00.000Z', 0 FROM tasks t \
         JOIN periods p ON p.program_id = ?2 AND p.kind = 'monthly' WHERE t.id > ?3",
        "INSERT INTO report_revisions (report_id, revision, status, percent, done, obstacles, \
         proposals, money_required, money_allocated, evidence_json, estimate, submitted_at, late) \
         SELECT r.id, 1, 'in_progress', (r.task_id * 7 + r.period_id) % 100, '', '', '', \
         CASE WHEN r.id % 3 = 0 THEN '1000000000' END, CASE WHEN r.id % 3 = 0 THEN '600000000' END, \
         '[]', 0, r.first_submitted_at, 0 FROM reports r WHERE r.task_id > ?3",
    ];
    for sql in statements {
        sqlx::query(sql)
            .bind(tasks as i64)
            .bind(w.program.0)
            .bind(FIRST)
            .bind(version)
            .bind(xd)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    conn.close().await.unwrap();
}

/// Wall time and this process's CPU time (all threads: sqlx works on a
/// thread of its own) since a start. The machine the figures come from may
/// be shared; CPU time shows the work when wall time shows the waiting.
struct Clock {
    wall: Instant,
    cpu: Option<f64>,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: cpu_ms(),
        }
    }

    fn ms(&self) -> f64 {
        self.wall.elapsed().as_secs_f64() * 1000.0
    }

    /// `812 ms (cpu 790)`.
    fn show(&self) -> String {
        match (self.cpu, cpu_ms()) {
            (Some(a), Some(b)) => format!("{:.0} ms (cpu {:.0})", self.ms(), b - a),
            _ => format!("{:.0} ms", self.ms()),
        }
    }
}

/// User and system time of this process, on Linux (100 ticks a second).
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) * 10.0)
}

#[tokio::test]
async fn loading_and_storing_at_scale_take_what_they_print() {
    let tasks = env("TIENDO_BENCH_TASKS", 300).max(1);
    let changes = env("TIENDO_BENCH_CHANGES", 2000).clamp(8, tasks * RuleId::ALL.len());
    let w = World::new().await;
    populate(&w, tasks).await;

    // A yardstick for the machine: sqlx reading every report's latest
    // revision, eight columns a row, and doing nothing with it.
    let mut conn = SqliteConnectOptions::new()
        .filename(&w.db.path)
        .connect()
        .await
        .unwrap();
    let start = Clock::start();
    sqlx::query(
        "SELECT r.task_id, r.period_id, v.percent, v.status, v.submitted_at, v.money_required, \
         v.money_allocated, v.money_disbursed FROM reports r \
         JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.latest_revision",
    )
    .try_map(|_| Ok(()))
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let yardstick_time = start.show();
    conn.close().await.unwrap();

    let start = Clock::start();
    let load = w.store().load_engine().await.unwrap();
    let load_time = start.show();
    assert_eq!(load.tasks.len(), tasks + 4);
    let reports: usize = load.tasks.iter().map(|t| t.reports.len()).sum();
    assert_eq!(reports, tasks * 12);
    let money: usize = load.tasks.iter().map(|t| t.money.len()).sum();
    assert!(money > 0);

    let singles = tasks.min(200);
    let start = Clock::start();
    for i in 0..singles {
        let input = w
            .store()
            .load_task_input(TaskId(FIRST + 1 + i as i64))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(input.reports.len(), 12);
    }
    let single_us = start.ms() * 1000.0 / singles as f64;

    // Every rule on as many generated tasks as it takes.
    let subjects = || {
        (0..changes).map(|i| {
            let task = FIRST + 1 + (i / RuleId::ALL.len()) as i64;
            (Subject::task(task), RuleId::ALL[i % RuleId::ALL.len()])
        })
    };
    let raised: Vec<Change> = subjects()
        .map(|(s, rule)| w.raised(s, finding(rule, Severity::Yellow, "Cảnh báo thử.")))
        .collect();
    let start = Clock::start();
    let events = w
        .store()
        .apply_warning_changes(&raised, day(2025, 10, 1))
        .await
        .unwrap();
    let raise_time = start.show();
    assert_eq!(events.len(), changes);

    // A third escalated, a third updated, a third resolved.
    let mixed: Vec<Change> = subjects()
        .enumerate()
        .map(|(i, (s, rule))| match i % 3 {
            0 => w.change(
                s,
                ChangeKind::Escalated,
                finding(rule, Severity::Red, "Cảnh báo thử, nặng hơn."),
                Some(Severity::Yellow),
            ),
            1 => w.change(
                s,
                ChangeKind::Updated,
                finding(rule, Severity::Yellow, "Cảnh báo thử, số mới."),
                Some(Severity::Yellow),
            ),
            _ => w.resolved(s, rule, Severity::Yellow),
        })
        .collect();
    let start = Clock::start();
    let events = w
        .store()
        .apply_warning_changes(&mixed, day(2025, 10, 2))
        .await
        .unwrap();
    let mixed_time = start.show();
    assert_eq!(events.len(), changes);

    let start = Clock::start();
    let page = w
        .store()
        .warnings(&WarningFilter::default(), &operator())
        .await
        .unwrap();
    let list_time = start.show();
    let start = Clock::start();
    let counts = w
        .store()
        .warning_counts(&WarningFilter::default(), &operator())
        .await
        .unwrap();
    let counts_time = start.show();
    assert_eq!(page.total, counts.open);
    let start = Clock::start();
    let reload = w.store().load_engine().await.unwrap();
    let reload_time = start.show();
    assert_eq!(reload.open.len() as u64, counts.open);

    eprintln!(
        "warnings bench: {tasks} tasks, {reports} reports\n  \
         bare read of the reports {yardstick_time}\n  \
         load_engine {load_time}\n  \
         load_task_input {single_us:.0} µs each\n  \
         {changes} changes raised {raise_time}\n  \
         {changes} escalated/updated/resolved {mixed_time}\n  \
         first page of {} open {list_time}, counts {counts_time}\n  \
         load_engine with them open {reload_time}",
        counts.open
    );
}
