//! The appendix table (PHỤ LỤC): tab-separated text, CSV or XLSX, columns
//! found by their Vietnamese headers. Every format becomes rows of cells and
//! goes through one reader; this module never touches a database.

mod cells;
mod csv_in;
mod header;
mod messages;
mod rows;
pub(crate) mod xlsx;

use serde::{Deserialize, Serialize};
use tiendo_core::catalog::{Section, Task};

use crate::error::ImportError;

pub use csv_in::read_csv;
pub use header::is_header_row;
pub use xlsx::read_xlsx;

/// What one appendix table yields: its group rows as sections of
/// [`Part::Appendix`](tiendo_core::catalog::Part::Appendix), its data rows as
/// tasks, and the agencies it names (lead agencies and issuing bodies, in
/// first-seen order).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TableRows {
    pub sections: Vec<Section>,
    pub tasks: Vec<Task>,
    pub agencies: Vec<String>,
}

/// Rows of a table given as lines of text (TSV). `lines` are (1-based line
/// number, raw line); lines before the header row are ignored.
pub fn read_tsv_lines(file: &str, lines: &[(usize, &str)]) -> Result<TableRows, ImportError> {
    let rows = lines.iter().map(|&(line, text)| {
        let text = text.strip_suffix('\r').unwrap_or(text);
        (line, text.split('\t').map(str::to_owned).collect())
    });
    rows::read_rows(file, rows)
}
