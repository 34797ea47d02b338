//! Corpus-driven tests of the line readers: every target line of the two
//! published target lists, and every bullet of the 2025–2030 program's
//! content part, read with `indicator::parse_targets` and `task_line::analyse`.

use rust_decimal::Decimal;
use tiendo_core::catalog::{Comparator, TaskKind};
use tiendo_core::vn::{clean_line, format_number, nfc};
use tiendo_ingest::indicator::{ParsedTarget, parse_targets};
use tiendo_ingest::task_line::{analyse, kind_of};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/");

fn corpus(name: &str) -> String {
    let path = format!("{CORPUS}{name}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    nfc(&String::from_utf8(bytes).expect("corpus files are UTF-8"))
}

/// The lines between the line starting with `from` and the one starting with `to`.
fn section<'a>(text: &'a str, from: &str, to: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim().starts_with(from))
        .expect("section start");
    let end = start
        + lines[start..]
            .iter()
            .position(|l| l.trim().starts_with(to))
            .expect("section end");
    lines[start + 1..end].to_vec()
}

/// Target lines (`- …`) of the 2020–2025 program (B.II) and of the 2024
/// program (II.2), with the year a caller would pass as default.
fn target_lines() -> Vec<(String, Option<i32>)> {
    let mut out = Vec::new();
    let term = corpus("khanh-hoa-ctrinh-hanh-dong-2020-2025-phu-luc.txt");
    for l in section(&term, "II. Chỉ tiêu chủ yếu đến năm 2025", "C. NHIỆM VỤ") {
        if l.trim_start().starts_with("- ") {
            out.push((clean_line(l), Some(2025)));
        }
    }
    let year = corpus("khanh-hoa-qd173-ctrinh-hanh-dong-2024.txt");
    for l in section(&year, "2. Các chỉ tiêu chủ yếu năm 2024", "III. NHIỆM VỤ") {
        if l.trim_start().starts_with("- ") {
            out.push((clean_line(l), Some(2024)));
        }
    }
    out
}

fn is_heading(line: &str) -> bool {
    let t = line.trim();
    let numbered = {
        let head: String = t
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        !head.is_empty()
            && head.ends_with('.')
            && head
                .split('.')
                .filter(|p| !p.is_empty())
                .all(|p| p.len() <= 2)
            && t.len() > head.len()
    };
    let lettered = {
        let mut cs = t.chars();
        matches!((cs.next(), cs.next()), (Some(c), Some(')')) if c.is_lowercase())
    };
    numbered || lettered || t.starts_with("II.") || t.starts_with("III.")
}

/// The bullets of section II of the 2025–2030 program, wrapped lines joined:
/// a bullet runs until the next bullet, heading or two blank lines.
fn program_bullets() -> Vec<String> {
    let text = corpus("khanh-hoa-ctrinh-hanh-dong-2025-2030.txt");
    let mut bullets: Vec<String> = Vec::new();
    let mut open = false;
    let mut blanks = 0;
    for l in section(&text, "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN") {
        if l.trim().is_empty() {
            blanks += 1;
            if blanks >= 2 {
                open = false;
            }
            continue;
        }
        blanks = 0;
        if l.trim_start().starts_with('-') {
            bullets.push(l.trim().to_string());
            open = true;
        } else if is_heading(l) {
            open = false;
        } else if open && let Some(last) = bullets.last_mut() {
            last.push(' ');
            last.push_str(l.trim());
        }
    }
    bullets.iter().map(|b| clean_line(b)).collect()
}

fn render(t: &ParsedTarget) -> String {
    let value = match t.target.value_max {
        Some(max) => format!("{}..{}", format_number(t.target.value), format_number(max)),
        None => format_number(t.target.value),
    };
    let year = t.target.year.map_or(String::new(), |y| format!(" @{y}"));
    let base = t
        .target
        .base_year
        .map_or(String::new(), |y| format!(" vs {y}"));
    format!(
        "{} | {} {value} {}{year}{base}",
        t.name,
        t.target.comparator.code(),
        t.target.unit
    )
}

fn targets_snapshot() -> String {
    let mut out = String::new();
    for (line, year) in target_lines() {
        for t in parse_targets(&line, year) {
            out.push_str(&render(&t));
            out.push('\n');
        }
    }
    out
}

fn short(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

fn bullets_snapshot() -> String {
    let mut out = String::new();
    for b in program_bullets() {
        let t = analyse(&b);
        out.push_str(&format!("{} | {}", t.kind.code(), short(&t.title, 60)));
        if let Some(p) = t.period {
            out.push_str(&format!(" | giai đoạn {p}"));
        }
        if let Some(y) = t.target_year {
            out.push_str(&format!(" | năm {y}"));
        }
        if let Some(h) = t.horizon {
            out.push_str(&format!(" | tầm nhìn {h}"));
        }
        for c in &t.conditions {
            out.push_str(&format!(" | ({c})"));
        }
        if !t.components.is_empty() {
            out.push_str(&format!(" | {} components", t.components.len()));
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_target_line_gives_a_named_target_with_a_unit() {
    let lines = target_lines();
    // 26 lines in B.II of the 2020–2025 program, 20 in II.2 of the 2024 one.
    assert_eq!(lines.len(), 46);
    for (line, year) in &lines {
        let targets = parse_targets(line, *year);
        assert!(!targets.is_empty(), "no target in {line}");
        for t in &targets {
            assert!(
                !t.name.is_empty() && !t.target.unit.is_empty(),
                "{line}: {t:?}"
            );
            assert!(
                t.name.chars().next().is_some_and(char::is_uppercase),
                "{line}: {t:?}"
            );
            assert!(
                !t.name.contains("năm 2025") && !t.name.contains("năm 2024"),
                "{line}: {t:?}"
            );
            assert!(t.target.year.is_some(), "{line}: {t:?}");
        }
    }
}

/// The targets of the line that starts with `prefix`.
fn targets_of(prefix: &str) -> Vec<ParsedTarget> {
    let lines = target_lines();
    let (line, year) = lines
        .iter()
        .find(|(l, _)| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starts with {prefix}"));
    parse_targets(line, *year)
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal literal")
}

fn fact(t: &ParsedTarget) -> (&str, Comparator, Decimal, Option<Decimal>, &str) {
    (
        t.name.as_str(),
        t.target.comparator,
        t.target.value,
        t.target.value_max,
        t.target.unit.as_str(),
    )
}

#[test]
fn corpus_targets_read_as_published() {
    use Comparator::*;
    let t = targets_of("- Tốc độ tăng trưởng kinh tế (GRDP) tăng 8,1%");
    assert_eq!(
        fact(&t[0]),
        (
            "Tốc độ tăng trưởng kinh tế (GRDP)",
            IncreaseBy,
            dec("8.1"),
            None,
            "%"
        )
    );
    assert_eq!(t[0].target.year, Some(2024));

    let t = targets_of("- GRDP bình quân đầu người đạt 96,25");
    assert_eq!(
        fact(&t[0]),
        (
            "GRDP bình quân đầu người",
            Reach,
            dec("96.25"),
            None,
            "triệu đồng/người"
        )
    );

    let t = targets_of("- Tỷ lệ che phủ rừng năm 2025");
    assert_eq!(
        fact(&t[0]),
        ("Tỷ lệ che phủ rừng", Above, dec("46.5"), None, "%")
    );
    let t = targets_of("- Tỷ lệ che phủ rừng đạt 45,49%");
    assert_eq!(
        fact(&t[0]),
        ("Tỷ lệ che phủ rừng", Reach, dec("45.49"), None, "%")
    );
    assert_eq!(t[0].target.year, Some(2024));

    let t = targets_of("- Tốc độ tăng trưởng kinh tế (GRDP) bình quân hàng năm");
    assert_eq!(
        (
            t[0].target.comparator,
            t[0].target.value,
            t[0].target.value_max
        ),
        (Between, dec("8"), Some(dec("8.5")))
    );

    let t = targets_of("- Số người lao động có việc làm");
    assert_eq!(t[0].target.comparator, Above);
    assert_eq!(
        (t[0].target.value, t[0].target.unit.as_str()),
        (dec("11.5"), "nghìn người")
    );
    assert_eq!(
        (
            t[1].target.comparator,
            t[1].target.value,
            t[1].target.unit.as_str()
        ),
        (Below, dec("3.8"), "%")
    );

    let t = targets_of("- Thu ngân sách nội địa năm 2025 gấp");
    assert_eq!(
        fact(&t[0]),
        ("Thu ngân sách nội địa", Times, dec("2.2"), None, "lần")
    );
    assert_eq!(
        (t[0].target.year, t[0].target.base_year),
        (Some(2025), Some(2020))
    );

    let t = targets_of("- Tổng vốn đầu tư phát triển toàn xã hội đạt 80.569");
    assert_eq!(
        (
            t[1].target.comparator,
            t[1].target.value,
            t[1].target.base_year
        ),
        (IncreaseBy, dec("13"), Some(2023))
    );

    let t = targets_of("- Tổng kim ngạch xuất khẩu");
    assert_eq!(
        (t[0].target.value, t[0].target.unit.as_str()),
        (dec("1870"), "triệu USD")
    );
    let t = targets_of("- Kim ngạch xuất khẩu hàng hóa");
    assert_eq!(
        (t[0].target.value, t[0].target.unit.as_str()),
        (dec("2"), "tỷ USD")
    );
    let t = targets_of("- GRDP bình quân đầu người năm 2025");
    assert_eq!(
        (t[0].target.value, t[0].target.unit.as_str()),
        (dec("5685"), "USD")
    );

    let t = targets_of("- Thu ngân sách nhà nước");
    let names: Vec<&str> = t.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Thu ngân sách nhà nước",
            "Thu từ hoạt động xuất nhập khẩu",
            "Thu nội địa"
        ]
    );

    let t = targets_of("- Tỷ lệ lao động qua đào tạo đạt 84%");
    assert_eq!(t.len(), 2);
    assert_eq!(
        fact(&t[1]),
        (
            "Tỷ lệ lao động có bằng cấp chứng chỉ",
            Reach,
            dec("30"),
            None,
            "%"
        )
    );

    let t = targets_of("- Số giường bệnh trên một vạn dân");
    assert_eq!(
        (t[0].target.value, t[0].target.unit.as_str()),
        (dec("36.8"), "giường/vạn dân")
    );
    assert_eq!(
        (t[1].target.value, t[1].target.unit.as_str()),
        (dec("12"), "bác sĩ/vạn dân")
    );
    let t = targets_of("- Đến năm 2025, đạt 12,5 bác sĩ");
    assert_eq!(
        (t[0].target.value, t[0].target.unit.as_str()),
        (dec("12.5"), "bác sĩ/vạn dân")
    );
    assert_eq!(
        (t[1].target.value, t[1].target.unit.as_str()),
        (dec("37.5"), "giường/vạn dân")
    );

    let t = targets_of("- Số lao động có việc làm tăng thêm trong năm khoảng");
    assert_eq!(
        (
            t[0].target.comparator,
            t[0].target.value,
            t[0].target.unit.as_str()
        ),
        (Reach, dec("11500"), "người")
    );
    let t = targets_of("- Tổng vốn đầu tư phát triển toàn xã hội 5 năm");
    assert_eq!(
        (
            t[0].target.comparator,
            t[0].target.value,
            t[0].target.unit.as_str()
        ),
        (Above, dec("360"), "nghìn tỷ đồng")
    );

    let t = targets_of("- Toàn tỉnh có thêm 03 xã");
    assert_eq!(
        (
            t[0].target.comparator,
            t[0].target.value,
            t[0].target.unit.as_str()
        ),
        (IncreaseBy, dec("3"), "xã")
    );
    assert_eq!(
        (
            t[1].target.comparator,
            t[1].target.value,
            t[1].target.unit.as_str()
        ),
        (Reach, dec("68"), "xã")
    );
    assert_eq!(
        (
            t[2].name.as_str(),
            t[2].target.value,
            t[2].target.unit.as_str()
        ),
        (t[1].name.as_str(), dec("73.9"), "%")
    );

    let t = targets_of("- Mức giảm tỷ lệ hộ nghèo");
    assert_eq!(
        (
            t[0].target.comparator,
            t[0].target.value,
            t[0].target.unit.as_str()
        ),
        (DecreaseBy, dec("0.48"), "điểm %")
    );
    let t = targets_of("- Số hộ nghèo năm 2025 giảm 1/2");
    assert_eq!(
        (
            t[0].target.comparator,
            t[0].target.value,
            t[0].target.unit.as_str()
        ),
        (DecreaseBy, dec("50"), "%")
    );

    let t = targets_of("- Đến năm 2025, có ít nhất 80%");
    assert_eq!(
        (t[0].target.comparator, t[0].target.value),
        (AtLeast, dec("80"))
    );
    assert_eq!(
        (t[1].target.comparator, t[1].target.value),
        (Reach, dec("40"))
    );
    let t = targets_of("- Phân đấu hàng năm có trên 60%");
    assert_eq!(
        (t[0].target.comparator, t[0].target.value),
        (Above, dec("60"))
    );
    assert_eq!(
        (
            t[1].target.comparator,
            t[1].target.value,
            t[1].target.value_max
        ),
        (Between, dec("15"), Some(dec("20")))
    );
    let t = targets_of("- Phân đấu phát triển đảng viên");
    assert_eq!(
        (
            t[0].target.comparator,
            t[0].target.value,
            t[0].target.unit.as_str()
        ),
        (AtLeast, dec("1700"), "đồng chí")
    );

    let t = targets_of("- Cơ cấu kinh tế");
    let got: Vec<_> = t.iter().map(fact).collect();
    assert_eq!(
        got,
        [
            ("Tỷ trọng các ngành dịch vụ", Reach, dec("52.6"), None, "%"),
            (
                "Tỷ trọng công nghiệp, xây dựng",
                Reach,
                dec("31.1"),
                None,
                "%"
            ),
            (
                "Tỷ trọng các ngành nông, lâm, thủy sản",
                Reach,
                dec("7.8"),
                None,
                "%"
            ),
        ]
    );

    let t = targets_of("- Tỷ lệ dân số được sử dụng nước sạch");
    assert_eq!(t.len(), 2);
    assert!(t.iter().all(|t| t.target.year == Some(2025)));
}

#[test]
fn corpus_targets_snapshot() {
    insta::assert_snapshot!(targets_snapshot(), @r#"
    Tốc độ tăng trưởng kinh tế (GRDP) bình quân hàng năm giai đoạn 2021 - 2025 | between 8..8,5 % @2025
    GRDP bình quân đầu người | reach 5.685 USD @2025
    Tỷ trọng các ngành dịch vụ | reach 52,6 % @2025
    Tỷ trọng công nghiệp, xây dựng | reach 31,1 % @2025
    Tỷ trọng các ngành nông, lâm, thủy sản | reach 7,8 % @2025
    Kim ngạch xuất khẩu hàng hóa | reach 2 tỷ USD @2025
    Thu ngân sách nội địa | times 2,2 lần @2025 vs 2020
    Tổng vốn đầu tư phát triển toàn xã hội 5 năm 2021 - 2025 | above 360 nghìn tỷ đồng @2025
    Tốc độ tăng bình quân hàng năm | above 12 % @2025
    Tỷ lệ huy động vốn đầu tư phát triển toàn xã hội/GRDP hàng năm | between 55..60 % @2025
    Tỷ trọng đóng góp của năng suất các nhân tố tổng hợp (TFP) trong GRDP bình quân hàng năm | reach 40 % @2025
    Tốc độ tăng năng suất lao động (giá so sánh) bình quân giai đoạn 2021 - 2025 | reach 7,7 % @2025
    Số hộ nghèo | decrease_by 50 % @2025
    Mức giảm tỷ lệ hộ nghèo (huyện Khánh Sơn, huyện Khánh Vĩnh) | between 4..5 %/năm @2025
    Số người lao động có việc làm tăng thêm bình quân hàng năm | above 11,5 nghìn người @2025
    Tỷ lệ thất nghiệp của lao động trong độ tuổi ở khu vực thành thị | below 3,8 % @2025
    Số trường công lập đạt chuẩn quốc gia ở 4 cấp học (mầm non, tiểu học, trung học cơ sở và trung học phổ thông) | reach 65,57 % @2025
    Tỷ lệ lao động qua đào tạo | reach 85 % @2025
    Tỷ lệ lao động có bằng cấp, chứng chỉ | reach 31 % @2025
    Số bác sĩ trên một vạn dân | reach 12,5 bác sĩ/vạn dân @2025
    Số giường bệnh trên một vạn dân (không kể trạm y tế xã) | reach 37,5 giường/vạn dân @2025
    Tỷ lệ suy dinh dưỡng thể thấp còi của trẻ em dưới 5 tuổi | below 8,5 % @2025
    Tỷ lệ người dân tham gia bảo hiểm y tế | reach 95 % @2025
    Tỷ lệ lao động trong độ tuổi tham gia bảo hiểm xã hội | above 45 % @2025
    Tỷ lệ đô thị hóa | reach 65 % @2025
    Tỷ lệ xã đạt chuẩn nông thôn mới | at_least 80 % @2025
    Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao | reach 40 % @2025
    Tỷ lệ xã đạt chuẩn nông thôn mới kiểu mẫu | reach 10 % @2025
    Số xã dưới 15 tiêu chí | reach 0 xã @2025
    Tỷ lệ che phủ rừng | above 46,5 % @2025
    Tỷ lệ dân số được sử dụng nước sạch | reach 70 % @2025
    Nước hợp vệ sinh | reach 100 % @2025
    Tỷ lệ khu công nghiệp, cụm công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung đạt Quy chuẩn kỹ thuật quốc gia về môi trường | reach 100 % @2025
    Tỷ lệ thu gom chất thải rắn đô thị | reach 100 % @2025
    Tỷ lệ xử lý chất thải y tế (nước thải, chất thải rắn) đạt Quy chuẩn kỹ thuật quốc gia về môi trường | reach 90 % @2025
    Tỷ lệ tổ chức cơ sở đảng đạt mức hoàn thành tốt nhiệm vụ | above 60 % @2025
    Tỷ lệ tổ chức cơ sở đảng đạt mức hoàn thành xuất sắc nhiệm vụ so với tổng số tổ chức cơ sở đảng đạt mức hoàn thành tốt nhiệm vụ | between 15..20 % @2025
    Tỷ lệ tổ chức cơ sở đảng đạt mức hoàn thành xuất sắc nhiệm vụ (tương ứng) | between 9..12 % @2025
    Phát triển đảng viên bình quân hàng năm | at_least 1.700 đồng chí @2025
    Phát triển đảng viên bình quân hàng năm trong độ tuổi thanh niên | at_least 55 % @2025
    Tỷ lệ đơn vị kinh tế tư nhân (có đủ các điều kiện cơ bản) đã có tổ chức đoàn thanh niên và công đoàn cơ sở, thành lập tổ chức đảng | reach 50 % @2025
    Tốc độ tăng trưởng kinh tế (GRDP) | increase_by 8,1 % @2024
    GRDP bình quân đầu người | reach 96,25 triệu đồng/người @2024
    Tổng kim ngạch xuất khẩu | reach 1.870 triệu USD @2024
    Thu ngân sách nhà nước | reach 16.687 tỷ đồng @2024
    Thu từ hoạt động xuất nhập khẩu | reach 2.087 tỷ đồng @2024
    Thu nội địa | reach 14.600 tỷ đồng @2024
    Tổng vốn đầu tư phát triển toàn xã hội | reach 80.569 tỷ đồng @2024
    Tổng vốn đầu tư phát triển toàn xã hội | increase_by 13 % @2024 vs 2023
    Mức giảm tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều giai đoạn 2022-2025) | decrease_by 0,48 điểm % @2024
    Số lao động có việc làm tăng thêm trong năm | reach 11.500 người @2024
    Tỷ lệ lao động qua đào tạo | reach 84 % @2024
    Tỷ lệ lao động có bằng cấp chứng chỉ | reach 30 % @2024
    Số giường bệnh trên một vạn dân (không tính giường trạm y tế xã) | reach 36,8 giường/vạn dân @2024
    Số bác sĩ trên một vạn dân | reach 12 bác sĩ/vạn dân @2024
    Tỷ lệ suy dinh dưỡng thể thấp còi của trẻ em dưới 5 tuổi | below 8 % @2024
    Tỷ lệ dân số tham gia bảo hiểm y tế | reach 94,5 % @2024
    Tỷ lệ lao động trong độ tuổi tham gia bảo hiểm xã hội (bắt buộc và tự nguyện) | reach 38,05 % @2024
    Tỷ lệ lao động trong độ tuổi tham gia bảo hiểm thất nghiệp | reach 32,13 % @2024
    Số trường công lập đạt chuẩn quốc gia | reach 63,2 % @2024
    Tỷ lệ đô thị hóa | reach 64 % @2024
    Số xã đạt chuẩn nông thôn mới | increase_by 3 xã @2024
    Số xã đạt chuẩn nông thôn mới | reach 68 xã @2024
    Số xã đạt chuẩn nông thôn mới | reach 73,9 % @2024
    Số xã nông thôn mới nâng cao | increase_by 10 xã @2024
    Số xã đạt chuẩn nông thôn mới nâng cao | reach 29 xã @2024
    Số xã đạt chuẩn nông thôn mới nâng cao | reach 31,5 % @2024
    Số xã nông thôn mới kiểu mẫu | reach 1 xã @2024
    Tỷ lệ che phủ rừng | reach 45,49 % @2024
    Tỷ lệ khu công nghiệp, cụm công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung đạt Quy chuẩn kỹ thuật quốc gia về môi trường | reach 90 % @2024
    Tỷ lệ thu gom chất thải rắn đô thị | reach 95 % @2024
    Tỷ lệ xử lý chất thải y tế (nước thải, chất thải rắn) đạt Quy chuẩn kỹ thuật quốc gia về môi trường | reach 90 % @2024
    Tỷ lệ dân số nông thôn được sử dụng nước hợp vệ sinh | reach 99,7 % @2024
    "#);
}

/// Bullets whose opening words name no deliverable: each is an ongoing
/// line of work (giải pháp), so a measure.
const MEASURES: [&str; 2] = [
    "Phát triển hạ tầng kỹ thuật, xã hội để xây dựng khu vực Nam Vân Phong",
    "Rà soát, bổ sung cơ chế, chính sách chuyên biệt",
];

/// Bullets that deliver a planning document (`quy hoạch`): plans.
const PLANNING: [&str; 2] = [
    "Điều chỉnh quy hoạch tỉnh Khánh Hoà thời kỳ 2021 - 2030",
    "Rà soát, điều chỉnh quy hoạch chung đô thị Khánh Hòa",
];

#[test]
fn every_program_bullet_has_a_justified_kind() {
    let bullets = program_bullets();
    assert_eq!(bullets.len(), 132);
    for b in &bullets {
        let t = analyse(b);
        assert!(!t.title.is_empty(), "{b}");
        if MEASURES.iter().any(|m| t.title.starts_with(m)) {
            assert_eq!(t.kind, TaskKind::Measure, "{b}");
            assert_eq!(kind_of(b), None, "{b}");
        } else if PLANNING.iter().any(|m| t.title.starts_with(m)) {
            assert_eq!(t.kind, TaskKind::Plan, "{b}");
        } else if t.title.starts_with("Triển khai các dự án")
            || t.title.starts_with("Triển khai Dự án")
        {
            assert_eq!(t.kind, TaskKind::Project, "{b}");
        } else {
            // The kind's own word opens the title.
            let word = match t.kind {
                TaskKind::Regulation if t.title.starts_with("Quy chế") => "Quy chế",
                TaskKind::Regulation => "Quy định",
                other => other.label_vi(),
            };
            assert!(t.title.starts_with(word), "{:?} for {b}", t.kind);
        }
    }
}

#[test]
fn compound_bullets_list_their_projects() {
    let bullets = program_bullets();
    let components = |intro: &str| {
        let b = bullets
            .iter()
            .find(|b| b.starts_with(intro))
            .expect("bullet");
        analyse(b)
    };
    let urban = components("- Triển khai các dự án đô thị:");
    assert_eq!(urban.title, "Triển khai các dự án đô thị");
    assert_eq!(urban.components.len(), 6);
    assert_eq!(urban.components[0].name, "Khu đô thị ven vịnh Cam Ranh");
    assert_eq!(
        (
            urban.components[0].quantity,
            urban.components[0].unit.as_deref()
        ),
        (Some(dec("1254")), Some("ha"))
    );
    assert_eq!(urban.components[2].quantity, Some(dec("2579.23")));
    assert_eq!(urban.components[5].quantity, None);

    let roads = components("- Triển khai các dự án phát triển hạ tầng giao thông:");
    assert_eq!(roads.components.len(), 15);
    assert_eq!(
        roads.components[0].name,
        "Tuyến cao tốc Khánh Hòa - Buôn Ma Thuột (CT.24)"
    );
    assert_eq!(
        roads.components[1].name,
        "cao tốc Nha Trang (Khánh Hòa) - Đà Lạt (Lâm Đồng)"
    );

    let digital = components("- Triển khai các dự án phát triển hạ tầng số:");
    assert_eq!(digital.components.len(), 3);
    assert_eq!(
        digital.components[0].name,
        "Hạ tầng viễn thông, Internet (5G, 6G)"
    );

    let parks = components("- Triển khai các dự án phát triển hạ tầng khu công nghiệp:");
    assert_eq!(parks.components.len(), 8);
    assert!(
        parks
            .components
            .iter()
            .all(|c| c.unit.as_deref() == Some("ha"))
    );
    assert_eq!(parks.components[0].quantity, Some(dec("288")));
    assert_eq!(parks.components[1].quantity, Some(dec("1000")));

    let water = components("- Triển khai các dự án phát triển hạ tầng thủy lợi:");
    assert_eq!(water.components.len(), 5);
    assert!(water.components.iter().all(|c| c.quantity.is_none()));
    assert_eq!(
        water.components[4].name,
        "hồ chứa nước và hệ thống dẫn nước Sông Chò 1"
    );

    let with_components = bullets
        .iter()
        .filter(|b| !analyse(b).components.is_empty())
        .count();
    assert_eq!(with_components, 5);
}

#[test]
fn corpus_conditions_periods_and_horizons() {
    let bullets = program_bullets();
    let conditions: Vec<Vec<String>> = bullets
        .iter()
        .map(|b| analyse(b).conditions)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        conditions,
        [
            vec!["khi đảm bảo đủ điều kiện".to_string()],
            vec!["sau khi được Thủ tướng Chính phủ phê duyệt".to_string()]
        ]
    );
    let after_merger = bullets
        .iter()
        .filter(|b| b.contains("sau khi hợp nhất"))
        .map(|b| analyse(b))
        .collect::<Vec<_>>();
    assert_eq!(after_merger.len(), 2);
    assert!(
        after_merger
            .iter()
            .all(|t| t.conditions.is_empty() && t.title.ends_with("sau khi hợp nhất"))
    );
}

#[test]
fn corpus_bullets_snapshot() {
    insta::assert_snapshot!(bullets_snapshot(), @r#"
    scheme | Đề án phát triển ngành công nghiệp trở thành trụ cột, động l… | năm 2030
    scheme | Đề án phát triển Trung tâm công nghiệp xanh - Netzero | (khi đảm bảo đủ điều kiện)
    scheme | Đề án thành lập Trung tâm công nghiệp, dịch vụ năng lượng tá…
    resolution | Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về phát triển du l… | giai đoạn 2025 - 2030 | tầm nhìn 2045
    scheme | Đề án phát triển khu du lịch Ninh Chử thành khu du lịch quốc…
    scheme | Đề án phát triển khu du lịch Vân Phong thành khu du lịch quố…
    scheme | Đề án phát triển kinh tế đêm tỉnh Khánh Hòa giai đoạn 2025 -… | giai đoạn 2025 - 2030
    scheme | Đề án phát triển du lịch cộng đồng trên địa bàn tỉnh Khánh H… | giai đoạn 2026 - 2030
    scheme | Đề án chuyển đổi số ngành du lịch tỉnh Khánh Hòa giai đoạn 2… | giai đoạn 2026 - 2030
    project | Dự án cải tạo, chỉnh trang phát triển du lịch, dịch vụ hệ th…
    scheme | Đề án phát triển đô thị thông minh trên địa bàn tỉnh Khánh H… | giai đoạn 2026 - 2030
    resolution | Nghị quyết về xây dựng phường Phan Rang và các phường lân cậ…
    scheme | Đề án mở rộng không gian phát triển kinh tế, xã hội, tiến tớ…
    programme | Chương trình phát triển đô thị tỉnh Khánh Hòa giai đoạn 2026… | giai đoạn 2026 - 2030
    programme | Chương trình phát triển nhà ở tỉnh Khánh Hòa giai đoạn 2026 … | giai đoạn 2026 - 2030
    project | Dự án môi trường bền vững các thành phố duyên hải - Tiểu dự …
    project | Triển khai các dự án đô thị | 6 components
    scheme | Đề án phát triển hạ tầng xây dựng Nhà máy điện hạt nhân Ninh…
    scheme | Đề án phát triển vùng kinh tế trọng điểm phía Nam tỉnh Khánh…
    plan | Kế hoạch tháo gỡ khó khăn vướng mắc của các dự án tồn đọng, …
    directive | Chỉ thị của Ban Thường vụ Tỉnh ủy về công tác giải phóng mặt…
    measure | Phát triển hạ tầng kỹ thuật, xã hội để xây dựng khu vực Nam …
    project | Dự án xây dựng Hầm qua núi Cù Hin kết nối từ Sông Lô, phường…
    project | Dự án đường ven biển nối sân bay Cam Ranh với Nam Khánh Hòa
    project | Dự án tuyến đường di sản từ Tháp Bà Ponagar đến Am Chúa
    project | Triển khai các dự án phát triển hạ tầng giao thông | 15 components
    project | Triển khai các dự án phát triển hạ tầng số | 3 components
    project | Triển khai các dự án phát triển hạ tầng khu công nghiệp | 8 components
    project | Triển khai các dự án phát triển hạ tầng thủy lợi | 5 components
    scheme | Đề án phát triển kinh tế nông nghiệp số, nông nghiệp thông m…
    scheme | Đề án xây dựng vùng sản xuất tập trung, ứng dụng số hoá, blo…
    scheme | Đề án đánh giá đặc điểm thổ nhưỡng, nông hóa đất đai
    scheme | Đề án phát triển nuôi biển công nghệ cao
    scheme | Đề án phát triển chăn nuôi theo hướng an toàn sinh học gắn v… | giai đoạn 2025 - 2030
    scheme | Đề án quản lý, bảo vệ, phát triển nguồn lợi thủy sản và bảo …
    scheme | Đề án phát triển nông nghiệp bền vững gắn với giảm nghèo đa … | giai đoạn 2025 - 2030
    plan | Kế hoạch thực hiện Chiến lược phát triển nông nghiệp và nông… | năm 2030 | tầm nhìn 2050
    resolution | Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về phát triển khu … | giai đoạn 2026 - 2030
    resolution | Nghị quyết phát triển kinh tế biển đến năm 2030, tầm nhìn đế… | năm 2030 | tầm nhìn 2045
    plan | Kế hoạch thực hiện Đề án trung tâm nghiên cứu quốc gia về cô… | (sau khi được Thủ tướng Chính phủ phê duyệt)
    scheme | Đề án tăng thu ngân sách giai đoạn 2026 - 2031 | giai đoạn 2026 - 2031
    plan | Kế hoạch phát triển kinh tế - xã hội giai đoạn 2026 - 2030 | giai đoạn 2026 - 2030
    plan | Kế hoạch tài chính ngân sách nhà nước 5 năm giai đoạn 2026 -… | giai đoạn 2026 - 2030
    plan | Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030; trong … | giai đoạn 2026 - 2030
    plan | Điều chỉnh quy hoạch tỉnh Khánh Hoà thời kỳ 2021 - 2030, tầm… | giai đoạn 2021 - 2030 | tầm nhìn 2050
    plan | Rà soát, điều chỉnh quy hoạch chung đô thị Khánh Hòa đến năm… | năm 2045 | tầm nhìn 2065
    plan | Kế hoạch cải cách hành chính giai đoạn 2026 - 2030 | giai đoạn 2026 - 2030
    plan | Kế hoạch nâng cao chỉ số năng lực cạnh tranh cấp tỉnh (PCI),… | năm 2030
    plan | Kế hoạch triển khai Đề án về phát triển kinh tế nhà nước the…
    plan | Kế hoạch triển khai Đề án định hướng thu hút dòng vốn đầu tư…
    scheme | Đề án sắp xếp, cơ cấu lại, cổ phần hóa doanh nghiệp Nhà nước… | giai đoạn 2026 - 2028
    scheme | Đề án phát triển công nghệ đại dương, hải dương học
    scheme | Đề án/chương trình phát triển lĩnh vực công nghiệp công nghệ…
    scheme | Đề án phát triển mạng lưới chuyên gia, nhà khoa học trong nư…
    scheme | Đề án nâng cao tổng thể tiềm lực khoa học, công nghệ, chuyển… | năm 2035
    scheme | Đề án số hóa, công khai dữ liệu quy hoạch sử dụng đất
    scheme | Đề án số hoá, công khai dữ liệu bản đồ quy hoạch đô thị và n…
    plan | Kế hoạch quy hoạch khoa học, công nghệ, đổi mới sáng tạo đến… | năm 2030 | tầm nhìn 2035
    plan | Kế hoạch phát triển chính quyền số, kinh tế số, xã hội số đế… | năm 2030
    strategy | Chiến lược dữ liệu và khung quản trị dữ liệu tỉnh Khánh Hòa
    plan | Kế hoạch phối hợp triển khai thực hiện Đề án xây dựng Trung …
    plan | Kế hoạch phát triển hạ tầng viễn thông, hạ tầng số đến năm 2… | năm 2030 | tầm nhìn 2035
    plan | Kế hoạch thúc đẩy chuyển đổi số trong cộng đồng doanh nghiệp
    plan | Kế hoạch phát triển, tích hợp và ứng dụng trí tuệ nhân tạo (…
    plan | Kế hoạch phát triển và ứng dụng trí tuệ nhân tạo (AI) trong …
    programme | Chương trình phát triển nguồn nhân lực số, chuẩn bị kỹ năng …
    plan | Kế hoạch thực hiện Chỉ thị số 38-CT/TW, ngày 30/7/2024 của B… | năm 2030
    scheme | Đề án sửa đổi, hoàn thiện các cơ chế về giao đất, cho thuê đ…
    scheme | Đề án bảo đảm an ninh nguồn nước, an toàn đập, hồ chứa nước … | giai đoạn 2026 - 2027
    scheme | Đề án bảo vệ vùng ven biển, ven sông (chống xâm nhập mặn, kê…
    project | Dự án xây dựng Nhà máy xử lý rác thải với công nghệ hiện đại…
    plan | Kế hoạch hành động để đến năm 2050 tỉnh Khánh Hòa giảm thiểu… | năm 2050
    programme | Chương trình bảo tồn quỹ gen và xây dựng cơ sở dữ liệu về đa…
    plan | Kế hoạch bảo vệ môi trường giai đoạn 2026 - 2030 | giai đoạn 2026 - 2030
    plan | Kế hoạch thực hiện Quy hoạch lâm nghiệp quốc gia thời kỳ 202… | giai đoạn 2021 - 2030 | tầm nhìn 2050
    resolution | Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về chiến lược phát… | năm 2035 | tầm nhìn 2045
    scheme | Đề án về cơ chế, chính sách chuyên biệt thu hút nguồn lực, n…
    scheme | Đề án đào tạo nguồn nhân lực chất lượng cao, nhất là nguồn c…
    scheme | Đề án xây dựng, nâng cao chất lượng đội ngũ giáo viên và cán… | giai đoạn 2025 - 2030
    scheme | Đề án đào tạo, trang bị kiến thức cơ bản về văn hoá, nghệ th…
    scheme | Đề án về đào tạo nghề cho người lao động có bằng cấp, chứng …
    scheme | Đề án thành lập Phân hiệu Đại học Kinh tế Hồ Chí Minh tại tỉ…
    resolution | Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về xây dựng và phá…
    resolution | Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về tăng cường sự l… | năm 2030
    scheme | Đề án xây dựng Bảo tàng tổng hợp tỉnh Khánh Hòa
    scheme | Đề án về chính sách hỗ trợ, bảo tồn và phát triển loại hình …
    programme | Chương trình mục tiêu quốc gia về phát triển văn hoá giai đo… | giai đoạn 2025 - 2035
    project | Dự án xây dựng khu liên hợp thể dục, thể thao tỉnh
    plan | Kế hoạch của Ban Chấp hành Đảng bộ tỉnh thực hiện Kết luận s…
    scheme | Đề án giảm tỷ lệ suy dinh dưỡng, thấp còi ở trẻ dưới 5 tuổi,…
    scheme | Đề án tăng cường bảo vệ, chăm sóc và nâng cao chất lượng khá…
    scheme | Đề án hơp tác phát triển điều trị chuyên sâu lĩnh vực y tế g…
    project | Triển khai Dự án xây dựng Bệnh viện Đa khoa tỉnh Khánh Hòa t…
    plan | Kế hoạch của Ban Chấp hành Đảng bộ tỉnh triển khai thực hiện…
    measure | Rà soát, bổ sung cơ chế, chính sách chuyên biệt thu hút nguồ…
    scheme | Đề án về chính sách lao động, việc làm để thích ứng với vấn …
    plan | Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng n… | giai đoạn 2026 - 2030
    plan | Kế hoạch về phát triển nhà ở xã hội và nhà ở thương mại giá …
    programme | Chương trình hỗ trợ phát triển thị trường lao động đến năm 2… | năm 2030
    resolution | Nghị quyết về Chương trình phát triển kinh tế - xã hội vùng … | giai đoạn 2026 - 2030
    plan | Kế hoạch vận động tổ chức, tín đồ tôn giáo đồng hành cùng dâ…
    resolution | Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về lãnh đạo xây dự…
    directive | Chỉ thị lãnh đạo Diễn tập khu vực phòng thủ tỉnh
    plan | Kế hoạch triển khai thực hiện xây dựng lực lượng vũ trang tỉ…
    plan | Kế hoạch thực hiện Đề án xây dựng và phát triển đặc khu Trườ…
    plan | Kế hoạch xây dựng lực lượng dân quân trên biển tỉnh Khánh Hò…
    plan | Kế hoạch đào tạo nghề, tạo việc làm cho hạ sĩ quan, binh sĩ …
    scheme | Đề án xây dựng các xã, phường không có tệ nạn ma túy, phấn đ… | năm 2030
    plan | Kế hoạch thực hiện Đề án phát triển ứng dụng dữ liệu dân cư,… | giai đoạn 2022 - 2025 | tầm nhìn 2030
    plan | Kế hoạch triển khai thực hiện Nghị quyết số 12-NQ/TW, ngày 1…
    scheme | Đề án đổi mới, nâng cao chất lượng công tác giáo dục chính t…
    plan | Kế hoạch thực hiện Quy định số 144-QĐ/TW, ngày 09/5/2024 của…
    scheme | Đề án xây dựng Trường Chính trị tỉnh Khánh Hòa đạt chuẩn, gi… | giai đoạn 2025 - 2030
    scheme | Đề án tiếp tục sắp xếp tinh gọn tổ chức bộ máy bên trong của…
    plan | Kế hoạch thực hiện Chỉ thị số 50-CT/TW, ngày 23/7/2025 của B…
    regulation | Quy định về bộ tiêu chí chấm điểm đánh giá chất lượng sinh h…
    scheme | Đề án nâng cao chất lượng đội ngũ cán bộ, nhất là đội ngũ cá…
    scheme | Đề án nâng cao chất lượng, năng lực đội ngũ cán bộ trẻ, nữ, … | giai đoạn 2025 - 2030
    scheme | Đề án tinh giản biên chế gắn với tuyển dụng cán bộ trẻ ngang…
    directive | Chỉ thị về đẩy mạnh công tác phát triển đảng viên nhiệm kỳ 2… | giai đoạn 2025 - 2030
    scheme | Đề án chuyển đổi số trong các cơ quan Đảng và của ngành Kiểm…
    scheme | Đề án nâng cao chất lượng công tác tiếp công dân, tiếp nhận,…
    directive | Chỉ thị của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo …
    handbook | Sổ tay nghiệp vụ kiểm tra công tác Đảng
    scheme | Đề án xây dựng tỉnh Khánh Hòa trở thành thành phố trực thuộc… | năm 2030
    scheme | Đề án nâng cao chất lượng hoạt động của Hội đồng nhân dân 2 …
    scheme | Đề án nâng cao hiệu lực, hiệu quả hoạt động của bộ máy chính…
    scheme | Đề án lập Bản đồ hành chính tỉnh Khánh Hòa sau khi hợp nhất
    scheme | Đề án hoàn thiện hồ sơ, bản đồ địa giới hành chính tỉnh Khán…
    plan | Kế hoạch triển khai phân cấp, phân quyền, cụ thể hóa trách n…
    scheme | Đề án đổi mới nâng cao chất lượng công tác dân vận tỉnh Khán…
    scheme | Đề án nâng cao chất lượng giám sát, phản biện xã hội của Mặt…
    "#);
}
