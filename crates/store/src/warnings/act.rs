//! What people do to warnings: acknowledge one (the agency is on it), and
//! activate a conditional task (from that day on it is expected to move).
//! Both go through the writer with the request's context, are audited, and
//! replay under an idempotency key.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use tiendo_core::Role;
use tiendo_core::warning::SubjectKind;

use super::{StoredWarning, WarningState, clean_note, day, stored_by_id};
use crate::ctx::{AuditEntry, Ctx, Outcome, audit, json};
use crate::error::{Result, StoreError};
use crate::model::TaskId;
use crate::{Store, now_text};

/// An operator's word that a conditional task's conditions are met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskActivation {
    pub task_id: TaskId,
    /// Work is expected from this day on.
    pub activated_on: NaiveDate,
    pub actor_id: Option<i64>,
    pub note: String,
    /// When it was recorded.
    pub at: String,
}

async fn activation_of(
    conn: &mut SqliteConnection,
    task: TaskId,
) -> Result<Option<TaskActivation>> {
    let row: Option<(String, Option<i64>, String, String)> = sqlx::query_as(
        "SELECT activated_on, actor_id, note, at FROM task_activations WHERE task_id = ?",
    )
    .bind(task.0)
    .fetch_optional(conn)
    .await?;
    row.map(|(on, actor_id, note, at)| {
        Ok(TaskActivation {
            task_id: task,
            activated_on: day(&on, "activated_on")?,
            actor_id,
            note,
            at,
        })
    })
    .transpose()
}

/// The lead agency of a task, as warnings show it (the assignment's, else
/// the document's).
async fn lead_agency(conn: &mut SqliteConnection, task: i64) -> Result<Option<i64>> {
    let lead: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT COALESCE(a.lead_agency_id, tv.lead_agency_id) FROM tasks t \
         JOIN task_versions tv ON tv.task_id = t.id AND tv.version_id = \
           (SELECT MAX(x.version_id) FROM task_versions x WHERE x.task_id = t.id) \
         LEFT JOIN assignments a ON a.task_id = t.id WHERE t.id = ?",
    )
    .bind(task)
    .fetch_optional(conn)
    .await?;
    Ok(lead.flatten())
}

impl Store {
    /// Records that someone responsible has seen a warning and says what is
    /// being done (`note`, required). Operators and leaders acknowledge any
    /// warning, a reporter those of tasks its agency leads, a supervisor
    /// none. Acknowledging again replaces the note; each time is an event.
    pub async fn acknowledge_warning(
        &self,
        ctx: &Ctx,
        id: i64,
        note: &str,
    ) -> Result<Outcome<StoredWarning>> {
        if let Some(actor) = &ctx.actor
            && actor.role == Role::Supervisor
        {
            return Err(StoreError::Forbidden(format!(
                "{} ({}) không ghi nhận cảnh báo",
                actor.name,
                actor.role.label_vi()
            )));
        }
        let note = clean_note(note, true)?;
        let ctx2 = ctx.clone();
        self.write(ctx, move |conn| {
            Box::pin(async move {
                let before = stored_by_id(conn, id)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("cảnh báo #{id}")))?;
                if let Some(actor) = &ctx2.actor
                    && actor.role == Role::Reporter
                {
                    let lead = match before.subject.kind {
                        SubjectKind::Task => lead_agency(conn, before.subject.id).await?,
                        SubjectKind::Indicator => None,
                    };
                    if lead.is_none() || lead != actor.agency {
                        return Err(StoreError::Forbidden(format!(
                            "{} chỉ ghi nhận cảnh báo về nhiệm vụ do cơ quan mình chủ trì",
                            actor.name
                        )));
                    }
                }
                if before.state == WarningState::Resolved {
                    return Err(StoreError::rejected(
                        "warning_resolved",
                        "id",
                        "Cảnh báo này đã được giải trừ, không cần ghi nhận nữa.",
                    ));
                }
                let at = now_text();
                sqlx::query(
                    "UPDATE warnings SET state = 'acknowledged', acknowledged_at = ?, \
                     acknowledged_by = ?, ack_note = ? WHERE id = ?",
                )
                .bind(&at)
                .bind(ctx2.user_id())
                .bind(&note)
                .bind(id)
                .execute(&mut *conn)
                .await?;
                sqlx::query(
                    "INSERT INTO warning_events (warning_id, at, kind, severity, message, \
                     actor_id, note) VALUES (?, ?, 'acknowledged', ?, ?, ?, ?)",
                )
                .bind(id)
                .bind(&at)
                .bind(before.severity.code())
                .bind(&before.message)
                .bind(ctx2.user_id())
                .bind(&note)
                .execute(&mut *conn)
                .await?;
                let after = stored_by_id(conn, id)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt("a warning vanished".into()))?;
                audit(
                    conn,
                    &ctx2,
                    AuditEntry {
                        action: "warning.acknowledge",
                        subject_kind: "warning",
                        subject_id: Some(id),
                        task_id: (after.subject.kind == SubjectKind::Task)
                            .then_some(after.subject.id),
                        before: json(&before),
                        after: json(&after),
                    },
                )
                .await?;
                Ok(after)
            })
        })
        .await
    }

    /// Records that a conditional task's conditions are met: from `on` the
    /// engine expects it to move. Operators only; replaces an earlier
    /// activation.
    pub async fn activate_task(
        &self,
        ctx: &Ctx,
        task: TaskId,
        on: NaiveDate,
        note: &str,
    ) -> Result<Outcome<TaskActivation>> {
        ctx.require_operator("kích hoạt nhiệm vụ có điều kiện")?;
        let note = clean_note(note, false)?;
        let ctx2 = ctx.clone();
        self.write(ctx, move |conn| {
            Box::pin(async move {
                let conditional: Option<bool> = sqlx::query_scalar(
                    "SELECT COALESCE(json_array_length(tv.conditions_json), 0) > 0 \
                     FROM task_versions tv WHERE tv.task_id = ? \
                     ORDER BY tv.version_id DESC LIMIT 1",
                )
                .bind(task.0)
                .fetch_optional(&mut *conn)
                .await?;
                match conditional {
                    None => return Err(StoreError::NotFound(format!("nhiệm vụ #{task}"))),
                    Some(false) => {
                        return Err(StoreError::rejected(
                            "task_not_conditional",
                            "task_id",
                            format!(
                                "Nhiệm vụ #{task} không kèm điều kiện thực hiện nên không cần kích hoạt."
                            ),
                        ));
                    }
                    Some(true) => {}
                }
                let before = activation_of(conn, task).await?;
                sqlx::query(
                    "INSERT INTO task_activations (task_id, activated_on, actor_id, note, at) \
                     VALUES (?, ?, ?, ?, ?) ON CONFLICT (task_id) DO UPDATE SET \
                     activated_on = excluded.activated_on, actor_id = excluded.actor_id, \
                     note = excluded.note, at = excluded.at",
                )
                .bind(task.0)
                .bind(on.to_string())
                .bind(ctx2.user_id())
                .bind(&note)
                .bind(now_text())
                .execute(&mut *conn)
                .await?;
                let after = activation_of(conn, task)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt("an activation vanished".into()))?;
                audit(
                    conn,
                    &ctx2,
                    AuditEntry {
                        action: "task.activate",
                        subject_kind: "task",
                        subject_id: Some(task.0),
                        task_id: Some(task.0),
                        before: before.as_ref().and_then(json),
                        after: json(&after),
                    },
                )
                .await?;
                Ok(after)
            })
        })
        .await
    }

    /// The task's activation, if an operator recorded one.
    pub async fn task_activation(&self, task: TaskId) -> Result<Option<TaskActivation>> {
        let mut conn = self.pool.acquire().await?;
        activation_of(&mut conn, task).await
    }
}
