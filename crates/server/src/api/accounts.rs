//! Signing in and out, accounts and API tokens.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tiendo_core::Role;
use tiendo_store::{AgencyId, ApiToken, NewToken, NewUser, User};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Auth, JsonBody, P, SESSION_COOKIE, cookie, session_cookie};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Login {
    name: String,
    password: String,
}

#[derive(Serialize)]
pub(crate) struct SessionInfo {
    user: User,
    /// Send back in `X-CSRF-Token` on every write made with the cookie.
    csrf_token: String,
    expires_at: String,
}

pub(crate) async fn login(
    State(state): State<AppState>,
    body: JsonBody<Login>,
) -> ApiResult<Response> {
    let Login { name, password } = body.value;
    let user = state.store.login(&name, &password).await?.ok_or_else(|| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
            "Tên đăng nhập hoặc mật khẩu không đúng.",
        )
    })?;
    let session = state.store.create_session(user.id).await?;
    let cookie = session_cookie(&session.secret, state.config.secure_cookies);
    let mut res = Json(SessionInfo {
        user,
        csrf_token: session.csrf,
        expires_at: session.expires_at.to_rfc3339(),
    })
    .into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(|_| ApiError::unauthenticated())?,
    );
    Ok(res)
}

pub(crate) async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    if let Some(secret) = cookie(&headers, SESSION_COOKIE) {
        state.store.end_session(secret).await?;
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("tiendo_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"),
    );
    Ok(res)
}

pub(crate) async fn me(auth: Auth) -> Json<User> {
    Json(auth.user)
}

pub(crate) async fn list_users(
    auth: Auth,
    State(state): State<AppState>,
) -> ApiResult<Json<Vec<User>>> {
    auth.require_operator()?;
    Ok(Json(state.store.users().await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateUser {
    name: String,
    #[serde(default)]
    display_name: String,
    role: Role,
    agency_id: Option<AgencyId>,
    #[serde(default)]
    money_access: bool,
    password: String,
}

/// Shortest password accepted.
const MIN_PASSWORD: usize = 10;

pub(crate) async fn create_user(
    auth: Auth,
    State(state): State<AppState>,
    body: JsonBody<CreateUser>,
) -> ApiResult<(StatusCode, Json<User>)> {
    auth.require_operator()?;
    let u = body.value;
    if u.password.chars().count() < MIN_PASSWORD {
        return Err(ApiError::invalid(
            "password_too_short",
            "password",
            format!("Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự."),
        ));
    }
    let hash = tokio::task::spawn_blocking(move || tiendo_store::hash_password(&u.password))
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Lỗi hệ thống.",
            )
        })??;
    let new = NewUser {
        name: u.name,
        display_name: u.display_name,
        role: u.role,
        agency: u.agency_id,
        money_access: u.money_access,
        password_hash: hash,
    };
    let user = state
        .store
        .create_user(&auth.ctx_with(body.idempotency), new)
        .await?
        .into_inner();
    Ok((StatusCode::CREATED, Json(user)))
}

pub(crate) async fn list_tokens(
    auth: Auth,
    State(state): State<AppState>,
) -> ApiResult<Json<Vec<ApiToken>>> {
    Ok(Json(state.store.tokens(auth.user.id).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateToken {
    label: String,
    /// Another user's id (operators only); yourself when absent.
    user_id: Option<i64>,
}

pub(crate) async fn create_token(
    auth: Auth,
    State(state): State<AppState>,
    body: JsonBody<CreateToken>,
) -> ApiResult<(StatusCode, Json<NewToken>)> {
    let t = body.value;
    let user = t.user_id.unwrap_or(auth.user.id);
    let token = state
        .store
        .create_token(&auth.ctx(), user, &t.label)
        .await?;
    Ok((StatusCode::CREATED, Json(token)))
}

pub(crate) async fn revoke_token(
    auth: Auth,
    State(state): State<AppState>,
    P(id): P<i64>,
) -> ApiResult<Json<ApiToken>> {
    Ok(Json(state.store.revoke_token(&auth.ctx(), id).await?))
}
