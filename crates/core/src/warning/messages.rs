//! Every Vietnamese sentence a warning carries, in one place, so wording is
//! reviewed here and the rules stay arithmetic. Numbers are written the
//! Vietnamese way (`1.254,5`), dates as `dd/mm/yyyy`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::RuleId;
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

fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn pct(d: Decimal) -> String {
    format!("{}%", format_number(d))
}

fn dong(d: Decimal) -> String {
    format!("{} đồng", format_number(d))
}

/// ` (báo cáo tháng 9/2025)`, or nothing when the caller has no label.
fn paren(label: &str) -> String {
    let label = label.trim();
    if label.is_empty() {
        String::new()
    } else {
        format!(" ({label})")
    }
}

pub(super) fn overdue(days: i64, deadline: NaiveDate) -> String {
    format!(
        "Quá hạn {days} ngày: thời hạn {}, chưa hoàn thành",
        date(deadline)
    )
}

pub(super) fn due_soon(days_left: i64, deadline: NaiveDate) -> String {
    if days_left == 0 {
        format!("Đến hạn hôm nay ({}), chưa hoàn thành", date(deadline))
    } else {
        format!(
            "Sắp đến hạn: còn {days_left} ngày (thời hạn {}), chưa hoàn thành",
            date(deadline)
        )
    }
}

pub(super) fn behind_plan(
    lag: Decimal,
    planned: Decimal,
    reported: Decimal,
    label: &str,
) -> String {
    format!(
        "Chậm {} điểm % so với kế hoạch: kế hoạch {}, thực tế {}{}",
        format_number(lag),
        pct(planned),
        pct(reported),
        paren(label)
    )
}

pub(super) fn forecast_late(projected: NaiveDate, deadline: NaiveDate, days_late: i64) -> String {
    format!(
        "Dự báo hoàn thành ngày {}, sau thời hạn {} ({days_late} ngày)",
        date(projected),
        date(deadline)
    )
}

pub(super) fn forecast_no_progress(
    since: NaiveDate,
    percent: Decimal,
    deadline: NaiveDate,
) -> String {
    format!(
        "Dự báo không hoàn thành trước thời hạn {}: không có tiến triển từ ngày {} ({})",
        date(deadline),
        date(since),
        pct(percent)
    )
}

pub(super) fn forecast_too_slow(deadline: NaiveDate) -> String {
    format!(
        "Dự báo không hoàn thành trước thời hạn {}: theo tốc độ hiện nay cần hơn 100 năm",
        date(deadline)
    )
}

pub(super) fn missing_report(periods: u32, last_due: &str) -> String {
    let last_due = last_due.trim();
    let tail = if last_due.is_empty() {
        String::new()
    } else {
        format!(" (gần nhất: {last_due})")
    };
    if periods == 1 {
        format!("Chưa gửi báo cáo 1 kỳ{tail}")
    } else {
        format!("Chưa gửi báo cáo {periods} kỳ liên tiếp{tail}")
    }
}

pub(super) fn stalled(reports: u32, percent: Decimal) -> String {
    format!(
        "Không có tiến triển qua {reports} kỳ báo cáo liên tiếp ({})",
        pct(percent)
    )
}

pub(super) fn funding_gap(required: Decimal, allocated: Decimal, share: Decimal) -> String {
    format!(
        "Thiếu vốn: cần {}, mới bố trí {} (thiếu {})",
        dong(required),
        dong(allocated),
        pct(share)
    )
}

pub(super) fn low_disbursement(actual: Decimal, expected: Decimal, today: NaiveDate) -> String {
    format!(
        "Giải ngân {} vốn được bố trí, thấp hơn mức {} dự kiến đến ngày {}",
        pct(actual),
        pct(expected),
        date(today)
    )
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
