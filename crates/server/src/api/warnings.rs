//! Early warnings: list and count them, read one with its history,
//! acknowledge it, sweep on demand; and switch a conditional task on.

use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tiendo_store::{Page, StoredWarning, TaskId, WarningCounts, WarningEventRow, WarningFilter};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Auth, JsonBody, P, Q};
use crate::warnings::SweepSummary;

pub(crate) async fn list(
    auth: Auth,
    State(state): State<AppState>,
    Q(filter): Q<WarningFilter>,
) -> ApiResult<Json<Page<StoredWarning>>> {
    Ok(Json(state.store.warnings(&filter, &auth.actor).await?))
}

pub(crate) async fn counts(
    auth: Auth,
    State(state): State<AppState>,
    Q(filter): Q<WarningFilter>,
) -> ApiResult<Json<WarningCounts>> {
    Ok(Json(
        state.store.warning_counts(&filter, &auth.actor).await?,
    ))
}

#[derive(Serialize)]
pub(crate) struct WarningDetail {
    #[serde(flatten)]
    warning: StoredWarning,
    /// Every change, oldest first.
    history: Vec<WarningEventRow>,
}

pub(crate) async fn one(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<WarningDetail>> {
    let warning = state
        .store
        .warning(id, &auth.actor)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("cảnh báo #{id}")))?;
    let history = state.store.warning_history(id).await?;
    Ok(Json(WarningDetail { warning, history }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Acknowledge {
    note: String,
}

pub(crate) async fn acknowledge(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
    body: JsonBody<Acknowledge>,
) -> ApiResult<Json<StoredWarning>> {
    let out = state
        .store
        .acknowledge_warning(&auth.ctx_with(body.idempotency), id, &body.value.note)
        .await?;
    let _ = state.live.send(crate::Live::Acknowledgement);
    Ok(Json(out.into_inner()))
}

pub(crate) async fn sweep(
    auth: Auth,
    State(state): State<AppState>,
) -> ApiResult<Json<SweepSummary>> {
    auth.require_operator()?;
    Ok(Json(state.warnings.sweep().await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Activate {
    activated_on: NaiveDate,
    #[serde(default)]
    note: String,
}

pub(crate) async fn activate(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
    body: JsonBody<Activate>,
) -> ApiResult<Json<serde_json::Value>> {
    let Activate { activated_on, note } = body.value;
    let out = state
        .store
        .activate_task(
            &auth.ctx_with(body.idempotency),
            TaskId(id),
            activated_on,
            &note,
        )
        .await?;
    state.warnings.tasks_changed(&[TaskId(id)]).await;
    let _ = state.live.send(crate::Live::Assignment);
    Ok(Json(
        serde_json::to_value(out.into_inner()).unwrap_or_default(),
    ))
}
