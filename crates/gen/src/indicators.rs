//! The program's targets (chỉ tiêu) and their yearly actuals. Each template
//! says how its values move: a level climbing towards its target, a level
//! falling towards it, a yearly rate that stays about where it is, or a
//! level measured against its base year (`tăng 60% so với năm 2025`). Two
//! thirds of the indicators are drawn on track, the rest off it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use tiendo_core::vn::format_number;
use tiendo_core::{Comparator, Indicator, Target};

use crate::GenActual;
use crate::parts::PLACES;
use crate::rng::{Purpose, Rng};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trend {
    /// A level that must rise to the target by the end of the term.
    Up,
    /// A level that must fall to the target.
    Down,
    /// A yearly rate judged each year on its own.
    Rate,
    /// A level judged against the base year's value (`base` is typical).
    Relative { base: u32 },
}

struct Template {
    section: u8,
    name: &'static str,
    comparator: Comparator,
    value: (i64, u32),
    value_max: Option<(i64, u32)>,
    unit: &'static str,
    trend: Trend,
    decimals: u32,
}

const fn t(
    section: u8,
    name: &'static str,
    comparator: Comparator,
    value: (i64, u32),
    unit: &'static str,
    trend: Trend,
    decimals: u32,
) -> Template {
    Template {
        section,
        name,
        comparator,
        value,
        value_max: None,
        unit,
        trend,
        decimals,
    }
}

use Comparator::*;
use Trend::*;

const TEMPLATES: &[Template] = &[
    Template {
        value_max: Some((85, 1)),
        ..t(
            1,
            "Tốc độ tăng trưởng kinh tế (GRDP) bình quân hằng năm",
            Between,
            (8, 0),
            "%",
            Rate,
            2,
        )
    },
    t(
        1,
        "GRDP bình quân đầu người",
        Reach,
        (5685, 0),
        "USD",
        Up,
        0,
    ),
    t(1, "Tỷ lệ đô thị hóa", Reach, (65, 0), "%", Up, 2),
    t(
        1,
        "Tổng vốn đầu tư phát triển toàn xã hội",
        IncreaseBy,
        (60, 0),
        "%",
        Relative { base: 80_000 },
        0,
    ),
    t(
        1,
        "Thu ngân sách nội địa",
        Times,
        (15, 1),
        "lần",
        Relative { base: 14_600 },
        0,
    ),
    t(
        1,
        "Tốc độ tăng năng suất lao động bình quân",
        AtLeast,
        (77, 1),
        "%",
        Rate,
        2,
    ),
    t(
        1,
        "Tỷ trọng kinh tế số trong GRDP",
        Reach,
        (20, 0),
        "%",
        Up,
        2,
    ),
    t(
        1,
        "Thứ hạng Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
        AtMost,
        (10, 0),
        "hạng",
        Down,
        0,
    ),
    t(
        1,
        "Kim ngạch xuất khẩu hàng hóa",
        Reach,
        (25, 1),
        "tỷ USD",
        Up,
        2,
    ),
    t(
        1,
        "Tổng lượt khách du lịch lưu trú",
        IncreaseBy,
        (50, 0),
        "%",
        Relative { base: 9_500_000 },
        0,
    ),
    t(2, "Tỷ lệ lao động qua đào tạo", Reach, (85, 0), "%", Up, 1),
    t(
        2,
        "Số lao động có việc làm tăng thêm hằng năm",
        AtLeast,
        (11_500, 0),
        "người",
        Rate,
        0,
    ),
    t(
        2,
        "Tỷ lệ thất nghiệp của lao động trong độ tuổi ở khu vực thành thị",
        Below,
        (38, 1),
        "%",
        Down,
        2,
    ),
    t(
        2,
        "Số hộ nghèo theo chuẩn nghèo đa chiều",
        DecreaseBy,
        (50, 0),
        "%",
        Relative { base: 9_800 },
        0,
    ),
    t(
        2,
        "Số bác sĩ trên 10.000 dân",
        Reach,
        (15, 0),
        "bác sĩ",
        Up,
        1,
    ),
    t(
        2,
        "Số giường bệnh trên 10.000 dân",
        AtLeast,
        (40, 0),
        "giường",
        Up,
        1,
    ),
    t(
        2,
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        AtLeast,
        (95, 0),
        "%",
        Up,
        1,
    ),
    t(
        2,
        "Tỷ lệ suy dinh dưỡng thể thấp còi của trẻ em dưới 5 tuổi",
        Below,
        (85, 1),
        "%",
        Down,
        2,
    ),
    t(
        2,
        "Tỷ lệ trường công lập đạt chuẩn quốc gia",
        Reach,
        (75, 0),
        "%",
        Up,
        2,
    ),
    t(
        2,
        "Tỷ lệ xã đạt chuẩn nông thôn mới",
        AtLeast,
        (80, 0),
        "%",
        Up,
        1,
    ),
    t(
        2,
        "Tỷ lệ lao động trong độ tuổi tham gia bảo hiểm xã hội",
        Above,
        (45, 0),
        "%",
        Up,
        1,
    ),
    t(3, "Tỷ lệ che phủ rừng", Above, (465, 1), "%", Up, 2),
    t(
        3,
        "Tỷ lệ dân số đô thị được sử dụng nước sạch",
        Reach,
        (95, 0),
        "%",
        Up,
        1,
    ),
    t(
        3,
        "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý",
        Reach,
        (100, 0),
        "%",
        Up,
        1,
    ),
    t(
        3,
        "Tỷ lệ khu công nghiệp có hệ thống xử lý nước thải tập trung đạt chuẩn",
        Reach,
        (100, 0),
        "%",
        Up,
        1,
    ),
    t(
        3,
        "Lượng phát thải khí nhà kính",
        DecreaseBy,
        (10, 0),
        "%",
        Relative { base: 9_800_000 },
        0,
    ),
    t(
        3,
        "Diện tích khu bảo tồn biển, ven biển so với diện tích vùng biển của tỉnh",
        Reach,
        (6, 0),
        "%",
        Up,
        2,
    ),
    t(
        4,
        "Số đảng viên mới kết nạp hằng năm",
        AtLeast,
        (1_700, 0),
        "đảng viên",
        Rate,
        0,
    ),
    t(
        4,
        "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
        Above,
        (60, 0),
        "%",
        Rate,
        1,
    ),
    t(
        4,
        "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình",
        AtLeast,
        (80, 0),
        "%",
        Up,
        1,
    ),
    t(
        4,
        "Tỷ lệ xã, phường không có tệ nạn ma túy",
        AtLeast,
        (50, 0),
        "%",
        Up,
        1,
    ),
    t(
        4,
        "Mức độ hài lòng của người dân đối với sự phục vụ của cơ quan hành chính",
        AtLeast,
        (90, 0),
        "%",
        Up,
        1,
    ),
];

/// Share of indicators on track.
const ON_TRACK: f64 = 0.65;

/// How many indicators a province of `tasks` tasks has: one per 50 tasks,
/// at least five.
pub(crate) fn count(tasks: usize) -> usize {
    (tasks / 50).max(5)
}

/// Powers of ten for the scales used here.
const TEN: [f64; 4] = [1.0, 10.0, 100.0, 1000.0];

fn dec(value: f64, decimals: u32) -> Decimal {
    let scale = TEN[(decimals as usize).min(3)];
    Decimal::new((value * scale).round() as i64, decimals)
}

/// A template's `(mantissa, scale)` as a float.
fn float((mantissa, scale): (i64, u32)) -> f64 {
    mantissa as f64 / TEN[(scale as usize).min(3)]
}

/// Indicator `index` with its target for `term_end` and base `base_year`,
/// and its actuals for `years` (each: year, recorded on, estimate).
pub(crate) fn indicator(
    seed: u64,
    index: usize,
    term_end: i32,
    base_year: i32,
    years: &[(i32, NaiveDate, bool)],
    actuals: &mut Vec<GenActual>,
) -> Indicator {
    let mut rng = Rng::item(seed, index, Purpose::Indicator);
    let tpl = &TEMPLATES[index % TEMPLATES.len()];
    let round = index / TEMPLATES.len();
    let name = match round {
        0 => tpl.name.to_string(),
        r if r <= PLACES.len() => format!("{} - {}", tpl.name, PLACES[r - 1]),
        r => format!(
            "{} - {} (nhóm {})",
            tpl.name,
            PLACES[(r - 1) % PLACES.len()],
            (r - 1) / PLACES.len() + 1
        ),
    };
    let value = Decimal::new(tpl.value.0, tpl.value.1);
    let value_max = tpl.value_max.map(|(m, s)| Decimal::new(m, s));
    let relative = matches!(tpl.trend, Relative { .. });
    let target = Target {
        comparator: tpl.comparator,
        value,
        value_max,
        unit: tpl.unit.to_string(),
        year: (tpl.trend != Rate).then_some(term_end),
        base_year: relative.then_some(base_year),
    };
    let source = format!(
        "{}{} {}.",
        name,
        match target.year {
            Some(y) => format!(" đến năm {y}"),
            None => String::new(),
        },
        phrase(&target)
    );

    let on_track = rng.chance(ON_TRACK);
    let v = float(tpl.value);
    let v_max = tpl.value_max.map_or(v, float);
    let first = years.first().map_or(base_year, |y| y.0);
    let steps = f64::from((term_end - first + 1).max(1));
    // How far along the path to the target each year gets.
    let pace = if on_track {
        rng.between(1.0, 1.15)
    } else {
        rng.between(0.35, 0.75)
    };
    let start_level = match tpl.trend {
        Up => v * rng.between(0.75, 0.92),
        Down => v * rng.between(1.15, 1.5),
        Rate | Relative { .. } => 0.0,
    };
    let rate = match (tpl.comparator, on_track) {
        (Between, true) => v + (v_max - v) * rng.between(0.3, 0.7),
        (Between, false) => v * rng.between(0.8, 0.95),
        (_, true) => v * rng.between(1.02, 1.1),
        (_, false) => v * rng.between(0.75, 0.95),
    };
    let base_value = match tpl.trend {
        Relative { base } => f64::from(base) * rng.between(0.9, 1.1),
        _ => 0.0,
    };
    let goal = match tpl.comparator {
        IncreaseBy => base_value * (1.0 + v / 100.0),
        DecreaseBy => base_value * (1.0 - v / 100.0),
        Times => base_value * v,
        _ => v,
    };
    for &(year, recorded_on, estimate) in years {
        let done = f64::from(year - first + 1) / steps;
        let raw = match tpl.trend {
            Up | Down => start_level + (v - start_level) * (done * pace).min(1.2),
            Rate => rate * rng.between(0.995, 1.005),
            Relative { .. } if year == base_year => base_value,
            Relative { .. } => {
                let since = f64::from(year - base_year) / f64::from((term_end - base_year).max(1));
                base_value + (goal - base_value) * (since * pace).min(1.2)
            }
        };
        let raw = if tpl.unit == "%" && !relative {
            raw.clamp(0.0, 100.0)
        } else {
            raw.max(0.0)
        };
        actuals.push(GenActual {
            indicator: index as u32,
            year,
            value: dec(raw, tpl.decimals),
            estimate,
            recorded_on,
        });
    }

    Indicator {
        section: tpl.section.to_string(),
        name,
        target,
        source,
        line: index + 1,
        task: None,
    }
}

/// `đạt trên 46,5%`, `tăng 60% so với năm 2025`.
fn phrase(target: &Target) -> String {
    let n = |d: Decimal| format_number(d);
    let unit = |d: Decimal| {
        if target.unit == "%" {
            format!("{}%", n(d))
        } else {
            format!("{} {}", n(d), target.unit)
        }
    };
    let base = target
        .base_year
        .map_or_else(String::new, |y| format!(" so với năm {y}"));
    match target.comparator {
        Reach => format!("đạt {}", unit(target.value)),
        Above => format!("đạt trên {}", unit(target.value)),
        AtLeast => format!("đạt ít nhất {}", unit(target.value)),
        Below => format!("dưới {}", unit(target.value)),
        AtMost => format!("không quá {}", unit(target.value)),
        Between => format!(
            "đạt từ {} - {}",
            n(target.value),
            unit(target.value_max.unwrap_or(target.value))
        ),
        IncreaseBy => format!("tăng {}{base}", unit(target.value)),
        DecreaseBy => format!("giảm {}{base}", unit(target.value)),
        Times => format!("gấp {} lần{base}", n(target.value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_like_the_documents() {
        let mut actuals = Vec::new();
        let i = indicator(1, 0, 2030, 2025, &[], &mut actuals);
        assert_eq!(
            i.source,
            "Tốc độ tăng trưởng kinh tế (GRDP) bình quân hằng năm đạt từ 8 - 8,5%."
        );
        let i = indicator(1, 3, 2030, 2025, &[], &mut actuals);
        assert_eq!(
            i.source,
            "Tổng vốn đầu tư phát triển toàn xã hội đến năm 2030 tăng 60% so với năm 2025."
        );
        assert_eq!(i.target.base_year, Some(2025));
        let i = indicator(1, TEMPLATES.len() + 2, 2030, 2025, &[], &mut actuals);
        assert!(i.name.ends_with(" - phường Nha Trang"), "{}", i.name);
    }

    #[test]
    fn a_relative_indicator_records_its_base_year() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let years = [(2025, d, false), (2026, d, true)];
        let mut actuals = Vec::new();
        indicator(3, 3, 2030, 2025, &years, &mut actuals);
        assert_eq!(actuals.len(), 2);
        assert!(actuals[0].value > Decimal::ZERO);
        assert!(actuals[1].value > actuals[0].value, "investment grows");
    }
}
