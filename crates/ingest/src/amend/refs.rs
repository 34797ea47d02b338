//! Document references: `Quyết định số 3715/QĐ-UBND ngày 18/12/2024`, their
//! type word, number and date.

use chrono::NaiveDate;
use tiendo_core::catalog::DocRef;
use tiendo_core::vn::{fold, parse_date};

use super::folded::Folded;

/// Documents referred to: `Quyết định số 3715/QĐ-UBND ngày 18/12/2024`,
/// `NQ 44/NQ-HĐND (9-12-2024)`, `Nghị quyết số 47/NQ-HĐND ngày 10-8-2021`.
pub fn doc_refs(text: &str) -> Vec<DocRef> {
    find_refs(text).into_iter().map(|r| r.doc).collect()
}

pub(super) struct FoundRef {
    /// Where the reference starts (its type word, or the number).
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) doc: DocRef,
}

/// Type words that may stand before a document number (folded).
pub(super) const DOC_TYPES: [&str; 22] = [
    "quyet dinh",
    "nghi quyet",
    "ke hoach",
    "ket luan",
    "chi thi",
    "thong tu",
    "nghi dinh",
    "cong van",
    "thong bao",
    "chuong trinh",
    "de an",
    "van ban",
    "luat",
    "qd",
    "nq",
    "kh",
    "kl",
    "ct",
    "tb",
    "cv",
    "tt",
    "nd",
];

/// A document number as written: starts with a digit, holds a `/` and an
/// upper-case letter (`3715/QĐ-UBND`, `30a/2008/NQ-CP`, `31-KL/TU`).
pub(super) fn is_doc_number(tok: &str) -> bool {
    tok.chars().next().is_some_and(|c| c.is_ascii_digit())
        && tok.contains('/')
        && tok.chars().any(|c| c.is_alphabetic() && c.is_uppercase())
}

pub(super) fn find_refs(text: &str) -> Vec<FoundRef> {
    let mut out = Vec::new();
    let mut tok_start: Option<usize> = None;
    let is_tok = |c: char| c.is_alphanumeric() || c == '/' || c == '-';
    let mut bounds = Vec::new();
    for (i, c) in text.char_indices() {
        match (is_tok(c), tok_start) {
            (true, None) => tok_start = Some(i),
            (false, Some(s)) => {
                bounds.push((s, i));
                tok_start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = tok_start {
        bounds.push((s, text.len()));
    }
    for (s, e) in bounds {
        let raw = text.get(s..e).unwrap_or("");
        let tok = raw.trim_end_matches(['-', '/']);
        if !is_doc_number(tok) {
            continue;
        }
        let num_end = s + tok.len();
        let start = type_word_start(text, s).unwrap_or(s);
        let (issued_on, end) =
            date_after(text, num_end).map_or((None, num_end), |(d, e)| (Some(d), e));
        out.push(FoundRef {
            start,
            end,
            doc: DocRef {
                number: Some(tok.to_string()),
                issued_on,
                text: text.get(start..end).unwrap_or(tok).trim().to_string(),
            },
        });
    }
    out
}

/// Start of the type word (`Quyết định số`, `NQ`) right before a number.
pub(super) fn type_word_start(text: &str, num_start: usize) -> Option<usize> {
    let head = text.get(..num_start)?;
    let win_start = head
        .char_indices()
        .rev()
        .take(40)
        .last()
        .map_or(num_start, |(i, _)| i);
    let window = head.get(win_start..)?;
    let f = Folded::new(window);
    let mut end = f.text.trim_end().len();
    // `số` between the type and the number.
    if f.text
        .get(..end)
        .is_some_and(|t| t == "so" || t.ends_with(" so"))
    {
        end = end.saturating_sub(2);
        end = f.text.get(..end)?.trim_end().len();
    }
    let body = f.text.get(..end)?;
    for kw in DOC_TYPES {
        if body == kw || body.ends_with(&format!(" {kw}")) {
            let at = end - kw.len();
            return Some(win_start + f.orig(at));
        }
    }
    None
}

/// Whitespace-separated words of `s` from byte `from`, as (start, end).
pub(super) fn words_from(s: &str, from: usize, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let tail = s.get(from..).unwrap_or("");
    for (i, c) in tail.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((from + st, from + i));
                if out.len() >= max {
                    return out;
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((from + st, s.len()));
    }
    out
}

/// The end of a word without closing punctuation (`2024,` → `2024`).
pub(super) fn core_end(s: &str, start: usize, end: usize) -> usize {
    let w = s.get(start..end).unwrap_or("");
    start
        + w.trim_end_matches([',', '.', ';', ':', ')', '"', '”'])
            .len()
}

/// A date right after a document number: `ngày 18/12/2024`,
/// `ngày 10 tháng 12 năm 2024`, `(9-12-2024)`, `, ngày …`.
pub(super) fn date_after(text: &str, from: usize) -> Option<(NaiveDate, usize)> {
    let mut ws = words_from(text, from, 7);
    if ws
        .first()
        .is_some_and(|&(s, e)| text.get(s..e) == Some(","))
    {
        ws.remove(0);
    }
    let &(s0, e0) = ws.first()?;
    let w0 = text.get(s0..e0)?;
    if let Some(inner) = w0.strip_prefix('(') {
        let inner = inner.trim_end_matches([',', '.', ';']);
        let close = inner.ends_with(')');
        let d = parse_date(inner.trim_end_matches(')').trim_start_matches("ngày "))?;
        let end = s0 + 1 + inner.len();
        return Some((d, if close { end } else { end.min(e0) }));
    }
    // Candidates of two and six words (`ngày 18/12/2024`, `ngày 10 tháng 12 năm 2024`).
    for n in [2usize, 6] {
        let &(_, en) = ws.get(n - 1)?;
        let end = core_end(text, s0, en);
        if let Some(d) = text.get(s0..end).and_then(parse_date)
            && fold(w0) == "ngay"
        {
            return Some((d, end));
        }
    }
    None
}
