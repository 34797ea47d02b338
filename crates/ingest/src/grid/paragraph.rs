//! Tables pasted one cell per line (or per paragraph, blank lines between):
//! a run of header cells (`STT`, `Chỉ tiêu`, `Đơn vị`, `Kế hoạch …`) gives
//! the width; each data row starts at its row number. A sub-row that opens
//! with `- Trong đó` has no number and may have fewer cells: a row is cut
//! short where the next row visibly starts (a row number followed by a
//! name, or a sub-row), so one missing cell never shifts the rows after it.

use super::cells::{clean_cell, is_name_like, is_stt, opens_sub_row, unit_above};
use super::columns::{Col, classify_header};
use super::{Grid, GridForm, GridRow};
use crate::source::Line;

/// Header cells a table needs before it counts as one.
const MIN_HEADER: usize = 3;
/// Cells read past the header at most, and the longest line taken as a cell.
const MAX_CELLS: usize = 5000;
const MAX_CELL_CHARS: usize = 400;

type Cells = Vec<(usize, String)>;

/// How many leading cells are header cells, when they make a header: at
/// least three, the first naming the row number or the name column.
pub(super) fn header_width(cells: &[(usize, String)]) -> Option<usize> {
    let first = classify_header(&cells.first()?.1)?;
    if !matches!(first, Col::Stt | Col::Name | Col::Title) {
        return None;
    }
    let width = cells
        .iter()
        .take_while(|(_, c)| classify_header(c).is_some())
        .count();
    (width >= MIN_HEADER).then_some(width)
}

/// Cuts a stream of data cells into rows of `width` cells (see the module
/// documentation). Returns the rows and how many cells they used; reading
/// stops at the first cell that can start no row.
pub(super) fn chunk_cells(cells: &[(usize, String)], width: usize) -> (Vec<(usize, Cells)>, usize) {
    let mut rows = Vec::new();
    let mut k = 0;
    while let Some((line, text)) = cells.get(k) {
        let numbered = is_stt(text);
        if !numbered && !opens_sub_row(text) {
            break;
        }
        let mut row: Cells = Vec::with_capacity(width);
        if !numbered {
            row.push((*line, String::new()));
        }
        row.push((*line, text.clone()));
        k += 1;
        while row.len() < width {
            let Some((l, t)) = cells.get(k) else { break };
            let next_row_starts = opens_sub_row(t)
                || (is_stt(t) && cells.get(k + 1).is_some_and(|(_, n)| is_name_like(n)));
            if row.len() >= 2 && next_row_starts {
                break;
            }
            row.push((*l, t.clone()));
            k += 1;
        }
        row.resize(width.max(row.len()), (*line, String::new()));
        rows.push((*line, row));
    }
    (rows, k)
}

pub(super) fn find(lines: &[Line], start: usize) -> Option<(Grid, usize)> {
    let first = lines.get(start)?;
    if first.is_blank() || first.text.contains('|') || first.is_table_row() {
        return None;
    }
    // Cheap tests first: a header cell is a short line, and it must itself
    // name a row-number or name column.
    if first.text.len() > 60 {
        return None;
    }
    let kind = classify_header(&clean_cell(&first.text))?;
    if !matches!(kind, Col::Stt | Col::Name | Col::Title) {
        return None;
    }
    // Cells with the index of their line, blank lines skipped.
    let mut cells: Cells = Vec::new();
    let mut index: Vec<usize> = Vec::new();
    let mut header_done = false;
    let mut width = 0;
    for (i, line) in lines.iter().enumerate().skip(start) {
        if line.is_blank() {
            continue;
        }
        if line.text.chars().count() > MAX_CELL_CHARS
            || line.is_table_row()
            || cells.len() > MAX_CELLS
        {
            break;
        }
        let text = clean_cell(&line.text);
        if !header_done && classify_header(&text).is_none() {
            header_done = true;
            width = cells.len();
            if width < MIN_HEADER {
                return None;
            }
        }
        cells.push((line.no, text));
        index.push(i);
    }
    if !header_done {
        return None;
    }
    // A title line right above a `STT` cell is not a header cell: start
    // the table at the row-number cell instead (the scan will reach it).
    if kind != Col::Stt
        && cells
            .iter()
            .take(width)
            .skip(1)
            .any(|(_, c)| classify_header(c) == Some(Col::Stt))
    {
        return None;
    }
    let header = cells.get(..width)?;
    let (rows, used) = chunk_cells(cells.get(width..)?, width);
    if rows.is_empty() {
        return None;
    }
    let last_index = *index.get(width + used - 1)?;
    let mut out = vec![GridRow {
        line: first.no,
        cells: header.iter().map(|(_, t)| t.clone()).collect(),
    }];
    out.extend(rows.into_iter().map(|(line, cells)| GridRow {
        line,
        cells: cells.into_iter().map(|(_, t)| t).collect(),
    }));
    let grid = Grid {
        first_line: first.no,
        last_line: lines.get(last_index).map_or(first.no, |l| l.no),
        rows: out,
        unit: unit_above(lines, start),
        form: GridForm::Paragraph,
        header_rows: 1,
    };
    Some((grid, last_index + 1))
}
