//! The private tokenizer of a target line: words, numbers and punctuation
//! with their byte spans and parenthesis depth, the cut into clauses, and
//! small predicates on tokens. Knows no units, comparators or names.

use rust_decimal::Decimal;
use tiendo_core::vn::parse_number;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub(crate) kind: Kind,
    pub(crate) text: &'a str,
    pub(crate) lower: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Parenthesis depth; a `(` and its `)` carry the depth outside them.
    pub(crate) depth: usize,
}

fn is_word_char(c: char) -> bool {
    tiendo_core::vn::is_alphanumeric(c) || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Words (a letter, then letters and digits), numbers (`16.687`, `2.579,23`)
/// and single punctuation marks, with their byte spans in `s`.
pub(crate) fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(s.len(), |&(b, _)| b);
    let mut toks = Vec::new();
    let mut depth = 0usize;
    let mut k = 0;
    while let Some(&(start, c)) = chars.get(k) {
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        let (kind, next) = if c.is_ascii_digit() {
            let mut j = k + 1;
            loop {
                match chars.get(j) {
                    Some(&(_, d)) if d.is_ascii_digit() => j += 1,
                    Some(&(_, '.' | ','))
                        if chars.get(j + 1).is_some_and(|&(_, d)| d.is_ascii_digit()) =>
                    {
                        j += 2
                    }
                    _ => break,
                }
            }
            (Kind::Num, j)
        } else if is_word_char(c) {
            let mut j = k + 1;
            while chars.get(j).is_some_and(|&(_, d)| is_word_char(d)) {
                j += 1;
            }
            (Kind::Word, j)
        } else {
            (Kind::Punct, k + 1)
        };
        let end = end_of(next);
        let text = s.get(start..end).unwrap_or("");
        if c == ')' {
            depth = depth.saturating_sub(1);
        }
        toks.push(Tok {
            kind,
            text,
            lower: text.to_lowercase(),
            start,
            end,
            depth,
        });
        if c == '(' {
            depth += 1;
        }
        k = next;
    }
    toks
}

/// Token ranges of the clauses: cut at `;` and at a `.` that ends a sentence
/// (followed by a capital letter, a number after a space, or nothing), both
/// outside parentheses.
pub(crate) fn clauses(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, t) in toks.iter().enumerate() {
        let cut = t.depth == 0
            && (t.text == ";"
                || (t.text == "."
                    && toks.get(i + 1).is_none_or(|n| {
                        n.text.chars().next().is_some_and(char::is_uppercase)
                            // `… trên địa bàn tỉnh. 25 nhiệm vụ …`
                            || (n.kind == Kind::Num && n.start > t.end)
                    })));
        if cut {
            out.push((from, i));
            from = i + 1;
        }
    }
    out.push((from, toks.len()));
    out.retain(|(a, b)| a < b);
    out
}

pub(crate) fn word_is(c: &[Tok], i: usize, w: &str) -> bool {
    c.get(i)
        .is_some_and(|t| t.kind == Kind::Word && t.lower == w)
}

pub(crate) fn punct_is(c: &[Tok], i: usize, p: &str) -> bool {
    c.get(i)
        .is_some_and(|t| t.kind == Kind::Punct && t.text == p)
}

pub(crate) fn is_dash(c: &[Tok], i: usize) -> bool {
    c.get(i)
        .is_some_and(|t| t.kind == Kind::Punct && matches!(t.text, "-" | "–" | "—"))
}

pub(crate) fn number(c: &[Tok], i: usize) -> Option<Decimal> {
    c.get(i)
        .filter(|t| t.kind == Kind::Num)
        .and_then(|t| parse_number(t.text))
}

pub(crate) fn year_at(c: &[Tok], i: usize) -> Option<i32> {
    let t = c
        .get(i)
        .filter(|t| t.kind == Kind::Num && t.text.len() == 4)?;
    t.text.parse().ok().filter(|y| (1900..=2200).contains(y))
}

/// Whether the words `ws` stand at `c[i..]`, all at the depth of `c[i]`.
pub(crate) fn words_at(c: &[Tok], i: usize, ws: &[&str]) -> bool {
    let depth = c.get(i).map(|t| t.depth);
    ws.iter()
        .enumerate()
        .all(|(k, w)| word_is(c, i + k, w) && c.get(i + k).map(|t| t.depth) == depth)
}

/// Index of the `)` closing the `(` at `i`.
pub(crate) fn closing(c: &[Tok], i: usize) -> Option<usize> {
    let depth = c.get(i)?.depth;
    (i + 1..c.len()).find(|&j| punct_is(c, j, ")") && c.get(j).is_some_and(|t| t.depth == depth))
}
