//! The domain core of Tiến Độ: programs, sections, tasks, agencies, indicators
//! and their targets, periods and deadlines, plus the Vietnamese text rules they
//! are read with. Nothing here performs I/O, spawns tasks or reads the clock:
//! callers pass `today` in, so every rule can be evaluated as of any date.

pub mod agency;
pub mod catalog;
pub mod diff;
pub mod period;
pub mod report;
pub mod schedule;
pub mod status;
pub mod vn;
pub mod warning;

pub use catalog::{
    Actual, Basis, Cadence, Catalog, Change, ChangeAction, ChangeSet, Comparator, Component,
    DocRef, DocType, Indicator, Meeting, Note, Part, Program, ReportingRule, Section, Succession,
    Target, Task, TaskKind,
};
pub use period::{Deadline, Month, Quarter, YearSpan};
pub use report::{Actor, ActualBody, Assignment, Milestone, Money, Rejection, ReportBody};
pub use schedule::{
    AgencyCompleteness, Expected, PeriodDates, PeriodKind, PeriodSpec, Received, Regime,
    Timeliness, TimelinessSummary,
};
pub use status::{Role, TaskStatus};
