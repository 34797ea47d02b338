//! The kind of an appendix row, read off the first words of its title after
//! the verbs that often lead it (`Xây dựng`, `Lập`, `Triển khai`). Small on
//! purpose: the shared task-line analyser may replace it.

use tiendo_core::catalog::TaskKind;
use tiendo_core::vn::fold;

/// Leading verbs (and the `và` joining them) skipped before the kind word.
const VERBS: [&str; 6] = ["xay dung", "lap", "trien khai", "ban hanh", "to chuc", "va"];

/// Folded opening words and the kind they name. `quy hoạch` (a master plan)
/// and `định hướng` (a sector orientation folded into the master plan) are
/// documents with a deadline, so they count as plans, not measures.
const KINDS: [(&str, TaskKind); 13] = [
    ("de an", TaskKind::Scheme),
    ("ke hoach", TaskKind::Plan),
    ("quy hoach", TaskKind::Plan),
    ("dinh huong", TaskKind::Plan),
    ("du an", TaskKind::Project),
    ("nghi quyet", TaskKind::Resolution),
    ("chi thi", TaskKind::Directive),
    ("chuong trinh", TaskKind::Programme),
    ("quy dinh", TaskKind::Regulation),
    ("quy che", TaskKind::Regulation),
    ("chien luoc", TaskKind::Strategy),
    ("so tay", TaskKind::Handbook),
    ("giai phap", TaskKind::Measure),
];

/// `Đề án …` → Scheme, `Xây dựng chiến lược …` → Strategy, `Lập quy hoạch
/// tỉnh …` → Plan; a title that opens with no kind word is a Measure.
pub fn kind_from_title(title: &str) -> TaskKind {
    let key = fold(title);
    let mut rest = key.as_str();
    // `Xây dựng và triển khai Chương trình …`: at most a few verbs lead.
    for _ in 0..4 {
        match VERBS.iter().find_map(|v| strip_words(rest, v)) {
            Some(after) => rest = after,
            None => break,
        }
    }
    KINDS
        .iter()
        .find(|(words, _)| strip_words(rest, words).is_some())
        .map_or(TaskKind::Measure, |&(_, kind)| kind)
}

/// `rest` without the leading `words`, when they are whole words there.
fn strip_words<'a>(rest: &'a str, words: &str) -> Option<&'a str> {
    let after = rest.strip_prefix(words)?;
    if after.is_empty() {
        Some(after)
    } else {
        after.strip_prefix(' ')
    }
}

#[cfg(test)]
mod tests {
    use super::strip_words;

    #[test]
    fn words_match_whole() {
        assert_eq!(strip_words("de an moi", "de an"), Some("moi"));
        assert_eq!(strip_words("de an", "de an"), Some(""));
        assert_eq!(strip_words("de ang", "de an"), None);
    }
}
