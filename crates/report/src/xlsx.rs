//! The report's tables as a workbook: the appendix of every task, the
//! indicators, and one sheet per lead agency with its own tasks. Each sheet
//! has a bold frozen header row with filters, column widths that fit
//! Vietnamese titles, numbers as numbers (a percentage as a fraction shown
//! `45,5%`), dates as dates (`dd/mm/yyyy`).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::ReportError;
use crate::model::*;

/// Column widths (in characters) of the task sheets, beside their heads.
const TASK_WIDTHS: [f64; 7] = [6.0, 60.0, 32.0, 12.0, 16.0, 13.0, 36.0];

struct Formats {
    head: Format,
    text: Format,
    date: Format,
    percent: Format,
    number: Format,
}

impl Formats {
    fn new() -> Formats {
        let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        Formats {
            head: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            date: text.clone().set_num_format("dd/mm/yyyy"),
            percent: text.clone().set_num_format("0.0%"),
            number: text.clone().set_num_format("#,##0.##"),
            text,
        }
    }
}

fn head(
    sheet: &mut Worksheet,
    f: &Formats,
    columns: &[(&str, f64)],
    rows: u32,
) -> Result<(), XlsxError> {
    for (c, (name, width)) in columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, *name, &f.head)?;
        sheet.set_column_width(c, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows, columns.len() as u16 - 1)?;
    Ok(())
}

fn fraction(p: Decimal) -> f64 {
    (p / Decimal::ONE_HUNDRED).to_f64().unwrap_or(0.0)
}

/// A sheet of tasks: the appendix, or one agency's part of it.
fn tasks<'a>(
    sheet: &mut Worksheet,
    f: &Formats,
    lines: impl Iterator<Item = &'a AppendixLine>,
) -> Result<(), XlsxError> {
    let mut row = 0u32;
    for a in lines {
        row += 1;
        sheet.write_number_with_format(row, 0, a.stt as f64, &f.number)?;
        sheet.write_string_with_format(row, 1, &a.title, &f.text)?;
        sheet.write_string_with_format(row, 2, &a.lead, &f.text)?;
        if let Some(d) = a.deadline {
            sheet.write_date_with_format(row, 3, d, &f.date)?;
        }
        sheet.write_string_with_format(row, 4, a.status.label_vi(), &f.text)?;
        if let Some(p) = a.percent {
            sheet.write_number_with_format(row, 5, fraction(p), &f.percent)?;
        }
        sheet.write_string_with_format(row, 6, &a.warning, &f.text)?;
    }
    let columns: Vec<(&str, f64)> = APPENDIX_HEAD.into_iter().zip(TASK_WIDTHS).collect();
    head(sheet, f, &columns, row)
}

/// A sheet's name from an agency's: at most 31 characters, none of
/// `[]:*?/\`, and not one already taken.
fn sheet_name(agency: &str, taken: &mut Vec<String>) -> String {
    let clean: String = agency
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let base: String = clean.trim().chars().take(28).collect();
    let base = if base.is_empty() {
        "Cơ quan".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        name = format!("{base} {n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// Writes the report's workbook.
pub fn write(r: &Consolidated) -> Result<Vec<u8>, ReportError> {
    build(r).map_err(|e| ReportError::Xlsx(e.to_string()))
}

fn build(r: &Consolidated) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut book = Workbook::new();
    let mut taken = vec!["Phụ lục".to_string(), "Chỉ tiêu".to_string()];

    let sheet = book.add_worksheet();
    sheet.set_name("Phụ lục")?;
    tasks(sheet, &f, r.appendix.iter())?;

    let sheet = book.add_worksheet();
    sheet.set_name("Chỉ tiêu")?;
    let columns = [
        ("TT", 6.0),
        ("Chỉ tiêu", 50.0),
        ("Mục tiêu", 40.0),
        ("Năm số liệu", 12.0),
        ("Thực hiện", 14.0),
        ("Đơn vị", 12.0),
        ("Đánh giá", 22.0),
    ];
    for (i, x) in r.indicators.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number_with_format(row, 0, row as f64, &f.number)?;
        sheet.write_string_with_format(row, 1, &x.name, &f.text)?;
        sheet.write_string_with_format(row, 2, &x.target, &f.text)?;
        if let Some((year, _)) = &x.actual {
            sheet.write_number_with_format(row, 3, f64::from(*year), &f.text)?;
        }
        if let Some(v) = x.value {
            sheet.write_number_with_format(row, 4, v.to_f64().unwrap_or(0.0), &f.number)?;
        }
        sheet.write_string_with_format(row, 5, &x.unit, &f.text)?;
        sheet.write_string_with_format(row, 6, x.assessment.label_vi(), &f.text)?;
    }
    head(sheet, &f, &columns, r.indicators.len() as u32)?;

    // One sheet per lead agency, in Vietnamese order.
    let mut agencies: Vec<&str> = r
        .appendix
        .iter()
        .map(|a| a.lead.as_str())
        .filter(|a| !a.is_empty())
        .collect();
    agencies.sort_by(|a, b| tiendo_core::vn::compare(a, b));
    agencies.dedup();
    for agency in agencies {
        let name = sheet_name(agency, &mut taken);
        let sheet = book.add_worksheet();
        sheet.set_name(&name)?;
        tasks(sheet, &f, r.appendix.iter().filter(|a| a.lead == agency))?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_clean_and_distinct() {
        let mut taken = vec!["Phụ lục".to_string()];
        assert_eq!(sheet_name("Sở Xây dựng", &mut taken), "Sở Xây dựng");
        assert_eq!(sheet_name("Sở Xây dựng", &mut taken), "Sở Xây dựng 2");
        let long = sheet_name(
            "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng",
            &mut taken,
        );
        assert!(long.chars().count() <= 31, "{long}");
        assert_eq!(
            sheet_name("UBND xã A/B [mới]", &mut taken),
            "UBND xã A B  mới"
        );
        assert_eq!(sheet_name("phụ lục", &mut taken), "phụ lục 2");
    }
}
