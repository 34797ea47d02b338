//! Many tasks at once: random tasks with a bit of everything, a sweep
//! against checking them one by one, a restart from what a store kept, and
//! the engine's integer paths against the public decimal rules.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

use super::super::super::cents::Limits;
use super::super::super::digest;
use super::super::super::evaluate::{TaskRules, task_findings};
use super::super::super::finding::Context;
use super::super::super::trajectory::cents_of;
use super::super::super::*;
use super::{PROGRAM, calendar, d, dec, engine};
use crate::report::{Milestone, Money};
use crate::status::TaskStatus;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn date(&mut self, from: &str, days: u64) -> NaiveDate {
        d(from) + Days::new(self.below(days))
    }

    fn cents(&mut self, max: u64) -> Decimal {
        Decimal::new(self.below(max * 100 + 1) as i64, 2)
    }
}

/// A task with a bit of everything: schedules with and without milestones
/// (some with three decimals, some out of range), conditional ones, reports
/// on, behind and ahead of plan, stuck, revised, late-filed, outside the
/// calendar, and money.
fn random_task(id: i64, rng: &mut Rng) -> TaskInput {
    let start = rng.chance(90).then(|| rng.date("2024-06-01", 700));
    let deadline = rng
        .chance(90)
        .then(|| start.unwrap_or(d("2025-01-01")) + Days::new(30 + rng.below(900)));
    let mut t = TaskInput::new(id, PROGRAM, start, deadline);
    t.status = match rng.below(20) {
        0 => TaskStatus::Done,
        1 => TaskStatus::Paused,
        2 => TaskStatus::NotStarted,
        _ => TaskStatus::InProgress,
    };
    for _ in 0..rng.below(4) {
        let from = start.unwrap_or(d("2025-01-01"));
        let percent = match rng.below(10) {
            0 => Decimal::new(rng.below(100_000) as i64, 3),
            1 => dec("120"),
            _ => rng.cents(100),
        };
        t.milestones.push(Milestone {
            date: from + Days::new(rng.below(600)),
            planned_percent: percent,
        });
    }
    if rng.chance(20) {
        t.milestones.sort_by_key(|m| m.date);
    }
    if rng.chance(10) {
        t.conditional = true;
        t.activated_on = rng.chance(60).then(|| rng.date("2024-09-01", 700));
    }
    let mut as_of = start.unwrap_or(d("2025-01-01")) + Days::new(rng.below(60));
    let mut bp: i64 = 0;
    for _ in 0..rng.below(14) {
        as_of = as_of + Days::new(5 + rng.below(40));
        let plan = planned_percent(start, deadline, &t.milestones, as_of)
            .and_then(cents_of)
            .unwrap_or(bp);
        bp = match rng.below(8) {
            0 => bp,
            1 => bp - rng.below(300) as i64,
            2 => plan - 1500,
            3 => plan - 3000,
            4 => plan - 1499 - rng.below(3) as i64,
            5 => 10_000,
            _ => plan + rng.below(400) as i64 - 200,
        }
        .clamp(0, 10_000);
        let k = (as_of.year() - 2025) * 12 + as_of.month() as i32 - 1;
        let period = match rng.below(10) {
            0 => None,
            1 => Some(rng.below(30) as u32),
            _ => u32::try_from(k).ok(),
        };
        t.reports.push(ReportPoint {
            as_of,
            filed: as_of + Days::new(rng.below(25)),
            period,
            percent_bp: bp as u16,
            status: if bp == 10_000 && rng.chance(50) {
                TaskStatus::Done
            } else {
                TaskStatus::InProgress
            },
        });
    }
    for _ in 0..rng.below(3) {
        let allocated = rng.cents(1_000_000);
        t.money.push(MoneyPoint {
            filed: rng.date("2025-01-01", 700),
            money: Money {
                required: rng.chance(80).then(|| allocated + rng.cents(500_000)),
                allocated: rng.chance(90).then_some(allocated),
                disbursed: rng.chance(80).then(|| rng.cents(900_000)),
            },
        });
    }
    t.money.sort_by_key(|m| m.filed);
    t
}

fn random_thresholds(rng: &mut Rng) -> Thresholds {
    if rng.chance(50) {
        return Thresholds::default();
    }
    Thresholds {
        behind_plan_yellow: [dec("10"), dec("12.345"), dec("15")][rng.below(3) as usize],
        behind_plan_red: [dec("25"), dec("29.995"), dec("30")][rng.below(3) as usize],
        stalled_reports: rng.below(5) as u32,
        missing_red_after: 1 + rng.below(3) as u32,
        forecast_grace_days: rng.below(6) as u32,
        forecast_red_days: rng.below(60) as u32,
        forecast_reports: rng.below(9) as u32,
        due_soon_days: rng.below(21) as u32,
        ..Thresholds::default()
    }
}

fn random_engine(seed: u64, n: i64) -> Engine {
    let mut rng = Rng(seed);
    let mut e = engine();
    for id in 0..n {
        e.upsert_task(random_task(id, &mut rng));
    }
    e
}

fn today() -> NaiveDate {
    d("2025-11-20")
}

#[test]
fn a_sweep_gives_what_checking_every_task_gives() {
    let n = 10_000; // several blocks of work
    let mut swept = random_engine(42, n);
    let mut checked = random_engine(42, n);
    let mut compact = random_engine(42, n);
    let mut rng = Rng(7);
    for (round, threads) in [(0, 2), (1, 3), (2, 1)] {
        let at = today() + Days::new(round * 40);
        let changes = swept.sweep(at, threads as usize);
        let one_by_one: Vec<Change> = (0..n).flat_map(|id| checked.check_task(id, at)).collect();
        assert_eq!(changes, one_by_one, "round {round}");
        let words = compact.sweep_compact(at, threads as usize);
        assert_eq!(compact.render_all(&words, 2), changes, "round {round}");
        assert!(!changes.is_empty());
        let kinds: Vec<ChangeKind> = changes.iter().map(|c| c.kind).collect();
        if round > 0 {
            assert!(kinds.contains(&ChangeKind::Resolved) && kinds.contains(&ChangeKind::Updated));
        }
        // New reports for some tasks before the next round.
        for _ in 0..2_000 {
            let id = rng.below(n as u64) as i64;
            let last = swept.task(id).and_then(|t| t.reports.last().copied());
            let as_of = last.map_or(at, |r| r.as_of + Days::new(30));
            let point = ReportPoint {
                as_of,
                filed: at + Days::new(rng.below(30)),
                period: None,
                percent_bp: rng.below(10_001) as u16,
                status: TaskStatus::InProgress,
            };
            for e in [&mut swept, &mut checked, &mut compact] {
                e.record_report(id, point);
            }
        }
    }
}

/// What a store would keep of the open warnings: the latest warning of each
/// (subject, rule), as JSON.
fn stored(changes: &[Change], into: &mut HashMap<(Subject, RuleId), String>) {
    for c in changes {
        match &c.warning {
            Some(w) => {
                into.insert((c.subject, c.rule), serde_json::to_string(w).expect("json"));
            }
            None => {
                into.remove(&(c.subject, c.rule));
            }
        }
    }
}

#[test]
fn restoring_what_a_previous_run_stored_announces_nothing() {
    let n = 3_000;
    let mut first = random_engine(9, n);
    let mut store = HashMap::new();
    stored(&first.sweep(today(), 2), &mut store);
    stored(&first.sweep(today() + Days::new(45), 2), &mut store);
    assert!(store.len() > n as usize / 2, "{}", store.len());

    let restore = |e: &mut Engine, store: &HashMap<(Subject, RuleId), String>| {
        for ((subject, _), json) in store {
            let warning: Warning = serde_json::from_str(json).expect("json");
            e.restore(*subject, Open::of(&warning));
        }
    };
    let mut restarted = random_engine(9, n);
    restore(&mut restarted, &store);
    assert_eq!(restarted.open_counts(), first.open_counts());
    assert_eq!(restarted.sweep(today() + Days::new(45), 2), []);

    // A stored warning whose figures differ from today's is an update.
    let (&(subject, rule), json) = store
        .iter()
        .find(|((_, r), _)| *r == RuleId::BehindPlan)
        .expect("a behind_plan warning");
    let mut warning: Warning = serde_json::from_str(json).expect("json");
    warning.facts.insert("lag", "0.01");
    let mut restarted = random_engine(9, n);
    restore(&mut restarted, &store);
    restarted.restore(subject, Open::of(&warning));
    let changes = restarted.sweep(today() + Days::new(45), 2);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(
        (changes[0].subject, changes[0].rule, changes[0].kind),
        (subject, rule, ChangeKind::Updated)
    );
}

// ---- the engine's integer paths against the decimal rules -------------------

/// The task's warnings composed from the public rule functions, the way the
/// engine evaluated a task before its rules were split into compute and
/// render steps.
fn reference(
    task: &TaskInput,
    calendar: &Calendar,
    th: &Thresholds,
    today: NaiveDate,
) -> Vec<Warning> {
    let mut out = Vec::new();
    let reports: Vec<ReportPoint> = task
        .reports
        .iter()
        .filter(|r| r.filed <= today)
        .copied()
        .collect();
    let status = if reports.len() == task.reports.len() {
        task.status
    } else {
        reports.last().map_or(TaskStatus::NotStarted, |r| r.status)
    };
    if status.is_finished() || status.is_suspended() {
        return out;
    }
    let start = if task.conditional {
        match task.activated_on {
            Some(on) if on <= today => Some(on),
            _ => return out,
        }
    } else {
        task.start
    };
    out.extend(overdue(status, task.deadline, today, th));
    if let Some(last) = reports.last()
        && let Some(planned) = planned_percent(start, task.deadline, &task.milestones, last.as_of)
    {
        let label = match last.period.and_then(|p| calendar.get(p)) {
            Some(p) => format!("báo cáo {}", p.label),
            None => format!("báo cáo đến ngày {}", last.as_of.format("%d/%m/%Y")),
        };
        out.extend(behind_plan(planned, last.percent(), &label, th));
    }
    let recent = th.forecast_reports.max(2) as usize;
    let points: Vec<(NaiveDate, Decimal)> = reports[reports.len().saturating_sub(recent)..]
        .iter()
        .map(|r| (r.as_of, r.percent()))
        .collect();
    out.extend(forecast_late(&points, task.deadline, today, th));

    let periods: Vec<&ReportPeriod> = (0..calendar.len() as u32)
        .filter_map(|i| calendar.get(i))
        .collect();
    let due = periods.partition_point(|p| p.window_end < today);
    let (mut missed, mut last) = (0, None);
    for i in (0..due).rev() {
        let p = periods[i];
        if p.due_on >= today {
            continue;
        }
        if start.is_some_and(|s| p.window_end < s) {
            break;
        }
        if reports.iter().any(|r| r.period == Some(i as u32)) {
            break;
        }
        missed += 1;
        last.get_or_insert(p.label.as_str());
    }
    if let Some(label) = last {
        out.extend(missing_report(missed, label, th));
    }

    let tail = (th.stalled_reports as usize)
        .saturating_mul(2)
        .saturating_add(1);
    let percents: Vec<Decimal> = reports[reports.len().saturating_sub(tail)..]
        .iter()
        .map(ReportPoint::percent)
        .collect();
    out.extend(stalled(&percents, th));
    if let Some(m) = task.money.iter().rev().find(|m| m.filed <= today) {
        out.extend(funding_gap(&m.money, th));
        if m.filed.year() == today.year() {
            out.extend(low_disbursement(&m.money, today, th));
        }
    }
    out
}

#[test]
fn the_engine_agrees_with_the_public_rules_on_random_tasks() {
    let cal = calendar();
    let mut rng = Rng(2024);
    let mut warned = 0;
    for id in 0..20_000 {
        let th = random_thresholds(&mut rng);
        let task = random_task(id, &mut rng);
        let today = rng.date("2024-09-01", 1_000);
        let mut got = Vec::new();
        evaluate_task(&task, &cal, &th, today, &mut got);
        let want = reference(&task, &cal, &th, today);
        assert_eq!(
            got, want,
            "task {task:#?}\ntoday {today}\nthresholds {th:?}"
        );
        warned += got.len();

        // A finding's fingerprint is the fingerprint of its warning.
        let limits = Limits::of(&th);
        let rules = TaskRules::new(&th, &limits, &cal, today, expected_disbursement(today));
        let mut findings = Vec::new();
        task_findings(&rules, &task, &mut Vec::new(), &mut findings);
        let ctx = Context::task(&cal);
        for (f, w) in findings.iter().zip(&got) {
            assert_eq!(f.fingerprint(&ctx), digest::fingerprint(w), "{w:?}");
            assert_eq!(Open::of(w).severity, f.severity());
        }
    }
    assert!(warned > 20_000, "{warned}");
}
