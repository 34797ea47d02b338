//! The single writer. Every write of the running system is a job sent to one
//! task that owns the write connection. It takes whatever jobs are waiting
//! (up to [`MAX_BATCH`]), runs each inside its own savepoint of one
//! `BEGIN IMMEDIATE` transaction, commits once, and only then answers each
//! caller: a job that failed was rolled back to its savepoint and changes
//! nothing; a job that succeeded is durable (`synchronous=FULL`) before its
//! caller hears so. Group commit turns many small writes into one fsync.

use std::future::Future;
use std::pin::Pin;

use sqlx::{SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use crate::error::{Result, StoreError};

/// A boxed future that may borrow what it was given.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Most jobs committed together.
const MAX_BATCH: usize = 256;
/// Jobs waiting before senders are made to wait.
const QUEUE: usize = 4096;

/// Told after the commit whether it went through (None) or why not.
type Reply = Box<dyn FnOnce(Option<&str>) + Send>;
/// Runs in the transaction; says whether it succeeded and how to answer.
type Job = Box<dyn for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, (bool, Reply)> + Send>;

#[derive(Debug, Clone)]
pub(crate) struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer task on the current tokio runtime. It takes one
    /// connection of `pool` per batch and stops when every handle is dropped.
    pub(crate) fn start(pool: SqlitePool) -> Writer {
        let (jobs, queue) = mpsc::channel(QUEUE);
        tokio::spawn(run(pool, queue));
        Writer { jobs }
    }

    /// Runs `f` in the write transaction and returns its result once that
    /// transaction is committed. If `f` fails, its changes are rolled back
    /// and the error returned; other jobs of the batch are not affected.
    pub(crate) async fn write<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T>> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel::<Result<T>>();
        let job: Job = Box::new(move |conn| {
            Box::pin(async move {
                let out = f(conn).await;
                let ok = out.is_ok();
                let reply: Reply = Box::new(move |failed: Option<&str>| {
                    let out = match failed {
                        None => out,
                        Some(why) if ok => Err(StoreError::Unavailable(format!(
                            "the write was not committed: {why}"
                        ))),
                        Some(_) => out,
                    };
                    let _ = answer.send(out);
                });
                (ok, reply)
            })
        });
        self.jobs
            .send(job)
            .await
            .map_err(|_| StoreError::Unavailable("the writer has stopped".into()))?;
        answered
            .await
            .map_err(|_| StoreError::Unavailable("the writer dropped a job".into()))?
    }
}

async fn run(pool: SqlitePool, mut queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = queue.recv().await {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let jobs = std::mem::take(&mut batch);
        let count = jobs.len();
        match pool.acquire().await {
            Ok(mut conn) => {
                let (replies, failed) = run_batch(&mut conn, jobs).await;
                let failed = failed.map(|e| e.to_string());
                if let Some(why) = &failed {
                    tracing::error!(error = %why, jobs = count, "a write batch failed");
                }
                for reply in replies {
                    reply(failed.as_deref());
                }
            }
            Err(e) => {
                // Dropping the jobs drops their answer channels: each caller
                // hears that its write was not done.
                tracing::error!(error = %e, jobs = count, "no connection for the writer");
                drop(jobs);
            }
        }
    }
}

/// Runs the jobs in one transaction. Returns the replies and, if the
/// transaction as a whole failed, why (then nothing of the batch is stored).
///
/// Every statement is a round trip to the connection's own thread, and at
/// high load those round trips are what the writer spends its time on; so
/// the statements that end one job's savepoint and open the next one's (or
/// commit) go together, one round trip per job boundary.
async fn run_batch(
    conn: &mut SqliteConnection,
    jobs: Vec<Job>,
) -> (Vec<Reply>, Option<sqlx::Error>) {
    let mut replies = Vec::with_capacity(jobs.len());
    if let Err(e) = exec(conn, "BEGIN IMMEDIATE; SAVEPOINT job").await {
        // The jobs never ran: dropping them drops their answer channels, and
        // each caller hears that its job was dropped.
        let _ = exec(conn, "ROLLBACK").await;
        return (replies, Some(e));
    }
    let last = jobs.len().saturating_sub(1);
    let mut broken = None;
    for (i, job) in jobs.into_iter().enumerate() {
        if broken.is_some() {
            // Not run; dropping it tells its caller so.
            drop(job);
            continue;
        }
        let (ok, reply) = job(conn).await;
        replies.push(reply);
        // A failed job is rolled back to its savepoint, which stays open
        // (empty) for the next job.
        let end = match (ok, i == last) {
            (true, false) => "RELEASE job; SAVEPOINT job",
            (false, false) => "ROLLBACK TO job",
            (true, true) => "COMMIT",
            (false, true) => "ROLLBACK TO job; COMMIT",
        };
        if let Err(e) = exec(conn, end).await {
            broken = Some(e);
        }
    }
    if broken.is_some() {
        // Leave the connection clean for the next batch.
        let _ = exec(conn, "ROLLBACK").await;
    }
    (replies, broken)
}

/// Runs `sql` (one or more statements, stopping at the first error).
async fn exec(conn: &mut SqliteConnection, sql: &str) -> std::result::Result<(), sqlx::Error> {
    sqlx::query(sql).execute(conn).await.map(|_| ())
}
