//! Period phrases (`8 tháng đầu năm 2025`, `quý III/2025`, `giai đoạn
//! 2021-2025`, `6 tháng cuối năm`): where they stand in a clause, what kind
//! of period each is, and which one a whole text speaks of.

use tiendo_core::vn::clean_line;

use crate::indicator::tokens::{
    Kind, Tok, is_dash, punct_is, tokenize, word_is, words_at, year_at,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PeriodKind {
    /// `8 tháng đầu năm 2025`, `9 tháng năm 2024`, `đến hết tháng 10`.
    Months,
    /// `quý III/2025`.
    Quarter,
    /// `tháng 8`.
    Month,
    /// `giai đoạn 2021-2025`.
    Span,
    /// `năm 2019`.
    Year,
    /// `6 tháng cuối năm`, `3 tháng tới`: what is still to come.
    Future,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Phrase {
    pub(super) kind: PeriodKind,
    pub(super) from: usize,
    /// One past the last token.
    pub(super) to: usize,
    pub(super) year: Option<i32>,
}

pub(super) const NUMBER_WORDS: &[(&str, u32)] = &[
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("sáu", 6),
    ("bảy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
];

/// A count of months at `c[i]`, 1 to 12, in digits or words: (count, tokens used).
pub(super) fn small_count(c: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = c.get(i)?;
    match t.kind {
        Kind::Num => {
            if t.text.len() > 2 || !t.text.chars().all(|ch| ch.is_ascii_digit()) {
                return None;
            }
            let n: u32 = t.text.parse().ok()?;
            (1..=12).contains(&n).then_some((n, 1))
        }
        Kind::Word => {
            if t.lower == "mười" {
                if word_is(c, i + 1, "một") {
                    return Some((11, 2));
                }
                if word_is(c, i + 1, "hai") {
                    return Some((12, 2));
                }
            }
            NUMBER_WORDS
                .iter()
                .find(|(w, _)| t.lower == *w)
                .map(|&(_, n)| (n, 1))
        }
        Kind::Punct => None,
    }
}

/// `/2025`, `-2025`, `năm 2025` at `c[j..]`: (year, tokens used).
pub(super) fn year_suffix(c: &[Tok], j: usize) -> Option<(i32, usize)> {
    if punct_is(c, j, "/") || is_dash(c, j) || word_is(c, j, "năm") {
        return year_at(c, j + 1).map(|y| (y, 2));
    }
    None
}

/// Whether the year phrase at `c[i]` is a point of comparison
/// (`so với năm 2023`, `gấp 3,2 lần năm 2023`, `cùng kỳ năm 2024`).
pub(super) fn compared(c: &[Tok], i: usize) -> bool {
    (1..=3).any(|back| {
        i.checked_sub(back)
            .is_some_and(|k| ["so", "với", "lần", "kỳ"].iter().any(|w| word_is(c, k, w)))
    })
}

pub(super) fn phrase(
    kind: PeriodKind,
    from: usize,
    to: usize,
    year: Option<i32>,
) -> Option<Phrase> {
    Some(Phrase {
        kind,
        from,
        to,
        year,
    })
}

/// The period phrase starting at `c[i]`, if one does.
pub(super) fn period_at(c: &[Tok], i: usize) -> Option<Phrase> {
    use PeriodKind::*;
    if words_at(c, i, &["đến", "hết", "tháng"]) {
        if !c.get(i + 3).is_some_and(|t| t.kind == Kind::Num) {
            return None;
        }
        let (_, n) = small_count(c, i + 3)?;
        let mut to = i + 3 + n;
        let mut year = None;
        if let Some((y, len)) = year_suffix(c, to) {
            year = Some(y);
            to += len;
        }
        return phrase(Months, i, to, year);
    }
    if words_at(c, i, &["đến", "hết", "năm"]) {
        let y = year_at(c, i + 3)?;
        return phrase(Year, i, i + 4, Some(y));
    }
    if let Some((_, n)) = small_count(c, i)
        && word_is(c, i + n, "tháng")
    {
        let j = i + n + 1;
        if c.get(j).is_some_and(|t| t.kind == Kind::Num) {
            // `25 tháng 6 năm 2025` is a date.
            return None;
        }
        if words_at(c, j, &["đầu", "năm"]) {
            return match year_at(c, j + 2) {
                Some(y) => phrase(Months, i, j + 3, Some(y)),
                None => phrase(Months, i, j + 2, None),
            };
        }
        if words_at(c, j, &["cuối", "năm"]) {
            return match year_at(c, j + 2) {
                Some(y) => phrase(Future, i, j + 3, Some(y)),
                None => phrase(Future, i, j + 2, None),
            };
        }
        if word_is(c, j, "tới")
            || words_at(c, j, &["còn", "lại"])
            || words_at(c, j, &["tiếp", "theo"])
        {
            return phrase(Future, i, j, None);
        }
        if word_is(c, j, "năm")
            && let Some(y) = year_at(c, j + 1)
        {
            return phrase(Months, i, j + 2, Some(y));
        }
        return phrase(Months, i, j, None);
    }
    if word_is(c, i, "tháng")
        && c.get(i + 1).is_some_and(|t| t.kind == Kind::Num)
        && small_count(c, i + 1).is_some()
        && !i
            .checked_sub(1)
            .is_some_and(|k| c.get(k).is_some_and(|t| t.kind == Kind::Num))
    {
        let mut to = i + 2;
        let mut year = None;
        if let Some((y, len)) = year_suffix(c, to) {
            year = Some(y);
            to += len;
        }
        return phrase(Month, i, to, year);
    }
    if word_is(c, i, "quý")
        && c.get(i + 1).is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "i" | "ii" | "iii" | "iv" | "1" | "2" | "3" | "4"
            )
        })
    {
        let mut to = i + 2;
        let mut year = None;
        if let Some((y, len)) = year_suffix(c, to) {
            year = Some(y);
            to += len;
        }
        return phrase(Quarter, i, to, year);
    }
    if (words_at(c, i, &["giai", "đoạn"]) || words_at(c, i, &["thời", "kỳ"]))
        && year_at(c, i + 2).is_some()
        && is_dash(c, i + 3)
        && let Some(end) = year_at(c, i + 4)
    {
        return phrase(Span, i, i + 5, Some(end));
    }
    if word_is(c, i, "năm")
        && let Some(y) = year_at(c, i + 1)
    {
        if compared(c, i) {
            return None;
        }
        if is_dash(c, i + 2)
            && let Some(end) = year_at(c, i + 3)
        {
            return phrase(Span, i, i + 4, Some(end));
        }
        return phrase(Year, i, i + 2, Some(y));
    }
    None
}

/// Every period phrase of a token list, in order, not overlapping.
pub(super) fn phrases(c: &[Tok]) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        match period_at(c, i) {
            Some(p) => {
                i = p.to.max(i + 1);
                out.push(p);
            }
            None => i += 1,
        }
    }
    out
}

/// The words of a token range as written in `src`.
pub(super) fn slice<'a>(src: &'a str, c: &[Tok], from: usize, to: usize) -> &'a str {
    match (c.get(from), to.checked_sub(1).and_then(|k| c.get(k))) {
        (Some(a), Some(b)) if a.start <= b.end => src.get(a.start..b.end).unwrap_or(""),
        _ => "",
    }
}

/// The period a results text speaks of: `8 tháng đầu năm 2025`, `6 tháng
/// đầu năm 2024`, `9 tháng năm 2024`, `quý III/2025`, `năm 2019`,
/// `giai đoạn 2021-2025`, `đến hết tháng 10` → (label as written, year).
///
/// When a text names several, a count of months (`8 tháng đầu năm`,
/// `đến hết tháng 10`) wins over a quarter, a quarter over a single month
/// with its year, that over a span, a span over a year, and a year over a
/// month with no year; among equals the first. Periods still to come
/// (`6 tháng cuối năm`) are never chosen. A period with no year of its own
/// takes the first year any period phrase of the text states (`6 tháng đầu
/// năm, nhiệm vụ 6 tháng cuối năm 2024` → 2024).
pub fn period_of(text: &str) -> Option<(String, Option<i32>)> {
    let line = clean_line(text);
    let c = tokenize(&line);
    let found = phrases(&c);
    let rank = |p: &Phrase| match p.kind {
        PeriodKind::Months => 0,
        PeriodKind::Quarter => 1,
        PeriodKind::Month if p.year.is_some() => 2,
        PeriodKind::Span => 3,
        PeriodKind::Year => 4,
        PeriodKind::Month => 5,
        PeriodKind::Future => 9,
    };
    let best = found
        .iter()
        .filter(|p| p.kind != PeriodKind::Future)
        .min_by_key(|p| (rank(p), p.from))?;
    let year = best.year.or_else(|| found.iter().find_map(|p| p.year));
    let label = slice(&line, &c, best.from, best.to).to_string();
    Some((label, year))
}
