//! One JSON document: the header, then `tables`, each an array of rows as
//! objects keyed by column, one row a line. Numbers stay numbers, flags are
//! `true`/`false`, decimals and dates are strings as stored, and JSON the
//! database keeps (a program's document, a warning's facts) is embedded as
//! JSON, byte for byte.

use std::fmt;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use tiendo_store::{Cell, Kind, Rows, TABLES, Table};

use crate::{ExportError, Header, Sink};

pub(crate) fn write(
    file: File,
    header: &Header,
    rows: impl Iterator<Item = Rows>,
) -> Result<(), ExportError> {
    let mut out = BufWriter::with_capacity(1 << 16, file);
    write_all(&mut out, header, rows).map_err(|e| ExportError::Io(e.to_string()))?;
    out.into_inner()
        .map_err(|e| ExportError::Io(e.to_string()))?
        .sync_all()
        .map_err(|e| ExportError::Io(e.to_string()))
}

fn write_all(
    out: &mut impl Write,
    header: &Header,
    rows: impl Iterator<Item = Rows>,
) -> std::io::Result<()> {
    writeln!(out, "{{")?;
    write!(out, "  \"format\": ")?;
    serde_json::to_writer(&mut *out, &header.format)?;
    writeln!(out, ",\n  \"schema\": {},", header.schema)?;
    write!(out, "  \"exported_at\": ")?;
    serde_json::to_writer(&mut *out, &header.exported_at)?;
    writeln!(out, ",\n  \"tables\": {{")?;
    // Tables come in the order of TABLES; one without rows sends none.
    let mut open: Option<usize> = None;
    let mut first_row = true;
    for chunk in rows {
        let at = crate::position(chunk.table);
        if open != Some(at) {
            let from = close(out, open)?;
            empty_tables(out, from, at)?;
            open_table(out, at)?;
            open = Some(at);
            first_row = true;
        }
        for row in &chunk.rows {
            out.write_all(if first_row { b"\n      " } else { b",\n      " })?;
            first_row = false;
            write_row(out, chunk.table, row)?;
        }
    }
    let from = close(out, open)?;
    empty_tables(out, from, TABLES.len())?;
    writeln!(out, "\n  }}\n}}")
}

/// Closes the open table's array; returns the next table's position.
fn close(out: &mut impl Write, open: Option<usize>) -> std::io::Result<usize> {
    match open {
        Some(at) => {
            write!(out, "\n    ]")?;
            Ok(at + 1)
        }
        None => Ok(0),
    }
}

fn empty_tables(out: &mut impl Write, from: usize, to: usize) -> std::io::Result<()> {
    for at in from..to {
        open_table(out, at)?;
        write!(out, "]")?;
    }
    Ok(())
}

fn open_table(out: &mut impl Write, at: usize) -> std::io::Result<()> {
    if at > 0 {
        writeln!(out, ",")?;
    }
    write!(out, "    \"{}\": [", TABLES[at].name)
}

fn write_row(out: &mut impl Write, table: &Table, row: &[Cell]) -> std::io::Result<()> {
    out.write_all(b"{")?;
    for (i, (column, cell)) in table.columns.iter().zip(row).enumerate() {
        if i > 0 {
            out.write_all(b", ")?;
        }
        write!(out, "\"{}\": ", column.name)?;
        match (cell, column.kind) {
            (Cell::Null, _) => out.write_all(b"null")?,
            (Cell::Int(n), Kind::Bool) => write!(out, "{}", *n != 0)?,
            (Cell::Int(n), _) => write!(out, "{n}")?,
            // Stored JSON, as it is.
            (Cell::Text(s), Kind::Json) => out.write_all(s.as_bytes())?,
            (Cell::Text(s), _) => serde_json::to_writer(&mut *out, s)?,
        }
    }
    out.write_all(b"}")
}

pub(crate) fn read(file: File, sink: &mut Sink) -> Result<(), ExportError> {
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, file));
    let read = Document { sink: &mut *sink }
        .deserialize(&mut de)
        .and_then(|()| de.end());
    read.map_err(|e| {
        if sink.stopped {
            ExportError::Stopped
        } else {
            ExportError::Invalid(format!("Tệp JSON: {e}."))
        }
    })
}

/// The top object: header fields, then `tables`.
struct Document<'s> {
    sink: &'s mut Sink,
}

impl<'de> DeserializeSeed<'de> for Document<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Document<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("một bản xuất dữ liệu Tiến Độ")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (mut format, mut schema, mut exported_at) = (None, None, None);
        let mut tables = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => format = Some(map.next_value::<String>()?),
                "schema" => schema = Some(map.next_value::<i64>()?),
                "exported_at" => exported_at = Some(map.next_value::<String>()?),
                "tables" => {
                    let (Some(format), Some(schema)) = (format.take(), schema) else {
                        return Err(de::Error::custom(
                            "thiếu “format” hoặc “schema” trước “tables”",
                        ));
                    };
                    let header = Header {
                        format,
                        schema,
                        exported_at: exported_at.clone().unwrap_or_default(),
                    };
                    self.sink.header(header).map_err(de::Error::custom)?;
                    map.next_value_seed(Tables {
                        sink: &mut *self.sink,
                    })?;
                    tables = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if tables {
            Ok(())
        } else {
            Err(de::Error::custom("không có “tables”"))
        }
    }
}

struct Tables<'s> {
    sink: &'s mut Sink,
}

impl<'de> DeserializeSeed<'de> for Tables<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Tables<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("các bảng, mỗi bảng một mảng dòng")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(name) = map.next_key::<String>()? {
            let table = tiendo_store::table(&name)
                .ok_or_else(|| de::Error::custom(format!("không có bảng “{name}”")))?;
            map.next_value_seed(TableRows {
                table,
                sink: &mut *self.sink,
            })?;
        }
        Ok(())
    }
}

struct TableRows<'s> {
    table: &'static Table,
    sink: &'s mut Sink,
}

impl<'de> DeserializeSeed<'de> for TableRows<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for TableRows<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "mảng các dòng của bảng {}", self.table.name)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut at = 0usize;
        while let Some(row) = seq.next_element_seed(RowSeed {
            table: self.table,
            at,
        })? {
            self.sink.push(self.table, row).map_err(de::Error::custom)?;
            at += 1;
        }
        Ok(())
    }
}

struct RowSeed {
    table: &'static Table,
    at: usize,
}

impl<'de> DeserializeSeed<'de> for RowSeed {
    type Value = Vec<Cell>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Vec<Cell>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RowSeed {
    type Value = Vec<Cell>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "một dòng (đối tượng) của bảng {}", self.table.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Cell>, A::Error> {
        let table = self.table;
        let mut cells: Vec<Option<Cell>> = vec![None; table.columns.len()];
        while let Some(key) = map.next_key::<String>()? {
            let i = table.column(&key).ok_or_else(|| {
                de::Error::custom(format!(
                    "bảng {}, dòng {}: không có cột “{key}”",
                    table.name,
                    self.at + 1
                ))
            })?;
            let column = table.columns[i];
            cells[i] = Some(if column.kind == Kind::Json {
                let raw = map.next_value::<Box<RawValue>>()?;
                match raw.get() {
                    "null" if column.nullable => Cell::Null,
                    text => Cell::Text(text.to_string()),
                }
            } else {
                map.next_value_seed(CellSeed)?
            });
        }
        cells
            .into_iter()
            .zip(table.columns)
            .map(|(cell, column)| match cell {
                Some(cell) => Ok(cell),
                None if column.nullable => Ok(Cell::Null),
                None => Err(de::Error::custom(format!(
                    "bảng {}, dòng {}: thiếu cột “{}”",
                    table.name,
                    self.at + 1,
                    column.name
                ))),
            })
            .collect()
    }
}

/// A value as JSON gives it; the store checks it against its column.
struct CellSeed;

impl<'de> DeserializeSeed<'de> for CellSeed {
    type Value = Cell;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Cell, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellSeed {
    type Value = Cell;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("null, số, true/false hoặc chuỗi")
    }

    fn visit_unit<E>(self) -> Result<Cell, E> {
        Ok(Cell::Null)
    }

    fn visit_none<E>(self) -> Result<Cell, E> {
        Ok(Cell::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Cell, E> {
        Ok(Cell::Int(i64::from(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Cell, E> {
        Ok(Cell::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
        i64::try_from(v)
            .map(Cell::Int)
            .map_err(|_| E::custom(format!("số {v} quá lớn")))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Cell, E> {
        // A decimal written as a number by some other tool.
        Ok(Cell::Text(v.to_string()))
    }

    fn visit_str<E>(self, v: &str) -> Result<Cell, E> {
        Ok(Cell::Text(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Cell, E> {
        Ok(Cell::Text(v))
    }
}
