//! The persistent catalog: programs, their versions, tasks and indicators
//! under ids that survive new versions, and the agency directory. SQLite
//! through sqlx (runtime queries, no macros); migrations are embedded and run
//! on open. **API Boundary:** only this crate writes SQL.

mod agencies;
mod error;
mod fingerprint;
mod import;
mod load;
mod matching;
mod model;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use error::{Result, StoreError};
pub use fingerprint::{canonical, catalog_fingerprint};
pub use import::program_key;
pub use model::{
    Agency, AgencyId, ImportCounts, ImportOutcome, IndicatorId, ProgramId, ProgramSummary,
    SourceInfo, StoredVersion, TaskId, VersionInfo,
};

/// How long a writer waits for another writer's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A handle on the database; cheap to clone (the pool is shared).
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if missing) the SQLite file at `path`, in WAL mode with
    /// foreign keys on and `synchronous=FULL`, and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Store> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        Store::migrated(pool).await
    }

    /// A private database in memory, gone when the store is dropped: one
    /// connection that is never recycled.
    pub async fn open_in_memory() -> Result<Store> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        Store::migrated(pool).await
    }

    async fn migrated(pool: SqlitePool) -> Result<Store> {
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Store { pool })
    }

    /// Closes every connection; the file is consistent after this returns.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Timestamps are RFC 3339 text in UTC, to the second.
fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_connection_is_durable_and_checks_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).await.unwrap();
        let mut conn = store.pool.acquire().await.unwrap();
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(synchronous, 2, "FULL");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(fk, 1);
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[tokio::test]
    async fn an_in_memory_store_keeps_its_data_between_calls() {
        let store = Store::open_in_memory().await.unwrap();
        let mut catalog = tiendo_core::Catalog::default();
        catalog.program.title = "Kế hoạch".into();
        let source = SourceInfo {
            file_name: "kh.txt".into(),
            ..SourceInfo::default()
        };
        let id = store
            .import_catalog(&catalog, &source)
            .await
            .unwrap()
            .program_id();
        assert_eq!(store.load_catalog(id, None).await.unwrap(), catalog);
        assert_eq!(store.programs().await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn reopening_runs_no_migration_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        Store::open(&path).await.unwrap().close().await;
        Store::open(&path).await.unwrap();
    }
}
