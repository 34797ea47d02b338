//! Values inside a change sentence: amounts of money (`965 tỷ 393 triệu
//! đồng`), dates and other figures, kept as written.

use tiendo_core::vn::fold;

use super::refs::{core_end, words_from};

pub(super) const MONEY_UNITS: [&str; 8] =
    ["ty", "ti", "trieu", "nghin", "ngan", "dong", "usd", "vnd"];
pub(super) const APPROX: [&str; 7] = ["gan", "hon", "khoang", "tren", "duoi", "xap", "uoc"];

pub(super) fn is_number_word(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// A money amount starting at byte `from` of `s`: `[gần|hơn] 965 tỷ 393 triệu
/// đồng`, `109,8 tỷ đồng`, `678.718 triệu đồng`. Returns its end.
pub(super) fn amount_at(s: &str, from: usize) -> Option<usize> {
    let ws = words_from(s, from, 10);
    let mut k = 0;
    let first = fold(s.get(ws.first()?.0..ws.first()?.1)?);
    if APPROX.contains(&first.as_str()) {
        k += 1;
        if first == "xap" {
            k += 1;
        }
    }
    let &(ns, ne) = ws.get(k)?;
    let nend = core_end(s, ns, ne);
    if !is_number_word(s.get(ns..nend)?) {
        return None;
    }
    let mut end = None;
    let mut stopped = nend < ne;
    for &(ws_, we) in ws.iter().skip(k + 1) {
        if stopped {
            break;
        }
        let ce = core_end(s, ws_, we);
        let w = s.get(ws_..ce)?;
        let fw = fold(w);
        if MONEY_UNITS.contains(&fw.as_str()) {
            end = Some(ce);
        } else if !is_number_word(w) {
            break;
        }
        stopped = ce < we;
    }
    end
}

/// A value at `from`: an amount, a percentage (`1%`, `1 %`), a quarter, a
/// month, a date, or a number. Returns its end.
pub(super) fn value_at(s: &str, from: usize) -> Option<usize> {
    if let Some(e) = amount_at(s, from) {
        return Some(e);
    }
    let ws = words_from(s, from, 2);
    let &(s0, e0) = ws.first()?;
    let c0 = core_end(s, s0, e0);
    let w0 = s.get(s0..c0)?;
    if w0.ends_with('%') && is_number_word(w0.trim_end_matches('%')) {
        return Some(c0);
    }
    if is_number_word(w0) {
        if let Some(&(s1, e1)) = ws.get(1)
            && s.get(s1..core_end(s, s1, e1)) == Some("%")
        {
            return Some(core_end(s, s1, e1));
        }
        return Some(c0);
    }
    None
}

pub(super) fn trim_punct(s: &str) -> &str {
    s.trim().trim_matches([',', ';', ':', '.', '-', '–']).trim()
}

/// `tổng nguồn vốn …` → `Tổng nguồn vốn …`: a subject cut from mid-sentence,
/// written as a label.
pub(super) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
