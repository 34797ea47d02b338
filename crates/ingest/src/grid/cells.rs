//! Small helpers on cell texts shared by the finders and the reader.

use tiendo_core::vn::{clean_line, fold, roman_to_int};

use super::value::read_value;
use crate::source::Line;

/// A cell's text made plain: the literal `\r\n` some sites leave in the text
/// becomes a space, markdown emphasis around the whole cell (`**x**`, `_x_`)
/// is dropped, spaces are collapsed.
pub(super) fn clean_cell(raw: &str) -> String {
    let spaced = raw
        .replace("\\r\\n", " ")
        .replace("\\n", " ")
        .replace("\\r", " ");
    let text = clean_line(&spaced);
    let trimmed = text
        .trim_matches(|c: char| c == '*' || c == '_')
        .trim()
        .to_owned();
    // Keep a cell that is only stars or underscores as it was.
    if trimmed.is_empty() { text } else { trimmed }
}

/// `I`, `IV`, `XII`: an upper-case Roman numeral (with an optional dot).
pub(super) fn is_roman(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    !s.is_empty()
        && s.chars().count() <= 6
        && s.chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
        && roman_to_int(s).is_some()
}

/// A row number as tables write it: `1`, `1.`, ` 1. `, `7.1`, `I.4`, `II`.
pub(super) fn is_stt(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.').trim();
    if t.is_empty() || t.chars().count() > 8 {
        return false;
    }
    if is_roman(t) {
        return true;
    }
    let mut parts = t.split('.');
    let first = parts.next().unwrap_or("");
    let first_ok =
        (!first.is_empty() && first.len() <= 3 && first.chars().all(|c| c.is_ascii_digit()))
            || is_roman(first);
    first_ok
        && parts.all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
}

/// The row number without its trailing dot and spaces.
pub(super) fn stt_text(s: &str) -> String {
    s.trim().trim_end_matches('.').trim().to_owned()
}

/// A cell that opens an unnumbered sub-row: `- Trong đó: …`, `Trong đó …`, `+ …`.
pub(super) fn opens_sub_row(s: &str) -> bool {
    let t = s.trim();
    let body = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("+ "))
        .or_else(|| t.strip_prefix("– "));
    match body {
        Some(b) => b.chars().next().is_some_and(char::is_alphabetic) && b.chars().count() >= 6,
        None => fold(t).starts_with("trong do "),
    }
}

/// A cell that reads like an indicator or task name: at least three words
/// and not a figure (`Khoảng 6,5`, `Trên 4`).
pub(super) fn is_name_like(s: &str) -> bool {
    let t = s.trim();
    t.split_whitespace().count() >= 3
        && t.chars().any(char::is_alphabetic)
        && read_value(t, false).is_none()
}

/// `Đơn vị tính: Tỷ đồng` (also in `_…_`, `(…)`, `*…*`) → `Tỷ đồng`.
pub(super) fn unit_of_line(text: &str) -> Option<String> {
    let t = clean_cell(text);
    let t = t.trim_matches(|c: char| matches!(c, '(' | ')' | '_' | '*' | ' '));
    let (head, rest) = t.split_once(':')?;
    let key = fold(head);
    if !(key == "don vi tinh" || key == "don vi" || key == "dvt" || key == "dv tinh") {
        return None;
    }
    let unit = rest
        .trim()
        .trim_matches(|c: char| matches!(c, '(' | ')' | '_' | '*' | '.' | ' '));
    (!unit.is_empty() && unit.chars().count() <= 40).then(|| unit.to_owned())
}

/// The unit line among the few non-blank lines just above `start`.
pub(super) fn unit_above(lines: &[Line], start: usize) -> Option<String> {
    lines
        .get(..start)?
        .iter()
        .rev()
        .filter(|l| !l.is_blank())
        .take(3)
        .find_map(|l| unit_of_line(&l.text))
}

/// Makes every row as wide as the widest one.
pub(super) fn pad_rows(rows: &mut [super::GridRow]) {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for row in rows {
        row.cells.resize(width, String::new());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_numbers() {
        for s in ["1", " 1. ", "7.1", "II", "I.4", "12."] {
            assert!(is_stt(s), "{s}");
        }
        for s in ["", "Khoảng 6", "2019-2020", "1,5", "a.b", "2019"] {
            assert!(!is_stt(s), "{s}");
        }
    }

    #[test]
    fn unit_lines() {
        assert_eq!(
            unit_of_line("_Đơn vị tính: Tỷ đồng_").as_deref(),
            Some("Tỷ đồng")
        );
        assert_eq!(
            unit_of_line("(ĐVT: triệu đồng)").as_deref(),
            Some("triệu đồng")
        );
        assert_eq!(unit_of_line("Đơn vị chủ trì: Sở Y tế"), None);
    }
}
