//! The consolidated report (báo cáo tổng hợp): what the Office sends the
//! Executive Committee each month, half-year and year, computed from the
//! stored data and written in the administrative layout.
//!
//! [`assemble`] reads the store and produces a [`Consolidated`] — plain
//! data, every figure already decided; the writers ([`docx`], [`xlsx`],
//! [`csv`]) only lay it out. The same data serialises to JSON for whoever wants the figures.
//!
//! What "as of" means: a report for a period looks at the data up to the
//! end of the period's window as it stood on the period's due date (or on
//! the day the report is made, if earlier): reports filed later are not
//! seen (section V names them late), the engine's warning rules are
//! evaluated as of that day, and a task's status is its lead agency's
//! latest report by then — the same reading the early-warning engine makes
//! of a past day.

mod assemble;
pub mod chart;
pub mod csv;
pub mod docx;
mod model;
pub mod xlsx;

pub use assemble::{Request, assemble};
pub use model::*;

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The request names something that is not there (a program, a period).
    #[error("{0}")]
    NotFound(String),
    /// The request cannot be read (`--period 2025-13`).
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] tiendo_store::StoreError),
    #[error("không ghi được tệp DOCX: {0}")]
    Docx(String),
    #[error("không ghi được tệp XLSX: {0}")]
    Xlsx(String),
    #[error("không ghi được tệp CSV: {0}")]
    Csv(String),
}
