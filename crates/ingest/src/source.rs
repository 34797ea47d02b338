//! Decoding a document's bytes: UTF-8 checked (with the line of the first bad
//! byte), NFC-normalised, split into numbered lines with page furniture removed.

use tiendo_core::vn::{clean_line, nfc};

use crate::error::{ErrorCode, ImportError};

/// One physical line of the source, cleaned, with its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    /// The line as written, NFC, tabs kept (tables need them).
    pub raw: String,
    /// `raw` cleaned: spaces collapsed and trimmed.
    pub text: String,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// A row of a tab-separated table.
    pub fn is_table_row(&self) -> bool {
        self.raw.matches('\t').count() >= 2
    }
}

/// Decode and split. Fails on bytes that are not UTF-8 and on a file with no text.
pub fn decode(file: &str, bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(ImportError::new(
            file,
            line,
            ErrorCode::NotText,
            format!("tệp nhị phân, không phải văn bản (byte 0 ở vị trí {at})"),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(ImportError::new(
                file,
                line,
                ErrorCode::NotUtf8,
                format!("tệp không phải văn bản UTF-8 (byte không hợp lệ ở vị trí {at})"),
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = nfc(text);
    let lines: Vec<Line> = text
        .split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let raw = raw.trim_end_matches('\r');
            let raw = if raw.contains('\u{c}') {
                raw.replace('\u{c}', "")
            } else {
                raw.to_string()
            };
            let raw = unescape(raw);
            let raw = strip_date_prefix(raw);
            // Tabs are white space to `clean_line`: the cells stay in `raw`.
            let text = clean_line(&raw);
            Line {
                no: i + 1,
                raw,
                text,
            }
        })
        .collect();
    if lines.iter().all(Line::is_blank) {
        return Err(ImportError::new(
            file,
            0,
            ErrorCode::Empty,
            "tệp rỗng: không có dòng văn bản nào",
        ));
    }
    Ok(lines)
}

/// Undo what web pages and converters leave in a text: the two-character
/// sequences `\r\n` / `\n` written out literally (a wrapped line inside a
/// paragraph), markdown escapes (`\-`, `\*`) and bold markers (`**`).
fn unescape(raw: String) -> String {
    if !raw.contains('\\') && !raw.contains("**") {
        return raw;
    }
    let mut out = raw
        .replace("\\r\\n", " ")
        .replace("\\n", " ")
        .replace("\\r", " ")
        .replace("**", "");
    for (escaped, plain) in [
        ("\\-", "-"),
        ("\\*", "*"),
        ("\\+", "+"),
        ("\\.", "."),
        ("\\_", "_"),
    ] {
        if out.contains(escaped) {
            out = out.replace(escaped, plain);
        }
    }
    out
}

/// ` date 2025-09-30 Chiều 30-9, …`: a date some page exports put before
/// the text; it is not part of the document.
fn strip_date_prefix(raw: String) -> String {
    let t = raw.trim_start();
    if let Some(rest) = t.strip_prefix("date ") {
        let stamp: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '-')
            .collect();
        if stamp.len() >= 7 && stamp.as_bytes().get(4) == Some(&b'-') {
            return rest[stamp.len()..].trim_start().to_string();
        }
    }
    raw
}

/// Lines that carry no content: page separators (`-----`), bare page numbers.
pub fn is_furniture(text: &str) -> bool {
    let t = text.trim();
    (!t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '-' | '_' | '*' | '=' | '—' | '–')))
        || (t.len() <= 3 && !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
        || t.eq_ignore_ascii_case("Trang")
        || t == "|"
        || t == "°"
}
