//! The reporting rhythm a program text states: `trước ngày 18 hằng tháng`
//! (monthly), `trước ngày 30 tháng 11` (yearly), `trước ngày 08/02/2024`
//! (once), `theo định kỳ hằng năm` (annual, no date), and any other cadence
//! with who reports to whom: `hàng tháng báo cáo kết quả về Văn phòng UBND
//! tỉnh` (monthly, no day), `định kỳ hàng quý gửi về Sở Xây dựng (trước
//! ngày 20 tháng cuối quý)` (quarterly, by the 20th).

use chrono::NaiveDate;
use tiendo_core::catalog::{Cadence, ReportingRule};
use tiendo_core::vn::fold;

use crate::directive;

/// Every rule found in these texts, in order, without repeats.
pub fn reporting_rules<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<ReportingRule> {
    let mut out: Vec<ReportingRule> = Vec::new();
    let mut annual: Option<String> = None;
    for text in texts {
        let mut dated = false;
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
            if !found && annual.is_none() && f.contains("dinh ky hang nam") {
                annual = Some(sentence.to_string());
            }
            dated |= found;
        }
        // The subject of a duty may stand sentences before it (`các cơ
        // quan, đơn vị … Đồng thời, …; hàng tháng báo cáo kết quả về …`).
        if !dated {
            for rule in periodic(text) {
                if !out.contains(&rule) {
                    out.push(rule);
                }
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

/// A report that comes back every month, quarter or half-year, read where
/// the dated forms found nothing: who reports, to whom, and its day when
/// the text gives one (`trước ngày 20 tháng cuối quý`). A yearly one with
/// no date is [`ReportingRule::Annual`].
fn periodic(text: &str) -> Vec<ReportingRule> {
    let f = fold(text);
    if !f.contains("bao cao") || !(f.contains("hang") || f.contains("dinh ky")) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for duty in directive::duties(text, None) {
        if !fold(&duty.action).contains("bao cao") {
            continue;
        }
        let every = match duty.recurring.as_deref().map(fold).as_deref() {
            Some("hang thang") => Cadence::Month,
            Some("hang quy") => Cadence::Quarter,
            Some("6 thang" | "sau thang" | "hang 6 thang") => Cadence::HalfYear,
            _ => continue,
        };
        // `trước ngày 20 (của) tháng cuối quý`: the day, in the period's last month.
        let when = duty.deadline_text.as_deref().map(fold).unwrap_or_default();
        let w: Vec<&str> = when.split_whitespace().collect();
        let day = (0..w.len().saturating_sub(2))
            .filter(|&i| w[i] == "truoc" && w[i + 1] == "ngay")
            .find_map(|i| {
                let day: u8 = w.get(i + 2)?.parse().ok()?;
                let k = i + 3 + usize::from(w.get(i + 3) == Some(&"cua"));
                let last_month = w.get(k) == Some(&"thang") && w.get(k + 1) == Some(&"cuoi");
                ((1..=31).contains(&day) && last_month).then_some(day)
            });
        // The sentence that says it.
        let said = sentences(text)
            .into_iter()
            .find(|s| {
                let fs = fold(s);
                fs.contains("bao cao")
                    && (fs.contains(&fold(duty.recurring.as_deref().unwrap_or("")))
                        || fs.contains("dinh ky"))
            })
            .unwrap_or(text);
        out.push(ReportingRule::Periodic {
            every,
            day,
            by: duty.agencies,
            to: duty.recipients,
            text: said.trim().to_string(),
        });
    }
    if out.is_empty() {
        out.extend(sentences(text).into_iter().filter_map(cadence_only));
    }
    out
}

/// `Định kỳ 6 tháng một lần, các sở, ngành báo cáo kết quả về Sở Nội vụ`:
/// the cadence and the report in one sentence but not in one clause, so no
/// duty carries both; where the reports go, when the text says.
fn cadence_only(sentence: &str) -> Option<ReportingRule> {
    let f = fold(sentence);
    if !f.contains("bao cao") {
        return None;
    }
    let every = if f.contains("hang quy") || f.contains("moi quy") {
        Cadence::Quarter
    } else if f.contains("6 thang mot lan") || f.contains("dinh ky 6 thang") {
        Cadence::HalfYear
    } else if f.contains("hang thang") || f.contains("moi thang") {
        Cadence::Month
    } else {
        return None;
    };
    // `… báo cáo kết quả về Sở Nội vụ`: the agencies after `về` or `gửi`.
    // `to_lowercase` keeps these letters' byte lengths, so offsets hold.
    let lower = sentence.to_lowercase();
    let report = lower.find("báo cáo")?;
    let to = [" về ", " gửi "]
        .iter()
        .filter_map(|w| lower.get(report..)?.find(w).map(|i| report + i + w.len()))
        .min()
        .and_then(|i| sentence.get(i..))
        .map(directive::agencies)
        .unwrap_or_default();
    Some(ReportingRule::Periodic {
        every,
        day: None,
        by: Vec::new(),
        to,
        text: sentence.trim().to_string(),
    })
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
    fn monthly_with_no_day_names_who_reports_and_to_whom() {
        let r = rules(
            "Các cơ quan, đơn vị, UBND huyện, thành phố triển khai giao chỉ tiêu kế hoạch chi \
             tiết cho các đơn vị trực thuộc. Đồng thời, tổ chức hướng dẫn, kiểm tra và đôn đốc \
             các đơn vị thực hiện; hàng tháng báo cáo kết quả về Văn phòng UBND tỉnh, Sở Kế \
             hoạch và Đầu tư theo quy định để tổng hợp, báo cáo UBND tỉnh.",
        );
        let [
            ReportingRule::Periodic {
                every: Cadence::Month,
                day: None,
                to,
                ..
            },
        ] = &r[..]
        else {
            panic!("{r:#?}")
        };
        assert_eq!(to, &["Văn phòng UBND tỉnh", "Sở Kế hoạch và Đầu tư"]);
    }

    #[test]
    fn quarterly_before_the_20th_of_the_quarters_last_month() {
        let r = rules(
            "Ủy ban nhân dân quận, huyện tổng hợp, báo cáo tình hình thực hiện định kỳ hàng quý \
             gửi về Sở Xây dựng (trước ngày 20 tháng cuối quý) để tổng hợp.",
        );
        let [
            ReportingRule::Periodic {
                every: Cadence::Quarter,
                day: Some(20),
                by,
                to,
                ..
            },
        ] = &r[..]
        else {
            panic!("{r:#?}")
        };
        assert_eq!(by, &["Ủy ban nhân dân quận, huyện"]);
        assert_eq!(to, &["Sở Xây dựng"]);
    }

    #[test]
    fn every_six_months_and_a_task_deadline_are_told_apart() {
        let r = rules("Định kỳ 6 tháng một lần, các sở, ngành báo cáo kết quả về Sở Nội vụ.");
        let [
            ReportingRule::Periodic {
                every: Cadence::HalfYear,
                day: None,
                to,
                ..
            },
        ] = &r[..]
        else {
            panic!("{r:#?}")
        };
        assert_eq!(to, &["Sở Nội vụ"]);
        // A duty with no report in it sets no reporting rhythm.
        assert!(rules("Các sở, ngành hằng tháng kiểm tra, đôn đốc việc thực hiện.").is_empty());
    }

    #[test]
    fn impossible_dates_are_not_rules() {
        assert!(rules("trước ngày 31 tháng 2").is_empty());
        assert!(rules("trước ngày 40 hằng tháng").is_empty());
        assert!(rules("trước ngày").is_empty());
    }
}
