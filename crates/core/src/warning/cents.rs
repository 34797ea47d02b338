//! The progress rules the engine runs on every task, `behind_plan`,
//! `forecast_late` and `stalled`, computed on report points in whole
//! hundredths of a percent instead of `Decimal`. Each gives exactly the
//! finding its decimal version in `rules` gives for the same points (the
//! tests compare them); where integer and decimal arithmetic could part —
//! a quotient landing exactly on a rounding boundary — the decimal version
//! is asked.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::finding::{Facts, Finding, Label, Outlook};
use super::inputs::ReportPoint;
use super::rules::{MAX_FORECAST_DAYS, projected_days, stalled_severity};
use super::text::{cents, fixed};
use super::trajectory::days_between;
use super::{Severity, Thresholds};

/// The decimal thresholds the integer rules compare with, in hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Limits {
    behind_yellow: i64,
    behind_red: i64,
}

impl Limits {
    pub(super) fn of(th: &Thresholds) -> Self {
        Limits {
            behind_yellow: ceil_cents(th.behind_plan_yellow),
            behind_red: ceil_cents(th.behind_plan_red),
        }
    }
}

/// The least whole number of hundredths at or above `t`: for whole `n`,
/// `n / 100 >= t` exactly when `n >= ceil_cents(t)`.
fn ceil_cents(t: Decimal) -> i64 {
    let beyond = if t.is_sign_negative() {
        i64::MIN
    } else {
        i64::MAX
    };
    t.checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.ceil().to_i64())
        .unwrap_or(beyond)
}

/// `behind_plan` with the planned and reported % in hundredths.
pub(super) fn behind_plan(
    planned: i64,
    reported: i64,
    report: Label,
    limits: &Limits,
) -> Option<Finding> {
    let lag = planned.checked_sub(reported)?;
    if lag <= 0 {
        return None;
    }
    let severity = if lag >= limits.behind_red {
        Severity::Red
    } else if lag >= limits.behind_yellow {
        Severity::Yellow
    } else {
        return None;
    };
    Some(Finding::new(
        severity,
        Facts::BehindPlan {
            planned: cents(planned),
            reported: cents(reported),
            lag: cents(lag),
            report,
        },
    ))
}

/// `forecast_late` over `points` (the latest reports, oldest first).
///
/// With `D` the hundredths gained over `span` days and `L` the last %, the
/// pace is `D / (100·span)` a day and the days left are the ceiling of
/// `(10 000 − L)·span / D`. When `D` divides that exactly, the decimal
/// division (28 digits) may land a hair above the whole number and round up
/// one day more, so that case is left to it. The pace shown is rounded to 4
/// places half to even, like `round_dp`; a pace exactly half-way has few
/// digits, so the decimal one is exact there too.
pub(super) fn forecast_late(
    points: &[ReportPoint],
    deadline: Option<NaiveDate>,
    today: NaiveDate,
    th: &Thresholds,
) -> Option<Finding> {
    let deadline = deadline?;
    let (first, last) = (points.first()?, points.last()?);
    let (first_date, last_date) = (first.as_of, last.as_of);
    let last_bp = i64::from(last.percent_bp);
    if points.len() < 2 || last_date <= first_date || last_bp >= 10_000 || deadline < today {
        return None;
    }
    let span = days_between(last_date, first_date);
    let gained = last_bp - i64::from(first.percent_bp);

    let finding = |severity, outlook| {
        Finding::new(
            severity,
            Facts::ForecastLate {
                deadline,
                last_date,
                last_percent: cents(last_bp),
                pace: pace4(gained, span),
                outlook,
            },
        )
    };
    if gained <= 0 {
        let since = points
            .iter()
            .rev()
            .take_while(|p| p.percent_bp >= last.percent_bp)
            .last()
            .map_or(last_date, |p| p.as_of);
        return Some(finding(Severity::Red, Outlook::NoProgress { since }));
    }
    // `span` is under 2^28 days, so the product fits easily.
    let owed = (10_000 - last_bp) * span;
    let days = if owed % gained == 0 {
        let (first, last) = (first.percent(), last.percent());
        let pace = last.checked_sub(first)?.checked_div(Decimal::from(span))?;
        projected_days(Decimal::ONE_HUNDRED.checked_sub(last)?, pace)
    } else {
        u64::try_from(owed / gained + 1).ok()
    };
    let projected = days
        .filter(|&days| days <= MAX_FORECAST_DAYS)
        .and_then(|days| last_date.checked_add_days(Days::new(days)));
    let Some(projected) = projected else {
        return Some(finding(Severity::Red, Outlook::TooSlow));
    };
    let days_late = days_between(projected, deadline);
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

/// `gained / (100·span)` rounded to 4 places, half to even, normalized.
fn pace4(gained: i64, span: i64) -> Decimal {
    // In units of 0.0001 the pace is 100·gained / span.
    let num = 100 * gained;
    let (q, r) = (num.div_euclid(span), num.rem_euclid(span));
    let q = match (2 * r).cmp(&span) {
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal => q + (q & 1),
    };
    fixed(q, 4)
}

/// `stalled` over `points` (the latest reports, oldest first).
pub(super) fn stalled(points: &[ReportPoint], th: &Thresholds) -> Option<Finding> {
    let needed = th.stalled_reports;
    let last = points.last()?.percent_bp;
    if needed == 0 || last >= 10_000 {
        return None;
    }
    let run = points
        .windows(2)
        .rev()
        .take_while(|w| w[1].percent_bp <= w[0].percent_bp)
        .count();
    let run = u32::try_from(run).unwrap_or(u32::MAX);
    stalled_severity(run, needed).map(|severity| {
        Finding::new(
            severity,
            Facts::Stalled {
                run,
                percent: cents(i64::from(last)),
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::report::Milestone;
    use crate::status::TaskStatus;
    use crate::warning::rules::{behind_plan_finding, forecast_late_finding, stalled_finding};
    use crate::warning::trajectory::{cents_of, planned_cents};
    use crate::warning::{Thresholds, planned_percent};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn point(as_of: NaiveDate, percent_bp: u16) -> ReportPoint {
        ReportPoint {
            as_of,
            filed: as_of,
            period: None,
            percent_bp,
            status: TaskStatus::InProgress,
        }
    }

    fn decimal_points(points: &[ReportPoint]) -> Vec<(NaiveDate, Decimal)> {
        points.iter().map(|p| (p.as_of, p.percent())).collect()
    }

    #[test]
    fn a_whole_number_of_days_left_is_left_to_the_decimal_division() {
        // 10 points in 30 days from 40 %: exactly 180 days to go, but the
        // decimal pace 0,333… is a hair short, so the decimal rule counts 181.
        let pts = [point(d("2025-01-01"), 3000), point(d("2025-01-31"), 4000)];
        let th = Thresholds::default();
        for deadline in ["2025-07-29", "2025-07-30", "2025-07-31", "2025-08-01"] {
            let deadline = Some(d(deadline));
            let want = forecast_late_finding(&decimal_points(&pts), deadline, d("2025-02-01"), &th);
            let got = forecast_late(&pts, deadline, d("2025-02-01"), &th);
            assert_eq!(got, want, "{deadline:?}");
        }
    }

    #[test]
    fn thresholds_with_fractions_of_a_hundredth_round_up() {
        let th = Thresholds {
            behind_plan_yellow: "12.345".parse().expect("decimal"),
            ..Thresholds::default()
        };
        let limits = Limits::of(&th);
        for lag in [1234, 1235, 2999, 3000] {
            let want = behind_plan_finding(cents(5000 + lag), cents(5000), Label::Given, &th);
            let got = behind_plan(5000 + lag, 5000, Label::Given, &limits);
            assert_eq!(got, want, "lag {lag}");
        }
        let odd = Thresholds {
            behind_plan_yellow: Decimal::MIN,
            behind_plan_red: Decimal::MAX,
            ..Thresholds::default()
        };
        assert_eq!(
            behind_plan(10, 5, Label::Given, &Limits::of(&odd)).map(|f| f.severity()),
            Some(Severity::Yellow)
        );
    }

    /// Every day between two milestones of a short span, for values whose
    /// difference makes exact rounding midpoints (a multiple of 3 over 6 days…).
    #[test]
    fn the_integer_plan_matches_the_decimal_plan_day_by_day() {
        let start = d("2025-01-01");
        let values = [0, 1, 3, 15, 333, 4999, 5001, 9993, 9999, 10_000];
        for &a in &values {
            for &b in &values {
                for span in 1..=24u64 {
                    let m = [
                        Milestone {
                            date: start + Days::new(10),
                            planned_percent: Decimal::new(a, 2),
                        },
                        Milestone {
                            date: start + Days::new(10 + span),
                            planned_percent: Decimal::new(b, 2),
                        },
                    ];
                    let deadline = Some(start + Days::new(40 + span));
                    for day in 0..(45 + span) {
                        let at = start + Days::new(day);
                        let want =
                            planned_percent(Some(start), deadline, &m, at).and_then(cents_of);
                        let got = planned_cents(Some(start), deadline, &m, at);
                        assert_eq!(got, want, "{a} → {b} over {span} days, day {day}");
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn forecast_and_stalled_match_the_decimal_rules(
            steps in proptest::collection::vec((1u64..60, 0u16..=10_000), 1..9),
            deadline_in in 0u64..2_000,
            grace in 0u32..3,
            stalled_reports in 0u32..4,
        ) {
            let mut at = d("2025-01-01");
            let pts: Vec<ReportPoint> = steps
                .iter()
                .map(|&(gap, bp)| {
                    at = at + Days::new(gap);
                    point(at, bp)
                })
                .collect();
            let th = Thresholds {
                forecast_grace_days: grace,
                stalled_reports,
                ..Thresholds::default()
            };
            let deadline = Some(d("2025-01-01") + Days::new(deadline_in));
            let today = pts[0].as_of;
            let dec = decimal_points(&pts);
            prop_assert_eq!(
                forecast_late(&pts, deadline, today, &th),
                forecast_late_finding(&dec, deadline, today, &th)
            );
            let percents: Vec<Decimal> = dec.iter().map(|p| p.1).collect();
            prop_assert_eq!(stalled(&pts, &th), stalled_finding(&percents, &th));
        }

        #[test]
        fn the_pace_rounds_like_round_dp(gained in -10_000i64..=10_000, span in 1i64..5_000) {
            let exact = Decimal::new(gained, 2) / Decimal::from(span);
            prop_assert_eq!(pace4(gained, span).to_string(), exact.round_dp(4).normalize().to_string());
        }

        #[test]
        fn a_whole_quotient_agrees_too(first in 0u16..9_999, gained in 1u16..2_000, span in 1u64..400) {
            let last = first.saturating_add(gained).min(9_999);
            let pts = [point(d("2025-01-01"), first), point(d("2025-01-01") + Days::new(span), last)];
            let th = Thresholds::default();
            for deadline in [100u64, 365, 1_000, 5_000] {
                let deadline = Some(d("2025-01-01") + Days::new(deadline));
                prop_assert_eq!(
                    forecast_late(&pts, deadline, pts[0].as_of, &th),
                    forecast_late_finding(&decimal_points(&pts), deadline, pts[0].as_of, &th)
                );
            }
        }
    }
}
