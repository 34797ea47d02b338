//! A tiny tokenizer and cursor for calendar phrases. Text is folded first
//! (lowercase, no accents, `đ` → `d`, dashes → `-`), so `Quý II NĂM 2021`
//! and its NFD twin both read `quy` `ii` `nam` `2021`. Private to `vn`.

use std::ops::RangeInclusive;

use super::text::fold_keep_punct;

/// Years we believe a document means. Anything else is a number, not a year.
pub(crate) const YEARS: RangeInclusive<i32> = 1900..=2200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A run of ASCII letters, folded.
    Word(String),
    /// A run of ASCII digits, as written (leading zeros kept).
    Num(String),
    /// Any other character except white space.
    Sym(char),
}

pub(crate) fn tokenize(s: &str) -> Vec<Tok> {
    let folded = fold_keep_punct(s);
    let mut toks = Vec::new();
    let mut chars = folded.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_alphabetic() {
            let mut w = String::new();
            while let Some(&a) = chars.peek().filter(|a| a.is_ascii_alphabetic()) {
                w.push(a);
                chars.next();
            }
            toks.push(Tok::Word(w));
        } else if c.is_ascii_digit() {
            let mut n = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                n.push(d);
                chars.next();
            }
            toks.push(Tok::Num(n));
        } else {
            if !c.is_whitespace() {
                toks.push(Tok::Sym(c));
            }
            chars.next();
        }
    }
    toks
}

/// A position in a token slice. Every `eat`-style method consumes only on
/// success; [`Cursor::attempt`] rewinds a whole failed alternative.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cursor<'t> {
    toks: &'t [Tok],
    pos: usize,
}

impl<'t> Cursor<'t> {
    pub(crate) fn new(toks: &'t [Tok]) -> Self {
        Cursor { toks, pos: 0 }
    }

    pub(crate) fn at(toks: &'t [Tok], pos: usize) -> Self {
        Cursor { toks, pos }
    }

    fn peek(&self) -> Option<&'t Tok> {
        self.toks.get(self.pos)
    }

    /// Runs `f`; on `None` the cursor goes back to where it was.
    pub(crate) fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let saved = self.pos;
        let out = f(self);
        if out.is_none() {
            self.pos = saved;
        }
        out
    }

    /// Consumes the folded word `w`.
    pub(crate) fn word(&mut self, w: &str) -> bool {
        let hit = matches!(self.peek(), Some(Tok::Word(x)) if x == w);
        if hit {
            self.pos += 1;
        }
        hit
    }

    /// Consumes the words `ws` in order, or nothing.
    pub(crate) fn words(&mut self, ws: &[&str]) -> bool {
        self.attempt(|c| ws.iter().all(|w| c.word(w)).then_some(()))
            .is_some()
    }

    /// Consumes the first of `phrases` that matches.
    pub(crate) fn any_words(&mut self, phrases: &[&[&str]]) -> bool {
        phrases.iter().any(|p| self.words(p))
    }

    /// Consumes the symbol `s`.
    pub(crate) fn sym(&mut self, s: char) -> bool {
        let hit = self.peek() == Some(&Tok::Sym(s));
        if hit {
            self.pos += 1;
        }
        hit
    }

    /// Consumes the next token as a word and returns it.
    pub(crate) fn any_word(&mut self) -> Option<&'t str> {
        match self.peek() {
            Some(Tok::Word(w)) => {
                self.pos += 1;
                Some(w.as_str())
            }
            _ => None,
        }
    }

    /// Consumes a number of 1..=`max_digits` digits.
    pub(crate) fn small(&mut self, max_digits: usize) -> Option<u32> {
        match self.peek() {
            Some(Tok::Num(n)) if n.len() <= max_digits => {
                let v = n.parse().ok()?;
                self.pos += 1;
                Some(v)
            }
            _ => None,
        }
    }

    /// Consumes a four-digit number within [`YEARS`].
    pub(crate) fn year(&mut self) -> Option<i32> {
        match self.peek() {
            Some(Tok::Num(n)) if n.len() == 4 => {
                let y: i32 = n.parse().ok()?;
                if !YEARS.contains(&y) {
                    return None;
                }
                self.pos += 1;
                Some(y)
            }
            _ => None,
        }
    }

    /// True when nothing but closing punctuation (`.`, `,`, `;`) is left.
    pub(crate) fn finished(&self) -> bool {
        self.toks
            .get(self.pos..)
            .unwrap_or_default()
            .iter()
            .all(|t| matches!(t, Tok::Sym('.' | ',' | ';')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Tok {
        Tok::Word(s.to_owned())
    }

    fn n(s: &str) -> Tok {
        Tok::Num(s.to_owned())
    }

    #[test]
    fn tokens_are_folded_words_digit_runs_and_symbols() {
        assert_eq!(
            tokenize("Quý II/2025"),
            vec![w("quy"), w("ii"), Tok::Sym('/'), n("2025")]
        );
        assert_eq!(
            tokenize("ngày 19 tháng 01 năm 2024"),
            vec![w("ngay"), n("19"), w("thang"), n("01"), w("nam"), n("2024")]
        );
        assert_eq!(
            tokenize("2021 – 2025"),
            vec![n("2021"), Tok::Sym('-'), n("2025")]
        );
        assert_eq!(tokenize(""), vec![]);
    }

    #[test]
    fn years_are_four_digits_within_the_plausible_range() {
        for (text, want) in [
            ("2024", Some(2024)),
            ("1899", None),
            ("2201", None),
            ("02024", None),
            ("24", None),
        ] {
            let toks = tokenize(text);
            assert_eq!(Cursor::new(&toks).year(), want, "text {text:?}");
        }
    }
}
