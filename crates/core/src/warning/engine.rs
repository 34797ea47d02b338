//! The engine: what it knows of every task and indicator, which warnings are
//! open, and what changes when something is re-checked. Pure and in memory:
//! the caller loads the inputs, passes the date to evaluate as of, and stores
//! the [`Change`]s it gets back.
//!
//! For each open warning the engine keeps its rule, severity and fingerprint
//! ([`Open`]) and a quick digest of the finding last seen, never its text: a
//! re-check computes compact findings, compares digests, and formats facts
//! or puts them into words only for what changed.

use std::sync::Mutex;

use chrono::NaiveDate;

use super::cents::Limits;
use super::evaluate::{TaskRules, indicator_finding, task_findings};
pub use super::evaluate::{evaluate_indicator, evaluate_task};
use super::finding::{Context, Finding};
pub use super::inputs::{
    ActualPoint, Calendar, Filing, IndicatorInput, MoneyPoint, ProgramInput, ReportPeriod,
    ReportPoint, Subject, SubjectKind, TaskInput,
};
pub use super::lifecycle::{Change, ChangeKind, CompactChange, Open};
use super::lifecycle::{OpenSet, reconcile};
use super::{Severity, Thresholds, rules};

struct TaskSlot {
    input: TaskInput,
    open: OpenSet,
}

struct IndicatorSlot {
    input: IndicatorInput,
    open: OpenSet,
    /// Changes whenever the indicator (its target) is replaced.
    epoch: u64,
}

struct ProgramState {
    thresholds: Thresholds,
    limits: Limits,
    calendar: Calendar,
    /// Changes whenever the program (its calendar's labels) is replaced.
    epoch: u64,
}

impl ProgramState {
    fn new(thresholds: Thresholds, calendar: Calendar, epoch: u64) -> Self {
        ProgramState {
            limits: Limits::of(&thresholds),
            thresholds,
            calendar,
            epoch,
        }
    }
}

/// Tasks a sweep worker takes at a time: small enough to share the work
/// evenly, large enough that taking costs nothing.
const BLOCK: usize = 4096;

/// Per-thread buffers reused from task to task.
#[derive(Default)]
struct Scratch {
    reports: Vec<ReportPoint>,
    findings: Vec<Finding>,
}

/// All subjects, their inputs and their open warnings.
pub struct Engine {
    programs: std::collections::HashMap<i64, ProgramState>,
    /// For tasks of a program the engine was not told about.
    unknown_program: ProgramState,
    tasks: Vec<TaskSlot>,
    task_index: std::collections::HashMap<i64, usize>,
    indicators: Vec<IndicatorSlot>,
    indicator_index: std::collections::HashMap<i64, usize>,
    /// The last epoch handed to a program or an indicator.
    epoch: u64,
}

impl Default for Engine {
    fn default() -> Self {
        Engine {
            programs: Default::default(),
            unknown_program: ProgramState::new(Thresholds::default(), Calendar::default(), 0),
            tasks: Vec::new(),
            task_index: Default::default(),
            indicators: Vec::new(),
            indicator_index: Default::default(),
            epoch: 0,
        }
    }
}

impl Engine {
    pub fn new() -> Self {
        Engine::default()
    }

    pub fn set_program(&mut self, program: ProgramInput) {
        self.epoch += 1;
        self.programs.insert(
            program.id,
            ProgramState::new(program.thresholds, program.calendar, self.epoch),
        );
    }

    /// Adds or replaces a task's inputs; its open warnings stay as they are
    /// until it is checked.
    pub fn upsert_task(&mut self, input: TaskInput) {
        match self.task_index.get(&input.id) {
            Some(&i) => self.tasks[i].input = input,
            None => {
                self.task_index.insert(input.id, self.tasks.len());
                self.tasks.push(TaskSlot {
                    input,
                    open: OpenSet::default(),
                });
            }
        }
    }

    pub fn upsert_indicator(&mut self, input: IndicatorInput) {
        self.epoch += 1;
        let epoch = self.epoch;
        match self.indicator_index.get(&input.id) {
            Some(&i) => {
                let slot = &mut self.indicators[i];
                slot.input = input;
                slot.epoch = epoch;
            }
            None => {
                self.indicator_index.insert(input.id, self.indicators.len());
                self.indicators.push(IndicatorSlot {
                    input,
                    open: OpenSet::default(),
                    epoch,
                });
            }
        }
    }

    pub fn task(&self, id: i64) -> Option<&TaskInput> {
        self.task_index.get(&id).map(|&i| &self.tasks[i].input)
    }

    /// Adds a report to a known task. `false` when the task is unknown.
    pub fn record_report(&mut self, task: i64, point: ReportPoint) -> bool {
        let Some(&i) = self.task_index.get(&task) else {
            return false;
        };
        let slot = &mut self.tasks[i];
        slot.input.record(point);
        if slot.input.reports.last() == Some(&point) {
            slot.input.status = point.status;
        }
        true
    }

    /// Adds a lead agency's report just stored, as a reload of the task would
    /// see it: its point (a revision replaces the point of its period), its
    /// money figures if it gave any, and the status it sets. `false` when the
    /// task is unknown.
    pub fn file_report(&mut self, filing: &Filing) -> bool {
        let Some(&i) = self.task_index.get(&filing.task) else {
            return false;
        };
        let period = self
            .programs
            .get(&self.tasks[i].input.program)
            .unwrap_or(&self.unknown_program)
            .calendar
            .index_of(filing.period_id);
        let input = &mut self.tasks[i].input;
        input.record(ReportPoint {
            as_of: filing.as_of,
            filed: filing.filed,
            period,
            percent_bp: filing.percent_bp,
            status: filing.status,
        });
        input.status = filing.status;
        if !filing.money.is_empty() {
            input.money.push(MoneyPoint {
                filed: filing.filed,
                money: filing.money.clone(),
            });
        }
        true
    }

    /// Marks a warning as open without announcing it: the state a previous
    /// run left in storage ([`Open::of`] the stored warning). Unknown
    /// subjects are ignored.
    pub fn restore(&mut self, subject: Subject, open: Open) {
        let list = match subject.kind {
            SubjectKind::Task => self
                .task_index
                .get(&subject.id)
                .map(|&i| &mut self.tasks[i].open),
            SubjectKind::Indicator => self
                .indicator_index
                .get(&subject.id)
                .map(|&i| &mut self.indicators[i].open),
        };
        if let Some(list) = list {
            list.restore(open);
        }
    }

    pub fn task_count(&self) -> usize {
        self.tasks.len()
    }

    pub fn indicator_count(&self) -> usize {
        self.indicators.len()
    }

    pub fn report_count(&self) -> usize {
        self.tasks.iter().map(|t| t.input.reports.len()).sum()
    }

    /// Open warnings per severity.
    pub fn open_counts(&self) -> [(Severity, usize); 3] {
        let mut counts = [
            (Severity::Info, 0),
            (Severity::Yellow, 0),
            (Severity::Red, 0),
        ];
        let all = self
            .tasks
            .iter()
            .flat_map(|t| t.open.iter())
            .chain(self.indicators.iter().flat_map(|i| i.open.iter()));
        for h in all {
            if let Some(c) = counts.iter_mut().find(|(s, _)| *s == h.open.severity) {
                c.1 += 1;
            }
        }
        counts
    }

    fn program(&self, id: i64) -> &ProgramState {
        self.programs.get(&id).unwrap_or(&self.unknown_program)
    }

    /// Re-evaluates one task as of `today`. Unknown → no changes.
    pub fn check_task(&mut self, id: i64, today: NaiveDate) -> Vec<Change> {
        let mut changes = Vec::new();
        let Some(&i) = self.task_index.get(&id) else {
            return changes;
        };
        let program = self
            .programs
            .get(&self.tasks[i].input.program)
            .unwrap_or(&self.unknown_program);
        let slot = &mut self.tasks[i];
        // Only money rules read it; spare the division otherwise.
        let expected = if slot.input.money.is_empty() {
            None
        } else {
            rules::expected_disbursement(today)
        };
        let rules = TaskRules::new(
            &program.thresholds,
            &program.limits,
            &program.calendar,
            today,
            expected,
        );
        let mut scratch = Scratch::default();
        check_one(&rules, program.epoch, slot, &mut scratch, &mut |ctx, c| {
            changes.push(c.render_in(ctx))
        });
        changes
    }

    /// Re-evaluates one indicator as of `today`.
    pub fn check_indicator(&mut self, id: i64, today: NaiveDate) -> Vec<Change> {
        let mut changes = Vec::new();
        let Some(&i) = self.indicator_index.get(&id) else {
            return changes;
        };
        let program = self
            .programs
            .get(&self.indicators[i].input.program)
            .unwrap_or(&self.unknown_program);
        check_indicator(
            &program.thresholds,
            &mut self.indicators[i],
            today,
            &mut |ctx, c| changes.push(c.render_in(ctx)),
        );
        changes
    }

    /// Re-evaluates everything as of `today` on up to `threads` threads and
    /// returns every change, put into words, tasks first in the order they
    /// were added. The words are written on the worker threads too; to time
    /// evaluation and wording apart, use [`Engine::sweep_compact`] and
    /// [`Engine::render_all`].
    pub fn sweep(&mut self, today: NaiveDate, threads: usize) -> Vec<Change> {
        self.sweep_into(today, threads, |ctx, c| c.render_in(ctx))
    }

    /// [`Engine::sweep`] without the words: evaluation and the open-warning
    /// life cycle only. Each change renders with [`Engine::render`] (or all
    /// with [`Engine::render_all`]) as long as the engine's programs and
    /// subjects have not been replaced since.
    pub fn sweep_compact(&mut self, today: NaiveDate, threads: usize) -> Vec<CompactChange> {
        self.sweep_into(today, threads, |_, c| c)
    }

    /// The [`Change`] a compact one stands for: its warning put into words
    /// with the subject's program calendar (task) or target (indicator).
    pub fn render(&self, change: &CompactChange) -> Change {
        self.render_with(change, &mut None)
    }

    /// [`Engine::render`], remembering the last program looked up.
    fn render_with<'e>(
        &'e self,
        change: &CompactChange,
        last: &mut Option<(i64, &'e ProgramState)>,
    ) -> Change {
        match change.subject.kind {
            SubjectKind::Task => {
                let program = match *last {
                    Some((id, p)) if id == change.program => p,
                    _ => {
                        let p = self.program(change.program);
                        *last = Some((change.program, p));
                        p
                    }
                };
                change.render_in(&Context::task(&program.calendar))
            }
            SubjectKind::Indicator => match self.indicator_index.get(&change.subject.id) {
                Some(&i) => change.render_in(&Context::indicator(&self.indicators[i].input.target)),
                None => change.render_in(&Context::given("")),
            },
        }
    }

    /// [`Engine::render`] of every change, in order, on up to `threads`
    /// threads.
    pub fn render_all(&self, changes: &[CompactChange], threads: usize) -> Vec<Change> {
        let threads = threads.clamp(1, 64);
        let render = |part: &[CompactChange]| -> Vec<Change> {
            let mut last = None;
            part.iter()
                .map(|c| self.render_with(c, &mut last))
                .collect()
        };
        if threads == 1 || changes.len() < BLOCK {
            return render(changes);
        }
        let size = changes.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = changes
                .chunks(size)
                .map(|part| scope.spawn(move || render(part)))
                .collect();
            let mut out = Vec::with_capacity(changes.len());
            for h in handles {
                let part: Vec<Change> = h.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
                out.extend(part);
            }
            out
        })
    }

    fn sweep_into<T: Send>(
        &mut self,
        today: NaiveDate,
        threads: usize,
        make: impl Fn(&Context<'_>, CompactChange) -> T + Sync,
    ) -> Vec<T> {
        let threads = threads.clamp(1, 64);
        let expected = rules::expected_disbursement(today);
        let programs = &self.programs;
        let unknown = &self.unknown_program;
        let make = &make;
        let blocks = Mutex::new(self.tasks.chunks_mut(BLOCK).enumerate());
        // Each worker appends to one Vec and notes which block each run of
        // changes came from; blocks are taken in order, so every worker's
        // runs are in block order and merging them restores task order.
        let work = || {
            let mut out: Vec<T> = Vec::new();
            let mut runs: Vec<(usize, usize)> = Vec::new();
            let mut scratch = Scratch::default();
            // Tasks of one program tend to sit together: look it up once per run.
            let mut current: Option<(i64, TaskRules<'_>, u64)> = None;
            loop {
                let next = blocks.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((index, slots)) = next else { break };
                let before = out.len();
                for slot in slots {
                    let id = slot.input.program;
                    let (rules, epoch) = match current {
                        Some((p, rules, epoch)) if p == id => (rules, epoch),
                        _ => {
                            let program = programs.get(&id).unwrap_or(unknown);
                            let rules = TaskRules::new(
                                &program.thresholds,
                                &program.limits,
                                &program.calendar,
                                today,
                                expected,
                            );
                            current = Some((id, rules, program.epoch));
                            (rules, program.epoch)
                        }
                    };
                    check_one(&rules, epoch, slot, &mut scratch, &mut |ctx, c| {
                        out.push(make(ctx, c))
                    });
                }
                runs.push((index, out.len() - before));
            }
            (out, runs)
        };
        let mut changes = if threads == 1 {
            work().0
        } else {
            let parts: Vec<WorkerOutput<T>> = std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .collect()
            });
            merge_runs(parts)
        };
        for slot in &mut self.indicators {
            let th = &programs
                .get(&slot.input.program)
                .unwrap_or(unknown)
                .thresholds;
            check_indicator(th, slot, today, &mut |ctx, c| changes.push(make(ctx, c)));
        }
        changes
    }
}

/// What one sweep worker produced: its changes, and the (block, length) of
/// each run of them.
type WorkerOutput<T> = (Vec<T>, Vec<(usize, usize)>);

/// Concatenates the workers' runs in block order.
fn merge_runs<T>(parts: Vec<WorkerOutput<T>>) -> Vec<T> {
    let mut out = Vec::with_capacity(parts.iter().map(|(v, _)| v.len()).sum());
    let mut streams: Vec<_> = parts
        .into_iter()
        .map(|(v, runs)| (v.into_iter(), runs.into_iter().peekable()))
        .collect();
    loop {
        let next = streams
            .iter_mut()
            .enumerate()
            .filter_map(|(w, (_, runs))| runs.peek().map(|&(block, _)| (block, w)))
            .min();
        let Some((_, w)) = next else { break };
        let (items, runs) = &mut streams[w];
        let len = runs.next().map_or(0, |(_, len)| len);
        out.extend(items.by_ref().take(len));
    }
    out
}

/// Evaluates one task and reconciles its open warnings, handing each change
/// to `emit` with the context that renders it.
fn check_one(
    rules: &TaskRules<'_>,
    epoch: u64,
    slot: &mut TaskSlot,
    scratch: &mut Scratch,
    emit: &mut impl FnMut(&Context<'_>, CompactChange),
) {
    scratch.findings.clear();
    task_findings(
        rules,
        &slot.input,
        &mut scratch.reports,
        &mut scratch.findings,
    );
    let ctx = Context::task(rules.calendar);
    let (subject, program) = (Subject::task(slot.input.id), slot.input.program);
    reconcile(
        &mut slot.open,
        &scratch.findings,
        &ctx,
        epoch,
        |rule, kind, finding, previous| {
            emit(
                &ctx,
                CompactChange {
                    subject,
                    program,
                    rule,
                    kind,
                    finding: finding.copied(),
                    previous,
                },
            )
        },
    );
}

fn check_indicator(
    th: &Thresholds,
    slot: &mut IndicatorSlot,
    today: NaiveDate,
    emit: &mut impl FnMut(&Context<'_>, CompactChange),
) {
    let findings: Vec<Finding> = indicator_finding(&slot.input, th, today)
        .into_iter()
        .collect();
    let ctx = Context::indicator(&slot.input.target);
    let (subject, program) = (Subject::indicator(slot.input.id), slot.input.program);
    reconcile(
        &mut slot.open,
        &findings,
        &ctx,
        slot.epoch,
        |rule, kind, finding, previous| {
            emit(
                &ctx,
                CompactChange {
                    subject,
                    program,
                    rule,
                    kind,
                    finding: finding.copied(),
                    previous,
                },
            )
        },
    );
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
