//! Document import: turns a program as it was published — extracted PDF
//! text, or its appendix as TSV/CSV/XLSX — into a [`Catalog`]. Pure reading:
//! no database, no network; the caller decides what to store.

pub mod assignments;
pub mod error;
pub mod indicator;
pub mod outline;
pub mod program;
pub mod rhythm;
pub mod source;
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
    let kind = match kind {
        Some(k) => k,
        None if program::looks_like_program(&lines) => DocKind::Program,
        None if has_table => DocKind::Table,
        None => {
            return Err(ImportError::new(
                name,
                first_text_line(&lines),
                ErrorCode::UnknownKind,
                "không nhận ra loại văn bản: không thấy phần nhiệm vụ (NỘI DUNG / NHIỆM VỤ VÀ GIẢI PHÁP), phần chỉ tiêu, hay bảng phụ lục có dòng tiêu đề (STT, Nội dung nhiệm vụ …)",
            ));
        }
    };
    let catalog = match kind {
        DocKind::Program => {
            let mut c = program::read_program(name, &lines)?;
            if c.program.title.is_empty() {
                c.program.title = fallback_title;
            }
            if c.tasks.is_empty() && c.indicators.is_empty() {
                return Err(ImportError::new(
                    name,
                    first_text_line(&lines),
                    ErrorCode::UnknownKind,
                    "văn bản không có nhiệm vụ hay chỉ tiêu nào đọc được",
                ));
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

fn first_text_line(lines: &[source::Line]) -> usize {
    lines.iter().find(|l| !l.is_blank()).map_or(0, |l| l.no)
}
