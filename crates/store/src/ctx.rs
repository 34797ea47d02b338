//! What every write carries besides its data: who asks, through which
//! request, under which idempotency key; and the two things every write
//! does besides its change: an audit entry and, when a key is given, the
//! record that lets a retry get the same answer.

use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::SqliteConnection;
use tiendo_core::Actor;

use crate::error::{Result, StoreError};
use crate::writer::BoxFuture;
use crate::{Store, now_text};

/// The context of one write.
#[derive(Debug, Clone, Default)]
pub struct Ctx {
    /// The signed-in person; `None` is the machine's own administrator
    /// (the command line), who may do anything.
    pub actor: Option<Actor>,
    /// The request id the server gave the HTTP request, for the audit trail.
    pub request_id: Option<String>,
    pub idempotency: Option<Idempotency>,
}

impl Ctx {
    /// The command line at the machine.
    pub fn system() -> Ctx {
        Ctx::default()
    }

    pub fn of(actor: Actor) -> Ctx {
        Ctx {
            actor: Some(actor),
            ..Ctx::default()
        }
    }

    pub fn with_request(mut self, request_id: impl Into<String>) -> Ctx {
        self.request_id = Some(request_id.into());
        self
    }

    pub fn with_idempotency(mut self, key: Idempotency) -> Ctx {
        self.idempotency = Some(key);
        self
    }

    pub(crate) fn user_id(&self) -> Option<i64> {
        self.actor.as_ref().map(|a| a.user_id)
    }

    pub(crate) fn actor_name(&self) -> &str {
        self.actor.as_ref().map_or("hệ thống", |a| a.name.as_str())
    }

    /// Refuses unless the actor is an operator (or the system).
    pub(crate) fn require_operator(&self, what: &str) -> Result<()> {
        match &self.actor {
            None => Ok(()),
            Some(a) if a.is_operator() => Ok(()),
            Some(a) => Err(StoreError::Forbidden(format!(
                "{} ({}) không có quyền {what}",
                a.name,
                a.role.label_vi()
            ))),
        }
    }
}

/// An `Idempotency-Key` and a hash of the request it came with (method,
/// path and body), so that the same key with another request is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idempotency {
    pub key: String,
    pub request_hash: String,
}

/// A write's result: done now, or done by an earlier request with the same
/// idempotency key (nothing was written this time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T> {
    Done(T),
    Replayed(T),
}

impl<T> Outcome<T> {
    pub fn into_inner(self) -> T {
        match self {
            Outcome::Done(t) | Outcome::Replayed(t) => t,
        }
    }

    pub fn value(&self) -> &T {
        match self {
            Outcome::Done(t) | Outcome::Replayed(t) => t,
        }
    }

    pub fn is_replayed(&self) -> bool {
        matches!(self, Outcome::Replayed(_))
    }
}

/// One line of the audit trail, as written.
pub(crate) struct AuditEntry<'a> {
    pub action: &'a str,
    pub subject_kind: &'a str,
    pub subject_id: Option<i64>,
    pub task_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub(crate) async fn audit(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    entry: AuditEntry<'_>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit (at, actor_id, actor_name, request_id, action, subject_kind, \
         subject_id, task_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(now_text())
    .bind(ctx.user_id())
    .bind(ctx.actor_name())
    .bind(&ctx.request_id)
    .bind(entry.action)
    .bind(entry.subject_kind)
    .bind(entry.subject_id)
    .bind(entry.task_id)
    .bind(entry.before.map(|v| v.to_string()))
    .bind(entry.after.map(|v| v.to_string()))
    .execute(conn)
    .await?;
    Ok(())
}

/// A value as audit JSON.
pub(crate) fn json<T: Serialize>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

impl Store {
    /// Runs `f` through the writer, honouring the context's idempotency key:
    /// a key seen before with the same request returns the stored answer
    /// without running `f`; with another request it is refused.
    pub(crate) async fn write<T, F>(&self, ctx: &Ctx, f: F) -> Result<Outcome<T>>
    where
        T: Serialize + DeserializeOwned + Send + 'static,
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T>> + Send + 'static,
    {
        let (out, ()) = self
            .write_with(ctx, move |conn| {
                Box::pin(async move { f(conn).await.map(|value| (value, ())) })
            })
            .await?;
        Ok(out)
    }

    /// [`Store::write`] for a job that also returns `E`, something for the
    /// caller alone: it is not kept for a replay, which gets `E::default()`.
    pub(crate) async fn write_with<T, E, F>(&self, ctx: &Ctx, f: F) -> Result<(Outcome<T>, E)>
    where
        T: Serialize + DeserializeOwned + Send + 'static,
        E: Default + Send + 'static,
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Result<(T, E)>>
            + Send
            + 'static,
    {
        let idem = ctx.idempotency.clone();
        let user = ctx.user_id().unwrap_or(0);
        self.writer
            .write(move |conn| {
                Box::pin(async move {
                    if let Some(idem) = &idem {
                        let seen: Option<(String, String)> = sqlx::query_as(
                            "SELECT request_hash, body FROM idempotency WHERE user_id = ? AND key = ?",
                        )
                        .bind(user)
                        .bind(&idem.key)
                        .fetch_optional(&mut *conn)
                        .await?;
                        if let Some((hash, body)) = seen {
                            if hash != idem.request_hash {
                                return Err(StoreError::rejected(
                                    "idempotency_key_reused",
                                    "Idempotency-Key",
                                    "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.",
                                ));
                            }
                            return Ok((
                                Outcome::Replayed(serde_json::from_str(&body)?),
                                E::default(),
                            ));
                        }
                    }
                    let (value, extra) = f(conn).await?;
                    if let Some(idem) = &idem {
                        sqlx::query(
                            "INSERT INTO idempotency (user_id, key, request_hash, status, body, created_at) \
                             VALUES (?, ?, ?, 200, ?, ?)",
                        )
                        .bind(user)
                        .bind(&idem.key)
                        .bind(&idem.request_hash)
                        .bind(serde_json::to_string(&value)?)
                        .bind(now_text())
                        .execute(&mut *conn)
                        .await?;
                    }
                    Ok((Outcome::Done(value), extra))
                })
            })
            .await
    }
}
