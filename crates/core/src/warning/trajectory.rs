//! The planned trajectory of a task: how many percent should be done on a
//! given date, read off its start, milestones and deadline. Pure arithmetic
//! on dates; bad data (unsorted or out-of-range milestones) gives an answer,
//! never a panic.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::report::Milestone;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// The planned % on `at`, rounded to 2 decimals.
///
/// The plan is piecewise linear through `(start, 0)`, each milestone
/// `(date, planned_percent)` in date order, and `(deadline, 100)`:
/// - before `start` it is 0; on or after `deadline` it is 100;
/// - between two anchors it is interpolated by days;
/// - after the last milestone, with no deadline, it stays at that milestone;
/// - `None` when there is neither a deadline nor a milestone to go by;
/// - without a start nothing says when the work begins, so before the first
///   anchor the plan is unknown (`None`); from it on, as above.
///
/// Milestone percents are clamped to 0..=100. Anchors on the same date keep
/// the order start, milestones, deadline; the last one wins.
pub fn planned_percent(
    start: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
    milestones: &[Milestone],
    at: NaiveDate,
) -> Option<Decimal> {
    if deadline.is_none() && milestones.is_empty() {
        return None;
    }
    if deadline.is_some_and(|d| at >= d) {
        return Some(HUNDRED);
    }
    if start.is_some_and(|s| at < s) {
        return Some(Decimal::ZERO);
    }

    // Find the anchors either side of `at` without allocating: `before` is the
    // last anchor on or before `at`, `after` the first one strictly after.
    let anchors = start
        .map(|s| (s, Decimal::ZERO))
        .into_iter()
        .chain(
            milestones
                .iter()
                .map(|m| (m.date, m.planned_percent.clamp(Decimal::ZERO, HUNDRED))),
        )
        .chain(deadline.map(|d| (d, HUNDRED)));
    let mut before: Option<(NaiveDate, Decimal)> = None;
    let mut after: Option<(NaiveDate, Decimal)> = None;
    for (date, value) in anchors {
        if date <= at {
            // `>=`: of anchors on one date, the later in order wins.
            if before.is_none_or(|(d, _)| date >= d) {
                before = Some((date, value));
            }
        } else if after.is_none_or(|(d, _)| date < d) {
            after = Some((date, value));
        }
    }

    let (d0, v0) = before?;
    let value = match after {
        None => v0,
        Some((d1, v1)) => {
            let elapsed = Decimal::from((at - d0).num_days());
            let span = Decimal::from((d1 - d0).num_days());
            // d0 <= at < d1, so span > 0; all values are within 0..=100 and
            // spans within chrono's date range, so nothing here overflows.
            let share = elapsed.checked_div(span)?;
            v0.checked_add((v1.checked_sub(v0)?).checked_mul(share)?)?
        }
    };
    Some(round2(value))
}

/// [`planned_percent`] in hundredths (`39.83` → 3983), computed in integers
/// when every anchor is a whole number of hundredths — the engine's case —
/// and through [`planned_percent`] otherwise.
///
/// The two agree exactly. Between anchors `(d0, v0)` and `(d1, v1)` the plan
/// in hundredths is `N / span` with `N = v0·(span − elapsed) + v1·elapsed`;
/// rounded half away from zero that is `(2N + span) / (2·span)`. The decimal
/// version divides `elapsed / span` to 28 digits first, an error far below
/// the `1 / (2·span)` hundredths that separate any other value from a
/// rounding midpoint; only a value exactly on a midpoint could round the
/// other way, so that case is handed to the decimal version.
pub(super) fn planned_cents(
    start: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
    milestones: &[Milestone],
    at: NaiveDate,
) -> Option<i64> {
    let by_decimal = || planned_percent(start, deadline, milestones, at).and_then(cents_of);
    if deadline.is_none() && milestones.is_empty() {
        return None;
    }
    if deadline.is_some_and(|d| at >= d) {
        return Some(10_000);
    }
    if start.is_some_and(|s| at < s) {
        return Some(0);
    }
    // The same search as `planned_percent`, anchors in the same order.
    let mut before: Option<(NaiveDate, i64)> = None;
    let mut after: Option<(NaiveDate, i64)> = None;
    let mut anchor = |date: NaiveDate, value: i64| {
        if date <= at {
            if before.is_none_or(|(d, _)| date >= d) {
                before = Some((date, value));
            }
        } else if after.is_none_or(|(d, _)| date < d) {
            after = Some((date, value));
        }
    };
    if let Some(s) = start {
        anchor(s, 0);
    }
    for m in milestones {
        let Some(value) = cents_of(m.planned_percent.clamp(Decimal::ZERO, HUNDRED)) else {
            return by_decimal();
        };
        anchor(m.date, value);
    }
    if let Some(d) = deadline {
        anchor(d, 10_000);
    }
    let (d0, v0) = before?;
    let Some((d1, v1)) = after else {
        return Some(v0);
    };
    let elapsed = days_between(at, d0);
    let span = days_between(d1, d0);
    // Dates span under 2^28 days and values are at most 10 000, so the
    // products stay far inside i64.
    let n = v0 * (span - elapsed) + v1 * elapsed;
    // With 2N = q·span + r: on a midpoint when r = 0 and q is odd;
    // otherwise round(N / span) half up is (q + 1) / 2 (N ≥ 0).
    let (q, r) = (2 * n / span, 2 * n % span);
    if r == 0 && q % 2 == 1 {
        return by_decimal();
    }
    Some((q + 1) / 2)
}

/// A percent as whole hundredths, when it is one: `35.5` → 3550.
pub(super) fn cents_of(d: Decimal) -> Option<i64> {
    let scale = d.scale();
    let m = i64::try_from(d.mantissa()).ok()?;
    match scale {
        0 => m.checked_mul(100),
        1 => m.checked_mul(10),
        2 => Some(m),
        _ => {
            let div = 10i64.checked_pow(scale - 2)?;
            (m % div == 0).then_some(m / div)
        }
    }
}

/// `(later - earlier).num_days()`, without building a `TimeDelta`.
pub(super) fn days_between(later: NaiveDate, earlier: NaiveDate) -> i64 {
    i64::from(later.num_days_from_ce()) - i64::from(earlier.num_days_from_ce())
}

/// Round half away from zero to 2 decimals, the precision every % is shown in.
pub(super) fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}
