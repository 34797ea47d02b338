//! The one error type of the store. Callers map it to a status (the server's
//! `AppError`); the variants say what happened, not how to phrase it to users.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// No program, version or agency with that id or number.
    #[error("not found: {0}")]
    NotFound(String),
    /// The request contradicts what is stored (an alias already naming another agency).
    #[error("conflict: {0}")]
    Conflict(String),
    /// Input the store refuses before touching the database (an empty program key).
    #[error("invalid input: {0}")]
    Invalid(String),
    /// The actor may not do this; nothing was changed.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// A value broke a rule of the domain: which rule, which field, why.
    #[error("rejected: {0}")]
    Rejected(#[from] tiendo_core::Rejection),
    /// The write could not be carried out or committed (the writer stopped,
    /// the disk failed); nothing of it is stored.
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored value that cannot be read back (an unknown code, malformed JSON).
    #[error("corrupt data: {0}")]
    Corrupt(String),
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(format!("json: {e}"))
    }
}

impl StoreError {
    /// A rejection with a stable code, a field and a Vietnamese message.
    pub fn rejected(
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        StoreError::Rejected(tiendo_core::Rejection::new(code, field, message))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
