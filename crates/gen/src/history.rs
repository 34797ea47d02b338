//! One task's life: what it is (field, kind, lead agency), how it was meant
//! to run (start, deadline, milestones, budget), how it actually ran (its
//! profile) and what its lead agency reported month by month, with the
//! agency's habits of filing late or not at all. Everything is drawn from
//! the task's own random stream, so tasks are independent of each other.

use chrono::{Datelike, Days, Months, NaiveDate};
use tiendo_core::{Month, Quarter, TaskKind, TaskStatus};

use crate::parts::{self, FIELDS};
use crate::rng::{Purpose, Rng};
use crate::{GenMilestone, GenMoney, GenReport, GenTask, Profile};

/// Share of tasks whose text names a condition (`khi đảm bảo đủ điều kiện`).
const CONDITIONAL_SHARE: f64 = 0.03;
/// Of those, the share an operator has activated by `today`.
const ACTIVATED_SHARE: f64 = 0.5;
/// Base profile weights, in the order of [`BASE_PROFILES`].
pub(crate) const PROFILE_WEIGHTS: [u32; 5] = [56, 20, 10, 10, 4];
pub(crate) const BASE_PROFILES: [Profile; 5] = [
    Profile::OnTrack,
    Profile::Slipping,
    Profile::Stalled,
    Profile::Finished,
    Profile::LateStarter,
];
/// Share of tasks launched with the program (first reporting month).
const LAUNCH_SHARE: f64 = 0.2;
/// Months after `today` in which other tasks may still be due to start.
const FUTURE_MONTHS: i32 = 2;
/// Share of tasks with milestones.
const MILESTONE_SHARE: f64 = 0.2;
/// Share of stalled tasks whose agency reports them paused while stuck.
const PAUSED_SHARE: f64 = 0.1;

/// The reporting calendar of the history: month index 0 is January of the
/// first year; the last month is `today`'s.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    pub first_year: i32,
    pub today: NaiveDate,
    pub term_end: NaiveDate,
    /// The data cut-off (14th) of each month of the history.
    pub cutoffs: Vec<NaiveDate>,
    /// The monthly report's due date of each month of the history.
    pub dues: Vec<NaiveDate>,
}

impl Calendar {
    pub(crate) fn months(&self) -> usize {
        self.cutoffs.len()
    }

    /// The month at index `m` (may lie past the history).
    pub(crate) fn month(&self, m: i32) -> Month {
        let year = self.first_year + m.div_euclid(12);
        let month = (m.rem_euclid(12) + 1) as u8;
        Month { year, month }
    }

    /// Index of the month `date` falls in.
    pub(crate) fn index_of(&self, date: NaiveDate) -> i32 {
        (date.year() - self.first_year) * 12 + date.month0() as i32
    }
}

/// How an agency files: its chance of skipping a month and of filing late.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Habit {
    pub missing: f64,
    pub late: f64,
}

impl Habit {
    /// Most agencies file on time; some are chronically late, some often
    /// send nothing.
    pub(crate) fn draw(rng: &mut Rng) -> Habit {
        match rng.weighted(&[70, 15, 15]) {
            0 => Habit {
                missing: 0.02,
                late: 0.06,
            },
            1 => Habit {
                missing: 0.04,
                late: 0.40,
            },
            _ => Habit {
                missing: 0.16,
                late: 0.15,
            },
        }
    }
}

/// What every task is drawn against.
pub(crate) struct World {
    pub seed: u64,
    pub cal: Calendar,
    /// Chosen subsections: (field, sub) and the index of its section.
    pub subs: Vec<((usize, usize), u16)>,
    pub sub_weights: Vec<u32>,
    /// Lead agencies: the first `leads` of `parts::AGENCIES`.
    pub leads: usize,
    /// Those of them that are wards and communes.
    pub local: Vec<u16>,
    /// The others: departments, Party bodies, the armed forces.
    pub provincial: Vec<u16>,
    pub habits: Vec<Habit>,
}

/// Whether a kind yields a document to draft, submit and issue.
pub(crate) fn is_document(kind: TaskKind) -> bool {
    !matches!(
        kind,
        TaskKind::Project | TaskKind::Programme | TaskKind::Measure
    )
}

fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .unwrap_or(date)
}

/// The last day of the quarter `date` falls in.
fn quarter_end(date: NaiveDate) -> NaiveDate {
    Quarter {
        year: date.year(),
        quarter: (date.month0() / 3 + 1) as u8,
    }
    .last_day()
}

/// Draws task `index`, appending its reports and yearly money to the
/// province's vectors.
pub(crate) fn task(
    world: &World,
    index: usize,
    reports: &mut Vec<GenReport>,
    money: &mut Vec<GenMoney>,
) -> GenTask {
    let mut rng = Rng::item(world.seed, index, Purpose::History);
    let cal = &world.cal;
    let months = cal.months() as i32;

    let sub_pick = rng.weighted(&world.sub_weights);
    let ((field, sub), section) = world.subs[sub_pick];
    let sub = &FIELDS[field].subs[sub];
    let kind = TaskKind::ALL[rng.weighted(&sub.mix.weights())];
    let lead = draw_lead(&mut rng, world, sub, kind);
    let mut coordinators = [0u16; 3];
    let coordinator_count = draw_coordinators(&mut rng, world.leads, lead, &mut coordinators);

    let conditional = rng.chance(CONDITIONAL_SHARE);
    let activated = conditional && rng.chance(ACTIVATED_SHARE);
    let mut profile = BASE_PROFILES[rng.weighted(&PROFILE_WEIGHTS)];
    if profile == Profile::Finished && (months < 8 || kind == TaskKind::Measure) {
        // Too short a history for anything to have been finished, or an
        // ongoing line of work that never is.
        profile = Profile::OnTrack;
    }

    // How long the work should take, in months.
    let mut duration = match kind {
        TaskKind::Project => rng.range(12, 42),
        TaskKind::Programme => rng.range(12, 48),
        TaskKind::Measure => 0,
        _ => rng.range(3, 15),
    };
    // How fast it actually goes: 1 is the plan, above 1 slower.
    let speed = match profile {
        Profile::OnTrack => rng.between(0.92, 1.06),
        Profile::Slipping => rng.between(1.2, 1.65),
        Profile::Stalled => rng.between(0.95, 1.25),
        Profile::Finished => rng.between(0.75, 1.0),
        _ => rng.between(0.95, 1.2),
    };

    let start_month = if activated {
        rng.range(1, (months - 2).max(1))
    } else if profile == Profile::Finished {
        // Finished at least two months before today; the deadline is the
        // end of a quarter, up to two months after the duration.
        let room = (f64::from(months - 3) / speed) as i32 - 2;
        duration = duration.min(room).max(1);
        let need = (f64::from(duration + 2) * speed).ceil() as i32;
        rng.range(0, (months - 3 - need).max(0))
    } else if rng.chance(LAUNCH_SHARE) {
        0
    } else {
        rng.range(0, months + FUTURE_MONTHS - 1)
    };
    let start = if activated {
        add_days(
            cal.month(start_month).first_day(),
            i64::from(rng.range(0, 20)),
        )
    } else {
        cal.month(start_month).first_day()
    };
    let deadline = if kind == TaskKind::Measure {
        cal.term_end
    } else {
        let end_month = cal.month(start_month + duration.max(1) - 1);
        quarter_end(end_month.first_day())
            .min(cal.term_end)
            .max(start)
    };

    let waiting = conditional && !activated;
    if waiting {
        profile = Profile::Waiting;
    } else if start > cal.today {
        profile = Profile::Upcoming;
    }

    let milestones_wanted = kind != TaskKind::Measure && rng.chance(MILESTONE_SHARE);
    let mut milestones = [GenMilestone::default(); 3];
    let milestone_count = if milestones_wanted {
        draw_milestones(&mut rng, start, deadline, &mut milestones)
    } else {
        0
    };
    let budget_million = draw_budget(&mut rng, kind);

    let first_report = reports.len();
    let first_money = money.len();
    if matches!(profile, Profile::Waiting | Profile::Upcoming) {
        // Nothing is expected of it yet.
    } else {
        let plan = Plan {
            index,
            kind,
            profile,
            start,
            deadline,
            speed,
            habit: world.habits[usize::from(lead)],
        };
        series(&mut rng, cal, &plan, reports);
        if let Some(budget) = budget_million {
            yearly_money(
                &mut rng,
                &plan,
                budget,
                &reports[first_report..],
                cal,
                money,
            );
        }
    }

    GenTask {
        section,
        kind,
        lead,
        coordinators,
        coordinator_count,
        start: (!waiting).then_some(start),
        deadline,
        milestones,
        milestone_count,
        budget_million,
        profile,
        conditional,
        activated_on: activated.then_some(start),
        first_report: first_report as u32,
        report_count: (reports.len() - first_report) as u16,
        first_money: first_money as u32,
        money_count: (money.len() - first_money) as u8,
    }
}

fn draw_lead(rng: &mut Rng, world: &World, sub: &parts::Sub, kind: TaskKind) -> u16 {
    if kind == TaskKind::Project && !world.local.is_empty() && rng.chance(0.35) {
        return *rng.pick(&world.local);
    }
    // Party resolutions, directives and handbooks are the province's own.
    let provincial_only = matches!(
        kind,
        TaskKind::Resolution | TaskKind::Directive | TaskKind::Handbook
    );
    let preferred: Vec<u16> = sub
        .leads
        .iter()
        .filter(|&&l| l < world.leads)
        .map(|&l| l as u16)
        .filter(|l| !provincial_only || !world.local.contains(l))
        .collect();
    if !preferred.is_empty() && rng.chance(0.8) {
        *rng.pick(&preferred)
    } else if provincial_only && !world.provincial.is_empty() {
        *rng.pick(&world.provincial)
    } else {
        rng.below(world.leads as u32) as u16
    }
}

fn draw_coordinators(rng: &mut Rng, leads: usize, lead: u16, out: &mut [u16; 3]) -> u8 {
    let wanted = rng.weighted(&[25, 35, 25, 15]);
    let mut n = 0;
    // A few tries are plenty with 20 or more agencies.
    for _ in 0..12 {
        if n == wanted {
            break;
        }
        let c = rng.below(leads as u32) as u16;
        if c != lead && !out[..n].contains(&c) {
            out[n] = c;
            n += 1;
        }
    }
    out[..n].sort_unstable();
    n as u8
}

/// One to three milestones spread between start and deadline, planned
/// percent rising in steps of 5.
fn draw_milestones(
    rng: &mut Rng,
    start: NaiveDate,
    deadline: NaiveDate,
    out: &mut [GenMilestone; 3],
) -> u8 {
    let span = (deadline - start).num_days();
    let wanted = (rng.range(1, 3) as i64).min(span / 60).max(0) as usize;
    let mut n = 0;
    for k in 1..=wanted {
        let share = k as f64 / (wanted + 1) as f64 + rng.between(-0.06, 0.06);
        let date = Month::of(add_days(start, (share * span as f64) as i64)).last_day();
        let date = date.min(deadline).max(start);
        let percent = ((share * 20.0).round() as i32 * 5).clamp(5, 95) as u8;
        let later = n == 0 || out[n - 1].date < date;
        if later {
            let percent = if n > 0 {
                percent.max(out[n - 1].planned_percent)
            } else {
                percent
            };
            out[n] = GenMilestone {
                date,
                planned_percent: percent,
            };
            n += 1;
        }
    }
    n as u8
}

/// A budget in million đồng for the kinds that carry money; skewed so that
/// a few large projects dwarf the many small ones.
fn draw_budget(rng: &mut Rng, kind: TaskKind) -> Option<i64> {
    let (share, low, high, step) = match kind {
        TaskKind::Project => (0.9, 5_000.0, 1_500_000.0, 100),
        TaskKind::Programme => (0.7, 1_000.0, 150_000.0, 100),
        TaskKind::Scheme => (0.35, 200.0, 8_000.0, 10),
        TaskKind::Plan => (0.2, 100.0, 3_000.0, 10),
        _ => return None,
    };
    if !rng.chance(share) {
        return None;
    }
    let u = rng.unit();
    let raw = low + (high - low) * u * u * u;
    Some(((raw as i64) / step).max(1) * step)
}

/// What the report series of one task is drawn from.
struct Plan {
    index: usize,
    kind: TaskKind,
    profile: Profile,
    start: NaiveDate,
    deadline: NaiveDate,
    speed: f64,
    habit: Habit,
}

/// The monthly reports of one task, from its first month to `today` or to
/// the report that says it is finished.
fn series(rng: &mut Rng, cal: &Calendar, plan: &Plan, out: &mut Vec<GenReport>) {
    let months = cal.months() as i32;
    let span = (plan.deadline - plan.start).num_days().max(1) as f64;
    // The first month whose data window closes after the start.
    let mut first = cal.index_of(plan.start).max(0);
    if first < months && cal.cutoffs[first as usize] < plan.start {
        first += 1;
    }
    if first >= months {
        return;
    }
    // Months of standing still: (first month, length) for a stalled task,
    // the months before the first step for a late starter.
    let (hold_from, hold_len) = match plan.profile {
        Profile::Stalled => {
            let len = rng.range(3, 8);
            // The month the work would have been finished without the stall.
            let finish = cal.index_of(add_days(plan.start, (span * plan.speed) as i64));
            if rng.chance(0.7) {
                // Still stuck at today: it stopped before it could finish.
                let from = (months - len).min(finish - 1).max(first + 1);
                (from, months - from)
            } else {
                let from = rng.range(first + 1, (months - len).min(finish - 1));
                (from.max(first + 1), len)
            }
        }
        Profile::LateStarter => (first, rng.range(2, 6)),
        _ => (i32::MAX, 0),
    };
    let paused = plan.profile == Profile::Stalled && rng.chance(PAUSED_SHARE);
    let half_steps = rng.chance(0.15);
    let sd = if plan.profile == Profile::OnTrack {
        3.0
    } else {
        2.5
    };
    let missing = plan.habit.missing
        + if plan.profile == Profile::Stalled {
            0.05
        } else {
            0.0
        };

    let mut previous: u16 = 0;
    for m in first..months {
        let cutoff = cal.cutoffs[m as usize];
        let holding = (hold_from..hold_from + hold_len).contains(&m);
        let percent_bp = if holding {
            previous
        } else {
            // Days spent standing still before this cut-off.
            let held = if m >= hold_from + hold_len && hold_len > 0 {
                let from = if hold_from > first {
                    cal.cutoffs[(hold_from - 1) as usize]
                } else {
                    plan.start
                };
                let to = cal.cutoffs[(hold_from + hold_len - 1).min(months - 1) as usize];
                (to - from).num_days()
            } else {
                0
            };
            let worked = ((cutoff - plan.start).num_days() - held).max(0) as f64;
            let done = worked / span / plan.speed;
            let value = if done >= 1.0 {
                100.0
            } else {
                (done * 100.0 + rng.noise(sd)).clamp(0.0, 99.0)
            };
            let step = if half_steps { 50.0 } else { 100.0 };
            let bp = ((value * 100.0 / step).round() * step) as u16;
            bp.max(previous).min(10_000)
        };
        let status = status_of(plan, percent_bp, holding && paused);
        let finished = percent_bp == 10_000;

        let skipped = !finished && rng.chance(missing);
        let offset: i8 = if rng.chance(plan.habit.late) {
            if rng.chance(0.7) {
                rng.range(1, 5) as i8
            } else {
                rng.range(6, 20) as i8
            }
        } else {
            rng.range(-6, 0) as i8
        };
        let filed = add_days(cal.dues[m as usize], i64::from(offset));
        if filed > cal.today {
            // Not filed yet: the history ends here.
            break;
        }
        if !skipped {
            out.push(GenReport {
                task: plan.index as u32,
                month: m as u16,
                filed_offset_days: offset,
                percent_bp,
                status,
            });
        }
        previous = percent_bp;
        if finished {
            break;
        }
    }
}

fn status_of(plan: &Plan, percent_bp: u16, paused: bool) -> TaskStatus {
    let document = is_document(plan.kind);
    match percent_bp {
        10_000 if document => TaskStatus::Issued,
        10_000 => TaskStatus::Done,
        _ if paused => TaskStatus::Paused,
        0 => TaskStatus::NotStarted,
        p if document && p >= 9_000 => TaskStatus::Submitted,
        _ => TaskStatus::InProgress,
    }
}

/// Cumulative share of a year's disbursement reported by each month's
/// report: public investment is paid out late in the year.
pub(crate) const DISBURSED_BY_MONTH: [f64; 12] = [
    0.04, 0.08, 0.12, 0.17, 0.23, 0.30, 0.37, 0.45, 0.55, 0.66, 0.80, 0.92,
];

/// Money of each calendar year the task reported in: what the year needs,
/// what was allocated, and what the year's last report says was paid out.
fn yearly_money(
    rng: &mut Rng,
    plan: &Plan,
    budget: i64,
    reports: &[GenReport],
    cal: &Calendar,
    out: &mut Vec<GenMoney>,
) {
    let years = i64::from((plan.deadline.year() - plan.start.year() + 1).max(1));
    let (allocated_share, paid_share) = match plan.profile {
        Profile::OnTrack | Profile::Finished => ((0.85, 1.0), (0.85, 1.0)),
        Profile::Slipping => ((0.45, 0.85), (0.3, 0.7)),
        Profile::Stalled => ((0.3, 0.7), (0.05, 0.4)),
        _ => ((0.6, 0.9), (0.5, 0.9)),
    };
    let mut i = 0;
    while i < reports.len() {
        let year = cal.month(i32::from(reports[i].month)).year;
        let mut last = i;
        while last + 1 < reports.len() && cal.month(i32::from(reports[last + 1].month)).year == year
        {
            last += 1;
        }
        let last_month = cal.month(i32::from(reports[last].month)).month;
        let required = ((budget / years) as f64 * rng.between(0.85, 1.15)) as i64;
        let allocated =
            (required as f64 * rng.between(allocated_share.0, allocated_share.1)) as i64;
        let by_month = DISBURSED_BY_MONTH[usize::from(last_month - 1)];
        let disbursed = ((allocated as f64 * by_month * rng.between(paid_share.0, paid_share.1))
            as i64)
            .min(allocated);
        out.push(GenMoney {
            task: plan.index as u32,
            year,
            last_month,
            required_million: required.max(1),
            allocated_million: allocated.max(0),
            disbursed_million: disbursed.max(0),
        });
        i = last + 1;
    }
}

/// The calendar of a history of `years` years ending on `today`.
pub(crate) fn calendar(
    first_year: i32,
    today: NaiveDate,
    term_end: NaiveDate,
    regime: &tiendo_core::Regime,
) -> Calendar {
    let months = ((today.year() - first_year) * 12 + today.month0() as i32 + 1).max(0);
    let mut cutoffs = Vec::with_capacity(months as usize);
    let mut dues = Vec::with_capacity(months as usize);
    let first = Month {
        year: first_year,
        month: 1,
    }
    .first_day();
    for m in 0..months {
        let day = first
            .checked_add_months(Months::new(m as u32))
            .unwrap_or(first);
        let spec = tiendo_core::schedule::PeriodSpec {
            kind: tiendo_core::PeriodKind::Monthly,
            year: day.year(),
            seq: day.month() as u8,
        };
        let dates = regime.dates(&spec);
        let cutoff = dates.map_or_else(|| add_days(day, 13), |d| d.window_end);
        cutoffs.push(cutoff);
        dues.push(dates.map_or_else(|| add_days(day, 17), |d| d.due_on));
    }
    Calendar {
        first_year,
        today,
        term_end,
        cutoffs,
        dues,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_ends() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(quarter_end(d(2026, 5, 3)), d(2026, 6, 30));
        assert_eq!(quarter_end(d(2026, 12, 1)), d(2026, 12, 31));
    }

    #[test]
    fn a_calendar_runs_from_january_to_the_month_of_today() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let cal = calendar(
            2025,
            d(2026, 11, 23),
            d(2030, 12, 31),
            &tiendo_core::Regime::default(),
        );
        assert_eq!(cal.months(), 23);
        assert_eq!(cal.cutoffs[0], d(2025, 1, 14));
        assert_eq!(cal.dues[0], d(2025, 1, 18));
        assert_eq!(cal.dues[22], d(2026, 11, 18));
        assert_eq!(cal.index_of(d(2026, 11, 23)), 22);
        assert_eq!(cal.month(13), Month::new(2026, 2).unwrap());
    }
}
