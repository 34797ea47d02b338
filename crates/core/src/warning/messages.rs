//! Every Vietnamese sentence a warning carries, in one place, so wording is
//! reviewed here and the rules stay arithmetic. Numbers are written the
//! Vietnamese way (`1.254,5`), dates as `dd/mm/yyyy`. The task sentences are
//! appended to a `String` piece by piece: a first sweep writes millions.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::RuleId;
use super::text::{put_int, put_vn_date, put_vn_number, put_vn_percent};
use crate::catalog::Comparator;
use crate::vn::format_number;

pub(super) fn rule_label(rule: RuleId) -> &'static str {
    match rule {
        RuleId::Overdue => "Quá hạn",
        RuleId::BehindPlan => "Chậm so với kế hoạch",
        RuleId::ForecastLate => "Dự báo trễ hạn",
        RuleId::MissingReport => "Chưa gửi báo cáo",
        RuleId::Stalled => "Không có tiến triển",
        RuleId::FundingGap => "Thiếu vốn",
        RuleId::LowDisbursement => "Giải ngân chậm",
        RuleId::IndicatorOffTrack => "Chỉ tiêu có nguy cơ không đạt",
    }
}

/// ` (báo cáo tháng 9/2025)`, or nothing when the caller has no label.
fn paren(out: &mut String, label: &str) {
    let label = label.trim();
    if !label.is_empty() {
        out.push_str(" (");
        out.push_str(label);
        out.push(')');
    }
}

pub(super) fn overdue(out: &mut String, days: i64, deadline: NaiveDate) {
    out.push_str("Quá hạn ");
    put_int(out, days);
    out.push_str(" ngày: thời hạn ");
    put_vn_date(out, deadline);
    out.push_str(", chưa hoàn thành");
}

pub(super) fn due_soon(out: &mut String, days_left: i64, deadline: NaiveDate) {
    if days_left == 0 {
        out.push_str("Đến hạn hôm nay (");
        put_vn_date(out, deadline);
        out.push_str("), chưa hoàn thành");
    } else {
        out.push_str("Sắp đến hạn: còn ");
        put_int(out, days_left);
        out.push_str(" ngày (thời hạn ");
        put_vn_date(out, deadline);
        out.push_str("), chưa hoàn thành");
    }
}

pub(super) fn behind_plan(
    out: &mut String,
    lag: Decimal,
    planned: Decimal,
    reported: Decimal,
    label: &str,
) {
    out.push_str("Chậm ");
    put_vn_number(out, lag);
    out.push_str(" điểm % so với kế hoạch: kế hoạch ");
    put_vn_percent(out, planned);
    out.push_str(", thực tế ");
    put_vn_percent(out, reported);
    paren(out, label);
}

pub(super) fn forecast_late(
    out: &mut String,
    projected: NaiveDate,
    deadline: NaiveDate,
    days_late: i64,
) {
    out.push_str("Dự báo hoàn thành ngày ");
    put_vn_date(out, projected);
    out.push_str(", sau thời hạn ");
    put_vn_date(out, deadline);
    out.push_str(" (");
    put_int(out, days_late);
    out.push_str(" ngày)");
}

pub(super) fn forecast_no_progress(
    out: &mut String,
    since: NaiveDate,
    percent: Decimal,
    deadline: NaiveDate,
) {
    out.push_str("Dự báo không hoàn thành trước thời hạn ");
    put_vn_date(out, deadline);
    out.push_str(": không có tiến triển từ ngày ");
    put_vn_date(out, since);
    out.push_str(" (");
    put_vn_percent(out, percent);
    out.push(')');
}

pub(super) fn forecast_too_slow(out: &mut String, deadline: NaiveDate) {
    out.push_str("Dự báo không hoàn thành trước thời hạn ");
    put_vn_date(out, deadline);
    out.push_str(": theo tốc độ hiện nay cần hơn 100 năm");
}

pub(super) fn missing_report(out: &mut String, periods: u32, last_due: &str) {
    out.push_str("Chưa gửi báo cáo ");
    put_int(out, i64::from(periods));
    out.push_str(if periods == 1 {
        " kỳ"
    } else {
        " kỳ liên tiếp"
    });
    let last_due = last_due.trim();
    if !last_due.is_empty() {
        out.push_str(" (gần nhất: ");
        out.push_str(last_due);
        out.push(')');
    }
}

pub(super) fn stalled(out: &mut String, reports: u32, percent: Decimal) {
    out.push_str("Không có tiến triển qua ");
    put_int(out, i64::from(reports));
    out.push_str(" kỳ báo cáo liên tiếp (");
    put_vn_percent(out, percent);
    out.push(')');
}

pub(super) fn funding_gap(out: &mut String, required: Decimal, allocated: Decimal, share: Decimal) {
    out.push_str("Thiếu vốn: cần ");
    put_vn_number(out, required);
    out.push_str(" đồng, mới bố trí ");
    put_vn_number(out, allocated);
    out.push_str(" đồng (thiếu ");
    put_vn_percent(out, share);
    out.push(')');
}

pub(super) fn low_disbursement(
    out: &mut String,
    actual: Decimal,
    expected: Decimal,
    today: NaiveDate,
) {
    out.push_str("Giải ngân ");
    put_vn_percent(out, actual);
    out.push_str(" vốn được bố trí, thấp hơn mức ");
    put_vn_percent(out, expected);
    out.push_str(" dự kiến đến ngày ");
    put_vn_date(out, today);
}

fn pct(d: Decimal) -> String {
    format!("{}%", format_number(d))
}

/// `44,1%`, `1.700 USD`, `12` — a value with the indicator's unit.
pub(super) fn quantity(value: Decimal, unit: &str) -> String {
    let unit = unit.trim();
    match unit {
        "" => format_number(value),
        "%" => pct(value),
        _ => format!("{} {unit}", format_number(value)),
    }
}

/// What the target says, in the document's words: `trên 46,5%`,
/// `từ 8% đến 8,5%`, `tăng 13% so với năm 2020 (tức từ 113 trở lên)`.
pub(super) fn target_phrase(
    comparator: Comparator,
    value: Decimal,
    value_max: Option<Decimal>,
    unit: &str,
    base_year: Option<i32>,
    goal: Decimal,
) -> String {
    let q = |v| quantity(v, unit);
    let base = match base_year {
        Some(y) => format!("so với năm {y}"),
        None => "so với năm gốc".to_string(),
    };
    let goal = format_number(goal);
    match comparator {
        Comparator::Reach => format!("đạt {}", q(value)),
        Comparator::Above => format!("trên {}", q(value)),
        Comparator::AtLeast => format!("từ {} trở lên", q(value)),
        Comparator::Below => format!("dưới {}", q(value)),
        Comparator::AtMost => format!("không quá {}", q(value)),
        Comparator::Between => format!("từ {} đến {}", q(value), q(value_max.unwrap_or(value))),
        Comparator::IncreaseBy => format!("tăng {} {base} (tức từ {goal} trở lên)", q(value)),
        Comparator::DecreaseBy => format!("giảm {} {base} (tức không quá {goal})", q(value)),
        Comparator::Times => format!("gấp {} {base} (tức từ {goal} trở lên)", q(value)),
    }
}

/// A target as a reader says it, with its year: `trên 46,5% vào năm 2025`,
/// `tăng 13% so với năm 2020 vào năm 2030`.
pub fn target_words(target: &crate::Target) -> String {
    let q = |v| quantity(v, &target.unit);
    let base = target
        .base_year
        .map(|y| format!(" so với năm {y}"))
        .unwrap_or_default();
    let words = match target.comparator {
        Comparator::Reach => format!("đạt {}", q(target.value)),
        Comparator::Above => format!("trên {}", q(target.value)),
        Comparator::AtLeast => format!("từ {} trở lên", q(target.value)),
        Comparator::Below => format!("dưới {}", q(target.value)),
        Comparator::AtMost => format!("không quá {}", q(target.value)),
        Comparator::Between => format!(
            "từ {} đến {}",
            q(target.value),
            q(target.value_max.unwrap_or(target.value))
        ),
        Comparator::IncreaseBy => format!("tăng {}{base}", q(target.value)),
        Comparator::DecreaseBy => format!("giảm {}{base}", q(target.value)),
        Comparator::Times => format!("gấp {} lần{base}", format_number(target.value)),
    };
    match target.year {
        Some(y) => format!("{words} vào năm {y}"),
        None => words,
    }
}

pub(super) fn indicator_off_track(
    year: i32,
    projected: bool,
    reached: &str,
    target: &str,
) -> String {
    if projected {
        format!("Dự báo năm {year} đạt {reached}, chỉ tiêu {target}")
    } else {
        format!("Năm {year} đạt {reached}, chỉ tiêu {target}")
    }
}

#[cfg(test)]
mod target_tests {
    use super::*;
    use crate::Target;

    fn target(comparator: Comparator, value: &str, unit: &str) -> Target {
        Target {
            comparator,
            value: value.parse().unwrap(),
            value_max: None,
            unit: unit.into(),
            year: Some(2025),
            base_year: None,
        }
    }

    #[test]
    fn targets_read_as_the_document_writes_them() {
        assert_eq!(
            target_words(&target(Comparator::Above, "46.5", "%")),
            "trên 46,5% vào năm 2025"
        );
        let mut income = target(Comparator::AtLeast, "1700", "USD");
        income.year = None;
        assert_eq!(target_words(&income), "từ 1.700 USD trở lên");
        let mut growth = target(Comparator::IncreaseBy, "13", "%");
        growth.base_year = Some(2020);
        assert_eq!(
            target_words(&growth),
            "tăng 13% so với năm 2020 vào năm 2025"
        );
        let mut band = target(Comparator::Between, "8", "%");
        band.value_max = Some("8.5".parse().unwrap());
        assert_eq!(target_words(&band), "từ 8% đến 8,5% vào năm 2025");
    }
}
