//! What went wrong, and where: every error names the file and, when it can,
//! the line, so the operator can open the document at that place.

use std::fmt;

/// An import failure. `line` is 1-based; 0 means the whole file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportError {
    pub file: String,
    pub line: usize,
    pub code: ErrorCode,
    pub message: String,
}

/// Stable codes for scripts and the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    NotUtf8,
    NotText,
    Empty,
    UnknownKind,
    Unreadable,
    MissingColumn,
    BadCell,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotUtf8 => "not_utf8",
            ErrorCode::NotText => "not_text",
            ErrorCode::Empty => "empty",
            ErrorCode::UnknownKind => "unknown_kind",
            ErrorCode::Unreadable => "unreadable",
            ErrorCode::MissingColumn => "missing_column",
            ErrorCode::BadCell => "bad_cell",
        }
    }
}

impl ImportError {
    pub fn new(
        file: impl Into<String>,
        line: usize,
        code: ErrorCode,
        message: impl Into<String>,
    ) -> Self {
        ImportError {
            file: file.into(),
            line,
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}: {} [{}]",
                self.file,
                self.line,
                self.message,
                self.code.as_str()
            )
        } else {
            write!(
                f,
                "{}: {} [{}]",
                self.file,
                self.message,
                self.code.as_str()
            )
        }
    }
}
