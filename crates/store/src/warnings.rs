//! Early warnings in storage: loading what the engine (`tiendo_core::warning`)
//! reads, persisting the changes it reports, listing and counting warnings
//! for people, and the two things people do to them (acknowledge a warning,
//! activate a conditional task). The rules themselves live in the core; this
//! module never decides whether something deserves a warning.

mod act;
mod apply;
mod follow;
mod load;
mod read;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use tiendo_core::warning::{FactSet, RuleId, Severity, Subject, SubjectKind};

use crate::error::{Result, StoreError};
use crate::model::{AgencyId, ProgramId};

pub use act::TaskActivation;
pub use apply::WarningEvent;
pub(crate) use follow::follow_report;
pub use follow::{Follow, FollowUp, Recheck};
pub use load::{EngineLoad, ProgramCalendar};
pub(crate) use read::MONEY_RULES;
pub use read::{
    AgencyWarningCounts, OpenLevels, SeverityCounts, StateCounts, StateFilter, WarningCounts,
    WarningEventKind, WarningEventRow, WarningFilter,
};

/// Where a warning is in its life: the engine raises and resolves it, a
/// person acknowledges it in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningState {
    /// Open and not yet seen to.
    Raised,
    /// Open; someone responsible said they are on it.
    Acknowledged,
    /// The condition cleared; kept as history.
    Resolved,
}

impl WarningState {
    pub const ALL: [WarningState; 3] = [
        WarningState::Raised,
        WarningState::Acknowledged,
        WarningState::Resolved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            WarningState::Raised => "raised",
            WarningState::Acknowledged => "acknowledged",
            WarningState::Resolved => "resolved",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        WarningState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn is_open(self) -> bool {
        self != WarningState::Resolved
    }
}

/// A warning as stored, with the names a reader needs beside the ids. This
/// is the API's JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredWarning {
    pub id: i64,
    pub rule: RuleId,
    /// The rule's name in Vietnamese.
    pub rule_label: String,
    pub subject: Subject,
    /// The task's title or the indicator's name, as its latest version says.
    pub subject_title: String,
    pub program_id: ProgramId,
    /// The task's lead agency; `None` for an indicator.
    pub agency_id: Option<AgencyId>,
    pub agency_name: Option<String>,
    /// The section path the subject sits in (`1.3.b`).
    pub section: String,
    pub severity: Severity,
    pub severity_label: String,
    pub state: WarningState,
    pub message: String,
    /// The figures the message was built from (`Warning::facts`).
    pub facts: FactSet,
    /// The day the engine evaluated as of when it last changed the warning.
    pub as_of: NaiveDate,
    pub raised_at: String,
    /// The last time the engine changed it (an acknowledgement does not).
    pub updated_at: String,
    pub acknowledged_at: Option<String>,
    /// The user id; `None` for the command line or when not acknowledged.
    pub acknowledged_by: Option<i64>,
    pub acknowledged_by_name: Option<String>,
    pub ack_note: Option<String>,
    pub resolved_at: Option<String>,
}

/// The columns of a warning row over `warnings w` joined with
/// [`STORED_JOINS`], all but the subject's title.
macro_rules! row_columns {
    () => {
        "w.id, w.rule, w.subject_kind, w.subject_id, w.program_id, w.agency_id, \
         ag.name AS agency_name, w.section, w.severity, w.state, w.message, w.facts_json, \
         w.as_of, w.raised_at, w.updated_at, w.acknowledged_at, w.acknowledged_by, \
         u.display_name AS acknowledged_by_name, w.ack_note, w.resolved_at"
    };
}

/// The columns of a [`StoredWarning`]: the row and its subject's title as
/// the latest version says.
const STORED_COLUMNS: &str = concat!(
    row_columns!(),
    ", CASE w.subject_kind \
       WHEN 'task' THEN (SELECT tv.title FROM task_versions tv WHERE tv.task_id = w.subject_id \
                         ORDER BY tv.version_id DESC LIMIT 1) \
       ELSE (SELECT iv.name FROM indicator_versions iv WHERE iv.indicator_id = w.subject_id \
             ORDER BY iv.version_id DESC LIMIT 1) \
     END AS subject_title"
);

/// The row alone, for a caller that knows the titles already.
const UNTITLED_COLUMNS: &str = concat!(row_columns!(), ", NULL AS subject_title");

const STORED_JOINS: &str = "LEFT JOIN agencies ag ON ag.id = w.agency_id \
     LEFT JOIN users u ON u.id = w.acknowledged_by";

#[derive(FromRow)]
struct StoredRow {
    id: i64,
    rule: String,
    subject_kind: String,
    subject_id: i64,
    subject_title: Option<String>,
    program_id: i64,
    agency_id: Option<i64>,
    agency_name: Option<String>,
    section: String,
    severity: String,
    state: String,
    message: String,
    facts_json: String,
    as_of: String,
    raised_at: String,
    updated_at: String,
    acknowledged_at: Option<String>,
    acknowledged_by: Option<i64>,
    acknowledged_by_name: Option<String>,
    ack_note: Option<String>,
    resolved_at: Option<String>,
}

impl TryFrom<StoredRow> for StoredWarning {
    type Error = StoreError;

    fn try_from(r: StoredRow) -> Result<StoredWarning> {
        let rule = rule(&r.rule)?;
        let severity = severity(&r.severity)?;
        Ok(StoredWarning {
            id: r.id,
            rule,
            rule_label: rule.label_vi().to_string(),
            subject: subject(&r.subject_kind, r.subject_id)?,
            subject_title: r.subject_title.unwrap_or_default(),
            program_id: ProgramId(r.program_id),
            agency_id: r.agency_id.map(AgencyId),
            agency_name: r.agency_name,
            section: r.section,
            severity,
            severity_label: severity.label_vi().to_string(),
            state: WarningState::from_code(&r.state)
                .ok_or_else(|| StoreError::Corrupt(format!("warning state {:?}", r.state)))?,
            message: r.message,
            facts: facts(&r.facts_json)?,
            as_of: day(&r.as_of, "warning as_of")?,
            raised_at: r.raised_at,
            updated_at: r.updated_at,
            acknowledged_at: r.acknowledged_at,
            acknowledged_by: r.acknowledged_by,
            acknowledged_by_name: r.acknowledged_by_name,
            ack_note: r.ack_note,
            resolved_at: r.resolved_at,
        })
    }
}

/// One warning by id, whatever its state.
async fn stored_by_id(conn: &mut SqliteConnection, id: i64) -> Result<Option<StoredWarning>> {
    let row: Option<StoredRow> = sqlx::query_as(&format!(
        "SELECT {STORED_COLUMNS} FROM warnings w {STORED_JOINS} WHERE w.id = ?"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(StoredWarning::try_from).transpose()
}

fn rule(code: &str) -> Result<RuleId> {
    RuleId::from_code(code).ok_or_else(|| StoreError::Corrupt(format!("warning rule {code:?}")))
}

fn severity(code: &str) -> Result<Severity> {
    Severity::from_code(code).ok_or_else(|| StoreError::Corrupt(format!("severity {code:?}")))
}

fn subject(kind: &str, id: i64) -> Result<Subject> {
    let kind = SubjectKind::from_code(kind)
        .ok_or_else(|| StoreError::Corrupt(format!("warning subject kind {kind:?}")))?;
    Ok(Subject { kind, id })
}

fn facts(json: &str) -> Result<FactSet> {
    Ok(serde_json::from_str(json)?)
}

/// A stored `YYYY-MM-DD` date. Hand-parsed: the engine's load reads a
/// million of them and a format string costs more than the digits.
pub(crate) fn day(text: &str, what: &str) -> Result<NaiveDate> {
    let b = text.as_bytes();
    let digits = |from: usize, to: usize| {
        b[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0, 4), digits(5, 7), digits(8, 10))
        && let Some(date) = i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
    {
        return Ok(date);
    }
    Err(StoreError::Corrupt(format!("{what}: bad date {text:?}")))
}

/// A stored RFC 3339 timestamp.
pub(crate) fn instant(text: &str, what: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.to_utc())
        .map_err(|_| StoreError::Corrupt(format!("{what}: bad timestamp {text:?}")))
}

/// The longest note on an acknowledgement or an activation.
pub const MAX_NOTE_CHARS: usize = 2000;

/// A note as stored: trimmed, NFC, at most [`MAX_NOTE_CHARS`]; refused
/// when empty and `required`.
fn clean_note(note: &str, required: bool) -> Result<String> {
    let note = tiendo_core::vn::nfc(note.trim());
    if required && note.is_empty() {
        return Err(StoreError::rejected(
            "note_required",
            "note",
            "Cần ghi rõ nội dung ghi nhận (đã biết, đang xử lý thế nào).",
        ));
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(StoreError::rejected(
            "text_too_long",
            "note",
            format!("Ghi chú dài quá {MAX_NOTE_CHARS} ký tự."),
        ));
    }
    Ok(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_date_reads_back_and_nonsense_is_corrupt() {
        assert_eq!(
            day("2025-09-14", "t").unwrap(),
            NaiveDate::from_ymd_opt(2025, 9, 14).unwrap()
        );
        for bad in [
            "2025-02-30",
            "2025-9-14",
            "2025/09/14",
            "",
            "２０２５-09-14",
        ] {
            assert!(day(bad, "t").is_err(), "{bad}");
        }
    }

    #[test]
    fn a_note_is_trimmed_and_bounded() {
        assert_eq!(clean_note("  đã biết  ", true).unwrap(), "đã biết");
        assert!(matches!(
            clean_note("   ", true),
            Err(StoreError::Rejected(r)) if r.code == "note_required" && r.field == "note"
        ));
        assert_eq!(clean_note("", false).unwrap(), "");
        assert!(matches!(
            clean_note(&"a".repeat(MAX_NOTE_CHARS + 1), false),
            Err(StoreError::Rejected(r)) if r.code == "text_too_long"
        ));
    }
}
