//! Duties: the obligations agencies carry, stated clause by clause in prose
//! (`các sở, ngành ban hành kế hoạch … trước ngày 08/02/2024`), with their
//! actions, deadlines, periods and recipients.

use super::Duty;
use super::agency::agency_list;
use super::deadlines::{When, find_whens, loose_period};
use super::tokens::{Kind, Tok, any_at, slice, tokenize};

/// Agencies' own obligations stated in prose: `các sở, ngành ban hành kế
/// hoạch … trước ngày 08/02/2024`; `Các sở, ban, ngành và UBND các huyện …
/// gửi kế hoạch về UBND tỉnh (qua …) trước ngày 28/2/2023; báo cáo kết quả
/// trước ngày 10/11/2023` gives two duties. A clause becomes a duty when it
/// carries a deadline or a period (`hàng tháng báo cáo …`); its agencies are
/// the last ones named at the head of a clause. `year` completes dates
/// written without one (`trước ngày 10/11`).
pub fn duties(text: &str, year: Option<i32>) -> Vec<Duty> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut subject: Vec<String> = Vec::new();
    // Where the next clause resumes, when a list of agencies ran across `;`.
    let mut resume = 0;
    let all_whens = find_whens(text, &toks, year);
    for (from, to) in clauses(&toks) {
        if to <= resume {
            continue;
        }
        let mut start = from.max(resume);
        while toks.get(start).is_some_and(|t| t.kind == Kind::Punct) && start < to {
            start += 1;
        }
        // Connectives before the subject: `Đồng thời,`, `Sau đó,`.
        if let Some(n) = any_at(
            &toks,
            start,
            &["dong thoi", "sau do", "ngoai ra", "dac biet"],
        ) {
            start += n;
            if toks.get(start).is_some_and(|t| t.punct(',')) {
                start += 1;
            }
        }
        if let Some((names, end)) = agency_list(text, &toks, start) {
            subject = names;
            start = end;
            if end > to {
                resume = end;
                continue;
            }
        }
        // `Chủ tịch UBND tỉnh chỉ đạo: Giao các sở, ngành …`: whoever is
        // given the work is bound, not the one who gives it.
        if let Some(names) = assigned_in(text, &toks, start, to) {
            subject = names;
        }
        if start >= to {
            continue;
        }
        let part = &toks[start..to];
        let whens: Vec<&When> = all_whens
            .iter()
            .filter(|w| w.from >= start && w.to < to)
            .collect();
        let (recurring, period_text) = match whens.iter().find_map(|w| w.recurring) {
            Some(r) => (Some(r.to_string()), None),
            None => match loose_period(text, part) {
                Some((r, t)) => (Some(r.to_string()), Some(t)),
                None => (None, None),
            },
        };
        let dated = whens
            .iter()
            .copied()
            .filter(|w| w.date.is_some())
            .max_by_key(|w| w.date);
        let chosen = dated.or_else(|| whens.first().copied());
        if chosen.is_none() && recurring.is_none() {
            continue;
        }
        // The action: the clause without its subject and its deadline phrase,
        // and after `chỉ đạo:` when the clause has such a lead-in.
        let mut a_from = start;
        if let Some(c) = (start..to).find(|&k| toks[k].punct(':'))
            && c + 1 < to
            && chosen.is_none_or(|w| c < w.from)
        {
            a_from = c + 1;
        }
        let action = match chosen {
            Some(w) if w.from > a_from => {
                let before = slice(text, &toks, a_from, w.from - 1);
                let after = if w.to + 1 < to {
                    slice(text, &toks, w.to + 1, to - 1)
                } else {
                    String::new()
                };
                join_tidy(&before, &after)
            }
            _ => slice(text, &toks, a_from, to.saturating_sub(1)),
        };
        let recipients = recipients_in(text, &toks, a_from, to);
        if subject.is_empty() {
            continue;
        }
        out.push(Duty {
            agencies: subject.clone(),
            action: tidy(&action),
            deadline: chosen.and_then(|w| w.date),
            deadline_text: chosen.map(|w| w.text.clone()).or(period_text),
            recurring,
            recipients,
        });
    }
    out
}

/// Agencies named after `giao` inside the clause `[from, to)`.
pub(super) fn assigned_in(text: &str, toks: &[Tok], from: usize, to: usize) -> Option<Vec<String>> {
    (from..to)
        .filter(|&k| toks[k].is("giao"))
        .find_map(|k| agency_list(text, toks, k).map(|(names, _)| names))
        .filter(|names| !names.is_empty())
}

/// Clause ranges `[from, to)`: split at `;` and at a sentence's `.`, outside
/// brackets.
pub(super) fn clauses(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut from = 0;
    for (k, t) in toks.iter().enumerate() {
        if t.punct('(') {
            depth += 1;
        } else if t.punct(')') {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && (t.punct(';') || (t.punct('.') && !dotted_number(toks, k))) {
            if k > from {
                out.push((from, k));
            }
            from = k + 1;
        }
    }
    if from < toks.len() {
        out.push((from, toks.len()));
    }
    out
}

/// A `.` inside a number or a date (`28.2.2023`, `2.2`).
pub(super) fn dotted_number(toks: &[Tok], k: usize) -> bool {
    let prev = k.checked_sub(1).and_then(|p| toks.get(p));
    let next = toks.get(k + 1);
    prev.is_some_and(|p| p.kind == Kind::Num && p.end == toks[k].start)
        && next.is_some_and(|n| n.kind == Kind::Num && n.start == toks[k].end)
}

/// Agencies that receive something: after `gửi về`, `gửi`, `về`, `cho`.
pub(super) fn recipients_in(text: &str, toks: &[Tok], from: usize, to: usize) -> Vec<String> {
    let mut k = from;
    while k < to {
        if let Some(n) = any_at(toks, k, &["gui ve", "gui den", "gui", "ve", "den"]) {
            if let Some((names, _)) = agency_list(text, toks, k + n) {
                return names;
            }
            k += n;
        } else {
            k += 1;
        }
    }
    Vec::new()
}

pub(super) fn join_tidy(a: &str, b: &str) -> String {
    let a = a.trim().trim_end_matches([',', ';']);
    let b = b.trim().trim_start_matches([',', ';']);
    if b.is_empty() {
        a.to_string()
    } else if a.is_empty() {
        b.to_string()
    } else {
        format!("{a} {b}")
    }
}

pub(super) fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.trim_end_matches(['.', ',', ';', ':', '/'])
        .trim_start_matches([',', ';', ':', '-'])
        .trim()
        .to_string()
}
