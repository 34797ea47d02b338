//! Tests on hand-made texts of each form, and on the development corpus of
//! other provinces' documents when it is present.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use rust_decimal::Decimal;
use tiendo_core::catalog::{Comparator, Part};

use super::*;
use crate::source::decode;

fn lines(text: &str) -> Vec<Line> {
    decode("test", text.as_bytes()).expect("test text decodes")
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("test decimal")
}

fn grids(text: &str) -> Vec<Grid> {
    find_grids(&lines(text))
}

fn read_all(text: &str, year: Option<i32>) -> Vec<(Grid, GridYield)> {
    grids(text)
        .into_iter()
        .map(|g| {
            let y = read_grid(&g, year);
            (g, y)
        })
        .collect()
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/other-provinces")
}

/// The corpus file whose name starts with `prefix`, or `None` (with a
/// notice) when the corpus is not on this machine.
fn corpus(prefix: &str) -> Option<String> {
    let dir = corpus_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("corpus not found at {}: test skipped", dir.display());
        return None;
    };
    let path = entries.flatten().map(|e| e.path()).find(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix))
    })?;
    std::fs::read_to_string(path).ok()
}

// ---------------------------------------------------------------- pipe rows

#[test]
fn pipe_table_with_header_and_separator() {
    let text = "Bảng chỉ tiêu\n\n| STT | Chỉ tiêu | Đơn vị | Kế hoạch 2025 | Thực hiện 2025 | Đánh giá |\n|---|---|---|---|---|---|\n| 1 | Tỷ lệ hộ nghèo | % | Dưới 3 | 2,5 | Đạt |\n| 2 | Tỷ lệ dân số tham gia BHYT | % | Trên 90 | 95% | Vượt |\n";
    let all = read_all(text, None);
    assert_eq!(all.len(), 1);
    let (g, y) = &all[0];
    assert_eq!(g.form, GridForm::Pipe);
    assert_eq!(g.header_rows, 1);
    assert_eq!(g.rows.len(), 3);
    assert_eq!(g.first_line, 3);
    assert_eq!(y.indicators.len(), 2);
    let i = &y.indicators[0];
    assert_eq!(i.name, "Tỷ lệ hộ nghèo");
    assert_eq!(i.target.comparator, Comparator::Below);
    assert_eq!(i.target.value, d("3"));
    assert_eq!(i.target.unit, "%");
    assert_eq!(i.target.year, Some(2025));
    assert_eq!(i.line, 5);
    assert_eq!(y.actuals.len(), 2);
    assert_eq!(y.actuals[0].value, d("2.5"));
    assert_eq!(y.actuals[0].assessment.as_deref(), Some("Đạt"));
    assert_eq!(y.actuals[0].indicator.as_deref(), Some("Tỷ lệ hộ nghèo"));
    assert!(!y.actuals[0].estimate);
    assert_eq!(y.indicators[1].target.comparator, Comparator::Above);
}

#[test]
fn pipe_table_without_separator_finds_its_header() {
    let text = "| TT | Nội dung | ĐVT | KH |\n| 3 | Tỷ lệ xã đạt chuẩn | % | 95% |\n";
    let all = read_all(text, Some(2024));
    assert_eq!(all.len(), 1);
    let y = &all[0].1;
    assert_eq!(y.indicators.len(), 1);
    assert_eq!(y.indicators[0].target.value, d("95"));
    assert_eq!(y.indicators[0].target.year, Some(2024));
}

#[test]
fn pipe_rows_without_header_are_found_but_give_nothing() {
    let text = "| 3 | Tỷ lệ hộ nghèo | 95% |\n| 4 | Tỷ lệ che phủ rừng | 42% |\n";
    let g = grids(text);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].rows[1].cells, vec!["4", "Tỷ lệ che phủ rừng", "42%"]);
    let y = read_grid(&g[0], None);
    assert!(y.indicators.is_empty() && y.fields.is_empty());
}

#[test]
fn pipe_header_broken_over_lines() {
    let text = "| STT | Chỉ tiêu | Đơn vị | Kế hoạch\nnăm 2025 |\n| 1 | Tỷ lệ che phủ rừng | % | Khoảng 42 |\n";
    let g = grids(text);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].rows[0].cells[3], "Kế hoạch năm 2025");
    let y = read_grid(&g[0], None);
    assert_eq!(y.indicators.len(), 1);
    assert_eq!(y.indicators[0].target.year, Some(2025));
}

#[test]
fn pipe_header_in_two_rows_above_the_separator() {
    let text = "| STT | Chỉ tiêu | Đơn vị | Kế hoạch | Ước TH |\n| | | | năm 2024 | năm 2024 |\n|---|---|---|---|---|\n| I | Kinh tế | | | |\n| 1 | Mức giảm tỷ lệ hộ nghèo | Điểm % | 1 - 1,5% | Khoảng 1,2 |\n";
    let g = grids(text);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].header_rows, 2);
    let y = read_grid(&g[0], None);
    assert_eq!(y.sections.len(), 1);
    assert_eq!(y.sections[0].part, Part::Targets);
    let i = &y.indicators[0];
    assert_eq!(i.section, "I");
    assert_eq!(i.target.year, Some(2024));
    assert_eq!(i.target.unit, "điểm %");
    assert_eq!(
        (i.target.value, i.target.value_max),
        (d("1"), Some(d("1.5")))
    );
    let a = &y.actuals[0];
    assert!(a.estimate && a.approximate);
    assert_eq!((a.value, a.year), (d("1.2"), Some(2024)));
}

#[test]
fn lone_pipe_after_each_cell() {
    let text = "Trước bảng\n\nSTT\n|\nChỉ tiêu\n|\nĐơn vị\n|\nKế hoạch 2025\n|\n1\n|\nTỷ lệ che phủ rừng\n|\n%\n|\n42\n|\n2\n|\nTỷ lệ hộ nghèo theo chuẩn\n|\n%\n|\nDưới 3\n|\n";
    let g = grids(text);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].first_line, 3);
    assert_eq!(g[0].rows.len(), 3);
    let y = read_grid(&g[0], None);
    let names: Vec<&str> = y.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["Tỷ lệ che phủ rừng", "Tỷ lệ hộ nghèo theo chuẩn"]);
    assert_eq!(y.indicators[1].target.comparator, Comparator::Below);
}

#[test]
fn key_value_rows_are_fields() {
    let text = "| Số hiệu | 145/KH-UBND |\n| Ngày ban hành | 28/05/2025 |\n| Người ký | Dương Xuân Huyên |\n";
    let all = read_all(text, None);
    assert_eq!(all.len(), 1);
    let y = &all[0].1;
    assert_eq!(y.fields.len(), 3);
    assert_eq!(
        y.fields[0],
        ("Số hiệu".to_owned(), "145/KH-UBND".to_owned())
    );
    assert!(y.indicators.is_empty() && y.tasks.is_empty());
}

#[test]
fn a_pipe_inside_prose_is_no_table() {
    assert!(grids("Ngày 04/01/2021 - 15:54:00 | 3612 lượt xem\nXem cỡ chữ\n").is_empty());
}

// ---------------------------------------------------------------- HTML

#[test]
fn html_spans_are_expanded() {
    let text = "_Đơn vị tính: Tỷ đồng_\n<table>\n<thead>\n<tr><th rowspan=\"2\">TT</th><th rowspan=\"2\">Tên nhiệm vụ</th><th rowspan=\"2\">Đơn vị chủ trì</th><th rowspan=\"2\">Mục tiêu, quy mô</th><th rowspan=\"2\">Thời gian thực hiện</th><th colspan=\"2\">Nguồn vốn</th></tr>\n<tr><th>Ngân sách địa phương</th><th>Xã hội hóa</th></tr>\n</thead>\n<tbody>\n<tr><td><strong>I</strong></td><td colspan=\"6\">Nhóm một</td></tr>\n<tr><td>1</td><td>Xây dựng A</td><td>Sở Y tế</td><td rowspan=\"2\">Chung</td><td>2019-2020</td><td>2,00</td><td></td></tr>\n<tr><td>2</td><td>Xây dựng B</td><td>Sở Tài chính</td><td>2021-2022</td><td>1,00</td><td>3,00</td></tr>\n</tbody>\n</table>\n";
    let g = grids(text);
    assert_eq!(g.len(), 1);
    let g = &g[0];
    assert_eq!(g.form, GridForm::Html);
    assert_eq!(g.unit.as_deref(), Some("Tỷ đồng"));
    assert_eq!(g.header_rows, 2);
    assert_eq!(g.rows[1].cells[0], "TT");
    assert_eq!(g.rows[0].cells[6], "Nguồn vốn");
    assert_eq!(
        g.rows[4].cells,
        vec![
            "2",
            "Xây dựng B",
            "Sở Tài chính",
            "Chung",
            "2021-2022",
            "1,00",
            "3,00"
        ]
    );
    let y = read_grid(g, None);
    assert_eq!(y.sections.len(), 1);
    assert_eq!(y.sections[0].part, Part::Appendix);
    assert_eq!(y.tasks.len(), 2);
    let b = &y.tasks[1];
    assert_eq!(b.section, "I");
    assert_eq!((b.period_start, b.period_end), (Some(2021), Some(2022)));
    assert_eq!(
        b.funding.as_deref(),
        Some("NSĐP 1,00 tỷ đồng; XHH 3,00 tỷ đồng")
    );
    assert_eq!(y.tasks[0].funding.as_deref(), Some("2,00 tỷ đồng (NSĐP)"));
    assert_eq!(y.agencies, vec!["Sở Y tế", "Sở Tài chính"]);
}

#[test]
fn table_tag_in_prose_is_no_grid() {
    assert!(grids("Các tệp có bảng HTML (`<table>`) và chữ.\nDòng hai.\n").is_empty());
}

#[test]
fn two_unclosed_tables_are_two_grids() {
    let text = "<table><tr><td>Chỉ tiêu</td><td>2020</td></tr>\n<tr><td>Số xã đạt chuẩn nông thôn mới</td><td>5</td></tr>\n<table><tr><td>a</td></tr>\n";
    let g = grids(text);
    assert_eq!(g.len(), 2);
    assert_eq!((g[0].first_line, g[0].last_line), (1, 2));
    let y = read_grid(&g[0], None);
    assert_eq!(y.actuals.len(), 1);
    assert_eq!(y.actuals[0].year, Some(2020));
}

#[test]
fn html_cut_short_does_not_panic() {
    let text =
        "<table><tr><td rowspan=\"9999\">1</td><td colspan=\"99999\">Tỷ lệ</td></tr><tr><td>2<td>x";
    let g = grids(text);
    assert_eq!(g.len(), 1);
    let _ = read_grid(&g[0], None);
}

// ---------------------------------------------------------------- one cell per line

#[test]
fn one_cell_per_paragraph_with_a_short_sub_row() {
    let text = "STT\n\nChỉ tiêu\n\nĐơn vị\n\nKế hoạch năm 2021\n\nCơ quan chủ trì\n\n1\n\nTỷ lệ lao động qua đào tạo\n\n%\n\nKhoảng 66\n\nBộ LĐTBXH\n\n- Trong đó: Tỷ lệ có bằng cấp, chứng chỉ\n\n%\n\nKhoảng 25,5\n\n2\n\nTỷ lệ dân số tham gia bảo hiểm y tế\n\n%\n\nKhoảng 91\n\nBộ YT\n\nĐánh giá bài viết\n";
    let g = grids(text);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].form, GridForm::Paragraph);
    assert_eq!(g[0].rows.len(), 4);
    assert_eq!(
        g[0].rows[2].cells,
        vec![
            "",
            "- Trong đó: Tỷ lệ có bằng cấp, chứng chỉ",
            "%",
            "Khoảng 25,5",
            ""
        ]
    );
    assert_eq!(g[0].rows[3].cells[0], "2");
    let y = read_grid(&g[0], None);
    assert_eq!(y.indicators.len(), 3);
    assert_eq!(y.indicators[1].name, "Tỷ lệ có bằng cấp, chứng chỉ");
    assert_eq!(y.indicators[2].name, "Tỷ lệ dân số tham gia bảo hiểm y tế");
    assert!(y.indicators[2].source.contains("Bộ YT"));
    assert_eq!(y.agencies, vec!["Bộ LĐTBXH", "Bộ YT"]);
}

#[test]
fn one_cell_per_line_cut_mid_row() {
    let text = "TT\nChỉ tiêu\nĐơn vị\nKế hoạch\nƯớc TH\n1.\nTốc độ tăng GDP cả năm\n%\n6,6-6,8\n";
    let g = grids(text);
    assert_eq!(g.len(), 1);
    let y = read_grid(&g[0], Some(2019));
    assert_eq!(y.indicators.len(), 1);
    assert_eq!(y.indicators[0].target.comparator, Comparator::Between);
    assert!(y.actuals.is_empty());
}

// ---------------------------------------------------------------- time series

#[test]
fn space_separated_series() {
    let text = "Chỉ tiêu ĐV tính 2016 2017 2018\nNông nghiệp % 3.50 -1.30 2.00\nDịch vụ Tỷ đồng 29315.30 1.00\nHệ số ICOR 4.80 5.50 5.00\nhết bảng\n";
    let g = grids(text);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].form, GridForm::Spaced);
    assert_eq!(g[0].rows.len(), 4);
    let y = read_grid(&g[0], None);
    let farm: Vec<_> = y
        .actuals
        .iter()
        .filter(|a| a.name == "Nông nghiệp")
        .collect();
    assert_eq!(farm.len(), 3);
    assert_eq!(farm[1].value, d("-1.3"));
    assert_eq!(farm[1].year, Some(2017));
    assert_eq!(farm[1].unit, "%");
    assert!(y.actuals.iter().all(|a| a.name != "Dịch vụ"));
    assert_eq!(y.notes.len(), 1);
    assert_eq!(y.notes[0].code, "ambiguous_years");
    assert_eq!(y.notes[0].line, 3);
    assert_eq!(
        y.actuals.iter().filter(|a| a.name == "Hệ số ICOR").count(),
        3
    );
}

// ---------------------------------------------------------------- totality

#[test]
fn odd_inputs_do_not_panic() {
    for text in [
        "|",
        "||||\n|",
        "| a |\n|",
        "STT\nChỉ tiêu\nĐơn vị\n1",
        "STT\nChỉ tiêu\nĐơn vị\n- Trong đó: ừ ừ ừ ừ\n",
        "<table",
        "<table><tr><td>ạ</td></tr></table>",
        "<TABLE><TR><TD ROWSPAN=0 COLSPAN=-3>Ổ<",
        "Chỉ tiêu 2010 2011 2012\nA 1.0",
        "| STT | Chỉ tiêu | Kế hoạch |\n|---|\n| I | Nhóm |\n| 1 | Tên | Khoảng |",
    ] {
        for g in grids(text) {
            let _ = read_grid(&g, Some(2020));
        }
    }
}

// ---------------------------------------------------------------- corpus

#[test]
fn corpus_header_blocks_give_no_indicators() {
    for prefix in ["06_", "07_", "30_", "37_"] {
        let Some(text) = corpus(prefix) else { return };
        let found = grids(&text);
        assert!(
            !found.is_empty(),
            "{prefix}: the pipe header block is a grid"
        );
        for g in &found {
            let y = read_grid(g, Some(2025));
            assert!(y.indicators.is_empty(), "{prefix}: {:?}", y.indicators);
            assert!(y.tasks.is_empty() && y.actuals.is_empty(), "{prefix}");
        }
    }
}

#[test]
fn corpus_06_literal_line_breaks_end_rows() {
    let Some(text) = corpus("06_") else { return };
    let found = grids(&text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rows.len(), 2);
    assert_eq!(
        found[0].rows[1].cells,
        vec!["Số: 54/KH-UBND", "Lạng Sơn, ngày 27 tháng 3 năm 2020"]
    );
}

#[test]
fn corpus_07_key_values() {
    let Some(text) = corpus("07_") else { return };
    let found = grids(&text);
    let fields: Vec<(String, String)> = found
        .iter()
        .flat_map(|g| read_grid(g, None).fields)
        .collect();
    assert!(
        fields.contains(&("Số hiệu".to_owned(), "145/KH-UBND".to_owned())),
        "{fields:?}"
    );
    assert!(fields.contains(&("Người ký".to_owned(), "Dương Xuân Huyên".to_owned())));
    assert_eq!(fields.len(), 7, "{fields:?}");
}

#[test]
fn corpus_18_task_table() {
    let Some(text) = corpus("18_") else { return };
    let found: Vec<Grid> = grids(&text)
        .into_iter()
        .filter(|g| g.form == GridForm::Html)
        .collect();
    assert_eq!(found.len(), 1);
    let g = &found[0];
    assert_eq!(g.unit.as_deref(), Some("Tỷ đồng"));
    let y = read_grid(g, None);
    assert_eq!(y.tasks.len(), 13);
    let numbers: Vec<&str> = y.sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(numbers, ["I", "II"]);
    assert!(y.sections.iter().all(|s| s.part == Part::Appendix));
    let task = |section: &str, stt: &str| {
        y.tasks
            .iter()
            .find(|t| t.section == section && t.stt.as_deref() == Some(stt))
            .unwrap_or_else(|| panic!("task {section}.{stt}"))
    };
    let i4 = task("I", "4");
    assert_eq!(
        i4.title,
        "Xây dựng Trung tâm điều hành thành phố thông minh"
    );
    assert_eq!(
        i4.lead_agency.as_deref(),
        Some("Sở Thông tin và Truyền thông")
    );
    assert_eq!(i4.coordinators, vec!["Các sở, ban, ngành, địa phương"]);
    assert_eq!((i4.period_start, i4.period_end), (Some(2019), Some(2020)));
    assert_eq!(i4.funding.as_deref(), Some("15,00 tỷ đồng (NSĐP)"));
    let i2 = task("I", "2");
    assert_eq!((i2.period_start, i2.period_end), (Some(2019), Some(2022)));
    assert_eq!(
        i2.coordinators,
        vec![
            "Văn phòng Ủy ban nhân dân tỉnh",
            "Các sở, ban, ngành, địa phương"
        ]
    );
    let ii1 = task("II", "1");
    assert_eq!(ii1.lead_agency.as_deref(), Some("Sở Giáo dục và Đào tạo"));
    assert_eq!((ii1.period_start, ii1.period_end), (Some(2019), Some(2025)));
    assert_eq!(
        ii1.funding.as_deref(),
        Some("14,00 tỷ đồng (NSĐP 1,00; XHH 13,00)")
    );
    assert_eq!(
        y.agencies,
        vec!["Sở Thông tin và Truyền thông", "Sở Giáo dục và Đào tạo"]
    );
}

#[test]
fn corpus_22_kpi_table() {
    let Some(text) = corpus("22_") else { return };
    let found: Vec<Grid> = grids(&text)
        .into_iter()
        .filter(|g| g.form == GridForm::Html)
        .collect();
    assert_eq!(found.len(), 2);
    let y = read_grid(&found[0], None);
    let names: Vec<&str> = y.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names.len(), 8, "{names:?}");
    let first = &y.indicators[0];
    assert_eq!(first.name, "Tỷ lệ đường dây thuê bao cố định trên 100 dân");
    assert_eq!(first.target.comparator, Comparator::Between);
    assert_eq!(
        (first.target.value, first.target.value_max),
        (d("20"), Some(d("25")))
    );
    assert_eq!(first.target.year, Some(2020));
    assert_eq!(first.target.unit, "Thuê bao/100 dân");
    let row1: Vec<(Option<i32>, Decimal)> = y
        .actuals
        .iter()
        .filter(|a| a.name == first.name)
        .map(|a| (a.year, a.value))
        .collect();
    assert_eq!(
        row1,
        vec![
            (Some(2016), d("15.85")),
            (Some(2017), d("16.71")),
            (Some(2018), d("18.27")),
            (Some(2019), d("19.12")),
            (Some(2020), d("19.9")),
        ]
    );
    let may = y
        .actuals
        .iter()
        .find(|a| a.name == first.name && a.year == Some(2020));
    assert_eq!(
        may.and_then(|a| a.period.as_deref()),
        Some("Đến tháng 5/2020")
    );
    let four_g = y
        .indicators
        .iter()
        .find(|i| i.name.contains("4G"))
        .expect("row 7.1");
    assert_eq!(four_g.target.comparator, Comparator::Above);
    assert_eq!(four_g.target.value, d("95"));
    assert_eq!(four_g.target.unit, "%");
    let broadband = y
        .actuals
        .iter()
        .find(|a| a.name.starts_with("Số thuê bao băng rộng di dộng") && a.year == Some(2020));
    assert_eq!(broadband.map(|a| a.value), Some(d("67.71")));
    // The second table (companies per year) is a series of results, no targets.
    let y2 = read_grid(&found[1], None);
    assert!(y2.indicators.is_empty());
    assert_eq!(
        y2.actuals.iter().filter(|a| a.year == Some(2019)).count(),
        6
    );
}

#[test]
fn corpus_19_one_cell_per_paragraph() {
    let Some(text) = corpus("19_") else { return };
    let found = grids(&text);
    let g = found
        .iter()
        .find(|g| g.form == GridForm::Paragraph)
        .expect("table");
    assert_eq!(g.rows.first().map(|r| r.cells.len()), Some(6));
    let y = read_grid(g, None);
    assert_eq!(
        y.indicators.len(),
        13,
        "{:?}",
        y.indicators.iter().map(|i| &i.name).collect::<Vec<_>>()
    );
    let gdp = &y.indicators[0];
    assert_eq!(gdp.name, "Tốc độ tăng tổng sản phẩm trong nước (GDP)");
    assert_eq!(
        (gdp.target.comparator, gdp.target.value),
        (Comparator::Reach, d("6"))
    );
    assert_eq!(gdp.target.year, Some(2021));
    assert!(gdp.source.contains("Khoảng 6,5") && gdp.source.contains("Bộ KHĐT"));
    assert!(
        y.notes
            .iter()
            .any(|n| n.code == "second_target" && n.message.contains("Khoảng 6,5"))
    );
    let poverty = y
        .indicators
        .iter()
        .find(|i| i.name.starts_with("Mức giảm tỷ lệ hộ nghèo"))
        .expect("#8");
    assert_eq!(poverty.target.unit, "điểm %");
    assert_eq!(
        (
            poverty.target.comparator,
            poverty.target.value,
            poverty.target.value_max
        ),
        (Comparator::Between, d("1"), Some(d("1.5")))
    );
    let sub = y
        .indicators
        .iter()
        .find(|i| i.name.ends_with("có bằng cấp, chứng chỉ"))
        .expect("sub-row");
    assert_eq!(sub.target.value, d("25.5"));
    let seven = y
        .indicators
        .iter()
        .find(|i| i.name == "Tỷ lệ dân số tham gia bảo hiểm y tế")
        .expect("#7");
    assert_eq!(seven.target.value, d("91"));
    assert!(seven.source.contains("Bộ YT"));
    let water = y
        .indicators
        .iter()
        .find(|i| i.name.contains("nước sạch"))
        .expect("#9");
    assert_eq!(
        (water.target.comparator, water.target.value),
        (Comparator::Above, d("90"))
    );
    assert!(y.agencies.contains(&"Bộ KHĐT".to_owned()));
    assert!(y.actuals.is_empty());
}

#[test]
fn corpus_20_plan_estimate_assessment() {
    let Some(text) = corpus("20_") else { return };
    let found = grids(&text);
    let g = found
        .iter()
        .find(|g| g.form == GridForm::Paragraph)
        .expect("table");
    let y = read_grid(g, None);
    assert_eq!(y.indicators.len(), 14);
    let gdp = &y.indicators[0];
    assert_eq!(
        (gdp.target.value, gdp.target.value_max),
        (d("6.6"), Some(d("6.8")))
    );
    assert_eq!(gdp.target.year, Some(2019));
    let a = &y.actuals[0];
    assert_eq!(
        (a.value, a.estimate, a.assessment.as_deref()),
        (d("7.02"), true, Some("Vượt"))
    );
    assert_eq!(a.year, Some(2019));
    assert!(
        y.notes
            .iter()
            .any(|n| n.code == "not_a_number" && n.message.contains("Xuất siêu"))
    );
    assert!(
        y.actuals
            .iter()
            .all(|a| !a.name.starts_with("Tỷ lệ nhập siêu"))
    );
    let deficit = y
        .indicators
        .iter()
        .find(|i| i.name.starts_with("Tỷ lệ nhập siêu"))
        .expect("row 4");
    assert_eq!(deficit.target.comparator, Comparator::Below);
    let sub = y
        .actuals
        .iter()
        .find(|a| a.name == "Giảm tỷ lệ hộ nghèo tại các huyện nghèo")
        .expect("sub-row");
    assert_eq!(
        (sub.comparator, sub.value, sub.assessment.as_deref()),
        (Comparator::Above, d("4"), None)
    );
    let jobless = y
        .actuals
        .iter()
        .find(|a| a.name == "Tỷ lệ thất nghiệp ở khu vực thành thị")
        .expect("next row");
    assert_eq!(
        (jobless.value, jobless.assessment.as_deref()),
        (d("3.1"), Some("Đạt"))
    );
    let poverty = y
        .indicators
        .iter()
        .find(|i| i.name.starts_with("Mức giảm tỷ lệ hộ nghèo"))
        .expect("poverty");
    assert_eq!(poverty.target.unit, "điểm %");
}

#[test]
fn corpus_21_time_series() {
    let Some(text) = corpus("21_") else { return };
    let found = grids(&text);
    let g = found
        .iter()
        .find(|g| g.form == GridForm::Spaced)
        .expect("series");
    let y = read_grid(g, None);
    let grdp = y
        .notes
        .iter()
        .find(|n| n.code == "ambiguous_years")
        .expect("note");
    assert!(
        grdp.message.contains("GRDP") && grdp.message.contains('8') && grdp.message.contains('9')
    );
    assert!(
        y.actuals
            .iter()
            .all(|a| a.name != "Tốc độ tăng trường kinh tế GRDP")
    );
    let total: Vec<_> = y
        .actuals
        .iter()
        .filter(|a| a.name == "1. Tổng giá trị gia tăng (Giá 2010)")
        .collect();
    assert_eq!(total.len(), 9);
    assert_eq!(
        (total[0].year, total[0].value, total[0].unit.as_str()),
        (Some(2010), d("29315.3"), "Tỷ đồng")
    );
    assert!(y.indicators.is_empty());
}

#[test]
fn corpus_prefixes_never_panic() {
    for prefix in [
        "06_", "07_", "18_", "19_", "20_", "21_", "22_", "30_", "37_",
    ] {
        let Some(text) = corpus(prefix) else { return };
        // About eighty cuts per file, at character boundaries.
        let step = (text.chars().count() / 80).max(1);
        let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(step).collect();
        for end in ends {
            let Some(part) = text.get(..end) else {
                continue;
            };
            let Ok(ls) = decode("cut", part.as_bytes()) else {
                continue;
            };
            for g in find_grids(&ls) {
                let _ = read_grid(&g, Some(2020));
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn any_mix_of_table_pieces_reads_without_panic(
        s in "(STT|TT|Chỉ tiêu|Đơn vị|Kế hoạch 2025|Ước TH|Đánh giá|Cơ quan chủ trì|Nhiệm vụ|<table>|</table>|<tr>|<td rowspan=\"3\">|<th colspan=\"2\">|</td>|\\||\\|---\\||\n|\n\n|1\\.|7\\.1|I|II|2019|2020 2021 2022|- Trong đó: ừ ừ ừ|Khoảng 6,5|Trên 90|9\\.30|-1\\.30|Xuất siêu|_Đơn vị tính: Tỷ đồng_| |[a-zđạ0-9%])*",
        year in proptest::option::of(1900i32..2100),
    ) {
        if let Ok(ls) = decode("p", s.as_bytes()) {
            for g in find_grids(&ls) {
                let y = read_grid(&g, year);
                proptest::prop_assert!(g.first_line <= g.last_line);
                proptest::prop_assert!(y.indicators.iter().all(|i| !i.name.is_empty()));
            }
        }
    }
}
