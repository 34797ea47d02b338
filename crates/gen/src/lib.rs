//! Synthetic provinces for demos and benchmarks. [`generate`] turns
//! [`Options`] (how many tasks, a seed, how many years of history, the
//! evaluation date) into a [`Province`]: one program with its sections,
//! agencies, tasks and indicator targets as a `tiendo_core::Catalog`, and
//! beside it, in compact form, each task's assignment and the way it ran
//! (its [`Profile`]), the lead agency's monthly reports, money per year and
//! the indicators' yearly actuals.
//!
//! The same options always give the same province, on every platform: all
//! draws come from ChaCha8 streams keyed by the seed, one stream per task
//! (see `rng`). No I/O, no clock, no async; `today` is an option.
//!
//! Size: a report is 12 bytes ([`GenReport`]); its words are made on demand
//! ([`Province::texts`]). With `years = 2` (and `today` late in the year) a
//! task has about 10.4 reports on average — a few tasks have not started,
//! finished ones stop reporting, some months are missed — so a million
//! tasks carry about 10.4 million reports (≈ 125 MB). The catalog's
//! `Task`s, titles and all, are the larger part (≈ 600 bytes a task);
//! `titles: false` leaves them out. Measured in release on one core: a
//! million tasks in about 3 s and 830 MB, or 2 s and 230 MB without titles.

mod history;
mod indicators;
mod parts;
mod rng;
mod text;
mod texts;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use tiendo_core::schedule::{PeriodDates, PeriodKind, PeriodSpec, Regime};
use tiendo_core::{Catalog, Month, TaskKind, TaskStatus, YearSpan};

pub use texts::{ReportTexts, report_texts};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub tasks: usize,
    pub seed: u64,
    /// Years of history, 1..=5 (other values are brought into that range):
    /// the history runs from January of `today`'s year minus `years - 1`.
    pub years: u32,
    /// The evaluation date: nothing is filed after it.
    pub today: NaiveDate,
    /// Whether to compose the catalog's `Task`s (titles and all). Without
    /// them `catalog.tasks` is empty and only [`GenTask`]s describe the
    /// tasks; everything else is identical. A province meant for the store
    /// needs them.
    pub titles: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tasks: 2000,
            seed: 1,
            years: 2,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
            titles: true,
        }
    }
}

/// How a task actually ran. The first five are drawn (56 %, 20 %, 10 %,
/// 10 %, 4 %; an ongoing measure never counts as finished early, so about
/// 8 % end up finished); the last two follow from the schedule and
/// replace the drawn one (about 5 % upcoming, 1.5 % waiting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Profile {
    /// Close to the straight-line plan; finishes about on its deadline.
    OnTrack,
    /// Progresses too slowly: 15–40 points behind by the deadline, late.
    Slipping,
    /// Stops moving for 3–8 months; most are still stuck at `today`.
    Stalled,
    /// Ahead of plan and finished before `today`.
    Finished,
    /// Reports "not started" for 2–6 months, then moves.
    LateStarter,
    /// Starts after `today`: nothing reported yet.
    Upcoming,
    /// A conditional task not activated: nothing expected of it.
    Waiting,
}

impl Profile {
    pub const ALL: [Profile; 7] = [
        Profile::OnTrack,
        Profile::Slipping,
        Profile::Stalled,
        Profile::Finished,
        Profile::LateStarter,
        Profile::Upcoming,
        Profile::Waiting,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Profile::OnTrack => "on_track",
            Profile::Slipping => "slipping",
            Profile::Stalled => "stalled",
            Profile::Finished => "finished",
            Profile::LateStarter => "late_starter",
            Profile::Upcoming => "upcoming",
            Profile::Waiting => "waiting",
        }
    }

    /// The words a summary prints.
    pub fn label_vi(self) -> &'static str {
        match self {
            Profile::OnTrack => "đúng tiến độ",
            Profile::Slipping => "chậm dần",
            Profile::Stalled => "đứng yên",
            Profile::Finished => "hoàn thành sớm",
            Profile::LateStarter => "khởi động muộn",
            Profile::Upcoming => "chưa đến thời gian thực hiện",
            Profile::Waiting => "chờ đủ điều kiện",
        }
    }
}

/// A planned step: by `date`, `planned_percent` of the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GenMilestone {
    pub date: NaiveDate,
    pub planned_percent: u8,
}

/// One task's assignment and history, without its text (that is
/// `catalog.tasks[i]` when titles are on). Indices point into the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenTask {
    /// Index into `catalog.sections`.
    pub section: u16,
    pub kind: TaskKind,
    /// Index into `catalog.agencies` (always one of the lead agencies).
    pub lead: u16,
    pub coordinators: [u16; 3],
    pub coordinator_count: u8,
    /// `None` for a conditional task still waiting for its conditions.
    pub start: Option<NaiveDate>,
    pub deadline: NaiveDate,
    pub milestones: [GenMilestone; 3],
    pub milestone_count: u8,
    /// Planned budget in million đồng.
    pub budget_million: Option<i64>,
    pub profile: Profile,
    /// Its text names a condition.
    pub conditional: bool,
    /// When an operator switched the conditional task on (its start).
    pub activated_on: Option<NaiveDate>,
    /// Its reports are `reports[first_report..][..report_count]`.
    pub first_report: u32,
    pub report_count: u16,
    /// Its money is `money[first_money..][..money_count]`.
    pub first_money: u32,
    pub money_count: u8,
}

impl GenTask {
    pub fn coordinators(&self) -> &[u16] {
        &self.coordinators[..usize::from(self.coordinator_count)]
    }

    pub fn milestones(&self) -> &[GenMilestone] {
        &self.milestones[..usize::from(self.milestone_count)]
    }
}

/// One monthly report of a task's lead agency, in 12 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenReport {
    /// Index into `Province::tasks` (and `catalog.tasks`).
    pub task: u32,
    /// Months since the program's first reporting month ([`Province::first_month`]).
    pub month: u16,
    /// Share done in hundredths of a percent, 0..=10000.
    pub percent_bp: u16,
    /// Days from the month's due date to the filing; positive is late.
    pub filed_offset_days: i8,
    pub status: TaskStatus,
}

impl GenReport {
    /// The share done, `0`–`100` with up to two decimals.
    pub fn percent(&self) -> Decimal {
        Decimal::new(i64::from(self.percent_bp), 2).normalize()
    }
}

/// A task's money in one calendar year, in million đồng.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenMoney {
    pub task: u32,
    pub year: i32,
    /// The calendar month of the year's last report.
    pub last_month: u8,
    pub required_million: i64,
    pub allocated_million: i64,
    /// What that last report says was paid out in the year.
    pub disbursed_million: i64,
}

/// The money one report states, in million đồng.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportMoney {
    pub required_million: i64,
    pub allocated_million: i64,
    /// Paid out so far in the report's year.
    pub disbursed_million: i64,
}

/// An indicator's value for one year, for the whole province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenActual {
    /// Index into `catalog.indicators`.
    pub indicator: u32,
    pub year: i32,
    pub value: Decimal,
    /// An estimate (ước thực hiện) made before the year's data closed.
    pub estimate: bool,
    pub recorded_on: NaiveDate,
}

/// A generated province.
#[derive(Debug, Clone, PartialEq)]
pub struct Province {
    pub seed: u64,
    pub today: NaiveDate,
    /// Month 0 of [`GenReport::month`]: January of the first history year.
    pub first_month: Month,
    /// How the program reports (from its reporting rules).
    pub regime: Regime,
    pub catalog: Catalog,
    /// `catalog.agencies[..lead_agencies]` lead tasks; the rest issue documents.
    pub lead_agencies: usize,
    pub tasks: Vec<GenTask>,
    /// Sorted by (task, month).
    pub reports: Vec<GenReport>,
    /// Sorted by (task, year); only tasks with a budget have money.
    pub money: Vec<GenMoney>,
    /// Sorted by (indicator, year).
    pub actuals: Vec<GenActual>,
    dues: Vec<NaiveDate>,
    /// The last day of each month's data window, by month index.
    month_ends: Vec<NaiveDate>,
    /// The six-month and yearly periods due by `today`.
    summary_periods: Vec<(PeriodSpec, PeriodDates)>,
}

/// A six-month or yearly report of a task's lead agency: it repeats a
/// monthly report (see [`Province::summaries_after`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenSummary {
    pub period: PeriodSpec,
    pub filed_at: DateTime<Utc>,
    /// The share done it states: the monthly report's, or, for a report
    /// due before the window's last monthly report, that one carried on at
    /// the task's recent pace.
    pub percent: Decimal,
    /// Due before its data window closes (the yearly report): its figures
    /// are estimates for the rest of the window.
    pub estimate: bool,
}

/// Generates the province `opts` describe.
pub fn generate(opts: &Options) -> Province {
    let years = opts.years.clamp(1, 5) as i32;
    let today = opts.today;
    let first_year = today.year() - years + 1;
    let term = YearSpan {
        start: first_year,
        end: first_year + 5,
    };
    let program = text::program(opts.seed, term);
    let regime = Regime::from_rules(&program.reporting);
    let term_end = term.last_day().unwrap_or(today);
    let cal = history::calendar(first_year, today, term_end, &regime);

    let chosen = parts::chosen_subs(opts.tasks);
    let (sections, sub_sections) = text::sections(&chosen);
    let leads = parts::agency_count(opts.tasks);
    let agencies = text::agency_names(leads);
    let mut rng = rng::Rng::province(opts.seed);
    let habits = (0..leads).map(|_| history::Habit::draw(&mut rng)).collect();
    let (local, provincial) = (0..leads)
        .map(|i| i as u16)
        .partition(|&i| parts::AGENCIES[usize::from(i)].starts_with("UBND"));
    let world = history::World {
        seed: opts.seed,
        subs: chosen.iter().copied().zip(sub_sections).collect(),
        sub_weights: chosen
            .iter()
            .map(|&(f, s)| parts::FIELDS[f].subs[s].weight)
            .collect(),
        leads,
        local,
        provincial,
        habits,
        cal,
    };

    let mut tasks = Vec::with_capacity(opts.tasks);
    let mut catalog_tasks = Vec::with_capacity(if opts.titles { opts.tasks } else { 0 });
    let mut reports = Vec::with_capacity(opts.tasks.saturating_mul(10));
    let mut money = Vec::new();
    let mut titles = std::collections::HashSet::new();
    let book = text::Book {
        seed: opts.seed,
        sections: &sections,
        agencies: &agencies,
        leads,
        term,
    };
    for i in 0..opts.tasks {
        let task = history::task(&world, i, &mut reports, &mut money);
        if opts.titles {
            catalog_tasks.push(text::task(&book, i, &task, &mut titles));
        }
        tasks.push(task);
    }

    let mut actuals = Vec::new();
    let actual_years = actual_years(&regime, first_year, today);
    let indicators = (0..indicators::count(opts.tasks))
        .map(|i| {
            indicators::indicator(
                opts.seed,
                i,
                term.end,
                first_year,
                &actual_years,
                &mut actuals,
            )
        })
        .collect();

    let first_month = Month {
        year: first_year,
        month: 1,
    };
    let month_ends = (0..world.cal.dues.len() as u16)
        .map(|m| {
            monthly_period(first_month, m)
                .and_then(|spec| regime.dates(&spec))
                .map_or(NaiveDate::MAX, |d| d.window_end)
        })
        .collect();
    let year_end = NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap_or(today);
    let summary_periods = regime
        .periods_between(first_month.first_day(), year_end)
        .into_iter()
        .filter(|(spec, dates)| {
            matches!(spec.kind, PeriodKind::SixMonth | PeriodKind::Yearly) && dates.due_on <= today
        })
        .collect();
    Province {
        seed: opts.seed,
        today,
        first_month: Month {
            year: first_year,
            month: 1,
        },
        regime,
        catalog: Catalog {
            program,
            sections,
            tasks: catalog_tasks,
            indicators,
            agencies,
            ..Default::default()
        },
        lead_agencies: leads,
        tasks,
        reports,
        money,
        actuals,
        month_ends,
        summary_periods,
        dues: world.cal.dues,
    }
}

/// The monthly period `month` months after `first`.
fn monthly_period(first: Month, month: u16) -> Option<PeriodSpec> {
    let m = i32::from(first.month) - 1 + i32::from(month);
    PeriodSpec::new(PeriodKind::Monthly, first.year + m / 12, (m % 12 + 1) as u8)
}

/// The years an indicator has a value for by `today`: a final value once
/// the year's data window has closed (recorded in mid-January, or today if
/// that is earlier), an estimate in the year's last quarter.
fn actual_years(regime: &Regime, first_year: i32, today: NaiveDate) -> Vec<(i32, NaiveDate, bool)> {
    let mut out = Vec::new();
    for year in first_year..=today.year() {
        let Some(dates) =
            PeriodSpec::new(PeriodKind::Yearly, year, 1).and_then(|s| regime.dates(&s))
        else {
            continue;
        };
        if today >= dates.window_end {
            let recorded = NaiveDate::from_ymd_opt(year + 1, 1, 15).unwrap_or(today);
            out.push((year, recorded.min(today), false));
        } else if today >= NaiveDate::from_ymd_opt(year, 10, 1).unwrap_or(today) {
            out.push((year, dates.due_on.min(today), true));
        }
    }
    out
}

impl Province {
    /// The number of months in the history (month indices `0..months()`).
    pub fn months(&self) -> u16 {
        self.dues.len() as u16
    }

    /// The calendar month of a month index.
    pub fn month(&self, month: u16) -> Month {
        let m = i32::from(self.first_month.month) - 1 + i32::from(month);
        Month {
            year: self.first_month.year + m / 12,
            month: (m % 12 + 1) as u8,
        }
    }

    /// The monthly reporting period of a month index.
    pub fn period(&self, month: u16) -> PeriodSpec {
        let m = self.month(month);
        PeriodSpec {
            kind: PeriodKind::Monthly,
            year: m.year,
            seq: m.month,
        }
    }

    /// The six-month and yearly reports that repeat monthly report `k`.
    ///
    /// Besides its monthly reports, a lead agency files a six-month and a
    /// yearly report. Each repeats the last monthly report whose data window
    /// ends inside the period's, filed on the period's due date as late or
    /// early as that monthly report was. The yearly report is due before its
    /// window closes and states an estimate for the window's end: where the
    /// window's last month has no report yet, the last one's share carried
    /// on at the task's pace between its last two reports (an unfinished
    /// task stays under 99 %), so the estimate reads as progress, not as a
    /// stall. A task whose monthly reports stopped more than a month before
    /// the period's end (or due date) files none. Taken right after the
    /// report they repeat, they keep a task's reports in the order of their
    /// windows, and its status where the monthly reports leave it. Periods
    /// due after `today`, and reports that would be filed after it, are not
    /// there yet.
    pub fn summaries_after(&self, k: usize) -> Vec<GenSummary> {
        let Some(r) = self.reports.get(k) else {
            return Vec::new();
        };
        let end = self.month_end(r.month);
        let next_end = self
            .reports
            .get(k + 1)
            .filter(|next| next.task == r.task)
            .map_or(NaiveDate::MAX, |next| self.month_end(next.month));
        let filed_at = self.filed_at(r);
        let filed_on = self.filed_on(r);
        self.summary_periods
            .iter()
            .filter(|(_, d)| {
                d.window_start <= end && end <= d.window_end && d.window_end < next_end
            })
            // A task whose reports stopped a while before the period's end
            // (or, for a report due earlier, before its due date) files none.
            .filter(|(_, d)| end + Duration::days(35) >= d.window_end.min(d.due_on))
            .filter_map(|(spec, dates)| {
                let day = (dates.due_on + Duration::days(i64::from(r.filed_offset_days)))
                    .max(dates.opens_on);
                (day <= self.today).then(|| GenSummary {
                    period: *spec,
                    filed_at: filed_at + (day - filed_on),
                    percent: self.estimated(k, dates.window_end),
                    estimate: dates.estimate,
                })
            })
            .collect()
    }

    /// Report `k`'s share carried on to `window_end` at the pace between
    /// it and the task's report before (see [`Province::summaries_after`]).
    fn estimated(&self, k: usize, window_end: NaiveDate) -> Decimal {
        let r = &self.reports[k];
        let end = self.month_end(r.month);
        let months_short = (window_end.year() * 12 + window_end.month() as i32)
            - (end.year() * 12 + end.month() as i32);
        let prev = k
            .checked_sub(1)
            .and_then(|j| self.reports.get(j))
            .filter(|q| q.task == r.task);
        let bp = match prev {
            Some(q) if months_short > 0 && !r.status.is_finished() => {
                let gap = i32::from(r.month.saturating_sub(q.month).max(1));
                let step = (i32::from(r.percent_bp) - i32::from(q.percent_bp)).max(0) / gap;
                (i32::from(r.percent_bp) + step * months_short).clamp(0, 9_900) as u16
            }
            _ => r.percent_bp,
        };
        Decimal::new(i64::from(bp.max(r.percent_bp)), 2).normalize()
    }

    fn month_end(&self, month: u16) -> NaiveDate {
        self.month_ends
            .get(usize::from(month))
            .copied()
            .unwrap_or(NaiveDate::MAX)
    }

    /// The yearly period an indicator's actual for `year` belongs to.
    pub fn yearly_period(year: i32) -> PeriodSpec {
        PeriodSpec {
            kind: PeriodKind::Yearly,
            year,
            seq: 1,
        }
    }

    /// The first and last day of the span whose periods the history uses:
    /// January of the first year to the end of `today`'s year.
    pub fn period_range(&self) -> (NaiveDate, NaiveDate) {
        let from = self.first_month.first_day();
        let to = NaiveDate::from_ymd_opt(self.today.year(), 12, 31).unwrap_or(self.today);
        (from, to)
    }

    /// The due date of a month's report.
    pub fn due_on(&self, month: u16) -> NaiveDate {
        self.dues
            .get(usize::from(month))
            .copied()
            .unwrap_or(self.today)
    }

    /// The day a report was filed (Vietnam time).
    pub fn filed_on(&self, r: &GenReport) -> NaiveDate {
        self.due_on(r.month) + Duration::days(i64::from(r.filed_offset_days))
    }

    /// Whether a report came after its due date.
    pub fn is_late(&self, r: &GenReport) -> bool {
        r.filed_offset_days > 0
    }

    /// The instant a report was filed: during office hours (07:30–17:00)
    /// in Vietnam on [`Province::filed_on`].
    pub fn filed_at(&self, r: &GenReport) -> DateTime<Utc> {
        let h = rng::mix(self.seed ^ rng::mix((u64::from(r.task) << 16) | u64::from(r.month)));
        let minutes = 7 * 60 + 30 + (h % (9 * 60 + 30)) as i64;
        let local =
            self.filed_on(r).and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(minutes);
        (local - Duration::hours(7)).and_utc()
    }

    pub fn reports_of(&self, task: usize) -> &[GenReport] {
        self.tasks.get(task).map_or(&[], |t| {
            let from = t.first_report as usize;
            &self.reports[from..from + usize::from(t.report_count)]
        })
    }

    pub fn money_of(&self, task: usize) -> &[GenMoney] {
        self.tasks.get(task).map_or(&[], |t| {
            let from = t.first_money as usize;
            &self.money[from..from + usize::from(t.money_count)]
        })
    }

    /// The money a report states: the year's need and allocation and what
    /// was paid out by then. `None` for a task without a budget.
    pub fn money_at(&self, r: &GenReport) -> Option<ReportMoney> {
        let m = self.month(r.month);
        let y = self
            .money_of(r.task as usize)
            .iter()
            .find(|g| g.year == m.year)?;
        let share = history::DISBURSED_BY_MONTH[usize::from(m.month - 1)]
            / history::DISBURSED_BY_MONTH[usize::from(y.last_month.clamp(1, 12) - 1)];
        let disbursed = ((y.disbursed_million as f64 * share) as i64).min(y.allocated_million);
        Some(ReportMoney {
            required_million: y.required_million,
            allocated_million: y.allocated_million,
            disbursed_million: disbursed,
        })
    }

    /// What a report says in words, made on demand.
    pub fn texts(&self, r: &GenReport) -> ReportTexts {
        let (kind, profile) = self
            .tasks
            .get(r.task as usize)
            .map_or((TaskKind::Measure, Profile::OnTrack), |t| {
                (t.kind, t.profile)
            });
        report_texts(
            self.seed,
            r.task,
            r.month,
            kind,
            profile,
            r.status,
            r.percent_bp,
        )
    }

    /// How many tasks ran each way, in [`Profile::ALL`] order.
    pub fn profile_counts(&self) -> Vec<(Profile, usize)> {
        let mut counts = [0usize; Profile::ALL.len()];
        for t in &self.tasks {
            counts[t.profile as usize] += 1;
        }
        Profile::ALL.iter().copied().zip(counts).collect()
    }
}

#[cfg(test)]
mod tests;
