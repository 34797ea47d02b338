//! Accounts, API tokens and web sessions. Passwords are argon2id PHC strings;
//! tokens and session cookies are 256-bit random secrets of which only a
//! sha256 is stored, so a copy of the database lets nobody sign in.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{FromRow, SqliteConnection};
use tiendo_core::{Actor, Role};

use crate::ctx::{AuditEntry, Ctx, Outcome, audit, json};
use crate::error::{Result, StoreError};
use crate::model::AgencyId;
use crate::{Store, now_text};

/// The prefix that marks a Tiến Độ API token.
pub const TOKEN_PREFIX: &str = "tdk_";
/// How long a web session lasts without signing in again.
pub const SESSION_HOURS: i64 = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub agency: Option<AgencyId>,
    pub money_access: bool,
    pub disabled: bool,
    pub created_at: String,
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.id,
            name: self.name.clone(),
            role: self.role,
            agency: self.agency.map(|a| a.0),
            money_access: self.money_access,
        }
    }
}

/// A new account. The password is hashed by the caller with
/// [`hash_password`] (slow on purpose: keep it off the async threads).
#[derive(Debug, Clone)]
pub struct NewUser {
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub agency: Option<AgencyId>,
    pub money_access: bool,
    pub password_hash: String,
}

/// An API token as listed; the secret itself is shown once, at creation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub label: String,
    pub prefix: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// A token just made: its listing and the secret to give the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewToken {
    pub token: ApiToken,
    pub secret: String,
}

/// A session just opened: the cookie value and the CSRF token forms carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub secret: String,
    pub csrf: String,
    pub expires_at: DateTime<Utc>,
}

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Invalid(format!("cannot hash the password: {e}")))
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// `bytes` random bytes from the operating system, as hex.
pub fn random_hex(bytes: usize) -> Result<String> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf)
        .map_err(|e| StoreError::Unavailable(format!("no randomness from the system: {e}")))?;
    Ok(hex(&buf))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn secret_hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

#[derive(FromRow)]
struct UserRow {
    id: i64,
    name: String,
    display_name: String,
    role: String,
    agency_id: Option<i64>,
    money_access: bool,
    disabled: bool,
    created_at: String,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(r: UserRow) -> Result<User> {
        Ok(User {
            role: Role::from_code(&r.role)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown role {}", r.role)))?,
            id: r.id,
            name: r.name,
            display_name: r.display_name,
            agency: r.agency_id.map(AgencyId),
            money_access: r.money_access,
            disabled: r.disabled,
            created_at: r.created_at,
        })
    }
}

const USER_COLUMNS: &str =
    "u.id, u.name, u.display_name, u.role, u.agency_id, u.money_access, u.disabled, u.created_at";

async fn user_by_id(conn: &mut SqliteConnection, id: i64) -> Result<Option<User>> {
    let row: Option<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users u WHERE u.id = ?"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(User::try_from).transpose()
}

fn check_user_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(StoreError::rejected(
            "invalid_user_name",
            "name",
            "Tên đăng nhập gồm chữ, số và . _ - @, tối đa 64 ký tự, không có dấu cách.",
        ))
    }
}

impl Store {
    /// Creates an account. A reporter must name its agency; other roles
    /// must not.
    pub async fn create_user(&self, ctx: &Ctx, new: NewUser) -> Result<Outcome<User>> {
        ctx.require_operator("tạo tài khoản")?;
        let name = tiendo_core::vn::nfc(new.name.trim());
        check_user_name(&name)?;
        let display = tiendo_core::vn::nfc(new.display_name.trim());
        let display = if display.is_empty() {
            name.clone()
        } else {
            display
        };
        match (new.role, new.agency) {
            (Role::Reporter, None) => {
                return Err(StoreError::rejected(
                    "agency_required",
                    "agency",
                    "Tài khoản cán bộ báo cáo phải gắn với một cơ quan.",
                ));
            }
            (Role::Operator | Role::Leader | Role::Supervisor, Some(_)) => {
                return Err(StoreError::rejected(
                    "agency_not_allowed",
                    "agency",
                    "Chỉ tài khoản cán bộ báo cáo mới gắn với một cơ quan.",
                ));
            }
            _ => {}
        }
        let ctx2 = ctx.clone();
        self.write(ctx, move |conn| {
            Box::pin(async move {
                if let Some(agency) = new.agency {
                    crate::assign::require_agency(conn, agency.0, "agency").await?;
                }
                let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE name = ?")
                    .bind(&name)
                    .fetch_optional(&mut *conn)
                    .await?;
                if taken.is_some() {
                    return Err(StoreError::rejected(
                        "user_exists",
                        "name",
                        format!("Tên đăng nhập “{name}” đã có người dùng."),
                    ));
                }
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO users (name, display_name, role, agency_id, money_access, \
                     password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                )
                .bind(&name)
                .bind(&display)
                .bind(new.role.code())
                .bind(new.agency.map(|a| a.0))
                .bind(new.money_access)
                .bind(&new.password_hash)
                .bind(now_text())
                .fetch_one(&mut *conn)
                .await?;
                let user = user_by_id(conn, id)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt("a new user vanished".into()))?;
                audit(
                    conn,
                    &ctx2,
                    AuditEntry {
                        action: "user.create",
                        subject_kind: "user",
                        subject_id: Some(id),
                        task_id: None,
                        before: None,
                        after: json(&user),
                    },
                )
                .await?;
                Ok(user)
            })
        })
        .await
    }

    /// Gives an account a new password (an argon2id PHC string) and ends
    /// its open sessions; for a forgotten password and for the accounts a
    /// restore brings over without theirs. Operators only.
    pub async fn set_password(
        &self,
        ctx: &Ctx,
        name: &str,
        password_hash: String,
    ) -> Result<Outcome<User>> {
        ctx.require_operator("đặt mật khẩu")?;
        let name = tiendo_core::vn::nfc(name.trim());
        let ctx2 = ctx.clone();
        self.write(ctx, move |conn| {
            Box::pin(async move {
                let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE name = ?")
                    .bind(&name)
                    .fetch_optional(&mut *conn)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("tài khoản “{name}”")))?;
                sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
                    .bind(&password_hash)
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
                sqlx::query("DELETE FROM sessions WHERE user_id = ?")
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
                let user = user_by_id(conn, id)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt("a user vanished".into()))?;
                audit(
                    conn,
                    &ctx2,
                    AuditEntry {
                        action: "user.password",
                        subject_kind: "user",
                        subject_id: Some(id),
                        task_id: None,
                        before: None,
                        after: None,
                    },
                )
                .await?;
                Ok(user)
            })
        })
        .await
    }

    /// Every account, by name.
    pub async fn users(&self) -> Result<Vec<User>> {
        let rows: Vec<UserRow> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM users u ORDER BY u.name"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(User::try_from).collect()
    }

    pub async fn user_by_name(&self, name: &str) -> Result<Option<User>> {
        let row: Option<UserRow> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.name = ?"
        ))
        .bind(tiendo_core::vn::nfc(name.trim()))
        .fetch_optional(&self.pool)
        .await?;
        row.map(User::try_from).transpose()
    }

    /// The account behind a name and password, if they match and the
    /// account is active. The hash is checked off the async threads, and an
    /// unknown name costs as much time as a wrong password.
    pub async fn login(&self, name: &str, password: &str) -> Result<Option<User>> {
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT id, password_hash FROM users WHERE name = ? AND disabled = 0")
                .bind(tiendo_core::vn::nfc(name.trim()))
                .fetch_optional(&self.pool)
                .await?;
        let (id, hash) = match row {
            Some((id, hash)) => (Some(id), hash),
            None => (None, dummy_hash().to_string()),
        };
        let password = password.to_string();
        let ok = tokio::task::spawn_blocking(move || verify_password(&hash, &password))
            .await
            .map_err(|e| StoreError::Unavailable(format!("password check failed: {e}")))?;
        match (ok, id) {
            (true, Some(id)) => {
                let mut conn = self.pool.acquire().await?;
                user_by_id(&mut conn, id).await
            }
            _ => Ok(None),
        }
    }

    /// Makes an API token for `user_id`: anyone for themselves, an operator
    /// for anyone. The secret is returned once and never stored.
    pub async fn create_token(&self, ctx: &Ctx, user_id: i64, label: &str) -> Result<NewToken> {
        if ctx.user_id().is_some_and(|me| me != user_id) {
            ctx.require_operator("tạo khóa truy cập cho người khác")?;
        }
        let secret = format!("{TOKEN_PREFIX}{}", random_hex(32)?);
        let prefix: String = secret.chars().take(TOKEN_PREFIX.len() + 6).collect();
        let hash = secret_hash(&secret);
        let label = tiendo_core::vn::nfc(label.trim());
        // A secret must not rest in the idempotency table: no replay here.
        let ctx = Ctx {
            idempotency: None,
            ..ctx.clone()
        };
        let ctx2 = ctx.clone();
        let token = self
            .write(&ctx, move |conn| {
                Box::pin(async move {
                    user_by_id(conn, user_id)
                        .await?
                        .ok_or_else(|| StoreError::NotFound(format!("người dùng #{user_id}")))?;
                    let token: ApiToken = sqlx::query_as::<_, (i64, String)>(
                        "INSERT INTO api_tokens (user_id, label, prefix, hash, created_at) \
                         VALUES (?, ?, ?, ?, ?) RETURNING id, created_at",
                    )
                    .bind(user_id)
                    .bind(&label)
                    .bind(&prefix)
                    .bind(&hash)
                    .bind(now_text())
                    .fetch_one(&mut *conn)
                    .await
                    .map(|(id, created_at)| ApiToken {
                        id,
                        user_id,
                        label,
                        prefix,
                        created_at,
                        revoked_at: None,
                    })?;
                    audit(
                        conn,
                        &ctx2,
                        AuditEntry {
                            action: "token.create",
                            subject_kind: "token",
                            subject_id: Some(token.id),
                            task_id: None,
                            before: None,
                            after: json(&token),
                        },
                    )
                    .await?;
                    Ok(token)
                })
            })
            .await?
            .into_inner();
        Ok(NewToken { token, secret })
    }

    /// Revokes a token: its owner or an operator. Revoking twice is harmless.
    pub async fn revoke_token(&self, ctx: &Ctx, token_id: i64) -> Result<ApiToken> {
        let ctx2 = ctx.clone();
        self.write(ctx, move |conn| {
            Box::pin(async move {
                let before = token_by_id(conn, token_id)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("khóa truy cập #{token_id}")))?;
                if ctx2.user_id().is_some_and(|me| me != before.user_id) {
                    ctx2.require_operator("thu hồi khóa truy cập của người khác")?;
                }
                if before.revoked_at.is_some() {
                    return Ok(before);
                }
                sqlx::query("UPDATE api_tokens SET revoked_at = ? WHERE id = ?")
                    .bind(now_text())
                    .bind(token_id)
                    .execute(&mut *conn)
                    .await?;
                let after = token_by_id(conn, token_id)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt("a token vanished".into()))?;
                audit(
                    conn,
                    &ctx2,
                    AuditEntry {
                        action: "token.revoke",
                        subject_kind: "token",
                        subject_id: Some(token_id),
                        task_id: None,
                        before: json(&before),
                        after: json(&after),
                    },
                )
                .await?;
                Ok(after)
            })
        })
        .await
        .map(Outcome::into_inner)
    }

    /// The tokens of one user, newest first.
    pub async fn tokens(&self, user_id: i64) -> Result<Vec<ApiToken>> {
        let rows: Vec<(i64, i64, String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT id, user_id, label, prefix, created_at, revoked_at FROM api_tokens \
             WHERE user_id = ? ORDER BY id DESC",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(token_from_row).collect())
    }

    /// The active account behind an API token, if the token is valid.
    pub async fn user_by_token(&self, secret: &str) -> Result<Option<User>> {
        if !secret.starts_with(TOKEN_PREFIX) {
            return Ok(None);
        }
        let row: Option<UserRow> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.hash = ? AND t.revoked_at IS NULL AND u.disabled = 0"
        ))
        .bind(secret_hash(secret))
        .fetch_optional(&self.pool)
        .await?;
        row.map(User::try_from).transpose()
    }

    /// Opens a web session for a signed-in user.
    pub async fn create_session(&self, user_id: i64) -> Result<NewSession> {
        let secret = random_hex(32)?;
        let csrf = random_hex(16)?;
        let expires_at = Utc::now() + Duration::hours(SESSION_HOURS);
        let hash = secret_hash(&secret);
        let csrf2 = csrf.clone();
        let expires = expires_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        self.writer
            .write(move |conn| {
                Box::pin(async move {
                    sqlx::query(
                        "INSERT INTO sessions (hash, user_id, csrf, created_at, expires_at) \
                         VALUES (?, ?, ?, ?, ?)",
                    )
                    .bind(&hash)
                    .bind(user_id)
                    .bind(&csrf2)
                    .bind(now_text())
                    .bind(&expires)
                    .execute(&mut *conn)
                    .await?;
                    // Sweep what has expired while we are here.
                    sqlx::query("DELETE FROM sessions WHERE expires_at < ?")
                        .bind(now_text())
                        .execute(&mut *conn)
                        .await?;
                    Ok(())
                })
            })
            .await?;
        Ok(NewSession {
            secret,
            csrf,
            expires_at,
        })
    }

    /// The active account behind a session cookie and the session's CSRF
    /// token, if the session is open.
    pub async fn user_by_session(&self, secret: &str) -> Result<Option<(User, String)>> {
        #[derive(FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: UserRow,
            csrf: String,
        }
        let row: Option<Row> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS}, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.hash = ? AND s.expires_at > ? AND u.disabled = 0"
        ))
        .bind(secret_hash(secret))
        .bind(now_text())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((User::try_from(r.user)?, r.csrf)))
            .transpose()
    }

    /// Ends a session (signing out). Unknown sessions are ignored.
    pub async fn end_session(&self, secret: &str) -> Result<()> {
        let hash = secret_hash(secret);
        self.writer
            .write(move |conn| {
                Box::pin(async move {
                    sqlx::query("DELETE FROM sessions WHERE hash = ?")
                        .bind(&hash)
                        .execute(conn)
                        .await?;
                    Ok(())
                })
            })
            .await
    }
}

fn token_from_row(r: (i64, i64, String, String, String, Option<String>)) -> ApiToken {
    ApiToken {
        id: r.0,
        user_id: r.1,
        label: r.2,
        prefix: r.3,
        created_at: r.4,
        revoked_at: r.5,
    }
}

async fn token_by_id(conn: &mut SqliteConnection, id: i64) -> Result<Option<ApiToken>> {
    let row: Option<(i64, i64, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, user_id, label, prefix, created_at, revoked_at FROM api_tokens WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(token_from_row))
}

/// A valid hash of a password nobody has, checked when the name is unknown
/// so that the answer takes as long as for a known name.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("tiendo: no such user").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_only_itself() {
        let h = hash_password("mật khẩu đúng").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password(&h, "mật khẩu đúng"));
        assert!(!verify_password(&h, "mật khẩu sai"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn secrets_are_random_and_hashed() {
        let a = random_hex(32).unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_hex(32).unwrap());
        assert_eq!(secret_hash("abc").len(), 64);
    }
}
