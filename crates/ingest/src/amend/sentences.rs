//! Sentences, list markers and the trigger words of a change (`điều chỉnh`,
//! `bổ sung`, `bãi bỏ`, `từ … thành …`), with how strongly each signals one.

use tiendo_core::catalog::ChangeAction;
use tiendo_core::vn::fold;

use super::folded::Folded;

/// Byte ranges of the sentences of a paragraph: cut after `;`, and after `.`
/// followed by a space and an upper-case letter, digit or list sign.
pub(super) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let cut = match c {
            ';' => true,
            '.' | '!' | '?' => {
                let mut j = k + 1;
                let mut spaced = false;
                while chars.get(j).is_some_and(|&(_, n)| n.is_whitespace()) {
                    spaced = true;
                    j += 1;
                }
                match chars.get(j) {
                    None => true,
                    Some(&(_, n)) => spaced && (n.is_uppercase() || n == '-' || n == '+'),
                }
            }
            _ => false,
        };
        if cut {
            let end = i + c.len_utf8();
            if text.get(start..end).is_some_and(|t| !t.trim().is_empty()) {
                out.push((start, end));
            }
            start = end;
        }
    }
    if text.get(start..).is_some_and(|t| !t.trim().is_empty()) {
        out.push((start, text.len()));
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Strength {
    /// Anywhere in a sentence.
    Any,
    /// Only at the head of a sentence or list item, or after `:`/`;`.
    Head,
}

pub(super) struct Trigger {
    pub(super) kw: &'static str,
    pub(super) action: ChangeAction,
    pub(super) direction: Option<&'static str>,
    pub(super) strength: Strength,
}

pub(super) const fn trig(
    kw: &'static str,
    action: ChangeAction,
    direction: Option<&'static str>,
    strength: Strength,
) -> Trigger {
    Trigger {
        kw,
        action,
        direction,
        strength,
    }
}

/// Longest first, so `điều chỉnh giảm` wins over `điều chỉnh`.
pub(super) const TRIGGERS: [Trigger; 16] = [
    trig("dieu chinh bo sung", ChangeAction::Add, None, Strength::Any),
    trig("sua doi bo sung", ChangeAction::Change, None, Strength::Any),
    trig(
        "dieu chinh giam",
        ChangeAction::Change,
        Some("giảm"),
        Strength::Any,
    ),
    trig(
        "dieu chinh tang",
        ChangeAction::Change,
        Some("tăng"),
        Strength::Any,
    ),
    trig("dieu chinh", ChangeAction::Change, None, Strength::Any),
    trig("sua doi", ChangeAction::Change, None, Strength::Any),
    trig("bai bo", ChangeAction::Withdraw, None, Strength::Any),
    trig("huy bo", ChangeAction::Withdraw, None, Strength::Any),
    trig("xin rut", ChangeAction::Withdraw, None, Strength::Any),
    trig("dua ra khoi", ChangeAction::Withdraw, None, Strength::Any),
    trig("dua", ChangeAction::Withdraw, None, Strength::Head),
    trig("bo sung", ChangeAction::Add, None, Strength::Head),
    trig("phan bo", ChangeAction::Add, None, Strength::Head),
    trig(
        "cat giam",
        ChangeAction::Change,
        Some("giảm"),
        Strength::Head,
    ),
    trig("giam", ChangeAction::Change, Some("giảm"), Strength::Head),
    trig("tang", ChangeAction::Change, Some("tăng"), Strength::Head),
];

/// Words before a trigger that make it a noun or a past fact, not an act of
/// this text (`những điều chỉnh`, `sau khi điều chỉnh`, `về việc điều chỉnh`).
pub(super) const NOT_AN_ACT: [&str; 10] = [
    "nhung", "cac", "viec", "khi", "duoc", "da", "se", "ve", "bi", "tuc",
];

/// Is the text before `at` in the sentence only a list marker, or does it end
/// with `:`/`;`?
pub(super) fn at_head(sentence: &str, at_orig: usize) -> bool {
    let head = sentence.get(..at_orig).unwrap_or("").trim_end();
    if head.ends_with(':') || head.ends_with(';') {
        return true;
    }
    is_marker_only(head)
}

/// `-`, `+`, `1.`, `a)`, `(2)`, `Điều 1.`, `Điều 1:` …
pub(super) fn is_marker_only(head: &str) -> bool {
    let head = head.trim();
    if head.is_empty() {
        return true;
    }
    // Markers are short; saying so first keeps every call O(1).
    if head.chars().nth(12).is_some() {
        return false;
    }
    let f = fold(head);
    let mut words = f.split(' ').peekable();
    if words.peek() == Some(&"dieu") {
        words.next();
    }
    let rest: Vec<&str> = words.collect();
    if rest.is_empty() {
        return false;
    }
    let all_numbers = rest.iter().all(|w| {
        w.chars().all(|c| c.is_ascii_digit())
            || (w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
    });
    if f.is_empty() {
        // Only signs: `-`, `+`, `•`.
        return head
            .chars()
            .all(|c| "-+*•–—".contains(c) || c.is_whitespace());
    }
    all_numbers && rest.len() <= 3 && head.chars().count() <= 12
}

/// The list sign a paragraph starts with, if any.
pub(super) fn list_marker(text: &str) -> Option<char> {
    let c = text.trim_start().chars().next()?;
    if "-+*•–—".contains(c) {
        return Some(c);
    }
    let head: String = text.trim_start().chars().take(5).collect();
    let digits = head.chars().take_while(|c| c.is_ascii_digit()).count();
    let after = head.chars().nth(digits);
    if digits > 0 && matches!(after, Some('.' | ')')) {
        return Some('1');
    }
    let mut it = head.chars();
    if let (Some(l), Some(')')) = (it.next(), it.next())
        && l.is_alphabetic()
        && l.is_lowercase()
    {
        return Some('a');
    }
    None
}

pub(super) struct Hit {
    /// Folded start and end of the trigger words.
    pub(super) at: usize,
    pub(super) end: usize,
    pub(super) action: ChangeAction,
    pub(super) direction: Option<&'static str>,
    pub(super) strength: Strength,
}

pub(super) fn triggers(sentence: &str, f: &Folded) -> Vec<Hit> {
    let mut out = Vec::new();
    // Where the last `ra khỏi` starts, found once for every `đưa`.
    let mut last_ra_khoi = None;
    let mut from = 0;
    while let Some(at) = f.find("ra khoi", from) {
        last_ra_khoi = Some(at);
        from = at + 1;
    }
    let mut i = 0;
    while i < f.text.len() {
        let mut step = f.next_word(i);
        for t in &TRIGGERS {
            if !f.at(t.kw, i) {
                continue;
            }
            if NOT_AN_ACT.contains(&f.word_before(i)) {
                break;
            }
            if t.strength == Strength::Head && !at_head(sentence, f.orig(i)) {
                continue;
            }
            // `đưa … ra khỏi danh mục` only.
            if t.kw == "dua" && last_ra_khoi.is_none_or(|r| r < i) {
                continue;
            }
            out.push(Hit {
                at: i,
                end: i + t.kw.len(),
                action: t.action,
                direction: t.direction,
                strength: t.strength,
            });
            step = i + t.kw.len();
            break;
        }
        if step <= i {
            break;
        }
        i = step;
    }
    out
}
