//! Progress reports: file, correct, list, read with every revision.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tiendo_core::{Money, ReportBody};
use tiendo_store::{
    AgencyId, NewReport, Outcome, Page, ProgramId, Report, ReportFilter, Revision, TaskId,
};

use crate::AppState;
use crate::api::{default_per_page, first_page};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Auth, JsonBody, P, Q, from_value};

/// Header set on an answer replayed for a repeated idempotency key.
pub(crate) const REPLAYED_HEADER: &str = "idempotent-replayed";

fn hide_money(report: &mut Report, auth: &Auth) {
    if !auth.actor.sees_money() {
        report.current.body.money = Money::default();
    }
}

/// 201 with the report; a replay says so in a header.
fn created(outcome: Outcome<Report>, auth: &Auth) -> Response {
    let replayed = outcome.is_replayed();
    let mut report = outcome.into_inner();
    hide_money(&mut report, auth);
    let mut res = (StatusCode::CREATED, Json(report)).into_response();
    if replayed {
        res.headers_mut().insert(
            REPLAYED_HEADER,
            axum::http::HeaderValue::from_static("true"),
        );
    }
    res
}

/// Where a report goes; the rest of the body is its content.
#[derive(Deserialize)]
struct Slot {
    task_id: TaskId,
    period_id: i64,
    agency_id: Option<AgencyId>,
}

pub(crate) async fn create(
    auth: Auth,
    State(state): State<AppState>,
    body: JsonBody<serde_json::Map<String, serde_json::Value>>,
) -> ApiResult<Response> {
    // Read in two parts (not one flattened struct) so that an error in the
    // content names its field.
    let mut content = body.value;
    let mut slot = serde_json::Map::new();
    for key in ["task_id", "period_id", "agency_id"] {
        if let Some(v) = content.remove(key) {
            slot.insert(key.to_string(), v);
        }
    }
    let slot: Slot = from_value(serde_json::Value::Object(slot))?;
    let body_content: ReportBody = from_value(serde_json::Value::Object(content))?;
    let new = NewReport {
        task_id: slot.task_id,
        period_id: slot.period_id,
        agency_id: slot.agency_id,
        body: body_content,
    };
    let ctx = auth.ctx_with(body.idempotency);
    let out = state
        .warnings
        .file(new.task_id, |follow| {
            state
                .store
                .submit_report_with(&ctx, new, Utc::now(), Some(follow))
        })
        .await?;
    let _ = state.live.send(crate::Live::Report);
    Ok(created(out, &auth))
}

pub(crate) async fn revise(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
    body: JsonBody<ReportBody>,
) -> ApiResult<Response> {
    // The task's lock is taken before the write: find the task first.
    let task = match state.store.report(id).await? {
        Some(report) => report.task_id,
        None => return Err(ApiError::not_found(format!("báo cáo #{id}"))),
    };
    let ctx = auth.ctx_with(body.idempotency);
    let out = state
        .warnings
        .file(task, |follow| {
            state
                .store
                .revise_report_with(&ctx, id, body.value, Utc::now(), Some(follow))
        })
        .await?;
    let _ = state.live.send(crate::Live::Report);
    Ok(created(out, &auth))
}

#[derive(Serialize)]
pub(crate) struct ReportDetail {
    #[serde(flatten)]
    report: Report,
    /// Every revision, oldest first.
    revisions: Vec<Revision>,
}

pub(crate) async fn one(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<ReportDetail>> {
    let mut report = state
        .store
        .report(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("báo cáo #{id}")))?;
    if auth.actor.role == tiendo_core::Role::Reporter {
        let a = state.store.assignment(report.task_id).await?;
        let (lead, coordinators) = a
            .map(|a| (a.assignment.lead_agency, a.assignment.coordinators))
            .unwrap_or_default();
        if !auth.actor.sees_task_reports(lead, &coordinators) {
            return Err(ApiError::not_found(format!("báo cáo #{id}")));
        }
    }
    let mut revisions = state.store.report_revisions(id).await?;
    hide_money(&mut report, &auth);
    if !auth.actor.sees_money() {
        for r in &mut revisions {
            r.body.money = Money::default();
        }
    }
    Ok(Json(ReportDetail { report, revisions }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportQuery {
    program: Option<i64>,
    task: Option<i64>,
    period: Option<i64>,
    agency: Option<i64>,
    late: Option<bool>,
    #[serde(default = "first_page")]
    page: u32,
    #[serde(default = "default_per_page")]
    per_page: u32,
}

pub(crate) async fn list(
    auth: Auth,
    State(state): State<AppState>,
    Q(q): Q<ReportQuery>,
) -> ApiResult<Json<Page<Report>>> {
    let visible_to_agency = match auth.actor.role {
        tiendo_core::Role::Reporter => auth.actor.agency.map(AgencyId),
        _ => None,
    };
    let filter = ReportFilter {
        program: q.program.map(ProgramId),
        task: q.task.map(TaskId),
        period: q.period,
        agency: q.agency.map(AgencyId),
        late: q.late,
        visible_to_agency,
        page: q.page,
        per_page: q.per_page,
    };
    let mut page = state.store.reports(&filter).await?;
    for r in &mut page.items {
        hide_money(r, &auth);
    }
    Ok(Json(page))
}
