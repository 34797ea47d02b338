//! The persistent state of Tiến Độ: the catalog (programs, their versions,
//! tasks and indicators under ids that survive new versions, the agency
//! directory) and the running program (accounts, assignments, periods,
//! reports, actuals, the audit trail). SQLite through sqlx (runtime queries,
//! no macros); migrations are embedded and run on open.
//!
//! **API Boundary:** only this crate writes SQL, and its public API speaks
//! domain types only, so that another backend can stand behind it.
//! Every write of the running system goes through one writer task
//! (`writer`) that commits in groups and answers only after the commit.

mod accounts;
mod actuals;
mod agencies;
mod assign;
mod audit_log;
mod batch;
mod bulk;
mod consolidate;
mod ctx;
mod dump;
mod error;
mod fingerprint;
mod import;
mod join;
mod load;
mod matching;
mod model;
mod overview;
mod periods;
mod reports;
mod results;
mod tasks;
mod warnings;
mod writer;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::AtomicI64;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use accounts::{
    ApiToken, NewSession, NewToken, NewUser, SESSION_HOURS, TOKEN_PREFIX, User, hash_password,
    random_hex, verify_password,
};
pub use actuals::Actual;
pub use assign::AssignmentView;
pub use audit_log::{AuditFilter, AuditRecord};
pub use bulk::{History, HistoryActual, HistoryCounts, HistoryReport, HistoryTask};
pub use consolidate::Remark;
pub use ctx::{Ctx, Idempotency, Outcome};
pub use dump::{
    CHUNK, Cell, Column, DumpCounts, Feed, Kind, NO_PASSWORD, NOT_EXPORTED, Rows, TABLES, Table,
    table,
};
pub use error::{Result, StoreError};
pub use fingerprint::{canonical, catalog_fingerprint};
pub use import::{ImportItem, ImportMode, ImportReport, program_key};
pub use join::{AppendixCounts, ROW_MATCH_THRESHOLD, join_appendix, row_similarity};
pub use model::{
    Agency, AgencyId, ImportCounts, ImportOutcome, IndicatorId, MAX_PER_PAGE, Page, ProgramId,
    ProgramSummary, SourceInfo, StoredVersion, TaskId, VersionInfo,
};
pub use overview::{StatusOverview, StatusRow};
pub use periods::{ExtraPeriod, MAX_GENERATE_YEARS, Period};
pub use reports::{
    AgencyCompletenessRow, AgencyPeriodReporting, Filed, NewReport, PeriodCompleteness, Report,
    ReportFilter, Revision,
};
pub use results::ActualsRecorded;
pub use tasks::{SectionHeading, TaskDetail, TaskFilter, TaskSummary};
pub use warnings::{
    AgencyWarningCounts, EngineLoad, Follow, FollowUp, MAX_NOTE_CHARS, OpenLevels, ProgramCalendar,
    Recheck, SeverityCounts, StateCounts, StateFilter, StoredWarning, TaskActivation,
    WarningCounts, WarningEvent, WarningEventKind, WarningEventRow, WarningFilter, WarningState,
};
use writer::Writer;

/// How long a writer waits for another writer's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections that read at once (WAL lets readers run beside the writer).
const READERS: u32 = 8;

/// A handle on the database; cheap to clone (the pools and the writer are
/// shared). Must be opened inside a tokio runtime: the writer is a task.
#[derive(Debug, Clone)]
pub struct Store {
    /// Readers.
    pool: SqlitePool,
    /// The one connection that writes (for a file; the same pool in memory).
    write_pool: SqlitePool,
    writer: Writer,
    /// The writer connection's `PRAGMA data_version` when whoever follows
    /// reports last looked (-1: never): it moves only when another
    /// connection (another process) commits, see [`Follow`].
    seen_version: Arc<AtomicI64>,
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
        // The writer never checkpoints inside a commit (that put 5–11 ms on
        // the unlucky write); a reader does it beside it, see `checkpointer`.
        let write_pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone().pragma("wal_autocheckpoint", "0"))
            .await?;
        sqlx::migrate!("./migrations/sqlite")
            .run(&write_pool)
            .await?;
        let pool = SqlitePoolOptions::new()
            .max_connections(READERS)
            .connect_with(options)
            .await?;
        tokio::spawn(checkpointer(pool.clone()));
        Ok(Store {
            writer: Writer::start(write_pool.clone()),
            pool,
            write_pool,
            seen_version: Arc::new(AtomicI64::new(-1)),
        })
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
        Ok(Store {
            writer: Writer::start(pool.clone()),
            write_pool: pool.clone(),
            pool,
            seen_version: Arc::new(AtomicI64::new(-1)),
        })
    }

    /// Closes every connection; the file is consistent after this returns.
    pub async fn close(&self) {
        // Fold the WAL back into the database file so it is whole on its own.
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await
        {
            tracing::debug!(error = %e, "no checkpoint at close");
        }
        self.pool.close().await;
        self.write_pool.close().await;
    }

    /// Writes a consistent copy of the whole database to `target` while the
    /// store stays in use (`VACUUM INTO` reads one snapshot). The target
    /// must not exist yet.
    pub async fn backup(&self, target: &Path) -> Result<()> {
        if target.exists() {
            return Err(StoreError::Invalid(format!(
                "{} already exists; a backup never overwrites a file",
                target.display()
            )));
        }
        let target = target
            .to_str()
            .ok_or_else(|| StoreError::Invalid("the backup path is not UTF-8".into()))?;
        // SQLite opens the target with the flags of the main database: from
        // a store in memory, `VACUUM INTO` would "succeed" into memory and
        // leave no file. Refuse instead of reporting a backup that is not.
        let file: String =
            sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
                .fetch_one(&self.pool)
                .await?;
        if file.is_empty() {
            return Err(StoreError::Invalid(
                "a store in memory has no file to back up".into(),
            ));
        }
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// How often the WAL is copied back into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);

/// Copies committed pages from the WAL into the database file, beside the
/// writer instead of inside its commits. PASSIVE never waits for the writer
/// or readers; what it cannot copy now it copies next time. Stops when the
/// pool is closed.
async fn checkpointer(pool: SqlitePool) {
    loop {
        tokio::time::sleep(CHECKPOINT_EVERY).await;
        if pool.is_closed() {
            return;
        }
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            if pool.is_closed() {
                return;
            }
            tracing::warn!(error = %e, "WAL checkpoint failed");
        }
    }
}

/// Today in Vietnam (UTC+7).
fn today() -> chrono::NaiveDate {
    tiendo_core::schedule::local_date(chrono::Utc::now())
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
