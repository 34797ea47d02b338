//! Folded text (`[a-z0-9 ]`, single spaces) with a map back to the original,
//! so what is matched folded is cut out of the text as written.

use tiendo_core::vn::fold;

/// `text` is the folded form (`[a-z0-9 ]`, single spaces); `map[i]` is the
/// byte offset in the original of the character that produced byte `i`, and
/// one last entry holds the original length.
pub(crate) struct Folded {
    pub(crate) text: String,
    pub(crate) map: Vec<usize>,
}

impl Folded {
    pub(crate) fn new(s: &str) -> Self {
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
    pub(crate) fn orig(&self, i: usize) -> usize {
        let last = self.map.last().copied().unwrap_or(0);
        self.map.get(i).copied().unwrap_or(last)
    }

    pub(crate) fn is_start(&self, i: usize) -> bool {
        i == 0 || self.text.as_bytes().get(i.wrapping_sub(1)) == Some(&b' ')
    }

    pub(crate) fn is_end(&self, i: usize) -> bool {
        i >= self.text.len() || self.text.as_bytes().get(i) == Some(&b' ')
    }

    /// First whole-word occurrence of `kw` at or after `from`.
    pub(crate) fn find(&self, kw: &str, from: usize) -> Option<usize> {
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
    pub(crate) fn at(&self, kw: &str, at: usize) -> bool {
        self.is_start(at)
            && self.text.get(at..).is_some_and(|t| t.starts_with(kw))
            && self.is_end(at + kw.len())
    }

    /// The folded word that ends right before `at` (skipping one space).
    pub(crate) fn word_before(&self, at: usize) -> &str {
        let head = self.text.get(..at).unwrap_or("").trim_end();
        head.rsplit(' ').next().unwrap_or("")
    }

    /// The folded word starting at `at`.
    pub(crate) fn word_at(&self, at: usize) -> &str {
        let tail = self.text.get(at..).unwrap_or("");
        tail.split(' ').next().unwrap_or("")
    }

    /// Start of the word after the one at `at`.
    pub(crate) fn next_word(&self, at: usize) -> usize {
        match self.text.get(at..).and_then(|t| t.find(' ')) {
            Some(rel) => at + rel + 1,
            None => self.text.len(),
        }
    }
}
