//! Every error the API returns: a status and a JSON body
//! `{"error": {"code", "message", "field"}}` with a stable code, a message in
//! Vietnamese and, when one input is to blame, the field.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tiendo_store::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
}

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            field: None,
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn unauthenticated() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "Cần đăng nhập hoặc gửi khóa truy cập (Authorization: Bearer …).",
        )
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    pub fn not_found(what: impl std::fmt::Display) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("Không tìm thấy {what}."),
        )
    }

    pub fn invalid(code: &'static str, field: &str, message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message).field(field)
    }
}

/// Rejections that contradict what is stored rather than being malformed.
const CONFLICTS: [&str; 6] = [
    "report_exists",
    "warning_resolved",
    "period_closed",
    "period_not_open",
    "idempotency_key_reused",
    "user_exists",
];

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => ApiError::not_found(what),
            StoreError::Forbidden(why) => ApiError::forbidden(format!("Không có quyền: {why}.")),
            StoreError::Rejected(r) => {
                let status = if CONFLICTS.contains(&r.code) {
                    StatusCode::CONFLICT
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                };
                ApiError::new(status, r.code, r.message).field(r.field)
            }
            StoreError::Conflict(why) => ApiError::new(StatusCode::CONFLICT, "conflict", why),
            StoreError::Invalid(why) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", why)
            }
            StoreError::Unavailable(why) => {
                tracing::error!(error = %why, "store unavailable");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "Hệ thống tạm thời không ghi được dữ liệu; chưa có gì được lưu, hãy gửi lại.",
                )
            }
            other => {
                tracing::error!(error = %other, "store error");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Lỗi hệ thống; chưa có gì được lưu.",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            error: Inner {
                code: self.code,
                message: &self.message,
                field: self.field.as_deref(),
            },
        };
        (self.status, Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
