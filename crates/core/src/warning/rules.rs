//! The rules. Each is a pure function of the facts it needs and the
//! [`Thresholds`], returning at most one [`Warning`]. All arithmetic is
//! checked: an input that would overflow yields no warning, never a panic.
//!
//! Each public rule is a compute step (`*_finding`, a compact [`Finding`]
//! with no text) followed by [`Finding::render`]. The engine calls the
//! compute steps, or their integer twins in `cents`, and renders only what
//! changed.

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::finding::{Context, Facts, Finding, Label, Outlook};
use super::trajectory::{days_between, round2};
use super::{Severity, Thresholds, Warning};
use crate::catalog::{Comparator, Target};
use crate::report::Money;
use crate::status::TaskStatus;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Projections further out than this are "never" (about 100 years).
pub(super) const MAX_FORECAST_DAYS: u64 = 36_525;

/// The rung of a two-threshold ladder `value` reaches: red first, so a
/// misconfigured red below yellow still only ever raises severity.
fn ladder(value: Decimal, yellow: Decimal, red: Decimal) -> Option<Severity> {
    if value >= red {
        Some(Severity::Red)
    } else if value >= yellow {
        Some(Severity::Yellow)
    } else {
        None
    }
}

/// `overdue`: the deadline is before `today` and the task is neither finished
/// nor suspended → red, with the days late. Its info rung: the deadline is
/// today or within `due_soon_days` (sắp đến hạn). A task due today is not
/// overdue.
pub fn overdue(
    status: TaskStatus,
    deadline: Option<NaiveDate>,
    today: NaiveDate,
    th: &Thresholds,
) -> Option<Warning> {
    overdue_finding(status, deadline, today, th).map(|f| f.render(&Context::given("")))
}

pub(super) fn overdue_finding(
    status: TaskStatus,
    deadline: Option<NaiveDate>,
    today: NaiveDate,
    th: &Thresholds,
) -> Option<Finding> {
    let deadline = deadline?;
    if status.is_finished() || status.is_suspended() {
        return None;
    }
    let days_late = days_between(today, deadline);
    if days_late > 0 {
        return Some(Finding::new(
            Severity::Red,
            Facts::Overdue {
                deadline,
                days_late,
            },
        ));
    }
    let days_left = -days_late;
    if th.due_soon_days > 0 && days_left <= i64::from(th.due_soon_days) {
        return Some(Finding::new(
            Severity::Info,
            Facts::DueSoon {
                deadline,
                days_left,
            },
        ));
    }
    None
}

/// `behind_plan`: `planned − reported` percentage points at the report date,
/// red from `behind_plan_red`, yellow from `behind_plan_yellow`. A task on or
/// ahead of its plan never warns, whatever the thresholds. `report_label`
/// names the report in the message (`báo cáo tháng 9/2025`).
pub fn behind_plan(
    planned: Decimal,
    reported: Decimal,
    report_label: &str,
    th: &Thresholds,
) -> Option<Warning> {
    behind_plan_finding(planned, reported, Label::Given, th)
        .map(|f| f.render(&Context::given(report_label)))
}

pub(super) fn behind_plan_finding(
    planned: Decimal,
    reported: Decimal,
    report: Label,
    th: &Thresholds,
) -> Option<Finding> {
    let lag = round2(planned.checked_sub(reported)?);
    if lag <= Decimal::ZERO {
        return None;
    }
    let severity = ladder(lag, th.behind_plan_yellow, th.behind_plan_red)?;
    Some(Finding::new(
        severity,
        Facts::BehindPlan {
            planned: round2(planned),
            reported: round2(reported),
            lag,
            report,
        },
    ))
}

/// `forecast_late`: the pace from the first to the last of `points` (report
/// date and %, oldest first) projects completion after `deadline` plus
/// `forecast_grace_days` → yellow up to `forecast_red_days` late, red beyond.
/// No progress (or a pace needing over 100 years) → red.
///
/// `None` with fewer than two points, points not later in date, a finished
/// task (last ≥ 100), no deadline, or a deadline already past (that is
/// `overdue`'s warning, not a forecast).
pub fn forecast_late(
    points: &[(NaiveDate, Decimal)],
    deadline: Option<NaiveDate>,
    today: NaiveDate,
    th: &Thresholds,
) -> Option<Warning> {
    forecast_late_finding(points, deadline, today, th).map(|f| f.render(&Context::given("")))
}

pub(super) fn forecast_late_finding(
    points: &[(NaiveDate, Decimal)],
    deadline: Option<NaiveDate>,
    today: NaiveDate,
    th: &Thresholds,
) -> Option<Finding> {
    let deadline = deadline?;
    let (&(first_date, first), &(last_date, last)) = (points.first()?, points.last()?);
    if points.len() < 2 || last_date <= first_date || last >= HUNDRED || deadline < today {
        return None;
    }
    let span = Decimal::from((last_date - first_date).num_days());
    let pace = last.checked_sub(first)?.checked_div(span)?;
    let remaining = HUNDRED.checked_sub(last)?;

    let finding = |severity, outlook| {
        Finding::new(
            severity,
            Facts::ForecastLate {
                deadline,
                last_date,
                last_percent: round2(last),
                pace: pace.round_dp(4).normalize(),
                outlook,
            },
        )
    };
    if pace <= Decimal::ZERO {
        let since = points
            .iter()
            .rev()
            .take_while(|&&(_, p)| p >= last)
            .last()
            .map_or(last_date, |&(d, _)| d);
        return Some(finding(Severity::Red, Outlook::NoProgress { since }));
    }
    let projected = projected_days(remaining, pace)
        .filter(|&days| days <= MAX_FORECAST_DAYS)
        .and_then(|days| last_date.checked_add_days(Days::new(days)));
    let Some(projected) = projected else {
        return Some(finding(Severity::Red, Outlook::TooSlow));
    };
    let days_late = (projected - deadline).num_days();
    if days_late <= i64::from(th.forecast_grace_days) {
        return None;
    }
    let severity = if days_late > i64::from(th.forecast_red_days) {
        Severity::Red
    } else {
        Severity::Yellow
    };
    Some(finding(severity, Outlook::Late { projected }))
}

/// Whole days to cover `remaining` points at `pace` points a day, rounded up.
pub(super) fn projected_days(remaining: Decimal, pace: Decimal) -> Option<u64> {
    remaining
        .checked_div(pace)
        .and_then(|days| days.ceil().to_u64())
}

/// `missing_report`: `missed_periods` consecutive periods whose due date
/// passed with no report. One → yellow; from `missing_red_after` → red.
/// `last_due_label` names the latest missed period (`tháng 9/2025`).
pub fn missing_report(
    missed_periods: u32,
    last_due_label: &str,
    th: &Thresholds,
) -> Option<Warning> {
    missing_report_finding(missed_periods, Label::Given, th)
        .map(|f| f.render(&Context::given(last_due_label)))
}

pub(super) fn missing_report_finding(
    missed: u32,
    last_due: Label,
    th: &Thresholds,
) -> Option<Finding> {
    if missed == 0 {
        return None;
    }
    let severity = if missed >= th.missing_red_after {
        Severity::Red
    } else {
        Severity::Yellow
    };
    Some(Finding::new(
        severity,
        Facts::MissingReport { missed, last_due },
    ))
}

/// `stalled`: of `percents` (consecutive reports, oldest first), the trailing
/// run of reports each no higher than the one before it. A run of at least
/// `stalled_reports` → yellow, twice that → red; a finished task (last ≥ 100)
/// never stalls. The first report has nothing before it, so three reports
/// "without progress" take four reports.
pub fn stalled(percents: &[Decimal], th: &Thresholds) -> Option<Warning> {
    stalled_finding(percents, th).map(|f| f.render(&Context::given("")))
}

pub(super) fn stalled_finding(percents: &[Decimal], th: &Thresholds) -> Option<Finding> {
    let needed = th.stalled_reports;
    let last = *percents.last()?;
    if needed == 0 || last >= HUNDRED {
        return None;
    }
    let run = percents
        .windows(2)
        .rev()
        .take_while(|w| w[1] <= w[0])
        .count();
    let run = u32::try_from(run).unwrap_or(u32::MAX);
    stalled_severity(run, needed).map(|severity| {
        Finding::new(
            severity,
            Facts::Stalled {
                run,
                percent: round2(last),
            },
        )
    })
}

/// A run of `needed` reports without progress is yellow, twice that red.
pub(super) fn stalled_severity(run: u32, needed: u32) -> Option<Severity> {
    if run < needed {
        None
    } else if run >= needed.saturating_mul(2) {
        Some(Severity::Red)
    } else {
        Some(Severity::Yellow)
    }
}

/// `funding_gap`: the share of the required money not allocated,
/// `(required − allocated) / required × 100`, red from `funding_gap_red`,
/// yellow from `funding_gap_yellow`. Needs both figures: a blank allocation
/// is unknown, not zero.
pub fn funding_gap(money: &Money, th: &Thresholds) -> Option<Warning> {
    funding_gap_finding(money, th).map(|f| f.render(&Context::given("")))
}

pub(super) fn funding_gap_finding(money: &Money, th: &Thresholds) -> Option<Finding> {
    let required = money.required?;
    let allocated = money.allocated?.max(Decimal::ZERO);
    if required <= Decimal::ZERO || allocated >= required {
        return None;
    }
    let share = round2(
        required
            .checked_sub(allocated)?
            .checked_div(required)?
            .checked_mul(HUNDRED)?,
    );
    if share <= Decimal::ZERO {
        return None;
    }
    let severity = ladder(share, th.funding_gap_yellow, th.funding_gap_red)?;
    Some(Finding::new(
        severity,
        Facts::FundingGap {
            required: required.normalize(),
            allocated: allocated.normalize(),
            share,
        },
    ))
}

/// The share (%) of `today`'s year gone by the end of `today`, 2 decimals:
/// day of year / days in the year (366 in a leap year) × 100.
pub fn expected_disbursement(today: NaiveDate) -> Option<Decimal> {
    let days_in_year = NaiveDate::from_ymd_opt(today.year(), 12, 31)?.ordinal();
    let share = Decimal::from(today.ordinal())
        .checked_mul(HUNDRED)?
        .checked_div(Decimal::from(days_in_year))?;
    Some(round2(share))
}

/// `low_disbursement`: the disbursed share of the allocated money trails the
/// share of the year gone ([`expected_disbursement`]) by at least
/// `disbursement_gap_yellow` points → yellow, `disbursement_gap_red` → red.
/// `money` is the year's allocation; both figures are needed.
pub fn low_disbursement(money: &Money, today: NaiveDate, th: &Thresholds) -> Option<Warning> {
    low_disbursement_finding(money, today, expected_disbursement(today), th)
        .map(|f| f.render(&Context::given("")))
}

/// `expected` is [`expected_disbursement`] of `today`, which a sweep
/// computes once.
pub(super) fn low_disbursement_finding(
    money: &Money,
    today: NaiveDate,
    expected: Option<Decimal>,
    th: &Thresholds,
) -> Option<Finding> {
    let allocated = money.allocated?;
    let disbursed = money.disbursed?.max(Decimal::ZERO);
    if allocated <= Decimal::ZERO {
        return None;
    }
    let expected = expected?;
    let actual = round2(disbursed.checked_div(allocated)?.checked_mul(HUNDRED)?);
    let gap = expected.checked_sub(actual)?;
    if gap <= Decimal::ZERO {
        return None;
    }
    let severity = ladder(gap, th.disbursement_gap_yellow, th.disbursement_gap_red)?;
    Some(Finding::new(
        severity,
        Facts::LowDisbursement {
            allocated: allocated.normalize(),
            disbursed: disbursed.normalize(),
            actual,
            today,
        },
    ))
}

/// What a target asks of the projected value.
pub(super) enum Need {
    AtLeast { goal: Decimal, strict: bool },
    AtMost { goal: Decimal, strict: bool },
    Within { low: Decimal, high: Decimal },
}

impl Need {
    pub(super) fn of(target: &Target, base: Option<Decimal>) -> Option<Need> {
        let v = target.value;
        // A relative target in `%` is relative to the base (`tăng 13%`,
        // `giảm 1/2` = 50 %); in any other unit it is an absolute amount.
        let relative = target.unit.trim() == "%";
        let change = |sign: Decimal| -> Option<Decimal> {
            let base = base?;
            let delta = if relative {
                base.checked_mul(v)?.checked_div(HUNDRED)?
            } else {
                v
            };
            base.checked_add(sign.checked_mul(delta)?)
        };
        Some(match target.comparator {
            Comparator::Reach | Comparator::AtLeast => Need::AtLeast {
                goal: v,
                strict: false,
            },
            Comparator::Above => Need::AtLeast {
                goal: v,
                strict: true,
            },
            Comparator::Below => Need::AtMost {
                goal: v,
                strict: true,
            },
            Comparator::AtMost => Need::AtMost {
                goal: v,
                strict: false,
            },
            Comparator::Between => {
                let other = target.value_max.unwrap_or(v);
                Need::Within {
                    low: v.min(other),
                    high: v.max(other),
                }
            }
            Comparator::IncreaseBy => Need::AtLeast {
                goal: round2(change(Decimal::ONE)?),
                strict: false,
            },
            Comparator::DecreaseBy => Need::AtMost {
                goal: round2(change(Decimal::NEGATIVE_ONE)?),
                strict: false,
            },
            Comparator::Times => Need::AtLeast {
                goal: round2(base?.checked_mul(v)?),
                strict: false,
            },
        })
    }

    /// `(bound missed, by how much)` when `value` does not satisfy the need.
    pub(super) fn miss(&self, value: Decimal) -> Option<(Decimal, Decimal)> {
        match *self {
            Need::AtLeast { goal, strict } => {
                (value < goal || (strict && value == goal)).then(|| (goal, goal.checked_sub(value)))
            }
            Need::AtMost { goal, strict } => {
                (value > goal || (strict && value == goal)).then(|| (goal, value.checked_sub(goal)))
            }
            Need::Within { low, high } => {
                if value < low {
                    Some((low, low.checked_sub(value)))
                } else if value > high {
                    Some((high, value.checked_sub(high)))
                } else {
                    None
                }
            }
        }
        .and_then(|(bound, by)| Some((bound, by?)))
    }

    pub(super) fn goal(&self) -> Decimal {
        match *self {
            Need::AtLeast { goal, .. } | Need::AtMost { goal, .. } => goal,
            Need::Within { low, .. } => low,
        }
    }
}

/// The value(s) an indicator must reach, as the off-track rule reads its
/// target: one bound (`từ 1.700 trở lên`), or the two ends of a band; for a
/// relative target (`tăng 13% so với năm 2020`) computed from `base`, the
/// base year's value, and empty without it.
pub fn target_bounds(target: &Target, base: Option<Decimal>) -> Vec<Decimal> {
    match Need::of(target, base) {
        Some(Need::AtLeast { goal, .. } | Need::AtMost { goal, .. }) => vec![goal],
        Some(Need::Within { low, high }) => vec![low, high],
        None => Vec::new(),
    }
}

/// Whether `value` meets the target as its comparator reads it; `None`
/// for a relative target without its base year's value.
pub fn target_met(target: &Target, value: Decimal, base: Option<Decimal>) -> Option<bool> {
    Some(Need::of(target, base)?.miss(value).is_none())
}

/// `indicator_off_track`: the latest actual, projected to the target year by
/// the linear trend from the first to the last of `points` (year and value,
/// oldest first; one point, or a target year already reached, keeps the
/// latest value), misses the target as its comparator reads it.
/// `increase_by`, `decrease_by` and `times` are judged against `base` (the
/// base year's value) and give `None` without it. A miss within
/// `indicator_yellow_share` % of the bound → yellow, beyond → red.
pub fn indicator_off_track(
    target: &Target,
    points: &[(i32, Decimal)],
    base: Option<Decimal>,
    th: &Thresholds,
) -> Option<Warning> {
    indicator_off_track_finding(target, points, base, th)
        .map(|f| f.render(&Context::indicator(target)))
}

pub(super) fn indicator_off_track_finding(
    target: &Target,
    points: &[(i32, Decimal)],
    base: Option<Decimal>,
    th: &Thresholds,
) -> Option<Finding> {
    let (&(first_year, first), &(last_year, last)) = (points.first()?, points.last()?);
    let year = target.year.unwrap_or(last_year).max(last_year);
    let projecting = year > last_year && last_year > first_year;
    let projected = if projecting {
        let slope = last
            .checked_sub(first)?
            .checked_div(Decimal::from(i64::from(last_year) - i64::from(first_year)))?;
        let ahead = Decimal::from(i64::from(year) - i64::from(last_year));
        last.checked_add(slope.checked_mul(ahead)?)?
    } else {
        last
    };
    let projected = round2(projected);
    let need = Need::of(target, base)?;
    let (bound, by) = need.miss(projected)?;
    let within = by
        .checked_mul(HUNDRED)
        .zip(th.indicator_yellow_share.checked_mul(bound.abs()))
        .is_some_and(|(miss, allowed)| miss <= allowed);
    let severity = if within {
        Severity::Yellow
    } else {
        Severity::Red
    };
    Some(Finding::new(
        severity,
        Facts::IndicatorOffTrack {
            year,
            last_year,
            projected,
            last_value: last.normalize(),
            base,
        },
    ))
}

#[cfg(test)]
mod target_met_tests {
    use super::*;
    use crate::Comparator;

    fn target(comparator: Comparator, value: &str, unit: &str) -> Target {
        Target {
            comparator,
            value: value.parse().unwrap(),
            value_max: Some("8.5".parse().unwrap()),
            unit: unit.into(),
            year: Some(2030),
            base_year: Some(2025),
        }
    }

    #[test]
    fn a_value_meets_a_target_as_its_comparator_reads_it() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let above = target(Comparator::Above, "46.5", "%");
        assert_eq!(target_met(&above, d("46.5"), None), Some(false));
        assert_eq!(target_met(&above, d("46.6"), None), Some(true));
        let band = target(Comparator::Between, "8", "%");
        assert_eq!(target_met(&band, d("8.2"), None), Some(true));
        assert_eq!(target_met(&band, d("9"), None), Some(false));
        let halve = target(Comparator::DecreaseBy, "50", "%");
        assert_eq!(target_met(&halve, d("40"), None), None, "no base");
        assert_eq!(target_met(&halve, d("60"), Some(d("100"))), Some(false));
        assert_eq!(target_met(&halve, d("50"), Some(d("100"))), Some(true));
    }
}
