//! Looking for a lowercase phrase in text of any case without lowercasing
//! the whole text first: the head readers test every line of a document for
//! a few phrases, and most lines hold none of them.

/// Whether `c` is `lower` in some case. ASCII is settled without the
/// Unicode case tables.
fn same_letter(c: char, lower: char) -> bool {
    if c == lower {
        return true;
    }
    if c.is_ascii() || lower.is_ascii() {
        return c.to_ascii_lowercase() == lower;
    }
    c.to_lowercase().eq(std::iter::once(lower))
}

/// Whether `text` opens with `lower` (a lowercase phrase) in any case.
pub(crate) fn starts_with(text: &str, lower: &str) -> bool {
    let mut chars = text.chars();
    lower
        .chars()
        .all(|l| chars.next().is_some_and(|c| same_letter(c, l)))
}

/// Byte offset in `text` of the first place it reads `lower` (a lowercase
/// phrase) in any case.
pub(crate) fn find(text: &str, lower: &str) -> Option<usize> {
    let first = lower.chars().next()?;
    text.char_indices()
        .find(|&(i, c)| same_letter(c, first) && starts_with(&text[i..], lower))
        .map(|(i, _)| i)
}

/// The text after the first place it reads `lower`, in any case.
pub(crate) fn after<'a>(text: &'a str, lower: &str) -> Option<&'a str> {
    let i = find(text, lower)?;
    let mut rest = &text[i..];
    for _ in lower.chars() {
        let mut chars = rest.chars();
        chars.next();
        rest = chars.as_str();
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_phrase_in_any_case() {
        assert_eq!(
            find("Kèm theo CHƯƠNG TRÌNH HÀNH ĐỘNG SỐ 12", "chương trình"),
            Some(10)
        );
        assert_eq!(find("Người Ký: Lê Văn A", "người ký"), Some(0));
        assert_eq!(find("không có", "ngày"), None);
        assert_eq!(
            after("Ngày ban hành: 26/05/2017", "ngày ban hành"),
            Some(": 26/05/2017")
        );
        assert!(starts_with("Đảng Cộng sản", "đảng"));
        assert!(!starts_with("Đa", "đảng"));
    }
}
