//! The catalog as the API shows it: programs, sections, indicators with
//! their actuals, and the agency directory.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use tiendo_core::schedule::Regime;
use tiendo_core::{ActualBody, Indicator, Program, Section};
use tiendo_store::{Actual, Agency, AgencyId, IndicatorId, ProgramId, ProgramSummary, VersionInfo};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Auth, JsonBody, P, from_value};

pub(crate) async fn programs(
    _auth: Auth,
    State(state): State<AppState>,
) -> ApiResult<Json<Vec<ProgramSummary>>> {
    Ok(Json(state.store.programs().await?))
}

#[derive(Serialize)]
pub(crate) struct ProgramView {
    #[serde(flatten)]
    summary: ProgramSummary,
    program: Program,
    regime: Regime,
    versions: Vec<VersionView>,
}

#[derive(Serialize)]
pub(crate) struct VersionView {
    version: u32,
    source_file: String,
    imported_at: String,
    task_count: usize,
    indicator_count: usize,
}

impl From<VersionInfo> for VersionView {
    fn from(v: VersionInfo) -> Self {
        VersionView {
            version: v.version,
            source_file: v.source_file,
            imported_at: v.imported_at.to_rfc3339(),
            task_count: v.task_count,
            indicator_count: v.indicator_count,
        }
    }
}

async fn summary(state: &AppState, id: ProgramId) -> ApiResult<ProgramSummary> {
    state
        .store
        .programs()
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| ApiError::not_found(format!("chương trình #{id}")))
}

pub(crate) async fn program(
    _auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<ProgramView>> {
    let id = ProgramId(id);
    let summary = summary(&state, id).await?;
    let catalog = state.store.load_catalog(id, None).await?;
    Ok(Json(ProgramView {
        summary,
        program: catalog.program,
        regime: state.store.regime(id).await?,
        versions: state
            .store
            .versions(id)
            .await?
            .into_iter()
            .map(VersionView::from)
            .collect(),
    }))
}

pub(crate) async fn sections(
    _auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<Vec<Section>>> {
    let catalog = state.store.load_catalog(ProgramId(id), None).await?;
    Ok(Json(catalog.sections))
}

#[derive(Serialize)]
pub(crate) struct IndicatorView {
    id: IndicatorId,
    program_id: ProgramId,
    #[serde(flatten)]
    indicator: Indicator,
    /// The latest actual for the whole province, if any.
    latest: Option<Actual>,
}

pub(crate) async fn indicators(
    _auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<Vec<IndicatorView>>> {
    let program_id = ProgramId(id);
    let stored = state.store.load_version(program_id, None).await?;
    let mut out = Vec::with_capacity(stored.indicator_ids.len());
    for (indicator, id) in stored
        .catalog
        .indicators
        .into_iter()
        .zip(stored.indicator_ids)
    {
        let latest = state
            .store
            .actuals(id)
            .await?
            .into_iter()
            .rev()
            .find(|a| a.agency_id.is_none() && a.area.is_empty());
        out.push(IndicatorView {
            id,
            program_id,
            indicator,
            latest,
        });
    }
    Ok(Json(out))
}

#[derive(Serialize)]
pub(crate) struct IndicatorDetail {
    id: IndicatorId,
    program_id: ProgramId,
    #[serde(flatten)]
    indicator: Indicator,
    actuals: Vec<Actual>,
}

pub(crate) async fn indicator(
    _auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<IndicatorDetail>> {
    let id = IndicatorId(id);
    let program_id = state
        .store
        .indicator_program(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("chỉ tiêu #{id}")))?;
    let stored = state.store.load_version(program_id, None).await?;
    let indicator = stored
        .indicator_ids
        .iter()
        .position(|&i| i == id)
        .and_then(|at| stored.catalog.indicators.into_iter().nth(at))
        .ok_or_else(|| ApiError::not_found(format!("chỉ tiêu #{id} trong phiên bản hiện hành")))?;
    Ok(Json(IndicatorDetail {
        id,
        program_id,
        indicator,
        actuals: state.store.actuals(id).await?,
    }))
}

pub(crate) async fn actuals(
    _auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<Vec<Actual>>> {
    let id = IndicatorId(id);
    if state.store.indicator_program(id).await?.is_none() {
        return Err(ApiError::not_found(format!("chỉ tiêu #{id}")));
    }
    Ok(Json(state.store.actuals(id).await?))
}

pub(crate) async fn record_actual(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
    body: JsonBody<serde_json::Map<String, serde_json::Value>>,
) -> ApiResult<(StatusCode, Json<Actual>)> {
    // `period_id` apart from the value's fields, so that an error in those
    // names its field (serde forgets it inside a flattened struct).
    let mut fields = body.value;
    let period = fields.remove("period_id").ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "JSON không hợp lệ: missing field `period_id`",
        )
        .field("period_id")
    })?;
    let period_id: i64 =
        from_value(serde_json::json!({ "period_id": period })).map(|p: PeriodRef| p.period_id)?;
    let actual: ActualBody = from_value(serde_json::Value::Object(fields))?;
    let out = state
        .store
        .record_actual(
            &auth.ctx_with(body.idempotency),
            IndicatorId(id),
            period_id,
            actual,
        )
        .await?;
    state.warnings.indicator_changed(id).await;
    let _ = state.live.send(crate::Live::Actual);
    Ok((StatusCode::CREATED, Json(out.into_inner())))
}

#[derive(Deserialize)]
struct PeriodRef {
    period_id: i64,
}

pub(crate) async fn agencies(
    _auth: Auth,
    State(state): State<AppState>,
) -> ApiResult<Json<Vec<Agency>>> {
    Ok(Json(state.store.agencies().await?))
}

pub(crate) async fn agency(
    _auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<Agency>> {
    state
        .store
        .agency(AgencyId(id))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("cơ quan #{id}")))
}
