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
}

impl Marker {
    /// Lower is higher in the outline.
    fn rank(&self) -> usize {
        match self {
            Marker::Letter(_) => 0,
            Marker::Roman(_) => 1,
            Marker::Numeric(parts) => 1 + parts.len(),
            Marker::Alpha(_) => 100,
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
        }
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
}

impl Block {
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. }
            | Block::Bullet { line, .. }
            | Block::Paragraph { line, .. } => *line,
        }
    }

    fn text_mut(&mut self) -> &mut String {
        match self {
            Block::Heading { title, .. } => title,
            Block::Bullet { text, .. } | Block::Paragraph { text, .. } => text,
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Block::Heading { title, .. } => title,
            Block::Bullet { text, .. } | Block::Paragraph { text, .. } => text,
        }
    }
}

/// Split a cleaned line into its heading marker and the rest, if it opens with one.
pub fn heading_marker(text: &str) -> Option<(Marker, &str)> {
    let (head, rest) = match text.find(char::is_whitespace) {
        Some(i) => (&text[..i], text[i..].trim_start()),
        None => (text, ""),
    };
    if rest.is_empty() || !rest.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    if let Some(label) = head.strip_suffix(')') {
        let mut cs = label.chars();
        let c = cs.next()?;
        if cs.next().is_none() && (c.is_ascii_lowercase() || c == 'đ') {
            return Some((Marker::Alpha(c), rest));
        }
        return None;
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
        && let Some(n) = tiendo_core::vn::roman_to_int(label)
        && label.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
    {
        return Some((Marker::Roman(n), rest));
    }
    let parts: Option<Vec<u32>> = label
        .split('.')
        .map(|p| p.parse::<u32>().ok().filter(|n| (1..=60).contains(n)))
        .collect();
    let parts = parts?;
    // `1.1` without a final dot is still a heading; a bare `1` needs its dot.
    if parts.len() == 1 && !head.ends_with('.') {
        return None;
    }
    Some((Marker::Numeric(parts), rest))
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
        } else {
            out.push(Block::Paragraph {
                text: text.to_string(),
                line: line.no,
            });
        }
        last_len = text.chars().count();
    }
    out
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
    pub line: usize,
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
            title,
            line,
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
