//! Reading a paragraph: clause by clause, each candidate figure becomes an
//! actual, a note (a target, a plan figure) or nothing, with its name,
//! period and basis carried over from the figures before.

use tiendo_core::catalog::{Actual, Basis, Comparator, Note};
use tiendo_core::vn::{clean_line, fold, format_number};

use crate::indicator::tokens::{
    Kind, clauses, closing, punct_is, tokenize, word_is, words_at, year_at,
};

use super::figures::{
    Scan, TARGET_WORDS, assessment_from, basis_at, comparator_of, complement, is_footnote,
    lead_words, read_value, words_after,
};
use super::naming::{name_of, tidy};
use super::periods::{PeriodKind, Phrase, phrases, slice};

/// What the reader remembers from the figures before.
pub(super) struct Last {
    pub(super) name: String,
    pub(super) comparator: Comparator,
    pub(super) unit: String,
    pub(super) period: Option<String>,
    pub(super) year: Option<i32>,
}

/// Result figures stated in one paragraph. `period`/`year` are the
/// document's, used when the sentence names none.
pub fn read_actuals(
    text: &str,
    line: usize,
    period: Option<&(String, Option<i32>)>,
) -> Vec<Actual> {
    read_actuals_noted(text, line, period).0
}

/// [`read_actuals`] with the notes on what was left out: targets stated in
/// a results text (`code` `target_not_actual`) and the plan or budget a
/// figure is measured against (`basis_figure`).
pub fn read_actuals_noted(
    text: &str,
    line: usize,
    period: Option<&(String, Option<i32>)>,
) -> (Vec<Actual>, Vec<Note>) {
    let clean = clean_line(text);
    let body = clean.trim_start_matches(|ch: char| {
        matches!(ch, '-' | '+' | '•' | '–' | '*') || ch.is_whitespace()
    });
    let c = tokenize(body);
    let found_periods = phrases(&c);
    let mut mask = vec![false; c.len()];
    for p in &found_periods {
        for m in mask.iter_mut().take(p.to).skip(p.from) {
            *m = true;
        }
    }
    let doc_year = period.and_then(|p| p.1);
    let mut out: Vec<Actual> = Vec::new();
    let mut notes = Vec::new();
    let mut last: Option<Last> = None;
    let mut sentence_start = 0;
    let mut sentence_figures = 0usize;
    let mut next_period = 0usize;
    let mut own: Option<Phrase> = None;
    // For each token: the `(` it sits in, and the last `phấn đấu` at or before it.
    let mut open_paren: Vec<Option<usize>> = Vec::with_capacity(c.len());
    let mut last_striving: Vec<Option<usize>> = Vec::with_capacity(c.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut striving_seen = None;
    for k in 0..c.len() {
        if punct_is(&c, k, ")") {
            stack.pop();
        }
        open_paren.push(stack.last().copied());
        if punct_is(&c, k, "(") {
            stack.push(k);
        }
        if words_at(&c, k, &["phấn", "đấu"]) || words_at(&c, k, &["phân", "đấu"]) {
            striving_seen = Some(k);
        }
        last_striving.push(striving_seen);
    }

    for (from, to) in clauses(&c) {
        if from == 0 || punct_is(&c, from - 1, ".") {
            sentence_start = from;
            sentence_figures = 0;
            own = None;
        }
        let source = tidy(slice(body, &c, from, to));
        let mut prev_end = from;
        let mut i = from;
        while i < to {
            let Some(t) = c.get(i) else { break };
            if t.kind != Kind::Num || mask.get(i).copied().unwrap_or(false) || is_footnote(&c, i) {
                i += 1;
                continue;
            }
            let f = match read_value(&c, i) {
                Scan::Figure(f) => f,
                Scan::Skip(j) => {
                    i = j.max(i + 1);
                    continue;
                }
                Scan::Nothing => {
                    i += 1;
                    continue;
                }
            };
            // The period phrases of this sentence before the figure.
            while let Some(p) = found_periods.get(next_period).filter(|p| p.to <= i) {
                // A year the document already gives (`tỷ lệ tốt nghiệp THPT
                // năm 2022` in a 2022 report) is part of a name, not a period.
                let restates_year = matches!(p.kind, PeriodKind::Year | PeriodKind::Span)
                    && doc_year.is_some()
                    && p.year == doc_year;
                if p.from >= sentence_start && p.kind != PeriodKind::Future && !restates_year {
                    own = Some(*p);
                }
                next_period += 1;
            }
            let depth = t.depth;
            let paren = open_paren
                .get(i)
                .copied()
                .flatten()
                .filter(|&p| p >= from && depth > 0);
            let floor = prev_end.max(paren.map_or(from, |p| p + 1)).min(i);
            let lead = lead_words(&c, i, floor);
            let (basis_after, after_end) = if f.indicators {
                let end = words_after(&c, f.end, to);
                let basis = (f.end..end).find_map(|j| basis_at(&c, j));
                (basis, end)
            } else {
                complement(&c, f.end, to)
            };
            let next = after_end.max(f.end).max(i + 1);
            let (label, year) = match &own {
                Some(p) => (
                    Some(slice(body, &c, p.from, p.to).to_string()),
                    p.year.or(doc_year),
                ),
                None => (period.map(|p| p.0.clone()), doc_year),
            };

            // A figure in parentheses with no verb: another place's figure,
            // the plan it is measured against, or nothing.
            if paren.is_some() && !lead.verb {
                let context_from = prev_end.max(sentence_start).min(i);
                let context = fold(slice(body, &c, context_from, i));
                let place = [
                    ("ca nuoc", "cả nước"),
                    ("toan quoc", "toàn quốc"),
                    ("binh quan chung", "bình quân chung"),
                ]
                .into_iter()
                .find(|(k, _)| context.contains(k));
                let inside = paren.map_or(i, |p| p + 1);
                if let (Some((_, place)), Some(l)) = (place, &last) {
                    let comparator = if l.unit == f.unit {
                        l.comparator
                    } else {
                        Comparator::Reach
                    };
                    out.push(Actual {
                        name: format!("{} ({place})", l.name),
                        comparator,
                        value: f.value,
                        value_max: f.max,
                        unit: f.unit.clone(),
                        approximate: false,
                        estimate: false,
                        basis: Some(Basis::Elsewhere),
                        period: l.period.clone(),
                        year: l.year,
                        assessment: None,
                        indicator: None,
                        source: source.clone(),
                        line,
                    });
                } else if words_at(&c, inside, &["kế", "hoạch"])
                    || words_at(&c, inside, &["dự", "toán"])
                    || words_at(&c, inside, &["chỉ", "tiêu"])
                    || word_is(&c, inside, "kh")
                {
                    let end = paren.and_then(|p| closing(&c, p)).unwrap_or(next);
                    notes.push(Note::new(
                        line,
                        "basis_figure",
                        format!(
                            "Số liệu so sánh, không phải kết quả: {}",
                            tidy(slice(body, &c, inside, end))
                        ),
                    ));
                }
                prev_end = next;
                i = next;
                continue;
            }

            // A target stated in a results text.
            let segment_from = (floor..lead.start)
                .rev()
                .find(|&k| {
                    c.get(k).is_some_and(|t| {
                        t.depth == depth && t.kind == Kind::Punct && matches!(t.text, "," | ":")
                    })
                })
                .map_or(floor, |k| k + 1);
            // `Phấn đấu …` rules a whole sentence, `; thu ngân sách …` included.
            let striving = lead
                .start
                .checked_sub(1)
                .and_then(|k| last_striving.get(k).copied().flatten())
                .is_some_and(|k| k >= sentence_start);
            let target_word = striving
                || (segment_from..lead.start)
                    .any(|k| TARGET_WORDS.iter().any(|ws| words_at(&c, k, ws)));
            let later_year = doc_year.is_some_and(|dy| {
                (segment_from..lead.start).any(|k| year_at(&c, k).is_some_and(|y| y > dy))
            });
            let bound = lead
                .words
                .iter()
                .any(|w| matches!(*w, "thiểu" | "nhất" | "đa"));
            let plan_figure = lead.start >= 2
                && (words_at(&c, lead.start - 2, &["kế", "hoạch"])
                    || words_at(&c, lead.start - 2, &["chỉ", "tiêu"])
                    || words_at(&c, lead.start - 2, &["dự", "toán"]));
            if target_word || later_year || bound || f.at_least || plan_figure {
                notes.push(Note::new(
                    line,
                    "target_not_actual",
                    format!(
                        "Chỉ tiêu, mục tiêu chứ không phải kết quả: {}",
                        tidy(slice(body, &c, segment_from, f.end))
                    ),
                ));
                prev_end = next;
                i = next;
                continue;
            }

            // `cấp mới và tăng thêm khoảng 1,9 tỷ USD`: the verb belongs to
            // the subject (capital newly granted and added), the figure is a level.
            let verb_in_subject = lead.start > floor
                && word_is(&c, lead.start - 1, "và")
                && words_at(&c, lead.start, &["tăng", "thêm"]);
            let name_to = if verb_in_subject {
                lead.start + 2
            } else {
                lead.start
            };
            let own_name = name_of(body, &c, &mask, floor, name_to, depth);
            let shaped = f.stated.is_some() || f.total.is_some();
            let continuation = own_name.is_empty() && sentence_figures > 0 && depth == 0;
            let assessment = if f.indicators {
                assessment_from(&c, f.end, after_end)
            } else {
                None
            };
            let accept = if f.indicators {
                f.total.is_some() || (lead.verb && assessment.is_some())
            } else {
                shaped || lead.verb || continuation
            };
            if !accept {
                prev_end = next;
                i = next;
                continue;
            }

            let comparator = if verb_in_subject {
                let modifiers: Vec<&str> = lead
                    .words
                    .iter()
                    .copied()
                    .filter(|w| !matches!(*w, "tăng" | "thêm"))
                    .collect();
                comparator_of(&modifiers, &f)
            } else {
                comparator_of(&lead.words, &f)
            };
            let name = if f.indicators {
                let after = tidy(slice(body, &c, f.end, after_end));
                let after = if after.chars().any(char::is_lowercase) {
                    after
                } else {
                    after.to_lowercase()
                };
                let after = match after.find(" so với cùng kỳ") {
                    Some(p) => after.get(..p).unwrap_or(&after).to_string(),
                    None => after,
                };
                tidy(&format!("Số chỉ tiêu {after}"))
            } else if !own_name.is_empty() {
                own_name
            } else if let Some(l) = &last {
                l.name.clone()
            } else {
                notes.push(Note::new(
                    line,
                    "unnamed_figure",
                    format!("Không rõ số liệu này nói về gì: {source}"),
                ));
                prev_end = next;
                i = next;
                continue;
            };
            let full_name = match f.total {
                Some(total) => format!("{name} (trên {})", format_number(total)),
                None => name.clone(),
            };
            let has = |w: &str| lead.words.contains(&w);
            let approximate = has("gần")
                || has("khoảng")
                || has("xỉ")
                || ((has("hơn") || has("trên"))
                    && matches!(
                        comparator,
                        Comparator::IncreaseBy | Comparator::DecreaseBy | Comparator::Times
                    ));
            let estimate = has("ước") || (floor..lead.start).any(|k| word_is(&c, k, "ước"));
            let basis =
                basis_after
                    .or(f.base_year.map(|_| Basis::EarlierYear))
                    .or(match comparator {
                        Comparator::IncreaseBy | Comparator::DecreaseBy | Comparator::Times => {
                            Some(Basis::SamePeriod)
                        }
                        _ => None,
                    });
            let assessment = match f.stated {
                Some(goal) => {
                    let word = if f.value < goal {
                        "Không đạt"
                    } else if f.value == goal {
                        "Đạt"
                    } else {
                        "Vượt"
                    };
                    Some(format!("{word} (chỉ tiêu {}%)", format_number(goal)))
                }
                None => assessment,
            };
            let basis = if f.stated.is_some() { None } else { basis };
            out.push(Actual {
                name: full_name,
                comparator,
                value: f.value,
                value_max: f.max,
                unit: f.unit.clone(),
                approximate,
                estimate,
                basis,
                period: label.clone(),
                year,
                assessment,
                indicator: None,
                source: source.clone(),
                line,
            });
            last = Some(Last {
                name,
                comparator,
                unit: f.unit,
                period: label,
                year,
            });
            sentence_figures += 1;
            prev_end = next;
            i = next;
        }
    }
    (out, notes)
}
