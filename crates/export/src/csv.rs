//! A ZIP of one CSV a table (`agencies.csv`, …), UTF-8 with a byte-order
//! mark so spreadsheet programs show Vietnamese, a header line of column
//! names, empty for NULL; and `tiendo.json`, the header and each table's
//! row count, which the reader checks so a file cut short is refused.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};

use serde::{Deserialize, Serialize};
use tiendo_store::{Cell, Rows, TABLES, Table};
use zip::write::SimpleFileOptions;

use crate::{ExportError, Header, Sink, read_text};

/// The manifest's name inside the ZIP.
pub(crate) const MANIFEST: &str = "tiendo.json";

const BOM: &str = "\u{feff}";

#[derive(Serialize, Deserialize)]
struct Manifest {
    #[serde(flatten)]
    header: Header,
    /// Rows of each table.
    tables: BTreeMap<String, u64>,
}

fn io(e: impl std::fmt::Display) -> ExportError {
    ExportError::Io(e.to_string())
}

pub(crate) fn write(
    file: File,
    header: &Header,
    rows: impl Iterator<Item = Rows>,
) -> Result<(), ExportError> {
    let mut zip = zip::ZipWriter::new(BufWriter::with_capacity(1 << 16, file));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let mut counts: BTreeMap<String, u64> =
        TABLES.iter().map(|t| (t.name.to_string(), 0)).collect();
    let mut open: Option<usize> = None;
    let mut started = vec![false; TABLES.len()];
    for chunk in rows {
        let at = crate::position(chunk.table);
        if open != Some(at) {
            start_table(&mut zip, options, chunk.table)?;
            open = Some(at);
            started[at] = true;
        }
        let mut w = csv::Writer::from_writer(&mut zip);
        for row in &chunk.rows {
            w.write_record(row.iter().map(text_of)).map_err(io)?;
        }
        w.flush().map_err(io)?;
        *counts.get_mut(chunk.table.name).expect("counted") += chunk.rows.len() as u64;
    }
    // Tables without rows still get their file, header only.
    for (at, table) in TABLES.iter().enumerate() {
        if !started[at] {
            start_table(&mut zip, options, table)?;
        }
    }
    zip.start_file(MANIFEST, options).map_err(io)?;
    let manifest = Manifest {
        header: header.clone(),
        tables: counts,
    };
    serde_json::to_writer_pretty(&mut zip, &manifest).map_err(io)?;
    let inner = zip.finish().map_err(io)?;
    inner.into_inner().map_err(io)?.sync_all().map_err(io)
}

/// Starts a table's file with the byte-order mark and the column names.
fn start_table(
    zip: &mut zip::ZipWriter<BufWriter<File>>,
    options: SimpleFileOptions,
    table: &Table,
) -> Result<(), ExportError> {
    zip.start_file(format!("{}.csv", table.name), options)
        .map_err(io)?;
    zip.write_all(BOM.as_bytes()).map_err(io)?;
    let mut w = csv::Writer::from_writer(zip);
    w.write_record(table.columns.iter().map(|c| c.name))
        .map_err(io)?;
    w.flush().map_err(io)
}

fn text_of(cell: &Cell) -> Vec<u8> {
    match cell {
        Cell::Null => Vec::new(),
        Cell::Int(n) => n.to_string().into_bytes(),
        Cell::Text(s) => s.as_bytes().to_vec(),
    }
}

pub(crate) fn read(file: File, sink: &mut Sink) -> Result<(), ExportError> {
    let mut zip = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| ExportError::Invalid(format!("Tệp ZIP hỏng: {e}.")))?;
    let manifest = {
        let entry = zip.by_name(MANIFEST).map_err(|e| {
            ExportError::Invalid(format!("Không đọc được {MANIFEST} trong tệp ZIP: {e}."))
        })?;
        let text = read_text(entry, MANIFEST)?;
        serde_json::from_str::<Manifest>(&text)
            .map_err(|e| ExportError::Invalid(format!("{MANIFEST}: {e}.")))?
    };
    for name in manifest.tables.keys() {
        if tiendo_store::table(name).is_none() {
            return Err(ExportError::Invalid(format!(
                "{MANIFEST} nêu bảng “{name}” mà phiên bản này không có."
            )));
        }
    }
    sink.header(manifest.header)?;
    for table in TABLES {
        let file_name = format!("{}.csv", table.name);
        let expected = manifest.tables.get(table.name).copied().unwrap_or(0);
        let entry = match zip.by_name(&file_name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) if expected == 0 => continue,
            Err(e) => {
                return Err(ExportError::Invalid(format!(
                    "Không đọc được {file_name}: {e}."
                )));
            }
        };
        let found = read_table(entry, table, &file_name, sink)?;
        if found != expected {
            return Err(ExportError::Invalid(format!(
                "{file_name} có {found} dòng, {MANIFEST} ghi {expected}: tệp không trọn vẹn."
            )));
        }
    }
    Ok(())
}

/// Sends one table's rows; returns how many.
fn read_table(
    entry: impl std::io::Read,
    table: &'static Table,
    file_name: &str,
    sink: &mut Sink,
) -> Result<u64, ExportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(BufReader::with_capacity(1 << 16, entry));
    let headers = reader
        .headers()
        .map_err(|e| ExportError::Invalid(format!("{file_name}: dòng tiêu đề: {e}.")))?
        .clone();
    // Where each column of the table sits in the file.
    let mut places: Vec<Option<usize>> = vec![None; table.columns.len()];
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim_start_matches(BOM);
        let Some(at) = table.column(name) else {
            return Err(ExportError::Invalid(format!(
                "{file_name}: cột “{name}” không có trong bảng {}.",
                table.name
            )));
        };
        places[at] = Some(i);
    }
    for (column, place) in table.columns.iter().zip(&places) {
        if place.is_none() && !column.nullable {
            return Err(ExportError::Invalid(format!(
                "{file_name}: thiếu cột “{}”.",
                column.name
            )));
        }
    }
    let mut record = csv::StringRecord::new();
    let mut n = 0u64;
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| ExportError::Invalid(format!("{file_name}, dòng {}: {e}.", n + 2)))?;
        if !more {
            break;
        }
        let mut row = Vec::with_capacity(table.columns.len());
        for (column, place) in table.columns.iter().zip(&places) {
            let text = place.and_then(|i| record.get(i)).unwrap_or("");
            let cell = column.from_text(text).map_err(|why| {
                ExportError::Invalid(format!(
                    "{file_name}, dòng {}, cột {}: {why}.",
                    n + 2,
                    column.name
                ))
            })?;
            row.push(cell);
        }
        sink.push(table, row)?;
        n += 1;
    }
    Ok(n)
}
