//! Reading tasks as the running system sees them: the latest version's text
//! joined with the assignment and the lead agency's latest reported %.
//! Tasks dropped by a later version of their program are not listed.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use tiendo_core::warning::Severity;
use tiendo_core::{Task, TaskKind, TaskStatus};

use crate::Store;
use crate::assign::{AssignmentView, decimal, load_assignment};
use crate::error::{Result, StoreError};
use crate::load::load_tasks;
use crate::model::{AgencyId, Page, ProgramId, TaskId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskSummary {
    pub id: TaskId,
    pub program_id: ProgramId,
    pub section: String,
    pub stt: Option<String>,
    pub kind: TaskKind,
    pub title: String,
    pub lead_agency_id: Option<AgencyId>,
    pub lead_agency_name: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub status: TaskStatus,
    /// Latest % complete reported by the lead agency.
    pub percent: Option<Decimal>,
    pub assigned: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskDetail {
    #[serde(flatten)]
    pub summary: TaskSummary,
    /// The task as the program document states it (latest version).
    pub text: Task,
    pub assignment: Option<AssignmentView>,
}

#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    pub program: Option<ProgramId>,
    /// A section path; its subsections are included (`1` finds `1.2.a`).
    pub section: Option<String>,
    /// Leads or coordinates.
    pub agency: Option<AgencyId>,
    pub status: Option<TaskStatus>,
    pub kind: Option<TaskKind>,
    /// Only tasks with an open warning of this level.
    pub warning: Option<Severity>,
    /// With `warning`: money warnings do not count (for whoever may not see
    /// money).
    pub without_money_warnings: bool,
    pub deadline_from: Option<NaiveDate>,
    pub deadline_to: Option<NaiveDate>,
    /// Words of the title, diacritics and case ignored.
    pub q: Option<String>,
    /// Order as a tree reads: under each heading its own tasks, then its
    /// subsections' (a task of `1` listed after `1.1` in the document comes
    /// before it). Otherwise the document's line order.
    pub by_heading: bool,
    pub page: u32,
    pub per_page: u32,
}

#[derive(FromRow)]
pub(crate) struct Row {
    id: i64,
    program_id: i64,
    version_id: i64,
    section: String,
    stt: Option<String>,
    kind: String,
    title: String,
    lead_agency_id: Option<i64>,
    lead_agency_name: Option<String>,
    deadline: Option<String>,
    status: Option<String>,
    percent: Option<String>,
    assigned: bool,
}

impl Row {
    pub(crate) fn summary(self) -> Result<TaskSummary> {
        Ok(TaskSummary {
            id: TaskId(self.id),
            program_id: ProgramId(self.program_id),
            section: self.section,
            stt: self.stt,
            kind: TaskKind::from_code(&self.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("task kind {}", self.kind)))?,
            title: self.title,
            lead_agency_id: self.lead_agency_id.map(AgencyId),
            lead_agency_name: self.lead_agency_name,
            deadline: self
                .deadline
                .map(|d| {
                    NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                        .map_err(|_| StoreError::Corrupt(format!("deadline {d}")))
                })
                .transpose()?,
            status: match self.status {
                Some(s) => TaskStatus::from_code(&s)
                    .ok_or_else(|| StoreError::Corrupt(format!("status {s}")))?,
                None => TaskStatus::NotStarted,
            },
            percent: decimal(self.percent, "percent")?,
            assigned: self.assigned,
        })
    }
}

/// The columns of a task as lists show it, with `$percent` for its
/// percent: the assignment's lead and deadline over the document's.
macro_rules! task_columns {
    ($percent:literal) => {
        concat!(
            "SELECT t.id, t.program_id, tv.version_id, tv.section, tv.stt, tv.kind, \
             tv.title, COALESCE(a.lead_agency_id, tv.lead_agency_id) AS lead_agency_id, \
             ag.name AS lead_agency_name, COALESCE(a.deadline, tv.deadline) AS deadline, \
             a.status, ",
            $percent,
            " AS percent, a.task_id IS NOT NULL AS assigned"
        )
    };
}

/// With the lead agency's latest percent.
pub(crate) const TASK_COLUMNS: &str = task_columns!(
    "(SELECT v.percent FROM reports r \
        JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.latest_revision \
        JOIN periods p ON p.id = r.period_id \
      WHERE r.task_id = t.id AND r.agency_id = a.lead_agency_id \
      ORDER BY p.window_end DESC, r.id DESC LIMIT 1)"
);

/// Without it (`percent` is NULL): the subquery costs ~0,3 ms a task.
pub(crate) const TASK_COLUMNS_WITHOUT_PERCENT: &str = task_columns!("NULL");

/// Current tasks: the rows of each program's latest version, with their
/// assignment (if any) and lead agency. Filters append `AND …`.
pub(crate) const TASK_FROM: &str = " FROM tasks t \
     JOIN program_versions pv ON pv.program_id = t.program_id \
       AND pv.version = (SELECT MAX(version) FROM program_versions WHERE program_id = t.program_id) \
     JOIN task_versions tv ON tv.version_id = pv.id AND tv.task_id = t.id \
     LEFT JOIN assignments a ON a.task_id = t.id \
     LEFT JOIN agencies ag ON ag.id = COALESCE(a.lead_agency_id, tv.lead_agency_id) \
     WHERE 1 = 1";

impl Store {
    /// Current tasks matching `filter`, in document order (or grouped under
    /// their headings, with [`TaskFilter::by_heading`]).
    pub async fn tasks(&self, filter: &TaskFilter) -> Result<Page<TaskSummary>> {
        // The page is chosen on the bare rows; the columns (the percent is a
        // subquery) are read only for the rows shown.
        let mut qb = sqlx::QueryBuilder::new(format!("SELECT t.id{TASK_FROM}"));
        let mut count = sqlx::QueryBuilder::new(format!("SELECT COUNT(*){TASK_FROM}"));
        for q in [&mut qb, &mut count] {
            if let Some(p) = filter.program {
                q.push(" AND t.program_id = ").push_bind(p.0);
            }
            if let Some(s) = &filter.section {
                q.push(" AND (tv.section = ")
                    .push_bind(s.clone())
                    .push(" OR tv.section LIKE ")
                    .push_bind(format!("{}.%", s.replace(['%', '_'], "")))
                    .push(")");
            }
            if let Some(a) = filter.agency {
                q.push(" AND (COALESCE(a.lead_agency_id, tv.lead_agency_id) = ")
                    .push_bind(a.0)
                    .push(" OR EXISTS (SELECT 1 FROM assignment_coordinators c WHERE c.task_id = t.id AND c.agency_id = ")
                    .push_bind(a.0)
                    .push("))");
            }
            if let Some(s) = filter.status {
                q.push(" AND COALESCE(a.status, 'not_started') = ")
                    .push_bind(s.code());
            }
            if let Some(k) = filter.kind {
                q.push(" AND tv.kind = ").push_bind(k.code());
            }
            if let Some(level) = filter.warning {
                q.push(
                    " AND EXISTS (SELECT 1 FROM warnings w WHERE w.subject_kind = 'task' \
                     AND w.subject_id = t.id AND w.state <> 'resolved' AND w.severity = ",
                )
                .push_bind(level.code());
                if filter.without_money_warnings {
                    for rule in crate::warnings::MONEY_RULES {
                        q.push(" AND w.rule <> ").push_bind(rule.code());
                    }
                }
                q.push(")");
            }
            if let Some(d) = filter.deadline_from {
                q.push(" AND COALESCE(a.deadline, tv.deadline) >= ")
                    .push_bind(d.to_string());
            }
            if let Some(d) = filter.deadline_to {
                q.push(" AND COALESCE(a.deadline, tv.deadline) <= ")
                    .push_bind(d.to_string());
            }
            if let Some(words) = &filter.q {
                let words = tiendo_core::vn::fold(words).replace(['%', '_'], " ");
                for word in words.split_whitespace() {
                    q.push(" AND tv.title_key LIKE ")
                        .push_bind(format!("%{word}%"));
                }
            }
        }
        let (page, per_page) = crate::model::page_bounds(filter.page, filter.per_page);
        if filter.by_heading {
            // A heading's own tasks, then its subsections'; a task whose
            // heading is missing comes first in its program.
            qb.push(
                " ORDER BY t.program_id, COALESCE((SELECT MIN(s.ord) FROM sections s \
                 WHERE s.version_id = tv.version_id AND s.part = 'tasks' \
                 AND s.number = tv.section), -1), tv.ord LIMIT ",
            );
        } else {
            qb.push(" ORDER BY t.program_id, tv.ord LIMIT ");
        }
        qb.push_bind(i64::from(per_page))
            .push(" OFFSET ")
            .push_bind(i64::from(page - 1) * i64::from(per_page));
        let ids: Vec<i64> = qb.build_query_scalar().fetch_all(&self.pool).await?;
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
        let mut rows: Vec<Row> = Vec::with_capacity(ids.len());
        if !ids.is_empty() {
            // A page holds at most 500 ids: within SQLite's parameter limit.
            let mut q = sqlx::QueryBuilder::new(format!("{TASK_COLUMNS}{TASK_FROM} AND t.id IN ("));
            let mut list = q.separated(", ");
            for id in &ids {
                list.push_bind(*id);
            }
            list.push_unseparated(")");
            rows = q.build_query_as().fetch_all(&self.pool).await?;
        }
        let place: std::collections::HashMap<i64, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        rows.sort_by_key(|r| place.get(&r.id).copied().unwrap_or(usize::MAX));
        Ok(Page {
            items: rows.into_iter().map(Row::summary).collect::<Result<_>>()?,
            page,
            per_page,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// One current task with its text and assignment.
    pub async fn task(&self, id: TaskId) -> Result<Option<TaskDetail>> {
        let mut conn = self.pool.acquire().await?;
        let row: Option<Row> = sqlx::query_as(&format!("{TASK_COLUMNS}{TASK_FROM} AND t.id = ?"))
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let version_id = row.version_id;
        let (mut texts, _) = load_tasks(&mut conn, version_id, Some(id)).await?;
        let text = texts
            .pop()
            .ok_or_else(|| StoreError::Corrupt(format!("task {id} without its text")))?;
        let assignment = load_assignment(&mut conn, id).await?;
        Ok(Some(TaskDetail {
            summary: row.summary()?,
            text,
            assignment,
        }))
    }
}

/// A heading of a program's task part, as its latest version numbers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionHeading {
    /// The path (`1.2.a`).
    pub number: String,
    pub title: String,
    /// How deep it sits: 1 for a top-level heading.
    pub depth: usize,
}

impl Store {
    /// The headings of the task part of `program`'s latest version, in
    /// document order, each with its full path.
    pub async fn section_headings(&self, program: ProgramId) -> Result<Vec<SectionHeading>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT s.number, s.title FROM sections s \
             JOIN program_versions pv ON pv.id = s.version_id \
             WHERE pv.program_id = ? AND s.part = 'tasks' \
               AND pv.version = (SELECT MAX(version) FROM program_versions WHERE program_id = ?) \
             ORDER BY s.ord",
        )
        .bind(program.0)
        .bind(program.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(number, title)| SectionHeading {
                depth: number.split('.').count(),
                number,
                title,
            })
            .collect())
    }
}
