//! The whole database in a file, and back: every table of
//! [`tiendo_store::TABLES`] written as JSON (one document), CSV (one file a
//! table, zipped with a manifest) or XLSX (one sheet a table, with a table
//! of contents), and any of the three restored into an empty database.
//!
//! The store reads and writes the rows; this crate only lays them out and
//! reads them back. Both directions stream: the store sends chunks of rows
//! over a channel to a writer on a blocking thread, and a reader sends
//! chunks to the store's restore the same way, so a province of any size
//! passes through without sitting in memory (XLSX aside: a sheet is read
//! whole). A reader that fails half-way never sends [`Feed::End`], and the
//! restore then keeps nothing.

mod csv;
mod json;
mod xlsx;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use tiendo_store::{Cell, Ctx, DumpCounts, Feed, Rows, Store, StoreError, Table};
use tokio::sync::{mpsc, oneshot};

/// What every export says it is.
pub const FORMAT: &str = "tiendo-export";

/// Chunks in flight between the store and a file.
const IN_FLIGHT: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    /// A ZIP of one CSV per table and `tiendo.json`.
    Csv,
    Xlsx,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// The file name ending an export of this format takes.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv.zip",
            Format::Xlsx => "xlsx",
        }
    }

    /// What a file holds, from its content, not its name.
    pub fn detect(path: &Path) -> Result<Format, ExportError> {
        let file = File::open(path).map_err(|e| ExportError::open(path, e))?;
        let mut reader = BufReader::new(file);
        let head = reader.fill_buf().map_err(|e| ExportError::open(path, e))?;
        let text = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
        match text.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => return Ok(Format::Json),
            Some(b'P') if text.starts_with(b"PK") => {}
            _ => {
                return Err(ExportError::Invalid(format!(
                    "{}: không phải tệp xuất dữ liệu của Tiến Độ (JSON, CSV nén ZIP hoặc XLSX).",
                    path.display()
                )));
            }
        }
        drop(reader);
        let file = File::open(path).map_err(|e| ExportError::open(path, e))?;
        let archive = zip::ZipArchive::new(file).map_err(|e| {
            ExportError::Invalid(format!("{}: tệp ZIP hỏng ({e}).", path.display()))
        })?;
        if archive.index_for_name("[Content_Types].xml").is_some() {
            Ok(Format::Xlsx)
        } else if archive.index_for_name(csv::MANIFEST).is_some() {
            Ok(Format::Csv)
        } else {
            Err(ExportError::Invalid(format!(
                "{}: tệp ZIP không có {} — không phải bản xuất CSV của Tiến Độ.",
                path.display(),
                csv::MANIFEST
            )))
        }
    }
}

/// What an export says about itself before its rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    /// The store's schema version the rows follow.
    pub schema: i64,
    pub exported_at: String,
}

impl Header {
    fn check(&self) -> Result<(), ExportError> {
        if self.format == FORMAT {
            Ok(())
        } else {
            Err(ExportError::Invalid(format!(
                "Tệp ghi định dạng “{}”, không phải “{FORMAT}”.",
                self.format
            )))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The file could not be opened, written or read.
    #[error("{0}")]
    Io(String),
    /// The file is not an export, or part of it cannot be read: says where.
    #[error("{0}")]
    Invalid(String),
    /// The other side stopped (its own error says why).
    #[error("quá trình xuất hoặc khôi phục đã dừng")]
    Stopped,
}

impl ExportError {
    fn open(path: &Path, e: std::io::Error) -> ExportError {
        ExportError::Io(format!("không mở được {}: {e}", path.display()))
    }

    fn write(path: &Path, e: impl std::fmt::Display) -> ExportError {
        ExportError::Io(format!("không ghi được {}: {e}", path.display()))
    }
}

/// Writes the whole database to `path` in `format`; returns the rows of
/// each table. Operators only. On failure the file is incomplete: write
/// beside the target and rename, as the command line does.
pub async fn export(
    store: &Store,
    ctx: &Ctx,
    format: Format,
    path: &Path,
) -> Result<DumpCounts, ExportError> {
    let header = Header {
        format: FORMAT.into(),
        schema: store.schema_version().await?,
        exported_at: Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
    };
    let file = File::create(path).map_err(|e| ExportError::write(path, e))?;
    let (tx, rx) = mpsc::channel::<Rows>(IN_FLIGHT);
    let target = path.to_path_buf();
    let writer = tokio::task::spawn_blocking(move || {
        let rows = Incoming { rx };
        match format {
            Format::Json => json::write(file, &header, rows),
            Format::Csv => csv::write(file, &header, rows),
            Format::Xlsx => xlsx::write(file, &header, rows),
        }
        .map_err(|e| match e {
            ExportError::Io(why) => ExportError::Io(format!("{}: {why}", target.display())),
            other => other,
        })
    });
    let counts = store.export(ctx, tx).await;
    let written = writer
        .await
        .map_err(|e| ExportError::Io(format!("the writer stopped: {e}")))?;
    // A writer that failed closed the channel: its error is the cause.
    written?;
    Ok(counts?)
}

/// Restores the export at `path` (JSON, CSV or XLSX, told by its content)
/// into `store`, which must hold no data: all of it, or nothing.
pub async fn restore(store: &Store, ctx: &Ctx, path: &Path) -> Result<DumpCounts, ExportError> {
    let format = Format::detect(path)?;
    let (header_tx, header_rx) = oneshot::channel::<Header>();
    let (tx, rx) = mpsc::channel::<Feed>(IN_FLIGHT);
    let source: PathBuf = path.to_path_buf();
    let reader = tokio::task::spawn_blocking(move || {
        let file = File::open(&source).map_err(|e| ExportError::open(&source, e))?;
        let mut sink = Sink::new(tx, header_tx);
        let read = match format {
            Format::Json => json::read(file, &mut sink),
            Format::Csv => csv::read(file, &mut sink),
            Format::Xlsx => xlsx::read(file, &mut sink),
        };
        match read {
            Ok(()) => sink.finish(),
            Err(_) if sink.stopped => Err(ExportError::Stopped),
            Err(e) => Err(e),
        }
    });
    let restored = match header_rx.await {
        Ok(header) => Some(store.restore(ctx, header.schema, rx).await),
        // The reader failed before the header: its error says why.
        Err(_) => None,
    };
    let read = reader
        .await
        .map_err(|e| ExportError::Io(format!("the reader stopped: {e}")))?;
    match (read, restored) {
        (Err(ExportError::Stopped), Some(Err(e))) => Err(e.into()),
        (Err(e), _) => Err(e),
        (Ok(()), Some(restored)) => Ok(restored?.into_inner()),
        (Ok(()), None) => Err(ExportError::Stopped),
    }
}

/// Where `table` stands in [`tiendo_store::TABLES`]: the store sends its
/// tables in that order.
fn position(table: &'static Table) -> usize {
    tiendo_store::TABLES
        .iter()
        .position(|t| std::ptr::eq(t, table))
        .expect("a table of TABLES")
}

/// Rows from the store, for a writer on a blocking thread.
struct Incoming {
    rx: mpsc::Receiver<Rows>,
}

impl Iterator for Incoming {
    type Item = Rows;

    fn next(&mut self) -> Option<Rows> {
        self.rx.blocking_recv()
    }
}

/// Rows on their way to the store's restore, gathered into chunks.
struct Sink {
    tx: mpsc::Sender<Feed>,
    header: Option<oneshot::Sender<Header>>,
    table: Option<&'static Table>,
    rows: Vec<Vec<Cell>>,
    /// The restore went away (it refused something): stop reading.
    stopped: bool,
}

impl Sink {
    fn new(tx: mpsc::Sender<Feed>, header: oneshot::Sender<Header>) -> Sink {
        Sink {
            tx,
            header: Some(header),
            table: None,
            rows: Vec::with_capacity(tiendo_store::CHUNK),
            stopped: false,
        }
    }

    /// Hands the header over (once, before any row).
    fn header(&mut self, header: Header) -> Result<(), ExportError> {
        header.check()?;
        match self.header.take() {
            Some(tx) => tx.send(header).map_err(|_| self.stop()),
            None => Err(ExportError::Invalid("Tệp có hai phần đầu.".into())),
        }
    }

    fn push(&mut self, table: &'static Table, row: Vec<Cell>) -> Result<(), ExportError> {
        if self.header.is_some() {
            return Err(ExportError::Invalid(
                "Tệp có dữ liệu trước phần đầu (format, schema).".into(),
            ));
        }
        if self.table.is_some_and(|t| !std::ptr::eq(t, table))
            || self.rows.len() >= tiendo_store::CHUNK
        {
            self.flush()?;
        }
        self.table = Some(table);
        self.rows.push(row);
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        if let Some(table) = self.table
            && !self.rows.is_empty()
        {
            let rows = std::mem::replace(&mut self.rows, Vec::with_capacity(tiendo_store::CHUNK));
            if self
                .tx
                .blocking_send(Feed::Rows(Rows { table, rows }))
                .is_err()
            {
                return Err(self.stop());
            }
        }
        Ok(())
    }

    fn stop(&mut self) -> ExportError {
        self.stopped = true;
        ExportError::Stopped
    }

    fn finish(mut self) -> Result<(), ExportError> {
        if self.header.is_some() {
            return Err(ExportError::Invalid(
                "Tệp không có phần đầu (format, schema).".into(),
            ));
        }
        self.flush()?;
        self.tx
            .blocking_send(Feed::End)
            .map_err(|_| ExportError::Stopped)
    }
}

/// Reads all of `input` into a string, naming `what` if it cannot.
fn read_text(mut input: impl Read, what: &str) -> Result<String, ExportError> {
    let mut text = String::new();
    input
        .read_to_string(&mut text)
        .map_err(|e| ExportError::Invalid(format!("{what}: không đọc được ({e}).")))?;
    Ok(text)
}

#[cfg(test)]
mod tests;
