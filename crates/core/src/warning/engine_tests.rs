//! The engine as a whole, one task at a time: a task's warnings over its
//! life, time travel, conditional tasks, indicators, a new calendar, and a
//! property of tasks on plan. Many tasks at once are in `sweep_tests.rs`.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::super::*;
use crate::catalog::{Comparator, Target};
use crate::report::{Milestone, Money};
use crate::status::TaskStatus;

#[path = "sweep_tests.rs"]
mod sweep;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("test decimal")
}

fn month_end(y: i32, m: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(y, m, 1).expect("month");
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|n| n.pred_opt())
        .expect("month end")
}

/// Monthly periods January 2025 – December 2026; index = months since
/// January 2025, due five days after the month ends.
fn calendar() -> Calendar {
    let periods = (0..24u32)
        .map(|k| {
            let (y, m) = (2025 + (k / 12) as i32, k % 12 + 1);
            let end = month_end(y, m);
            (
                i64::from(k) + 100,
                ReportPeriod {
                    window_end: end,
                    due_on: end + Days::new(5),
                    label: format!("tháng {m}/{y}"),
                },
            )
        })
        .collect();
    Calendar::new(periods)
}

fn period(y: i32, m: u32) -> u32 {
    (y - 2025) as u32 * 12 + m - 1
}

const PROGRAM: i64 = 1;

fn engine() -> Engine {
    let mut e = Engine::new();
    e.set_program(ProgramInput {
        id: PROGRAM,
        thresholds: Thresholds::default(),
        calendar: calendar(),
    });
    e
}

/// 400 days, a quarter point a day: every day's plan is whole hundredths.
const START: &str = "2025-01-01";
const DEADLINE: &str = "2026-02-05";

fn plan_at(at: NaiveDate) -> Decimal {
    planned_percent(Some(d(START)), Some(d(DEADLINE)), &[], at).expect("plan")
}

fn task(id: i64) -> TaskInput {
    let mut t = TaskInput::new(id, PROGRAM, Some(d(START)), Some(d(DEADLINE)));
    t.status = TaskStatus::InProgress;
    t
}

/// The report for month `m` of `y`, as of its end, filed three days later,
/// `behind` points under the plan.
fn report(y: i32, m: u32, behind: &str) -> ReportPoint {
    let as_of = month_end(y, m);
    ReportPoint {
        as_of,
        filed: as_of + Days::new(3),
        period: Some(period(y, m)),
        percent_bp: ReportPoint::basis_points(plan_at(as_of) - dec(behind)),
        status: TaskStatus::InProgress,
    }
}

/// A task reporting on plan for months January..=`last` of 2025.
fn on_plan_through(id: i64, last: u32) -> TaskInput {
    let mut t = task(id);
    t.reports = (1..=last).map(|m| report(2025, m, "0")).collect();
    t
}

fn only(changes: &[Change], rule: RuleId) -> Vec<&Change> {
    changes.iter().filter(|c| c.rule == rule).collect()
}

fn one(changes: &[Change], rule: RuleId) -> &Change {
    let found = only(changes, rule);
    assert_eq!(found.len(), 1, "{rule}: {changes:#?}");
    found[0]
}

// ---- one task over its life ------------------------------------------------

#[test]
fn a_task_on_plan_never_warns() {
    let mut e = engine();
    e.upsert_task(on_plan_through(1, 9));
    for today in ["2025-10-04", "2025-10-05", "2025-10-06"] {
        assert_eq!(e.check_task(1, d(today)), [], "{today}");
    }
    assert_eq!(e.sweep(d("2025-10-06"), 2), []);
}

#[test]
fn thirty_points_behind_is_red_and_names_the_report() {
    let mut e = engine();
    let mut t = on_plan_through(1, 8);
    t.reports.push(report(2025, 9, "30"));
    e.upsert_task(t);
    let changes = e.check_task(1, d("2025-10-04"));
    let c = one(&changes, RuleId::BehindPlan);
    assert_eq!((c.kind, c.previous), (ChangeKind::Raised, None));
    assert_eq!((c.subject, c.program), (Subject::task(1), PROGRAM), "{c:?}");
    let w = c.warning.as_ref().expect("warning");
    assert_eq!(w.severity, Severity::Red);
    assert_eq!(
        w.message,
        "Chậm 30 điểm % so với kế hoạch: kế hoạch 68%, thực tế 38% (báo cáo tháng 9/2025)"
    );
    assert_eq!(w.fact_value("lag"), Some("30"));
}

#[test]
fn a_report_that_catches_up_resolves_and_a_second_check_is_quiet() {
    let mut e = engine();
    let mut t = on_plan_through(1, 8);
    t.reports.push(report(2025, 9, "30"));
    e.upsert_task(t);
    e.check_task(1, d("2025-10-04"));

    assert!(e.record_report(1, report(2025, 10, "0")));
    let changes = e.check_task(1, d("2025-11-04"));
    let c = one(&changes, RuleId::BehindPlan);
    assert_eq!(c.kind, ChangeKind::Resolved);
    assert_eq!((c.previous, &c.warning), (Some(Severity::Red), &None));

    assert_eq!(e.check_task(1, d("2025-11-04")), []);
    assert!(!e.record_report(99, report(2025, 10, "0")));
}

/// A filing as the store hands it over: period ids are calendar index + 100.
fn filing(task: i64, y: i32, m: u32, behind: &str, money: Money) -> Filing {
    let r = report(y, m, behind);
    Filing {
        task,
        period_id: i64::from(period(y, m)) + 100,
        as_of: r.as_of,
        filed: r.filed,
        percent_bp: r.percent_bp,
        status: TaskStatus::InProgress,
        money,
    }
}

#[test]
fn a_filed_report_changes_the_task_as_a_reload_would() {
    let today = d("2025-10-06");
    let money = Money {
        required: Some(dec("100")),
        allocated: Some(dec("20")),
        disbursed: None,
    };
    // Filed one at a time, the last one twice (a revision that catches up).
    let mut filed = engine();
    let mut start = on_plan_through(1, 7);
    start.status = TaskStatus::NotStarted;
    filed.upsert_task(start);
    filed.check_task(1, today);
    assert!(filed.file_report(&filing(1, 2025, 8, "20", Money::default())));
    let behind = filed.check_task(1, today);
    assert!(filed.file_report(&filing(1, 2025, 9, "40", money.clone())));
    filed.check_task(1, today);
    assert!(filed.file_report(&filing(1, 2025, 9, "0", Money::default())));
    let caught_up = filed.check_task(1, today);
    assert!(!filed.file_report(&filing(99, 2025, 9, "0", Money::default())));

    // The same task loaded whole, as storage would give it after all that.
    let mut loaded = engine();
    let mut whole = on_plan_through(1, 8);
    whole.reports[7] = report(2025, 8, "20");
    whole.reports.push(report(2025, 9, "0"));
    whole.money.push(MoneyPoint {
        filed: report(2025, 9, "0").filed,
        money,
    });
    let input = filed.task(1).expect("known").clone();
    assert_eq!(input.reports, whole.reports);
    assert_eq!(input.money, whole.money);
    assert_eq!(input.status, TaskStatus::InProgress);
    loaded.upsert_task(whole);
    let from_load = loaded.check_task(1, today);
    let rules = |c: &[Change]| c.iter().map(|c| (c.rule, c.kind)).collect::<Vec<_>>();
    // What is open after filing equals what a fresh load finds.
    let open_filed: Vec<_> = filed.sweep(today, 1);
    assert!(open_filed.is_empty(), "{open_filed:#?}");
    assert!(rules(&behind).contains(&(RuleId::BehindPlan, ChangeKind::Raised)));
    assert!(rules(&caught_up).contains(&(RuleId::BehindPlan, ChangeKind::Resolved)));
    assert_eq!(
        filed.open_counts(),
        loaded.open_counts(),
        "filed: {caught_up:#?}\nloaded: {from_load:#?}"
    );
}

#[test]
fn severity_escalates_eases_and_updates() {
    let mut e = engine();
    e.upsert_task(on_plan_through(1, 5));
    let steps = [
        (6, "15", ChangeKind::Raised, Severity::Yellow, None),
        (
            7,
            "30",
            ChangeKind::Escalated,
            Severity::Red,
            Some(Severity::Yellow),
        ),
        (
            8,
            "20",
            ChangeKind::Eased,
            Severity::Yellow,
            Some(Severity::Red),
        ),
        (
            9,
            "20",
            ChangeKind::Updated,
            Severity::Yellow,
            Some(Severity::Yellow),
        ),
    ];
    for (m, behind, kind, severity, previous) in steps {
        let r = report(2025, m, behind);
        e.record_report(1, r);
        let changes = e.check_task(1, r.filed);
        let c = one(&changes, RuleId::BehindPlan);
        let w = c.warning.as_ref().expect("warning");
        assert_eq!(
            (c.kind, w.severity, c.previous),
            (kind, severity, previous),
            "month {m}"
        );
        assert_eq!(w.fact_value("lag"), Some(behind), "month {m}");
    }
    assert_eq!(e.open_counts()[1], (Severity::Yellow, 1));
}

#[test]
fn a_conditional_task_waits_for_its_activation_and_plans_from_it() {
    let mut e = engine();
    let mut t = task(1);
    t.conditional = true;
    t.reports = vec![ReportPoint {
        percent_bp: 1000,
        ..report(2025, 9, "0")
    }];
    e.upsert_task(t.clone());
    // Far past its deadline, still nothing: nobody asked for it yet.
    assert_eq!(e.check_task(1, d("2026-06-01")), []);
    t.activated_on = Some(d("2025-10-10"));
    e.upsert_task(t.clone());
    assert_eq!(e.check_task(1, d("2025-10-04")), []);

    // From 1 July the plan runs 219 days to the deadline: 91 of them by
    // 30 September is 41,55 %, not the 68 % counted from the catalog start.
    t.activated_on = Some(d("2025-07-01"));
    e.upsert_task(t);
    let changes = e.check_task(1, d("2025-10-04"));
    let w = one(&changes, RuleId::BehindPlan)
        .warning
        .as_ref()
        .expect("warning");
    assert_eq!(w.fact_value("planned"), Some("41.55"));
    assert_eq!(w.severity, Severity::Red);
    // July and August went unreported; the months before activation do not
    // count (September is in, but not yet due, so it does not end the run).
    let w = one(&changes, RuleId::MissingReport)
        .warning
        .as_ref()
        .expect("warning");
    assert_eq!(w.fact_value("missed_periods"), Some("2"));
}

#[test]
fn a_monthly_and_a_six_month_report_of_one_window_count_as_one_observation() {
    // Three months at the same share: a run of two reports without
    // progress, under the threshold of three.
    let flat = |t: &mut TaskInput| {
        t.reports = (4..=6)
            .map(|m| ReportPoint {
                percent_bp: 3_000,
                ..report(2025, m, "0")
            })
            .collect();
    };
    let mut e = engine();
    let mut t = task(1);
    flat(&mut t);
    e.upsert_task(t);
    assert!(only(&e.check_task(1, d("2025-07-10")), RuleId::Stalled).is_empty());

    // The six-month report states June's share again, filed a day later:
    // the same data window, not a third period without progress.
    let mut e = engine();
    let mut t = task(1);
    flat(&mut t);
    let june = report(2025, 6, "0");
    t.reports.push(ReportPoint {
        filed: june.filed + Days::new(1),
        period: None,
        percent_bp: 3_000,
        ..june
    });
    e.upsert_task(t);
    assert!(only(&e.check_task(1, d("2025-07-10")), RuleId::Stalled).is_empty());

    // A fourth month without progress is a run of three: stalled.
    let mut e = engine();
    let mut t = task(1);
    flat(&mut t);
    t.reports.push(ReportPoint {
        percent_bp: 3_000,
        ..report(2025, 7, "0")
    });
    e.upsert_task(t);
    assert_eq!(
        one(&e.check_task(1, d("2025-08-10")), RuleId::Stalled).kind,
        ChangeKind::Raised
    );
}

#[test]
fn reports_filed_after_today_are_invisible() {
    let mut e = engine();
    let mut t = on_plan_through(1, 8);
    t.reports.push(report(2025, 9, "30"));
    t.reports.push(ReportPoint {
        percent_bp: 10_000,
        status: TaskStatus::Done,
        ..report(2025, 10, "0")
    });
    t.status = TaskStatus::Done;
    e.upsert_task(t);
    // On 2 October the September report (filed on the 3rd) is not in yet.
    assert_eq!(e.check_task(1, d("2025-10-02")), []);
    let changes = e.check_task(1, d("2025-10-04"));
    assert_eq!(one(&changes, RuleId::BehindPlan).kind, ChangeKind::Raised);
    // Evaluating the past again forgets the future.
    let changes = e.check_task(1, d("2025-10-02"));
    assert_eq!(one(&changes, RuleId::BehindPlan).kind, ChangeKind::Resolved);
    // Once the final report is in, the task is done: nothing stays open.
    e.check_task(1, d("2025-10-04"));
    let changes = e.check_task(1, d("2025-11-04"));
    assert!(changes.iter().all(|c| c.kind == ChangeKind::Resolved));
    assert_eq!(e.open_counts().map(|(_, n)| n), [0, 0, 0]);
}

#[test]
fn missing_reports_count_the_trailing_due_periods_and_escalate() {
    let mut e = engine();
    e.upsert_task(on_plan_through(1, 6));
    // July ended but is not due before 5 August.
    assert_eq!(e.check_task(1, d("2025-08-05")), []);
    let changes = e.check_task(1, d("2025-08-06"));
    let w = one(&changes, RuleId::MissingReport)
        .warning
        .as_ref()
        .expect("warning");
    assert_eq!(
        (w.severity, w.message.as_str()),
        (
            Severity::Yellow,
            "Chưa gửi báo cáo 1 kỳ (gần nhất: tháng 7/2025)"
        )
    );
    assert_eq!(w.fact_value("last_due"), Some("tháng 7/2025"));

    let changes = e.check_task(1, d("2025-09-06"));
    let c = one(&changes, RuleId::MissingReport);
    let w = c.warning.as_ref().expect("warning");
    assert_eq!(
        (c.kind, c.previous, w.severity),
        (ChangeKind::Escalated, Some(Severity::Yellow), Severity::Red)
    );
    assert_eq!(
        w.message,
        "Chưa gửi báo cáo 2 kỳ liên tiếp (gần nhất: tháng 8/2025)"
    );

    // August comes in: the walk back stops there, July is history.
    e.record_report(1, report(2025, 8, "0"));
    let changes = e.check_task(1, d("2025-09-06"));
    assert_eq!(
        one(&changes, RuleId::MissingReport).kind,
        ChangeKind::Resolved
    );
}

#[test]
fn a_finished_or_suspended_task_resolves_everything() {
    for status in [TaskStatus::Done, TaskStatus::Paused, TaskStatus::Cancelled] {
        let mut e = engine();
        let mut t = on_plan_through(1, 8);
        t.reports.push(report(2025, 9, "30"));
        e.upsert_task(t.clone());
        let raised = e.check_task(1, d("2026-03-01"));
        assert!(raised.len() >= 3, "{raised:#?}");
        t.status = status;
        e.upsert_task(t);
        let changes = e.check_task(1, d("2026-03-01"));
        assert_eq!(changes.len(), raised.len(), "{status:?}");
        assert!(
            changes
                .iter()
                .all(|c| c.kind == ChangeKind::Resolved && c.warning.is_none())
        );
        assert_eq!(e.open_counts().map(|(_, n)| n), [0, 0, 0]);
    }
}

#[test]
fn an_indicator_is_judged_against_its_base_year_actual() {
    let mut e = engine();
    let actual = |year, value: &str, recorded: &str| ActualPoint {
        year,
        value: dec(value),
        recorded: d(recorded),
    };
    e.upsert_indicator(IndicatorInput {
        id: 7,
        program: PROGRAM,
        target: Target {
            comparator: Comparator::IncreaseBy,
            value: dec("13"),
            value_max: None,
            unit: "%".to_string(),
            year: Some(2025),
            base_year: Some(2020),
        },
        actuals: vec![
            actual(2025, "110", "2026-01-20"),
            actual(2020, "100", "2021-01-15"),
            actual(2024, "108", "2025-01-20"),
        ],
    });
    let changes = e.check_indicator(7, d("2026-02-01"));
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let c = &changes[0];
    assert_eq!(
        (c.subject, c.rule, c.kind),
        (
            Subject::indicator(7),
            RuleId::IndicatorOffTrack,
            ChangeKind::Raised
        )
    );
    let w = c.warning.as_ref().expect("warning");
    assert_eq!(
        w.message,
        "Năm 2025 đạt 110, chỉ tiêu tăng 13% so với năm 2020 (tức từ 113 trở lên)"
    );
    assert_eq!(w.severity, Severity::Yellow);
    assert_eq!(
        (w.fact_value("base"), w.fact_value("bound")),
        (Some("100"), Some("113"))
    );
    assert_eq!(e.check_indicator(7, d("2026-02-01")), []);
    // A restart that restores the stored warning stays quiet too.
    let mut restarted = engine();
    restarted.upsert_indicator(e.indicators[0].input.clone());
    restarted.restore(Subject::indicator(7), Open::of(w));
    assert_eq!(restarted.sweep(d("2026-02-01"), 1), []);
    // Before the base year's value was recorded there is nothing to judge by.
    let changes = e.check_indicator(7, d("2021-01-01"));
    assert_eq!(changes[0].kind, ChangeKind::Resolved);
    assert_eq!(e.check_indicator(8, d("2026-02-01")), []);
}

#[test]
fn a_new_calendar_label_is_an_update_of_missing_report() {
    let mut e = engine();
    e.upsert_task(on_plan_through(1, 6));
    e.check_task(1, d("2025-08-06"));
    assert_eq!(e.check_task(1, d("2025-08-06")), []);
    let relabelled = (0..24u32)
        .filter_map(|k| calendar().get(k).cloned())
        .map(|mut p| {
            p.label = format!("kỳ {}", p.label);
            p
        })
        .enumerate()
        .map(|(k, p)| (k as i64, p))
        .collect();
    e.set_program(ProgramInput {
        id: PROGRAM,
        thresholds: Thresholds::default(),
        calendar: Calendar::new(relabelled),
    });
    let changes = e.check_task(1, d("2025-08-06"));
    let c = one(&changes, RuleId::MissingReport);
    assert_eq!(c.kind, ChangeKind::Updated);
    let w = c.warning.as_ref().expect("warning");
    assert_eq!(w.fact_value("last_due"), Some("kỳ tháng 7/2025"));
}

// ---- properties ----------------------------------------------------------

/// A plan that rises all the way and is whole hundredths on every day: `a`
/// hundredths a day for `m` days, then `b ≤ a` a day to 100 %, with the
/// bend as a milestone.
fn rising_plan() -> impl Strategy<Value = (NaiveDate, Vec<Milestone>, NaiveDate)> {
    let steps = [1u32, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50];
    (0usize..steps.len(), 0u32..60, 1u32..200, 0i64..1500).prop_filter_map(
        "bend before 100 %",
        move |(bi, extra, t, offset)| {
            let b = steps[bi];
            let a = b + extra;
            let m = b * t;
            let reached = m.checked_mul(a)?;
            if reached >= 10_000 {
                return None;
            }
            let len = m + (10_000 - reached) / b;
            let start = d("2024-01-01") + Days::new(offset as u64);
            let bend = Milestone {
                date: start + Days::new(u64::from(m)),
                planned_percent: Decimal::new(i64::from(reached), 2),
            };
            Some((start, vec![bend], start + Days::new(u64::from(len))))
        },
    )
}

proptest! {
    #[test]
    fn a_task_reporting_exactly_on_a_rising_plan_is_never_behind_stalled_or_late(
        (start, milestones, deadline) in rising_plan(),
        gaps in proptest::collection::vec(1u64..45, 1..14),
        first in 0u64..200,
        wait in 0u64..40,
    ) {
        let mut t = TaskInput::new(1, PROGRAM, Some(start), Some(deadline));
        t.status = TaskStatus::InProgress;
        t.milestones = milestones;
        let mut at = start + Days::new(first);
        for gap in gaps {
            let planned = planned_percent(Some(start), Some(deadline), &t.milestones, at)
                .expect("plan");
            t.reports.push(ReportPoint {
                as_of: at,
                filed: at,
                period: None,
                percent_bp: ReportPoint::basis_points(planned),
                status: TaskStatus::InProgress,
            });
            at = at + Days::new(gap);
        }
        let last = t.reports.last().expect("a report").as_of;
        let mut e = engine();
        e.upsert_task(t);
        let changes = e.check_task(1, last + Days::new(wait));
        for c in &changes {
            prop_assert!(
                !matches!(c.rule, RuleId::BehindPlan | RuleId::Stalled | RuleId::ForecastLate),
                "{:#?}", c
            );
        }
    }
}
