//! Reports that re-check their task inside their own write job: what they
//! hand the engine equals what a reload gives, the warnings they return are
//! stored in the same commit, and a write by another process makes the next
//! report ask for a reload instead.

use std::sync::{Arc, Mutex};

use tiendo_core::warning::{Engine, Filing};
use tiendo_store::{Filed, Follow, FollowUp};

use super::*;

/// An engine loaded from the world as it is now, shared with the follows.
async fn loaded(w: &World) -> Arc<Mutex<Engine>> {
    w.store().mark_synced().await.unwrap();
    Arc::new(Mutex::new(engine_of(w.store()).await))
}

/// A follow that files into `engine`, re-checks as of 1 October 2025 and
/// notes each filing it was handed.
fn follow(engine: &Arc<Mutex<Engine>>, seen: &Arc<Mutex<Vec<Filing>>>) -> Follow {
    let (engine, seen) = (engine.clone(), seen.clone());
    Box::new(move |filing| {
        seen.lock().unwrap().push(filing.clone());
        let mut engine = engine.lock().unwrap();
        if !engine.file_report(filing) {
            return None;
        }
        let today = day(2025, 10, 1);
        Some((engine.check_task(filing.task, today), today))
    })
}

async fn submit(
    w: &World,
    period: &Period,
    agency: &str,
    body: ReportBody,
    now: DateTime<Utc>,
    follow: Follow,
) -> Filed {
    w.store()
        .submit_report_with(
            &Ctx::system(),
            NewReport {
                task_id: w.tasks[0],
                period_id: period.id,
                agency_id: Some(w.agency(agency)),
                body,
            },
            now,
            Some(follow),
        )
        .await
        .unwrap()
}

fn stored(filed: &Filed) -> &[tiendo_store::WarningEvent] {
    match &filed.warnings {
        FollowUp::Stored(events) => events,
        other => panic!("expected stored warnings, got {other:?}"),
    }
}

#[tokio::test]
async fn following_reports_gives_the_engine_what_a_reload_gives_and_stores_warnings_in_the_same_write()
 {
    let w = World::new().await;
    w.assign_roads().await;
    let engine = loaded(&w).await;
    let seen = Arc::new(Mutex::new(Vec::new()));

    // July: 20% against a plan of about 30% — behind, stored with the report.
    let july = submit(
        &w,
        w.monthly(7),
        XD,
        body(TaskStatus::InProgress, "20"),
        vn(2025, 7, 18, 10, 0),
        follow(&engine, &seen),
    )
    .await;
    let raised = stored(&july);
    assert!(
        raised
            .iter()
            .any(|e| e.kind == ChangeKind::Raised && e.warning.rule == RuleId::BehindPlan),
        "{raised:#?}"
    );
    let listed = w
        .list(WarningFilter {
            rule: Some(RuleId::BehindPlan),
            ..WarningFilter::default()
        })
        .await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, raised[0].warning.id);

    // The coordinator's report is not the engine's business.
    let coordinator = submit(
        &w,
        w.monthly(8),
        TC,
        body(TaskStatus::InProgress, "90"),
        vn(2025, 8, 18, 9, 30),
        follow(&engine, &seen),
    )
    .await;
    assert!(matches!(coordinator.warnings, FollowUp::Nothing));

    // August, then revised with money at 06:30 on 2 September in Vietnam
    // (still 1 September in UTC): the filing date is Vietnam's.
    let august = submit(
        &w,
        w.monthly(8),
        XD,
        body(TaskStatus::InProgress, "30"),
        vn(2025, 8, 18, 9, 0),
        follow(&engine, &seen),
    )
    .await;
    let mut revised = body(TaskStatus::InProgress, "35");
    revised.money = Money {
        required: Some(dec("1000000000")),
        allocated: Some(dec("600000000")),
        disbursed: Some(dec("100000000")),
    };
    let revision = w
        .store()
        .revise_report_with(
            &Ctx::system(),
            august.report.value().id,
            revised,
            vn(2025, 9, 2, 6, 30),
            Some(follow(&engine, &seen)),
        )
        .await
        .unwrap();
    stored(&revision);
    let half = w.period(PeriodKind::SixMonth, 1).clone();
    submit(
        &w,
        &half,
        XD,
        body(TaskStatus::Submitted, "25"),
        vn(2025, 9, 3, 9, 0),
        follow(&engine, &seen),
    )
    .await;

    let filings = seen.lock().unwrap().clone();
    assert_eq!(
        filings.len(),
        4,
        "the coordinator's report is not handed over"
    );
    assert_eq!(filings[2].filed, day(2025, 9, 2));
    assert_eq!(filings[2].percent_bp, 3500);
    assert_eq!(filings[3].as_of, half.dates.window_end);

    // Everything the engine now holds for the task equals a reload.
    let reloaded = w
        .store()
        .load_task_input(w.tasks[0])
        .await
        .unwrap()
        .unwrap();
    let engine = engine.lock().unwrap();
    let held = engine.task(w.tasks[0].0).unwrap();
    assert_eq!(held.reports, reloaded.reports);
    assert_eq!(held.money, reloaded.money);
    assert_eq!(held.status, reloaded.status);
    assert_eq!(held.status, TaskStatus::Submitted);
    assert_eq!(held.start, reloaded.start);
    assert_eq!(held.deadline, reloaded.deadline);
}

#[tokio::test]
async fn a_write_by_another_process_makes_the_next_report_ask_for_a_reload() {
    let w = World::new().await;
    w.assign_roads().await;
    let engine = loaded(&w).await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let july = submit(
        &w,
        w.monthly(7),
        XD,
        body(TaskStatus::InProgress, "30"),
        vn(2025, 7, 18, 10, 0),
        follow(&engine, &seen),
    )
    .await;
    assert!(matches!(july.warnings, FollowUp::Stored(_)));

    // `tiendo assign` in another process moves the deadline.
    let other = Store::open(&w.db.path).await.unwrap();
    let mut moved = other
        .assignment(w.tasks[0])
        .await
        .unwrap()
        .unwrap()
        .assignment;
    moved.deadline = Some(date(2026, 12, 31));
    other
        .assign(&Ctx::system(), w.tasks[0], moved)
        .await
        .unwrap();
    other.close().await;

    let august = submit(
        &w,
        w.monthly(8),
        XD,
        body(TaskStatus::InProgress, "35"),
        vn(2025, 8, 18, 9, 0),
        follow(&engine, &seen),
    )
    .await;
    assert!(
        matches!(august.warnings, FollowUp::Stale),
        "{:?}",
        august.warnings
    );
    assert_eq!(
        seen.lock().unwrap().len(),
        1,
        "the stale engine was not handed August"
    );

    // Once the engine has caught up, reports follow again; its own writes
    // (through the same store) never count as another process's.
    let engine = loaded(&w).await;
    w.store()
        .assign(
            &Ctx::system(),
            w.tasks[0],
            w.store()
                .assignment(w.tasks[0])
                .await
                .unwrap()
                .unwrap()
                .assignment,
        )
        .await
        .unwrap();
    let september = submit(
        &w,
        w.monthly(9),
        XD,
        body(TaskStatus::InProgress, "45"),
        vn(2025, 9, 18, 9, 0),
        follow(&engine, &seen),
    )
    .await;
    assert!(matches!(september.warnings, FollowUp::Stored(_)));
}
