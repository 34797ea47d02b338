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
use tokio::sync::{Mutex, broadcast};

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

pub struct WarningService {
    store: Store,
    settings: WarningSettings,
    /// The engine, and the gate every re-check passes: loading a subject,
    /// evaluating it and storing the changes happen under this lock, so the
    /// stored warnings follow the engine in the same order.
    engine: Mutex<Engine>,
    events: broadcast::Sender<Arc<WarningEvent>>,
    hooks: Dispatcher,
}

impl WarningService {
    /// Loads everything, restores the open warnings and runs a first sweep.
    pub async fn start(store: Store, settings: WarningSettings) -> Result<Arc<Self>, StoreError> {
        let (events, _) = broadcast::channel(1024);
        let hooks = Dispatcher::start(&settings.webhooks);
        let service = Arc::new(WarningService {
            store,
            settings,
            engine: Mutex::new(Engine::new()),
            events,
            hooks,
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
        let mut engine = self.engine.lock().await;
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
        self.store_and_announce(&changes, today).await?;
        summary.store_ms = millis(evaluated.elapsed());
        *engine = fresh;
        Ok(summary)
    }

    /// Re-checks tasks after a write that touched them.
    pub async fn tasks_changed(&self, tasks: &[TaskId]) {
        if let Err(e) = self.try_tasks_changed(tasks).await {
            tracing::error!(error = %e, "re-checking warnings after a write failed; the next sweep repairs it");
        }
    }

    async fn try_tasks_changed(&self, tasks: &[TaskId]) -> Result<(), StoreError> {
        let mut engine = self.engine.lock().await;
        let today = self.today();
        let mut changes = Vec::new();
        for &task in tasks {
            if let Some(input) = self.store.load_task_input(task).await? {
                engine.upsert_task(input);
            }
            changes.extend(engine.check_task(task.0, today));
        }
        self.store_and_announce(&changes, today).await
    }

    /// Re-checks an indicator after an actual was recorded.
    pub async fn indicator_changed(&self, indicator: i64) {
        let result = async {
            let mut engine = self.engine.lock().await;
            let today = self.today();
            if let Some(input) = self.store.load_indicator_input(indicator).await? {
                engine.upsert_indicator(input);
            }
            let changes = engine.check_indicator(indicator, today);
            self.store_and_announce(&changes, today).await
        }
        .await;
        if let Err(e) = result {
            tracing::error!(error = %e, indicator, "re-checking an indicator failed");
        }
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
        changes: &[Change],
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        let events = self.store.apply_warning_changes(changes, today).await?;
        for event in events {
            let event = Arc::new(event);
            self.hooks.send(&event);
            // No subscriber is fine: nobody is watching.
            let _ = self.events.send(event);
        }
        Ok(())
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
