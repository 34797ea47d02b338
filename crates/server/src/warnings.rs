//! The running warning engine: the core's [`Engine`] in memory, kept in step
//! with the database. Every write that can change a warning re-checks its
//! subject before the handler answers, so the warning is visible in the same
//! request cycle; a full sweep runs at start, after each local midnight and
//! on demand. Changes are stored, then announced on an in-process channel
//! and to the webhooks (which never hold up the write).

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use tiendo_core::schedule::local_date;
use tiendo_core::warning::{
    Change, ChangeKind, Engine, Open, ProgramInput, Severity, WarningConfig,
};
use tiendo_store::{Store, StoreError, TaskId, WarningEvent};
use tokio::sync::{Mutex, RwLock, broadcast, mpsc, oneshot};

use crate::webhook::{Dispatcher, WebhookSettings};

/// How the warning engine runs.
#[derive(Debug, Clone, Default)]
pub struct WarningSettings {
    pub thresholds: WarningConfig,
    pub webhooks: WebhookSettings,
    /// Evaluate as of this date instead of today's date in Vietnam (demos
    /// and tests that travel in time).
    pub today: Option<NaiveDate>,
}

/// What a full sweep did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SweepSummary {
    pub as_of: NaiveDate,
    pub tasks: usize,
    pub indicators: usize,
    pub raised: usize,
    pub escalated: usize,
    pub eased: usize,
    pub updated: usize,
    pub resolved: usize,
    pub open_red: usize,
    pub open_yellow: usize,
    pub open_info: usize,
    pub load_ms: u64,
    pub evaluate_ms: u64,
    pub store_ms: u64,
}

/// Subjects re-checked at the same time are spread over this many locks.
const STRIPES: usize = 64;

/// Changes waiting to be stored, and who waits for them.
struct Batch {
    changes: Vec<Change>,
    today: NaiveDate,
    done: oneshot::Sender<Result<(), StoreError>>,
}

pub struct WarningService {
    store: Store,
    settings: WarningSettings,
    /// Re-checks share it; a sweep takes it alone.
    gate: RwLock<()>,
    /// One subject is re-checked by one request at a time: loading it,
    /// evaluating it and queueing its changes happen under its stripe, so
    /// the queue holds its changes in the engine's order.
    stripes: Vec<Mutex<()>>,
    /// Held only while evaluating, never across I/O.
    engine: std::sync::Mutex<Engine>,
    /// To the single task that stores changes in order, in batches.
    apply: mpsc::UnboundedSender<Batch>,
    events: broadcast::Sender<Arc<WarningEvent>>,
}

impl WarningService {
    /// Loads everything, restores the open warnings and runs a first sweep.
    pub async fn start(store: Store, settings: WarningSettings) -> Result<Arc<Self>, StoreError> {
        let (events, _) = broadcast::channel(1024);
        let hooks = Dispatcher::start(&settings.webhooks);
        let (apply, queue) = mpsc::unbounded_channel();
        tokio::spawn(applier(store.clone(), queue, events.clone(), hooks));
        let service = Arc::new(WarningService {
            store,
            settings,
            gate: RwLock::new(()),
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
            engine: std::sync::Mutex::new(Engine::new()),
            apply,
            events,
        });
        let summary = service.sweep().await?;
        tracing::info!(?summary, "warning engine started");
        Ok(service)
    }

    /// The date evaluations are as of.
    pub fn today(&self) -> NaiveDate {
        self.settings
            .today
            .unwrap_or_else(|| local_date(Utc::now()))
    }

    /// Every stored change from now on, in order. A receiver that falls more
    /// than 1024 events behind is told how many it missed.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<WarningEvent>> {
        self.events.subscribe()
    }

    /// Reloads every subject from the database and re-evaluates all of them.
    pub async fn sweep(&self) -> Result<SweepSummary, StoreError> {
        let _alone = self.gate.write().await;
        let today = self.today();
        let started = Instant::now();
        let load = self.store.load_engine().await?;
        let mut fresh = Engine::new();
        for p in load.programs {
            fresh.set_program(ProgramInput {
                id: p.id,
                thresholds: self.settings.thresholds.for_program(&p.key).clone(),
                calendar: p.calendar,
            });
        }
        for t in load.tasks {
            fresh.upsert_task(t);
        }
        for i in load.indicators {
            fresh.upsert_indicator(i);
        }
        for (subject, warning) in &load.open {
            fresh.restore(*subject, Open::of(warning));
        }
        let loaded = Instant::now();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let changes = fresh.sweep(today, threads);
        let evaluated = Instant::now();
        let mut summary = SweepSummary {
            as_of: today,
            tasks: fresh.task_count(),
            indicators: fresh.indicator_count(),
            load_ms: millis(loaded - started),
            evaluate_ms: millis(evaluated - loaded),
            ..SweepSummary::default()
        };
        for c in &changes {
            match c.kind {
                ChangeKind::Raised => summary.raised += 1,
                ChangeKind::Escalated => summary.escalated += 1,
                ChangeKind::Eased => summary.eased += 1,
                ChangeKind::Updated => summary.updated += 1,
                ChangeKind::Resolved => summary.resolved += 1,
            }
        }
        for (severity, n) in fresh.open_counts() {
            match severity {
                Severity::Red => summary.open_red = n,
                Severity::Yellow => summary.open_yellow = n,
                Severity::Info => summary.open_info = n,
            }
        }
        // Swap in the new engine only once its changes are stored: on an
        // error the old one stays, consistent with the database.
        self.store_and_announce(changes, today).await?;
        summary.store_ms = millis(evaluated.elapsed());
        *self.engine.lock().unwrap_or_else(|e| e.into_inner()) = fresh;
        Ok(summary)
    }

    /// Re-checks tasks after a write that touched them.
    pub async fn tasks_changed(&self, tasks: &[TaskId]) {
        if let Err(e) = self.try_tasks_changed(tasks).await {
            tracing::error!(error = %e, "re-checking warnings after a write failed; the next sweep repairs it");
        }
    }

    async fn try_tasks_changed(&self, tasks: &[TaskId]) -> Result<(), StoreError> {
        let _shared = self.gate.read().await;
        let today = self.today();
        let mut waits = Vec::new();
        for &task in tasks {
            let _subject = self.stripe(task.0).lock().await;
            let input = self.store.load_task_input(task).await?;
            let changes = {
                let mut engine = self.engine.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(input) = input {
                    engine.upsert_task(input);
                }
                engine.check_task(task.0, today)
            };
            waits.extend(self.queue(changes, today));
        }
        for wait in waits {
            wait.await.unwrap_or(Err(StoreError::Unavailable(
                "the warning store task stopped".into(),
            )))?;
        }
        Ok(())
    }

    /// Re-checks an indicator after an actual was recorded.
    pub async fn indicator_changed(&self, indicator: i64) {
        let result = async {
            let _shared = self.gate.read().await;
            let _subject = self.stripe(-indicator).lock().await;
            let today = self.today();
            let input = self.store.load_indicator_input(indicator).await?;
            let changes = {
                let mut engine = self.engine.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(input) = input {
                    engine.upsert_indicator(input);
                }
                engine.check_indicator(indicator, today)
            };
            match self.queue(changes, today) {
                Some(wait) => wait.await.unwrap_or(Err(StoreError::Unavailable(
                    "the warning store task stopped".into(),
                ))),
                None => Ok(()),
            }
        }
        .await;
        if let Err(e) = result {
            tracing::error!(error = %e, indicator, "re-checking an indicator failed");
        }
    }

    fn stripe(&self, key: i64) -> &Mutex<()> {
        &self.stripes[key.unsigned_abs() as usize % STRIPES]
    }

    /// Queues changes for storing; the receiver says when they are stored.
    fn queue(
        &self,
        changes: Vec<Change>,
        today: NaiveDate,
    ) -> Option<oneshot::Receiver<Result<(), StoreError>>> {
        if changes.is_empty() {
            return None;
        }
        let (done, wait) = oneshot::channel();
        let batch = Batch {
            changes,
            today,
            done,
        };
        self.apply.send(batch).ok()?;
        Some(wait)
    }

    /// After a change that moves many subjects at once (periods, regime,
    /// bulk assignment): a full sweep, logged rather than failed.
    pub async fn everything_changed(&self) {
        if let Err(e) = self.sweep().await {
            tracing::error!(error = %e, "warning sweep failed");
        }
    }

    async fn store_and_announce(
        &self,
        changes: Vec<Change>,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        match self.queue(changes, today) {
            Some(wait) => wait.await.unwrap_or(Err(StoreError::Unavailable(
                "the warning store task stopped".into(),
            ))),
            None => Ok(()),
        }
    }

    /// Sweeps after every local midnight until the service is dropped.
    pub fn spawn_daily(self: &Arc<Self>) {
        let weak = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(until_next_local_day()).await;
                let Some(service) = weak.upgrade() else { break };
                match service.sweep().await {
                    Ok(summary) => tracing::info!(?summary, "daily warning sweep"),
                    Err(e) => tracing::error!(error = %e, "daily warning sweep failed"),
                }
            }
        });
    }
}

/// Stores queued changes in arrival order: whatever waits is taken together
/// and written in one job per evaluation date, then announced.
async fn applier(
    store: Store,
    mut queue: mpsc::UnboundedReceiver<Batch>,
    events: broadcast::Sender<Arc<WarningEvent>>,
    hooks: Dispatcher,
) {
    while let Some(first) = queue.recv().await {
        let mut batches = vec![first];
        while let Ok(more) = queue.try_recv() {
            batches.push(more);
        }
        // Consecutive batches of one date go together, keeping the order.
        let start = 0;
        while !batches.is_empty() {
            let today = batches[start].today;
            let end = batches[start..]
                .iter()
                .position(|b| b.today != today)
                .map_or(batches.len(), |n| start + n);
            let changes: Vec<Change> = batches[start..end]
                .iter_mut()
                .flat_map(|b| std::mem::take(&mut b.changes))
                .collect();
            let result = store.apply_warning_changes(&changes, today).await;
            let outcome = match result {
                Ok(stored) => {
                    for event in stored {
                        let event = Arc::new(event);
                        hooks.send(&event);
                        // No subscriber is fine: nobody is watching.
                        let _ = events.send(event);
                    }
                    Ok(())
                }
                Err(e) => Err(e),
            };
            for batch in batches.drain(start..end).collect::<Vec<_>>() {
                let answer = match &outcome {
                    Ok(()) => Ok(()),
                    Err(e) => Err(StoreError::Unavailable(e.to_string())),
                };
                let _ = batch.done.send(answer);
            }
            // `drain` shifted the rest down to `start`.
        }
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Time until five minutes past the next midnight in Vietnam (UTC+7).
fn until_next_local_day() -> Duration {
    let now = Utc::now();
    let today = local_date(now);
    let next = today
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 5, 0))
        // Midnight in Vietnam is 17:00 UTC of the day before.
        .map(|local| local - chrono::Duration::hours(7));
    match next {
        Some(at) => (at - now.naive_utc())
            .to_std()
            .unwrap_or(Duration::from_secs(60)),
        None => Duration::from_secs(24 * 3600),
    }
}
