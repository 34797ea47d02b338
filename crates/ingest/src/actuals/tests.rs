use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rust_decimal::Decimal;
use tiendo_core::catalog::{Actual, Basis, Comparator, Indicator, Target};

use super::*;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/other-provinces")
}

/// The paragraphs of a corpus file (non-blank lines after the SOURCE
/// line) with their 1-based line numbers; `None` when the corpus is absent.
fn corpus(prefix: &str) -> Option<Vec<(usize, String)>> {
    let dir = corpus_dir();
    let entry = std::fs::read_dir(&dir).ok().and_then(|mut entries| {
        entries.find_map(|e| {
            let e = e.ok()?;
            e.file_name()
                .to_str()?
                .starts_with(prefix)
                .then(|| e.path())
        })
    });
    let Some(path) = entry else {
        eprintln!(
            "skipped: corpus file {prefix}* not found in {}",
            dir.display()
        );
        return None;
    };
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .enumerate()
            .skip(1)
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| (n + 1, l.to_string()))
            .collect(),
    )
}

/// Every actual of a corpus file, read with the document's period.
fn corpus_actuals(prefix: &str) -> Option<Vec<Actual>> {
    let paragraphs = corpus(prefix)?;
    let whole: String = paragraphs
        .iter()
        .map(|(_, p)| p.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let period = period_of(&whole);
    Some(
        paragraphs
            .iter()
            .flat_map(|(n, p)| read_actuals(p, *n, period.as_ref()))
            .collect(),
    )
}

fn show(all: &[Actual]) -> String {
    all.iter()
        .map(|a| {
            format!(
                "{} | {:?} {} {} approx={} est={} basis={:?} period={:?}/{:?} assess={:?}",
                a.name,
                a.comparator,
                a.value,
                a.unit,
                a.approximate,
                a.estimate,
                a.basis,
                a.period,
                a.year,
                a.assessment
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Find the one actual with this name and value.
fn find<'a>(all: &'a [Actual], name: &str, value: &str) -> &'a Actual {
    all.iter()
        .find(|a| a.name == name && a.value == dec(value))
        .unwrap_or_else(|| panic!("no {name} = {value} in\n{}", show(all)))
}

fn indicator(name: &str, unit: &str) -> Indicator {
    Indicator {
        section: "1".into(),
        name: name.into(),
        target: Target {
            comparator: Comparator::Reach,
            value: Decimal::ONE,
            value_max: None,
            unit: unit.into(),
            year: Some(2025),
            base_year: None,
        },
        source: String::new(),
        line: 1,
        task: None,
    }
}

/// A Party committee's six-month conclusion, in the shape they take:
/// results in part I, directions in part II.
const CONCLUSION: &str = "KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY
về tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2025
I- ĐÁNH GIÁ TÌNH HÌNH 6 THÁNG ĐẦU NĂM 2025
Sáu tháng đầu năm 2025, tình hình kinh tế - xã hội của tỉnh tiếp tục phát triển. GRDP tăng 6,5%; thu ngân sách đạt 13.200 tỷ đồng, bằng 52,8% dự toán, tăng 16,4%; kim ngạch xuất khẩu ước đạt 1,45 tỷ USD, tăng 8,2% so với năm 2024.
Theo báo cáo, tổng vốn đầu tư toàn xã hội đạt khoảng 21.500 tỷ đồng, bằng 46,3% kế hoạch năm; khách du lịch đạt hơn 2,1 triệu lượt, tăng gấp 1,5 lần năm 2024. Tỷ lệ giải ngân vốn đầu tư công đến ngày 30/6/2025 mới đạt 31,2%, thấp hơn bình quân cả nước (35,1%).
II- PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025
Phấn đấu tốc độ tăng trưởng GRDP cả năm đạt 8% trở lên; thu ngân sách đạt 25.000 tỷ đồng.";

fn conclusion_paragraphs() -> Vec<(usize, &'static str)> {
    CONCLUSION
        .lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l))
        .collect()
}

#[test]
fn conclusion_reads_three_figures_of_budget_revenue() {
    let period = period_of(CONCLUSION);
    assert_eq!(
        period,
        Some(("6 tháng đầu năm 2025".to_string(), Some(2025)))
    );
    let all: Vec<Actual> = conclusion_paragraphs()
        .into_iter()
        .filter(|(_, p)| reports_results(p))
        .flat_map(|(n, p)| read_actuals(p, n, period.as_ref()))
        .collect();
    let grdp = find(&all, "GRDP", "6.5");
    assert_eq!(
        (grdp.comparator, grdp.unit.as_str(), grdp.basis),
        (Comparator::IncreaseBy, "%", Some(Basis::SamePeriod))
    );
    assert_eq!(
        (grdp.period.as_deref(), grdp.year, grdp.line),
        (Some("6 tháng đầu năm 2025"), Some(2025), 4)
    );
    let level = find(&all, "Thu ngân sách", "13200");
    assert_eq!(
        (level.comparator, level.unit.as_str(), level.basis),
        (Comparator::Reach, "tỷ đồng", None)
    );
    let share = find(&all, "Thu ngân sách", "52.8");
    assert_eq!(
        (share.comparator, share.unit.as_str(), share.basis),
        (Comparator::Reach, "%", Some(Basis::Budget))
    );
    let growth = find(&all, "Thu ngân sách", "16.4");
    assert_eq!(
        (growth.comparator, growth.basis),
        (Comparator::IncreaseBy, Some(Basis::SamePeriod))
    );
    let export = find(&all, "Kim ngạch xuất khẩu", "1.45");
    assert!(export.estimate && !export.approximate, "{export:?}");
    assert_eq!(export.unit, "tỷ USD");
    let export_growth = find(&all, "Kim ngạch xuất khẩu", "8.2");
    assert_eq!(export_growth.basis, Some(Basis::EarlierYear));
    let investment = find(&all, "Tổng vốn đầu tư toàn xã hội", "21500");
    assert!(investment.approximate && investment.comparator == Comparator::Reach);
    let plan = find(&all, "Tổng vốn đầu tư toàn xã hội", "46.3");
    assert_eq!(plan.basis, Some(Basis::Plan));
    let visitors = find(&all, "Khách du lịch", "2.1");
    assert_eq!(
        (visitors.comparator, visitors.unit.as_str()),
        (Comparator::Above, "triệu lượt")
    );
    let times = find(&all, "Khách du lịch", "1.5");
    assert_eq!(
        (times.comparator, times.basis),
        (Comparator::Times, Some(Basis::EarlierYear))
    );
    let disbursed = find(&all, "Tỷ lệ giải ngân vốn đầu tư công", "31.2");
    assert_eq!(disbursed.comparator, Comparator::Reach);
    let national = find(&all, "Tỷ lệ giải ngân vốn đầu tư công (cả nước)", "35.1");
    assert_eq!(national.basis, Some(Basis::Elsewhere));
    // The dates and the years are no figures; part II sets targets.
    assert!(
        all.iter()
            .all(|a| a.value != dec("30") && a.value != dec("2025"))
    );
    assert!(
        !all.iter()
            .any(|a| a.value == dec("25000") || a.value == dec("8"))
    );
    assert_eq!(all.len(), 12, "{}", show(&all));
}

#[test]
fn conclusion_parts_are_told_apart() {
    let p = conclusion_paragraphs();
    assert!(reports_results(p[3].1));
    assert!(reports_results(p[4].1));
    assert!(!reports_results(p[6].1), "{}", p[6].1);
    // Read anyway, the targets of part II give notes, not actuals.
    let (all, notes) = read_actuals_noted(p[6].1, 7, None);
    assert!(all.is_empty(), "{}", show(&all));
    assert!(notes.iter().any(|n| n.code == "target_not_actual"));
}

#[test]
fn results_and_targets() {
    for text in [
        "Tổng mức bán lẻ hàng hóa đạt 43.253 tỷ đồng, tăng gần 14% so với cùng kỳ.",
        "Tổng thu ngân sách đạt 72,11% dự toán.",
        "Ước thực hiện cả năm, GRDP tăng 7,2%.",
        "Có 13/26 chỉ tiêu vượt so kế hoạch.",
        "Tỷ lệ xã đạt chuẩn nông thôn mới 79,3%/ chỉ tiêu 80%.",
        "GRDP tăng 6,5%.",
        "Lũy kế 9 tháng, GRDP tăng 8,86%.",
    ] {
        assert!(reports_results(text), "{text}");
    }
    for text in [
        "Phấn đấu GRDP tăng 8% trở lên.",
        "Đến năm 2030, GRDP bình quân đầu người đạt 150 triệu đồng.",
        "Mục tiêu tăng trưởng kinh tế năm 2025 đạt 10%.",
        "Chỉ tiêu chủ yếu: tốc độ tăng trưởng GRDP bình quân 10%/năm.",
        "Thu ngân sách tăng bình quân 10%-12%/năm.",
        "Nhiệm vụ 6 tháng cuối năm 2025.",
        "",
    ] {
        assert!(!reports_results(text), "{text}");
    }
}

#[test]
fn comparators_and_flags() {
    let all = read_actuals(
        "Doanh thu du lịch đạt hơn 22.157 tỷ đồng; tổng thu ngân sách chỉ đạt hơn 47.900 tỷ đồng, giảm 0,3% so với cùng kỳ; doanh thu vận tải đạt gần 11.700 tỷ đồng, tăng hơn 10,5%.",
        3,
        None,
    );
    let tourism = find(&all, "Doanh thu du lịch", "22157");
    assert_eq!(tourism.comparator, Comparator::Above);
    assert!(!tourism.approximate);
    let fall = find(&all, "Tổng thu ngân sách", "0.3");
    assert_eq!(
        (fall.comparator, fall.basis),
        (Comparator::DecreaseBy, Some(Basis::SamePeriod))
    );
    let transport = find(&all, "Doanh thu vận tải", "11700");
    assert!(transport.approximate && transport.comparator == Comparator::Reach);
    let rise = find(&all, "Doanh thu vận tải", "10.5");
    assert!(rise.approximate && rise.comparator == Comparator::IncreaseBy);
    assert!(all.iter().all(|a| a.period.is_none() && a.line == 3));
}

#[test]
fn basis_words() {
    let all = read_actuals(
        "Kim ngạch xuất khẩu đạt 2,18 tỷ USD, bằng 75,8% kế hoạch năm; vốn thu hút đạt 120% kế hoạch và tăng gấp 3,2 lần năm 2023; sản lượng tăng 5% so với năm 2023; doanh thu tăng 3% so với kế hoạch.",
        1,
        None,
    );
    assert_eq!(
        find(&all, "Kim ngạch xuất khẩu", "75.8").basis,
        Some(Basis::Plan)
    );
    assert_eq!(find(&all, "Kim ngạch xuất khẩu", "2.18").basis, None);
    assert_eq!(find(&all, "Vốn thu hút", "120").basis, Some(Basis::Plan));
    let times = find(&all, "Vốn thu hút", "3.2");
    assert_eq!(
        (times.comparator, times.unit.as_str(), times.basis),
        (Comparator::Times, "lần", Some(Basis::EarlierYear))
    );
    assert_eq!(find(&all, "Sản lượng", "5").basis, Some(Basis::EarlierYear));
    assert_eq!(find(&all, "Doanh thu", "3").basis, Some(Basis::Plan));
}

#[test]
fn plan_figure_in_parentheses_is_a_note() {
    let (all, notes) = read_actuals_noted(
        "Tổng thu ngân sách đạt 72,11% dự toán (kế hoạch 88.600 tỷ đồng).",
        5,
        None,
    );
    assert_eq!(all.len(), 1, "{}", show(&all));
    assert_eq!(
        find(&all, "Tổng thu ngân sách", "72.11").basis,
        Some(Basis::Budget)
    );
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].code.as_str(), notes[0].line), ("basis_figure", 5));
    assert!(notes[0].message.contains("88.600 tỷ đồng"), "{notes:?}");
}

#[test]
fn dates_years_and_footnotes_are_no_figures() {
    for text in [
        "Ngày 08/9/2025, UBND tỉnh họp; từ 1/7 áp dụng mô hình mới.",
        "Năm 2025, tăng trưởng toàn cầu suy giảm[1]. Thực hiện “bộ tứ trụ cột”[2] về khoa học.",
        "Sáng 12/6, Chủ tịch đạt 2/3 ý kiến.",
        "Thứ Sáu, 27/09/2024, 13:33 [GMT+7]",
        "anh tin bai",
        "Giai đoạn 2021-2025 đạt 2025 kết quả.",
    ] {
        let all = read_actuals(text, 1, None);
        assert!(all.is_empty(), "{text}: {}", show(&all));
    }
    let all = read_actuals("Tỷ lệ suy dinh dưỡng giảm 24%1 so với cùng kỳ.", 1, None);
    assert_eq!(all.len(), 1, "{}", show(&all));
    assert_eq!(all[0].value, dec("24"));
}

#[test]
fn units_of_results() {
    let all = read_actuals(
        "Tổng mức bán lẻ đạt 97.600 tỉ đồng; GRDP đạt 1,2 triệu tỷ đồng; tỷ trọng dịch vụ tăng 1,2 điểm %; du khách đạt 350 nghìn lượt.",
        1,
        None,
    );
    let units: Vec<&str> = all.iter().map(|a| a.unit.as_str()).collect();
    assert_eq!(units, ["tỷ đồng", "triệu tỷ đồng", "điểm %", "nghìn lượt"]);
    // The target reader knows the new units too.
    let targets =
        crate::indicator::parse_targets("GRDP năm 2030 đạt trên 1,2 triệu tỷ đồng.", None);
    assert_eq!(targets.len(), 1);
    assert_eq!(targets[0].target.unit, "triệu tỷ đồng");
}

#[test]
fn counts_out_of_a_total() {
    let all = read_actuals(
        "Có 9/13 chỉ tiêu kinh tế-tài chính đạt mức tăng trưởng khá so với cùng kỳ; 03/26 chỉ tiêu không đạt so với kế hoạch.",
        1,
        None,
    );
    let nine = find(
        &all,
        "Số chỉ tiêu kinh tế-tài chính đạt mức tăng trưởng khá (trên 13)",
        "9",
    );
    assert_eq!(
        (
            nine.unit.as_str(),
            nine.value_max,
            nine.assessment.as_deref()
        ),
        ("chỉ tiêu", None, Some("Đạt"))
    );
    let three = find(&all, "Số chỉ tiêu không đạt so với kế hoạch (trên 26)", "3");
    assert_eq!(three.assessment.as_deref(), Some("Không đạt"));
    assert_eq!(three.basis, Some(Basis::Plan));
}

#[test]
fn periods_as_written() {
    type Period = (&'static str, Option<i32>);
    let cases: [(&str, Option<Period>); 12] = [
        (
            "Ước 8 tháng đầu năm 2025, GRDP tăng.",
            Some(("8 tháng đầu năm 2025", Some(2025))),
        ),
        (
            "6 tháng đầu năm 2024",
            Some(("6 tháng đầu năm 2024", Some(2024))),
        ),
        (
            "Theo báo cáo, 9 tháng năm 2024, có",
            Some(("9 tháng năm 2024", Some(2024))),
        ),
        (
            "GRDP quý III/2025 tăng 10,18%",
            Some(("quý III/2025", Some(2025))),
        ),
        ("Kết quả năm 2019", Some(("năm 2019", Some(2019)))),
        (
            "giai đoạn 2021-2025",
            Some(("giai đoạn 2021-2025", Some(2025))),
        ),
        (
            "rà soát đến hết tháng 10 toàn huyện",
            Some(("đến hết tháng 10", None)),
        ),
        (
            "Năm 2022 huyện đề ra 26 chỉ tiêu; đến hết tháng 10 có 23 chỉ tiêu đạt.",
            Some(("đến hết tháng 10", Some(2022))),
        ),
        (
            "6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm 2024",
            Some(("6 tháng đầu năm", Some(2024))),
        ),
        (
            "tháng 8 và 8 tháng đầu năm 2025",
            Some(("8 tháng đầu năm 2025", Some(2025))),
        ),
        (
            "Hà Nội, ngày 25 tháng 6 năm 2025",
            Some(("năm 2025", Some(2025))),
        ),
        ("tăng 5% so với năm 2023", None),
    ];
    for (text, want) in cases {
        let want = want.map(|(l, y)| (l.to_string(), y));
        assert_eq!(period_of(text), want, "{text}");
    }
    assert_eq!(period_of("6 tháng cuối năm"), None);
}

#[test]
fn sentence_period_wins_over_the_document_period() {
    let doc = ("9 tháng đầu năm".to_string(), Some(2025));
    let all = read_actuals(
        "Tổng sản phẩm trên địa bàn (GRDP) quý III tăng 10,18%. Lũy kế 9 tháng, GRDP tăng 8,86%. Dịch vụ tăng 8,95%.",
        1,
        Some(&doc),
    );
    let q3 = find(&all, "Tổng sản phẩm trên địa bàn (GRDP)", "10.18");
    assert_eq!(
        (q3.period.as_deref(), q3.year),
        (Some("quý III"), Some(2025))
    );
    let nine = find(&all, "GRDP", "8.86");
    assert_eq!(nine.period.as_deref(), Some("9 tháng"));
    let services = find(&all, "Dịch vụ", "8.95");
    assert_eq!(services.period.as_deref(), Some("9 tháng đầu năm"));
}

#[test]
fn indicators_matched_by_name() {
    let indicators = [
        indicator("Tốc độ tăng trưởng kinh tế (GRDP)", "%"),
        indicator("GRDP bình quân đầu người", "triệu đồng/người"),
        indicator("Thu ngân sách nhà nước", "tỷ đồng"),
        indicator("Tỷ lệ hộ nghèo", "%"),
    ];
    let mut all = read_actuals(
        "GRDP tăng 6,5%; thu ngân sách đạt 13.200 tỷ đồng, bằng 52,8% dự toán, tăng 16,4%; kim ngạch xuất khẩu đạt 1,2 tỷ USD; cao hơn bình quân cả nước (6,1%).",
        1,
        None,
    );
    match_indicators(&mut all, &indicators);
    let linked: Vec<(&str, Option<&str>)> = all
        .iter()
        .map(|a| (a.name.as_str(), a.indicator.as_deref()))
        .collect();
    assert_eq!(
        linked,
        vec![
            ("GRDP", Some("Tốc độ tăng trưởng kinh tế (GRDP)")),
            ("Thu ngân sách", Some("Thu ngân sách nhà nước")),
            ("Thu ngân sách", Some("Thu ngân sách nhà nước")),
            ("Thu ngân sách", Some("Thu ngân sách nhà nước")),
            ("Kim ngạch xuất khẩu", None),
            ("Kim ngạch xuất khẩu (cả nước)", None),
        ]
    );
}

// The development corpus.

#[test]
fn corpus_23_industry_exports_and_tourism() {
    let Some(all) = corpus_actuals("23_") else {
        return;
    };
    let august = find(&all, "Chỉ số sản xuất công nghiệp (IIP)", "6.8");
    assert_eq!(
        (august.comparator, august.basis, august.period.as_deref()),
        (
            Comparator::IncreaseBy,
            Some(Basis::SamePeriod),
            Some("tháng 8")
        )
    );
    let eight = find(&all, "Chỉ số sản xuất công nghiệp", "9.02");
    assert_eq!(
        (eight.period.as_deref(), eight.year),
        (Some("8 tháng đầu năm"), Some(2025))
    );
    let export = find(&all, "Kim ngạch xuất khẩu hàng hóa", "2.18");
    assert_eq!(export.unit, "tỷ USD");
    let share = find(&all, "Kim ngạch xuất khẩu hàng hóa", "75.8");
    assert_eq!(
        (share.comparator, share.basis),
        (Comparator::Reach, Some(Basis::Plan))
    );
    let tourism = find(&all, "Doanh thu", "22157");
    assert_eq!(
        (tourism.comparator, tourism.unit.as_str()),
        (Comparator::Above, "tỷ đồng")
    );
    assert_eq!(find(&all, "Ngành Du lịch", "9.8").unit, "triệu lượt");
    // `135 xã, phường` and `tháng 9-2025` are no results.
    assert!(!all.iter().any(|a| a.value == dec("135")));
    assert_eq!(all.len(), 14, "{}", show(&all));
}

#[test]
fn corpus_24_six_months_of_2025() {
    let Some(all) = corpus_actuals("24_") else {
        return;
    };
    let nine = all
        .iter()
        .find(|a| a.value == dec("9") && a.unit == "chỉ tiêu")
        .unwrap_or_else(|| panic!("{}", show(&all)));
    assert!(nine.name.contains("(trên 13)"), "{}", nine.name);
    let retail = find(&all, "Tổng mức bán lẻ hàng hóa", "14");
    assert!(retail.approximate && retail.comparator == Comparator::IncreaseBy);
    assert_eq!(
        find(&all, "Tổng mức bán lẻ hàng hóa", "43253").unit,
        "tỷ đồng"
    );
    let industry = find(&all, "Giá trị sản xuất công nghiệp (trừ dầu khí)", "11.77");
    assert_eq!(industry.comparator, Comparator::IncreaseBy);
    let revenue = find(&all, "Tổng thu ngân sách Nhà nước", "47900");
    assert_eq!(revenue.comparator, Comparator::Above);
    let fall = find(&all, "Tổng thu ngân sách Nhà nước", "0.3");
    assert_eq!(
        (fall.comparator, fall.basis),
        (Comparator::DecreaseBy, Some(Basis::SamePeriod))
    );
    assert!(all.iter().all(|a| a.year == Some(2025)));
    // `14 dự án … 39 dự án` have no unit the reader knows.
    assert_eq!(all.len(), 10, "{}", show(&all));
}

#[test]
fn corpus_25_budget_share_and_a_multiple() {
    let Some(all) = corpus_actuals("25_") else {
        return;
    };
    let budget = find(&all, "Tổng thu ngân sách", "72.11");
    assert_eq!(
        (budget.comparator, budget.unit.as_str(), budget.basis),
        (Comparator::Reach, "%", Some(Basis::Budget))
    );
    assert!(
        !all.iter().any(|a| a.value == dec("88600")),
        "{}",
        show(&all)
    );
    let name = "Tổng vốn thu hút đầu tư trong và ngoài nước cấp mới và tăng thêm";
    let usd = find(&all, name, "1.9");
    assert!(usd.approximate && usd.comparator == Comparator::Reach);
    assert_eq!(find(&all, name, "34750").comparator, Comparator::Above);
    assert_eq!(find(&all, name, "120").basis, Some(Basis::Plan));
    let times = find(&all, name, "3.2");
    assert_eq!(
        (times.comparator, times.basis),
        (Comparator::Times, Some(Basis::EarlierYear))
    );
    let disbursed = find(&all, "Tỷ lệ giải ngân đầu tư công", "49.65");
    assert_eq!(
        (disbursed.comparator, disbursed.basis),
        (Comparator::Reach, None)
    );
    assert!(all.iter().all(|a| a.year == Some(2024)));
}

#[test]
fn corpus_26_national_figure_and_no_derived_target() {
    let Some(all) = corpus_actuals("26_") else {
        return;
    };
    let q3 = find(&all, "Tổng sản phẩm trên địa bàn (GRDP)", "10.18");
    assert_eq!(q3.period.as_deref(), Some("quý III"));
    let nine = find(&all, "GRDP", "8.86");
    assert_eq!(nine.period.as_deref(), Some("9 tháng"));
    let national = find(&all, "GRDP (cả nước)", "7.85");
    assert_eq!(national.basis, Some(Basis::Elsewhere));
    // `để cán mốc 10% cả năm`, `tối thiểu 12,8%`, `mục tiêu … đạt 10%`.
    assert!(
        !all.iter()
            .any(|a| a.value == dec("12.8") || a.value == dec("10"))
    );
    assert_eq!(all.len(), 6, "{}", show(&all));
}

#[test]
fn corpus_27_has_no_figures() {
    let Some(all) = corpus_actuals("27_") else {
        return;
    };
    assert!(all.is_empty(), "{}", show(&all));
}

#[test]
fn corpus_28_results_against_targets() {
    let Some(all) = corpus_actuals("28_") else {
        return;
    };
    let communes = find(&all, "Tỷ lệ xã đạt chuẩn nông thôn mới", "79.3");
    assert_eq!(
        communes.assessment.as_deref(),
        Some("Không đạt (chỉ tiêu 80%)")
    );
    let advanced = find(&all, "Tỷ lệ xã đạt nông thôn mới nâng cao", "42.4");
    assert_eq!(advanced.assessment.as_deref(), Some("Vượt (chỉ tiêu 40%)"));
    let times = find(&all, "Tỷ lệ xã đạt nông thôn mới nâng cao", "5");
    assert_eq!(
        (
            times.comparator,
            times.approximate,
            times.assessment.as_deref()
        ),
        (Comparator::Times, true, None)
    );
    let model = find(&all, "Tỷ lệ xã đạt nông thôn mới kiểu mẫu", "12.3");
    assert_eq!(model.assessment.as_deref(), Some("Vượt (chỉ tiêu 10%)"));
    let districts = all
        .iter()
        .find(|a| a.value == dec("51"))
        .unwrap_or_else(|| panic!("{}", show(&all)));
    assert_eq!(districts.assessment.as_deref(), Some("Vượt (chỉ tiêu 50%)"));
    let level = find(&all, "Tỷ lệ huyện nông thôn mới nâng cao", "20");
    assert_eq!(level.assessment.as_deref(), Some("Đạt (chỉ tiêu 20%)"));
    // `12 tỉnh` has no unit; the targets are no actuals of their own.
    assert!(
        !all.iter()
            .any(|a| a.value == dec("80") || a.value == dec("12"))
    );
}

#[test]
fn corpus_29_counts_of_indicators() {
    let Some(all) = corpus_actuals("29_") else {
        return;
    };
    let count = |value: &str| {
        all.iter()
            .find(|a| a.value == dec(value) && a.name.contains("(trên 26)"))
            .unwrap_or_else(|| panic!("{value}: {}", show(&all)))
    };
    assert_eq!(count("13").assessment.as_deref(), Some("Vượt"));
    assert_eq!(count("10").assessment.as_deref(), Some("Đạt"));
    assert_eq!(count("3").assessment.as_deref(), Some("Không đạt"));
    assert!(
        all.iter()
            .all(|a| a.unit == "chỉ tiêu" && a.year == Some(2022))
    );
    // `đề ra 26 chỉ tiêu` is what was set, `01 tuổi` and `8 loại` no figures.
    assert!(
        !all.iter()
            .any(|a| a.value == dec("26") || a.value == dec("8"))
    );
}

#[test]
fn corpus_30_footnote_markers_are_no_numbers() {
    let Some(all) = corpus_actuals("30_") else {
        return;
    };
    assert!(all.is_empty(), "{}", show(&all));
}

#[test]
fn corpus_results_paragraphs() {
    let Some(p23) = corpus("23_") else { return };
    let texts: Vec<&str> = p23.iter().map(|(_, p)| p.as_str()).collect();
    assert!(texts.iter().any(|t| t.starts_with("8 tháng đầu năm 2025")));
    assert!(
        texts
            .iter()
            .filter(|t| t.starts_with("8 tháng đầu năm 2025") || t.starts_with("Theo đánh giá"))
            .all(|t| reports_results(t))
    );
    let Some(p26) = corpus("26_") else { return };
    let last = p26
        .iter()
        .find(|(_, p)| p.starts_with("Ông Thái Bảo"))
        .map(|(_, p)| p.as_str())
        .unwrap_or_default();
    assert!(!reports_results(last), "{last}");
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,200}") {
        let _ = read_actuals(&s, 1, None);
        let _ = reports_results(&s);
        let _ = period_of(&s);
    }

    #[test]
    fn never_panics_on_figure_like_text(
        s in "([0-9]{1,4}([.,/%-][0-9]{1,3})?|%|/|\\(|\\)|;|,|\\.|tăng|đạt|hơn|gần|gấp|lần|tỷ đồng|chỉ tiêu|tháng|năm|quý|III|cả nước|kế hoạch|dự toán|so với|cùng kỳ| |đầu|hết|đến|điểm){0,40}"
    ) {
        let period = period_of(&s);
        let mut all = read_actuals(&s, 1, period.as_ref());
        let _ = reports_results(&s);
        match_indicators(&mut all, &[indicator("Thu ngân sách", "tỷ đồng")]);
        for a in &all {
            prop_assert!(!a.name.is_empty());
            prop_assert!(a.name.chars().next().is_some_and(|c| !c.is_lowercase()));
        }
    }
}
