//! Facts read off real target lines: names, comparators, values, units and
//! years, plus property tests that no text makes the reader panic.

use super::*;
use proptest::prelude::*;
use rust_decimal::Decimal;
use tiendo_core::catalog::Comparator;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn one(text: &str, year: Option<i32>) -> ParsedTarget {
    let mut all = parse_targets(text, year);
    assert_eq!(all.len(), 1, "{text}: {all:#?}");
    all.remove(0)
}

fn target(name: &str, comparator: Comparator, value: &str, unit: &str) -> ParsedTarget {
    ParsedTarget {
        name: name.into(),
        target: Target {
            comparator,
            value: dec(value),
            value_max: None,
            unit: unit.into(),
            year: None,
            base_year: None,
        },
    }
}

#[test]
fn growth_rate_increases_by_a_percent() {
    assert_eq!(
        one("- Tốc độ tăng trưởng kinh tế (GRDP) tăng 8,1%.", None),
        target(
            "Tốc độ tăng trưởng kinh tế (GRDP)",
            Comparator::IncreaseBy,
            "8.1",
            "%"
        )
    );
}

#[test]
fn per_capita_grdp_reaches_million_dong_per_person() {
    let t = one(
        "- GRDP bình quân đầu người đạt 96,25 triệu đồng/người.",
        Some(2024),
    );
    assert_eq!(
        (t.name.as_str(), t.target.comparator, t.target.value),
        ("GRDP bình quân đầu người", Comparator::Reach, dec("96.25"))
    );
    assert_eq!(
        (t.target.unit.as_str(), t.target.year),
        ("triệu đồng/người", Some(2024))
    );
}

#[test]
fn forest_cover_above_with_its_year_taken_out_of_the_name() {
    let t = one("- Tỷ lệ che phủ rừng năm 2025 đạt trên 46,5%.", Some(2030));
    assert_eq!(t.name, "Tỷ lệ che phủ rừng");
    assert_eq!(
        (
            t.target.comparator,
            t.target.value,
            t.target.unit.as_str(),
            t.target.year
        ),
        (Comparator::Above, dec("46.5"), "%", Some(2025))
    );
    let t = one("- Tỷ lệ che phủ rừng đạt 45,49%.", Some(2024));
    assert_eq!(
        (t.target.comparator, t.target.value, t.target.year),
        (Comparator::Reach, dec("45.49"), Some(2024))
    );
}

#[test]
fn range_is_between() {
    let t = one(
        "- Tốc độ tăng trưởng kinh tế (GRDP) bình quân hàng năm giai đoạn 2021 - 2025 đạt từ 8 - 8,5%.",
        None,
    );
    assert_eq!(
        t.name,
        "Tốc độ tăng trưởng kinh tế (GRDP) bình quân hàng năm giai đoạn 2021 - 2025"
    );
    assert_eq!(
        (
            t.target.comparator,
            t.target.value,
            t.target.value_max,
            t.target.year
        ),
        (Comparator::Between, dec("8"), Some(dec("8.5")), Some(2025))
    );
}

#[test]
fn below_times_and_base_years() {
    let t = one(
        "Tỷ lệ suy dinh dưỡng thể thấp còi của trẻ em dưới 5 tuổi đạt dưới 8%.",
        None,
    );
    assert_eq!(
        (t.name.as_str(), t.target.comparator, t.target.value),
        (
            "Tỷ lệ suy dinh dưỡng thể thấp còi của trẻ em dưới 5 tuổi",
            Comparator::Below,
            dec("8")
        )
    );
    let t = one(
        "- Thu ngân sách nội địa năm 2025 gấp 2,2 lần so với năm 2020.",
        None,
    );
    assert_eq!(t.name, "Thu ngân sách nội địa");
    assert_eq!(
        (t.target.comparator, t.target.value, t.target.unit.as_str()),
        (Comparator::Times, dec("2.2"), "lần")
    );
    assert_eq!(
        (t.target.year, t.target.base_year),
        (Some(2025), Some(2020))
    );
}

#[test]
fn investment_reaches_and_increases_against_the_previous_year() {
    let all = parse_targets(
        "- Tổng vốn đầu tư phát triển toàn xã hội đạt 80.569 tỷ đồng, tăng 13% so với năm 2023.",
        Some(2024),
    );
    assert_eq!(all.len(), 2);
    assert_eq!(
        (all[0].target.value, all[0].target.unit.as_str()),
        (dec("80569"), "tỷ đồng")
    );
    assert_eq!(all[1].name, "Tổng vốn đầu tư phát triển toàn xã hội");
    assert_eq!(
        (
            all[1].target.comparator,
            all[1].target.value,
            all[1].target.unit.as_str()
        ),
        (Comparator::IncreaseBy, dec("13"), "%")
    );
    assert_eq!(
        (all[1].target.base_year, all[1].target.year),
        (Some(2023), Some(2024))
    );
}

#[test]
fn money_units_keep_their_scale() {
    let t = one("- Tổng kim ngạch xuất khẩu đạt 1.870 triệu USD.", None);
    assert_eq!(
        (t.target.value, t.target.unit.as_str()),
        (dec("1870"), "triệu USD")
    );
    let t = one(
        "- Kim ngạch xuất khẩu hàng hóa năm 2025 đạt 2 tỷ USD.",
        None,
    );
    assert_eq!(
        (t.name.as_str(), t.target.value, t.target.unit.as_str()),
        ("Kim ngạch xuất khẩu hàng hóa", dec("2"), "tỷ USD")
    );
    let t = one("- GRDP bình quân đầu người năm 2025 đạt 5.685 USD.", None);
    assert_eq!(
        (t.target.value, t.target.unit.as_str()),
        (dec("5685"), "USD")
    );
}

#[test]
fn budget_line_states_three_targets() {
    let all = parse_targets(
        "- Thu ngân sách nhà nước đạt 16.687 tỷ đồng, trong đó thu từ hoạt động xuất nhập khẩu đạt 2.087 tỷ đồng, thu nội địa đạt 14.600 tỷ đồng.",
        Some(2024),
    );
    let got: Vec<(&str, Decimal)> = all
        .iter()
        .map(|t| (t.name.as_str(), t.target.value))
        .collect();
    assert_eq!(
        got,
        [
            ("Thu ngân sách nhà nước", dec("16687")),
            ("Thu từ hoạt động xuất nhập khẩu", dec("2087")),
            ("Thu nội địa", dec("14600")),
        ]
    );
    assert!(
        all.iter()
            .all(|t| t.target.unit == "tỷ đồng" && t.target.year == Some(2024))
    );
}

#[test]
fn trained_labour_and_its_certified_part() {
    let all = parse_targets(
        "- Tỷ lệ lao động qua đào tạo đạt 84%, trong đó tỷ lệ lao động có bằng cấp chứng chỉ đạt 30%.",
        None,
    );
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].name, "Tỷ lệ lao động có bằng cấp chứng chỉ");
    assert_eq!(all[1].target.value, dec("30"));
}

#[test]
fn beds_and_doctors_per_ten_thousand() {
    let all = parse_targets(
        "- Số giường bệnh trên một vạn dân (không tính giường trạm y tế xã) đạt 36,8 giường/một vạn dân; số bác sĩ trên một vạn dân đạt 12 bác sĩ/một vạn dân.",
        None,
    );
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(
        all[0].name,
        "Số giường bệnh trên một vạn dân (không tính giường trạm y tế xã)"
    );
    assert_eq!(
        (all[0].target.value, all[0].target.unit.as_str()),
        (dec("36.8"), "giường/vạn dân")
    );
    assert_eq!(all[1].name, "Số bác sĩ trên một vạn dân");
    assert_eq!(
        (all[1].target.value, all[1].target.unit.as_str()),
        (dec("12"), "bác sĩ/vạn dân")
    );
}

#[test]
fn doctors_per_ten_thousand_written_with_digits() {
    let all = parse_targets(
        "- Đến năm 2025, đạt 12,5 bác sĩ (10 bác sĩ công lập) trên 10.000 dân và 37,5 giường bệnh (33,5 giường công lập) trên 10.000 dân (không kể trạm y tế xã).",
        None,
    );
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(
        (
            all[0].name.as_str(),
            all[0].target.value,
            all[0].target.unit.as_str()
        ),
        ("Số bác sĩ trên một vạn dân", dec("12.5"), "bác sĩ/vạn dân")
    );
    assert_eq!(
        all[1].name,
        "Số giường bệnh trên một vạn dân (không kể trạm y tế xã)"
    );
    assert_eq!(
        (all[1].target.value, all[1].target.unit.as_str()),
        (dec("37.5"), "giường/vạn dân")
    );
    assert!(all.iter().all(|t| t.target.year == Some(2025)));
}

#[test]
fn jobs_approximately_and_above_thousands() {
    let t = one(
        "- Số lao động có việc làm tăng thêm trong năm khoảng 11.500 người.",
        None,
    );
    assert_eq!(t.name, "Số lao động có việc làm tăng thêm trong năm");
    assert_eq!(
        (t.target.comparator, t.target.value, t.target.unit.as_str()),
        (Comparator::Reach, dec("11500"), "người")
    );
    let all = parse_targets(
        "- Số người lao động có việc làm tăng thêm bình quân hàng năm trên 11,5 nghìn người; tỷ lệ thất nghiệp của lao động trong độ tuổi ở khu vực thành thị năm 2025 dưới 3,8%.",
        Some(2025),
    );
    assert_eq!(
        (
            all[0].target.comparator,
            all[0].target.value,
            all[0].target.unit.as_str()
        ),
        (Comparator::Above, dec("11.5"), "nghìn người")
    );
    assert_eq!(
        all[1].name,
        "Tỷ lệ thất nghiệp của lao động trong độ tuổi ở khu vực thành thị"
    );
    assert_eq!(
        (all[1].target.comparator, all[1].target.value),
        (Comparator::Below, dec("3.8"))
    );
}

#[test]
fn thousand_billion_dong_and_a_second_rate() {
    let all = parse_targets(
        "- Tổng vốn đầu tư phát triển toàn xã hội 5 năm 2021 - 2025 đạt trên 360 nghìn tỷ đồng, tốc độ tăng bình quân hàng năm trên 12%.",
        None,
    );
    assert_eq!(all.len(), 2);
    assert_eq!(
        (
            all[0].target.comparator,
            all[0].target.value,
            all[0].target.unit.as_str()
        ),
        (Comparator::Above, dec("360"), "nghìn tỷ đồng")
    );
    assert_eq!(all[0].target.year, Some(2025));
    assert_eq!(all[1].name, "Tốc độ tăng bình quân hàng năm");
    assert_eq!(
        (all[1].target.comparator, all[1].target.value),
        (Comparator::Above, dec("12"))
    );
}

#[test]
fn new_rural_communes_keep_count_and_share() {
    let all = parse_targets(
        "- Toàn tỉnh có thêm 03 xã đạt chuẩn nông thôn mới, nâng số xã đạt chuẩn nông thôn mới lên 68/92 xã (tỷ lệ 73,9%); thêm 10 xã nông thôn mới nâng cao, nâng số xã đạt chuẩn nông thôn mới nâng cao lên 29/92 xã (tỷ lệ 31,5%), có 01 xã nông thôn mới kiểu mẫu.",
        Some(2024),
    );
    let got: Vec<(&str, Comparator, Decimal, &str)> = all
        .iter()
        .map(|t| {
            (
                t.name.as_str(),
                t.target.comparator,
                t.target.value,
                t.target.unit.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Số xã đạt chuẩn nông thôn mới",
                Comparator::IncreaseBy,
                dec("3"),
                "xã"
            ),
            (
                "Số xã đạt chuẩn nông thôn mới",
                Comparator::Reach,
                dec("68"),
                "xã"
            ),
            (
                "Số xã đạt chuẩn nông thôn mới",
                Comparator::Reach,
                dec("73.9"),
                "%"
            ),
            (
                "Số xã nông thôn mới nâng cao",
                Comparator::IncreaseBy,
                dec("10"),
                "xã"
            ),
            (
                "Số xã đạt chuẩn nông thôn mới nâng cao",
                Comparator::Reach,
                dec("29"),
                "xã"
            ),
            (
                "Số xã đạt chuẩn nông thôn mới nâng cao",
                Comparator::Reach,
                dec("31.5"),
                "%"
            ),
            (
                "Số xã nông thôn mới kiểu mẫu",
                Comparator::Reach,
                dec("1"),
                "xã"
            ),
        ]
    );
}

#[test]
fn poverty_reduction_rate_and_halving() {
    let t = one(
        "- Mức giảm tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều giai đoạn 2022-2025) đạt 0,48%.",
        Some(2024),
    );
    assert_eq!(
        t.name,
        "Mức giảm tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều giai đoạn 2022-2025)"
    );
    // `Mức giảm` names a decrease, and a rate falls by points.
    assert_eq!(
        (
            t.target.comparator,
            t.target.value,
            t.target.year,
            t.target.unit.as_str()
        ),
        (Comparator::DecreaseBy, dec("0.48"), Some(2024), "điểm %")
    );
    let all = parse_targets(
        "- Số hộ nghèo năm 2025 giảm 1/2 so với năm đầu nhiệm kỳ (theo chuẩn nghèo giai đoạn 2021 - 2025). Huyện Khánh Sơn, huyện Khánh Vĩnh phấn đấu mức giảm tỷ lệ hộ nghèo 4 - 5%/năm.",
        None,
    );
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].name, "Số hộ nghèo");
    assert_eq!(
        (
            all[0].target.comparator,
            all[0].target.value,
            all[0].target.unit.as_str()
        ),
        (Comparator::DecreaseBy, dec("50"), "%")
    );
    assert_eq!(
        all[1].name,
        "Mức giảm tỷ lệ hộ nghèo (huyện Khánh Sơn, huyện Khánh Vĩnh)"
    );
    assert_eq!(
        (
            all[1].target.comparator,
            all[1].target.value,
            all[1].target.value_max
        ),
        (Comparator::Between, dec("4"), Some(dec("5")))
    );
    assert_eq!(all[1].target.unit, "%/năm");
}

#[test]
fn rural_standard_shares_name_follows_the_value() {
    let all = parse_targets(
        "- Đến năm 2025, có ít nhất 80% số xã đạt chuẩn nông thôn mới, 40% số xã đạt chuẩn nông thôn mới nâng cao, 10% số xã đạt chuẩn nông thôn mới kiểu mẫu, không còn xã dưới 15 tiêu chí; các huyện Vạn Ninh, Diên Khánh, Cam Lâm đạt chuẩn huyện nông thôn mới; thành phố Cam Ranh hoàn thành nhiệm vụ xây dựng nông thôn mới.",
        None,
    );
    let got: Vec<(&str, Comparator, Decimal, &str)> = all
        .iter()
        .map(|t| {
            (
                t.name.as_str(),
                t.target.comparator,
                t.target.value,
                t.target.unit.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Tỷ lệ xã đạt chuẩn nông thôn mới",
                Comparator::AtLeast,
                dec("80"),
                "%"
            ),
            (
                "Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao",
                Comparator::Reach,
                dec("40"),
                "%"
            ),
            (
                "Tỷ lệ xã đạt chuẩn nông thôn mới kiểu mẫu",
                Comparator::Reach,
                dec("10"),
                "%"
            ),
            ("Số xã dưới 15 tiêu chí", Comparator::Reach, dec("0"), "xã"),
        ]
    );
    assert!(all.iter().all(|t| t.target.year == Some(2025)));
}

#[test]
fn party_organisations_above_and_between() {
    let all = parse_targets(
        "- Phân đấu hàng năm có trên 60% số tổ chức cơ sở đảng đạt mức hoàn thành tốt nhiệm vụ và từ 15% đến 20% tổ chức cơ sở đảng đạt mức hoàn thành xuất sắc nhiệm vụ so với tổng số tổ chức cơ sở đảng đạt mức hoàn thành tốt nhiệm vụ (tương ứng tỷ lệ từ 9% - 12%).",
        None,
    );
    assert_eq!(all.len(), 3, "{all:#?}");
    assert_eq!(
        all[0].name,
        "Tỷ lệ tổ chức cơ sở đảng đạt mức hoàn thành tốt nhiệm vụ"
    );
    assert_eq!(
        (all[0].target.comparator, all[0].target.value),
        (Comparator::Above, dec("60"))
    );
    assert_eq!(
        (
            all[1].target.comparator,
            all[1].target.value,
            all[1].target.value_max
        ),
        (Comparator::Between, dec("15"), Some(dec("20")))
    );
    assert!(
        all[1]
            .name
            .starts_with("Tỷ lệ tổ chức cơ sở đảng đạt mức hoàn thành xuất sắc nhiệm vụ")
    );
    assert_eq!(
        all[2].name,
        "Tỷ lệ tổ chức cơ sở đảng đạt mức hoàn thành xuất sắc nhiệm vụ (tương ứng)"
    );
    assert_eq!(
        (
            all[2].target.comparator,
            all[2].target.value,
            all[2].target.value_max
        ),
        (Comparator::Between, dec("9"), Some(dec("12")))
    );
}

#[test]
fn new_party_members_at_least() {
    let all = parse_targets(
        "- Phân đấu phát triển đảng viên bình quân hàng năm đạt từ 1.700 đồng chí trở lên, trong đó có 55% trở lên trong độ tuổi thanh niên.",
        None,
    );
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].name, "Phát triển đảng viên bình quân hàng năm");
    assert_eq!(
        (
            all[0].target.comparator,
            all[0].target.value,
            all[0].target.unit.as_str()
        ),
        (Comparator::AtLeast, dec("1700"), "đồng chí")
    );
    assert_eq!(
        all[1].name,
        "Phát triển đảng viên bình quân hàng năm trong độ tuổi thanh niên"
    );
    assert_eq!(
        (
            all[1].target.comparator,
            all[1].target.value,
            all[1].target.unit.as_str()
        ),
        (Comparator::AtLeast, dec("55"), "%")
    );
}

#[test]
fn economic_structure_shares_are_named_from_the_text_before_them() {
    let all = parse_targets(
        "- Cơ cấu kinh tế chuyển dịch theo hướng tiếp tục tăng tỷ trọng các ngành dịch vụ (chiếm 52,6%), công nghiệp, xây dựng (chiếm 31,1%) và giảm tỷ trọng các ngành nông, lâm, thủy sản (chiếm 7,8%).",
        Some(2025),
    );
    let got: Vec<(&str, Comparator, Decimal)> = all
        .iter()
        .map(|t| (t.name.as_str(), t.target.comparator, t.target.value))
        .collect();
    assert_eq!(
        got,
        [
            ("Tỷ trọng các ngành dịch vụ", Comparator::Reach, dec("52.6")),
            (
                "Tỷ trọng công nghiệp, xây dựng",
                Comparator::Reach,
                dec("31.1")
            ),
            (
                "Tỷ trọng các ngành nông, lâm, thủy sản",
                Comparator::Reach,
                dec("7.8")
            ),
        ]
    );
}

#[test]
fn clean_and_hygienic_water_share_one_year() {
    let all = parse_targets(
        "- Tỷ lệ dân số được sử dụng nước sạch đến năm 2025 đạt 70%, nước hợp vệ sinh đạt 100%.",
        None,
    );
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].name, "Tỷ lệ dân số được sử dụng nước sạch");
    assert_eq!(all[1].name, "Nước hợp vệ sinh");
    assert!(all.iter().all(|t| t.target.year == Some(2025)));
}

#[test]
fn first_verb_before_the_value_is_the_comparator() {
    let t = one(
        "- Tỷ lệ khu công nghiệp, cụm công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung đạt Quy chuẩn kỹ thuật quốc gia về môi trường đạt 90%.",
        None,
    );
    assert_eq!(
        t.name,
        "Tỷ lệ khu công nghiệp, cụm công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung đạt Quy chuẩn kỹ thuật quốc gia về môi trường"
    );
    assert_eq!(t.target.value, dec("90"));
}

#[test]
fn private_units_share_is_named_after_the_value() {
    let t = one(
        "- Phân đấu 50% đơn vị kinh tế tư nhân (có đủ các điều kiện cơ bản) đã có tổ chức đoàn thanh niên và công đoàn cơ sở, thành lập tổ chức đảng.",
        None,
    );
    assert_eq!(
        t.name,
        "Tỷ lệ đơn vị kinh tế tư nhân (có đủ các điều kiện cơ bản) đã có tổ chức đoàn thanh niên và công đoàn cơ sở, thành lập tổ chức đảng"
    );
    assert_eq!(
        (t.target.comparator, t.target.value, t.target.unit.as_str()),
        (Comparator::Reach, dec("50"), "%")
    );
}

#[test]
fn bounds_words() {
    assert_eq!(
        one("Tỷ lệ hộ nghèo không quá 2%", None).target.comparator,
        Comparator::AtMost
    );
    assert_eq!(
        one("Tỷ lệ hộ nghèo tối đa 2%", None).target.comparator,
        Comparator::AtMost
    );
    assert_eq!(
        one("Tỷ lệ tiêm chủng không dưới 95%", None)
            .target
            .comparator,
        Comparator::AtLeast
    );
    assert_eq!(
        one("Tỷ lệ tiêm chủng tối thiểu 95%", None)
            .target
            .comparator,
        Comparator::AtLeast
    );
    assert_eq!(
        one("Tỷ lệ hộ nghèo giảm còn 2%", None).target.comparator,
        Comparator::Reach
    );
    assert_eq!(
        one("Tỷ lệ hộ nghèo giảm 0,5%", None).target.comparator,
        Comparator::DecreaseBy
    );
}

#[test]
fn lines_without_values_give_nothing() {
    for text in [
        "",
        "-",
        "- Các huyện Vạn Ninh, Diên Khánh, Cam Lâm đạt chuẩn huyện nông thôn mới.",
        "Năm 2025 đạt chuẩn quốc gia",
        "Trẻ em dưới 5 tuổi",
        "(chiếm",
        "1/0 xã",
        "giảm 1/0",
        "đạt 3 - 1%",
    ] {
        let got = parse_targets(text, None);
        assert!(
            got.iter()
                .all(|t| t.target.unit != "%" || text.contains('%')),
            "{text}: {got:?}"
        );
        if !text.contains("xã") {
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }
}

proptest! {
    #[test]
    fn parse_targets_never_panics(s in "\\PC*", y in proptest::option::of(1900i32..2200)) {
        let _ = parse_targets(&s, y);
    }

    #[test]
    fn parse_targets_never_panics_on_target_like_text(
        s in "(đạt|trên|dưới|từ|gấp|giảm|không còn|trong đó|năm|\\(|\\)|chiếm|tỷ lệ|tương ứng|xã|%|/|-|,|;|\\.| |[0-9]{1,5}|[0-9]\\.[0-9]{3}|[0-9],[0-9]|lần|một vạn dân|trở lên|so với năm 2020){0,25}"
    ) {
        for t in parse_targets(&s, None) {
            prop_assert!(!t.target.unit.is_empty());
        }
    }
}

#[test]
fn a_quantity_written_against_its_unit_is_read() {
    let t = parse_targets("diện tích sử dụng tối thiểu là 30m2", Some(2025));
    assert_eq!(t.len(), 1);
    assert_eq!(
        (t[0].target.comparator, t[0].target.unit.as_str()),
        (Comparator::AtLeast, "m²")
    );
    assert_eq!(
        super::unglue_units("(1.254ha) và 500MW, năm2025"),
        "(1.254 ha) và 500 MW, năm2025"
    );
}

#[test]
fn so_many_of_a_whole_counted_in_any_noun() {
    let t = parse_targets(
        "Số thôn, làng đạt chuẩn nông thôn mới: 04/09 thôn, làng.",
        Some(2025),
    );
    assert_eq!(
        (t[0].target.value, t[0].target.unit.as_str()),
        (dec("4"), "thôn")
    );
    let t = parse_targets("Có 03/05 tiêu chí đạt chuẩn", Some(2025));
    assert_eq!(
        (t[0].target.value, t[0].target.unit.as_str()),
        (dec("3"), "tiêu chí")
    );
    // A date is never a share.
    assert!(parse_targets("trước ngày 1/7 hằng năm", Some(2025)).is_empty());
}

#[test]
fn every_per_unit_suffix_before_at_least() {
    let t = parse_targets(
        "GRDP bình quân đầu người đến cuối nhiệm kỳ đạt 75 triệu đồng/người/năm trở lên.",
        Some(2025),
    );
    assert_eq!(
        (t[0].target.comparator, t[0].target.unit.as_str()),
        (Comparator::AtLeast, "triệu đồng/người/năm")
    );
}

// Shapes of a requirement (bounds, lengths, exceptions), a roadmap by year
// and a milestone with no figure.

#[test]
fn not_lower_than_is_a_floor_and_lower_than_is_below() {
    let floor = one("Diện tích sử dụng không thấp hơn 24m2", None);
    assert_eq!(
        (floor.target.comparator, floor.target.unit.as_str()),
        (Comparator::AtLeast, "m²")
    );
    assert_eq!(
        one("Tỷ lệ hộ nghèo thấp hơn 3%", None).target.comparator,
        Comparator::Below
    );
    assert_eq!(
        one("Chiều cao không lớn hơn 12 m2", None).target.comparator,
        Comparator::AtMost
    );
}

#[test]
fn a_bounded_length_of_time_is_a_target_and_a_bare_one_is_not() {
    let life = one("có tuổi thọ từ 10 năm trở lên", None);
    assert_eq!(
        (
            life.name.as_str(),
            life.target.comparator,
            life.target.value,
            life.target.unit.as_str()
        ),
        ("Tuổi thọ", Comparator::AtLeast, dec("10"), "năm")
    );
    assert!(parse_targets("Thực hiện trong 5 năm (2021-2025)", None).is_empty());
}

#[test]
fn an_exception_in_brackets_gives_its_own_floor() {
    let all = parse_targets(
        "nhà ở có diện tích sử dụng tối thiểu là 30m2 (nếu là những hộ độc thân thì có thể xây dựng nhà ở có diện tích sử dụng nhỏ hơn 30m2 nhưng không thấp hơn 24m2)",
        None,
    );
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(all[1].target.value, dec("24"));
    assert_eq!(all[1].target.comparator, Comparator::AtLeast);
    assert!(
        all[1].name.ends_with("(nếu là những hộ độc thân)"),
        "{}",
        all[1].name
    );
    // A bracket that states no exception still says nothing.
    assert_eq!(
        parse_targets("có 12 bác sĩ (10 bác sĩ công lập)", None).len(),
        1
    );
}

#[test]
fn a_list_number_left_in_a_line_is_not_part_of_a_name() {
    let all = parse_targets(
        "Chỉ số sản xuất công nghiệp tăng bình quân mỗi năm từ 21% trở lên.(9) Giá trị xuất khẩu hàng hoá đến cuối nhiệm kỳ đạt 1,2 tỷ USD.",
        None,
    );
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].name, "Giá trị xuất khẩu hàng hoá đến cuối nhiệm kỳ");
}

#[test]
fn a_roadmap_gives_each_step_its_own_year() {
    let y = |text: &str| one(text, Some(2014)).target.year;
    assert_eq!(
        y("Đến 2017, huyện phấn đấu có thêm 2 xã đạt NTM."),
        Some(2017)
    );
    assert_eq!(
        y("Đến năm sau đó (2019), huyện sẽ có thêm xã Đạ Ploa đạt NTM."),
        Some(2019)
    );
    assert_eq!(
        y("công cuộc xây dựng NTM sẽ hoàn thành 100% số xã đạt NTM vào năm 2020"),
        Some(2020)
    );
    let named = one(
        "Đến năm sau đó (2019), huyện sẽ có thêm xã Đạ Ploa đạt NTM.",
        None,
    );
    assert_eq!(
        (
            named.target.comparator,
            named.target.value,
            named.target.unit.as_str()
        ),
        (Comparator::IncreaseBy, dec("1"), "xã")
    );
    let six = one(
        "nâng tổng số xã đạt chuẩn NTM lên 6 trong tổng số 8 xã xây dựng NTM",
        None,
    );
    assert_eq!(
        (six.target.value, six.target.unit.as_str()),
        (dec("6"), "xã")
    );
}

#[test]
fn a_place_reaching_a_standard_in_a_year_is_a_milestone() {
    let all = parse_targets(
        "Năm 2022, đưa xã đạt chuẩn xã nông thôn mới và đến năm 2025 phấn đấu đạt chuẩn nông thôn mới nâng cao.",
        None,
    );
    let got: Vec<_> = all
        .iter()
        .map(|t| {
            (
                t.name.as_str(),
                t.target.value,
                t.target.unit.as_str(),
                t.target.year,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Xã đạt chuẩn xã nông thôn mới", dec("1"), "xã", Some(2022)),
            (
                "Xã đạt chuẩn nông thôn mới nâng cao",
                dec("1"),
                "xã",
                Some(2025)
            ),
        ]
    );
    // Several communes are no milestone of one.
    assert!(parse_targets("Năm 2022, có thêm xã đạt chuẩn nông thôn mới.", None).is_empty());
}

#[test]
fn places_written_as_alternatives_are_one_unit() {
    let t = one("có 6 huyện/thị xã đạt chuẩn nông thôn mới", None);
    assert_eq!(
        (t.target.unit.as_str(), t.name.as_str()),
        ("huyện/thị xã", "Số huyện đạt chuẩn nông thôn mới")
    );
}

#[test]
fn what_precedes_and_names_the_next_value_stays_with_this_one() {
    let all = parse_targets(
        "Có hơn 10% DN sử dụng kết quả nghiên cứu từ viện, trường trong sản xuất, kinh doanh và 15% DN có hoạt động đổi mới quy trình",
        Some(2025),
    );
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[0].name,
        "Tỷ lệ DN sử dụng kết quả nghiên cứu từ viện, trường trong sản xuất, kinh doanh"
    );
    assert_eq!(all[1].name, "Tỷ lệ DN có hoạt động đổi mới quy trình");
}

#[test]
fn what_announces_a_list_of_targets_is_not_the_first_ones_name() {
    let t = one(
        "Thống nhất 29 chỉ tiêu chủ yếu, trong đó đáng chú ý: Tốc độ tăng trưởng GRDP bình quân 10%/năm trở lên",
        None,
    );
    assert_eq!(t.name, "Tốc độ tăng trưởng GRDP bình quân");
    let t = one(
        "Nhơn Mỹ đề ra các chỉ tiêu chủ yếu là: đưa thu nhập bình quân đầu người đạt từ 85 triệu đồng",
        None,
    );
    assert_eq!(t.name, "Thu nhập bình quân đầu người");
    // A measure named before its colon keeps its name.
    let all = parse_targets(
        "tỷ lệ huy động trẻ em đến lớp: Nhà trẻ đạt 25%, mẫu giáo đạt 95%",
        None,
    );
    assert!(
        all[0].name.starts_with("Tỷ lệ huy động trẻ em đến lớp"),
        "{}",
        all[0].name
    );
}

#[test]
fn a_share_named_as_a_rate_after_its_value_is_not_a_rate_twice() {
    assert_eq!(
        one("trên 65% tỉ lệ lao động qua đào tạo", None).name,
        "Tỉ lệ lao động qua đào tạo"
    );
}

#[test]
fn a_count_whose_lead_only_says_who_strives_is_named_by_what_it_counts() {
    let t = one(
        "Trong năm 2014, Đạ Huoai phấn đấu có 2 xã đạt chuẩn NTM là Đạ Oai và Hà Lâm.",
        None,
    );
    assert_eq!(
        (t.name.as_str(), t.target.year),
        ("Số xã đạt chuẩn NTM (Đạ Huoai)", Some(2014))
    );
}

#[test]
fn the_measure_is_what_follows_muc_tieu_in_a_long_lead() {
    let t = one(
        "Ông A cho biết chỉ còn 52 ngày nữa là kết thúc năm 2025, tỉnh đang bước vào giai đoạn cao điểm để hiện thực hóa mục tiêu tăng trưởng kinh tế năm 2025 đạt 10%.",
        None,
    );
    assert_eq!(
        (t.name.as_str(), t.target.year),
        ("Tăng trưởng kinh tế", Some(2025))
    );
}

#[test]
fn the_places_a_count_names_go_with_it_not_with_the_next_value() {
    let all = parse_targets(
        "Đến năm 2018, Đạ Huoai sẽ có thêm 2 xã đạt NTM là Đạ Tồn và Đoàn Kết - nâng tổng số xã đạt chuẩn NTM lên 6 trong tổng số 8 xã xây dựng NTM của huyện.",
        None,
    );
    let names: Vec<&str> = all.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["Số xã đạt NTM (Đạ Huoai)", "Tổng số xã đạt chuẩn NTM"]
    );
}
