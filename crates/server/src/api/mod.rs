//! The routes of `/api`, one module per resource.

mod accounts;
mod catalog;
mod periods;
mod reports;
mod tasks;
mod warnings;

use axum::Router;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{delete, get, post, put};

use crate::AppState;
use crate::error::ApiError;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/openapi.json", get(crate::openapi::document))
        .route(
            "/api/session",
            post(accounts::login).delete(accounts::logout),
        )
        .route("/api/me", get(accounts::me))
        .route(
            "/api/users",
            get(accounts::list_users).post(accounts::create_user),
        )
        .route(
            "/api/tokens",
            get(accounts::list_tokens).post(accounts::create_token),
        )
        .route("/api/tokens/{id}", delete(accounts::revoke_token))
        .route("/api/programs", get(catalog::programs))
        .route("/api/programs/{id}", get(catalog::program))
        .route("/api/programs/{id}/sections", get(catalog::sections))
        .route("/api/programs/{id}/indicators", get(catalog::indicators))
        .route(
            "/api/programs/{id}/regime",
            get(periods::regime).put(periods::set_regime),
        )
        .route(
            "/api/programs/{id}/periods",
            get(periods::list).post(periods::open_extra),
        )
        .route(
            "/api/programs/{id}/periods/generate",
            post(periods::generate),
        )
        .route("/api/periods/{id}", get(periods::one))
        .route("/api/periods/{id}/completeness", get(periods::completeness))
        .route("/api/agencies", get(catalog::agencies))
        .route("/api/agencies/{id}", get(catalog::agency))
        .route("/api/indicators/{id}", get(catalog::indicator))
        .route(
            "/api/indicators/{id}/actuals",
            get(catalog::actuals).post(catalog::record_actual),
        )
        .route("/api/tasks", get(tasks::list))
        .route("/api/tasks/{id}", get(tasks::one))
        .route("/api/tasks/{id}/assignment", put(tasks::assign))
        .route("/api/tasks/{id}/audit", get(tasks::audit))
        .route("/api/assignments", post(tasks::assign_many))
        .route("/api/reports", get(reports::list).post(reports::create))
        .route("/api/reports/{id}", get(reports::one))
        .route("/api/reports/{id}/revisions", post(reports::revise))
        .route("/api/tasks/{id}/activation", post(warnings::activate))
        .route("/api/warnings", get(warnings::list))
        .route("/api/warnings/counts", get(warnings::counts))
        .route("/api/warnings/sweep", post(warnings::sweep))
        .route("/api/warnings/{id}", get(warnings::one))
        .route(
            "/api/warnings/{id}/acknowledge",
            post(warnings::acknowledge),
        )
        .route("/api/audit", get(tasks::audit_all))
        // After every route: it applies to the routes registered so far.
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
}

async fn health() -> impl IntoResponse {
    axum::Json(serde_json::json!({ "status": "ok" }))
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "Không có địa chỉ này trong API.",
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "Địa chỉ này trong API không nhận phương thức HTTP này.",
    )
}

pub(crate) fn first_page() -> u32 {
    1
}

pub(crate) fn default_per_page() -> u32 {
    50
}
