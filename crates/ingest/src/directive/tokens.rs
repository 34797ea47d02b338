//! The token list every reader here works on: words, numbers and single
//! punctuation marks that remember where they sit in the text, with their
//! folded keys, and the phrase look-ups over them.

use tiendo_core::vn::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters, maybe with digits (`Đề`, `án3`, `17h00`, `TT`).
    Word,
    /// ASCII digits only.
    Num,
    /// One character that is neither a letter, a digit nor a space.
    Punct,
}

#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: Kind,
    /// Folded form of a word; the character itself for punctuation.
    pub(super) key: String,
    /// Opens with a capital letter (or is a number).
    pub(super) cap: bool,
    /// The word as written, lowercased: folding makes `Sổ` and `Sở`, `Bổ`
    /// and `Bộ` one key, and only one of each names an agency. Kept only for
    /// the words whose key is such a head; empty for the others.
    pub(super) lower: String,
}

impl Tok {
    pub(super) fn is(&self, key: &str) -> bool {
        self.kind != Kind::Punct && self.key == key
    }
    pub(super) fn punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.key.starts_with(c)
    }
    pub(super) fn num(&self) -> Option<u32> {
        if self.kind == Kind::Num && self.key.len() <= 4 {
            self.key.parse().ok()
        } else {
            None
        }
    }
}

pub(super) fn is_mark(c: char) -> bool {
    // Combining diacritics, for texts that arrive decomposed.
    matches!(c, '\u{0300}'..='\u{036F}')
}

pub(super) fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    let flush = |out: &mut Vec<Tok>, s: usize, e: usize| {
        let raw = text.get(s..e).unwrap_or("");
        let all_digits = raw.chars().all(|c| c.is_ascii_digit());
        let key = fold(raw);
        // Only the one-word agency heads are told apart by their marks.
        let lower = if super::agency::needs_exact_form(&key) {
            raw.to_lowercase()
        } else {
            String::new()
        };
        out.push(Tok {
            start: s,
            end: e,
            kind: if all_digits { Kind::Num } else { Kind::Word },
            key,
            cap: raw
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
            lower,
        });
    };
    for (i, c) in text.char_indices() {
        if tiendo_core::vn::is_alphanumeric(c) || (is_mark(c) && word_start.is_some()) {
            if word_start.is_none() {
                word_start = Some(i);
            }
            continue;
        }
        if let Some(s) = word_start.take() {
            flush(&mut out, s, i);
        }
        if !c.is_whitespace() && !is_mark(c) {
            let dash = matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}');
            out.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                kind: Kind::Punct,
                key: if dash { "-".into() } else { c.to_string() },
                cap: false,
                lower: String::new(),
            });
        }
    }
    if let Some(s) = word_start {
        flush(&mut out, s, text.len());
    }
    out
}

/// Do the words from `i` on read `phrase` (folded, space separated)?
/// Compared word by word on the bytes, without splitting the phrase: this
/// runs for every token against every phrase of a list.
pub(super) fn phrase_at(toks: &[Tok], i: usize, phrase: &str) -> bool {
    let mut rest = phrase;
    let mut j = i;
    loop {
        let Some(t) = toks.get(j) else {
            return false;
        };
        if t.kind == Kind::Punct || t.key.is_empty() {
            return false;
        }
        let Some(after) = rest.strip_prefix(t.key.as_str()) else {
            return false;
        };
        if after.is_empty() {
            return true;
        }
        let Some(next) = after.strip_prefix(' ') else {
            return false;
        };
        rest = next;
        j += 1;
    }
}

pub(super) fn phrase_len(phrase: &str) -> usize {
    phrase.split(' ').count()
}

/// The first phrase of `list` found at `i`, as its length in tokens.
pub(super) fn any_at(toks: &[Tok], i: usize, list: &[&str]) -> Option<usize> {
    list.iter()
        .find(|p| phrase_at(toks, i, p))
        .map(|p| phrase_len(p))
}

pub(super) fn slice(text: &str, toks: &[Tok], from: usize, to_incl: usize) -> String {
    match (toks.get(from), toks.get(to_incl)) {
        (Some(a), Some(b)) if a.start <= b.end => {
            text.get(a.start..b.end).unwrap_or("").to_string()
        }
        _ => String::new(),
    }
}
