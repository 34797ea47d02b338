//! Reporting regimes, periods and completeness.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::Deserialize;
use tiendo_core::schedule::Regime;
use tiendo_store::{ExtraPeriod, Period, PeriodCompleteness, ProgramId};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Auth, JsonBody, P};

pub(crate) async fn regime(
    _auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<Regime>> {
    Ok(Json(state.store.regime(ProgramId(id)).await?))
}

pub(crate) async fn set_regime(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
    body: JsonBody<Regime>,
) -> ApiResult<Json<Regime>> {
    let out = state
        .store
        .set_regime(&auth.ctx_with(body.idempotency), ProgramId(id), body.value)
        .await?;
    state.warnings.everything_changed().await;
    Ok(Json(out.into_inner()))
}

pub(crate) async fn list(
    _auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<Vec<Period>>> {
    Ok(Json(state.store.periods(ProgramId(id)).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Generate {
    from: NaiveDate,
    to: NaiveDate,
}

pub(crate) async fn generate(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
    body: JsonBody<Generate>,
) -> ApiResult<Json<Vec<Period>>> {
    let Generate { from, to } = body.value;
    let out = state
        .store
        .generate_periods(&auth.ctx_with(body.idempotency), ProgramId(id), from, to)
        .await?;
    state.warnings.everything_changed().await;
    Ok(Json(out.into_inner()))
}

pub(crate) async fn open_extra(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
    body: JsonBody<ExtraPeriod>,
) -> ApiResult<(StatusCode, Json<Period>)> {
    let out = state
        .store
        .open_extra_period(&auth.ctx_with(body.idempotency), ProgramId(id), body.value)
        .await?;
    state.warnings.everything_changed().await;
    Ok((StatusCode::CREATED, Json(out.into_inner())))
}

pub(crate) async fn one(
    _auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<Period>> {
    state
        .store
        .period(id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("kỳ báo cáo #{id}")))
}

pub(crate) async fn completeness(
    _auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<PeriodCompleteness>> {
    Ok(Json(state.store.completeness(id).await?))
}
