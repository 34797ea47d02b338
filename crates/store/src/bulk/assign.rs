//! The assignments of a history: each task's lead, coordinators, schedule,
//! milestones and budget, and the activation of conditional tasks, written
//! a hundred rows at a time.

use std::collections::HashSet;

use sqlx::SqliteConnection;
use tiendo_core::{Assignment, TaskStatus};

use super::{HistoryCounts, HistoryTask, Positions, TaskState, in_item, rejected};
use crate::batch::Batch;
use crate::ctx::Ctx;
use crate::error::Result;

/// Writes the assignments, their coordinators and milestones, and the
/// activations; returns each assigned task's state by catalog position.
pub(super) async fn assign(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    catalog: &Positions,
    items: Box<dyn Iterator<Item = HistoryTask> + Send>,
    note: &str,
    now: &str,
    counts: &mut HistoryCounts,
) -> Result<Vec<Option<TaskState>>> {
    // Tasks that already have coordinators or milestones: theirs are replaced.
    let had: HashSet<i64> = sqlx::query_scalar(
        "SELECT task_id FROM assignment_coordinators UNION SELECT task_id FROM milestones",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let mut assignments = Batch::new(
        "INSERT INTO assignments (task_id, lead_agency_id, start_on, deadline, budget, status, \
         finished_on, revision, updated_at) VALUES ",
        "(?, ?, ?, ?, ?, ?, NULL, 1, ?)",
        " ON CONFLICT (task_id) DO UPDATE SET lead_agency_id = excluded.lead_agency_id, \
         start_on = excluded.start_on, deadline = excluded.deadline, budget = excluded.budget, \
         status = excluded.status, finished_on = NULL, \
         revision = assignments.revision + 1, updated_at = excluded.updated_at",
        7,
    );
    let mut coordinators = Batch::new(
        "INSERT INTO assignment_coordinators (task_id, agency_id) VALUES ",
        "(?, ?)",
        "",
        2,
    );
    let mut milestones = Batch::new(
        "INSERT INTO milestones (task_id, ord, date, planned_percent) VALUES ",
        "(?, ?, ?, ?)",
        "",
        4,
    );
    let mut activations = Batch::new(
        "INSERT INTO task_activations (task_id, activated_on, actor_id, note, at) VALUES ",
        "(?, ?, ?, ?, ?)",
        " ON CONFLICT (task_id) DO UPDATE SET activated_on = excluded.activated_on, \
         actor_id = excluded.actor_id, note = excluded.note, at = excluded.at",
        5,
    );

    let mut tasks: Vec<Option<TaskState>> = Vec::new();
    tasks.resize_with(catalog.tasks.len(), || None);
    for (i, item) in items.enumerate() {
        let ord = item.task as usize;
        let id = *catalog.tasks.get(ord).ok_or_else(|| {
            in_item(
                rejected(
                    "unknown_task",
                    "task",
                    format!("Danh mục không có nhiệm vụ thứ {ord}."),
                ),
                "tasks",
                i,
            )
        })?;
        if tasks[ord].is_some() {
            return Err(in_item(
                rejected(
                    "task_repeated",
                    "task",
                    format!("Nhiệm vụ thứ {ord} được giao hai lần."),
                ),
                "tasks",
                i,
            ));
        }
        let lead = item
            .lead
            .map(|l| catalog.agency(l, "lead"))
            .transpose()
            .map_err(|e| in_item(e, "tasks", i))?;
        let mut coordinator_ids = Vec::with_capacity(item.coordinators.len());
        for (k, &c) in item.coordinators.iter().enumerate() {
            coordinator_ids.push(
                catalog
                    .agency(c, &format!("coordinators[{k}]"))
                    .map_err(|e| in_item(e, "tasks", i))?,
            );
        }
        let a = Assignment {
            lead_agency: lead,
            coordinators: coordinator_ids,
            start: item.start,
            deadline: item.deadline,
            milestones: item.milestones,
            budget: item.budget,
            status: TaskStatus::NotStarted,
        }
        .validated()
        .map_err(|e| in_item(e.into(), "tasks", i))?;

        if had.contains(&id) {
            for table in ["assignment_coordinators", "milestones"] {
                sqlx::query(&format!("DELETE FROM {table} WHERE task_id = ?"))
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
            }
        }
        assignments.push([
            id.into(),
            a.lead_agency.into(),
            a.start.map(|d| d.to_string()).into(),
            a.deadline.map(|d| d.to_string()).into(),
            a.budget.map(|b| b.to_string()).into(),
            a.status.code().into(),
            now.into(),
        ]);
        for &c in &a.coordinators {
            coordinators.push([id.into(), c.into()]);
        }
        for (k, m) in a.milestones.iter().enumerate() {
            milestones.push([
                id.into(),
                (k as i64).into(),
                m.date.to_string().into(),
                m.planned_percent.to_string().into(),
            ]);
        }
        if let Some(on) = item.activated_on {
            activations.push([
                id.into(),
                on.to_string().into(),
                ctx.user_id().into(),
                note.into(),
                now.into(),
            ]);
            counts.activations += 1;
        }
        counts.assignments += 1;
        counts.milestones += a.milestones.len() as u64;
        // Coordinators and milestones point at their assignment: it goes first.
        if assignments.is_full() || coordinators.is_full() || milestones.is_full() {
            assignments.flush(conn).await?;
            coordinators.flush(conn).await?;
            milestones.flush(conn).await?;
        }
        if activations.is_full() {
            activations.flush(conn).await?;
        }
        tasks[ord] = Some(TaskState {
            id,
            lead: a.lead_agency,
            coordinators: a.coordinators,
            status: a.status,
            finished_on: None,
            changes: 0,
        });
    }
    assignments.flush(conn).await?;
    coordinators.flush(conn).await?;
    milestones.flush(conn).await?;
    activations.flush(conn).await?;
    Ok(tasks)
}
