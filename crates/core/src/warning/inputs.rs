//! What the engine reads: subjects, programs and their reporting calendars,
//! and each task's and indicator's inputs reduced to what the rules use.
//! Kept compact (a report point is 16 bytes) so a whole country's tasks fit
//! in memory and a full sweep is a pass over one `Vec`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Thresholds;
use crate::catalog::Target;
use crate::report::{Milestone, Money};
use crate::status::TaskStatus;

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Task,
    Indicator,
}

impl SubjectKind {
    pub fn code(self) -> &'static str {
        match self {
            SubjectKind::Task => "task",
            SubjectKind::Indicator => "indicator",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [SubjectKind::Task, SubjectKind::Indicator]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Subject {
    pub kind: SubjectKind,
    pub id: i64,
}

impl Subject {
    pub fn task(id: i64) -> Self {
        Subject {
            kind: SubjectKind::Task,
            id,
        }
    }

    pub fn indicator(id: i64) -> Self {
        Subject {
            kind: SubjectKind::Indicator,
            id,
        }
    }
}

/// A reporting period as `missing_report` counts them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPeriod {
    /// The last day the period's data covers.
    pub window_end: NaiveDate,
    /// The day reports are due.
    pub due_on: NaiveDate,
    /// `tháng 9/2025`: how a message names the period.
    pub label: String,
}

/// The regular periods of a program in window order, addressed by index.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    periods: Vec<ReportPeriod>,
    ids: HashMap<i64, u32>,
}

impl Calendar {
    /// Periods with their stored ids, in any order. Duplicated ids keep the last.
    pub fn new(mut periods: Vec<(i64, ReportPeriod)>) -> Self {
        periods.sort_by_key(|(id, p)| (p.window_end, p.due_on, *id));
        let mut ids = HashMap::with_capacity(periods.len());
        let mut out = Vec::with_capacity(periods.len());
        for (i, (id, p)) in periods.into_iter().enumerate() {
            ids.insert(id, u32::try_from(i).unwrap_or(u32::MAX));
            out.push(p);
        }
        Calendar { periods: out, ids }
    }

    /// The index a [`ReportPoint::period`] uses for the stored period `id`.
    pub fn index_of(&self, id: i64) -> Option<u32> {
        self.ids.get(&id).copied()
    }

    pub fn get(&self, index: u32) -> Option<&ReportPeriod> {
        self.periods.get(index as usize)
    }

    /// The periods in window order.
    pub(super) fn periods(&self) -> &[ReportPeriod] {
        &self.periods
    }

    pub fn len(&self) -> usize {
        self.periods.len()
    }

    pub fn is_empty(&self) -> bool {
        self.periods.is_empty()
    }
}

/// A program: its thresholds and its reporting calendar.
#[derive(Debug, Clone)]
pub struct ProgramInput {
    pub id: i64,
    pub thresholds: Thresholds,
    pub calendar: Calendar,
}

/// One report of a task's lead agency, reduced to what the rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportPoint {
    /// The date its figures are as of (the end of its period's window).
    pub as_of: NaiveDate,
    /// When it was filed (Vietnam date); later dates are invisible to an
    /// evaluation as of an earlier day.
    pub filed: NaiveDate,
    /// Index in the program's [`Calendar`], when its period is a regular one.
    pub period: Option<u32>,
    /// Percent done in hundredths (`35,5%` → 3550).
    pub percent_bp: u16,
    pub status: TaskStatus,
}

impl ReportPoint {
    /// `percent` (0..=100) as hundredths, rounded half away from zero.
    pub fn basis_points(percent: Decimal) -> u16 {
        let bp = (percent.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED) * Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        u16::try_from(bp.mantissa() / 10i128.pow(bp.scale())).unwrap_or(10_000)
    }

    pub fn percent(&self) -> Decimal {
        Decimal::new(i64::from(self.percent_bp), 2).normalize()
    }
}

/// The money figures one report gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyPoint {
    pub filed: NaiveDate,
    pub money: Money,
}

/// A report of a task's lead agency as it was just stored, for
/// [`Engine::file_report`](super::engine::Engine::file_report): what a
/// reload of the task would add to its inputs, without the reload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    pub task: i64,
    /// The stored period the report is for.
    pub period_id: i64,
    /// The end of that period's data window.
    pub as_of: NaiveDate,
    /// The day it was filed (Vietnam date).
    pub filed: NaiveDate,
    pub percent_bp: u16,
    /// The status the report gives the task (the lead agency's report sets it).
    pub status: TaskStatus,
    pub money: Money,
}

/// Everything the task rules read about one task.
#[derive(Debug, Clone)]
pub struct TaskInput {
    pub id: i64,
    pub program: i64,
    /// The status the assignment holds now.
    pub status: TaskStatus,
    pub start: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub milestones: Vec<Milestone>,
    /// The catalog entry carries conditions (`khi đảm bảo đủ điều kiện`):
    /// nothing is expected of it before `activated_on`.
    pub conditional: bool,
    pub activated_on: Option<NaiveDate>,
    /// The lead agency's reports, in `as_of` order.
    pub reports: Vec<ReportPoint>,
    /// The money figures reported, in filing order.
    pub money: Vec<MoneyPoint>,
}

impl TaskInput {
    /// The status and the last reported percent of the data up to
    /// `window_end`, as known on `today`: the assignment's status when every
    /// report had been filed by then and none is for a later window, else
    /// the latest such report's (not started without any) — the way an
    /// evaluation as of that day sees the task.
    pub fn seen_on(
        &self,
        today: NaiveDate,
        window_end: NaiveDate,
    ) -> (TaskStatus, Option<Decimal>) {
        let seen = self
            .reports
            .iter()
            .filter(|r| r.filed <= today && r.as_of <= window_end);
        let last = seen.clone().next_back();
        let percent = last.map(|r| Decimal::new(i64::from(r.percent_bp), 2).normalize());
        if seen.count() == self.reports.len() {
            (self.status, percent)
        } else {
            (last.map_or(TaskStatus::NotStarted, |r| r.status), percent)
        }
    }

    /// A task with a schedule and nothing reported yet.
    pub fn new(
        id: i64,
        program: i64,
        start: Option<NaiveDate>,
        deadline: Option<NaiveDate>,
    ) -> Self {
        TaskInput {
            id,
            program,
            status: TaskStatus::NotStarted,
            start,
            deadline,
            milestones: Vec::new(),
            conditional: false,
            activated_on: None,
            reports: Vec::new(),
            money: Vec::new(),
        }
    }

    /// Adds `point`, replacing a report of the same date and period (a revision).
    pub fn record(&mut self, point: ReportPoint) {
        let at = self
            .reports
            .partition_point(|r| (r.as_of, r.period) < (point.as_of, point.period));
        match self.reports.get_mut(at) {
            Some(r) if r.as_of == point.as_of && r.period == point.period => *r = point,
            _ => self.reports.insert(at, point),
        }
    }
}

/// One yearly value of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActualPoint {
    pub year: i32,
    pub value: Decimal,
    pub recorded: NaiveDate,
}

/// Everything `indicator_off_track` reads about one indicator.
#[derive(Debug, Clone)]
pub struct IndicatorInput {
    pub id: i64,
    pub program: i64,
    pub target: Target,
    /// Province-wide values, any order; a later record of a year wins.
    pub actuals: Vec<ActualPoint>,
}

#[cfg(test)]
mod seen_tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn report(month: u32, filed: NaiveDate, percent: &str, status: TaskStatus) -> ReportPoint {
        ReportPoint {
            as_of: day(month, 28),
            filed,
            period: None,
            percent_bp: ReportPoint::basis_points(percent.parse().unwrap()),
            status,
        }
    }

    #[test]
    fn a_past_day_sees_only_what_was_filed_by_then() {
        let mut task = TaskInput::new(1, 1, Some(day(1, 1)), Some(day(12, 31)));
        task.status = TaskStatus::Done;
        task.reports = vec![
            report(3, day(4, 10), "30", TaskStatus::InProgress),
            report(4, day(5, 12), "45.5", TaskStatus::InProgress),
            report(5, day(6, 9), "100", TaskStatus::Done),
        ];
        let end = day(12, 31);
        assert_eq!(task.seen_on(day(4, 1), end), (TaskStatus::NotStarted, None));
        assert_eq!(
            task.seen_on(day(5, 20), end),
            (TaskStatus::InProgress, Some("45.5".parse().unwrap()))
        );
        // Everything filed: the assignment's own status.
        assert_eq!(
            task.seen_on(day(7, 1), end),
            (TaskStatus::Done, Some(Decimal::ONE_HUNDRED))
        );
        // Known later, but only the data up to April's window.
        assert_eq!(
            task.seen_on(day(7, 1), day(4, 30)),
            (TaskStatus::InProgress, Some("45.5".parse().unwrap()))
        );
    }
}
