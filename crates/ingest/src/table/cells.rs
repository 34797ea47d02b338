//! One cell's text made plain: line breaks inside a cell become spaces,
//! spacing and Unicode form are normalised, and the inline formatting tags
//! the extractor left (`<i>…</i>`, `<b>…</b>`) are removed and remembered.

use tiendo_core::vn::clean_line;

/// A cell's text and whether it was (partly) set in italics.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Cell {
    pub text: String,
    pub italic: bool,
}

impl Cell {
    pub(super) fn read(raw: &str) -> Cell {
        let (stripped, italic) = strip_tags(raw);
        let flat: String = stripped
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        Cell {
            text: clean_line(&flat),
            italic,
        }
    }
}

/// The formatting tags we drop. Anything else between `<` and `>` is text.
const TAGS: [&str; 5] = ["i", "b", "u", "em", "strong"];

/// Removes `<i>`, `</i>` and the like (any case); reports whether an `<i>` or
/// `<em>` was seen.
pub(super) fn strip_tags(raw: &str) -> (String, bool) {
    let mut out = String::with_capacity(raw.len());
    let mut italic = false;
    let mut rest = raw;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let tag = after.find('>').map(|close| (&after[..close], close));
        match tag {
            Some((inner, close)) if is_format_tag(inner) => {
                let name = inner.trim_start_matches('/').to_ascii_lowercase();
                italic |= name == "i" || name == "em";
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, italic)
}

fn is_format_tag(inner: &str) -> bool {
    let name = inner.strip_prefix('/').unwrap_or(inner);
    TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::strip_tags;

    #[test]
    fn italic_tags_are_removed_and_noted() {
        assert_eq!(strip_tags("<i>Đẩy mạnh</i>"), ("Đẩy mạnh".to_owned(), true));
        assert_eq!(strip_tags("<B>x</B>"), ("x".to_owned(), false));
    }

    #[test]
    fn other_angle_brackets_stay() {
        assert_eq!(
            strip_tags("a < b > c <x>"),
            ("a < b > c <x>".to_owned(), false)
        );
        assert_eq!(strip_tags("<"), ("<".to_owned(), false));
    }
}
