//! Amending decisions read as a change set: which earlier documents a text
//! amends, what it adds, changes or withdraws, whether the rest stays as it
//! was, and from when it applies.
//!
//! Everything is matched on folded text (see [`tiendo_core::vn::fold`]) with
//! a map back to the original, so values are kept exactly as written
//! (`965 tỷ 393 triệu đồng`). Nothing here panics: every cut falls on a
//! character boundary the scan itself produced.

use std::collections::HashMap;

use chrono::NaiveDate;
use tiendo_core::catalog::{Change, ChangeAction, ChangeSet, DocRef, Note};
use tiendo_core::vn::{fold, parse_date, parse_deadline};

/// Does this text amend another (điều chỉnh, bổ sung … of a named earlier
/// document; từ X thành Y; Bổ sung nhiệm vụ; Điều chỉnh thời gian hoàn thành;
/// Bãi bỏ; hủy bỏ / xin rút)?
pub fn is_amending(paragraphs: &[(usize, String)]) -> bool {
    read_changes(paragraphs).0.is_some()
}

/// The change set of an amending text. `paragraphs` are (1-based line,
/// logical paragraph text, already NFC and joined).
///
/// `None` when the text neither names an amended document nor shows a
/// change. A text that names what it amends but shows no change gives an
/// empty `changes` and a `no_changes_visible` note: changes are never guessed.
pub fn read_changes(paragraphs: &[(usize, String)]) -> (Option<ChangeSet>, Vec<Note>) {
    let mut set = ChangeSet::default();
    let mut notes = Vec::new();
    let mut amends_seen = AmendIndex::default();
    let mut group: Option<Group> = None;
    // Index of the paragraph where the first amended document was named.
    let mut first_amends_para: Option<usize> = None;

    for (index, (line, para)) in paragraphs.iter().enumerate() {
        if first_amends_para.is_none() && !set.amends.is_empty() {
            first_amends_para = Some(index.saturating_sub(1));
        }
        let line = *line;
        let text = para.trim();
        if text.is_empty() {
            continue;
        }
        // A list item under a parent that announced its items (`cụ thể như sau:`).
        if let Some(g) = group.as_mut()
            && let Some(marker) = list_marker(text)
            && Some(marker) != g.marker
        {
            let own = paragraph_changes(text, line, &mut set, &mut amends_seen);
            if !own.is_empty() {
                g.children += own.len();
                set.changes.extend(own);
                continue;
            }
            if let Some(c) = child_change(g, text, line) {
                g.children += 1;
                set.changes.push(c);
            }
            continue;
        }
        if let Some(g) = group.take()
            && g.children == 0
        {
            set.changes.extend(g.pending);
        }
        let found = paragraph_changes(text, line, &mut set, &mut amends_seen);
        if text.ends_with(':') {
            let (action, direction) = group_kind(text);
            group = Some(Group {
                marker: list_marker(text),
                action,
                direction,
                pending: found,
                children: 0,
            });
        } else {
            set.changes.extend(found);
        }
    }
    if let Some(g) = group.take()
        && g.children == 0
    {
        set.changes.extend(g.pending);
    }
    dedupe_changes(&mut set.changes);

    if first_amends_para.is_none() && !set.amends.is_empty() {
        first_amends_para = Some(paragraphs.len().saturating_sub(1));
    }
    // With nothing else to show for it, an amendment named deep in a long
    // text is one the text reports on (`Nghị định sửa đổi … đang hoàn
    // thiện`), not what it does: only the heading counts then.
    let only_named = set.changes.is_empty() && !set.others_unchanged && set.effective_on.is_none();
    if only_named && first_amends_para.is_some_and(|k| k >= HEADING_PARAGRAPHS) {
        set.amends.clear();
    }
    if set.amends.is_empty() && set.changes.is_empty() && !set.others_unchanged {
        return (None, notes);
    }
    if set.changes.is_empty() {
        notes.push(Note::new(
            amends_seen.line,
            "no_changes_visible",
            "Văn bản có nêu việc điều chỉnh, bổ sung nhưng không thấy nội dung thay đổi nào \
             (có thể văn bản bị cắt trước điều khoản quy định thay đổi): chưa ghi nhận thay đổi nào.",
        ));
    }
    if set.amends.is_empty() {
        notes.push(Note::new(
            0,
            "amended_document_unknown",
            "Không xác định được văn bản bị điều chỉnh (không thấy số, ký hiệu của văn bản trước).",
        ));
    }
    (Some(set), notes)
}

/// Longest sentence (bytes) copied whole into each of its changes.
const MAX_SOURCE: usize = 1000;

/// How many paragraphs from the top count as the heading of a decision.
const HEADING_PARAGRAPHS: usize = 6;

/// Documents referred to: `Quyết định số 3715/QĐ-UBND ngày 18/12/2024`,
/// `NQ 44/NQ-HĐND (9-12-2024)`, `Nghị quyết số 47/NQ-HĐND ngày 10-8-2021`.
pub fn doc_refs(text: &str) -> Vec<DocRef> {
    find_refs(text).into_iter().map(|r| r.doc).collect()
}

// ---------------------------------------------------------------------------
// Folded text with a map back to the original.

/// `text` is the folded form (`[a-z0-9 ]`, single spaces); `map[i]` is the
/// byte offset in the original of the character that produced byte `i`, and
/// one last entry holds the original length.
struct Folded {
    text: String,
    map: Vec<usize>,
}

impl Folded {
    fn new(s: &str) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len() + 1);
        let push = |text: &mut String, map: &mut Vec<usize>, c: char, at: usize| {
            if c == ' ' && (text.is_empty() || text.ends_with(' ')) {
                return;
            }
            text.push(c);
            map.push(at);
        };
        let mut buf = [0u8; 4];
        // Web addresses are read as nothing (`…/dieu-chinh-bo-sung-von…` is no act).
        let mut url_end = 0;
        for (at, c) in s.char_indices() {
            if at < url_end {
                continue;
            }
            if s.get(at..)
                .is_some_and(|t| t.starts_with("http") || t.starts_with("www."))
                && (at == 0
                    || s.get(..at)
                        .is_some_and(|h| h.ends_with(char::is_whitespace)))
            {
                let tail = s.get(at..).unwrap_or("");
                let len = tail.find(char::is_whitespace).unwrap_or(tail.len());
                if tail
                    .get(..len)
                    .is_some_and(|u| u.contains("://") || u.starts_with("www."))
                {
                    url_end = at + len;
                    push(&mut text, &mut map, ' ', at);
                    continue;
                }
            }
            if c.is_ascii() {
                let c = if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    ' '
                };
                push(&mut text, &mut map, c, at);
            } else if ('\u{300}'..='\u{36f}').contains(&c) {
                // A combining mark (text not in NFC): it belongs to the letter before.
            } else if c.is_whitespace() {
                push(&mut text, &mut map, ' ', at);
            } else {
                let f = fold(c.encode_utf8(&mut buf));
                if f.is_empty() {
                    push(&mut text, &mut map, ' ', at);
                }
                for fc in f.chars() {
                    let fc = if fc.is_ascii_alphanumeric() { fc } else { ' ' };
                    push(&mut text, &mut map, fc, at);
                }
            }
        }
        map.push(s.len());
        Folded { text, map }
    }

    /// Original byte offset of folded position `i` (clamped).
    fn orig(&self, i: usize) -> usize {
        let last = self.map.last().copied().unwrap_or(0);
        self.map.get(i).copied().unwrap_or(last)
    }

    fn is_start(&self, i: usize) -> bool {
        i == 0 || self.text.as_bytes().get(i.wrapping_sub(1)) == Some(&b' ')
    }

    fn is_end(&self, i: usize) -> bool {
        i >= self.text.len() || self.text.as_bytes().get(i) == Some(&b' ')
    }

    /// First whole-word occurrence of `kw` at or after `from`.
    fn find(&self, kw: &str, from: usize) -> Option<usize> {
        let mut from = from;
        while from <= self.text.len() {
            let rel = self.text.get(from..)?.find(kw)?;
            let at = from + rel;
            if self.is_start(at) && self.is_end(at + kw.len()) {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }

    /// Does a whole word `kw` start exactly at `at`?
    fn at(&self, kw: &str, at: usize) -> bool {
        self.is_start(at)
            && self.text.get(at..).is_some_and(|t| t.starts_with(kw))
            && self.is_end(at + kw.len())
    }

    /// The folded word that ends right before `at` (skipping one space).
    fn word_before(&self, at: usize) -> &str {
        let head = self.text.get(..at).unwrap_or("").trim_end();
        head.rsplit(' ').next().unwrap_or("")
    }

    /// The folded word starting at `at`.
    fn word_at(&self, at: usize) -> &str {
        let tail = self.text.get(at..).unwrap_or("");
        tail.split(' ').next().unwrap_or("")
    }

    /// Start of the word after the one at `at`.
    fn next_word(&self, at: usize) -> usize {
        match self.text.get(at..).and_then(|t| t.find(' ')) {
            Some(rel) => at + rel + 1,
            None => self.text.len(),
        }
    }
}

// ---------------------------------------------------------------------------
// Document references.

struct FoundRef {
    /// Where the reference starts (its type word, or the number).
    start: usize,
    end: usize,
    doc: DocRef,
}

/// Type words that may stand before a document number (folded).
const DOC_TYPES: [&str; 22] = [
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
fn is_doc_number(tok: &str) -> bool {
    tok.chars().next().is_some_and(|c| c.is_ascii_digit())
        && tok.contains('/')
        && tok.chars().any(|c| c.is_alphabetic() && c.is_uppercase())
}

fn find_refs(text: &str) -> Vec<FoundRef> {
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
fn type_word_start(text: &str, num_start: usize) -> Option<usize> {
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
fn words_from(s: &str, from: usize, max: usize) -> Vec<(usize, usize)> {
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
fn core_end(s: &str, start: usize, end: usize) -> usize {
    let w = s.get(start..end).unwrap_or("");
    start
        + w.trim_end_matches([',', '.', ';', ':', ')', '"', '”'])
            .len()
}

/// A date right after a document number: `ngày 18/12/2024`,
/// `ngày 10 tháng 12 năm 2024`, `(9-12-2024)`, `, ngày …`.
fn date_after(text: &str, from: usize) -> Option<(NaiveDate, usize)> {
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

// ---------------------------------------------------------------------------
// Sentences and triggers.

/// Byte ranges of the sentences of a paragraph: cut after `;`, and after `.`
/// followed by a space and an upper-case letter, digit or list sign.
fn sentences(text: &str) -> Vec<(usize, usize)> {
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
enum Strength {
    /// Anywhere in a sentence.
    Any,
    /// Only at the head of a sentence or list item, or after `:`/`;`.
    Head,
}

struct Trigger {
    kw: &'static str,
    action: ChangeAction,
    direction: Option<&'static str>,
    strength: Strength,
}

const fn trig(
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
const TRIGGERS: [Trigger; 16] = [
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
const NOT_AN_ACT: [&str; 10] = [
    "nhung", "cac", "viec", "khi", "duoc", "da", "se", "ve", "bi", "tuc",
];

/// Is the text before `at` in the sentence only a list marker, or does it end
/// with `:`/`;`?
fn at_head(sentence: &str, at_orig: usize) -> bool {
    let head = sentence.get(..at_orig).unwrap_or("").trim_end();
    if head.ends_with(':') || head.ends_with(';') {
        return true;
    }
    is_marker_only(head)
}

/// `-`, `+`, `1.`, `a)`, `(2)`, `Điều 1.`, `Điều 1:` …
fn is_marker_only(head: &str) -> bool {
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
fn list_marker(text: &str) -> Option<char> {
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

struct Hit {
    /// Folded start and end of the trigger words.
    at: usize,
    end: usize,
    action: ChangeAction,
    direction: Option<&'static str>,
    strength: Strength,
}

fn triggers(sentence: &str, f: &Folded) -> Vec<Hit> {
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

// ---------------------------------------------------------------------------
// Values.

const MONEY_UNITS: [&str; 8] = ["ty", "ti", "trieu", "nghin", "ngan", "dong", "usd", "vnd"];
const APPROX: [&str; 7] = ["gan", "hon", "khoang", "tren", "duoi", "xap", "uoc"];

fn is_number_word(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// A money amount starting at byte `from` of `s`: `[gần|hơn] 965 tỷ 393 triệu
/// đồng`, `109,8 tỷ đồng`, `678.718 triệu đồng`. Returns its end.
fn amount_at(s: &str, from: usize) -> Option<usize> {
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
fn value_at(s: &str, from: usize) -> Option<usize> {
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

fn trim_punct(s: &str) -> &str {
    s.trim().trim_matches([',', ';', ':', '.', '-', '–']).trim()
}

// ---------------------------------------------------------------------------
// Reading one paragraph.

/// A parent item that announces its list (`…, cụ thể như sau:`).
struct Group {
    marker: Option<char>,
    action: Option<ChangeAction>,
    direction: Option<&'static str>,
    pending: Vec<Change>,
    children: usize,
}

/// What the items of a parent paragraph do, from its first trigger.
fn group_kind(text: &str) -> (Option<ChangeAction>, Option<&'static str>) {
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
fn child_change(g: &Group, text: &str, line: usize) -> Option<Change> {
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
fn paragraph_changes(
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
    }
    out
}

/// Where a `Căn cứ` clause starts in a sentence (its length if none). Mid
/// sentence only the capitalised `Căn cứ` counts.
fn can_cu_start(sentence: &str, f: &Folded) -> usize {
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
fn is_others_unchanged(f: &Folded) -> bool {
    (f.find("noi dung khac", 0).is_some() || f.find("noi dung con lai", 0).is_some())
        && (f.find("giu nguyen", 0).is_some() || f.find("khong thay doi", 0).is_some())
}

/// `có hiệu lực (thi hành) (kể từ|từ) ngày …`, `kể từ ngày 30/9/2022`.
fn effective_date(s: &str, f: &Folded) -> Option<NaiveDate> {
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
fn amends_ref(fa: &Folded, first_verb: Option<usize>, start: usize) -> bool {
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
const AMEND_VERBS: [&str; 6] = [
    "bo sung",
    "sua doi",
    "dieu chinh",
    "bai bo",
    "huy bo",
    "thay the",
];

/// End of the first amending verb in a folded sentence.
fn first_verb_end(fa: &Folded) -> Option<usize> {
    AMEND_VERBS
        .iter()
        .filter_map(|v| fa.find(v, 0).map(|at| at + v.len()))
        .min()
}

/// Extends a reference back over the clause it names (`khoản 1, 2, Điều 1`).
fn clause_start(s: &str, start: usize) -> usize {
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

fn add_amended(amends: &mut Vec<DocRef>, seen: &mut AmendIndex, doc: DocRef) {
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
struct AmendIndex {
    line: usize,
    keys: HashMap<String, usize>,
}

/// Field names by how the subject starts (folded), with the words to drop.
const FIELDS: [(&str, &str); 14] = [
    ("thoi gian hoan thanh", "deadline"),
    ("thoi gian thuc hien", "deadline"),
    ("thoi han hoan thanh", "deadline"),
    ("thoi han", "deadline"),
    ("tien do", "deadline"),
    ("co quan chu tri", "lead"),
    ("don vi chu tri", "lead"),
    ("chu tri", "lead"),
    ("ten nhiem vu", "title"),
    ("ten goi", "title"),
    ("ten", "title"),
    ("ty le", "value"),
    ("chi tieu", "value"),
    ("muc tieu", "value"),
];

/// Subjects that only announce the amendment (`một số nội dung`, `như sau`).
fn is_generic(subject: &str) -> bool {
    let f = fold(subject);
    f.is_empty()
        || [
            "mot so",
            "cac noi dung",
            "noi dung",
            "nhu sau",
            "nhiem vu thuc hien",
            "de ",
            "cho phu hop",
            "phu hop",
            "khi ",
            "neu ",
        ]
        .iter()
        .any(|g| f.starts_with(g))
}

/// One change from the text after a trigger (`seg_start..seg_end` of `s`).
fn read_segment(
    s: &str,
    seg_start: usize,
    seg_end: usize,
    h: &Hit,
    line: usize,
    source: &str,
) -> Option<Change> {
    let body = s.get(seg_start..seg_end)?;
    let f = Folded::new(body);
    let has_ref = !find_refs(body).is_empty();

    // Reason: `lý do …`, `vì …`, `, do …`.
    let mut main_end = body.len();
    let mut reason = None;
    let reason_at = f
        .find("ly do", 0)
        .or_else(|| {
            let mut from = 0;
            while let Some(at) = f.find("vi", from) {
                let prev = f.word_before(at);
                let next = f.word_at(f.next_word(at));
                if !matches!(prev, "don" | "pham" | "hanh" | "dia" | "tuong" | "tai")
                    && !matches!(next, "tri" | "pham" | "du" | "the")
                {
                    return Some(at);
                }
                from = at + 1;
            }
            None
        })
        .or_else(|| {
            let mut from = 0;
            while let Some(at) = f.find("do", from) {
                let o = f.orig(at);
                if body
                    .get(..o)
                    .is_some_and(|h| h.trim_end().ends_with([',', '(']))
                {
                    return Some(at);
                }
                from = at + 1;
            }
            None
        });
    if let Some(at) = reason_at {
        let o = f.orig(at);
        let mut r = trim_punct(body.get(o..)?);
        // A reason given in brackets closes with its bracket.
        if !r.contains('(') {
            r = trim_punct(r.trim_end_matches(')'));
        }
        if !r.is_empty() {
            reason = Some(r.to_string());
            main_end = body.get(..o)?.trim_end().trim_end_matches(['(', ',']).len();
        }
    }

    // `từ A thành B`.
    let mut from_to: Option<(usize, String, String, usize)> = None;
    let mut k = 0;
    // The last `từ` seen so far, advanced with the `thành` candidates.
    let mut tu = None;
    let mut tu_from = 0;
    while let Some(th) = f.find("thanh", k) {
        k = th + 1;
        if f.orig(th) >= main_end {
            break;
        }
        let prev = f.word_before(th);
        let next = f.word_at(f.next_word(th));
        if matches!(prev, "hoan" | "tro" | "tao")
            || matches!(
                next,
                "pho" | "lap" | "vien" | "phan" | "tich" | "cong" | "thi" | "uy"
            )
        {
            continue;
        }
        // The last `từ` before it.
        while let Some(t) = f.find("tu", tu_from) {
            if t >= th {
                break;
            }
            tu = Some(t);
            tu_from = t + 1;
        }
        let Some(tu) = tu else { continue };
        let from_s = f.orig(f.next_word(tu));
        let from_e = f.orig(th);
        let to_s = f.orig(f.next_word(th));
        let mut to_e = main_end;
        if let Some(p) = body.get(to_s..main_end).and_then(|t| t.find('(')) {
            to_e = to_s + p;
        }
        let from_v = trim_punct(body.get(from_s..from_e)?).to_string();
        let to_v = trim_punct(body.get(to_s..to_e)?).to_string();
        if !from_v.is_empty() && !to_v.is_empty() {
            from_to = Some((f.orig(tu), from_v, to_v, to_e));
        }
        break;
    }

    // `(giảm Z)` after the new value.
    let mut delta = None;
    if let Some((_, _, _, to_e)) = &from_to
        && let Some(inner) = body.get(*to_e..main_end).and_then(|t| t.strip_prefix('('))
    {
        let inner = inner.split(')').next().unwrap_or("");
        let fi = fold(inner);
        if fi.starts_with("giam") || fi.starts_with("tang") {
            delta = Some(trim_punct(inner).to_string());
        }
    }

    // `là X (trước đó là Y)`.
    let mut value: Option<(usize, String, Option<String>)> = None;
    let before = f.find("truoc do la", 0);
    // After `giảm`/`tăng`, `là X` is the difference, not the new value.
    if from_to.is_none() && (h.direction.is_none() || before.is_some()) {
        let mut j = 0;
        while let Some(la) = f.find("la", j) {
            j = la + 1;
            if before.is_some_and(|b| la == b + 9) || f.orig(la) >= main_end {
                continue;
            }
            let vs = f.orig(f.next_word(la));
            if let Some(ve) = value_at(body, vs) {
                let old = before.and_then(|b| {
                    let os = f.orig(b + 12);
                    value_at(body, os)
                        .and_then(|oe| body.get(os..oe))
                        .map(str::to_string)
                });
                value = Some((f.orig(la), body.get(vs..ve)?.to_string(), old));
                break;
            }
        }
    }

    // A money amount anywhere in the main part.
    let mut amount: Option<(usize, usize)> = None;
    if from_to.is_none() {
        for (ws, _) in words_from(body, 0, usize::MAX) {
            if ws >= main_end {
                break;
            }
            if let Some(e) = amount_at(body, ws) {
                amount = Some((ws, e));
                break;
            }
        }
    }

    // The subject: from the start to the first value marker.
    let mut subj_end = main_end;
    if let Some((tu, ..)) = &from_to {
        subj_end = subj_end.min(*tu);
    }
    if let Some((la, ..)) = &value {
        subj_end = subj_end.min(*la);
    }
    if let Some((a, _)) = amount {
        subj_end = subj_end.min(a);
    }
    for kw in ["voi tong", "voi so", "voi", "so tien", "tong so"] {
        if let Some(at) = f.find(kw, 0) {
            subj_end = subj_end.min(f.orig(at));
        }
    }
    if let Some(p) = body.get(..subj_end).and_then(|b| b.find('(')) {
        subj_end = p;
    }
    let mut subject = trim_punct(body.get(..subj_end)?).to_string();
    if subject.is_empty()
        && let Some((_, e)) = amount
    {
        // `giảm hơn 109,8 tỷ đồng cho 12 dự án`: the subject follows.
        let after = body.get(e..main_end)?;
        let after = after.split([',', ';', '(']).next().unwrap_or("");
        let after = trim_punct(after);
        let fa = fold(after);
        let skip = ["cho ", "cua ", "doi voi "]
            .iter()
            .find(|p| fa.starts_with(*p))
            .map_or(0, |p| {
                let wc = p.split(' ').filter(|w| !w.is_empty()).count();
                nth_word_start(after, wc)
            });
        subject = trim_punct(after.get(skip..).unwrap_or("")).to_string();
    }
    // For `đưa X ra khỏi danh mục` the subject stops before `ra khỏi`; after
    // `đưa ra khỏi danh mục` it follows.
    if h.action == ChangeAction::Withdraw {
        let fs = Folded::new(&subject);
        if let Some(at) = fs.find("ra khoi", 0).or_else(|| fs.find("khoi", 0)) {
            let cut = fs.orig(at);
            subject = trim_punct(subject.get(..cut).unwrap_or("")).to_string();
        } else if fs.text.starts_with("danh muc ") || fs.text.starts_with("ke hoach ") {
            let cut = nth_word_start(&subject, 2);
            subject = trim_punct(subject.get(cut..).unwrap_or("")).to_string();
        }
    }

    // Which field.
    let mut field = None;
    let fs = fold(&subject);
    for (prefix, name) in FIELDS {
        if fs == prefix || fs.starts_with(&format!("{prefix} ")) {
            field = Some(name.to_string());
            let words = prefix.split(' ').count();
            let cut = nth_word_start(&subject, words);
            let rest = trim_punct(subject.get(cut..).unwrap_or(""));
            let rest = strip_word(rest, "của");
            if !rest.is_empty() && name != "value" {
                subject = rest.to_string();
            }
            break;
        }
    }

    let (from, to) = match (&from_to, &value) {
        (Some((_, a, b, _)), _) => (Some(a.clone()), Some(b.clone())),
        (None, Some((_, v, old))) => (old.clone(), Some(v.clone())),
        _ => (None, None),
    };
    let amount_text = amount.and_then(|(a, e)| body.get(a..e)).map(str::to_string);
    // `tăng số vốn tương ứng cho 14 dự án`: money, though no figure is given.
    if field.is_none() && from.is_none() && to.is_none() && amount_text.is_none() {
        let fs = format!(" {} ", fold(&subject));
        if ["von", "kinh phi", "du toan", "ngan sach"]
            .iter()
            .any(|w| fs.contains(&format!(" {w} ")))
        {
            field = Some("amount".to_string());
        }
    }
    if field.is_none() {
        field = match (&from, &to, &amount_text) {
            (_, Some(t), _) if amount_at(t, 0).is_some() => Some("amount"),
            (_, Some(t), _) if parse_deadline(t).is_some() => Some("deadline"),
            (_, Some(t), _) if value_at(t, 0).is_some() => Some("value"),
            (None, None, Some(_)) => Some("amount"),
            _ => None,
        }
        .map(str::to_string);
    }

    // Accept only what shows an actual change.
    let generic = is_generic(&subject);
    let accepted = match h.action {
        ChangeAction::Change => {
            if from.is_some() || to.is_some() {
                !subject.is_empty()
            } else if amount_text.is_some() {
                h.direction.is_some() && !subject.is_empty()
            } else {
                h.direction.is_some()
                    && h.strength == Strength::Any
                    && !subject.is_empty()
                    && !generic
                    && !has_ref
            }
        }
        ChangeAction::Add => !generic && (!has_ref || amount_text.is_some()),
        ChangeAction::Withdraw => !generic,
    };
    if !accepted {
        return None;
    }
    let (to, delta) = match (h.action, &amount_text) {
        (ChangeAction::Change, Some(a)) if delta.is_none() && to.is_none() => (
            to,
            Some(format!("{} {a}", h.direction.unwrap_or(""))).map(|d| d.trim().to_string()),
        ),
        (ChangeAction::Add, Some(a)) if to.is_none() => (Some(a.clone()), delta),
        (ChangeAction::Withdraw, Some(a)) if delta.is_none() => (to, Some(a.clone())),
        (ChangeAction::Change, None) if delta.is_none() && to.is_none() => {
            (to, h.direction.map(str::to_string))
        }
        _ => (to, delta),
    };
    Some(Change {
        action: h.action,
        subject,
        field,
        from,
        to,
        delta,
        reason,
        source: source.trim().to_string(),
        line,
    })
}

/// Byte offset of the `n`-th (0-based) whitespace-separated word of `s`, or
/// its length.
fn nth_word_start(s: &str, n: usize) -> usize {
    words_from(s, 0, n + 1).get(n).map_or(s.len(), |w| w.0)
}

/// `của X` → `X` (folded comparison of the first word).
fn strip_word<'a>(s: &'a str, word: &str) -> &'a str {
    let first = s.split_whitespace().next().unwrap_or("");
    if fold(first) == fold(word) {
        s.get(first.len()..).unwrap_or("").trim()
    } else {
        s
    }
}

/// Drops a change that repeats another with less said (a headline above the
/// body); the fuller one stays, in its own place.
fn dedupe_changes(changes: &mut Vec<Change>) {
    let filled = |c: &Change| {
        [&c.field, &c.from, &c.to, &c.delta, &c.reason]
            .iter()
            .filter(|v| v.is_some())
            .count()
    };
    let all = std::mem::take(changes);
    let mut keep = vec![true; all.len()];
    // (action, folded subject) → index of the change kept for it.
    let mut seen: HashMap<(ChangeAction, String), usize> = HashMap::new();
    for (i, c) in all.iter().enumerate() {
        let key = (c.action, fold(&c.subject));
        let earlier = seen.get(&key).copied().and_then(|k| Some((k, all.get(k)?)));
        match earlier {
            Some((k, o)) if o.delta == c.delta || o.delta.is_none() || c.delta.is_none() => {
                if filled(c) > filled(o) {
                    if let Some(f) = keep.get_mut(k) {
                        *f = false;
                    }
                    seen.insert(key, i);
                } else if let Some(f) = keep.get_mut(i) {
                    *f = false;
                }
            }
            _ => {
                seen.insert(key, i);
            }
        }
    }
    *changes = all
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect();
}

#[cfg(test)]
mod tests;
