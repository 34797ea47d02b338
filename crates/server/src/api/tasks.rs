//! Tasks, their assignments and their audit trail.

use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use serde::Deserialize;
use tiendo_core::warning::Severity;
use tiendo_core::{Assignment, TaskKind, TaskStatus};
use tiendo_store::{
    AgencyId, AssignmentView, AuditFilter, AuditRecord, Page, ProgramId, TaskDetail, TaskFilter,
    TaskId, TaskSummary,
};

use crate::AppState;
use crate::api::{default_per_page, first_page};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Auth, JsonBody, P, Q};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TaskQuery {
    program: Option<i64>,
    section: Option<String>,
    agency: Option<i64>,
    status: Option<TaskStatus>,
    kind: Option<TaskKind>,
    severity: Option<Severity>,
    deadline_from: Option<NaiveDate>,
    deadline_to: Option<NaiveDate>,
    q: Option<String>,
    #[serde(default = "first_page")]
    page: u32,
    #[serde(default = "default_per_page")]
    per_page: u32,
}

pub(crate) async fn list(
    auth: Auth,
    State(state): State<AppState>,
    Q(q): Q<TaskQuery>,
) -> ApiResult<Json<Page<TaskSummary>>> {
    let filter = TaskFilter {
        program: q.program.map(ProgramId),
        section: q.section,
        agency: q.agency.map(AgencyId),
        status: q.status,
        kind: q.kind,
        warning: q.severity,
        without_money_warnings: !auth.actor.sees_money(),
        deadline_from: q.deadline_from,
        deadline_to: q.deadline_to,
        q: q.q,
        by_heading: false,
        page: q.page,
        per_page: q.per_page,
    };
    Ok(Json(state.store.tasks(&filter).await?))
}

pub(crate) async fn one(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<TaskDetail>> {
    let mut task = state
        .store
        .task(TaskId(id))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("nhiệm vụ #{id}")))?;
    if !auth.actor.sees_money()
        && let Some(a) = &mut task.assignment
    {
        a.assignment.budget = None;
    }
    Ok(Json(task))
}

pub(crate) async fn assign(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
    body: JsonBody<Assignment>,
) -> ApiResult<Json<AssignmentView>> {
    let out = state
        .store
        .assign(&auth.ctx_with(body.idempotency), TaskId(id), body.value)
        .await?;
    state.warnings.tasks_changed(&[TaskId(id)]).await;
    let _ = state.live.send(crate::Live::Assignment);
    Ok(Json(out.into_inner()))
}

#[derive(Deserialize)]
pub(crate) struct BulkItem {
    task_id: TaskId,
    #[serde(flatten)]
    assignment: Assignment,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Bulk {
    items: Vec<BulkItem>,
}

pub(crate) async fn assign_many(
    auth: Auth,
    State(state): State<AppState>,
    body: JsonBody<Bulk>,
) -> ApiResult<Json<Vec<AssignmentView>>> {
    let items: Vec<_> = body
        .value
        .items
        .into_iter()
        .map(|i| (i.task_id, i.assignment))
        .collect();
    let tasks: Vec<TaskId> = items.iter().map(|(t, _)| *t).collect();
    let out = state
        .store
        .assign_many(&auth.ctx_with(body.idempotency), items)
        .await?;
    state.warnings.tasks_changed(&tasks).await;
    let _ = state.live.send(crate::Live::Assignment);
    Ok(Json(out.into_inner()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AuditQuery {
    task: Option<i64>,
    actor: Option<i64>,
    action: Option<String>,
    #[serde(default = "first_page")]
    page: u32,
    #[serde(default = "default_per_page")]
    per_page: u32,
}

pub(crate) async fn audit(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
    Q(q): Q<AuditQuery>,
) -> ApiResult<Json<Page<AuditRecord>>> {
    let task = TaskId(id);
    if auth.actor.role == tiendo_core::Role::Reporter {
        let a = state.store.assignment(task).await?;
        let (lead, coordinators) = a
            .map(|a| (a.assignment.lead_agency, a.assignment.coordinators))
            .unwrap_or_default();
        if !auth.actor.sees_task_reports(lead, &coordinators) {
            return Err(ApiError::forbidden(
                "Cán bộ báo cáo chỉ xem nhật ký của nhiệm vụ cơ quan mình tham gia.",
            ));
        }
    }
    let filter = AuditFilter {
        task: Some(task),
        actor: q.actor,
        action: q.action,
        page: q.page,
        per_page: q.per_page,
    };
    let page = state.store.audit_log(&filter).await?;
    Ok(Json(hide_money(page, &auth)))
}

pub(crate) async fn audit_all(
    auth: Auth,
    State(state): State<AppState>,
    Q(q): Q<AuditQuery>,
) -> ApiResult<Json<Page<AuditRecord>>> {
    if auth.actor.role == tiendo_core::Role::Reporter {
        return Err(ApiError::forbidden(
            "Nhật ký toàn hệ thống dành cho điều phối, lãnh đạo và giám sát.",
        ));
    }
    let filter = AuditFilter {
        task: q.task.map(TaskId),
        actor: q.actor,
        action: q.action,
        page: q.page,
        per_page: q.per_page,
    };
    let page = state.store.audit_log(&filter).await?;
    Ok(Json(hide_money(page, &auth)))
}

/// Audit entries hold whole values (a report with its money, an assignment
/// with its budget): blank those figures for whoever may not see money, as
/// the report and task views do.
fn hide_money(mut page: Page<AuditRecord>, auth: &Auth) -> Page<AuditRecord> {
    if !auth.actor.sees_money() {
        for record in &mut page.items {
            for value in [&mut record.before, &mut record.after]
                .into_iter()
                .flatten()
            {
                blank_money(value);
            }
        }
    }
    page
}

fn blank_money(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match (key.as_str(), v) {
                    ("budget", v) => *v = Value::Null,
                    ("money", Value::Object(money)) => {
                        money.values_mut().for_each(|m| *m = Value::Null)
                    }
                    (_, v) => blank_money(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(blank_money),
        _ => {}
    }
}
