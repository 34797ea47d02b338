//! The request's pieces, checked at the door: who is asking (an API token
//! or a session cookie, with its CSRF token on writes), the JSON body (size,
//! media type, syntax — each refusal a JSON error naming the field), the
//! query and path, the idempotency key, and the request id.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use tiendo_core::Actor;
use tiendo_store::{Ctx, Idempotency, User};

use crate::AppState;
use crate::error::ApiError;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "tiendo_session";
/// The header a cookie-authenticated write carries its CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The id of one request, in the audit trail and the `X-Request-Id` header.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

static NEXT_REQUEST: AtomicU64 = AtomicU64::new(1);

/// Gives each request an id (`<process prefix>-<counter>`) and echoes it.
pub async fn request_id(mut req: Request, next: Next) -> Response {
    static PREFIX: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let prefix = PREFIX.get_or_init(|| tiendo_store::random_hex(4).unwrap_or_default());
    let id = format!("{prefix}-{}", NEXT_REQUEST.fetch_add(1, Ordering::Relaxed));
    req.extensions_mut().insert(RequestId(id.clone()));
    let mut res = next.run(req).await;
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID_HEADER, v);
    }
    res
}

/// A signed-in caller.
#[derive(Debug, Clone)]
pub struct Auth {
    pub user: User,
    pub actor: Actor,
    pub request_id: String,
}

impl Auth {
    /// The context of a write by this caller.
    pub fn ctx(&self) -> Ctx {
        Ctx::of(self.actor.clone()).with_request(self.request_id.clone())
    }

    /// The context of a write that carried an idempotency key.
    pub fn ctx_with(&self, idempotency: Option<Idempotency>) -> Ctx {
        let ctx = self.ctx();
        match idempotency {
            Some(key) => ctx.with_idempotency(key),
            None => ctx,
        }
    }

    pub fn require_operator(&self) -> Result<(), ApiError> {
        if self.actor.is_operator() {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "Tài khoản {} ({}) không có quyền thực hiện thao tác này.",
                self.user.name,
                self.actor.role.label_vi()
            )))
        }
    }
}

/// The `Set-Cookie` value that opens a session: HttpOnly, SameSite=Strict,
/// for the whole site, as long as the session lives.
pub(crate) fn session_cookie(secret: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={secret}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}",
        tiendo_store::SESSION_HOURS * 3600,
        if secure { "; Secure" } else { "" }
    )
}

pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let request_id = parts
            .extensions
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let secret = value
                .to_str()
                .ok()
                .and_then(|v| {
                    // The scheme name is case-insensitive (RFC 9110 §11.1).
                    let (scheme, rest) = v.split_once(' ')?;
                    scheme.eq_ignore_ascii_case("bearer").then_some(rest)
                })
                .ok_or_else(ApiError::unauthenticated)?;
            let user = state
                .store
                .user_by_token(secret.trim())
                .await?
                .ok_or_else(|| {
                    ApiError::new(
                        StatusCode::UNAUTHORIZED,
                        "invalid_token",
                        "Khóa truy cập không hợp lệ hoặc đã bị thu hồi.",
                    )
                })?;
            return Ok(Auth {
                actor: user.actor(),
                user,
                request_id,
            });
        }
        let secret =
            cookie(&parts.headers, SESSION_COOKIE).ok_or_else(ApiError::unauthenticated)?;
        let (user, csrf) = state.store.user_by_session(secret).await?.ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "session_expired",
                "Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.",
            )
        })?;
        if !is_safe(&parts.method) {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            if !sent.is_some_and(|s| constant_time_eq(s.as_bytes(), csrf.as_bytes())) {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    "csrf_failed",
                    "Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token); hãy tải lại trang.",
                ));
            }
        }
        Ok(Auth {
            actor: user.actor(),
            user,
            request_id,
        })
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A JSON body, with the idempotency key that came with it.
#[derive(Debug)]
pub struct JsonBody<T> {
    pub value: T,
    pub idempotency: Option<Idempotency>,
}

impl<T: DeserializeOwned> FromRequest<AppState> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        let json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .is_some_and(|m| m.trim() == "application/json")
            });
        let key = req
            .headers()
            .get(IDEMPOTENCY_HEADER)
            .map(|v| {
                v.to_str()
                    .ok()
                    .map(str::trim)
                    .filter(|k| !k.is_empty() && k.len() <= 200)
                    .map(str::to_string)
                    .ok_or_else(|| {
                        ApiError::new(
                            StatusCode::BAD_REQUEST,
                            "invalid_idempotency_key",
                            "Idempotency-Key phải là chuỗi ký tự ASCII dài 1–200.",
                        )
                        .field("Idempotency-Key")
                    })
            })
            .transpose()?;
        let head = format!("{} {}\n", req.method(), req.uri().path());
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "body_too_large",
                    format!(
                        "Nội dung gửi lên vượt quá giới hạn {} KB.",
                        state.config.body_limit / 1024
                    ),
                )
            } else {
                ApiError::new(StatusCode::BAD_REQUEST, "unreadable_body", e.body_text())
            }
        })?;
        if !json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Nội dung phải là JSON (Content-Type: application/json).",
            ));
        }
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        let value = serde_path_to_error::deserialize(de).map_err(json_error)?;
        let idempotency = key.map(|key| {
            let mut h = Sha256::new();
            h.update(head.as_bytes());
            h.update(&bytes);
            Idempotency {
                key,
                request_hash: h.finalize().iter().map(|b| format!("{b:02x}")).collect(),
            }
        });
        Ok(JsonBody { value, idempotency })
    }
}

/// A refused JSON document as an API error, naming the field when serde
/// knows it.
fn json_error(e: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = e.path().to_string();
    let inner = e.into_inner();
    let err = ApiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_json",
        format!("JSON không hợp lệ: {inner}"),
    );
    if inner.is_syntax() || inner.is_eof() {
        return err;
    }
    // A missing field is reported at its parent's path, with its name in
    // the message (`missing field `percent``).
    let text = inner.to_string();
    let missing = text
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (missing, path.as_str()) {
        (Some(name), ".") => err.field(name),
        (Some(name), parent) => err.field(format!("{parent}.{name}")),
        (None, ".") => err,
        (None, _) => err.field(path),
    }
}

/// Reads part of a body already parsed as JSON, naming the offending
/// field. Serde forgets the path inside a flattened struct, so handlers
/// whose body flattens one read that part separately with this.
pub(crate) fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(json_error)
}

/// Query parameters; a malformed one is a JSON error naming it.
#[derive(Debug)]
pub struct Q<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded_de(query);
        de.map(Q)
    }
}

fn serde_urlencoded_de<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    axum::extract::Query::<T>::try_from_uri(&format!("/?{query}").parse().map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            "URL không hợp lệ.",
        )
    })?)
    .map(|q| q.0)
    .map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            format!("Tham số truy vấn không hợp lệ: {}", e.body_text()),
        )
    })
}

/// A path parameter; one that is not a number is a 404 as JSON.
#[derive(Debug)]
pub struct P<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for P<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| P(p.0))
            .map_err(|_| ApiError::not_found("đường dẫn này"))
    }
}
