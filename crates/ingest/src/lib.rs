//! Document import: turns a program as it was published — extracted PDF
//! text, or its appendix as TSV/CSV/XLSX — into a [`Catalog`]. Pure reading:
//! no database, no network; the caller decides what to store.

pub mod actuals;
pub mod amend;
pub mod assignments;
mod caseless;
pub mod directive;
pub mod error;
pub mod grid;
pub mod indicator;
pub mod meta;
pub mod outline;
pub mod program;
pub mod rhythm;
pub mod source;
mod spacing;
pub mod succession;
pub mod table;
pub mod task_line;

use std::path::Path;

use tiendo_core::catalog::Catalog;

pub use error::{ErrorCode, ImportError};

/// What kind of document a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// A program text, possibly with its targets and appendix table.
    Program,
    /// An appendix table alone (TSV text, CSV or XLSX).
    Table,
}

impl DocKind {
    pub fn code(self) -> &'static str {
        match self {
            DocKind::Program => "program",
            DocKind::Table => "table",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "program" => Some(DocKind::Program),
            "table" => Some(DocKind::Table),
            _ => None,
        }
    }
}

/// What one file gave.
#[derive(Debug, Clone)]
pub struct Imported {
    pub kind: DocKind,
    pub catalog: Catalog,
}

/// Read a file from disk; the format follows its extension (`.xlsx`, `.csv`,
/// anything else is text).
pub fn import_path(path: &Path, kind: Option<DocKind>) -> Result<Imported, ImportError> {
    let name = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("xlsx" | "xlsm" | "xls" | "ods")) {
        let rows = table::read_xlsx(&name, path)?;
        return Ok(Imported {
            kind: DocKind::Table,
            catalog: table_catalog(path, rows),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| {
        ImportError::new(
            &name,
            0,
            ErrorCode::Unreadable,
            format!("không đọc được tệp: {e}"),
        )
    })?;
    if ext.as_deref() == Some("csv") {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ImportError::new(
                &name,
                0,
                ErrorCode::Empty,
                "tệp rỗng: không có dòng nào",
            ));
        }
        let rows = table::read_csv(&name, &bytes)?;
        return Ok(Imported {
            kind: DocKind::Table,
            catalog: table_catalog(path, rows),
        });
    }
    import_text(&name, &bytes, kind, title_from_path(path))
}

/// Read a text document (program text or TSV table) from memory.
pub fn import_text(
    name: &str,
    bytes: &[u8],
    kind: Option<DocKind>,
    fallback_title: String,
) -> Result<Imported, ImportError> {
    let lines = source::decode(name, bytes)?;
    let has_table = lines.iter().filter(|l| l.is_table_row()).any(|l| {
        let cells: Vec<&str> = l.raw.split('\t').collect();
        table::is_header_row(&cells)
    });
    // A file of nothing but an appendix table is a table; anything else is
    // read as a document, whatever its layout: a real text is never refused.
    let kind = match kind {
        Some(k) => k,
        None if has_table && !program::looks_like_program(&lines) && prose_lines(&lines) < 3 => {
            // A table alone; one that cannot be read as an appendix is still
            // read as a document, with the reason as a note.
            let rows: Vec<(usize, &str)> = lines
                .iter()
                .filter(|l| l.is_table_row())
                .map(|l| (l.no, l.raw.as_str()))
                .collect();
            if table::read_tsv_lines(name, &rows).is_ok() {
                DocKind::Table
            } else {
                DocKind::Program
            }
        }
        None => DocKind::Program,
    };
    let catalog = match kind {
        DocKind::Program => {
            let mut c = program::read_program(name, &lines)?;
            if c.program.title.is_empty() {
                c.program.title = fallback_title;
            }
            c
        }
        DocKind::Table => {
            let rows: Vec<(usize, &str)> = lines
                .iter()
                .filter(|l| l.is_table_row())
                .map(|l| (l.no, l.raw.as_str()))
                .collect();
            let rows = table::read_tsv_lines(name, &rows)?;
            let mut c = Catalog {
                sections: rows.sections,
                tasks: rows.tasks,
                agencies: rows.agencies,
                ..Catalog::default()
            };
            c.program.title = fallback_title;
            c
        }
    };
    Ok(Imported { kind, catalog })
}

/// Lines of running text outside any table.
fn prose_lines(lines: &[source::Line]) -> usize {
    lines
        .iter()
        .filter(|l| !l.is_blank() && !l.is_table_row())
        .count()
}

fn table_catalog(path: &Path, rows: table::TableRows) -> Catalog {
    let mut c = Catalog {
        sections: rows.sections,
        tasks: rows.tasks,
        agencies: rows.agencies,
        ..Catalog::default()
    };
    c.program.title = title_from_path(path);
    c
}

fn title_from_path(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string()
}
