//! The running warning engine: the core's [`Engine`] in memory, kept in step
//! with the database. Every write that can change a warning re-checks its
//! subject before the handler answers, so the warning is visible in the same
//! request cycle: a report inside its own write job (one commit for both),
//! other writes in a write job of their own right after. The engine moves
//! only inside write jobs, so it follows the order of commits. A full sweep
//! runs at start, after each local midnight and on demand. Changes are
//! stored, then announced on an in-process channel and to the webhooks
//! (which never hold up the write).

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use tiendo_core::schedule::local_date;
use tiendo_core::warning::{
    Change, ChangeKind, Engine, Open, ProgramInput, Severity, WarningConfig,
};
use tiendo_store::{
    Filed, Follow, FollowUp, Outcome, Recheck, Report, Store, StoreError, TaskId, WarningEvent,
};
use tokio::sync::{Mutex, Notify, RwLock, broadcast};

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

/// Subjects re-checked at the same time are spread over this many locks:
/// enough that two requests about different subjects rarely share one (a
/// request holds its lock for its whole write, several milliseconds under
/// load; with 64, a third of 24 concurrent reports waited for another's).
const STRIPES: usize = 4096;

pub struct WarningService {
    store: Store,
    settings: WarningSettings,
    /// Re-checks share it; a sweep takes it alone.
    gate: RwLock<()>,
    /// One subject is re-checked by one request at a time, from its write
    /// to the announcement of its changes, so one subject's events go out
    /// in the order they were stored.
    stripes: Vec<Mutex<()>>,
    /// Moved only inside write jobs (see [`Follow`]), so it follows the
    /// order writes commit in; held only while evaluating.
    engine: Arc<std::sync::Mutex<Engine>>,
    events: broadcast::Sender<Arc<WarningEvent>>,
    hooks: Dispatcher,
    /// Wakes the task that sweeps when a write failed after its re-check
    /// moved the engine (the engine may then be ahead of storage).
    resync: Arc<Notify>,
}

impl WarningService {
    /// Loads everything, restores the open warnings and runs a first sweep.
    pub async fn start(store: Store, settings: WarningSettings) -> Result<Arc<Self>, StoreError> {
        let (events, _) = broadcast::channel(1024);
        let hooks = Dispatcher::start(&settings.webhooks);
        let resync = Arc::new(Notify::new());
        let service = Arc::new(WarningService {
            store,
            settings,
            gate: RwLock::new(()),
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
            engine: Arc::new(std::sync::Mutex::new(Engine::new())),
            events,
            hooks,
            resync: resync.clone(),
        });
        let summary = service.sweep().await?;
        tracing::info!(?summary, "warning engine started");
        let weak = Arc::downgrade(&service);
        tokio::spawn(async move {
            loop {
                resync.notified().await;
                let Some(service) = weak.upgrade() else { break };
                match service.sweep().await {
                    Ok(summary) => tracing::info!(?summary, "warning sweep after a failed write"),
                    Err(e) => {
                        tracing::error!(error = %e, "warning sweep after a failed write failed")
                    }
                }
            }
        });
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
        self.store.mark_synced().await?;
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
        // error the old one stays, consistent with the database. Nothing
        // else writes warnings meanwhile (the gate), so order is kept.
        let events = self.store.apply_warning_changes(&changes, today).await?;
        *self.engine.lock().unwrap_or_else(|e| e.into_inner()) = fresh;
        self.announce(events);
        summary.store_ms = millis(evaluated.elapsed());
        Ok(summary)
    }

    /// Runs a report write (`submit_report_with` or `revise_report_with`)
    /// with a [`Follow`] that re-checks the task inside the write's own job,
    /// then announces what changed. `task` is the report's task.
    pub async fn file<Fut>(
        &self,
        task: TaskId,
        write: impl FnOnce(Follow) -> Fut,
    ) -> Result<Outcome<Report>, StoreError>
    where
        Fut: Future<Output = Result<Filed, StoreError>>,
    {
        let unknown = {
            let _shared = self.gate.read().await;
            let _subject = self.stripe(task.0).lock().await;
            let ran = Arc::new(AtomicBool::new(false));
            let follow = self.follow(ran.clone());
            match write(follow).await {
                Ok(filed) => match filed.warnings {
                    FollowUp::Stored(events) => {
                        self.announce(events);
                        return Ok(filed.report);
                    }
                    FollowUp::Nothing => return Ok(filed.report),
                    FollowUp::Unknown => filed.report,
                    FollowUp::Stale => {
                        tracing::info!(
                            "another process wrote the database: warnings resynchronise"
                        );
                        self.resync.notify_one();
                        filed.report
                    }
                },
                Err(e) => {
                    if ran.load(Ordering::Acquire) {
                        self.resync.notify_one();
                    }
                    return Err(e);
                }
            }
        };
        // A task the engine has not seen yet, or may have seen stale: load it
        // now it is stored.
        self.tasks_changed(&[unknown.value().task_id]).await;
        Ok(unknown)
    }

    /// Files a lead agency's report into the engine and re-checks its task.
    fn follow(&self, ran: Arc<AtomicBool>) -> Follow {
        let engine = self.engine.clone();
        let today = self.today();
        Box::new(move |filing| {
            ran.store(true, Ordering::Release);
            let mut engine = engine.lock().unwrap_or_else(|e| e.into_inner());
            if !engine.file_report(filing) {
                return None;
            }
            Some((engine.check_task(filing.task, today), today))
        })
    }

    /// Re-checks tasks after a write that touched them.
    pub async fn tasks_changed(&self, tasks: &[TaskId]) {
        let _shared = self.gate.read().await;
        let mut stripes: Vec<usize> = tasks.iter().map(|t| stripe_of(t.0)).collect();
        stripes.sort_unstable();
        stripes.dedup();
        // In index order, so two re-checks never wait for each other's.
        let mut held = Vec::with_capacity(stripes.len());
        for i in stripes {
            held.push(self.stripes[i].lock().await);
        }
        let ran = Arc::new(AtomicBool::new(false));
        let check = self.recheck(&ran, Engine::upsert_task, Engine::check_task);
        let result = self.store.recheck_tasks(tasks, check).await;
        self.settle(result, &ran, "tasks");
    }

    /// Re-checks an indicator after an actual was recorded.
    pub async fn indicator_changed(&self, indicator: i64) {
        let _shared = self.gate.read().await;
        let _subject = self.stripe(-indicator).lock().await;
        let ran = Arc::new(AtomicBool::new(false));
        let check = self.recheck(&ran, Engine::upsert_indicator, Engine::check_indicator);
        let result = self.store.recheck_indicator(indicator, check).await;
        self.settle(result, &ran, "an indicator");
    }

    /// What a re-check job runs: each subject's stored input goes into the
    /// engine (`put`), then `check` evaluates it. `ran` notes that the engine
    /// moved.
    fn recheck<I: 'static>(
        &self,
        ran: &Arc<AtomicBool>,
        put: fn(&mut Engine, I),
        check: fn(&mut Engine, i64, NaiveDate) -> Vec<Change>,
    ) -> Recheck<I> {
        let (engine, ran) = (self.engine.clone(), ran.clone());
        let today = self.today();
        Box::new(move |inputs| {
            ran.store(true, Ordering::Release);
            let mut engine = engine.lock().unwrap_or_else(|e| e.into_inner());
            let mut changes = Vec::new();
            for (id, input) in inputs {
                if let Some(input) = input {
                    put(&mut engine, input);
                }
                changes.extend(check(&mut engine, id, today));
            }
            (changes, today)
        })
    }

    /// Announces what a re-check stored; a failure is logged, and repaired
    /// by a sweep if the engine had already moved.
    fn settle(&self, result: Result<Vec<WarningEvent>, StoreError>, ran: &AtomicBool, what: &str) {
        match result {
            Ok(events) => self.announce(events),
            Err(e) => {
                tracing::error!(error = %e, "re-checking {what} after a write failed; a sweep repairs it");
                if ran.load(Ordering::Acquire) {
                    self.resync.notify_one();
                }
            }
        }
    }

    fn stripe(&self, key: i64) -> &Mutex<()> {
        &self.stripes[stripe_of(key)]
    }

    /// Tells the in-process subscribers and the webhooks, in order.
    fn announce(&self, events: Vec<WarningEvent>) {
        for event in events {
            let event = Arc::new(event);
            self.hooks.send(&event);
            // No subscriber is fine: nobody is watching.
            let _ = self.events.send(event);
        }
    }

    /// After a change that moves many subjects at once (periods, regime,
    /// bulk assignment): a full sweep, logged rather than failed.
    pub async fn everything_changed(&self) {
        if let Err(e) = self.sweep().await {
            tracing::error!(error = %e, "warning sweep failed");
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

fn stripe_of(key: i64) -> usize {
    key.unsigned_abs() as usize % STRIPES
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
