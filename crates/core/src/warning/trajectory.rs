//! The planned trajectory of a task: how many percent should be done on a
//! given date, read off its start, milestones and deadline. Pure arithmetic
//! on dates; bad data (unsorted or out-of-range milestones) gives an answer,
//! never a panic.

use chrono::NaiveDate;
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

/// Round half away from zero to 2 decimals, the precision every % is shown in.
pub(super) fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}
