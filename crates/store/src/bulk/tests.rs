//! A small history loaded in one go: what lands where, what follows from
//! the reports, and that a refused item leaves nothing behind.

use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use tiendo_core::schedule::{PeriodKind, PeriodSpec};
use tiendo_core::{
    Actor, Catalog, Comparator, Indicator, Milestone, Part, Program, ReportBody, ReportingRule,
    Role, Section, Target, Task, TaskKind, TaskStatus, YearSpan,
};

use super::*;
use crate::model::{IndicatorId, SourceInfo, TaskId};
use crate::reports::ReportFilter;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// 09:00 in Vietnam on that day.
fn at(y: i32, m: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, 2, 0, 0).unwrap()
}

pub(crate) fn catalog() -> Catalog {
    let mut tasks = Vec::new();
    for (i, lead) in ["Sở Tài chính", "Sở Y tế", "Sở Y tế"].iter().enumerate() {
        let mut t = Task::new(
            Part::Tasks,
            "1.1",
            TaskKind::Scheme,
            format!("Đề án thử nghiệm số {}", i + 1),
        );
        t.lead_agency = Some((*lead).into());
        t.line = i + 1;
        tasks.push(t);
    }
    Catalog {
        program: Program {
            title: "Chương trình hành động thử".into(),
            term: YearSpan::new(2025, 2030),
            reporting: vec![ReportingRule::Monthly {
                day: 18,
                text: "trước ngày 18 hằng tháng".into(),
            }],
            ..Program::default()
        },
        sections: vec![Section {
            part: Part::Tasks,
            number: "1.1".into(),
            title: "Về kinh tế".into(),
            parent: None,
        }],
        tasks,
        indicators: vec![Indicator {
            section: "1".into(),
            name: "Tổng vốn đầu tư phát triển toàn xã hội".into(),
            target: Target {
                comparator: Comparator::IncreaseBy,
                value: Decimal::from(60),
                value_max: None,
                unit: "%".into(),
                year: Some(2030),
                base_year: Some(2025),
            },
            source: "Tổng vốn đầu tư tăng 60% so với năm 2025.".into(),
            line: 1,
            task: None,
        }],
        agencies: vec![
            "Sở Tài chính".into(),
            "Sở Y tế".into(),
            "Sở Xây dựng".into(),
        ],
        ..Default::default()
    }
}

fn monthly(month: u8) -> PeriodSpec {
    PeriodSpec {
        kind: PeriodKind::Monthly,
        year: 2025,
        seq: month,
    }
}

fn report(
    task: u32,
    agency: u32,
    month: u8,
    day: u32,
    status: TaskStatus,
    percent: i64,
) -> HistoryReport {
    HistoryReport {
        task,
        agency,
        period: monthly(month),
        submitted_at: at(2025, u32::from(month), day),
        body: ReportBody {
            status,
            percent: Decimal::from(percent),
            done: "Đang xây dựng dự thảo.".into(),
            obstacles: String::new(),
            proposals: String::new(),
            money: Default::default(),
            evidence: vec![],
            estimate: false,
        },
    }
}

pub(crate) fn history(program: ProgramId, reports: Vec<HistoryReport>) -> History {
    let tasks = vec![
        HistoryTask {
            task: 0,
            lead: Some(0),
            coordinators: vec![2],
            start: Some(d(2025, 1, 1)),
            deadline: Some(d(2025, 6, 30)),
            milestones: vec![Milestone {
                date: d(2025, 3, 31),
                planned_percent: Decimal::from(50),
            }],
            budget: Some(Decimal::from(1_500_000_000)),
            activated_on: None,
        },
        HistoryTask {
            task: 1,
            lead: Some(1),
            start: Some(d(2025, 1, 10)),
            deadline: Some(d(2025, 12, 31)),
            activated_on: Some(d(2025, 1, 10)),
            ..HistoryTask::default()
        },
    ];
    History {
        program,
        periods: (d(2025, 1, 1), d(2025, 12, 31)),
        tasks: Box::new(tasks.into_iter()),
        reports: Box::new(reports.into_iter()),
        actuals: vec![HistoryActual {
            indicator: 0,
            period: PeriodSpec {
                kind: PeriodKind::Yearly,
                year: 2025,
                seq: 1,
            },
            value: Decimal::from(81_250),
            estimate: true,
            source: "Cục Thống kê".into(),
            recorded_at: at(2025, 11, 30),
        }],
        note: "Lịch sử thử".into(),
    }
}

pub(crate) fn good_reports() -> Vec<HistoryReport> {
    vec![
        report(0, 0, 1, 17, TaskStatus::InProgress, 20),
        // Filed two days after the 18th: late.
        report(0, 0, 2, 20, TaskStatus::InProgress, 60),
        report(0, 2, 2, 15, TaskStatus::InProgress, 40),
        report(0, 0, 3, 18, TaskStatus::Done, 100),
        report(1, 1, 1, 18, TaskStatus::InProgress, 10),
    ]
}

pub(crate) async fn imported() -> (Store, ProgramId) {
    let store = Store::open_in_memory().await.unwrap();
    let source = SourceInfo {
        file_name: "thu.txt".into(),
        ..SourceInfo::default()
    };
    let program = store
        .import_catalog(&catalog(), &source)
        .await
        .unwrap()
        .program_id();
    (store, program)
}

async fn task_id(store: &Store, ord: i64) -> TaskId {
    let id: i64 = sqlx::query_scalar("SELECT task_id FROM task_versions WHERE ord = ?")
        .bind(ord)
        .fetch_one(&store.pool)
        .await
        .unwrap();
    TaskId(id)
}

pub(crate) async fn count(store: &Store, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&store.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_history_lands_in_one_go() {
    let (store, program) = imported().await;
    let counts = store
        .load_history(&Ctx::system(), history(program, good_reports()))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        counts,
        HistoryCounts {
            periods: 12 + 2 + 1,
            assignments: 2,
            milestones: 1,
            activations: 1,
            reports: 5,
            late_reports: 1,
            statuses_changed: 2,
            actuals: 1,
        }
    );

    // The lead agency's reports moved the status, as filing them one by
    // one would have: import (1), the load (2), in progress (3), done (4).
    let first = store
        .assignment(task_id(&store, 0).await)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.assignment.status, TaskStatus::Done);
    assert_eq!(first.finished_on, Some(d(2025, 3, 18)));
    assert_eq!(first.revision, 4);
    assert_eq!(first.assignment.coordinators.len(), 1);
    assert_eq!(first.assignment.milestones.len(), 1);
    assert_eq!(first.assignment.budget, Some(Decimal::from(1_500_000_000)));
    let second = store
        .assignment(task_id(&store, 1).await)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.assignment.status, TaskStatus::InProgress);
    assert_eq!(second.finished_on, None);
    // The third task keeps what its import gave it.
    let third = store
        .assignment(task_id(&store, 2).await)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(third.revision, 1);

    let late = store
        .reports(&ReportFilter {
            program: Some(program),
            late: Some(true),
            ..ReportFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(late.total, 1);
    assert_eq!(late.items[0].first_submitted_at, "2025-02-20T02:00:00.000Z");
    assert_eq!(late.items[0].current.body.percent, Decimal::from(60));
    assert_eq!(count(&store, "task_activations").await, 1);

    let indicator: i64 = sqlx::query_scalar("SELECT id FROM indicators")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    let actuals = store.actuals(IndicatorId(indicator)).await.unwrap();
    assert_eq!(actuals.len(), 1);
    assert!(actuals[0].estimate);
    assert_eq!(actuals[0].recorded_at, "2025-11-30T02:00:00Z");

    let audit = store
        .audit_log(&crate::AuditFilter {
            action: Some("history.load".into()),
            ..crate::AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(audit.total, 1);
    assert_eq!(audit.items[0].subject_id, Some(program.0));
}

#[tokio::test]
async fn a_refused_report_leaves_nothing_behind() {
    let (store, program) = imported().await;
    let before = (
        count(&store, "periods").await,
        count(&store, "assignments").await,
        count(&store, "audit").await,
    );
    let mut reports = good_reports();
    reports[3].body.percent = Decimal::from(150);
    let err = store
        .load_history(&Ctx::system(), history(program, reports))
        .await
        .unwrap_err();
    match err {
        StoreError::Rejected(r) => {
            assert_eq!(
                (r.code, r.field.as_str()),
                ("percent_out_of_range", "reports[3].percent")
            )
        }
        other => panic!("{other}"),
    }
    let after = (
        count(&store, "periods").await,
        count(&store, "assignments").await,
        count(&store, "audit").await,
    );
    assert_eq!(before, after);
    assert_eq!(count(&store, "reports").await, 0);
    assert_eq!(count(&store, "report_revisions").await, 0);
    let first = store
        .assignment(task_id(&store, 0).await)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.revision, 1);
}

#[tokio::test]
async fn reports_out_of_order_or_from_strangers_are_refused() {
    let (store, program) = imported().await;
    let mut reports = good_reports();
    reports.swap(0, 1);
    let err = store
        .load_history(&Ctx::system(), history(program, reports))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Rejected(ref r) if r.code == "reports_not_sorted"),
        "{err}"
    );

    let mut reports = good_reports();
    reports[4].agency = 2;
    let err = store
        .load_history(&Ctx::system(), history(program, reports))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Rejected(ref r) if r.code == "agency_not_on_task" && r.field == "reports[4].agency"),
        "{err}"
    );
    assert_eq!(count(&store, "reports").await, 0);
}

#[tokio::test]
async fn only_an_operator_loads_a_history() {
    let (store, program) = imported().await;
    let leader = Ctx::of(Actor {
        user_id: 1,
        name: "lanhdao".into(),
        role: Role::Leader,
        agency: None,
        money_access: true,
    });
    let err = store
        .load_history(&leader, history(program, good_reports()))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Forbidden(_)), "{err}");
}

#[tokio::test]
async fn a_report_twice_is_refused_and_names_the_second() {
    let (store, program) = imported().await;
    let mut reports = good_reports();
    let again = reports[1].clone();
    reports.insert(2, again);
    let err = store
        .load_history(&Ctx::system(), history(program, reports))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Rejected(ref r) if r.code == "report_exists" && r.field == "reports[2].period"),
        "{err}"
    );

    // A history loaded once cannot be loaded over itself.
    store
        .load_history(&Ctx::system(), history(program, good_reports()))
        .await
        .unwrap();
    let before = (count(&store, "reports").await, count(&store, "audit").await);
    let err = store
        .load_history(&Ctx::system(), history(program, good_reports()))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Rejected(ref r) if r.code == "report_exists" && r.field == "reports[0].period"),
        "{err}"
    );
    assert_eq!(
        (count(&store, "reports").await, count(&store, "audit").await),
        before
    );
}
