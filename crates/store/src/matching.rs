//! Which task or indicator of the previous version each new one continues,
//! so ids stay stable across versions. Tasks use the core's matcher; the
//! answer is checked here (each old item taken at most once) before use.

use std::collections::HashMap;

use tiendo_core::Indicator;
use tiendo_core::Task;
use tiendo_core::vn::fold;

/// For each task of `new`, the index in `old` whose id it keeps.
pub(crate) fn match_tasks(old: &[Task], new: &[Task]) -> Vec<Option<usize>> {
    one_to_one(
        tiendo_core::diff::match_tasks(old, new),
        old.len(),
        new.len(),
    )
}

/// For each indicator of `new`, the index in `old` whose id it keeps: same
/// folded name and year first, then same folded name; in document order,
/// each old indicator taken once.
pub(crate) fn match_indicators(old: &[Indicator], new: &[Indicator]) -> Vec<Option<usize>> {
    let old_keys: Vec<String> = old.iter().map(|i| fold(&i.name)).collect();
    let new_keys: Vec<String> = new.iter().map(|i| fold(&i.name)).collect();
    let mut result = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    let passes: [&dyn Fn(usize, usize) -> bool; 2] =
        [&|i, j| old[i].target.year == new[j].target.year, &|_, _| {
            true
        }];
    for same in passes {
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, k) in old_keys.iter().enumerate() {
            if !taken[i] {
                by_name.entry(k.as_str()).or_default().push(i);
            }
        }
        for (j, k) in new_keys.iter().enumerate() {
            if result[j].is_some() {
                continue;
            }
            let Some(candidates) = by_name.get_mut(k.as_str()) else {
                continue;
            };
            if let Some(pos) = candidates.iter().position(|&i| !taken[i] && same(i, j)) {
                let i = candidates.remove(pos);
                taken[i] = true;
                result[j] = Some(i);
            }
        }
    }
    result
}

/// Drops matches that point outside `old` or reuse an old item, so two new
/// items can never share an id whatever the matcher answered.
fn one_to_one(
    mut matches: Vec<Option<usize>>,
    old_len: usize,
    new_len: usize,
) -> Vec<Option<usize>> {
    matches.resize(new_len, None);
    let mut taken = vec![false; old_len];
    for m in &mut matches {
        if let Some(i) = *m {
            if i >= old_len || taken[i] {
                tracing::warn!(old = i, "matcher answer dropped: out of range or reused");
                *m = None;
            } else {
                taken[i] = true;
            }
        }
    }
    matches
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;
    use tiendo_core::{Comparator, Target};

    use super::*;

    fn ind(name: &str, year: Option<i32>) -> Indicator {
        Indicator {
            section: "1".into(),
            name: name.into(),
            target: Target {
                comparator: Comparator::Reach,
                value: Decimal::ONE,
                value_max: None,
                unit: "%".into(),
                year,
                base_year: None,
            },
            source: String::new(),
            line: 0,
            task: None,
        }
    }

    #[test]
    fn one_to_one_drops_reused_and_out_of_range_answers() {
        assert_eq!(
            one_to_one(vec![Some(0), Some(0), Some(5), None], 2, 4),
            vec![Some(0), None, None, None]
        );
        assert_eq!(one_to_one(vec![], 2, 2), vec![None, None]);
    }

    #[test]
    fn indicators_match_by_name_and_year_before_name_alone() {
        let old = [
            ind("Tỷ lệ che phủ rừng", Some(2025)),
            ind("Tỷ lệ che phủ rừng", Some(2030)),
        ];
        let new = [
            ind("Tỷ lệ che phủ rừng", Some(2030)),
            ind("Tỷ lệ che phủ rừng", Some(2026)),
            ind("Số giường bệnh", None),
        ];
        assert_eq!(match_indicators(&old, &new), vec![Some(1), Some(0), None]);
    }
}
