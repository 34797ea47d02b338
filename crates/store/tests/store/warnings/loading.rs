//! What the engine loads

use chrono::Datelike;
use tiendo_core::warning::ReportPoint;

use super::*;

/// Roads gets July, the first half-year, August (revised with money) and
/// September from its lead agency, and an August report from its
/// coordinator that the engine must not see.
async fn roads_reports(w: &World) {
    w.assign_roads().await;
    w.file(
        w.tasks[0],
        w.monthly(7),
        XD,
        body(TaskStatus::InProgress, "20"),
        vn(2025, 7, 18, 10, 0),
    )
    .await;
    let half = w.period(PeriodKind::SixMonth, 1).clone();
    w.file(
        w.tasks[0],
        &half,
        XD,
        body(TaskStatus::InProgress, "25"),
        vn(
            half.dates.due_on.year(),
            half.dates.due_on.month(),
            half.dates.due_on.day(),
            9,
            0,
        ),
    )
    .await;
    let august = w
        .file(
            w.tasks[0],
            w.monthly(8),
            XD,
            body(TaskStatus::InProgress, "30"),
            vn(2025, 8, 18, 9, 0),
        )
        .await;
    let mut revised = body(TaskStatus::InProgress, "35");
    revised.money = Money {
        required: Some(dec("1000000000")),
        allocated: Some(dec("600000000")),
        disbursed: Some(dec("100000000")),
    };
    // 06:30 on 2 September in Vietnam is still 1 September in UTC.
    w.store()
        .revise_report(&Ctx::system(), august, revised, vn(2025, 9, 2, 6, 30))
        .await
        .unwrap();
    w.file(
        w.tasks[0],
        w.monthly(8),
        TC,
        body(TaskStatus::InProgress, "50"),
        vn(2025, 8, 18, 9, 30),
    )
    .await;
    w.file(
        w.tasks[0],
        w.monthly(9),
        XD,
        body(TaskStatus::InProgress, "45"),
        vn(2025, 9, 19, 6, 0),
    )
    .await;
}

#[tokio::test]
async fn the_engine_gets_the_lead_agencys_latest_revisions_in_window_order_with_local_filing_dates()
{
    let w = World::new().await;
    roads_reports(&w).await;
    let load = w.store().load_engine().await.unwrap();

    // The calendar is the monthly periods, named as a sentence names them.
    assert_eq!(load.programs.len(), 1);
    let program = &load.programs[0];
    assert_eq!(program.id, w.program.0);
    assert!(!program.key.is_empty());
    let calendar = &program.calendar;
    assert_eq!(calendar.len(), 12);
    let september = calendar.index_of(w.monthly(9).id).unwrap();
    assert_eq!(september, 8);
    let period = calendar.get(september).unwrap();
    assert_eq!(period.label, "tháng 9/2025");
    assert_eq!(period.window_end, day(2025, 9, 14));
    assert_eq!(period.due_on, day(2025, 9, 18));
    let half = w.period(PeriodKind::SixMonth, 1);
    assert_eq!(calendar.index_of(half.id), None, "not the finest kind");

    assert_eq!(load.tasks.len(), 4);
    let roads = input_of(&load.tasks, w.tasks[0]);
    assert_eq!(roads.program, w.program.0);
    assert_eq!(roads.status, TaskStatus::InProgress);
    assert_eq!(roads.start, Some(day(2025, 1, 1)));
    assert_eq!(roads.deadline, Some(day(2025, 12, 31)));
    assert_eq!(roads.milestones.len(), 2);
    assert_eq!(roads.milestones[0].planned_percent, dec("40"));
    assert!(!roads.conditional);
    assert_eq!(roads.activated_on, None);
    let monthly = |m: u8| calendar.index_of(w.monthly(m).id);
    assert_eq!(
        roads.reports,
        vec![
            ReportPoint {
                as_of: half.dates.window_end,
                filed: half.dates.due_on,
                period: None,
                percent_bp: 2500,
                status: TaskStatus::InProgress,
            },
            ReportPoint {
                as_of: day(2025, 7, 14),
                filed: day(2025, 7, 18),
                period: monthly(7),
                percent_bp: 2000,
                status: TaskStatus::InProgress,
            },
            ReportPoint {
                as_of: day(2025, 8, 14),
                filed: day(2025, 9, 2),
                period: monthly(8),
                percent_bp: 3500,
                status: TaskStatus::InProgress,
            },
            ReportPoint {
                as_of: day(2025, 9, 14),
                filed: day(2025, 9, 19),
                period: monthly(9),
                percent_bp: 4500,
                status: TaskStatus::InProgress,
            },
        ],
        "the half-year ends in June, before July"
    );
    assert!(half.dates.window_end < day(2025, 7, 14));
    assert_eq!(roads.money.len(), 1);
    assert_eq!(roads.money[0].filed, day(2025, 9, 2));
    assert_eq!(roads.money[0].money.allocated, Some(dec("600000000")));

    // Assigned by the import, conditional in the document.
    let digital = input_of(&load.tasks, w.tasks[1]);
    assert!(digital.conditional);
    assert_eq!(digital.status, TaskStatus::NotStarted);
    assert_eq!(digital.deadline, Some(day(2026, 6, 30)));
    assert!(digital.reports.is_empty());

    // Never assigned: the document's deadline, no start.
    let culture = input_of(&load.tasks, w.tasks[2]);
    assert_eq!(culture.status, TaskStatus::NotStarted);
    assert_eq!(culture.start, None);
    assert_eq!(culture.deadline, Some(day(2025, 9, 30)));
    assert!(!culture.conditional);
    assert_eq!(input_of(&load.tasks, w.tasks[3]).deadline, None);
    assert!(load.open.is_empty());

    // One task alone reads the same.
    let single = w
        .store()
        .load_task_input(w.tasks[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(format!("{single:?}"), format!("{roads:?}"));
    let single = w
        .store()
        .load_task_input(w.tasks[2])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(format!("{single:?}"), format!("{culture:?}"));
    assert!(
        w.store()
            .load_task_input(TaskId(999_999))
            .await
            .unwrap()
            .is_none()
    );
    let one = w
        .store()
        .load_program_calendar(w.program.0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(one.calendar.len(), calendar.len());
    for p in &w.periods {
        let index = calendar.index_of(p.id);
        assert_eq!(one.calendar.index_of(p.id), index);
        if let Some(i) = index {
            assert_eq!(one.calendar.get(i), calendar.get(i));
        }
    }
}

#[tokio::test]
async fn an_indicator_reads_its_target_and_one_province_wide_value_per_period() {
    let w = World::new().await;
    w.record_actual(w.monthly(8), "7.5", None).await;
    w.record_actual(w.monthly(9), "7.9", None).await;
    // Recorded later for the same period: this one counts.
    w.record_actual(w.monthly(9), "8.2", Some(XD)).await;
    // One area's figure is not the province's.
    w.store()
        .record_actual(
            &Ctx::system(),
            w.indicator,
            w.monthly(9).id,
            ActualBody {
                value: dec("3"),
                agency: None,
                area: "Nha Trang".into(),
                source: String::new(),
                note: String::new(),
                estimate: false,
            },
        )
        .await
        .unwrap();
    let today = tiendo_core::schedule::local_date(Utc::now());

    let load = w.store().load_engine().await.unwrap();
    assert_eq!(load.indicators.len(), 1);
    let indicator = &load.indicators[0];
    assert_eq!(indicator.id, w.indicator.0);
    assert_eq!(indicator.program, w.program.0);
    assert_eq!(indicator.target.comparator, Comparator::AtLeast);
    assert_eq!(indicator.target.value, dec("8"));
    assert_eq!(indicator.target.year, Some(2025));
    let values: Vec<_> = indicator
        .actuals
        .iter()
        .map(|a| (a.year, a.value))
        .collect();
    assert_eq!(values, vec![(2025, dec("7.5")), (2025, dec("8.2"))]);
    assert!(
        indicator
            .actuals
            .iter()
            .all(|a| a.recorded == today || a.recorded == today.succ_opt().unwrap())
    );
    let single = w
        .store()
        .load_indicator_input(w.indicator.0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(format!("{single:?}"), format!("{indicator:?}"));
    assert!(
        w.store()
            .load_indicator_input(999_999)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn an_activation_reaches_the_engine() {
    let w = World::new().await;
    w.store()
        .activate_task(&Ctx::system(), w.tasks[1], day(2025, 8, 1), "Đã bố trí vốn")
        .await
        .unwrap();
    let one = w
        .store()
        .load_task_input(w.tasks[1])
        .await
        .unwrap()
        .unwrap();
    assert!(one.conditional);
    assert_eq!(one.activated_on, Some(day(2025, 8, 1)));
    let load = w.store().load_engine().await.unwrap();
    assert_eq!(
        input_of(&load.tasks, w.tasks[1]).activated_on,
        Some(day(2025, 8, 1))
    );
}

/// Loads, restores what is open, sweeps as of `today`, stores the changes.
async fn sweep(store: &Store, today: NaiveDate) -> Vec<Change> {
    let mut engine = engine_of(store).await;
    let changes = engine.sweep(today, 2);
    store.apply_warning_changes(&changes, today).await.unwrap();
    changes
}

#[tokio::test]
async fn what_storage_restores_is_what_the_engine_left_and_a_dropped_task_resolves() {
    let w = World::new().await;
    roads_reports(&w).await;
    let first = sweep(w.store(), day(2025, 10, 20)).await;
    assert!(
        first
            .iter()
            .any(|c| c.subject == Subject::task(w.tasks[2].0) && c.rule == RuleId::Overdue),
        "culture was due on 30/9: {first:?}"
    );
    assert!(first.iter().all(|c| c.kind == ChangeKind::Raised));

    // Restored from storage, the same day finds nothing new.
    assert_eq!(sweep(w.store(), day(2025, 10, 20)).await, Vec::new());

    // A new version of the program without culture: its warnings resolve.
    let mut amended = catalog();
    amended.tasks.remove(2);
    w.store()
        .import_catalog(&amended, &source("kh-2.txt"))
        .await
        .unwrap();
    let load = w.store().load_engine().await.unwrap();
    assert_eq!(
        input_of(&load.tasks, w.tasks[2]).status,
        TaskStatus::Cancelled
    );
    let after = sweep(w.store(), day(2025, 10, 20)).await;
    assert!(!after.is_empty());
    assert!(
        after
            .iter()
            .all(|c| c.kind == ChangeKind::Resolved && c.subject == Subject::task(w.tasks[2].0))
    );
    let culture = WarningFilter {
        subject_id: Some(w.tasks[2].0),
        ..WarningFilter::default()
    };
    assert!(w.list(culture).await.is_empty());
}
