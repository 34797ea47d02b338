//! Matching actuals to the program's indicators by the words of their names.

use tiendo_core::catalog::{Actual, Basis, Indicator};
use tiendo_core::vn::fold;

/// Folded words that say nothing about which indicator is meant.
pub(super) const MATCH_STOP_WORDS: &[&str] = &[
    "cua", "tren", "dia", "ban", "tinh", "toan", "va", "cac", "nam", "trong", "do", "so", "voi",
    "muc", "ty", "le", "tong", "dat", "nhung",
];

pub(super) fn match_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = fold(name)
        .split(' ')
        .filter(|w| !w.is_empty() && !w.chars().all(|ch| ch.is_ascii_digit()))
        .filter(|w| !MATCH_STOP_WORDS.contains(w))
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

pub(super) fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count() as f64;
    let (la, lb) = (a.len() as f64, b.len() as f64);
    0.5 * shared / la.min(lb) + 0.5 * 2.0 * shared / (la + lb)
}

/// Link each actual to the program indicator with the closest name (folded
/// words, [`fold`]), setting [`Actual::indicator`] to that indicator's name
/// when the match is clear.
///
/// The score of a pair is the mean of two word overlaps — shared words over
/// the shorter name, and shared words over both (Dice) — so `GRDP` finds
/// `Tốc độ tăng trưởng kinh tế (GRDP)`. Generic words (`tỷ lệ`, `tổng`,
/// `của`, `tỉnh`, `năm` …) and numbers do not count. The same unit adds
/// 0.15; a different unit takes 0.15 off, unless the actual is a share of
/// the plan or budget. A match is clear at 0.5 or more and at least 0.1
/// ahead of the next indicator. Figures of another place
/// ([`Basis::Elsewhere`]) are never linked; an actual with no clear match
/// keeps `indicator` as it was.
pub fn match_indicators(actuals: &mut [Actual], indicators: &[Indicator]) {
    let keys: Vec<Vec<String>> = indicators.iter().map(|i| match_words(&i.name)).collect();
    for a in actuals.iter_mut() {
        if a.basis == Some(Basis::Elsewhere) {
            continue;
        }
        let words = match_words(&a.name);
        let share_of_plan = matches!(a.basis, Some(Basis::Plan | Basis::Budget));
        let mut best: Option<(f64, usize)> = None;
        let mut second = 0.0f64;
        for (n, (ind, key)) in indicators.iter().zip(&keys).enumerate() {
            let mut score = similarity(&words, key);
            if score <= 0.0 {
                continue;
            }
            if ind.target.unit == a.unit {
                score += 0.15;
            } else if !share_of_plan {
                score -= 0.15;
            }
            match best {
                Some((b, _)) if score <= b => second = second.max(score),
                _ => {
                    second = best.map_or(second, |(b, _)| second.max(b));
                    best = Some((score, n));
                }
            }
        }
        if let Some((score, n)) = best
            && score >= 0.5
            && score - second >= 0.1
            && let Some(ind) = indicators.get(n)
        {
            a.indicator = Some(ind.name.clone());
        }
    }
}
