//! Assignments: who leads a task, who coordinates, its start, deadline,
//! milestones, budget and workflow status. One row per task, replaced as a
//! whole; every change is audited with the value before and after.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use tiendo_core::{Assignment, Milestone, Rejection, TaskStatus};

use crate::ctx::{AuditEntry, Ctx, Outcome, audit, json};
use crate::error::{Result, StoreError};
use crate::model::TaskId;
use crate::{Store, now_text};

/// An assignment as stored: the operator's decision plus what the system
/// keeps about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentView {
    pub task_id: TaskId,
    #[serde(flatten)]
    pub assignment: Assignment,
    /// The day the task was first finished (done or issued).
    pub finished_on: Option<NaiveDate>,
    /// Counts the changes: 1 for the first assignment.
    pub revision: i64,
    pub updated_at: String,
}

impl AssignmentView {
    /// What a task without an assignment looks like.
    pub fn unassigned(task: TaskId) -> AssignmentView {
        AssignmentView {
            task_id: task,
            assignment: Assignment::default(),
            finished_on: None,
            revision: 0,
            updated_at: String::new(),
        }
    }
}

/// Refuses an agency id that is not in the directory.
pub(crate) async fn require_agency(
    conn: &mut SqliteConnection,
    id: i64,
    field: &str,
) -> Result<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM agencies WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(StoreError::rejected(
            "unknown_agency",
            field,
            format!("Không có cơ quan mã số {id} trong danh mục."),
        )),
    }
}

/// Whether a task with this id exists.
pub(crate) async fn task_exists(conn: &mut SqliteConnection, id: TaskId) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM tasks WHERE id = ?")
        .bind(id.0)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

fn date(text: Option<String>, what: &str) -> Result<Option<NaiveDate>> {
    text.map(|t| {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d")
            .map_err(|_| StoreError::Corrupt(format!("{what}: bad date {t:?}")))
    })
    .transpose()
}

pub(crate) fn decimal(text: Option<String>, what: &str) -> Result<Option<Decimal>> {
    text.map(|t| {
        t.parse::<Decimal>()
            .map_err(|_| StoreError::Corrupt(format!("{what}: bad decimal {t:?}")))
    })
    .transpose()
}

type AssignmentRow = (
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    i64,
    String,
);

pub(crate) async fn load_assignment(
    conn: &mut SqliteConnection,
    task: TaskId,
) -> Result<Option<AssignmentView>> {
    let row: Option<AssignmentRow> = sqlx::query_as(
        "SELECT lead_agency_id, start_on, deadline, budget, status, finished_on, revision, \
         updated_at FROM assignments WHERE task_id = ?",
    )
    .bind(task.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((lead, start, deadline, budget, status, finished_on, revision, updated_at)) = row
    else {
        return Ok(None);
    };
    let coordinators: Vec<i64> = sqlx::query_scalar(
        "SELECT agency_id FROM assignment_coordinators WHERE task_id = ? ORDER BY agency_id",
    )
    .bind(task.0)
    .fetch_all(&mut *conn)
    .await?;
    let milestone_rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT date, planned_percent FROM milestones WHERE task_id = ? ORDER BY ord",
    )
    .bind(task.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut milestones = Vec::with_capacity(milestone_rows.len());
    for (d, p) in milestone_rows {
        milestones.push(Milestone {
            date: date(Some(d), "milestone")?.unwrap_or_default(),
            planned_percent: decimal(Some(p), "milestone")?.unwrap_or_default(),
        });
    }
    Ok(Some(AssignmentView {
        task_id: task,
        assignment: Assignment {
            lead_agency: lead,
            coordinators,
            start: date(start, "start")?,
            deadline: date(deadline, "deadline")?,
            milestones,
            budget: decimal(budget, "budget")?,
            status: TaskStatus::from_code(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown status {status}")))?,
        },
        finished_on: date(finished_on, "finished_on")?,
        revision,
        updated_at,
    }))
}

/// Writes `a` (already validated) as the task's assignment and audits it.
/// `today` dates a first finish.
pub(crate) async fn put_assignment(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    task: TaskId,
    a: Assignment,
    action: &str,
    today: NaiveDate,
) -> Result<AssignmentView> {
    let before = load_assignment(conn, task).await?;
    if let Some(lead) = a.lead_agency {
        require_agency(conn, lead, "lead_agency").await?;
    }
    for (i, &c) in a.coordinators.iter().enumerate() {
        require_agency(conn, c, &format!("coordinators[{i}]")).await?;
    }
    if before.as_ref().is_some_and(|b| b.assignment == a) {
        return Ok(before.unwrap_or_else(|| unreachable!()));
    }
    let finished_on = match &before {
        Some(b) if b.assignment.status.is_finished() && a.status.is_finished() => b.finished_on,
        _ if a.status.is_finished() => Some(today),
        _ => None,
    };
    let revision = before.as_ref().map_or(1, |b| b.revision + 1);
    sqlx::query(
        "INSERT INTO assignments (task_id, lead_agency_id, start_on, deadline, budget, status, \
         finished_on, revision, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (task_id) DO UPDATE SET lead_agency_id = excluded.lead_agency_id, \
         start_on = excluded.start_on, deadline = excluded.deadline, budget = excluded.budget, \
         status = excluded.status, finished_on = excluded.finished_on, \
         revision = excluded.revision, updated_at = excluded.updated_at",
    )
    .bind(task.0)
    .bind(a.lead_agency)
    .bind(a.start.map(|d| d.to_string()))
    .bind(a.deadline.map(|d| d.to_string()))
    .bind(a.budget.map(|b| b.to_string()))
    .bind(a.status.code())
    .bind(finished_on.map(|d| d.to_string()))
    .bind(revision)
    .bind(now_text())
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM assignment_coordinators WHERE task_id = ?")
        .bind(task.0)
        .execute(&mut *conn)
        .await?;
    for c in &a.coordinators {
        sqlx::query("INSERT INTO assignment_coordinators (task_id, agency_id) VALUES (?, ?)")
            .bind(task.0)
            .bind(c)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM milestones WHERE task_id = ?")
        .bind(task.0)
        .execute(&mut *conn)
        .await?;
    for (ord, m) in a.milestones.iter().enumerate() {
        sqlx::query(
            "INSERT INTO milestones (task_id, ord, date, planned_percent) VALUES (?, ?, ?, ?)",
        )
        .bind(task.0)
        .bind(ord as i64)
        .bind(m.date.to_string())
        .bind(m.planned_percent.to_string())
        .execute(&mut *conn)
        .await?;
    }
    let after = load_assignment(conn, task)
        .await?
        .ok_or_else(|| StoreError::Corrupt("an assignment vanished".into()))?;
    audit(
        conn,
        ctx,
        AuditEntry {
            action,
            subject_kind: "task",
            subject_id: Some(task.0),
            task_id: Some(task.0),
            before: before.as_ref().and_then(json),
            after: json(&after),
        },
    )
    .await?;
    Ok(after)
}

/// Prefixes the field of a rejection with the index of a bulk item.
fn in_item(e: StoreError, i: usize) -> StoreError {
    match e {
        StoreError::Rejected(r) => StoreError::Rejected(Rejection {
            field: format!("items[{i}].{}", r.field),
            ..r
        }),
        other => other,
    }
}

impl Store {
    /// The task's assignment, if it has one.
    pub async fn assignment(&self, task: TaskId) -> Result<Option<AssignmentView>> {
        let mut conn = self.pool.acquire().await?;
        load_assignment(&mut conn, task).await
    }

    /// Sets the assignment of one task (operators only).
    pub async fn assign(
        &self,
        ctx: &Ctx,
        task: TaskId,
        assignment: Assignment,
    ) -> Result<Outcome<AssignmentView>> {
        ctx.require_operator("giao nhiệm vụ")?;
        let a = assignment.validated()?;
        let ctx2 = ctx.clone();
        let today = crate::today();
        self.write(ctx, move |conn| {
            Box::pin(async move {
                if !task_exists(conn, task).await? {
                    return Err(StoreError::NotFound(format!("nhiệm vụ #{task}")));
                }
                put_assignment(conn, &ctx2, task, a, "assignment.set", today).await
            })
        })
        .await
    }

    /// Sets many assignments at once: all of them or, if any is refused,
    /// none. A refusal names the item (`items[3].lead_agency`).
    pub async fn assign_many(
        &self,
        ctx: &Ctx,
        items: Vec<(TaskId, Assignment)>,
    ) -> Result<Outcome<Vec<AssignmentView>>> {
        ctx.require_operator("giao nhiệm vụ")?;
        let mut checked = Vec::with_capacity(items.len());
        for (i, (task, a)) in items.into_iter().enumerate() {
            checked.push((task, a.validated().map_err(|e| in_item(e.into(), i))?));
        }
        let ctx2 = ctx.clone();
        let today = crate::today();
        self.write(ctx, move |conn| {
            Box::pin(async move {
                let mut out = Vec::with_capacity(checked.len());
                for (i, (task, a)) in checked.into_iter().enumerate() {
                    if !task_exists(conn, task).await? {
                        return Err(in_item(
                            StoreError::rejected(
                                "unknown_task",
                                "task_id",
                                format!("Không có nhiệm vụ mã số {task}."),
                            ),
                            i,
                        ));
                    }
                    let view = put_assignment(conn, &ctx2, task, a, "assignment.set", today)
                        .await
                        .map_err(|e| in_item(e, i))?;
                    out.push(view);
                }
                Ok(out)
            })
        })
        .await
    }
}

/// Gives every task of a freshly imported version that names a lead agency
/// (the appendix tables do) an assignment, unless it has one: lead and
/// deadline from the document, status not started.
pub(crate) async fn assign_from_catalog(
    conn: &mut SqliteConnection,
    version_id: i64,
) -> Result<u64> {
    let rows: Vec<(i64, i64, Option<String>)> = sqlx::query_as(
        "SELECT tv.task_id, tv.lead_agency_id, tv.deadline FROM task_versions tv \
         WHERE tv.version_id = ? AND tv.lead_agency_id IS NOT NULL \
         AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = tv.task_id) \
         ORDER BY tv.ord",
    )
    .bind(version_id)
    .fetch_all(&mut *conn)
    .await?;
    let ctx = Ctx::system();
    let today = crate::today();
    let mut n = 0;
    for (task, lead, deadline) in rows {
        let assignment = Assignment {
            lead_agency: Some(lead),
            deadline: date(deadline, "deadline")?,
            ..Assignment::default()
        };
        put_assignment(
            conn,
            &ctx,
            TaskId(task),
            assignment,
            "assignment.import",
            today,
        )
        .await?;
        n += 1;
    }
    Ok(n)
}
