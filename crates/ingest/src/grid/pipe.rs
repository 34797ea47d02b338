//! Pipe tables: `| a | b |` rows, with or without a `|---|` line; rows
//! broken over several lines; and the form where each cell is followed by a
//! lone `|` line. All are read as one stream of text and pipes:
//! - a line that begins with `|`, or that holds a pipe between two texts,
//!   starts a new row when the line before it ended with `|`;
//! - otherwise a pipe closes the cell being read and opens the next one, and
//!   a line with no pipe continues the open cell.
//!
//! A one-row stream that opens with header cells (`STT`, `Chỉ tiêu` …) is
//! cut into rows by its header width, as a one-cell-per-line table is.

use tiendo_core::vn::clean_line;

use super::cells::{clean_cell, pad_rows, unit_above};
use super::paragraph::{chunk_cells, header_width};
use super::{Grid, GridForm, GridRow};
use crate::source::Line;

/// Lines without a pipe allowed between two pipe lines of one table.
const MAX_GAP: usize = 8;

/// Non-blank lines above a lone `|` taken as the first cell at most.
const MAX_LEAD: usize = 4;

/// A pipe table whose first pipe is on line `start`; `floor` is the first
/// line not yet used by an earlier table.
pub(super) fn find(lines: &[Line], start: usize, floor: usize) -> Option<(Grid, usize)> {
    let pipe_line = lines.get(start)?;
    if !pipe_line.text.contains('|') || pipe_line.is_table_row() {
        return None;
    }
    // A table written as `cell` / `|` / `cell` / `|` opens with a cell
    // above its first pipe: take the non-blank lines right above it.
    let mut begin = start;
    if pipe_line.text.trim() == "|" {
        while begin > floor
            && start - begin < MAX_LEAD
            && lines
                .get(begin - 1)
                .is_some_and(|l| !l.is_blank() && !l.is_table_row() && !l.text.contains('|'))
        {
            begin -= 1;
        }
    }
    let first = lines.get(begin)?;
    // The block: pipe lines, with short runs of non-blank lines between them.
    let mut last = start;
    let mut gap = 0;
    let mut k = start + 1;
    while let Some(line) = lines.get(k) {
        if line.is_blank() || line.is_table_row() {
            break;
        }
        if line.text.contains('|') {
            last = k;
            gap = 0;
        } else {
            gap += 1;
            if gap > MAX_GAP {
                break;
            }
        }
        k += 1;
    }
    let block = lines.get(begin..=last)?;
    let pipe_lines = block.iter().filter(|l| l.text.contains('|')).count();
    let t = pipe_line.text.trim();
    let single_row = t.starts_with('|') && t.ends_with('|') && t.matches('|').count() >= 3;
    if pipe_lines < 2 && !single_row {
        return None;
    }

    let (mut rows, header_rows) = stream_rows(block);
    // One long row that opens with a header: rebuild rows by its width.
    let mut header_rows = header_rows;
    if rows.len() == 1 {
        let cells = &rows.first()?.1;
        if let Some(width) = header_width(cells)
            && cells.len() > width
        {
            let (chunked, _) = chunk_cells(cells.get(width..)?, width);
            let header = cells.get(..width)?;
            let mut all = vec![(header.first()?.0, header.to_vec())];
            all.extend(chunked);
            rows = all;
            header_rows = 1;
        }
    }
    let mut rows: Vec<GridRow> = rows
        .into_iter()
        .map(|(line, cells)| GridRow {
            line,
            cells: cells.into_iter().map(|(_, t)| t).collect(),
        })
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
        .collect();
    if rows.is_empty() {
        return None;
    }
    pad_rows(&mut rows);
    let grid = Grid {
        first_line: first.no,
        last_line: block.last().map_or(first.no, |l| l.no),
        rows,
        unit: unit_above(lines, begin),
        form: GridForm::Pipe,
        header_rows,
    };
    Some((grid, last + 1))
}

type Cells = Vec<(usize, String)>;

/// Rows of (line, cells with their lines), and the number of rows above a
/// markdown `|---|` line (0 when there is none).
fn stream_rows(block: &[Line]) -> (Vec<(usize, Cells)>, usize) {
    let mut rows: Vec<(usize, Cells)> = Vec::new();
    let mut header_rows = 0;
    let mut row: Option<(usize, Cells)> = None;
    // The open cell: its line and text so far.
    let mut open: Option<(usize, String)> = None;
    let mut prev_ended = false;

    let close_row = |row: &mut Option<(usize, Cells)>,
                     open: &mut Option<(usize, String)>,
                     rows: &mut Vec<(usize, Cells)>| {
        if let Some((line, mut cells)) = row.take() {
            if let Some((l, text)) = open.take() {
                let text = clean_cell(&text);
                if !text.is_empty() {
                    cells.push((l, text));
                }
            }
            if !cells.is_empty() {
                rows.push((line, cells));
            }
        }
        *open = None;
    };

    for line in block {
        let text = unescape(&line.text);
        let text = text.trim();
        if is_separator(text) {
            close_row(&mut row, &mut open, &mut rows);
            header_rows = rows.len();
            prev_ended = true;
            continue;
        }
        let starts = text.starts_with('|');
        let interior = has_interior_pipe(text);
        if row.is_none() || (prev_ended && (starts || interior)) {
            close_row(&mut row, &mut open, &mut rows);
            row = Some((line.no, Vec::new()));
        }
        for (k, seg) in text.split('|').enumerate() {
            if k > 0 {
                if let (Some((_, cells)), Some((l, t))) = (row.as_mut(), open.take()) {
                    cells.push((l, clean_cell(&t)));
                }
                open = Some((line.no, String::new()));
            }
            if seg.trim().is_empty() {
                continue;
            }
            match open.as_mut() {
                Some((_, t)) => {
                    if !t.is_empty() {
                        t.push(' ');
                    }
                    t.push_str(seg);
                }
                None => open = Some((line.no, seg.to_owned())),
            }
        }
        prev_ended = text.ends_with('|');
    }
    close_row(&mut row, &mut open, &mut rows);
    (rows, header_rows)
}

/// The line with the literal `\r\n` some sites leave in it made spaces.
fn unescape(text: &str) -> String {
    if text.contains('\\') {
        clean_line(&text.replace("\\r", " ").replace("\\n", " "))
    } else {
        text.to_owned()
    }
}

/// `|---|:--:|`: the markdown line under a header.
fn is_separator(text: &str) -> bool {
    text.contains('|')
        && text.contains('-')
        && text
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+'))
}

/// A pipe with text on both sides of it on this line.
fn has_interior_pipe(text: &str) -> bool {
    let inner = text.trim_matches(|c: char| c == '|' || c.is_whitespace());
    inner.contains('|')
}
