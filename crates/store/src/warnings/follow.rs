//! Re-checking warnings inside the write that caused them. Whoever keeps the
//! warning engine hands a closure to the write; the write job calls it on
//! the writer, after its own changes and before its commit, and stores the
//! warning changes it returns in the same transaction. The engine therefore
//! moves in the order writes commit, and a report costs one commit, not two.
//!
//! Another process writing the same file (`tiendo assign` while the server
//! runs) changes what the engine should know without telling it. SQLite's
//! `PRAGMA data_version` on the writer's connection moves exactly when
//! another connection commits; a report job that sees it moved since the
//! engine last synchronised answers [`FollowUp::Stale`] instead of
//! following, and the caller reloads.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::NaiveDate;
use sqlx::SqliteConnection;
use tiendo_core::warning::{Change, Filing, IndicatorInput, TaskInput};

use super::apply::{WarningEvent, apply, items};
use super::load::{indicator_input_on, task_input_on};
use crate::Store;
use crate::error::Result;
use crate::model::TaskId;

/// Called inside a report's write job when the report is its task's lead
/// agency's, with what the report adds to the task's warning inputs. Returns
/// the warning changes and the date they are as of, to be stored in the
/// same commit, or `None` when it does not know the task (the caller then
/// re-checks it after the commit).
pub type Follow = Box<dyn FnOnce(&Filing) -> Option<(Vec<Change>, NaiveDate)> + Send>;

/// Called inside a re-check's write job with each subject's inputs as stored
/// (`None`: no such subject); returns the warning changes and their date.
pub type Recheck<I> = Box<dyn FnOnce(Vec<(i64, Option<I>)>) -> (Vec<Change>, NaiveDate) + Send>;

/// What became of a report's warnings.
#[derive(Debug, Default)]
pub enum FollowUp {
    /// Nothing to re-check: no follow given, a replayed request, or a
    /// coordinating agency's report (warnings read the lead's only).
    #[default]
    Nothing,
    /// The follow did not know the task: re-check it now that it is stored.
    Unknown,
    /// Another process wrote the database since the engine last
    /// synchronised (see [`Store::mark_synced`]): the follow was not called;
    /// reload the task now and everything soon.
    Stale,
    /// Stored with the report, in its commit; for the caller to announce.
    Stored(Vec<WarningEvent>),
}

/// Runs `follow` for `filing` on the write job's connection, unless another
/// process wrote since the last look (`seen`). `version`: the connection's
/// data version if the job already read it in this transaction.
pub(crate) async fn follow_report(
    conn: &mut SqliteConnection,
    follow: Option<Follow>,
    filing: &Filing,
    seen: &AtomicI64,
    version: Option<i64>,
) -> Result<FollowUp> {
    let Some(follow) = follow else {
        return Ok(FollowUp::Nothing);
    };
    let now = match version {
        Some(v) => v,
        None => data_version(conn).await?,
    };
    if seen.swap(now, Ordering::AcqRel) != now {
        return Ok(FollowUp::Stale);
    }
    match follow(filing) {
        None => Ok(FollowUp::Unknown),
        Some((changes, as_of)) => Ok(FollowUp::Stored(store(conn, &changes, as_of).await?)),
    }
}

async fn data_version(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("PRAGMA data_version")
        .fetch_one(conn)
        .await?)
}

async fn store(
    conn: &mut SqliteConnection,
    changes: &[Change],
    as_of: NaiveDate,
) -> Result<Vec<WarningEvent>> {
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    apply(conn, items(changes)?, as_of).await
}

impl Store {
    /// Notes the database as the engine is about to load it: reports filed
    /// from now on follow without reloading until another process writes.
    /// Call it before loading, with no report write in flight.
    pub async fn mark_synced(&self) -> Result<()> {
        let seen = self.seen_version.clone();
        self.writer
            .write(move |conn| {
                Box::pin(async move {
                    seen.store(data_version(conn).await?, Ordering::Release);
                    Ok(())
                })
            })
            .await
    }

    /// Loads the tasks' warning inputs, hands them to `check` and stores the
    /// changes it returns, all in one write job: a re-check after a write
    /// that changed the tasks, ordered with every other write.
    pub async fn recheck_tasks(
        &self,
        tasks: &[TaskId],
        check: Recheck<TaskInput>,
    ) -> Result<Vec<WarningEvent>> {
        let tasks = tasks.to_vec();
        self.writer
            .write(move |conn| {
                Box::pin(async move {
                    let mut inputs = Vec::with_capacity(tasks.len());
                    for task in tasks {
                        inputs.push((task.0, task_input_on(conn, task).await?));
                    }
                    let (changes, as_of) = check(inputs);
                    store(conn, &changes, as_of).await
                })
            })
            .await
    }

    /// [`Store::recheck_tasks`] for one indicator.
    pub async fn recheck_indicator(
        &self,
        indicator: i64,
        check: Recheck<IndicatorInput>,
    ) -> Result<Vec<WarningEvent>> {
        self.writer
            .write(move |conn| {
                Box::pin(async move {
                    let input = indicator_input_on(conn, indicator).await?;
                    let (changes, as_of) = check(vec![(indicator, input)]);
                    store(conn, &changes, as_of).await
                })
            })
            .await
    }
}
