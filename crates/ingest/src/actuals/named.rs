//! Indicators a report names with their assessment but no figure: `03/26
//! chỉ tiêu không đạt so với kế hoạch, đó là chỉ tiêu tỷ lệ trẻ em … ; xây
//! dựng nông thôn mới và chỉ tiêu tai nạn giao thông …`. Without a figure
//! they are no [`tiendo_core::Actual`]; each is said to the clerk as a note,
//! with its assessment, so none is lost.

use tiendo_core::catalog::Note;
use tiendo_core::vn::fold;

/// The indicators listed after an assessed count, as (name, assessment).
pub fn assessed_by_name(text: &str) -> Vec<(String, &'static str)> {
    if !(text.contains("chỉ tiêu") || text.contains("Chỉ tiêu")) {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Each `n/N chỉ tiêu <assessment>` clause and the list that follows it.
    let lower = text.to_lowercase();
    let mut from = 0;
    while let Some(rel) = lower.get(from..).and_then(|t| t.find("chỉ tiêu ")) {
        let at = from + rel + "chỉ tiêu ".len();
        from = at;
        // A count before it (`03/26`, `3`).
        let head = text.get(..at - "chỉ tiêu ".len()).unwrap_or("").trim_end();
        let counted = head
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()));
        if !counted {
            continue;
        }
        let rest = text.get(at..).unwrap_or("");
        let fr = fold(rest);
        let assessment = if fr.starts_with("khong dat") || fr.starts_with("chua dat") {
            "Không đạt"
        } else if fr.starts_with("vuot") {
            "Vượt"
        } else if fr.starts_with("dat") {
            "Đạt"
        } else {
            continue;
        };
        // The list: after `đó là` / `gồm` / `cụ thể là`, to the sentence's end.
        let Some(open) = ["đó là ", "bao gồm ", "gồm ", "cụ thể là "]
            .iter()
            .filter_map(|w| rest.find(w).map(|i| i + w.len()))
            .min()
        else {
            continue;
        };
        // Only when the list belongs to this count: no other count between.
        let between = &rest[..open];
        if between.contains('/') || between.contains(';') {
            continue;
        }
        let list = &rest[open..];
        let list = list.split("./.").next().unwrap_or(list);
        let list = match list.find(". ") {
            Some(e) => &list[..e],
            None => list,
        };
        for piece in list.split(';') {
            for name in piece.split(" và chỉ tiêu ") {
                let name = name.trim().trim_end_matches(['.', ',', '/']).trim();
                let name = name.strip_prefix("chỉ tiêu ").unwrap_or(name).trim();
                if name.split_whitespace().count() >= 2 {
                    out.push((name.to_string(), assessment));
                }
            }
        }
    }
    out
}

/// [`assessed_by_name`] as notes on `line`.
pub fn assessed_notes(text: &str, line: usize) -> Vec<Note> {
    assessed_by_name(text)
        .into_iter()
        .map(|(name, assessment)| {
            Note::new(
                line,
                "assessed_without_figure",
                format!("Chỉ tiêu “{name}”: {assessment} (văn bản không nêu số liệu)"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_not_met_are_named_after_their_count() {
        let got = assessed_by_name(
            "Có 13/26 chỉ tiêu vượt so kế hoạch, trong đó có nhiều chỉ tiêu quan trọng như chỉ \
             tiêu thu ngân sách; 10/26 chỉ tiêu đạt kế hoạch, toàn huyện chỉ có 03/26 chỉ tiêu \
             không đạt so với kế hoạch, đó là chỉ tiêu tỷ lệ trẻ em dưới 01 tuổi được tiêm đủ 8 \
             loại vacxin; xây dựng nông thôn mới và chỉ tiêu tai nạn giao thông đường bộ giảm cả \
             ba tiêu chí về số vụ, số người chết và số người bị thương./.",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names.len(), 3, "{got:#?}");
        assert!(names[0].starts_with("tỷ lệ trẻ em dưới 01 tuổi"));
        assert_eq!(names[1], "xây dựng nông thôn mới");
        assert!(names[2].starts_with("tai nạn giao thông đường bộ"));
        assert!(got.iter().all(|(_, a)| *a == "Không đạt"));
    }

    #[test]
    fn examples_after_nhu_are_not_a_full_list() {
        assert!(
            assessed_by_name(
                "13/26 chỉ tiêu vượt kế hoạch, trong đó có nhiều chỉ tiêu như thu ngân sách."
            )
            .is_empty()
        );
    }
}
