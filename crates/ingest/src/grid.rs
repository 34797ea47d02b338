//! Tables that are not tab-separated: pipe rows (`| 3 | Tỷ lệ … | 95% |`,
//! with or without a markdown `|---|` line, possibly broken over several
//! lines), HTML `<table>`s with `rowspan`/`colspan`, tables pasted one cell
//! per line or paragraph, and space-separated time series (`Chỉ tiêu ĐV
//! tính 2010 2011 …`).
//!
//! Two steps: [`find_grids`] finds every such table in a text and turns it
//! into plain rows of cell texts; [`read_grid`] reads one of them by its
//! headers into sections, tasks, indicators, result figures, agencies and
//! key/value fields. Both are total: any input gives an answer, never a panic.

mod cells;
mod columns;
mod html;
mod paragraph;
mod pipe;
mod read;
mod spaced;
mod value;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use tiendo_core::catalog::{Actual, Indicator, Note, Section, Task};

use crate::source::Line;

/// The written form a grid was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GridForm {
    /// `| a | b |` rows, also broken over lines or with lone `|` lines.
    Pipe,
    /// An HTML `<table>`.
    Html,
    /// One cell per line or paragraph, rows rebuilt from the header width.
    Paragraph,
    /// Space-separated rows under a header of consecutive years.
    Spaced,
}

/// A table found in a text, rows of cell texts, spans expanded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grid {
    pub first_line: usize,
    pub last_line: usize,
    pub rows: Vec<GridRow>,
    /// The unit the table states for its money or figures, taken from a
    /// line such as `_Đơn vị tính: Tỷ đồng_` just above it (`Tỷ đồng`).
    pub unit: Option<String>,
    pub form: GridForm,
    /// How many leading rows are known to be header rows (`<thead>`, the
    /// rows above a `|---|` line, the cells a one-cell-per-line table opens
    /// with). 0 when the form does not say; the reader then looks for them.
    pub header_rows: usize,
}

/// One row of a grid: the source line it starts on and its cells, cleaned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridRow {
    pub line: usize,
    pub cells: Vec<String>,
}

/// What one grid gives.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GridYield {
    pub sections: Vec<Section>,
    pub tasks: Vec<Task>,
    pub indicators: Vec<Indicator>,
    pub actuals: Vec<Actual>,
    pub agencies: Vec<String>,
    /// Key/value rows such as `| Số hiệu | 145/KH-UBND |`.
    pub fields: Vec<(String, String)>,
    pub notes: Vec<Note>,
}

/// Every non-TSV table in the lines, in order, not overlapping.
pub fn find_grids(lines: &[Line]) -> Vec<Grid> {
    let mut out = Vec::new();
    let mut i = 0;
    // The first line no earlier table took.
    let mut floor = 0;
    while i < lines.len() {
        let found = html::find(lines, i)
            .or_else(|| spaced::find(lines, i))
            .or_else(|| paragraph::find(lines, i))
            .or_else(|| pipe::find(lines, i, floor));
        match found {
            Some((grid, next)) => {
                out.push(grid);
                // Always move forward, whatever a finder answered.
                i = next.max(i + 1);
                floor = i;
            }
            None => i += 1,
        }
    }
    out
}

/// What one grid gives: see the module documentation. `default_year` is the
/// year of targets whose column names none.
pub fn read_grid(grid: &Grid, default_year: Option<i32>) -> GridYield {
    read::read(grid, default_year)
}
