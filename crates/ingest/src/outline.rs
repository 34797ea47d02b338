//! The outline of a program text: headings (`A.`, `I.`, `1.`, `1.1.`, `a)`)
//! and the items under them (bullets and paragraphs), with lines that PDF
//! extraction wrapped mid-sentence joined back. Knows nothing of what the
//! parts mean; `program` decides that.

use crate::source::{Line, is_furniture};

/// The marker a heading opens with, which fixes its rank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `A.`–`F.`: the parts of a party program.
    Letter(char),
    /// `I.`, `II.` …
    Roman(u32),
    /// `1.`, `1.1.`, `2.10` — the components.
    Numeric(Vec<u32>),
    /// `a)`, `b)`, `đ)`.
    Alpha(char),
    /// `4.1.a.`: a letter under a dotted number.
    NumAlpha(Vec<u32>, char),
    /// `(1)`, `(12)`: items of a numbered list.
    Paren(u32),
    /// `Điều 1.`: the articles of a decision.
    Article(u32),
    /// `#`, `##` … with no number of its own: a markdown heading's level.
    Hash(usize),
    /// `- Về kinh tế:` before numbered items: the n-th group of a list.
    Group(u32),
}

impl Marker {
    /// Lower is higher in the outline.
    fn rank(&self) -> usize {
        match self {
            Marker::Letter(_) => 0,
            Marker::Roman(_) => 1,
            Marker::Numeric(parts) => 1 + parts.len(),
            Marker::NumAlpha(parts, _) => 2 + parts.len(),
            Marker::Alpha(_) => 100,
            Marker::Paren(_) => 120,
            Marker::Article(_) => 1,
            Marker::Hash(level) => *level,
            Marker::Group(_) => 110,
        }
    }

    /// The label this heading contributes to a section path.
    pub fn label(&self) -> String {
        match self {
            Marker::Letter(c) => c.to_string(),
            Marker::Roman(n) => to_roman(*n),
            Marker::Numeric(parts) => parts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join("."),
            Marker::Alpha(c) => c.to_string(),
            Marker::NumAlpha(parts, c) => {
                let mut l = Marker::Numeric(parts.clone()).label();
                l.push('.');
                l.push(*c);
                l
            }
            Marker::Paren(n) => format!("({n})"),
            Marker::Article(n) => format!("Điều {n}"),
            Marker::Hash(level) => "#".repeat(*level),
            Marker::Group(n) => format!("nhóm {n}"),
        }
    }

    /// Whether the marker numbers items of a list rather than parts of the
    /// document: such a heading with no children is an item.
    fn may_be_item(&self) -> bool {
        matches!(
            self,
            Marker::Numeric(_) | Marker::NumAlpha(..) | Marker::Alpha(_) | Marker::Paren(_)
        )
    }
}

/// What a logical line of the text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        marker: Marker,
        title: String,
        line: usize,
    },
    /// A line opened by `-`, `+` or `•`.
    Bullet { text: String, line: usize },
    /// Running text with no marker.
    Paragraph { text: String, line: usize },
    /// A numbered line that states something rather than titles a part
    /// (`6. Xây dựng và tham mưu … (Giao Công an tỉnh chủ trì, …).`).
    Item {
        label: String,
        text: String,
        line: usize,
    },
}

impl Block {
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. }
            | Block::Bullet { line, .. }
            | Block::Paragraph { line, .. }
            | Block::Item { line, .. } => *line,
        }
    }

    fn text_mut(&mut self) -> &mut String {
        match self {
            Block::Heading { title, .. } => title,
            Block::Bullet { text, .. }
            | Block::Paragraph { text, .. }
            | Block::Item { text, .. } => text,
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Block::Heading { title, .. } => title,
            Block::Bullet { text, .. }
            | Block::Paragraph { text, .. }
            | Block::Item { text, .. } => text,
        }
    }
}

/// Split a cleaned line into its heading marker and the rest, if it opens with one.
///
/// Markers seen in Vietnamese administration: `A.` (parts of a party
/// program), `I.` `I-` `I–` `I)` (roman, the hyphen in Party texts),
/// `1.` `1.1.` `2.10`, `4.1.a.`, `a)` `đ)`, `(1)`, `Điều 1.`, and markdown
/// `#` headings (whose own number, if any, wins).
pub fn heading_marker(text: &str) -> Option<(Marker, &str)> {
    if let Some(after) = text.strip_prefix('#') {
        let level = 1 + after.chars().take_while(|&c| c == '#').count();
        let rest = after.trim_start_matches('#').trim_start();
        if rest.is_empty() {
            return None;
        }
        return heading_marker(rest).or(Some((Marker::Hash(level.min(6)), rest)));
    }
    let (head, rest) = match text.find(char::is_whitespace) {
        Some(i) => (&text[..i], text[i..].trim_start()),
        None => (text, ""),
    };
    if let Some(marker) = article(head, rest) {
        return Some(marker);
    }
    // `I - ĐÁNH GIÁ`: a roman numeral, then a free-standing dash.
    if roman_label(head).is_some()
        && let Some(after_dash) = rest.strip_prefix(['-', '–'])
        && after_dash.starts_with(' ')
        && let Some(n) = roman_label(head)
    {
        let after_dash = after_dash.trim_start();
        if after_dash.chars().next().is_some_and(char::is_alphabetic) {
            return Some((Marker::Roman(n), after_dash));
        }
    }
    if rest.is_empty() || !rest.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    if let Some(inner) = head.strip_prefix('(').and_then(|h| h.strip_suffix(')')) {
        let n: u32 = inner.parse().ok().filter(|n| (1..=99).contains(n))?;
        return Some((Marker::Paren(n), rest));
    }
    for close in [')', '-', '–'] {
        if let Some(label) = head.strip_suffix(close) {
            if let Some(n) = roman_label(label) {
                return Some((Marker::Roman(n), rest));
            }
            if close != ')' {
                return None;
            }
            let mut cs = label.chars();
            let c = cs.next()?;
            if cs.next().is_none() && (c.is_ascii_lowercase() || c == 'đ') {
                return Some((Marker::Alpha(c), rest));
            }
            // `1)` numbers an item like `1.`.
            let n: u32 = label.parse().ok().filter(|n| (1..=60).contains(n))?;
            return Some((Marker::Numeric(vec![n]), rest));
        }
    }
    let label = head.strip_suffix('.').unwrap_or(head);
    if label.is_empty() {
        return None;
    }
    if label.len() == 1 && head.ends_with('.') {
        let c = label.chars().next()?;
        if matches!(c, 'A'..='F') {
            return Some((Marker::Letter(c), rest));
        }
    }
    if head.ends_with('.')
        && let Some(n) = roman_label(label)
    {
        return Some((Marker::Roman(n), rest));
    }
    // `4.1.a.`: dotted numbers, then one lowercase letter.
    if let Some((nums, letter)) = label.rsplit_once('.')
        && !nums.is_empty()
        && head.ends_with('.')
    {
        let mut cs = letter.chars();
        if let (Some(c), None) = (cs.next(), cs.next())
            && (c.is_ascii_lowercase() || c == 'đ')
            && let Some(parts) = numbers(nums)
        {
            return Some((Marker::NumAlpha(parts, c), rest));
        }
    }
    let parts = numbers(label)?;
    // `1.1` without a final dot is still a heading; a bare `1` needs its dot.
    if parts.len() == 1 && !head.ends_with('.') {
        return None;
    }
    Some((Marker::Numeric(parts), rest))
}

fn numbers(label: &str) -> Option<Vec<u32>> {
    label
        .split('.')
        .map(|p| p.parse::<u32>().ok().filter(|n| (1..=60).contains(n)))
        .collect()
}

fn roman_label(label: &str) -> Option<u32> {
    if label.is_empty() || !label.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        return None;
    }
    tiendo_core::vn::roman_to_int(label)
}

/// `Điều 1.` / `Điều 2:` opening a line.
fn article<'a>(head: &str, rest: &'a str) -> Option<(Marker, &'a str)> {
    if head != "Điều" {
        return None;
    }
    let (num, after) = match rest.find(char::is_whitespace) {
        Some(i) => (&rest[..i], rest[i..].trim_start()),
        None => (rest, ""),
    };
    let digits = num.trim_end_matches(['.', ':']);
    if digits.len() == num.len() && !after.is_empty() {
        return None;
    }
    let n: u32 = digits.parse().ok().filter(|n| (1..=99).contains(n))?;
    Some((
        Marker::Article(n),
        if after.is_empty() { num } else { after },
    ))
}

fn bullet_text(text: &str) -> Option<&str> {
    let mut cs = text.chars();
    match cs.next()? {
        '-' | '+' | '•' | '–' | '*' => {
            let rest = cs.as_str();
            // `-----` is furniture, `-5%` is not a bullet.
            if rest.starts_with(char::is_whitespace) {
                Some(rest.trim_start())
            } else {
                None
            }
        }
        _ => None,
    }
}

const TERMINAL: &[char] = &['.', ':', ';', '!', '?', '…'];

/// Join physical lines into blocks. `wrap_width` is the length at which the
/// source wrapped its lines (0 when it did not): a line that reached it and did
/// not end a sentence continues on the next, even if that one opens with a capital.
pub fn blocks(lines: &[Line]) -> Vec<Block> {
    blocks_of(lines, false)
}

/// [`blocks`], where `points_continue` says how to read a numbered point
/// that is a whole sentence and is followed by paragraphs: in a directive
/// or a news item the paragraphs go on with the point (`1. Tiếp tục quán
/// triệt …` / `Triển khai …`); in a program the point titles them.
pub fn blocks_of(lines: &[Line], points_continue: bool) -> Vec<Block> {
    let wrap_width = wrap_width(lines);
    let mut out: Vec<Block> = Vec::new();
    let mut last_len = 0usize;
    for line in lines {
        let text = line.text.as_str();
        if text.is_empty() || is_furniture(text) {
            continue;
        }
        let continues = out
            .last()
            .is_some_and(|prev| continues(prev.text(), last_len, wrap_width, text));
        if continues && let Some(prev) = out.last_mut() {
            let t = prev.text_mut();
            join_into(t, text);
        } else if let Some((marker, rest)) = heading_marker(text) {
            out.push(Block::Heading {
                marker,
                title: rest.to_string(),
                line: line.no,
            });
        } else if let Some(rest) = bullet_text(text) {
            out.push(Block::Bullet {
                text: rest.to_string(),
                line: line.no,
            });
        } else if let Some((intro, items)) = inline_list(text) {
            if !intro.is_empty() {
                out.push(Block::Paragraph {
                    text: intro,
                    line: line.no,
                });
            }
            for (label, item) in items {
                out.push(Block::Item {
                    label,
                    text: item,
                    line: line.no,
                });
            }
        } else {
            out.push(Block::Paragraph {
                text: text.to_string(),
                line: line.no,
            });
        }
        last_len = text.chars().count();
    }
    groups_to_headings(&mut out);
    leaves_to_items(&mut out, points_continue);
    out
}

/// A short bullet ending with a colon right before numbered items (`- Về
/// kinh tế:` / `(1) …`) names a group of them: it becomes a heading that
/// closes the group before it.
fn groups_to_headings(blocks: &mut [Block]) {
    let mut n = 0;
    for i in 0..blocks.len() {
        let Block::Bullet { text, line } = &blocks[i] else {
            continue;
        };
        let short = text.split_whitespace().count() <= 8;
        let numbered_next = matches!(
            blocks.get(i + 1),
            Some(Block::Heading {
                marker: Marker::Paren(_) | Marker::Numeric(_),
                ..
            })
        );
        if short && text.trim_end().ends_with(':') && numbered_next {
            n += 1;
            let title = text.trim_end().trim_end_matches(':').trim_end().to_string();
            let line = *line;
            blocks[i] = Block::Heading {
                marker: Marker::Group(n),
                title,
                line,
            };
        }
    }
}

/// A numbered heading that titles nothing — no bullet, no deeper heading
/// under it — and reads as a sentence is an item of its parent: `1. Các sở,
/// ban, ngành … tiếp tục tổ chức tuyên truyền …`. Paragraphs right after
/// such an item continue it. Short titles (`1. Công an tỉnh`, `2. Mục tiêu
/// cụ thể`) stay headings.
fn leaves_to_items(blocks: &mut [Block], points_continue: bool) {
    for i in 0..blocks.len() {
        let Block::Heading {
            marker,
            title,
            line,
        } = &blocks[i]
        else {
            continue;
        };
        if !marker.may_be_item() {
            continue;
        }
        let rank = marker.rank();
        let child = match blocks.get(i + 1) {
            Some(Block::Heading { marker: m, .. }) => m.rank() > rank,
            Some(Block::Bullet { .. }) => true,
            // Paragraphs after a heading are its content, unless the
            // heading is a whole sentence they continue.
            Some(Block::Paragraph { .. }) => !(points_continue && sentence_like(title)),
            Some(Block::Item { .. }) => !sentence_like(title),
            None => false,
        };
        let list_item = matches!(marker, Marker::Paren(_));
        if child || !(list_item || sentence_like(title)) || labels_inline_item(title) {
            continue;
        }
        let item = Block::Item {
            label: marker.label(),
            text: title.clone(),
            line: *line,
        };
        blocks[i] = item;
    }
}

/// `b) Về năng lượng: Đề án phát triển …`: a short label, a colon, then an
/// item of its own — a heading that carries its first item inline.
fn labels_inline_item(title: &str) -> bool {
    match title.split_once(':') {
        Some((head, rest)) => {
            let words = head.split_whitespace().count();
            (1..=10).contains(&words)
                && rest
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        }
        None => false,
    }
}

/// A title that says something: long, or closed by a sentence's end.
fn sentence_like(title: &str) -> bool {
    let t = title.trim_end();
    if t.ends_with(':') {
        return false;
    }
    let words = t
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    t.ends_with(['.', ';']) || words >= 12
}

/// A list written on one line: `(1) … (2) … (3) …` or `1. … 2. … 3. …`,
/// two or more items numbered one after another; returns the text before
/// the first number (the list's intro, often empty) and the items. A line
/// whose intro ends with a colon stays whole: `Phát triển …: (1) …; (2) …`
/// is one task whose parts are its components.
pub fn inline_list(text: &str) -> Option<(String, Vec<(String, String)>)> {
    let starts = list_starts(text);
    if starts.len() < 2 {
        return None;
    }
    let intro = text.get(..starts[0].0)?.trim();
    if intro.ends_with(':') {
        return None;
    }
    let mut items = Vec::with_capacity(starts.len());
    for (k, &(at, body, n, paren)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |s| s.0);
        let item = text.get(body..end)?.trim().to_string();
        if item.is_empty() {
            return None;
        }
        let _ = at;
        items.push((
            if paren {
                format!("({n})")
            } else {
                n.to_string()
            },
            item,
        ));
    }
    Some((intro.to_string(), items))
}

/// Where each `(n)` / `n.` of a run 1, 2, 3 … (or k, k+1 …) starts: (marker
/// offset, item offset, number, parenthesised).
fn list_starts(text: &str) -> Vec<(usize, usize, u32, bool)> {
    let mut found: Vec<(usize, usize, u32, bool)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = i == 0 || bytes[i - 1] == b' ';
        if at_word_start {
            let paren = bytes[i] == b'(';
            let from = if paren { i + 1 } else { i };
            let mut j = from;
            while j < bytes.len() && bytes[j].is_ascii_digit() && j - from < 3 {
                j += 1;
            }
            let closes = if paren {
                bytes.get(j) == Some(&b')')
            } else {
                bytes.get(j) == Some(&b'.')
            };
            if j > from && closes && bytes.get(j + 1) == Some(&b' ') {
                let n: u32 = text.get(from..j).and_then(|d| d.parse().ok()).unwrap_or(0);
                let body = j + 2;
                let next_upper = text
                    .get(body..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_uppercase);
                let follows = found
                    .last()
                    .is_none_or(|&(_, _, m, p)| p == paren && m + 1 == n);
                if n >= 1 && next_upper && follows {
                    found.push((i, body, n, paren));
                }
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    found
}

fn join_into(t: &mut String, text: &str) {
    // A word split by a hyphen at the end of a line (`70-` / `KL/TW`) is kept whole.
    if t.ends_with('-') && !t.ends_with(" -") && text.chars().next().is_some_and(char::is_uppercase)
    {
        t.push_str(text);
    } else {
        if !t.is_empty() {
            t.push(' ');
        }
        t.push_str(text);
    }
}

/// Does `next` continue the block whose text so far is `prev`?
fn continues(prev: &str, prev_line_len: usize, wrap_width: usize, next: &str) -> bool {
    if let Some(rest) = bullet_text(next) {
        // `nhiệm kỳ 2025` / `- 2030; …`: a range broken before its dash.
        let prev_ends_in_year = prev
            .trim_end()
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
        return prev_ends_in_year && rest.starts_with(|c: char| c.is_ascii_digit());
    }
    if heading_marker(next).is_some() {
        // A number at the start of a wrapped line (`2045.`) has no title after it
        // and so is not a marker; real markers always start a block.
        return false;
    }
    let first = next.chars().next().unwrap_or(' ');
    let ends_sentence = prev.trim_end().ends_with(TERMINAL);
    if first.is_lowercase() {
        // Vietnamese sentences open with a capital: this one goes on.
        return true;
    }
    if first.is_ascii_digit() || matches!(first, '(' | ')' | ',' | ';' | '…' | '%') {
        // `điều kiện).`, `2045.`, `2026 - 2030.`
        return !ends_sentence;
    }
    // A capital after an unfinished line that reached the wrap width: a name
    // or a word that happens to be capitalised (`Nhân dân`, `Hòa - Buôn Ma Thuột`).
    !ends_sentence && wrap_width > 0 && prev_line_len * 10 >= wrap_width * 7
}

/// The width the source wrapped at: the 90th percentile of non-blank line
/// lengths, if the lines are short enough to have been wrapped at all.
fn wrap_width(lines: &[Line]) -> usize {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_blank() && !l.is_table_row())
        .map(|l| l.text.chars().count())
        .collect();
    if lens.len() < 10 {
        return 0;
    }
    lens.sort_unstable();
    let p90 = lens[lens.len() * 9 / 10];
    if p90 <= 120 { p90 } else { 0 }
}

/// An open heading while walking the outline.
#[derive(Debug, Clone)]
pub struct Open {
    pub marker: Marker,
    pub title: String,
    /// The title's search key, folded once for the readers that look at
    /// every open heading for each block.
    pub folded: String,
    pub line: usize,
    /// What a reader found the heading to name (an agency, say), kept so
    /// the heading is judged once, not at every block under it.
    pub names: Option<String>,
}

/// The headings above the current position, outermost first.
#[derive(Debug, Default, Clone)]
pub struct Stack {
    pub open: Vec<Open>,
}

impl Stack {
    /// Enter a heading: close those at its rank or below it.
    pub fn enter(&mut self, marker: Marker, title: String, line: usize) {
        let rank = marker.rank();
        while self.open.last().is_some_and(|o| o.marker.rank() >= rank) {
            self.open.pop();
        }
        self.open.push(Open {
            marker,
            folded: tiendo_core::vn::fold(&title),
            title,
            line,
            names: None,
        });
    }
}

pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
        (0, ""),
        (0, ""),
        (0, ""),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        if v == 0 {
            break;
        }
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}
