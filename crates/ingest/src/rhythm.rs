//! The reporting rhythm a program text states: `trước ngày 18 hằng tháng`
//! (monthly), `trước ngày 30 tháng 11` (yearly), `trước ngày 08/02/2024`
//! (once), `theo định kỳ hằng năm` (annual, no date).

use chrono::NaiveDate;
use tiendo_core::catalog::ReportingRule;
use tiendo_core::vn::fold;

/// Every rule found in these texts, in order, without repeats.
pub fn reporting_rules<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<ReportingRule> {
    let mut out: Vec<ReportingRule> = Vec::new();
    let mut annual: Option<String> = None;
    for text in texts {
        for sentence in sentences(text) {
            let f = fold(sentence);
            let words: Vec<&str> = f.split_whitespace().collect();
            let mut found = false;
            for i in 0..words.len().saturating_sub(2) {
                if words[i] != "truoc" || words[i + 1] != "ngay" {
                    continue;
                }
                if let Some(rule) = rule_at(&words[i + 2..], sentence) {
                    found = true;
                    if !out.contains(&rule) {
                        out.push(rule);
                    }
                }
            }
            if !found
                && annual.is_none()
                && (f.contains("dinh ky hang nam") || f.contains("dinh ky hang nam"))
            {
                annual = Some(sentence.to_string());
            }
        }
    }
    if let Some(text) = annual
        && !out
            .iter()
            .any(|r| matches!(r, ReportingRule::Yearly { .. }))
    {
        out.push(ReportingRule::Annual { text });
    }
    out
}

fn rule_at(w: &[&str], sentence: &str) -> Option<ReportingRule> {
    let num = |i: usize| w.get(i).and_then(|s| s.parse::<u32>().ok());
    let day = num(0)?;
    let text = sentence.trim().to_string();
    // `18 hằng tháng` / `18 hàng tháng`
    if w.get(1) == Some(&"hang") && w.get(2) == Some(&"thang") && (1..=31).contains(&day) {
        return Some(ReportingRule::Monthly {
            day: day as u8,
            text,
        });
    }
    // `30 tháng 11` (+ optional `năm 2024`)
    if w.get(1) == Some(&"thang") {
        let month = num(2)?;
        if w.get(3) == Some(&"nam")
            && let Some(year) = num(4)
        {
            let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
            return Some(ReportingRule::Once { date, text });
        }
        NaiveDate::from_ymd_opt(2000, month, day)?;
        return Some(ReportingRule::Yearly {
            month: month as u8,
            day: day as u8,
            text,
        });
    }
    // `08/02/2024` folds to `08 02 2024`
    let (month, year) = (num(1)?, num(2)?);
    if year >= 1900 {
        let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
        return Some(ReportingRule::Once { date, text });
    }
    None
}

/// Split on sentence ends that are followed by a space (`./.` and `08/02` stay whole).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if c == '.' && bytes.get(i + 1) == Some(&b' ') {
            out.push(&text[start..=i]);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<ReportingRule> {
        reporting_rules(std::iter::once(text))
    }

    #[test]
    fn monthly_before_the_18th() {
        let r = rules("Định kỳ báo cáo kết quả thực hiện trước ngày 18 hàng tháng.");
        assert!(matches!(r[..], [ReportingRule::Monthly { day: 18, .. }]));
        let r = rules("báo cáo trước ngày 18 hằng tháng");
        assert!(matches!(r[..], [ReportingRule::Monthly { day: 18, .. }]));
    }

    #[test]
    fn yearly_before_november_30() {
        let r = rules(
            "báo cáo kết quả thực hiện năm 2024 (trước ngày 30 tháng 11) cho Ủy ban nhân dân tỉnh",
        );
        assert!(matches!(
            r[..],
            [ReportingRule::Yearly {
                month: 11,
                day: 30,
                ..
            }]
        ));
    }

    #[test]
    fn once_by_a_fixed_date() {
        let r = rules(
            "báo cáo Ủy ban nhân dân tỉnh trước ngày 08/02/2024 (đồng gửi Sở Kế hoạch và Đầu tư).",
        );
        let expected = NaiveDate::from_ymd_opt(2024, 2, 8).unwrap();
        assert!(matches!(r[..], [ReportingRule::Once { date, .. }] if date == expected));
    }

    #[test]
    fn annual_review_without_a_date() {
        let r = rules("báo cáo Ban Chấp hành Đảng bộ tỉnh theo định kỳ hằng năm.");
        assert!(matches!(r[..], [ReportingRule::Annual { .. }]));
    }

    #[test]
    fn impossible_dates_are_not_rules() {
        assert!(rules("trước ngày 31 tháng 2").is_empty());
        assert!(rules("trước ngày 40 hằng tháng").is_empty());
        assert!(rules("trước ngày").is_empty());
    }
}
