//! A sheet of assignments for bulk upload (CSV or XLSX): one row per task,
//! columns found by their Vietnamese headers — Mã nhiệm vụ, Cơ quan chủ trì,
//! Cơ quan phối hợp, Ngày bắt đầu, Thời hạn, Kinh phí, Trạng thái. Only the
//! task id column is required; an empty cell leaves that part of the
//! assignment as it is. Agency names stay names: the caller resolves them.

use std::path::Path;

use calamine::{Reader, open_workbook_auto};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use tiendo_core::TaskStatus;
use tiendo_core::vn::{fold, nfc, parse_date, parse_number};

use crate::error::{ErrorCode, ImportError};

/// One row of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentLine {
    /// The row (CSV line or sheet row), for messages.
    pub line: usize,
    pub task_id: i64,
    pub lead: Option<String>,
    pub coordinators: Option<Vec<String>>,
    pub start: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub budget: Option<Decimal>,
    pub status: Option<TaskStatus>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Task,
    Lead,
    Coordinators,
    Start,
    Deadline,
    Budget,
    Status,
}

/// Which column a header names (folded, so `Cơ quan chủ trì` and
/// `co quan chu tri` are the same).
fn column_of(header: &str) -> Option<Column> {
    let h = fold(header);
    let h = h.trim();
    let starts = |p: &str| h.starts_with(p);
    Some(
        if starts("ma nhiem vu") || h == "ma nv" || h == "task_id" || h == "id" {
            Column::Task
        } else if starts("co quan chu tri") || starts("chu tri") {
            Column::Lead
        } else if starts("co quan phoi hop") || starts("phoi hop") {
            Column::Coordinators
        } else if starts("ngay bat dau") || h == "bat dau" {
            Column::Start
        } else if starts("thoi han") || starts("han hoan thanh") {
            Column::Deadline
        } else if starts("kinh phi") || starts("du toan") {
            Column::Budget
        } else if starts("trang thai") || starts("tinh trang") {
            Column::Status
        } else {
            return None;
        },
    )
}

/// A status by its Vietnamese label or its code.
fn status_of(text: &str) -> Option<TaskStatus> {
    let key = fold(text);
    TaskStatus::ALL
        .into_iter()
        .find(|s| fold(s.label_vi()) == key || s.code() == key.replace(' ', "_"))
}

fn bad(file: &str, line: usize, message: String) -> ImportError {
    ImportError::new(file, line, ErrorCode::BadCell, message)
}

/// Reads the rows after the header row (the first row naming the task id
/// column). Rows with every cell empty are skipped.
pub fn read_assignment_rows(
    file: &str,
    rows: impl IntoIterator<Item = (usize, Vec<String>)>,
) -> Result<Vec<AssignmentLine>, ImportError> {
    let mut columns: Option<Vec<Option<Column>>> = None;
    let mut out = Vec::new();
    for (line, cells) in rows {
        let cells: Vec<String> = cells.iter().map(|c| nfc(c.trim())).collect();
        let Some(map) = &columns else {
            let map: Vec<Option<Column>> = cells.iter().map(|c| column_of(c)).collect();
            if map.contains(&Some(Column::Task)) {
                columns = Some(map);
            }
            continue;
        };
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let mut row = AssignmentLine {
            line,
            task_id: 0,
            lead: None,
            coordinators: None,
            start: None,
            deadline: None,
            budget: None,
            status: None,
        };
        let mut has_task = false;
        for (cell, column) in cells.iter().zip(map) {
            let (Some(column), false) = (column, cell.is_empty()) else {
                continue;
            };
            match column {
                Column::Task => {
                    row.task_id = cell.trim_start_matches('#').parse().map_err(|_| {
                        bad(file, line, format!("mã nhiệm vụ “{cell}” không phải là số"))
                    })?;
                    has_task = true;
                }
                Column::Lead => row.lead = Some(cell.clone()),
                Column::Coordinators => {
                    row.coordinators = Some(
                        cell.split([';', '\n'])
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect(),
                    );
                }
                Column::Start | Column::Deadline => {
                    let date = parse_date(cell)
                        .or_else(|| NaiveDate::parse_from_str(cell, "%Y-%m-%d").ok())
                        .ok_or_else(|| {
                            bad(
                                file,
                                line,
                                format!("“{cell}” không phải là ngày (dd/mm/yyyy)"),
                            )
                        })?;
                    if *column == Column::Start {
                        row.start = Some(date);
                    } else {
                        row.deadline = Some(date);
                    }
                }
                Column::Budget => {
                    row.budget = Some(parse_number(cell).ok_or_else(|| {
                        bad(file, line, format!("kinh phí “{cell}” không phải là số"))
                    })?);
                }
                Column::Status => {
                    row.status = Some(status_of(cell).ok_or_else(|| {
                        bad(
                            file,
                            line,
                            format!("trạng thái “{cell}” không có trong danh mục"),
                        )
                    })?);
                }
            }
        }
        if !has_task {
            return Err(bad(file, line, "dòng này thiếu mã nhiệm vụ".into()));
        }
        out.push(row);
    }
    if columns.is_none() {
        return Err(ImportError::new(
            file,
            0,
            ErrorCode::MissingColumn,
            "không thấy dòng tiêu đề có cột “Mã nhiệm vụ”",
        ));
    }
    Ok(out)
}

/// Reads an assignment sheet from a CSV or XLSX file, by its extension.
pub fn read_assignments(path: &Path) -> Result<Vec<AssignmentLine>, ImportError> {
    let file = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let unreadable = |detail: String| ImportError::new(&file, 0, ErrorCode::Unreadable, detail);
    if matches!(ext.as_str(), "xlsx" | "xls" | "ods") {
        let mut workbook = open_workbook_auto(path).map_err(|e| unreadable(e.to_string()))?;
        let name = workbook
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| unreadable("bảng tính không có trang nào".into()))?;
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| unreadable(e.to_string()))?;
        let top = range.start().map_or(0, |(row, _)| row as usize);
        let rows = range.rows().enumerate().map(|(i, row)| {
            (
                top + i + 1,
                row.iter().map(crate::table::xlsx::cell_text).collect(),
            )
        });
        return read_assignment_rows(&file, rows);
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|_| ImportError::new(&file, 0, ErrorCode::NotUtf8, "tệp không phải UTF-8"))?;
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|&d| first.bytes().filter(|&b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        rows.push((line, record.iter().map(str::to_owned).collect()));
    }
    read_assignment_rows(&file, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
        text.lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.split(';').map(str::to_string).collect()))
            .collect()
    }

    #[test]
    fn a_sheet_becomes_assignment_lines() {
        let sheet = "Danh sách giao nhiệm vụ\n\
            Mã nhiệm vụ;Cơ quan chủ trì;Cơ quan phối hợp;Ngày bắt đầu;Thời hạn;Kinh phí (đồng);Trạng thái\n\
            12;Sở Tài chính;Sở Xây dựng, UBND xã\n\
            13;Sở Y tế;;01/02/2025;31/12/2025;1.500.000.000;Đang thực hiện\n\
            ;;;;;;\n";
        let mut sheet = rows(sheet);
        // The coordinators cell of row 3 holds two names split by ';' in the CSV sense.
        sheet[2].1 = vec![
            "12".into(),
            "Sở Tài chính".into(),
            "Sở Xây dựng;UBND xã".into(),
        ];
        let lines = read_assignment_rows("giao.csv", sheet).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].task_id, 12);
        assert_eq!(
            lines[0].coordinators.as_deref(),
            Some(&["Sở Xây dựng".to_string(), "UBND xã".to_string()][..])
        );
        assert_eq!(lines[0].deadline, None, "an empty cell leaves it as it is");
        assert_eq!(lines[1].deadline, NaiveDate::from_ymd_opt(2025, 12, 31));
        assert_eq!(lines[1].budget, Some(Decimal::from(1_500_000_000u64)));
        assert_eq!(lines[1].status, Some(TaskStatus::InProgress));
    }

    #[test]
    fn bad_cells_name_their_row() {
        let e =
            read_assignment_rows("g.csv", rows("Mã nhiệm vụ;Thời hạn\n7;31/13/2025")).unwrap_err();
        assert_eq!((e.line, e.code), (2, ErrorCode::BadCell));
        let e = read_assignment_rows("g.csv", rows("STT;Nội dung\n1;x")).unwrap_err();
        assert_eq!(e.code, ErrorCode::MissingColumn);
        let e = read_assignment_rows("g.csv", rows("Mã NV;Trạng thái\n7;xong rồi")).unwrap_err();
        assert!(e.message.contains("xong rồi"), "{}", e.message);
    }
}
