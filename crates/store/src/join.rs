//! An appendix joining the program it belongs to. The appendix table of a
//! program (PHỤ LỤC: one row per task with its lead agency and deadline) is
//! often published, or read, apart from the body. Imported into a program
//! that already has a version, it must not replace the body's tasks: a row
//! that describes a body task fills what the body left unsaid about it (lead
//! agency, deadline, product, coordinators …), and the rows the body does
//! not have become tasks of the appendix. The result is the next version's
//! catalog; joining the same appendix again gives the same catalog, so a
//! second import changes nothing (same fingerprint).

use tiendo_core::vn::fold;
use tiendo_core::{Catalog, Part, Task};

/// At or above this score a row and a body task are the same work.
pub const ROW_MATCH_THRESHOLD: f64 = 0.75;

/// What joining one appendix did, row by row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppendixCounts {
    /// Rows of the appendix.
    pub rows: usize,
    /// Rows that described a body task and filled at least one of its fields.
    pub filled: usize,
    /// Rows that described a body task that already said all the row says.
    pub matched: usize,
    /// Rows already in the program's appendix (an earlier import of this table).
    pub present: usize,
    /// Rows that became new tasks of the appendix.
    pub added: usize,
}

/// Words that say nothing about which task a title names: filler, the
/// period (`giai đoạn 2026 - 2030`, `tầm nhìn đến năm 2045`), the province.
const FILLER: &[&str] = &[
    "cac", "cua", "va", "ve", "voi", "cho", "theo", "tren", "trong", "tai", "nhung", "giai",
    "doan", "den", "nam", "tam", "nhin", "dinh", "huong", "thoi", "ky", "tinh", "dia", "ban",
    "giua", "nham", "de", "xay", "dung", "trien", "khai",
];

/// The words of a title that tell tasks apart, in order: folded, no
/// numbers, no filler.
fn sequence(title: &str) -> Vec<String> {
    fold(title)
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()) && !FILLER.contains(w))
        .map(str::to_string)
        .collect()
}

/// A title as the matcher sees it: its distinct words, sorted, and its
/// pairs of neighbouring words (phrases), sorted.
struct Words {
    words: Vec<String>,
    pairs: Vec<(String, String)>,
}

fn words(title: &str) -> Words {
    let seq = sequence(title);
    let mut pairs: Vec<(String, String)> = seq
        .windows(2)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut words = seq;
    words.sort_unstable();
    words.dedup();
    Words { words, pairs }
}

/// How surely an appendix row and a body task name the same work, 0..=1.
/// The better of two readings:
/// - the mean of the shared words over the shorter title and over both
///   (Dice): `Kế hoạch phát triển du lịch` and `Kế hoạch phát triển nông
///   nghiệp` score 0.67, under the threshold;
/// - the share of the row's phrases (neighbouring words) found in the body
///   task, when the row has at least four: a row shortens the body's
///   title or names a plan inside a longer measure (`Đề án thí điểm xây
///   dựng khu dân cư điện tử` in `Triển khai Đề án thí điểm xây dựng Khu
///   dân cư điện tử, từng bước …` is 1), while a long measure that merely
///   uses the same words in other places shares few phrases.
pub fn row_similarity(row: &str, task: &str) -> f64 {
    score(&words(row), &words(task))
}

/// Fewest phrases a row needs for its phrases alone to match it.
const MIN_PAIRS: usize = 4;

fn score(row: &Words, task: &Words) -> f64 {
    let (a, b) = (&row.words, &task.words);
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count() as f64;
    let (la, lb) = (a.len() as f64, b.len() as f64);
    let by_words = 0.5 * shared / la.min(lb) + 0.5 * 2.0 * shared / (la + lb);
    let by_phrases = if row.pairs.len() >= MIN_PAIRS {
        let found = row
            .pairs
            .iter()
            .filter(|p| task.pairs.binary_search(p).is_ok())
            .count();
        found as f64 / row.pairs.len() as f64
    } else {
        0.0
    };
    by_words.max(by_phrases)
}

/// `current` (the program's latest version) with `appendix` joined to it.
/// Every task of `current` stays, in its place; the body's tasks may gain
/// fields, the appendix's earlier rows are replaced by the same rows read
/// again, new rows come last. The program, sections and agencies of
/// `current` stay; the appendix's sections and agencies that are new follow.
pub fn join_appendix(current: &Catalog, appendix: &Catalog) -> (Catalog, AppendixCounts) {
    let mut out = Catalog {
        program: current.program.clone(),
        sections: current.sections.clone(),
        tasks: current.tasks.clone(),
        indicators: current.indicators.clone(),
        agencies: current.agencies.clone(),
        ..Catalog::default()
    };
    let mut counts = AppendixCounts {
        rows: appendix.tasks.len(),
        ..AppendixCounts::default()
    };
    for s in &appendix.sections {
        if !out
            .sections
            .iter()
            .any(|o| o.part == s.part && o.number == s.number)
        {
            out.sections.push(s.clone());
        }
    }
    for a in &appendix.agencies {
        if !out.agencies.contains(a) {
            out.agencies.push(a.clone());
        }
    }

    let rows: Vec<Task> = appendix
        .tasks
        .iter()
        .map(|t| Task {
            part: Part::Appendix,
            ..t.clone()
        })
        .collect();
    // 1. Rows an earlier import of this appendix already added: same text.
    let mut claimed = vec![false; out.tasks.len()];
    let mut placed = vec![false; rows.len()];
    for (r, row) in rows.iter().enumerate() {
        let key = fold(&row.title);
        let found = out
            .tasks
            .iter()
            .enumerate()
            .find(|(i, t)| !claimed[*i] && t.part == Part::Appendix && fold(&t.title) == key)
            .map(|(i, _)| i);
        if let Some(i) = found {
            claimed[i] = true;
            placed[r] = true;
            counts.present += 1;
            out.tasks[i] = row.clone();
        }
    }

    // 2. Rows that describe a body task: the best pairs first, one to one.
    let body_words: Vec<Option<Words>> = out
        .tasks
        .iter()
        .map(|t| (t.part == Part::Tasks).then(|| words(&t.title)))
        .collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if placed[r] {
            continue;
        }
        let rw = words(&row.title);
        for (i, bw) in body_words.iter().enumerate() {
            let Some(bw) = bw else { continue };
            let s = score(&rw, bw);
            if s >= ROW_MATCH_THRESHOLD {
                pairs.push((s, r, i));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, r, i) in pairs {
        if placed[r] || claimed[i] {
            continue;
        }
        placed[r] = true;
        claimed[i] = true;
        if fill(&mut out.tasks[i], &rows[r]) {
            counts.filled += 1;
        } else {
            counts.matched += 1;
        }
    }

    // 3. The rest are tasks the body does not have.
    for (r, row) in rows.into_iter().enumerate() {
        if !placed[r] {
            counts.added += 1;
            out.tasks.push(row);
        }
    }
    (out, counts)
}

/// Gives `task` what `row` says and it does not; true if anything changed.
fn fill(task: &mut Task, row: &Task) -> bool {
    let mut changed = false;
    if task.lead_agency.is_none() && row.lead_agency.is_some() {
        task.lead_agency = row.lead_agency.clone();
        changed = true;
    }
    if task.deadline.is_none()
        && task.deadline_text.is_none()
        && (row.deadline.is_some() || row.deadline_text.is_some())
    {
        task.deadline = row.deadline;
        task.deadline_text = row.deadline_text.clone();
        changed = true;
    }
    if task.product.is_none() && row.product.is_some() {
        task.product = row.product.clone();
        changed = true;
    }
    if task.coordinators.is_empty() && !row.coordinators.is_empty() {
        task.coordinators = row.coordinators.clone();
        changed = true;
    }
    if task.review_level.is_empty() && !row.review_level.is_empty() {
        task.review_level = row.review_level.clone();
        changed = true;
    }
    if task.issuing_body.is_none() && row.issuing_body.is_some() {
        task.issuing_body = row.issuing_body.clone();
        changed = true;
    }
    if task.funding.is_none() && row.funding.is_some() {
        task.funding = row.funding.clone();
        changed = true;
    }
    changed
}

#[cfg(test)]
mod tests {
    use tiendo_core::{Section, TaskKind};

    use super::*;

    fn body(title: &str) -> Task {
        Task::new(Part::Tasks, "1", TaskKind::Scheme, title)
    }

    fn row(stt: &str, title: &str, lead: &str, deadline: &str) -> Task {
        let mut t = Task::new(Part::Appendix, "I", TaskKind::Scheme, title);
        t.stt = Some(stt.into());
        t.lead_agency = Some(lead.into());
        t.deadline_text = Some(deadline.into());
        t
    }

    fn program() -> Catalog {
        let mut with_lead =
            body("Đề án nâng cao chất lượng đội ngũ cán bộ cấp xã nhiệm kỳ 2025 - 2030");
        with_lead.lead_agency = Some("Ban Tổ chức Tỉnh ủy".into());
        Catalog {
            tasks: vec![
                body(
                    "Đề án phát triển các khu công nghiệp tập trung của tỉnh An Lạc giai đoạn 2026 - 2030, tầm nhìn đến năm 2045.",
                ),
                body("Kế hoạch phát triển du lịch tỉnh An Lạc giai đoạn 2026 - 2030."),
                with_lead,
            ],
            agencies: vec!["Ban Tổ chức Tỉnh ủy".into()],
            ..Catalog::default()
        }
    }

    fn appendix() -> Catalog {
        Catalog {
            sections: vec![Section {
                part: Part::Appendix,
                number: "I".into(),
                title: "Về kinh tế".into(),
                parent: None,
            }],
            tasks: vec![
                row(
                    "1",
                    "Đề án phát triển các khu công nghiệp tập trung giai đoạn 2026 - 2030",
                    "Sở Công Thương",
                    "Quý II năm 2026",
                ),
                row(
                    "2",
                    "Kế hoạch phát triển nông nghiệp giai đoạn 2026 - 2030",
                    "Sở Nông nghiệp và Môi trường",
                    "Quý III năm 2026",
                ),
                row(
                    "3",
                    "Đề án nâng cao chất lượng đội ngũ cán bộ cấp xã",
                    "Sở Nội vụ",
                    "Quý I năm 2026",
                ),
            ],
            agencies: vec!["Sở Công Thương".into(), "Sở Nội vụ".into()],
            ..Catalog::default()
        }
    }

    #[test]
    fn a_shortened_title_is_the_same_work_and_a_neighbour_is_not() {
        assert!(
            row_similarity(
                "Đề án phát triển các khu công nghiệp tập trung giai đoạn 2026 - 2030",
                "Đề án phát triển các khu công nghiệp tập trung của tỉnh An Lạc giai đoạn 2026 - 2030, tầm nhìn đến năm 2045."
            ) >= ROW_MATCH_THRESHOLD
        );
        assert!(
            row_similarity(
                "Kế hoạch phát triển du lịch",
                "Kế hoạch phát triển nông nghiệp"
            ) < ROW_MATCH_THRESHOLD
        );
        assert_eq!(row_similarity("", "Đề án"), 0.0);
    }

    #[test]
    fn rows_fill_the_body_where_it_is_silent_and_the_rest_are_added() {
        let (joined, counts) = join_appendix(&program(), &appendix());
        assert_eq!(
            counts,
            AppendixCounts {
                rows: 3,
                filled: 2,
                matched: 0,
                present: 0,
                added: 1,
            }
        );
        assert_eq!(joined.tasks.len(), 4);
        let first = &joined.tasks[0];
        assert_eq!(first.part, Part::Tasks);
        assert_eq!(first.lead_agency.as_deref(), Some("Sở Công Thương"));
        assert_eq!(first.deadline_text.as_deref(), Some("Quý II năm 2026"));
        // The body named its lead: the row's other lead does not replace it,
        // but the deadline the body lacked is taken.
        let cadres = &joined.tasks[2];
        assert_eq!(cadres.lead_agency.as_deref(), Some("Ban Tổ chức Tỉnh ủy"));
        assert_eq!(cadres.deadline_text.as_deref(), Some("Quý I năm 2026"));
        assert_eq!(joined.tasks[1].lead_agency, None);
        let added = &joined.tasks[3];
        assert_eq!(added.part, Part::Appendix);
        assert!(added.title.starts_with("Kế hoạch phát triển nông nghiệp"));
        assert_eq!(joined.sections.len(), 1);
        assert_eq!(
            joined.agencies,
            vec!["Ban Tổ chức Tỉnh ủy", "Sở Công Thương", "Sở Nội vụ"]
        );
    }

    #[test]
    fn joining_the_same_appendix_again_changes_nothing() {
        let (once, _) = join_appendix(&program(), &appendix());
        let (twice, counts) = join_appendix(&once, &appendix());
        assert_eq!(twice, once);
        assert_eq!(counts.present, 1);
        assert_eq!(counts.matched, 2);
        assert_eq!(counts.filled + counts.added, 0);
    }
}
