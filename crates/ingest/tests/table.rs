//! The appendix table of the 2020–2025 action program (PHỤ LỤC of
//! `khanh-hoa-ctrinh-hanh-dong-2020-2025-phu-luc.txt`), read as TSV, as CSV
//! and as XLSX: facts read off the document, and all three formats agree.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_xlsxwriter::{Format, Workbook};
use tiendo_core::catalog::{Part, Task, TaskKind};
use tiendo_ingest::error::ErrorCode;
use tiendo_ingest::table::{TableRows, is_header_row, read_csv, read_tsv_lines, read_xlsx};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/khanh-hoa-ctrinh-hanh-dong-2020-2025-phu-luc.txt"
);
const FILE: &str = "khanh-hoa-ctrinh-hanh-dong-2020-2025-phu-luc.txt";

fn corpus() -> String {
    std::fs::read_to_string(CORPUS).expect("corpus file")
}

/// The lines of the table: those holding a tab, with their 1-based numbers.
fn tab_lines(text: &str) -> Vec<(usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| l.contains('\t'))
        .collect()
}

fn appendix() -> TableRows {
    let text = corpus();
    read_tsv_lines(FILE, &tab_lines(&text)).expect("the appendix reads")
}

fn task<'a>(rows: &'a TableRows, section: &str, stt: &str) -> &'a Task {
    rows.tasks
        .iter()
        .find(|t| t.section == section && t.stt.as_deref() == Some(stt))
        .unwrap_or_else(|| panic!("no row {stt} in section {section}"))
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn without_lines(mut rows: TableRows) -> TableRows {
    for t in &mut rows.tasks {
        t.line = 0;
    }
    rows
}

// ---- facts read off the document -------------------------------------------

#[test]
fn the_appendix_has_29_tasks_20_in_group_one_and_9_in_group_two() {
    let rows = appendix();
    assert_eq!(rows.tasks.len(), 29);
    assert!(rows.tasks.iter().all(|t| t.part == Part::Appendix));
    let per_section: Vec<(&str, usize)> = ["I.1", "I.2", "I.3", "I.4", "I.5", "II"]
        .into_iter()
        .map(|s| (s, rows.tasks.iter().filter(|t| t.section == s).count()))
        .collect();
    assert_eq!(
        per_section,
        [
            ("I.1", 6),
            ("I.2", 5),
            ("I.3", 2),
            ("I.4", 3),
            ("I.5", 4),
            ("II", 9)
        ]
    );
}

#[test]
fn group_rows_become_sections_without_italic_tags() {
    let rows = appendix();
    let numbers: Vec<&str> = rows.sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(numbers, ["I", "I.1", "I.2", "I.3", "I.4", "I.5", "II"]);
    assert!(rows.sections.iter().all(|s| s.part == Part::Appendix));
    assert!(rows.sections.iter().all(|s| !s.title.contains('<')));

    let top = &rows.sections[0];
    assert_eq!(top.title, "Về phát triển kinh tế - xã hội");
    assert_eq!(top.parent, None);
    let first = &rows.sections[1];
    assert_eq!(
        first.title,
        "Đẩy mạnh cơ cấu lại các ngành kinh tế theo hướng nâng cao chất lượng tăng trưởng, \
         hiệu quả, sức cạnh tranh và chủ động hội nhập quốc tế"
    );
    assert_eq!(first.parent.as_deref(), Some("I"));
    let party = &rows.sections[6];
    assert_eq!(
        party.title,
        "Về xây dựng Đảng, hoàn thiện bộ máy chính quyền các cấp"
    );
    assert_eq!(party.parent, None);
}

#[test]
fn row_1_4_livestock_strategy_is_due_end_of_2021_and_runs_2021_2025() {
    let rows = appendix();
    let t = task(&rows, "I.1", "1.4");
    assert_eq!(
        t.title,
        "Xây dựng chiến lược phát triển ngành chăn nuôi tỉnh Khánh Hòa đến năm 2030"
    );
    assert_eq!(t.kind, TaskKind::Strategy);
    assert_eq!(t.deadline, date(2021, 12, 31));
    assert_eq!(t.deadline_text.as_deref(), Some("Quý IV năm 2021"));
    assert_eq!((t.period_start, t.period_end), (Some(2021), Some(2025)));
    assert_eq!(t.lead_agency.as_deref(), Some("Ban CSĐ UBND tỉnh"));
    assert_eq!(
        t.review_level,
        ["Thường trực Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "Tỉnh ủy"]
    );
    assert_eq!(t.issuing_body.as_deref(), Some("UBND tỉnh"));
    assert_eq!(t.line, 470);
}

#[test]
fn row_ii_8_regulation_on_power_control_is_due_june_2022() {
    let rows = appendix();
    let t = task(&rows, "II", "8");
    assert!(t.title.starts_with("Quy định về kiểm soát quyền lực"));
    assert_eq!(t.kind, TaskKind::Regulation);
    assert_eq!(t.deadline, date(2022, 6, 30));
    assert_eq!(t.deadline_text.as_deref(), Some("Quý II Năm 2022"));
    assert_eq!(t.lead_agency.as_deref(), Some("Ban Nội chính Tỉnh ủy"));
    assert_eq!(
        t.review_level,
        ["Thường trực Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"]
    );
    assert_eq!(t.issuing_body.as_deref(), Some("Ban Thường vụ Tỉnh ủy"));
    assert_eq!(t.line, 507);
}

#[test]
fn row_ii_2_has_an_empty_implementation_period() {
    let rows = appendix();
    let t = task(&rows, "II", "2");
    assert_eq!(t.period(), None);
    assert_eq!((t.period_start, t.period_end), (None, None));
    assert_eq!(t.deadline, date(2021, 6, 30));
    assert_eq!(
        t.lead_agency.as_deref(),
        Some("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh")
    );
}

#[test]
fn row_5_3_with_a_span_as_deadline_is_due_at_its_end() {
    let rows = appendix();
    let t = task(&rows, "I.5", "5.3");
    assert_eq!(t.deadline_text.as_deref(), Some("2021 - 2025"));
    assert_eq!(t.deadline, date(2025, 12, 31));
    assert_eq!(t.kind, TaskKind::Programme);
}

#[test]
fn every_row_of_the_appendix_has_a_deadline_and_a_lead() {
    let rows = appendix();
    for t in &rows.tasks {
        assert!(t.deadline.is_some(), "row {:?} has no deadline", t.stt);
        assert!(t.lead_agency.is_some(), "row {:?} has no lead", t.stt);
        assert!(
            !t.review_level.is_empty(),
            "row {:?} has no review level",
            t.stt
        );
    }
    assert_eq!(task(&rows, "I.2", "2.1").deadline, date(2020, 12, 31));
    assert_eq!(task(&rows, "II", "1").deadline, date(2021, 3, 31));
}

#[test]
fn horizons_come_from_the_title() {
    let rows = appendix();
    assert_eq!(task(&rows, "I.1", "1.2").horizon, Some(2050));
    assert_eq!(task(&rows, "I.4", "4.1").horizon, Some(2050));
    // Row 3.1 names two horizons (2030 of Kết luận 53, then 2045 of the one
    // to be proposed); which one is the task's is the title analyser's call.
    assert_eq!(task(&rows, "II", "8").horizon, None);
}

#[test]
fn kinds_of_the_appendix_rows() {
    let rows = appendix();
    let kind = |s: &str, stt: &str| task(&rows, s, stt).kind;
    assert_eq!(kind("I.1", "1.1"), TaskKind::Programme);
    assert_eq!(kind("I.1", "1.2"), TaskKind::Strategy);
    assert_eq!(kind("I.1", "1.3"), TaskKind::Plan); // Xây dựng định hướng …
    assert_eq!(kind("I.1", "1.6"), TaskKind::Scheme);
    assert_eq!(kind("I.2", "2.1"), TaskKind::Resolution);
    assert_eq!(kind("I.4", "4.1"), TaskKind::Plan); // Lập quy hoạch tỉnh …
    assert_eq!(kind("II", "5"), TaskKind::Plan);
    assert_eq!(kind("II", "9"), TaskKind::Plan);
}

#[test]
fn agencies_are_distinct_leads_and_issuers_in_first_seen_order() {
    let rows = appendix();
    assert_eq!(
        rows.agencies,
        [
            "Ban CSĐ UBND tỉnh",
            "UBND tỉnh",
            "Ban Thường vụ Tỉnh ủy",
            "Tỉnh ủy",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            "Ban Tuyên giáo Tỉnh ủy",
            "Ban Dân vận Tỉnh ủy",
            "Ủy ban Kiểm tra Tỉnh ủy",
            "Ban Nội chính Tỉnh ủy",
            "Ban Thường vụ Tỉnh đoàn",
        ]
    );
}

#[test]
fn the_header_row_is_recognised_and_a_data_row_is_not() {
    let text = corpus();
    let lines = tab_lines(&text);
    let cells = |i: usize| lines[i].1.split('\t').collect::<Vec<_>>();
    assert!(is_header_row(&cells(0)));
    assert!(!is_header_row(&cells(1)));
    assert!(!is_header_row(&cells(3)));
    assert_eq!(
        lines
            .iter()
            .filter(|(_, l)| is_header_row(&l.split('\t').collect::<Vec<_>>()))
            .count(),
        7
    );
}

#[test]
fn the_whole_document_reads_like_its_table_lines() {
    // Prose, the OCR'd stamp, the PHỤ LỤC title and blank lines between pages
    // are not rows of the table.
    let text = corpus();
    let all: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    assert_eq!(read_tsv_lines(FILE, &all).expect("reads"), appendix());
}

#[test]
fn snapshot_of_the_appendix() {
    insta::assert_yaml_snapshot!("phu_luc_2020_2025", appendix());
}

// ---- the same table as CSV and XLSX ----------------------------------------

/// The table's rows as cells, in the document's column order.
fn table_cells(text: &str) -> Vec<Vec<String>> {
    tab_lines(text)
        .iter()
        .map(|(_, l)| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// Writes the rows with columns in the order `order` (indices into the
/// document's columns), after a byte-order mark and a title line.
fn csv_bytes(rows: &[Vec<String>], order: &[usize], delimiter: u8) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .from_writer(&mut out);
        w.write_record(["PHỤ LỤC"]).unwrap();
        for row in rows {
            let cells: Vec<&str> = order
                .iter()
                .map(|&i| row.get(i).map_or("", String::as_str))
                .collect();
            w.write_record(&cells).unwrap();
        }
        w.flush().unwrap();
    }
    out
}

#[test]
fn csv_with_reordered_columns_and_a_bom_reads_the_same() {
    let text = corpus();
    let rows = table_cells(&text);
    let expected = without_lines(appendix());
    for (order, delimiter) in [
        (vec![6, 0, 3, 1, 5, 2, 4], b','),
        (vec![1, 2, 3, 4, 5, 6, 0], b';'),
        (vec![0, 1, 2, 3, 4, 5, 6], b'\t'),
    ] {
        let bytes = csv_bytes(&rows, &order, delimiter);
        let got = read_csv("phu-luc.csv", &bytes).expect("csv reads");
        assert_eq!(
            without_lines(got),
            expected,
            "order {order:?}, delimiter {}",
            delimiter as char
        );
    }
}

#[test]
fn csv_rows_are_numbered_by_their_line() {
    let text = corpus();
    let bytes = csv_bytes(&table_cells(&text), &[0, 1, 2, 3, 4, 5, 6], b',');
    let got = read_csv("phu-luc.csv", &bytes).expect("csv reads");
    // Title on line 1, the header on line 2, row 1.1 on line 5.
    assert_eq!(got.tasks[0].line, 5);
}

/// An XLSX as an official would save it: a notes sheet first, the table on
/// the second sheet under a title, group rows in italics without tags, the
/// header repeated with a blank row before it, row numbers of group II typed
/// as numbers.
fn write_xlsx(path: &std::path::Path, rows: &[Vec<String>]) {
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("Ghi chú").unwrap();
    notes
        .write_string(0, 0, "Bảng kèm theo Chương trình hành động số 08-CTr/TU")
        .unwrap();

    let italic = Format::new().set_italic();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Phụ lục").unwrap();
    sheet.write_string(0, 0, "PHỤ LỤC").unwrap();
    let mut r: u32 = 2;
    for (i, row) in rows.iter().enumerate() {
        let header = row[0] == "STT";
        if header && i > 0 {
            r += 1; // blank row between pages
        }
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16 + 1; // the table starts in column B
            if cell.is_empty() {
                continue;
            }
            if c == 1 && cell.starts_with("<i>") {
                let plain = cell.replace("<i>", "").replace("</i>", "");
                sheet
                    .write_string_with_format(r, col, plain, &italic)
                    .unwrap();
            } else if c == 0 && cell.chars().all(|ch| ch.is_ascii_digit()) {
                sheet
                    .write_number(r, col, cell.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                sheet.write_string(r, col, cell).unwrap();
            }
        }
        r += 1;
    }
    workbook.save(path).unwrap();
}

#[test]
fn xlsx_reads_the_same_as_tsv() {
    let text = corpus();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phu-luc.xlsx");
    write_xlsx(&path, &table_cells(&text));
    let got = read_xlsx("phu-luc.xlsx", &path).expect("xlsx reads");
    assert_eq!(without_lines(got.clone()), without_lines(appendix()));
    // The header is on sheet row 3, row 1.1 on row 6.
    assert_eq!(got.tasks[0].line, 6);
}

// ---- what is not an error, and what is ---------------------------------------

const HEADER: &str = "STT\tNội dung nhiệm vụ\tCơ quan chủ trì tham mưu\tCấp trình cho ý kiến\t\
                      Cơ quan ban hành\tThời gian trình\tThời gian thực hiện";

#[test]
fn an_unreadable_deadline_keeps_its_text() {
    let lines = [
        (1, HEADER),
        (
            2,
            "1\tĐề án thí điểm\tSở Y tế\t\tUBND tỉnh\tSau khi có chủ trương\t2021 - 2025",
        ),
    ];
    let rows = read_tsv_lines("t.tsv", &lines).expect("reads");
    let t = &rows.tasks[0];
    assert_eq!(t.deadline, None);
    assert_eq!(t.deadline_text.as_deref(), Some("Sau khi có chủ trương"));
    assert!(t.review_level.is_empty());
    assert_eq!(t.section, "");
}

#[test]
fn a_table_without_a_header_is_missing_its_columns() {
    let lines = [
        (1, "1\tĐề án thí điểm\tSở Y tế"),
        (2, "2\tKế hoạch\tSở Tài chính"),
    ];
    let err = read_tsv_lines("bang.tsv", &lines).unwrap_err();
    assert_eq!(err.code, ErrorCode::MissingColumn);
    assert_eq!(err.file, "bang.tsv");
    assert!(err.to_string().contains("bang.tsv"), "{err}");
    assert!(
        err.message.contains("STT") && err.message.contains("Nội dung nhiệm vụ"),
        "{err}"
    );
}

#[test]
fn a_header_without_the_task_column_names_it() {
    let csv = "STT,Cơ quan chủ trì tham mưu,Thời gian trình,Thời gian thực hiện\n1,Sở Y tế,Quý I năm 2021,2021\n";
    let err = read_csv("thieu-cot.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(err.code, ErrorCode::MissingColumn);
    assert_eq!(err.line, 1);
    assert!(err.message.contains("“Nội dung nhiệm vụ”"), "{err}");
    assert!(!err.message.contains("“STT”"), "{err}");
}

#[test]
fn a_data_row_without_a_title_is_a_bad_cell_on_its_line() {
    let lines = [
        (10, HEADER),
        (11, "1\t\tSở Y tế\t\tUBND tỉnh\tQuý I năm 2021\t2021"),
    ];
    let err = read_tsv_lines("t.tsv", &lines).unwrap_err();
    assert_eq!(err.code, ErrorCode::BadCell);
    assert_eq!(err.line, 11);
}

#[test]
fn empty_input_is_empty() {
    let err = read_tsv_lines("t.tsv", &[(1, ""), (2, "\t\t")]).unwrap_err();
    assert_eq!(err.code, ErrorCode::Empty);
    let err = read_csv("t.csv", b"\xEF\xBB\xBF").unwrap_err();
    assert_eq!(err.code, ErrorCode::Empty);
}

#[test]
fn csv_that_is_not_utf8_says_so_with_its_line() {
    let err = read_csv("t.csv", b"STT,N\xF4i dung\n").unwrap_err();
    assert_eq!(err.code, ErrorCode::NotUtf8);
    assert_eq!(err.line, 1);
}

#[test]
fn a_workbook_without_a_header_or_a_file_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trong.xlsx");
    let mut workbook = Workbook::new();
    workbook
        .add_worksheet()
        .write_string(0, 0, "Không có bảng")
        .unwrap();
    workbook.save(&path).unwrap();
    let err = read_xlsx("trong.xlsx", &path).unwrap_err();
    assert_eq!(err.code, ErrorCode::MissingColumn);
    assert_eq!(err.file, "trong.xlsx");

    let err = read_xlsx("khong-co.xlsx", &dir.path().join("khong-co.xlsx")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Unreadable);
}

// ---- never a panic -----------------------------------------------------------

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("STT".to_owned()),
        Just("Nội dung nhiệm vụ".to_owned()),
        Just("Thời gian trình".to_owned()),
        Just("I.".to_owned()),
        Just("1.".to_owned()),
        Just("<i>Nhóm</i>".to_owned()),
        Just("Quý II năm 2021".to_owned()),
        "[0-9IVX. <>/i-]{0,8}",
        "\\PC{0,30}",
    ]
}

proptest! {
    #[test]
    fn reading_arbitrary_tab_separated_lines_never_panics(
        rows in prop::collection::vec(prop::collection::vec(cell(), 0..9), 0..20)
    ) {
        let text: Vec<String> = rows.iter().map(|cells| cells.join("\t")).collect();
        let lines: Vec<(usize, &str)> = text.iter().enumerate().map(|(i, l)| (i + 1, l.as_str())).collect();
        if let Ok(table) = read_tsv_lines("p.tsv", &lines) {
            prop_assert!(table.tasks.iter().all(|t| !t.title.is_empty() && t.part == Part::Appendix));
        }
    }
}
