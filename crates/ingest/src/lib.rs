//! Document import: turns a program as it was published — extracted PDF
//! text, or its appendix as TSV/CSV/XLSX — into a [`Catalog`]. Pure reading:
//! no database, no network; the caller decides what to store.

pub mod error;
pub mod indicator;
pub mod table;
pub mod task_line;

pub use error::ImportError;
