//! The warning engine's benchmark: generate a synthetic province in memory
//! (no database), load it into the engine, then time a cold sweep (every
//! warning new), a steady sweep (nothing changed), and many incremental
//! re-checks after one new report each. Prints the figures and the peak
//! memory of the process.
//!
//! cargo run --release -p tiendo --bin tiendo-warnbench -- --tasks 1000000

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::Parser;
use rust_decimal::Decimal;
use tiendo_core::report::{Milestone, Money};
use tiendo_core::status::TaskStatus;
use tiendo_core::warning::{
    ActualPoint, Calendar, Engine, IndicatorInput, MoneyPoint, ProgramInput, ReportPeriod,
    ReportPoint, RuleId, Severity, TaskInput, Thresholds,
};
use tiendo_gen::{Options, Province};

#[derive(Parser)]
#[command(about = "Đo tốc độ bộ máy cảnh báo sớm trên một tỉnh giả lập, trong bộ nhớ.")]
struct Args {
    #[arg(long, default_value_t = 1_000_000)]
    tasks: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Years of monthly history (1–5).
    #[arg(long, default_value_t = 2)]
    years: u32,
    /// Threads of the sweep; default: every core.
    #[arg(long)]
    threads: Option<usize>,
    /// Incremental re-checks to time.
    #[arg(long, default_value_t = 20_000)]
    rechecks: usize,
    /// Evaluation date.
    #[arg(long, default_value = "2026-11-23")]
    today: NaiveDate,
}

fn main() {
    let args = Args::parse();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

    let t = Instant::now();
    let province = tiendo_gen::generate(&Options {
        tasks: args.tasks,
        seed: args.seed,
        years: args.years,
        today: args.today,
        titles: false,
    });
    println!(
        "generate      {:>9.2} s  {} tasks, {} reports, {} indicators",
        secs(t.elapsed()),
        province.tasks.len(),
        province.reports.len(),
        province.catalog.indicators.len()
    );

    let t = Instant::now();
    let mut engine = load(&province);
    let reports = engine.report_count();
    drop(province);
    println!(
        "load          {:>9.2} s  (excluded from the sweep figures)",
        secs(t.elapsed())
    );
    println!("memory        {}", memory());

    // The cold sweep: nothing is open yet, so every finding is a change.
    // Evaluation and wording are timed apart: the sweep decides what
    // changed; the words are made for the changes only, to be stored.
    let t = Instant::now();
    let cold = engine.sweep_compact(args.today, threads);
    let evaluate = t.elapsed();
    let t = Instant::now();
    let rendered = engine.render_all(&cold, threads);
    let render = t.elapsed();
    let counts = engine.open_counts();
    let open = |s: Severity| counts.iter().find(|(x, _)| *x == s).map_or(0, |c| c.1);
    println!(
        "cold sweep    {:>9.3} s  {} threads, {} tasks, {reports} reports → {} warnings raised (red {}, yellow {}, info {})",
        secs(evaluate),
        threads,
        engine.task_count(),
        cold.len(),
        open(Severity::Red),
        open(Severity::Yellow),
        open(Severity::Info)
    );
    println!(
        "  wording    {:>9.3} s  Vietnamese sentence and facts of each of the {} new warnings",
        secs(render),
        rendered.len()
    );
    let mut by_rule: Vec<(RuleId, usize, usize)> = Vec::new();
    for c in &rendered {
        let red = usize::from(
            c.warning
                .as_ref()
                .is_some_and(|w| w.severity == Severity::Red),
        );
        match by_rule.iter_mut().find(|(r, _, _)| *r == c.rule) {
            Some(e) => {
                e.1 += 1;
                e.2 += red;
            }
            None => by_rule.push((c.rule, 1, red)),
        }
    }
    by_rule.sort();
    for (rule, n, red) in by_rule {
        println!("  {:<20} {n:>8} ({red} red)", rule.code());
    }
    drop(rendered);
    drop(cold);

    let mut steady = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let changes = engine.sweep(args.today, threads);
        steady.push(t.elapsed());
        assert!(
            changes.is_empty(),
            "a second sweep found {} changes",
            changes.len()
        );
    }
    steady.sort();
    println!(
        "steady sweep  {:>9.3} s  median of 5 (min {:.3} s, max {:.3} s), no changes",
        secs(steady[2]),
        secs(steady[0]),
        secs(steady[4])
    );

    // Incremental: one new report on a task, then its re-check.
    let mut times = Vec::with_capacity(args.rechecks);
    let mut changed = 0usize;
    let mut state = args.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let n = engine.task_count().max(1) as u64;
    for _ in 0..args.rechecks {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let id = (state % n) as i64;
        let Some(task) = engine.task(id) else {
            continue;
        };
        let last = task.reports.last().copied();
        let point = match last {
            Some(p) => ReportPoint {
                filed: args.today,
                // Either a step forward or a setback of the same report.
                percent_bp: if state & 1 == 0 {
                    p.percent_bp.saturating_add(500).min(10_000)
                } else {
                    p.percent_bp.saturating_sub(3_000)
                },
                ..p
            },
            None => continue,
        };
        let t = Instant::now();
        engine.record_report(id, point);
        let changes = engine.check_task(id, args.today);
        times.push(t.elapsed());
        changed += usize::from(!changes.is_empty());
    }
    times.sort();
    let pct = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "re-check      p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs over {} re-checks ({changed} changed a warning)",
        micros(pct(0.5)),
        micros(pct(0.99)),
        micros(times[times.len() - 1]),
        times.len()
    );
    println!("memory        {}", memory());
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Peak and current resident memory, from /proc (Linux).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or("?".to_string(), |kb| format!("{} MiB", kb / 1024))
    };
    format!(
        "peak {} (VmHWM), now {} (VmRSS)",
        field("VmHWM:"),
        field("VmRSS:")
    )
}

/// The province as the engine's inputs: one program, its monthly calendar,
/// every task with its reports and yearly money, every indicator.
fn load(p: &Province) -> Engine {
    let mut engine = Engine::new();
    let months = p.months();
    let periods = (0..months)
        .filter_map(|m| {
            let spec = p.period(m);
            let (_, window_end) = spec.window()?;
            let label = spec.label_vi();
            let label = label.replacen("Tháng", "tháng", 1);
            Some((
                i64::from(m),
                ReportPeriod {
                    window_end,
                    due_on: p.due_on(m),
                    label,
                },
            ))
        })
        .collect();
    let calendar = Calendar::new(periods);
    let window_end: Vec<NaiveDate> = (0..months)
        .map(|m| p.period(m).window().map_or(p.today, |w| w.1))
        .collect();
    let million = Decimal::from(1_000_000);
    for (i, t) in p.tasks.iter().enumerate() {
        let gen_reports = p.reports_of(i);
        let reports = gen_reports
            .iter()
            .map(|r| ReportPoint {
                as_of: window_end[usize::from(r.month)],
                filed: p.filed_on(r),
                period: calendar.index_of(i64::from(r.month)),
                percent_bp: r.percent_bp,
                status: r.status,
            })
            .collect();
        let money = p
            .money_of(i)
            .iter()
            .filter_map(|m| {
                let report = gen_reports.iter().rev().find(|r| {
                    p.month(r.month).year == m.year && p.month(r.month).month == m.last_month
                })?;
                Some(MoneyPoint {
                    filed: p.filed_on(report),
                    money: Money {
                        required: Some(Decimal::from(m.required_million) * million),
                        allocated: Some(Decimal::from(m.allocated_million) * million),
                        disbursed: Some(Decimal::from(m.disbursed_million) * million),
                    },
                })
            })
            .collect();
        engine.upsert_task(TaskInput {
            id: i as i64,
            program: 1,
            status: gen_reports
                .last()
                .map_or(TaskStatus::NotStarted, |r| r.status),
            start: t.start,
            deadline: Some(t.deadline),
            milestones: t
                .milestones()
                .iter()
                .map(|m| Milestone {
                    date: m.date,
                    planned_percent: Decimal::from(m.planned_percent),
                })
                .collect(),
            conditional: t.conditional,
            activated_on: t.activated_on,
            reports,
            money,
        });
    }
    // Actuals are sorted by indicator.
    let mut actuals = p.actuals.iter().peekable();
    for (i, indicator) in p.catalog.indicators.iter().enumerate() {
        let mut points = Vec::new();
        while let Some(a) = actuals.next_if(|a| a.indicator as usize <= i) {
            if a.indicator as usize == i {
                points.push(ActualPoint {
                    year: a.year,
                    value: a.value,
                    recorded: a.recorded_on,
                });
            }
        }
        engine.upsert_indicator(IndicatorInput {
            id: i as i64,
            program: 1,
            target: indicator.target.clone(),
            actuals: points,
        });
    }
    engine.set_program(ProgramInput {
        id: 1,
        thresholds: Thresholds::default(),
        calendar,
    });
    engine
}
