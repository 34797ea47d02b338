//! HTML tables (`<table>` … `</table>`, as PDF-to-markdown converters leave
//! them): `<tr>` rows of `<td>`/`<th>` cells, `rowspan`/`colspan` expanded
//! so every row has every column. A cell covered by a rowspan from above
//! repeats that cell's text; a header cell spread by colspan repeats its
//! text over each column it covers (so `Phân bổ nguồn vốn` heads all three
//! of its sub-columns), a data cell spread so fills the first column only.

use super::cells::{clean_cell, pad_rows, unit_above};
use super::{Grid, GridForm, GridRow};
use crate::source::Line;

/// Guards against absurd spans: no table is wider or a span longer.
const MAX_COLUMNS: usize = 64;
const MAX_ROWSPAN: usize = 1000;

struct RawCell {
    text: String,
    rowspan: usize,
    colspan: usize,
    header: bool,
}

struct RawRow {
    line: usize,
    cells: Vec<RawCell>,
    in_head: bool,
}

pub(super) fn find(lines: &[Line], start: usize) -> Option<(Grid, usize)> {
    let first = lines.get(start)?;
    if !first.raw.to_ascii_lowercase().contains("<table") {
        return None;
    }
    // The table runs to its `</table>` or, in a text cut short, to the end.
    let mut end = start;
    for (i, line) in lines.iter().enumerate().skip(start) {
        end = i;
        let lower = line.raw.to_ascii_lowercase();
        let after_open = if i == start {
            lower
                .find("<table")
                .and_then(|p| lower.get(p..))
                .unwrap_or("")
        } else {
            lower.as_str()
        };
        if after_open.contains("</table") {
            break;
        }
        // A cut table: stop where the next one opens, so that a text with
        // many unclosed tables is still read in one pass.
        if i > start && lower.contains("<table") {
            end = i - 1;
            break;
        }
    }
    let block = lines.get(start..=end)?;
    let raw_rows = parse(block);
    let header_rows = count_header_rows(&raw_rows);
    let mut rows = expand(raw_rows);
    rows.retain(|r| r.cells.iter().any(|c| !c.is_empty()));
    if rows.is_empty() {
        // `<table` in prose, or a table with no cell: nothing to read.
        return None;
    }
    pad_rows(&mut rows);
    let grid = Grid {
        first_line: first.no,
        last_line: block.last().map_or(first.no, |l| l.no),
        rows,
        unit: unit_above(lines, start),
        form: GridForm::Html,
        header_rows,
    };
    Some((grid, end + 1))
}

/// Header rows: those in `<thead>`, else the leading rows made only of `<th>`.
fn count_header_rows(rows: &[RawRow]) -> usize {
    let in_head = rows.iter().take_while(|r| r.in_head).count();
    if in_head > 0 {
        return in_head;
    }
    rows.iter()
        .take_while(|r| !r.cells.is_empty() && r.cells.iter().all(|c| c.header))
        .count()
}

/// Tags and text to rows of cells, with the line each row starts on.
fn parse(block: &[Line]) -> Vec<RawRow> {
    let mut rows: Vec<RawRow> = Vec::new();
    let mut row: Option<RawRow> = None;
    let mut cell: Option<RawCell> = None;
    let mut in_head = false;
    let mut done = false;
    for line in block {
        if done {
            break;
        }
        let chars: Vec<char> = line.raw.chars().collect();
        let mut i = 0;
        while i < chars.len() && !done {
            let c = chars.get(i).copied().unwrap_or(' ');
            if c == '<'
                && let Some(close) = chars.iter().skip(i + 1).position(|&d| d == '>' || d == '<')
            {
                let end = i + 1 + close;
                if chars.get(end) == Some(&'>') {
                    let tag: String = chars.get(i + 1..end).unwrap_or(&[]).iter().collect();
                    on_tag(
                        &tag,
                        line.no,
                        &mut rows,
                        &mut row,
                        &mut cell,
                        &mut in_head,
                        &mut done,
                    );
                    i = end + 1;
                    continue;
                }
            }
            if let Some(cl) = cell.as_mut() {
                cl.text.push(c);
            }
            i += 1;
        }
        // A line break inside a cell is a space.
        if let Some(cl) = cell.as_mut() {
            cl.text.push(' ');
        }
    }
    finish_cell(&mut row, &mut cell);
    if let Some(r) = row.take() {
        rows.push(r);
    }
    rows
}

fn on_tag(
    tag: &str,
    line: usize,
    rows: &mut Vec<RawRow>,
    row: &mut Option<RawRow>,
    cell: &mut Option<RawCell>,
    in_head: &mut bool,
    done: &mut bool,
) {
    let tag = tag.trim();
    let closing = tag.starts_with('/');
    let name: String = tag
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    match (name.as_str(), closing) {
        ("tr", false) => {
            finish_cell(row, cell);
            if let Some(r) = row.take() {
                rows.push(r);
            }
            *row = Some(RawRow {
                line,
                cells: Vec::new(),
                in_head: *in_head,
            });
        }
        ("tr", true) => {
            finish_cell(row, cell);
            if let Some(r) = row.take() {
                rows.push(r);
            }
        }
        ("td" | "th", false) => {
            finish_cell(row, cell);
            if row.is_none() {
                *row = Some(RawRow {
                    line,
                    cells: Vec::new(),
                    in_head: *in_head,
                });
            }
            *cell = Some(RawCell {
                text: String::new(),
                rowspan: span(tag, "rowspan").min(MAX_ROWSPAN),
                colspan: span(tag, "colspan").min(MAX_COLUMNS),
                header: name == "th" || *in_head,
            });
        }
        ("td" | "th", true) => finish_cell(row, cell),
        ("thead", _) => *in_head = !closing,
        ("tbody" | "tfoot", _) => *in_head = false,
        ("table", true) => {
            finish_cell(row, cell);
            if let Some(r) = row.take() {
                rows.push(r);
            }
            *done = true;
        }
        ("br" | "p" | "div" | "li", _) => {
            if let Some(c) = cell.as_mut() {
                c.text.push(' ');
            }
        }
        _ => {}
    }
}

fn finish_cell(row: &mut Option<RawRow>, cell: &mut Option<RawCell>) {
    if let Some(mut c) = cell.take() {
        c.text = clean_cell(&decode_entities(&c.text));
        if let Some(r) = row.as_mut() {
            r.cells.push(c);
        }
    }
}

/// `rowspan="2"`, `rowspan=2` → 2; 1 when absent or unreadable.
fn span(tag: &str, attr: &str) -> usize {
    let lower = tag.to_ascii_lowercase();
    let Some(p) = lower.find(attr) else { return 1 };
    let digits: String = lower
        .get(p + attr.len()..)
        .unwrap_or("")
        .chars()
        .skip_while(|c| matches!(c, ' ' | '=' | '"' | '\''))
        .take_while(char::is_ascii_digit)
        .take(4)
        .collect();
    digits
        .parse::<usize>()
        .ok()
        .filter(|&n| n >= 1)
        .unwrap_or(1)
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Spans to full rows. `carry[col]` holds the text and the rows still
/// covered by a rowspan that started above.
fn expand(raw: Vec<RawRow>) -> Vec<GridRow> {
    let mut carry: Vec<Option<(String, usize)>> = Vec::new();
    let mut out = Vec::with_capacity(raw.len());
    for row in raw {
        let mut cells: Vec<String> = Vec::new();
        let mut col = 0;
        let take_carried = |col: usize,
                            cells: &mut Vec<String>,
                            carry: &mut Vec<Option<(String, usize)>>|
         -> bool {
            match carry.get_mut(col) {
                Some(slot @ Some(_)) => {
                    if let Some((text, left)) = slot.as_mut() {
                        cells.push(text.clone());
                        *left -= 1;
                        if *left == 0 {
                            *slot = None;
                        }
                    }
                    true
                }
                _ => false,
            }
        };
        for cell in row.cells {
            while col < MAX_COLUMNS && take_carried(col, &mut cells, &mut carry) {
                col += 1;
            }
            for s in 0..cell.colspan {
                if col >= MAX_COLUMNS {
                    break;
                }
                let text = if s == 0 || cell.header {
                    cell.text.clone()
                } else {
                    String::new()
                };
                if cell.rowspan > 1 {
                    if carry.len() <= col {
                        carry.resize(col + 1, None);
                    }
                    if let Some(slot) = carry.get_mut(col) {
                        *slot = Some((text.clone(), cell.rowspan - 1));
                    }
                }
                cells.push(text);
                col += 1;
            }
        }
        // Columns to the right still covered from above.
        while col < carry.len() {
            if !take_carried(col, &mut cells, &mut carry) {
                cells.push(String::new());
            }
            col += 1;
        }
        out.push(GridRow {
            line: row.line,
            cells,
        });
    }
    out
}
