//! `tiendo gen` end to end: a synthetic province of 300 tasks in a fresh
//! database, counted through the store; the same seed twice gives the same
//! province; a second run into the same database is refused.

use std::path::Path;
use std::process::Output;

use tiendo_core::TaskStatus;
use tiendo_store::{AuditFilter, ReportFilter, Store, TaskFilter};

mod common;

use common::{text, tiendo};

fn generate(db: &Path, seed: &str) -> Output {
    tiendo(&[
        "gen",
        "--db",
        db.to_str().unwrap(),
        "--tasks",
        "300",
        "--seed",
        seed,
        "--today",
        "2026-11-23",
    ])
}

/// What the database holds, read through the store.
#[derive(Debug, PartialEq, Eq)]
struct Counts {
    programs: usize,
    tasks: u64,
    indicators: usize,
    reports: u64,
    late: u64,
    /// Reports of the six-month and yearly periods due by today, each period's.
    summaries: Vec<(String, u64)>,
    monthly_periods: usize,
    issued: u64,
    loads: u64,
}

fn counts(db: &Path) -> Counts {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = Store::open(db).await.unwrap();
        let programs = store.programs().await.unwrap();
        let program = programs[0].id;
        let reports = |late: Option<bool>| ReportFilter {
            program: Some(program),
            late,
            per_page: 1,
            ..ReportFilter::default()
        };
        let tasks = |status: Option<TaskStatus>| TaskFilter {
            program: Some(program),
            status,
            per_page: 1,
            ..TaskFilter::default()
        };
        let out = Counts {
            programs: programs.len(),
            tasks: store.tasks(&tasks(None)).await.unwrap().total,
            indicators: programs[0].indicator_count,
            reports: store.reports(&reports(None)).await.unwrap().total,
            late: store.reports(&reports(Some(true))).await.unwrap().total,
            summaries: {
                let mut out = Vec::new();
                for p in store.periods(program).await.unwrap() {
                    if p.kind != tiendo_core::PeriodKind::Monthly
                        && p.dates.due_on <= "2026-11-23".parse().unwrap()
                    {
                        let filter = ReportFilter {
                            period: Some(p.id),
                            ..reports(None)
                        };
                        out.push((p.label.clone(), store.reports(&filter).await.unwrap().total));
                    }
                }
                out
            },
            monthly_periods: store
                .periods(program)
                .await
                .unwrap()
                .iter()
                .filter(|p| p.kind == tiendo_core::PeriodKind::Monthly)
                .count(),
            issued: store
                .tasks(&tasks(Some(TaskStatus::Issued)))
                .await
                .unwrap()
                .total,
            loads: store
                .audit_log(&AuditFilter {
                    action: Some("history.load".into()),
                    ..AuditFilter::default()
                })
                .await
                .unwrap()
                .total,
        };
        store.close().await;
        out
    })
}

#[test]
fn gen_fills_a_fresh_database_with_a_province() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tinh.db");
    let out = generate(&db, "7");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(summary.contains("Nhiệm vụ      300"), "{summary}");
    assert!(summary.contains("đúng tiến độ"), "{summary}");

    let c = counts(&db);
    assert_eq!(c.programs, 1);
    assert_eq!(c.tasks, 300);
    assert_eq!(c.indicators, 6);
    // About ten monthly reports a task over two years and three or four
    // six-month and yearly ones, a few of them late.
    assert!((3_300..=4_600).contains(&c.reports), "{c:?}");
    // Each six-month and yearly period due by today holds the reports of
    // the tasks that reported in its window: H1 and H2 2025, the year 2025,
    // H1 2026 (the year 2026 is due on 30 November).
    let mut labels: Vec<&str> = c.summaries.iter().map(|(l, _)| l.as_str()).collect();
    labels.sort_unstable();
    assert_eq!(
        labels,
        [
            "6 tháng cuối năm 2025",
            "6 tháng đầu năm 2025",
            "6 tháng đầu năm 2026",
            "Năm 2025"
        ],
        "{c:?}"
    );
    assert!(
        c.summaries.iter().all(|(_, n)| (100..=300).contains(n)),
        "{c:?}"
    );
    assert!(c.late > 0 && c.late * 4 < c.reports, "{c:?}");
    // January 2025 to December 2026.
    assert_eq!(c.monthly_periods, 24);
    assert!(c.issued > 0, "{c:?}");
    assert_eq!(c.loads, 1);

    // Again into the same database: refused, nothing written.
    let again = generate(&db, "7");
    assert_eq!(again.status.code(), Some(2), "{}", text(&again.stdout));
    assert!(
        text(&again.stderr).contains("đã có chương trình"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(counts(&db), c);
}

#[test]
fn the_same_seed_gives_the_same_province() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, other) = (
        dir.path().join("a.db"),
        dir.path().join("b.db"),
        dir.path().join("c.db"),
    );
    // The summary without its first line (the file) and last (the time).
    let body = |o: &Output| {
        assert!(o.status.success(), "{}", text(&o.stderr));
        let s = text(&o.stdout);
        let lines: Vec<&str> = s.lines().collect();
        lines[1..lines.len() - 1].join("\n")
    };
    let first = body(&generate(&a, "3"));
    assert_eq!(first, body(&generate(&b, "3")));
    assert_eq!(counts(&a), counts(&b));
    assert_ne!(first, body(&generate(&other, "4")));
}
