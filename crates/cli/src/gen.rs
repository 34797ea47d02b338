//! `tiendo gen`: a synthetic province in a database, for demos and
//! benchmarks. Generates it (`tiendo-gen`), stores its catalog as an import
//! would, then hands the store its history in one load. Only wiring and
//! output here; what a province looks like is the generator's business.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use rust_decimal::Decimal;
use tiendo_core::vn::format_number;
use tiendo_core::{Milestone, Money, ReportBody};
use tiendo_gen::{Options, Province};
use tiendo_store::{
    Ctx, History, HistoryActual, HistoryCounts, HistoryReport, HistoryTask, SourceInfo, Store,
    catalog_fingerprint, program_key,
};

/// Đồng in a million đồng.
const MILLION: i64 = 1_000_000;

/// Generates the province `options` describe and stores it in `db`.
pub async fn run(db: &Path, options: Options) -> anyhow::Result<ExitCode> {
    let spinner = spinner("Đang tạo tỉnh mô phỏng…");
    let started = Instant::now();
    let province = tiendo_gen::generate(&options);
    let generated = started.elapsed();
    spinner.finish_and_clear();

    let store = Store::open(db)
        .await
        .with_context(|| format!("mở cơ sở dữ liệu {}", db.display()))?;
    let result = store_province(&store, db, &options, province, generated).await;
    store.close().await;
    result
}

async fn store_province(
    store: &Store,
    db: &Path,
    options: &Options,
    province: Province,
    generated: Duration,
) -> anyhow::Result<ExitCode> {
    let catalog = &province.catalog;
    let key = program_key(&catalog.program);
    if store.program_by_key(&key).await?.is_some() {
        eprintln!(
            "lỗi: {} đã có chương trình “{}” (khóa “{key}”); không ghi gì. \
             Hãy tạo tỉnh mô phỏng trong một tệp cơ sở dữ liệu khác.",
            db.display(),
            catalog.program.title
        );
        return Ok(ExitCode::from(2));
    }

    let command = format!(
        "tiendo gen --tasks {} --seed {} --years {} --today {}",
        options.tasks, options.seed, options.years, options.today
    );
    let started = Instant::now();
    let spinner = spinner("Đang lưu danh mục…");
    let source = SourceInfo {
        file_name: command.clone(),
        content_hash: catalog_fingerprint(catalog),
        program_key: None,
    };
    let program = store
        .import_catalog(catalog, &source)
        .await
        .context("lưu danh mục")?
        .program_id();
    spinner.finish_and_clear();
    let imported = started.elapsed();

    let province = Arc::new(province);
    let bar = progress(province.reports.len() as u64);
    let history = history(&province, program, &command, bar.clone());
    let counts = store
        .load_history(&Ctx::system(), history)
        .await
        .context("ghi lịch sử thực hiện (danh mục đã được lưu)")?
        .into_inner();
    bar.finish_and_clear();
    let times = Times {
        generated,
        imported,
        loaded: started.elapsed() - imported,
    };
    print_summary(db, &province, program.0, counts, times);
    Ok(ExitCode::SUCCESS)
}

/// The province's history in the store's terms; reports are converted as
/// the store reads them, ticking `bar`: each monthly report, then the
/// six-month and yearly reports that repeat it.
fn history(
    province: &Arc<Province>,
    program: tiendo_store::ProgramId,
    command: &str,
    bar: ProgressBar,
) -> History {
    let p = Arc::clone(province);
    let tasks = (0..province.tasks.len()).map(move |i| task(&p, i));
    let p = Arc::clone(province);
    let reports = (0..province.reports.len()).flat_map(move |k| {
        bar.inc(1);
        let monthly = report(&p, k);
        let summaries: Vec<HistoryReport> = p
            .summaries_after(k)
            .into_iter()
            .map(|s| HistoryReport {
                period: s.period,
                submitted_at: s.filed_at,
                body: ReportBody {
                    percent: s.percent,
                    estimate: s.estimate,
                    ..monthly.body.clone()
                },
                ..monthly.clone()
            })
            .collect();
        std::iter::once(monthly).chain(summaries)
    });
    let actuals = province
        .actuals
        .iter()
        .map(|a| HistoryActual {
            indicator: a.indicator,
            period: Province::yearly_period(a.year),
            value: a.value,
            estimate: a.estimate,
            source: "Cục Thống kê tỉnh (số liệu mô phỏng)".into(),
            recorded_at: nine_am(a.recorded_on),
        })
        .collect();
    History {
        program,
        periods: province.period_range(),
        tasks: Box::new(tasks),
        reports: Box::new(reports),
        actuals,
        note: format!("Lịch sử mô phỏng: {command}"),
    }
}

fn task(p: &Province, i: usize) -> HistoryTask {
    let t = &p.tasks[i];
    HistoryTask {
        task: i as u32,
        lead: Some(u32::from(t.lead)),
        coordinators: t.coordinators().iter().map(|&c| u32::from(c)).collect(),
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
        budget: t.budget_million.map(|b| Decimal::from(b * MILLION)),
        activated_on: t.activated_on,
    }
}

fn report(p: &Province, k: usize) -> HistoryReport {
    let r = &p.reports[k];
    let texts = p.texts(r);
    let money = p.money_at(r).map_or_else(Money::default, |m| Money {
        required: Some(Decimal::from(m.required_million * MILLION)),
        allocated: Some(Decimal::from(m.allocated_million * MILLION)),
        disbursed: Some(Decimal::from(m.disbursed_million * MILLION)),
    });
    HistoryReport {
        task: r.task,
        agency: u32::from(p.tasks[r.task as usize].lead),
        period: p.period(r.month),
        submitted_at: p.filed_at(r),
        body: ReportBody {
            status: r.status,
            percent: r.percent(),
            done: texts.done.into(),
            obstacles: texts.obstacles.into(),
            proposals: texts.proposals.into(),
            money,
            evidence: Vec::new(),
            estimate: false,
        },
    }
}

/// 09:00 in Vietnam (02:00 UTC) on `day`.
fn nine_am(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(2, 0, 0).unwrap_or_default().and_utc()
}

fn n(count: impl Into<i64>) -> String {
    format_number(Decimal::from(count.into()))
}

/// `2,35` for 2.35 s.
fn seconds(d: Duration) -> String {
    format_number(Decimal::new((d.as_millis() / 10) as i64, 2))
}

/// How long each step took.
struct Times {
    generated: Duration,
    imported: Duration,
    loaded: Duration,
}

fn print_summary(db: &Path, p: &Province, program: i64, counts: HistoryCounts, times: Times) {
    let c = &p.catalog;
    println!(
        "Đã tạo tỉnh mô phỏng trong {} (hạt giống {}, lịch sử từ {} đến {}):",
        db.display(),
        p.seed,
        p.first_month,
        p.today.format("%d/%m/%Y")
    );
    println!("  Chương trình  #{program} {}", c.program.title);
    println!("  Lĩnh vực      {}", n(c.sections.len() as i64));
    println!("  Nhiệm vụ      {}", n(c.tasks.len() as i64));
    println!(
        "  Cơ quan       {} ({} chủ trì nhiệm vụ)",
        n(c.agencies.len() as i64),
        n(p.lead_agencies as i64)
    );
    println!(
        "  Báo cáo       {} (nộp muộn {}), {} kỳ báo cáo mới",
        n(counts.reports as i64),
        n(counts.late_reports as i64),
        n(counts.periods as i64)
    );
    println!(
        "  Chỉ tiêu      {} ({} số liệu thực hiện)",
        n(c.indicators.len() as i64),
        n(counts.actuals as i64)
    );
    println!("  Nhiệm vụ theo diễn biến:");
    for (profile, count) in p.profile_counts() {
        println!("    {:<30} {:>9}", profile.label_vi(), n(count as i64));
    }
    println!(
        "Thời gian: tạo {} giây, lưu danh mục {} giây, ghi lịch sử {} giây.",
        seconds(times.generated),
        seconds(times.imported),
        seconds(times.loaded)
    );
}

/// A spinner on a terminal; nothing otherwise.
fn spinner(message: &'static str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner().with_message(message);
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// A bar over the reports being written, on a terminal.
fn progress(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) =
        ProgressStyle::with_template("Đang ghi báo cáo {bar:40} {human_pos}/{human_len} ({eta})")
    {
        bar.set_style(style);
    }
    bar
}

/// Options from the command line: `today` defaults to today in Vietnam.
pub fn options(tasks: usize, seed: u64, years: u32, today: Option<NaiveDate>) -> Options {
    Options {
        tasks,
        seed,
        years,
        today: today.unwrap_or_else(|| tiendo_core::schedule::local_date(Utc::now())),
        titles: true,
    }
}
