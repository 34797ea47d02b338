//! The early-warning engine's pure half: a task's planned trajectory and the
//! rules that compare it, its reports, its money and its indicators against
//! thresholds, each returning at most one [`Warning`] that explains itself in
//! Vietnamese with the numbers it used. No I/O, no clock (`today` is passed
//! in), no panics on any input; who the warning is about (task, agency,
//! indicator) and its life cycle belong to the caller.

mod cents;
mod config;
mod digest;
mod engine;
mod evaluate;
mod facts;
mod finding;
mod inputs;
mod lifecycle;
mod messages;
mod rules;
mod text;
mod trajectory;

#[cfg(test)]
mod tests;

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use config::{ConfigError, WarningConfig};
pub use engine::{
    ActualPoint, Calendar, Change, ChangeKind, CompactChange, Engine, Filing, IndicatorInput,
    MoneyPoint, Open, ProgramInput, ReportPeriod, ReportPoint, Subject, SubjectKind, TaskInput,
    evaluate_indicator, evaluate_task,
};
pub use facts::FactSet;
pub use finding::Finding;
pub use messages::target_words;
pub use rules::{
    behind_plan, expected_disbursement, forecast_late, funding_gap, indicator_off_track,
    low_disbursement, missing_report, overdue, stalled, target_bounds, target_met,
};
pub use trajectory::planned_percent;

/// How loud a warning is. Ordered: `Red > Yellow > Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing, nothing is wrong yet (a deadline is near).
    Info,
    /// Slipping: act before it becomes red.
    Yellow,
    /// Late, or sure to be.
    Red,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Yellow, Severity::Red];

    /// The stable code used in JSON, the database and the API.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Yellow => "yellow",
            Severity::Red => "red",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Severity::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The word officials read.
    pub fn label_vi(self) -> &'static str {
        match self {
            Severity::Info => "Thông tin",
            Severity::Yellow => "Vàng",
            Severity::Red => "Đỏ",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Which rule raised a warning. With the subject it identifies the one open
/// warning the life cycle keeps per (rule, subject).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    /// Deadline passed, not finished (and, as its info rung, deadline near).
    Overdue,
    /// Reported % well below the planned % at the report date.
    BehindPlan,
    /// The pace of recent reports projects completion after the deadline.
    ForecastLate,
    /// Reports due and not sent, escalating with repeated periods.
    MissingReport,
    /// No progress across several consecutive reports.
    Stalled,
    /// Allocated money below what the task requires.
    FundingGap,
    /// Disbursed share of allocated money below the share of the year gone.
    LowDisbursement,
    /// An indicator's trend misses its target.
    IndicatorOffTrack,
}

impl RuleId {
    pub const ALL: [RuleId; 8] = [
        RuleId::Overdue,
        RuleId::BehindPlan,
        RuleId::ForecastLate,
        RuleId::MissingReport,
        RuleId::Stalled,
        RuleId::FundingGap,
        RuleId::LowDisbursement,
        RuleId::IndicatorOffTrack,
    ];

    /// The stable code used in JSON, the database and the API.
    pub fn code(self) -> &'static str {
        match self {
            RuleId::Overdue => "overdue",
            RuleId::BehindPlan => "behind_plan",
            RuleId::ForecastLate => "forecast_late",
            RuleId::MissingReport => "missing_report",
            RuleId::Stalled => "stalled",
            RuleId::FundingGap => "funding_gap",
            RuleId::LowDisbursement => "low_disbursement",
            RuleId::IndicatorOffTrack => "indicator_off_track",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        RuleId::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The rule's name as officials read it.
    pub fn label_vi(self) -> &'static str {
        messages::rule_label(self)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The thresholds every rule reads. A configuration file may set any subset;
/// the rest keep the defaults documented on each field. Unknown keys are
/// rejected so a misspelt threshold does not silently keep its default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// `behind_plan` turns yellow at this many percentage points behind. Default 15.
    pub behind_plan_yellow: Decimal,
    /// `behind_plan` turns red at this many points behind. Default 30.
    pub behind_plan_red: Decimal,
    /// `stalled` turns yellow after this many consecutive reports without
    /// progress, red after twice as many. 0 switches the rule off. Default 3.
    pub stalled_reports: u32,
    /// `missing_report` is yellow for one missed period and red from this
    /// many consecutive missed periods. Default 2.
    pub missing_red_after: u32,
    /// `funding_gap` turns yellow when this share (%) of the required money
    /// is not allocated. Default 10.
    pub funding_gap_yellow: Decimal,
    /// `funding_gap` turns red at this share (%) missing. Default 30.
    pub funding_gap_red: Decimal,
    /// `low_disbursement` turns yellow when the disbursed share trails the
    /// share of the year gone by this many points. Default 15.
    pub disbursement_gap_yellow: Decimal,
    /// `low_disbursement` turns red at this many points. Default 30.
    pub disbursement_gap_red: Decimal,
    /// `forecast_late` tolerates a projected completion this many days after
    /// the deadline: percents are reported to 0,01 %, so a task exactly on a
    /// straight-line plan can project a day or two late. Default 7.
    pub forecast_grace_days: u32,
    /// `forecast_late` is yellow up to this many days late, red beyond. Default 30.
    pub forecast_red_days: u32,
    /// `forecast_late` reads the pace from this many latest reports. Default 6.
    pub forecast_reports: u32,
    /// `overdue` raises an info warning this many days before the deadline
    /// (sắp đến hạn). 0 switches it off. Default 14.
    pub due_soon_days: u32,
    /// `indicator_off_track` is yellow when the projection misses the target
    /// by at most this share (%) of the target, red beyond. Default 10.
    pub indicator_yellow_share: Decimal,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            behind_plan_yellow: Decimal::from(15),
            behind_plan_red: Decimal::from(30),
            stalled_reports: 3,
            missing_red_after: 2,
            funding_gap_yellow: Decimal::from(10),
            funding_gap_red: Decimal::from(30),
            disbursement_gap_yellow: Decimal::from(15),
            disbursement_gap_red: Decimal::from(30),
            forecast_grace_days: 7,
            forecast_red_days: 30,
            forecast_reports: 6,
            due_soon_days: 14,
            indicator_yellow_share: Decimal::from(10),
        }
    }
}

/// One rule's finding about one subject: which rule, how loud, a Vietnamese
/// sentence with the numbers, and those numbers as facts.
///
/// Facts are machine-readable: decimals with a `.` point (`60`, `35.5`),
/// dates in ISO form (`2025-12-31`); the message carries the Vietnamese forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub rule: RuleId,
    pub severity: Severity,
    pub message: String,
    pub facts: FactSet,
}

impl Warning {
    /// A fact by name, as recorded.
    pub fn fact_value(&self, key: &str) -> Option<&str> {
        self.facts.get(key)
    }
}
