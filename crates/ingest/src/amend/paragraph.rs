//! Reading one paragraph: its sentences, which documents they amend, whether
//! the rest stays unchanged, from when it applies, and the changes of a
//! list's parent and children.

use std::collections::HashMap;

use chrono::NaiveDate;
use tiendo_core::catalog::{Change, ChangeAction, ChangeSet, DocRef};
use tiendo_core::vn::fold;

use super::folded::Folded;
use super::refs::{date_after, find_refs};
use super::segment::read_segment;
use super::sentences::{Hit, is_marker_only, sentences, triggers};
use super::values::{amount_at, trim_punct};

/// Longest sentence (bytes) copied whole into each of its changes.
pub(super) const MAX_SOURCE: usize = 1000;

/// A parent item that announces its list (`…, cụ thể như sau:`).
pub(super) struct Group {
    pub(super) marker: Option<char>,
    pub(super) action: Option<ChangeAction>,
    pub(super) direction: Option<&'static str>,
    pub(super) pending: Vec<Change>,
    pub(super) children: usize,
}

/// What the items of a parent paragraph do, from its first trigger.
pub(super) fn group_kind(text: &str) -> (Option<ChangeAction>, Option<&'static str>) {
    let f = Folded::new(text);
    match triggers(text, &f).first() {
        Some(h) if h.action != ChangeAction::Change || h.direction.is_some() => {
            (Some(h.action), h.direction)
        }
        _ => (None, None),
    }
}

/// `+ Sở Tài chính: 37.561 triệu đồng.` under a parent that said what its
/// items do.
pub(super) fn child_change(g: &Group, text: &str, line: usize) -> Option<Change> {
    let action = g.action?;
    let colon = text.find(':')?;
    let label = trim_punct(
        text.get(..colon)?
            .trim_start_matches(['-', '+', '*', '•', '–', '—']),
    );
    let rest_start = colon + 1;
    let rest = text.get(rest_start..)?;
    let lead = rest.len() - rest.trim_start().len();
    let vs = rest_start + lead;
    let ve = amount_at(text, vs)?;
    let amount = text.get(vs..ve)?.to_string();
    if label.is_empty() {
        return None;
    }
    let (to, delta) = match (action, g.direction) {
        (ChangeAction::Change, Some(d)) => (None, Some(format!("{d} {amount}"))),
        (ChangeAction::Add, _) => (Some(amount), None),
        _ => (None, Some(amount)),
    };
    Some(Change {
        action,
        subject: label.to_string(),
        field: Some("amount".to_string()),
        from: None,
        to,
        delta,
        reason: None,
        source: text.trim().to_string(),
        line,
    })
}

/// Reads one paragraph: records what it amends, whether the rest stays and
/// when it applies into `set`, and returns its changes.
pub(super) fn paragraph_changes(
    text: &str,
    line: usize,
    set: &mut ChangeSet,
    seen: &mut AmendIndex,
) -> Vec<Change> {
    let mut out = Vec::new();
    // Once a `Căn cứ` clause opens, the rest of the paragraph cites too
    // (`Căn cứ Nghị quyết …; Nghị quyết …;`).
    let mut citing = false;
    for (s, e) in sentences(text) {
        let Some(sentence) = text.get(s..e) else {
            continue;
        };
        let f = Folded::new(sentence);
        // A `Căn cứ` clause cites, it does not amend: cut the sentence there.
        let cut = if citing {
            0
        } else {
            can_cu_start(sentence, &f)
        };
        citing |= cut < sentence.len();
        let Some(active) = sentence.get(..cut) else {
            continue;
        };
        if active.trim().is_empty() {
            continue;
        }
        let fa = Folded::new(active);
        if let Some(d) = effective_date(active, &fa) {
            set.effective_on.get_or_insert(d);
        }
        let unchanged = is_others_unchanged(&fa);
        if unchanged {
            set.others_unchanged = true;
        }
        let hits = triggers(active, &fa);
        // The documents this sentence amends.
        let first_verb = first_verb_end(&fa);
        for r in find_refs(active) {
            if unchanged || amends_ref(&fa, first_verb, r.start) {
                let start = clause_start(active, r.start);
                let doc = DocRef {
                    text: active.get(start..r.end).unwrap_or("").trim().to_string(),
                    ..r.doc
                };
                add_amended(&mut set.amends, seen, doc);
                if seen.line == 0 {
                    seen.line = line;
                }
            }
        }
        if unchanged {
            continue;
        }
        let total = total_in(active, &fa, &hits, line);
        let before = out.len();
        for (k, h) in hits.iter().enumerate() {
            let seg_end = hits.get(k + 1).map_or(active.len(), |n| fa.orig(n.at));
            let seg_start = fa.orig(h.end);
            // The sentence is the source; a sentence too long to copy for
            // every change it holds gives each change its own clause.
            let source = if active.len() <= MAX_SOURCE {
                active
            } else {
                active.get(fa.orig(h.at)..seg_end).unwrap_or("")
            };
            if let Some(c) = read_segment(active, seg_start, seg_end, h, line, source) {
                out.push(c);
            }
        }
        // A total that is the amount of a change of the same sentence
        // (`giảm vốn cho 8 dự án với tổng số vốn giảm là …`) is that change.
        if let Some(t) = total {
            let amount = t.to.as_deref().or(t.delta.as_deref()).unwrap_or("");
            let own = out[before..].iter().any(|c| {
                [&c.to, &c.delta]
                    .iter()
                    .any(|v| v.as_deref().is_some_and(|v| v.contains(amount)))
            });
            if !own {
                out.insert(before, t);
            }
        }
    }
    out
}

/// The total a change sentence states: `Tổng Kế hoạch đầu tư công năm 2024
/// sau khi điều chỉnh là 16.243 tỷ 772 triệu đồng` (the new total),
/// `tổng nguồn vốn … là 36.000 tỷ đồng`, or, inside a sentence that cuts or
/// adds (`Điều chỉnh giảm … với tổng kinh phí là 678.718 triệu đồng`), the
/// total of that change.
pub(super) fn total_in(s: &str, f: &Folded, hits: &[Hit], line: usize) -> Option<Change> {
    let at = f.find("tong", 0)?;
    let la = f.find("la", at)?;
    let value_at = f.orig(f.next_word(la));
    let end = amount_at(s, value_at)?;
    let amount = s.get(value_at..end)?.trim().to_string();
    let mut subject = s.get(f.orig(at)..f.orig(la))?.trim();
    for tail in ["sau khi điều chỉnh", "sau điều chỉnh"] {
        subject = subject.strip_suffix(tail).unwrap_or(subject).trim();
    }
    let subject = trim_punct(subject);
    // Two-word `tổng` that is not a sum (`tổng kết`, `tổng hợp`) names no total.
    if subject.split_whitespace().count() < 2
        || matches!(f.word_at(f.next_word(at)), "ket" | "hop" | "quan" | "the")
    {
        return None;
    }
    let subject = super::values::capitalised(subject);
    // The change the total belongs to, when one comes before it.
    let change = hits.iter().rev().find(|h| h.at < at);
    let (action, to, delta) = match change {
        Some(h) if h.action == ChangeAction::Change && h.direction.is_some() => (
            ChangeAction::Change,
            None,
            h.direction.map(|d| format!("{d} {amount}")),
        ),
        Some(h) => (h.action, Some(amount), None),
        None => (ChangeAction::Change, Some(amount), None),
    };
    Some(Change {
        action,
        subject,
        field: Some("total".to_string()),
        from: None,
        to,
        delta,
        reason: None,
        source: s.trim().to_string(),
        line,
    })
}

/// Where a `Căn cứ` clause starts in a sentence (its length if none). Mid
/// sentence only the capitalised `Căn cứ` counts.
pub(super) fn can_cu_start(sentence: &str, f: &Folded) -> usize {
    let mut from = 0;
    while let Some(at) = f.find("can cu", from) {
        let o = f.orig(at);
        let head_empty = is_marker_only(sentence.get(..o).unwrap_or(""));
        if head_empty || sentence.get(o..).is_some_and(|t| t.starts_with('C')) {
            return o;
        }
        from = at + 1;
    }
    sentence.len()
}

/// `Các nội dung khác … giữ nguyên / không thay đổi`.
pub(super) fn is_others_unchanged(f: &Folded) -> bool {
    (f.find("noi dung khac", 0).is_some() || f.find("noi dung con lai", 0).is_some())
        && (f.find("giu nguyen", 0).is_some() || f.find("khong thay doi", 0).is_some())
}

/// `có hiệu lực (thi hành) (kể từ|từ) ngày …`, `kể từ ngày 30/9/2022`.
pub(super) fn effective_date(s: &str, f: &Folded) -> Option<NaiveDate> {
    let at = if f.find("hieu luc", 0).is_some() {
        f.find("tu ngay", 0)?
    } else {
        f.find("ke tu ngay", 0)? + 3
    };
    let ngay = at + 3;
    date_after(s, f.orig(ngay)).map(|(d, _)| d)
}

/// Is this reference the document being amended? An amending verb must come
/// before it in the sentence, and the words right before it must link it
/// (`tại`, `của`, `kèm theo`, `khoản 1, 2 Điều 1`, or the verb itself).
pub(super) fn amends_ref(fa: &Folded, first_verb: Option<usize>, start: usize) -> bool {
    // Folded position of the reference: the map is sorted, so search it.
    let at = fa.map.partition_point(|&o| o < start).min(fa.text.len());
    if first_verb.is_none_or(|v| v > at) {
        return false;
    }
    let text = fa.text.get(..at).unwrap_or("").trim_end();
    let last3: Vec<&str> = text.rsplit(' ').take(3).collect();
    const LINKS: [&str; 4] = ["tai", "cua", "khoan", "diem"];
    if last3.iter().any(|w| LINKS.contains(w)) || text.ends_with("kem theo") {
        return true;
    }
    // `Điều 1` (read backwards: the number, then `dieu`).
    if last3
        .windows(2)
        .any(|p| p[1] == "dieu" && !p[0].is_empty() && p[0].chars().all(|c| c.is_ascii_digit()))
    {
        return true;
    }
    AMEND_VERBS.iter().any(|v| text.ends_with(v))
}

/// Verbs that make a text amend another (folded).
pub(super) const AMEND_VERBS: [&str; 6] = [
    "bo sung",
    "sua doi",
    "dieu chinh",
    "bai bo",
    "huy bo",
    "thay the",
];

/// End of the first amending verb in a folded sentence.
pub(super) fn first_verb_end(fa: &Folded) -> Option<usize> {
    AMEND_VERBS
        .iter()
        .filter_map(|v| fa.find(v, 0).map(|at| at + v.len()))
        .min()
}

/// Extends a reference back over the clause it names (`khoản 1, 2, Điều 1`).
pub(super) fn clause_start(s: &str, start: usize) -> usize {
    let head = s.get(..start).unwrap_or("");
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut end = head.len();
    // Walk back word by word (at most 12).
    for _ in 0..12 {
        let trimmed = head.get(..end).unwrap_or("").trim_end();
        if trimmed.is_empty() {
            break;
        }
        let ws = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        words.push((ws, trimmed.len()));
        end = ws;
    }
    let mut best = start;
    for &(ws, we) in &words {
        let w = fold(head.get(ws..we).unwrap_or(""));
        let ok = matches!(w.as_str(), "khoan" | "diem" | "dieu" | "muc" | "va" | "cac")
            || w.chars().all(|c| c.is_ascii_digit() || c == ' ')
            || (w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()));
        if !ok || w.is_empty() {
            break;
        }
        if matches!(w.as_str(), "khoan" | "diem" | "dieu" | "muc") {
            best = ws;
        }
    }
    best
}

pub(super) fn add_amended(amends: &mut Vec<DocRef>, seen: &mut AmendIndex, doc: DocRef) {
    let key = fold(doc.number.as_deref().unwrap_or(&doc.text));
    match seen.keys.get(&key).and_then(|&k| amends.get_mut(k)) {
        Some(old) => {
            if old.issued_on.is_none() {
                old.issued_on = doc.issued_on;
            }
        }
        None => {
            seen.keys.insert(key, amends.len());
            amends.push(doc);
        }
    }
}

/// The amended documents met so far, by folded number, and the line of the first.
#[derive(Default)]
pub(super) struct AmendIndex {
    pub(super) line: usize,
    pub(super) keys: HashMap<String, usize>,
}
