//! Spreadsheet input (XLSX, and XLS/ODS through the same reader): the first
//! sheet that has a header row. Cells become text the way an official reads
//! them — dates as `dd/mm/yyyy`, whole numbers without `.0`.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use chrono::NaiveDate;

use super::header::ColumnMap;
use super::{TableRows, messages, rows};
use crate::error::{ErrorCode, ImportError};

/// Reads the first sheet whose rows include a header. Row numbers are the
/// sheet's own (1-based), as Excel shows them.
pub fn read_xlsx(file: &str, path: &Path) -> Result<TableRows, ImportError> {
    let unreadable = |detail: String| {
        let message = messages::unreadable_workbook(&detail);
        ImportError::new(file, 0, ErrorCode::Unreadable, message)
    };
    let mut workbook = open_workbook_auto(path).map_err(|e| unreadable(e.to_string()))?;
    let mut first: Option<Vec<(usize, Vec<String>)>> = None;
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| unreadable(e.to_string()))?;
        let top = range.start().map_or(0, |(row, _)| row as usize);
        let left = range.start().map_or(0, |(_, col)| col as usize);
        let sheet: Vec<(usize, Vec<String>)> = range
            .rows()
            .enumerate()
            .map(|(i, row)| {
                // Keep column positions absolute so empty leading columns do not shift cells.
                let cells =
                    std::iter::repeat_n(String::new(), left).chain(row.iter().map(cell_text));
                (top + i + 1, cells.collect())
            })
            .collect();
        let has_header = sheet
            .iter()
            .any(|(_, cells)| ColumnMap::of_row(cells).is_complete());
        if has_header {
            return rows::read_rows(file, sheet);
        }
        if first.is_none() && !sheet.is_empty() {
            first = Some(sheet);
        }
    }
    // No sheet has a header: let the reader say what is missing.
    rows::read_rows(file, first.unwrap_or_default())
}

/// A cell as text. Date cells first: `as_datetime` would also turn plain
/// numbers (a year, a row number) into dates.
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(when) => when.date().format("%d/%m/%Y").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) => {
            match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(date) => date.format("%d/%m/%Y").to_string(),
                Err(_) => s.clone(),
            }
        }
        Data::Float(f) => float_text(*f),
        Data::Int(i) => i.to_string(),
        Data::String(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// `2021.0` → `2021`, `1.1` → `1.1` (a row number typed as a number).
fn float_text(f: f64) -> String {
    let f = if f == 0.0 { 0.0 } else { f };
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::float_text;

    #[test]
    fn whole_floats_print_as_integers() {
        assert_eq!(float_text(2021.0), "2021");
        assert_eq!(float_text(1.1), "1.1");
        assert_eq!(float_text(-0.0), "0");
    }
}
