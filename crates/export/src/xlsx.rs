//! One workbook: a table of contents (“Mục lục”: the header, then each
//! table with its row count and what it holds), then a sheet per table
//! named by it, the column names in a frozen bold first row. Numbers are
//! numbers, dates are dates (dd/mm/yyyy), a decimal is a number when the
//! number reads back as the same text and text otherwise, everything else
//! is text. A table longer than a sheet continues on `name (2)`, `name (3)`.
//! Sheets are written row by row to temporary files (`constant_memory`),
//! so the workbook never sits in memory while it is made.

use std::fs::File;
use std::io::{BufReader, BufWriter};

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format as CellFormat, Workbook, Worksheet, XlsxError};
use tiendo_store::{Cell, Column, Kind, Rows, TABLES, Table};

use crate::{ExportError, FORMAT, Header, Sink};

/// The first sheet.
const INDEX: &str = "Mục lục";
/// Rows of a sheet, the header included (a few in tests, to see a table
/// continue).
const SHEET_ROWS: u32 = if cfg!(test) { 6 } else { 1_048_576 };
/// Characters a cell holds.
const CELL_CHARS: usize = 32_767;
/// Where the table list starts on the index sheet.
const LIST_ROW: u32 = 6;

fn xlsx(e: XlsxError) -> ExportError {
    ExportError::Io(e.to_string())
}

/// A sheet being filled.
struct Open {
    table: &'static Table,
    sheet: usize,
    /// Sheets of this table so far.
    part: u32,
    /// The next row to write.
    row: u32,
}

pub(crate) fn write(
    file: File,
    header: &Header,
    rows: impl Iterator<Item = Rows>,
) -> Result<(), ExportError> {
    let mut book = Workbook::new();
    let bold = CellFormat::new().set_bold();
    let date = CellFormat::new().set_num_format("dd/mm/yyyy");
    book.add_worksheet().set_name(INDEX).map_err(xlsx)?;
    let mut counts = vec![0u64; TABLES.len()];
    let mut open: Option<Open> = None;
    for chunk in rows {
        let at = crate::position(chunk.table);
        if open
            .as_ref()
            .is_none_or(|o| !std::ptr::eq(o.table, chunk.table))
        {
            open = Some(start_sheet(&mut book, chunk.table, 1, &bold)?);
        }
        for row in &chunk.rows {
            let o = open.as_mut().expect("a sheet is open");
            if o.row == SHEET_ROWS {
                let part = o.part + 1;
                *o = start_sheet(&mut book, chunk.table, part, &bold)?;
            }
            let o = open.as_mut().expect("a sheet is open");
            let sheet = book.worksheet_from_index(o.sheet).map_err(xlsx)?;
            let position = counts[at];
            for (c, (column, cell)) in chunk.table.columns.iter().zip(row).enumerate() {
                write_cell(sheet, o.row, c as u16, column, cell, &date).map_err(|e| match e {
                    ExportError::Invalid(why) => ExportError::Invalid(format!(
                        "Bảng {}, dòng {}, cột {}: {why}",
                        chunk.table.name,
                        position + 1,
                        column.name
                    )),
                    other => other,
                })?;
            }
            o.row += 1;
            counts[at] += 1;
        }
    }
    // Tables without rows still get their sheet, header only.
    for (at, table) in TABLES.iter().enumerate() {
        if counts[at] == 0 {
            start_sheet(&mut book, table, 1, &bold)?;
        }
    }
    fill_index(
        book.worksheet_from_index(0).map_err(xlsx)?,
        header,
        &counts,
        &bold,
    )?;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    book.save_to_writer(&mut out).map_err(xlsx)?;
    out.into_inner()
        .map_err(|e| ExportError::Io(e.to_string()))?
        .sync_all()
        .map_err(|e| ExportError::Io(e.to_string()))
}

fn sheet_name(table: &Table, part: u32) -> String {
    if part == 1 {
        table.name.to_string()
    } else {
        format!("{} ({part})", table.name)
    }
}

fn start_sheet(
    book: &mut Workbook,
    table: &'static Table,
    part: u32,
    bold: &CellFormat,
) -> Result<Open, ExportError> {
    let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx)?;
    sheet.set_name(sheet_name(table, part)).map_err(xlsx)?;
    sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    for (c, column) in table.columns.iter().enumerate() {
        let width: f64 = match column.kind {
            Kind::Int | Kind::Bool => 10.0,
            Kind::Date => 12.0,
            Kind::Stamp => 26.0,
            Kind::Decimal => 16.0,
            Kind::Text | Kind::Json => 30.0,
        };
        sheet
            .set_column_width(c as u16, width.max(column.name.len() as f64 + 2.0))
            .map_err(xlsx)?;
        sheet
            .write_string_with_format(0, c as u16, column.name, bold)
            .map_err(xlsx)?;
    }
    let index = book.worksheets().len() - 1;
    Ok(Open {
        table,
        sheet: index,
        part,
        row: 1,
    })
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    column: &Column,
    cell: &Cell,
    date: &CellFormat,
) -> Result<(), ExportError> {
    match (cell, column.kind) {
        (Cell::Null, _) => {}
        (Cell::Int(n), _) => {
            sheet.write_number(row, col, *n as f64).map_err(xlsx)?;
        }
        (Cell::Text(s), Kind::Date) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(day) => {
                sheet
                    .write_date_with_format(row, col, day, date)
                    .map_err(xlsx)?;
            }
            Err(_) => text(sheet, row, col, s)?,
        },
        (Cell::Text(s), Kind::Decimal) => match exact_number(s) {
            Some(n) => {
                sheet.write_number(row, col, n).map_err(xlsx)?;
            }
            None => text(sheet, row, col, s)?,
        },
        (Cell::Text(s), _) => text(sheet, row, col, s)?,
    }
    Ok(())
}

fn text(sheet: &mut Worksheet, row: u32, col: u16, s: &str) -> Result<(), ExportError> {
    let chars = s.chars().count();
    if chars > CELL_CHARS {
        return Err(ExportError::Invalid(format!(
            "văn bản dài {chars} ký tự, quá sức chứa {CELL_CHARS} ký tự của một ô Excel; \
             hãy xuất dạng JSON hoặc CSV."
        )));
    }
    sheet.write_string(row, col, s).map_err(xlsx)?;
    Ok(())
}

/// The number a decimal's text stands for, when writing it as a number
/// loses nothing: it reads back as the same text.
fn exact_number(s: &str) -> Option<f64> {
    let n: f64 = s.parse().ok()?;
    (n.is_finite() && n.to_string() == s).then_some(n)
}

fn fill_index(
    sheet: &mut Worksheet,
    header: &Header,
    counts: &[u64],
    bold: &CellFormat,
) -> Result<(), ExportError> {
    sheet
        .write_string_with_format(0, 0, "Tiến Độ — toàn bộ dữ liệu", bold)
        .map_err(xlsx)?;
    let facts: [(&str, &str); 3] = [
        ("format", "Định dạng tệp"),
        ("schema", "Số hiệu cấu trúc dữ liệu"),
        ("exported_at", "Thời điểm xuất"),
    ];
    for (i, (key, label)) in facts.iter().enumerate() {
        let row = 2 + i as u32;
        sheet.write_string(row, 0, *key).map_err(xlsx)?;
        match *key {
            "format" => sheet.write_string(row, 1, &header.format),
            "schema" => sheet.write_number(row, 1, header.schema as f64),
            _ => sheet.write_string(row, 1, &header.exported_at),
        }
        .map_err(xlsx)?;
        sheet.write_string(row, 2, *label).map_err(xlsx)?;
    }
    for (c, head) in ["Bảng", "Số dòng", "Nội dung"].iter().enumerate() {
        sheet
            .write_string_with_format(LIST_ROW, c as u16, *head, bold)
            .map_err(xlsx)?;
    }
    for (i, (table, n)) in TABLES.iter().zip(counts).enumerate() {
        let row = LIST_ROW + 1 + i as u32;
        sheet.write_string(row, 0, table.name).map_err(xlsx)?;
        sheet.write_number(row, 1, *n as f64).map_err(xlsx)?;
        sheet.write_string(row, 2, table.title).map_err(xlsx)?;
    }
    // The three columns on one printed page, across.
    sheet.set_landscape();
    sheet.set_column_width(0, 24).map_err(xlsx)?;
    sheet.set_column_width(1, 22).map_err(xlsx)?;
    sheet.set_column_width(2, 44).map_err(xlsx)?;
    Ok(())
}

fn unreadable(what: impl std::fmt::Display) -> ExportError {
    ExportError::Invalid(format!("Tệp XLSX: {what}."))
}

/// `A`, `B`, …, `AA`: a column's letters.
fn letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

pub(crate) fn read(file: File, sink: &mut Sink) -> Result<(), ExportError> {
    let mut book: Xlsx<_> = Xlsx::new(BufReader::new(file)).map_err(unreadable)?;
    let index = book
        .worksheet_range(INDEX)
        .map_err(|e| unreadable(format!("không có trang “{INDEX}” ({e})")))?;
    let mut header = Header {
        format: String::new(),
        schema: 0,
        exported_at: String::new(),
    };
    let mut expected = vec![0u64; TABLES.len()];
    for row in index.rows() {
        let key = match row.first() {
            Some(Data::String(s)) => s.as_str(),
            _ => continue,
        };
        let value = row.get(1);
        match (key, value) {
            ("format", Some(Data::String(s))) => header.format = s.clone(),
            ("schema", Some(Data::Float(n))) => header.schema = *n as i64,
            ("schema", Some(Data::Int(n))) => header.schema = *n,
            ("exported_at", Some(Data::String(s))) => header.exported_at = s.clone(),
            (name, Some(Data::Float(n))) => {
                if let Some(at) = TABLES.iter().position(|t| t.name == name) {
                    expected[at] = *n as u64;
                }
            }
            _ => {}
        }
    }
    if header.format.is_empty() {
        header.format = "(không ghi)".into();
    }
    if header.format == FORMAT && header.schema == 0 {
        return Err(unreadable(format!("trang “{INDEX}” không ghi schema")));
    }
    sink.header(header)?;
    let names = book.sheet_names();
    for (at, table) in TABLES.iter().enumerate() {
        let mut parts: Vec<(u32, String)> = names
            .iter()
            .filter_map(|name| part_of(name, table).map(|part| (part, name.clone())))
            .collect();
        parts.sort();
        let mut found = 0u64;
        for (_, name) in parts {
            let range = book
                .worksheet_range(&name)
                .map_err(|e| unreadable(format!("trang {name}: {e}")))?;
            found += read_sheet(&range, &name, table, sink)?;
        }
        if found != expected[at] {
            return Err(unreadable(format!(
                "bảng {} có {found} dòng, trang “{INDEX}” ghi {}: tệp không trọn vẹn",
                table.name, expected[at]
            )));
        }
    }
    Ok(())
}

/// Which part of `table` a sheet named `name` is: 1 for `periods`, 2 for
/// `periods (2)`.
fn part_of(name: &str, table: &Table) -> Option<u32> {
    let rest = name.strip_prefix(table.name)?;
    if rest.is_empty() {
        return Some(1);
    }
    rest.strip_prefix(" (")?.strip_suffix(')')?.parse().ok()
}

fn read_sheet(
    range: &calamine::Range<Data>,
    sheet: &str,
    table: &'static Table,
    sink: &mut Sink,
) -> Result<u64, ExportError> {
    let mut rows = range.rows();
    let Some(head) = rows.next() else {
        return Ok(0);
    };
    let mut places: Vec<Option<usize>> = vec![None; table.columns.len()];
    for (i, cell) in head.iter().enumerate() {
        let name = match cell {
            Data::String(s) => s.as_str(),
            Data::Empty => continue,
            other => {
                return Err(unreadable(format!(
                    "trang {sheet}, ô {}1: tên cột “{other}” không hợp lệ",
                    letters(i)
                )));
            }
        };
        let at = table.column(name).ok_or_else(|| {
            unreadable(format!(
                "trang {sheet}: cột “{name}” không có trong bảng {}",
                table.name
            ))
        })?;
        places[at] = Some(i);
    }
    for (column, place) in table.columns.iter().zip(&places) {
        if place.is_none() && !column.nullable {
            return Err(unreadable(format!(
                "trang {sheet}: thiếu cột “{}”",
                column.name
            )));
        }
    }
    let mut n = 0u64;
    for (r, row) in rows.enumerate() {
        let mut cells = Vec::with_capacity(table.columns.len());
        for (column, place) in table.columns.iter().zip(&places) {
            let data = place.and_then(|i| row.get(i)).unwrap_or(&Data::Empty);
            let cell = cell_of(column, data).map_err(|why| {
                unreadable(format!(
                    "trang {sheet}, ô {}{}, cột {}: {why}",
                    letters(place.unwrap_or(0)),
                    r + 2,
                    column.name
                ))
            })?;
            cells.push(cell);
        }
        sink.push(table, cells)?;
        n += 1;
    }
    Ok(n)
}

/// What a spreadsheet cell stands for in `column`.
pub(crate) fn cell_of(column: &Column, data: &Data) -> Result<Cell, String> {
    let integral = |f: f64| -> Result<Cell, String> {
        if f.fract() == 0.0 && f.abs() < 9.0e15 {
            Ok(Cell::Int(f as i64))
        } else {
            Err(format!("{f} không phải số nguyên"))
        }
    };
    match (data, column.kind) {
        (Data::Empty, _) => column.from_text(""),
        (Data::String(s), _) | (Data::DateTimeIso(s), _) | (Data::DurationIso(s), _) => {
            column.from_text(s)
        }
        (Data::Float(f), Kind::Int | Kind::Bool) => integral(*f),
        (Data::Float(f), _) => Ok(Cell::Text(f.to_string())),
        (Data::Int(n), Kind::Int | Kind::Bool) => Ok(Cell::Int(*n)),
        (Data::Int(n), _) => Ok(Cell::Text(n.to_string())),
        (Data::Bool(b), Kind::Int | Kind::Bool) => Ok(Cell::Int(i64::from(*b))),
        (Data::Bool(b), _) => Ok(Cell::Text(b.to_string())),
        (Data::DateTime(dt), _) => {
            let at = dt
                .as_datetime()
                .ok_or_else(|| format!("ngày giờ {dt} không đọc được"))?;
            if column.kind == Kind::Date || at.time() == chrono::NaiveTime::MIN {
                Ok(Cell::Text(at.date().format("%Y-%m-%d").to_string()))
            } else {
                Ok(Cell::Text(at.format("%Y-%m-%dT%H:%M:%S").to_string()))
            }
        }
        (Data::Error(e), _) => Err(format!("ô lỗi ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
        assert_eq!(letters(701), "ZZ");
        assert_eq!(letters(702), "AAA");
    }

    #[test]
    fn a_decimal_is_a_number_only_when_nothing_is_lost() {
        assert_eq!(exact_number("1500000000"), Some(1_500_000_000.0));
        assert_eq!(exact_number("45.5"), Some(45.5));
        assert_eq!(exact_number("100.00"), None);
        assert_eq!(exact_number("12345678901234567890"), None);
    }

    #[test]
    fn continuation_sheets_belong_to_their_table() {
        let periods = tiendo_store::table("periods").unwrap();
        assert_eq!(part_of("periods", periods), Some(1));
        assert_eq!(part_of("periods (3)", periods), Some(3));
        assert_eq!(part_of("periodsx", periods), None);
        let tasks = tiendo_store::table("tasks").unwrap();
        assert_eq!(part_of("task_versions", tasks), None);
    }
}
