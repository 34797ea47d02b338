//! Space-separated time series, as indicator databases print them:
//!
//! ```text
//! Chỉ tiêu ĐV tính 2010 2011 2012 …
//! Tốc độ tăng trường kinh tế GRDP % 9.30 10.20 9.80 …
//! ```
//!
//! The header ends in consecutive years; each row is a name, a unit and its
//! figures, written with a decimal point. Rows keep only the values they
//! have (no padding): the reader compares their count with the years.

use tiendo_core::vn::fold;

use super::cells::{clean_cell, unit_above};
use super::{Grid, GridForm, GridRow};
use crate::source::Line;

/// Years a header must end with.
const MIN_YEARS: usize = 3;

/// Units the rows write between the name and the figures, folded, longest first.
const UNITS: [&str; 30] = [
    "trieu dong nguoi",
    "usd nguoi",
    "nghin dong",
    "trieu dong",
    "ty dong",
    "trieu usd",
    "ty usd",
    "nghin tan",
    "nghin nguoi",
    "giuong benh",
    "lao dong",
    "doanh nghiep",
    "du an",
    "luot nguoi",
    "diem",
    "dong",
    "usd",
    "vnd",
    "nguoi",
    "lan",
    "ha",
    "tan",
    "km",
    "xa",
    "ho",
    "m2",
    "m3",
    "kwh",
    "giuong",
    "luot",
];

fn is_year(token: &str) -> Option<i32> {
    let y: i32 = token.parse().ok()?;
    (token.len() == 4 && (1900..=2100).contains(&y)).then_some(y)
}

/// A figure as these rows write it: `9.30`, `-1.30`, `29315.30`, `0`.
fn is_figure(token: &str) -> bool {
    let body = token.strip_prefix('-').unwrap_or(token);
    let mut parts = body.split('.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    parts.next().is_none()
        && !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
}

/// The header: leading words, then at least three consecutive years.
fn header(text: &str) -> Option<(Vec<String>, Vec<i32>)> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut years = Vec::new();
    for t in tokens.iter().rev() {
        match is_year(t) {
            Some(y) => years.push(y),
            None => break,
        }
    }
    years.reverse();
    if years.len() < MIN_YEARS
        || years
            .windows(2)
            .any(|w| w.get(1) != w.first().map(|y| y + 1).as_ref())
    {
        return None;
    }
    let words = tokens.get(..tokens.len() - years.len())?;
    if !words.iter().any(|w| w.chars().any(char::is_alphabetic)) {
        return None;
    }
    // Split the words before the unit column (`ĐV tính`, `Đơn vị`, `ĐVT`).
    let at = words
        .iter()
        .position(|w| matches!(fold(w).as_str(), "dv" | "dvt" | "don"))
        .unwrap_or(words.len());
    let name = words.get(..at).unwrap_or(&[]).join(" ");
    let unit = words.get(at..).unwrap_or(&[]).join(" ");
    let mut cells = vec![name, unit];
    cells.extend(years.iter().map(i32::to_string));
    Some((cells, years))
}

/// A data row: name, unit, figures. `None` when it has no figure or no name.
fn data_row(text: &str) -> Option<Vec<String>> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let figures = tokens.iter().rev().take_while(|t| is_figure(t)).count();
    if figures == 0 {
        return None;
    }
    let words = tokens.get(..tokens.len() - figures)?;
    if !words.iter().any(|w| w.chars().any(char::is_alphabetic)) {
        return None;
    }
    let (name, unit) = split_unit(words);
    let mut cells = vec![name, unit];
    cells.extend(
        tokens
            .get(tokens.len() - figures..)?
            .iter()
            .map(|t| (*t).to_owned()),
    );
    Some(cells)
}

/// Takes the unit off the end of the words; a unit written twice
/// (`VND VND`, `% %`) counts once.
fn split_unit(words: &[&str]) -> (String, String) {
    let mut end = words.len();
    let mut unit: Option<(usize, usize)> = None;
    loop {
        let found = unit_at_end(words.get(..end).unwrap_or(&[]));
        match (found, unit) {
            (Some(n), None) if n < end => {
                unit = Some((end - n, end));
                end -= n;
            }
            (Some(n), Some((from, to))) if n < end && same(words, end - n, end, from, to) => {
                end -= n;
            }
            _ => break,
        }
    }
    let name = words.get(..end).unwrap_or(&[]).join(" ");
    let unit = unit
        .and_then(|(from, to)| words.get(from..to))
        .map(|w| w.join(" "))
        .unwrap_or_default();
    (name, unit)
}

fn same(words: &[&str], a: usize, b: usize, c: usize, d: usize) -> bool {
    let x = words.get(a..b).map(|w| fold(&w.join(" ")));
    let y = words.get(c..d).map(|w| fold(&w.join(" ")));
    x.is_some() && x == y
}

/// How many words at the end of `words` make a unit.
fn unit_at_end(words: &[&str]) -> Option<usize> {
    if words.last() == Some(&"%") {
        return Some(1);
    }
    for unit in UNITS {
        let n = unit.split(' ').count();
        if n > words.len() {
            continue;
        }
        let tail = words.get(words.len() - n..)?.join(" ");
        if fold(&tail) == unit {
            return Some(n);
        }
    }
    None
}

pub(super) fn find(lines: &[Line], start: usize) -> Option<(Grid, usize)> {
    let first = lines.get(start)?;
    // A header ends with its last year.
    if !first.text.ends_with(|c: char| c.is_ascii_digit())
        || first.text.contains('|')
        || first.is_table_row()
    {
        return None;
    }
    let (head, _) = header(&first.text)?;
    let mut rows = vec![GridRow {
        line: first.no,
        cells: head,
    }];
    let mut next = start + 1;
    while let Some(line) = lines.get(next) {
        match data_row(&clean_cell(&line.text)) {
            Some(cells) => rows.push(GridRow {
                line: line.no,
                cells,
            }),
            None => break,
        }
        next += 1;
    }
    if rows.len() < 2 {
        return None;
    }
    let grid = Grid {
        first_line: first.no,
        last_line: rows.last().map_or(first.no, |r| r.line),
        rows,
        unit: unit_above(lines, start),
        form: GridForm::Spaced,
        header_rows: 1,
    };
    Some((grid, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_come_off_the_end() {
        assert_eq!(
            split_unit(&["GRDP", "bình", "quân", "VND", "VND"]),
            ("GRDP bình quân".into(), "VND".into())
        );
        assert_eq!(
            split_unit(&["Dịch", "vụ", "Tỷ", "đồng"]),
            ("Dịch vụ".into(), "Tỷ đồng".into())
        );
        assert_eq!(
            split_unit(&["Hệ", "số", "ICOR"]),
            ("Hệ số ICOR".into(), String::new())
        );
        assert_eq!(
            split_unit(&["Cơ", "cấu", "%", "%"]),
            ("Cơ cấu".into(), "%".into())
        );
    }

    #[test]
    fn header_needs_consecutive_years() {
        assert!(header("Chỉ tiêu ĐV tính 2010 2011 2012").is_some());
        assert!(header("Chỉ tiêu 2010 2012 2014").is_none());
        assert!(header("2010 2011 2012").is_none());
    }
}
