//! Storing what the engine found: each [`Change`] becomes an insert or an
//! update of its warning row plus one `warning_events` row, all of a call in
//! one write job (all or nothing).
//!
//! The job reads the open rows of the subjects it touches once, applies
//! each change to its copy in memory, and writes the differences a chunk at
//! a time as multi-row `VALUES` lists (ids as JSON arrays for `json_each`):
//! a few statements per thousand changes, and the rows it returns are the
//! copies, not read back.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, QueryBuilder, Row, Sqlite, SqliteConnection};
use tiendo_core::warning::{Change, ChangeKind, FactSet, RuleId, Severity, Subject, SubjectKind};

use super::{STORED_JOINS, StoredRow, StoredWarning, UNTITLED_COLUMNS, WarningState, rule};
use crate::error::{Result, StoreError};
use crate::model::{AgencyId, ProgramId};
use crate::{Store, now_text};

/// A change as stored, for the caller to announce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WarningEvent {
    pub kind: ChangeKind,
    /// The severity before an escalation, easing, update or resolution.
    pub previous: Option<Severity>,
    /// The row after the change.
    pub warning: StoredWarning,
}

/// Changes written per statement: at most 9 parameters a row, well under
/// SQLite's 32 766; and at most 500 rows a `VALUES` list. The bundled
/// SQLite refused a chunk of 1.000 events — some rows finding their
/// warning's id by a subquery, the others not — as "too many terms in
/// compound SELECT" (its limit is 500): the second sweep of a generated
/// province of 10.000 tasks failed so (`crates/cli/tests/export.rs`).
const CHUNK: usize = 500;

/// One change, owned, with its finding ready to store.
pub(super) struct Item {
    subject: Subject,
    program: i64,
    rule: RuleId,
    kind: ChangeKind,
    previous: Option<Severity>,
    finding: Option<Finding>,
}

struct Finding {
    severity: Severity,
    message: String,
    facts: FactSet,
    /// `facts` as stored.
    facts_json: String,
}

/// What a subject's rows carry besides the finding.
struct Place {
    title: String,
    agency: Option<i64>,
    agency_name: Option<String>,
    section: String,
}

type Key = (RuleId, Subject);

pub(super) fn items(changes: &[Change]) -> Result<Vec<Item>> {
    changes
        .iter()
        .map(|c| {
            let finding = match (&c.warning, c.kind) {
                (_, ChangeKind::Resolved) => None,
                (Some(w), _) if w.rule == c.rule => Some(Finding {
                    severity: w.severity,
                    message: w.message.clone(),
                    facts: w.facts.clone(),
                    facts_json: serde_json::to_string(&w.facts)?,
                }),
                (Some(w), _) => {
                    return Err(StoreError::Invalid(format!(
                        "a {} change carries a {} warning",
                        c.rule, w.rule
                    )));
                }
                (None, kind) => {
                    return Err(StoreError::Invalid(format!(
                        "a {} change of {} without its warning",
                        kind.code(),
                        c.rule
                    )));
                }
            };
            Ok(Item {
                subject: c.subject,
                program: c.program,
                rule: c.rule,
                kind: c.kind,
                previous: c.previous,
                finding,
            })
        })
        .collect()
}

impl Store {
    /// Stores the engine's changes as of `as_of`, in one write: every change
    /// or, if any fails, none. Raised inserts a row (or updates the open one
    /// storage already has for that rule and subject); escalated, eased and
    /// updated refresh the figures, an escalation putting an acknowledged
    /// warning back to raised; resolved closes the open row (and is skipped
    /// when there is none). Each stored change appends one event and comes
    /// back with the row after it, in the order of `changes`.
    pub async fn apply_warning_changes(
        &self,
        changes: &[Change],
        as_of: NaiveDate,
    ) -> Result<Vec<WarningEvent>> {
        if changes.is_empty() {
            return Ok(Vec::new());
        }
        let items = items(changes)?;
        self.writer
            .write(move |conn| Box::pin(async move { apply(conn, items, as_of).await }))
            .await
    }
}

/// What every chunk of one call shares.
struct Job {
    places: HashMap<Subject, Place>,
    as_of: NaiveDate,
    now: String,
}

pub(super) async fn apply(
    conn: &mut SqliteConnection,
    items: Vec<Item>,
    as_of: NaiveDate,
) -> Result<Vec<WarningEvent>> {
    let (places, mut open) = read_subjects(conn, &items).await?;
    let job = Job {
        places,
        as_of,
        now: now_text(),
    };
    let mut out = Vec::with_capacity(items.len());
    let mut chunk: Vec<Item> = Vec::new();
    let mut keys: HashSet<Key> = HashSet::new();
    for item in items {
        // A second change of the same warning waits for the first to be
        // written, so that it finds the row the first one left.
        if chunk.len() >= CHUNK || !keys.insert((item.rule, item.subject)) {
            flush(conn, &job, std::mem::take(&mut chunk), &mut open, &mut out).await?;
            keys.clear();
            keys.insert((item.rule, item.subject));
        }
        chunk.push(item);
    }
    flush(conn, &job, chunk, &mut open, &mut out).await?;
    Ok(out)
}

/// A JSON array of ids, for `json_each`.
fn id_list(ids: impl IntoIterator<Item = i64>) -> String {
    Value::from(ids.into_iter().collect::<Vec<_>>()).to_string()
}

/// The distinct ids of the subjects of one kind, as a JSON array.
fn subject_ids(items: &[Item], kind: SubjectKind) -> String {
    let ids: HashSet<i64> = items
        .iter()
        .filter(|i| i.subject.kind == kind)
        .map(|i| i.subject.id)
        .collect();
    id_list(ids)
}

/// What [`read_subjects`] gives: each subject's place, and the open rows of
/// the subjects the changes touch, titled.
type Subjects = (HashMap<Subject, Place>, HashMap<Key, StoredWarning>);

/// Rows of the statements [`push_subject_reads`] adds, as they come back.
#[derive(Default)]
struct SubjectRows {
    places: HashMap<Subject, Place>,
    open: Vec<StoredWarning>,
}

impl SubjectRows {
    /// Takes `row` if one of those statements returned it.
    fn take(&mut self, row: &SqliteRow) -> Result<bool> {
        match row.try_get::<&str, _>("what")? {
            "open" => self
                .open
                .push(StoredWarning::try_from(StoredRow::from_row(row)?)?),
            "place" => {
                let id: i64 = row.try_get(2)?;
                let subject = match row.try_get::<&str, _>(1)? {
                    "task" => Subject::task(id),
                    _ => Subject::indicator(id),
                };
                let place = Place {
                    title: row.try_get(3)?,
                    section: row.try_get(4)?,
                    agency: row.try_get(5)?,
                    agency_name: row.try_get(6)?,
                };
                self.places.insert(subject, place);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The places and titled open rows; refuses a finding about a subject
    /// that does not exist.
    fn finish(self, items: &[Item]) -> Result<Subjects> {
        let SubjectRows { places, open } = self;
        if let Some(missing) = items
            .iter()
            .find(|i| i.finding.is_some() && !places.contains_key(&i.subject))
        {
            return Err(StoreError::Invalid(format!(
                "a warning about {} #{}, which does not exist",
                missing.subject.kind.code(),
                missing.subject.id
            )));
        }
        let mut rows = HashMap::with_capacity(open.len());
        for mut warning in open {
            if let Some(place) = places.get(&warning.subject) {
                warning.subject_title.clone_from(&place.title);
            }
            rows.insert((warning.rule, warning.subject), warning);
        }
        Ok((places, rows))
    }
}

/// Adds to `q` the statements that read title, section and lead agency of
/// the subjects of one kind (`ids`, a JSON array), as the latest version
/// and the assignment say, and their open warnings.
fn push_subject_reads(q: &mut QueryBuilder<'_, Sqlite>, kind: SubjectKind, ids: String) {
    match kind {
        SubjectKind::Task => q
            .push(
                "SELECT 'place' AS what, 'task' AS kind, t.id, tv.title, tv.section, \
                 COALESCE(a.lead_agency_id, tv.lead_agency_id) AS lead, ag.name \
                 FROM json_each(",
            )
            .push_bind(ids.clone())
            .push(
                ") j JOIN tasks t ON t.id = j.value \
                 JOIN task_versions tv ON tv.task_id = t.id AND tv.version_id = \
                   (SELECT MAX(x.version_id) FROM task_versions x WHERE x.task_id = t.id) \
                 LEFT JOIN assignments a ON a.task_id = t.id \
                 LEFT JOIN agencies ag ON ag.id = COALESCE(a.lead_agency_id, tv.lead_agency_id); ",
            ),
        SubjectKind::Indicator => q
            .push(
                "SELECT 'place' AS what, 'indicator' AS kind, i.id, iv.name, iv.section, \
                 NULL AS lead, NULL AS name FROM json_each(",
            )
            .push_bind(ids.clone())
            .push(
                ") j JOIN indicators i ON i.id = j.value \
                 JOIN indicator_versions iv ON iv.indicator_id = i.id AND iv.version_id = \
                   (SELECT MAX(x.version_id) FROM indicator_versions x WHERE x.indicator_id = i.id); ",
            ),
    };
    open_rows_sql(q, kind, ids);
}

/// The places and open warnings of every subject the changes name: one
/// query of up to four statements, one round trip.
async fn read_subjects(conn: &mut SqliteConnection, items: &[Item]) -> Result<Subjects> {
    let mut rows = SubjectRows::default();
    let mut q = QueryBuilder::<Sqlite>::new("");
    let mut any = false;
    for kind in [SubjectKind::Task, SubjectKind::Indicator] {
        if items.iter().any(|i| i.subject.kind == kind) {
            push_subject_reads(&mut q, kind, subject_ids(items, kind));
            any = true;
        }
    }
    if any {
        for row in q.build().fetch_all(&mut *conn).await? {
            rows.take(&row)?;
        }
    }
    rows.finish(items)
}

/// The statement that reads the open rows of the subjects of one kind.
fn open_rows_sql(q: &mut QueryBuilder<'_, Sqlite>, kind: SubjectKind, ids: String) {
    q.push(format!(
        "SELECT 'open' AS what, {UNTITLED_COLUMNS} FROM warnings w {STORED_JOINS} \
         WHERE w.subject_kind = "
    ))
    .push_bind(kind.code())
    .push(" AND w.subject_id IN (SELECT value FROM json_each(")
    .push_bind(ids)
    .push(")) AND w.state <> 'resolved'; ");
}

/// A warning as a finding makes it, before its insert gives it an id.
fn new_row(job: &Job, item: &Item, finding: &Finding, place: &Place) -> StoredWarning {
    StoredWarning {
        id: 0,
        rule: item.rule,
        rule_label: item.rule.label_vi().to_string(),
        subject: item.subject,
        subject_title: place.title.clone(),
        program_id: ProgramId(item.program),
        agency_id: place.agency.map(AgencyId),
        agency_name: place.agency_name.clone(),
        section: place.section.clone(),
        severity: finding.severity,
        severity_label: finding.severity.label_vi().to_string(),
        state: WarningState::Raised,
        message: finding.message.clone(),
        facts: finding.facts.clone(),
        as_of: job.as_of,
        raised_at: job.now.clone(),
        updated_at: job.now.clone(),
        acknowledged_at: None,
        acknowledged_by: None,
        acknowledged_by_name: None,
        ack_note: None,
        resolved_at: None,
    }
}

/// Gives `w` a new finding. An acknowledged warning that grew stronger
/// goes back to raised and loses its acknowledgement (the events keep it);
/// says whether that happened.
fn refresh(
    job: &Job,
    w: &mut StoredWarning,
    item: &Item,
    finding: &Finding,
    place: &Place,
) -> bool {
    let reraise = w.state == WarningState::Acknowledged
        && (item.kind == ChangeKind::Escalated || finding.severity > w.severity);
    w.program_id = ProgramId(item.program);
    w.agency_id = place.agency.map(AgencyId);
    w.agency_name.clone_from(&place.agency_name);
    w.section.clone_from(&place.section);
    w.severity = finding.severity;
    w.severity_label = finding.severity.label_vi().to_string();
    w.message.clone_from(&finding.message);
    w.facts.clone_from(&finding.facts);
    w.as_of = job.as_of;
    w.updated_at.clone_from(&job.now);
    if reraise {
        w.state = WarningState::Raised;
        w.acknowledged_at = None;
        w.acknowledged_by = None;
        w.acknowledged_by_name = None;
        w.ack_note = None;
    }
    reraise
}

/// What one item of a chunk writes.
enum Write<'a> {
    Insert(&'a Finding),
    Refresh(&'a Finding, bool),
    Resolve,
}

/// Writes a chunk of changes of distinct warnings and appends their events
/// to `out`, in the chunk's order.
async fn flush(
    conn: &mut SqliteConnection,
    job: &Job,
    chunk: Vec<Item>,
    open: &mut HashMap<Key, StoredWarning>,
    out: &mut Vec<WarningEvent>,
) -> Result<()> {
    // Each stored change with its row after it (id 0 until inserted).
    let mut done: Vec<(&Item, Write<'_>, StoredWarning)> = Vec::with_capacity(chunk.len());
    for item in &chunk {
        let key = (item.rule, item.subject);
        let place = job.places.get(&item.subject);
        match (&item.finding, place) {
            (None, _) => {
                // Nothing open: nothing to resolve.
                if let Some(mut w) = open.remove(&key) {
                    w.state = WarningState::Resolved;
                    w.resolved_at = Some(job.now.clone());
                    w.updated_at.clone_from(&job.now);
                    w.as_of = job.as_of;
                    done.push((item, Write::Resolve, w));
                }
            }
            (Some(finding), Some(place)) => match open.get_mut(&key) {
                Some(w) => {
                    let reraise = refresh(job, w, item, finding, place);
                    done.push((item, Write::Refresh(finding, reraise), w.clone()));
                }
                None => {
                    let w = new_row(job, item, finding, place);
                    done.push((item, Write::Insert(finding), w));
                }
            },
            (Some(_), None) => {
                return Err(StoreError::Corrupt(format!(
                    "no section for {:?}",
                    item.subject
                )));
            }
        }
    }
    if done.is_empty() {
        return Ok(());
    }

    // Everything goes in one round trip: statements of one query run in
    // order, each taking its share of the bound values. New rows get their
    // ids from the last statement; their events find them by their key
    // (one open warning per rule and subject, and a chunk's keys are distinct).
    let mut q = QueryBuilder::<Sqlite>::new("");
    let inserts = push_inserts(&mut q, job, &done);
    let refreshes: Vec<_> = done
        .iter()
        .filter_map(|(_, write, w)| match write {
            Write::Refresh(f, reraise) => Some((w, *f, *reraise)),
            _ => None,
        })
        .collect();
    if !refreshes.is_empty() {
        q.push("UPDATE warnings SET as_of = ");
        q.push_bind(job.as_of.to_string())
            .push(", updated_at = ")
            .push_bind(job.now.as_str())
            .push(
                ", program_id = u.column2, agency_id = u.column3, section = u.column4, \
                 severity = u.column5, message = u.column6, facts_json = u.column7, \
                 state = CASE WHEN u.column8 THEN 'raised' ELSE warnings.state END, \
                 acknowledged_at = CASE WHEN u.column8 THEN NULL ELSE warnings.acknowledged_at END, \
                 acknowledged_by = CASE WHEN u.column8 THEN NULL ELSE warnings.acknowledged_by END, \
                 ack_note = CASE WHEN u.column8 THEN NULL ELSE warnings.ack_note END FROM (",
            );
        q.push_values(&refreshes, |mut b, (w, f, reraise)| {
            b.push_bind(w.id)
                .push_bind(w.program_id.0)
                .push_bind(w.agency_id.map(|a| a.0))
                .push_bind(w.section.as_str())
                .push_bind(f.severity.code())
                .push_bind(f.message.as_str())
                .push_bind(f.facts_json.as_str())
                .push_bind(*reraise);
        });
        q.push(") AS u WHERE warnings.id = u.column1; ");
    }
    let resolves = done
        .iter()
        .filter(|(_, write, _)| matches!(write, Write::Resolve))
        .map(|(_, _, w)| w.id);
    let resolves = id_list(resolves);
    if resolves != "[]" {
        q.push("UPDATE warnings SET state = 'resolved', resolved_at = ")
            .push_bind(job.now.as_str())
            .push(", updated_at = ")
            .push_bind(job.now.as_str())
            .push(", as_of = ")
            .push_bind(job.as_of.to_string())
            .push(" WHERE id IN (SELECT value FROM json_each(")
            .push_bind(resolves)
            .push(")); ");
    }
    q.push("INSERT INTO warning_events (warning_id, at, kind, severity, message) ");
    q.push_values(&done, |mut b, (item, write, w)| {
        if matches!(write, Write::Insert(_)) {
            b.push("(SELECT id FROM warnings WHERE rule = ")
                .push_bind_unseparated(item.rule.code())
                .push_unseparated(" AND subject_kind = ")
                .push_bind_unseparated(item.subject.kind.code())
                .push_unseparated(" AND subject_id = ")
                .push_bind_unseparated(item.subject.id)
                .push_unseparated(" AND state <> 'resolved')");
        } else {
            b.push_bind(w.id);
        }
        b.push_bind(job.now.as_str())
            .push_bind(item.kind.code())
            .push_bind(w.severity.code())
            .push_bind(w.message.as_str());
    });
    q.push("; ");
    if !inserts.is_empty() {
        q.push(
            "SELECT w.id, w.rule, w.subject_kind, w.subject_id FROM warnings w \
             JOIN json_each(",
        )
        .push_bind(Value::from(inserts).to_string())
        .push(
            ") j ON w.rule = json_extract(j.value, '$[0]') \
             AND w.subject_kind = json_extract(j.value, '$[1]') \
             AND w.subject_id = json_extract(j.value, '$[2]') AND w.state <> 'resolved'; ",
        );
    }
    let created = q.build().fetch_all(&mut *conn).await?;
    let mut ids: HashMap<Key, i64> = HashMap::with_capacity(created.len());
    for row in created {
        let key = (
            rule(row.try_get(1)?)?,
            super::subject(row.try_get(2)?, row.try_get(3)?)?,
        );
        ids.insert(key, row.try_get(0)?);
    }
    for (item, write, w) in done.iter_mut() {
        if matches!(write, Write::Insert(_)) {
            w.id = *ids.get(&(item.rule, item.subject)).ok_or_else(|| {
                StoreError::Corrupt("an inserted warning did not come back".into())
            })?;
            open.insert((w.rule, w.subject), w.clone());
        }
    }

    out.extend(done.into_iter().map(|(item, _, warning)| WarningEvent {
        kind: item.kind,
        previous: item.previous,
        warning,
    }));
    Ok(())
}

/// Adds the insert of the chunk's new rows to `q`; their keys as
/// `[rule, subject_kind, subject_id]`, to find their ids afterwards.
fn push_inserts(
    q: &mut QueryBuilder<'_, Sqlite>,
    job: &Job,
    done: &[(&Item, Write<'_>, StoredWarning)],
) -> Vec<Value> {
    let new: Vec<_> = done
        .iter()
        .filter_map(|(item, write, w)| match write {
            Write::Insert(f) => Some((*item, *f, w)),
            _ => None,
        })
        .collect();
    if new.is_empty() {
        return Vec::new();
    }
    q.push(
        "INSERT INTO warnings (rule, subject_kind, subject_id, program_id, agency_id, section, \
         severity, message, facts_json, state, as_of, raised_at, updated_at) \
         SELECT column1, column2, column3, column4, column5, column6, column7, column8, \
         column9, 'raised', ",
    );
    q.push_bind(job.as_of.to_string())
        .push(", ")
        .push_bind(job.now.clone())
        .push(", ")
        .push_bind(job.now.clone())
        .push(" FROM (");
    q.push_values(&new, |mut b, (item, f, w)| {
        b.push_bind(item.rule.code())
            .push_bind(item.subject.kind.code())
            .push_bind(item.subject.id)
            .push_bind(item.program)
            .push_bind(w.agency_id.map(|a| a.0))
            .push_bind(w.section.clone())
            .push_bind(f.severity.code())
            .push_bind(f.message.clone())
            .push_bind(f.facts_json.clone());
    });
    q.push("); ");
    new.iter()
        .map(|(item, _, _)| {
            Value::from(vec![
                Value::from(item.rule.code()),
                Value::from(item.subject.kind.code()),
                Value::from(item.subject.id),
            ])
        })
        .collect()
}
