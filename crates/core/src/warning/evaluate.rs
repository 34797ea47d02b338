//! One subject evaluated as of a date: which rules find something about a
//! task or an indicator. The engine collects compact [`Finding`]s and
//! renders only those that changed; [`evaluate_task`] and
//! [`evaluate_indicator`] render everything, for callers that want words.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::borrow::Cow;

use super::cents::{self, Limits};
use super::finding::{Context, Finding, Label};
use super::inputs::{ActualPoint, Calendar, IndicatorInput, ReportPoint, TaskInput};
use super::rules;
use super::trajectory::planned_cents;
use super::{Thresholds, Warning};
use crate::status::TaskStatus;

/// What evaluating a task reads besides the task: its program's thresholds
/// and calendar, and the date with what follows from it alone.
#[derive(Clone, Copy)]
pub(super) struct TaskRules<'a> {
    pub th: &'a Thresholds,
    pub limits: &'a Limits,
    pub calendar: &'a Calendar,
    pub today: NaiveDate,
    /// `expected_disbursement(today)`, computed once per sweep.
    pub expected: Option<Decimal>,
    /// How many of the calendar's periods ended before `today`.
    ended: usize,
    /// When the due dates of those periods never fall (the usual case): how
    /// many of them are due before `today`, all at the start.
    due_prefix: Option<usize>,
}

impl<'a> TaskRules<'a> {
    pub(super) fn new(
        th: &'a Thresholds,
        limits: &'a Limits,
        calendar: &'a Calendar,
        today: NaiveDate,
        expected: Option<Decimal>,
    ) -> Self {
        let periods = calendar.periods();
        let ended = periods.partition_point(|p| p.window_end < today);
        let ended_periods = &periods[..ended];
        let rising = ended_periods.windows(2).all(|w| w[0].due_on <= w[1].due_on);
        TaskRules {
            th,
            limits,
            calendar,
            today,
            expected,
            ended,
            due_prefix: rising.then(|| ended_periods.partition_point(|p| p.due_on < today)),
        }
    }
}

/// The task's warnings as of `today`, appended to `out`.
///
/// A finished or suspended task warns of nothing; a conditional task not yet
/// activated neither (nothing is expected of it). Reports filed after
/// `today` are not seen, so a past date evaluates the past.
pub fn evaluate_task(
    task: &TaskInput,
    calendar: &Calendar,
    th: &Thresholds,
    today: NaiveDate,
    out: &mut Vec<Warning>,
) {
    let limits = Limits::of(th);
    let expected = rules::expected_disbursement(today);
    let rules = TaskRules::new(th, &limits, calendar, today, expected);
    let mut findings = Vec::new();
    task_findings(&rules, task, &mut Vec::new(), &mut findings);
    let ctx = Context::task(calendar);
    out.extend(findings.iter().map(|f| f.render(&ctx)));
}

/// `reports` (in `as_of` order) with one point a date: of reports of the
/// same data window, the one filed last. Borrowed when there is nothing to
/// merge, as for a task with only monthly reports.
fn one_per_window(reports: &[ReportPoint]) -> Cow<'_, [ReportPoint]> {
    if reports.windows(2).all(|w| w[0].as_of != w[1].as_of) {
        return Cow::Borrowed(reports);
    }
    let mut out: Vec<ReportPoint> = Vec::with_capacity(reports.len());
    for r in reports {
        match out.last_mut() {
            Some(last) if last.as_of == r.as_of => {
                if r.filed >= last.filed {
                    *last = *r;
                }
            }
            _ => out.push(*r),
        }
    }
    Cow::Owned(out)
}

/// The task's findings as of `rules.today`, appended to `out`, in rule
/// order. `scratch` holds the visible reports when some are not.
pub(super) fn task_findings(
    rules: &TaskRules<'_>,
    task: &TaskInput,
    scratch: &mut Vec<ReportPoint>,
    out: &mut Vec<Finding>,
) {
    let (th, today) = (rules.th, rules.today);
    let all_seen = task.reports.iter().all(|r| r.filed <= today);
    let (reports, status): (&[ReportPoint], _) = if all_seen {
        (&task.reports, task.status)
    } else {
        scratch.clear();
        scratch.extend(task.reports.iter().filter(|r| r.filed <= today));
        let status = scratch.last().map_or(TaskStatus::NotStarted, |r| r.status);
        (scratch, status)
    };
    if status.is_finished() || status.is_suspended() {
        return;
    }
    let start = if task.conditional {
        match task.activated_on {
            Some(on) if on <= today => Some(on),
            _ => return,
        }
    } else {
        task.start
    };

    out.extend(rules::overdue_finding(status, task.deadline, today, th));

    if let Some(last) = reports.last() {
        let planned = planned_cents(start, task.deadline, &task.milestones, last.as_of);
        if let Some(planned) = planned {
            let label = match last.period.filter(|&p| rules.calendar.get(p).is_some()) {
                Some(p) => Label::Report(p),
                None => Label::ReportAsOf(last.as_of),
            };
            let reported = i64::from(last.percent_bp);
            out.extend(cents::behind_plan(planned, reported, label, rules.limits));
        }
    }

    // The pace and the run without progress read one observation a data
    // window: a monthly and a six-month report both as of 14 June say the
    // same thing once, not that a period passed without progress.
    let observed = one_per_window(reports);
    let recent = th.forecast_reports.max(2) as usize;
    let points = &observed[observed.len().saturating_sub(recent)..];
    out.extend(cents::forecast_late(points, task.deadline, today, th));

    if let Some((missed, last)) = missed_periods(reports, rules, start) {
        out.extend(rules::missing_report_finding(
            missed,
            Label::Period(last),
            th,
        ));
    }

    let tail = (th.stalled_reports as usize)
        .saturating_mul(2)
        .saturating_add(1);
    out.extend(cents::stalled(
        &observed[observed.len().saturating_sub(tail)..],
        th,
    ));

    let money = task.money.iter().rev().find(|m| m.filed <= today);
    if let Some(m) = money {
        out.extend(rules::funding_gap_finding(&m.money, th));
        if m.filed.year() == today.year() {
            out.extend(rules::low_disbursement_finding(
                &m.money,
                today,
                rules.expected,
                th,
            ));
        }
    }
}

/// How many of the latest regular periods, due before `today` and covering
/// time after `start`, went by without a report, and the index of the
/// latest of them; `None` when none did.
///
/// Walking back from the latest period whose window has ended, periods not
/// yet due are skipped, and the walk stops at the first period that was
/// reported or that ended before `start`. So the missed ones are those due
/// before `today` above both the latest reported period (among those due)
/// and the last one ending before `start`.
fn missed_periods(
    reports: &[ReportPoint],
    rules: &TaskRules<'_>,
    start: Option<NaiveDate>,
) -> Option<(u32, u32)> {
    let (periods, ended, today) = (rules.calendar.periods(), rules.ended, rules.today);
    let due = |i: usize| periods[i].due_on < today;
    let mut from = 0;
    for r in reports {
        if let Some(p) = r.period.map(|p| p as usize)
            && p < ended
            && p >= from
            && due(p)
        {
            from = p + 1;
        }
    }
    // The periods due are below `hi` when due dates rise with the windows.
    let hi = rules.due_prefix.unwrap_or(ended);
    if from >= hi {
        return None;
    }
    if let Some(s) = start {
        from = from.max(periods[..hi].partition_point(|p| p.window_end < s));
    }
    let (missed, last) = match rules.due_prefix {
        Some(hi) => (hi.saturating_sub(from), hi.checked_sub(1)?),
        None => {
            let mut missed = 0;
            let mut last = None;
            for i in (from..ended).filter(|&i| due(i)) {
                missed += 1;
                last = Some(i);
            }
            (missed, last?)
        }
    };
    if missed == 0 {
        return None;
    }
    Some((u32::try_from(missed).ok()?, u32::try_from(last).ok()?))
}

/// The indicator's warning as of `today`, if its projection misses the target.
/// The base of a relative target is the value recorded for its base year.
pub fn evaluate_indicator(
    indicator: &IndicatorInput,
    th: &Thresholds,
    today: NaiveDate,
) -> Option<Warning> {
    indicator_finding(indicator, th, today)
        .map(|f| f.render(&Context::indicator(&indicator.target)))
}

pub(super) fn indicator_finding(
    indicator: &IndicatorInput,
    th: &Thresholds,
    today: NaiveDate,
) -> Option<Finding> {
    let mut by_year: Vec<ActualPoint> = indicator
        .actuals
        .iter()
        .filter(|a| a.recorded <= today)
        .copied()
        .collect();
    by_year.sort_by_key(|a| (a.year, a.recorded));
    by_year.dedup_by(|later, earlier| {
        if later.year == earlier.year {
            *earlier = *later;
            true
        } else {
            false
        }
    });
    let base = indicator
        .target
        .base_year
        .and_then(|y| by_year.iter().find(|a| a.year == y))
        .map(|a| a.value);
    let points: Vec<(i32, Decimal)> = by_year
        .iter()
        .filter(|a| Some(a.year) != indicator.target.base_year || by_year.len() == 1)
        .map(|a| (a.year, a.value))
        .collect();
    rules::indicator_off_track_finding(&indicator.target, &points, base, th)
}
