//! CSV input: UTF-8 with or without a byte-order mark, the delimiter sniffed
//! (`,`, `;` or tab — Excel in Vietnamese locales saves with `;`). Only turns
//! bytes into rows; the table reader does the rest.

use super::header::ColumnMap;
use super::{TableRows, messages, rows};
use crate::error::{ErrorCode, ImportError};

const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// How many lines the delimiter sniffer looks at.
const SNIFF_LINES: usize = 50;

/// Reads a CSV table. Row numbers are the lines the records start on.
pub fn read_csv(file: &str, bytes: &[u8]) -> Result<TableRows, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        ImportError::new(file, line, ErrorCode::NotUtf8, messages::not_utf8())
    })?;
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            let message = messages::unreadable_csv(&e.to_string());
            ImportError::new(file, line, ErrorCode::Unreadable, message)
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        records.push((line, record.iter().map(str::to_owned).collect()));
    }
    rows::read_rows(file, records)
}

/// The delimiter that splits some early line into a header row; failing
/// that, the one seen most often in the early lines.
fn sniff_delimiter(text: &str) -> u8 {
    let head: Vec<&str> = text.lines().take(SNIFF_LINES).collect();
    let splits_header = |d: u8| {
        head.iter().any(|line| {
            let cells: Vec<&str> = line.split(char::from(d)).collect();
            ColumnMap::of_row(&cells).is_complete()
        })
    };
    if let Some(d) = DELIMITERS.into_iter().find(|&d| splits_header(d)) {
        return d;
    }
    let count = |d: u8| {
        head.iter()
            .map(|l| l.bytes().filter(|&b| b == d).count())
            .sum::<usize>()
    };
    DELIMITERS
        .into_iter()
        .max_by_key(|&d| count(d))
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::sniff_delimiter;

    #[test]
    fn semicolon_header_is_sniffed() {
        assert_eq!(
            sniff_delimiter("PHỤ LỤC\nSTT;Nội dung nhiệm vụ;Cơ quan, đơn vị\n"),
            b';'
        );
    }

    #[test]
    fn most_frequent_wins_without_a_header() {
        assert_eq!(sniff_delimiter("a\tb\tc\nd\te\tf,g\n"), b'\t');
    }
}
