//! Matching the tasks of two versions of a program by what they say, not by
//! where they sit: between a draft and the issued text sections are
//! renumbered and titles reworded. Words are weighted by rarity, so the
//! phrases every title shares (`tỉnh Khánh Hòa`, `giai đoạn`) count for little.

use std::collections::HashMap;

use crate::catalog::Task;
use crate::vn::fold;

/// Below this weighted word overlap two titles are different tasks.
pub const MATCH_THRESHOLD: f64 = 0.5;

/// What changed between two versions' task lists (indices into them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskDiff {
    /// Indices into `new` of tasks with no counterpart in `old`.
    pub added: Vec<usize>,
    /// Indices into `old` of tasks with no counterpart in `new`.
    pub removed: Vec<usize>,
    /// Matched pairs whose text differs: (old, new, similarity 0..1).
    pub reworded: Vec<(usize, usize, f64)>,
    /// Matched pairs with the same text but another section: (old, new).
    pub moved: Vec<(usize, usize)>,
    /// Pairs identical in text and place.
    pub unchanged: usize,
}

impl TaskDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.reworded.is_empty()
            && self.moved.is_empty()
    }
}

/// For each task of `new`, the index of the task of `old` it continues, or
/// `None` when it is new. Each old task is matched at most once; only tasks of
/// the same part are matched.
pub fn match_tasks(old: &[Task], new: &[Task]) -> Vec<Option<usize>> {
    let old_keys: Vec<String> = old.iter().map(|t| fold(&t.title)).collect();
    let new_keys: Vec<String> = new.iter().map(|t| fold(&t.title)).collect();
    let mut result = vec![None; new.len()];
    let mut old_taken = vec![false; old.len()];

    // Identical text first, in order, so repeated titles pair up one to one.
    let mut by_key: HashMap<(crate::catalog::Part, &str), Vec<usize>> = HashMap::new();
    for (i, k) in old_keys.iter().enumerate().rev() {
        by_key.entry((old[i].part, k.as_str())).or_default().push(i);
    }
    for (j, k) in new_keys.iter().enumerate() {
        if let Some(stack) = by_key.get_mut(&(new[j].part, k.as_str()))
            && let Some(i) = stack.pop()
        {
            result[j] = Some(i);
            old_taken[i] = true;
        }
    }

    // Then the best remaining pairs by weighted word overlap, greedily.
    let weights = Weights::new(old_keys.iter().chain(new_keys.iter()).map(String::as_str));
    let old_bags: Vec<Bag> = old_keys.iter().map(|k| weights.bag(k)).collect();
    let new_bags: Vec<Bag> = new_keys.iter().map(|k| weights.bag(k)).collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (j, nb) in new_bags.iter().enumerate() {
        if result[j].is_some() {
            continue;
        }
        for (i, ob) in old_bags.iter().enumerate() {
            if old_taken[i] || old[i].part != new[j].part {
                continue;
            }
            let score = ob.similarity(nb);
            if score >= MATCH_THRESHOLD {
                candidates.push((score, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in candidates {
        if !old_taken[i] && result[j].is_none() {
            old_taken[i] = true;
            result[j] = Some(i);
        }
    }
    result
}

/// Tasks added, removed, reworded and moved between two versions.
pub fn diff_tasks(old: &[Task], new: &[Task]) -> TaskDiff {
    let matches = match_tasks(old, new);
    let mut diff = TaskDiff::default();
    let mut seen = vec![false; old.len()];
    let all_keys: Vec<String> = old
        .iter()
        .chain(new.iter())
        .map(|t| fold(&t.title))
        .collect();
    let weights = Weights::new(all_keys.iter().map(String::as_str));
    for (j, m) in matches.iter().enumerate() {
        match *m {
            None => diff.added.push(j),
            Some(i) => {
                seen[i] = true;
                let (a, b) = (&all_keys[i], &all_keys[old.len() + j]);
                if a != b || old[i].kind != new[j].kind {
                    let score = weights.bag(a).similarity(&weights.bag(b));
                    diff.reworded.push((i, j, score));
                } else if old[i].section != new[j].section {
                    diff.moved.push((i, j));
                } else {
                    diff.unchanged += 1;
                }
            }
        }
    }
    diff.removed = seen
        .iter()
        .enumerate()
        .filter(|(_, s)| !**s)
        .map(|(i, _)| i)
        .collect();
    diff
}

/// Similarity of two texts in 0..=1 by shared words (unweighted), after folding.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (fold(a), fold(b));
    let weights = Weights::uniform();
    weights.bag(&a).similarity(&weights.bag(&b))
}

/// Inverse document frequency of each word over all titles being compared.
struct Weights {
    idf: HashMap<String, f64>,
    uniform: bool,
}

impl Weights {
    fn new<'a>(docs: impl Iterator<Item = &'a str>) -> Self {
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut n = 0usize;
        for d in docs {
            n += 1;
            let mut words: Vec<&str> = d.split_whitespace().collect();
            words.sort_unstable();
            words.dedup();
            for w in words {
                *df.entry(w.to_string()).or_default() += 1;
            }
        }
        let idf = df
            .into_iter()
            .map(|(w, c)| (w, (1.0 + n as f64 / c as f64).ln()))
            .collect();
        Weights {
            idf,
            uniform: false,
        }
    }

    fn uniform() -> Self {
        Weights {
            idf: HashMap::new(),
            uniform: true,
        }
    }

    fn bag(&self, folded: &str) -> Bag {
        let mut words: Vec<(String, f64)> = folded
            .split_whitespace()
            .map(|w| {
                let weight = if self.uniform {
                    1.0
                } else {
                    self.idf.get(w).copied().unwrap_or(1.0)
                };
                (w.to_string(), weight)
            })
            .collect();
        words.sort_by(|a, b| a.0.cmp(&b.0));
        words.dedup_by(|a, b| a.0 == b.0);
        let total = words.iter().map(|w| w.1).sum();
        Bag { words, total }
    }
}

/// A title's distinct words with their weights, sorted for a merge.
struct Bag {
    words: Vec<(String, f64)>,
    total: f64,
}

impl Bag {
    /// Weighted Dice coefficient.
    fn similarity(&self, other: &Bag) -> f64 {
        if self.total + other.total == 0.0 {
            return 0.0;
        }
        let (mut i, mut j, mut common) = (0, 0, 0.0);
        while i < self.words.len() && j < other.words.len() {
            match self.words[i].0.cmp(&other.words[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += self.words[i].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * common / (self.total + other.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Part, TaskKind};

    fn task(section: &str, title: &str) -> Task {
        Task::new(Part::Tasks, section, TaskKind::Scheme, title)
    }

    #[test]
    fn renumbered_and_reworded_tasks_are_matched_by_text() {
        let old = vec![
            task(
                "1.1.a",
                "Đề án phát triển ngành công nghiệp trở thành trụ cột tăng trưởng",
            ),
            task(
                "1.2.a",
                "Đề án phát triển khu du lịch Vân Phong thành khu du lịch quốc gia",
            ),
            task(
                "1.3",
                "Đề án chuyển đổi số ngành du lịch giai đoạn 2026 - 2030",
            ),
        ];
        let new = vec![
            task(
                "2.1",
                "Đề án phát triển khu du lịch Vân Phong trở thành khu du lịch quốc gia",
            ),
            task(
                "1.1",
                "Đề án phát triển ngành công nghiệp trở thành trụ cột tăng trưởng",
            ),
            task("1.4", "Kế hoạch bảo vệ môi trường giai đoạn 2026 - 2030"),
        ];
        assert_eq!(match_tasks(&old, &new), vec![Some(1), Some(0), None]);
        let d = diff_tasks(&old, &new);
        assert_eq!(d.added, vec![2]);
        assert_eq!(d.removed, vec![2]);
        assert_eq!(d.reworded.len(), 1);
        assert_eq!((d.reworded[0].0, d.reworded[0].1), (1, 0));
        assert_eq!(d.moved, vec![(0, 1)]);
    }

    #[test]
    fn identical_lists_have_no_differences() {
        let tasks = vec![
            task("1", "Đề án A"),
            task("1", "Đề án A"),
            task("2", "Kế hoạch B"),
        ];
        let d = diff_tasks(&tasks, &tasks);
        assert!(d.is_empty());
        assert_eq!(d.unchanged, 3);
    }

    #[test]
    fn tasks_of_different_parts_never_match() {
        let old = vec![task("1", "Đề án phát triển kinh tế biển")];
        let mut other = task("I.1", "Đề án phát triển kinh tế biển");
        other.part = Part::Appendix;
        assert_eq!(match_tasks(&old, &[other]), vec![None]);
    }

    #[test]
    fn similarity_ignores_case_and_diacritics() {
        assert!((similarity("Kế hoạch giáo dục", "KE HOACH GIAO DUC") - 1.0).abs() < 1e-9);
        assert_eq!(similarity("", ""), 0.0);
    }
}
