//! Reading warnings for people: a filtered page (loudest and newest first),
//! one warning, its history, and counts for dashboards. Money warnings are
//! left out for whoever may not see money.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use sqlx::{FromRow, QueryBuilder, Sqlite};
use tiendo_core::Actor;
use tiendo_core::warning::{RuleId, Severity, SubjectKind};

use super::{STORED_COLUMNS, STORED_JOINS, StoredRow, StoredWarning, WarningState, severity};
use crate::Store;
use crate::error::{Result, StoreError};
use crate::model::{AgencyId, Page, ProgramId, page_bounds};

/// Which states a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateFilter {
    /// Raised or acknowledged.
    #[default]
    Open,
    Raised,
    Acknowledged,
    Resolved,
    All,
}

/// Which warnings to list or count; every field may be absent. Reads from
/// a query string (`?severity=red&section=1.3&state=all`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WarningFilter {
    pub program: Option<ProgramId>,
    pub severity: Option<Severity>,
    pub rule: Option<RuleId>,
    pub agency: Option<AgencyId>,
    /// A section path and everything below it (`1.3` finds `1.3` and `1.3.b`).
    pub section: Option<String>,
    pub state: StateFilter,
    pub subject_kind: Option<SubjectKind>,
    pub subject_id: Option<i64>,
    pub page: u32,
    pub per_page: u32,
}

/// What happened to a warning, as its history lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningEventKind {
    Raised,
    Escalated,
    Eased,
    Updated,
    Acknowledged,
    Resolved,
}

impl WarningEventKind {
    pub const ALL: [WarningEventKind; 6] = [
        WarningEventKind::Raised,
        WarningEventKind::Escalated,
        WarningEventKind::Eased,
        WarningEventKind::Updated,
        WarningEventKind::Acknowledged,
        WarningEventKind::Resolved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            WarningEventKind::Raised => "raised",
            WarningEventKind::Escalated => "escalated",
            WarningEventKind::Eased => "eased",
            WarningEventKind::Updated => "updated",
            WarningEventKind::Acknowledged => "acknowledged",
            WarningEventKind::Resolved => "resolved",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        WarningEventKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One line of a warning's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningEventRow {
    pub id: i64,
    pub kind: WarningEventKind,
    pub at: String,
    /// The severity at that moment.
    pub severity: Severity,
    /// The sentence at that moment.
    pub message: String,
    /// Who acted; `None` for the engine (and the command line).
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityCounts {
    pub red: u64,
    pub yellow: u64,
    pub info: u64,
}

impl SeverityCounts {
    fn add(&mut self, severity: Severity, n: u64) {
        match severity {
            Severity::Red => self.red += n,
            Severity::Yellow => self.yellow += n,
            Severity::Info => self.info += n,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateCounts {
    pub raised: u64,
    pub acknowledged: u64,
    pub resolved: u64,
}

/// One agency's warnings by severity (`agency_id` `None`: indicators and
/// tasks without a lead agency).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyWarningCounts {
    pub agency_id: Option<AgencyId>,
    pub agency_name: Option<String>,
    pub red: u64,
    pub yellow: u64,
    pub info: u64,
}

/// Counts for a dashboard. `open` and `by_state` ignore the filter's state;
/// the breakdowns follow it (open warnings unless told otherwise).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningCounts {
    pub open: u64,
    pub by_severity: SeverityCounts,
    pub by_rule: BTreeMap<RuleId, u64>,
    pub by_state: StateCounts,
    /// Most red first, then most yellow, then by name.
    pub by_agency: Vec<AgencyWarningCounts>,
}

/// Rules whose warnings quote money.
pub(crate) const MONEY_RULES: [RuleId; 2] = [RuleId::FundingGap, RuleId::LowDisbursement];

/// Appends the filter's conditions on `warnings w`; the state only when
/// `with_state`.
fn push_filter(
    q: &mut QueryBuilder<'_, Sqlite>,
    f: &WarningFilter,
    actor: &Actor,
    with_state: bool,
) {
    if let Some(p) = f.program {
        q.push(" AND w.program_id = ").push_bind(p.0);
    }
    if let Some(s) = f.severity {
        q.push(" AND w.severity = ").push_bind(s.code());
    }
    if let Some(r) = f.rule {
        q.push(" AND w.rule = ").push_bind(r.code());
    }
    if let Some(a) = f.agency {
        q.push(" AND w.agency_id = ").push_bind(a.0);
    }
    if let Some(s) = f
        .section
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let below = format!("{s}.");
        q.push(" AND (w.section = ")
            .push_bind(s.to_string())
            .push(" OR substr(w.section, 1, ")
            .push_bind(below.chars().count() as i64)
            .push(") = ")
            .push_bind(below)
            .push(")");
    }
    if let Some(k) = f.subject_kind {
        q.push(" AND w.subject_kind = ").push_bind(k.code());
    }
    if let Some(id) = f.subject_id {
        q.push(" AND w.subject_id = ").push_bind(id);
    }
    if with_state {
        match f.state {
            StateFilter::Open => {
                q.push(" AND w.state <> 'resolved'");
            }
            StateFilter::Raised => {
                q.push(" AND w.state = 'raised'");
            }
            StateFilter::Acknowledged => {
                q.push(" AND w.state = 'acknowledged'");
            }
            StateFilter::Resolved => {
                q.push(" AND w.state = 'resolved'");
            }
            StateFilter::All => {}
        }
    }
    if !actor.sees_money() {
        q.push(" AND w.rule NOT IN (");
        let mut list = q.separated(", ");
        for r in MONEY_RULES {
            list.push_bind(r.code());
        }
        list.push_unseparated(")");
    }
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// One group of [`Store::warning_counts`].
#[derive(FromRow)]
struct GroupRow {
    severity: String,
    rule: String,
    agency_id: Option<i64>,
    agency_name: Option<String>,
    n: i64,
}

#[derive(FromRow)]
struct EventRow {
    id: i64,
    kind: String,
    at: String,
    severity: String,
    message: String,
    actor_id: Option<i64>,
    actor_name: Option<String>,
    note: Option<String>,
}

impl Store {
    /// Warnings matching `filter` that `actor` may see: red, then yellow,
    /// then info, each most recently updated first.
    pub async fn warnings(
        &self,
        filter: &WarningFilter,
        actor: &Actor,
    ) -> Result<Page<StoredWarning>> {
        // The page is chosen on the bare rows; the columns (a title is a
        // subquery) are read only for the rows shown.
        let mut qb = QueryBuilder::new(format!(
            "SELECT {STORED_COLUMNS} FROM (SELECT w.id, \
             CASE w.severity WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END AS loudness, \
             w.updated_at FROM warnings w WHERE 1 = 1"
        ));
        let mut total = QueryBuilder::new("SELECT COUNT(*) FROM warnings w WHERE 1 = 1");
        push_filter(&mut qb, filter, actor, true);
        push_filter(&mut total, filter, actor, true);
        let (page, per_page) = page_bounds(filter.page, filter.per_page);
        qb.push(" ORDER BY loudness, w.updated_at DESC, w.id DESC LIMIT ")
            .push_bind(i64::from(per_page))
            .push(" OFFSET ")
            .push_bind(i64::from(page - 1) * i64::from(per_page))
            .push(format!(
                ") AS p JOIN warnings w ON w.id = p.id {STORED_JOINS} \
                 ORDER BY p.loudness, p.updated_at DESC, p.id DESC"
            ));
        let rows: Vec<StoredRow> = qb.build_query_as().fetch_all(&self.pool).await?;
        let total: i64 = total.build_query_scalar().fetch_one(&self.pool).await?;
        Ok(Page {
            items: rows
                .into_iter()
                .map(StoredWarning::try_from)
                .collect::<Result<_>>()?,
            page,
            per_page,
            total: count(total),
        })
    }

    /// One warning, if it exists and `actor` may see it.
    pub async fn warning(&self, id: i64, actor: &Actor) -> Result<Option<StoredWarning>> {
        let mut conn = self.pool.acquire().await?;
        let found = super::stored_by_id(&mut conn, id).await?;
        Ok(found.filter(|w| actor.sees_money() || !MONEY_RULES.contains(&w.rule)))
    }

    /// Everything that happened to a warning, oldest first.
    pub async fn warning_history(&self, id: i64) -> Result<Vec<WarningEventRow>> {
        let rows: Vec<EventRow> = sqlx::query_as(
            "SELECT e.id, e.kind, e.at, e.severity, e.message, e.actor_id, \
             u.display_name AS actor_name, e.note \
             FROM warning_events e LEFT JOIN users u ON u.id = e.actor_id \
             WHERE e.warning_id = ? ORDER BY e.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(WarningEventRow {
                    id: r.id,
                    kind: WarningEventKind::from_code(&r.kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("event kind {:?}", r.kind)))?,
                    at: r.at,
                    severity: severity(&r.severity)?,
                    message: r.message,
                    actor_id: r.actor_id,
                    actor_name: r.actor_name,
                    note: r.note,
                })
            })
            .collect()
    }

    /// Counts of the warnings matching `filter` that `actor` may see, in two
    /// grouped queries.
    pub async fn warning_counts(
        &self,
        filter: &WarningFilter,
        actor: &Actor,
    ) -> Result<WarningCounts> {
        let mut conn = self.pool.acquire().await?;
        let mut out = WarningCounts::default();

        let mut states = QueryBuilder::new("SELECT w.state, COUNT(*) FROM warnings w WHERE 1 = 1");
        push_filter(&mut states, filter, actor, false);
        states.push(" GROUP BY w.state");
        let rows: Vec<(String, i64)> = states.build_query_as().fetch_all(&mut *conn).await?;
        for (state, n) in rows {
            let n = count(n);
            match WarningState::from_code(&state) {
                Some(WarningState::Raised) => out.by_state.raised += n,
                Some(WarningState::Acknowledged) => out.by_state.acknowledged += n,
                Some(WarningState::Resolved) => out.by_state.resolved += n,
                None => return Err(StoreError::Corrupt(format!("warning state {state:?}"))),
            }
        }
        out.open = out.by_state.raised + out.by_state.acknowledged;

        let mut groups = QueryBuilder::new(
            "SELECT w.severity, w.rule, w.agency_id, ag.name AS agency_name, COUNT(*) AS n \
             FROM warnings w \
             LEFT JOIN agencies ag ON ag.id = w.agency_id WHERE 1 = 1",
        );
        push_filter(&mut groups, filter, actor, true);
        groups.push(" GROUP BY w.severity, w.rule, w.agency_id, ag.name");
        let rows: Vec<GroupRow> = groups.build_query_as().fetch_all(&mut *conn).await?;
        let mut agencies: BTreeMap<Option<i64>, AgencyWarningCounts> = BTreeMap::new();
        for GroupRow {
            severity: sev,
            rule,
            agency_id: agency,
            agency_name: name,
            n,
        } in rows
        {
            let (sev, rule, n) = (severity(&sev)?, super::rule(&rule)?, count(n));
            out.by_severity.add(sev, n);
            *out.by_rule.entry(rule).or_default() += n;
            let entry = agencies
                .entry(agency)
                .or_insert_with(|| AgencyWarningCounts {
                    agency_id: agency.map(AgencyId),
                    agency_name: name,
                    red: 0,
                    yellow: 0,
                    info: 0,
                });
            match sev {
                Severity::Red => entry.red += n,
                Severity::Yellow => entry.yellow += n,
                Severity::Info => entry.info += n,
            }
        }
        out.by_agency = agencies.into_values().collect();
        out.by_agency.sort_by(|a, b| {
            (b.red, b.yellow, b.info)
                .cmp(&(a.red, a.yellow, a.info))
                .then_with(|| {
                    tiendo_core::vn::compare(
                        a.agency_name.as_deref().unwrap_or_default(),
                        b.agency_name.as_deref().unwrap_or_default(),
                    )
                })
        });
        Ok(out)
    }

    /// The open warnings of each of `tasks` that `actor` may see, counted by
    /// level, for badges in a list; tasks without any are left out.
    pub async fn task_warning_levels(
        &self,
        tasks: &[crate::TaskId],
        actor: &Actor,
    ) -> Result<HashMap<crate::TaskId, OpenLevels>> {
        let mut out: HashMap<crate::TaskId, OpenLevels> = HashMap::new();
        // Bound the statement's parameters: a page lists at most 500 tasks.
        for chunk in tasks.chunks(500) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "SELECT w.subject_id, w.severity, COUNT(*) FROM warnings w \
                 WHERE w.subject_kind = 'task' AND w.state <> 'resolved' AND w.subject_id IN (",
            );
            let mut ids = q.separated(", ");
            for t in chunk {
                ids.push_bind(t.0);
            }
            ids.push_unseparated(")");
            if !actor.sees_money() {
                for rule in MONEY_RULES {
                    q.push(" AND w.rule <> ").push_bind(rule.code());
                }
            }
            q.push(" GROUP BY w.subject_id, w.severity");
            let rows: Vec<(i64, String, i64)> = q.build_query_as().fetch_all(&self.pool).await?;
            for (task, level, n) in rows {
                let levels = out.entry(crate::TaskId(task)).or_default();
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                match severity(&level)? {
                    Severity::Red => levels.red += n,
                    Severity::Yellow => levels.yellow += n,
                    Severity::Info => levels.info += n,
                }
            }
        }
        Ok(out)
    }
}

/// Open warnings of one subject by level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OpenLevels {
    pub red: u32,
    pub yellow: u32,
    pub info: u32,
}

impl OpenLevels {
    /// The loudest level present.
    pub fn worst(&self) -> Option<Severity> {
        if self.red > 0 {
            Some(Severity::Red)
        } else if self.yellow > 0 {
            Some(Severity::Yellow)
        } else if self.info > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
}
