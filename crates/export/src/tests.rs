//! Each format writes rows and reads the same rows back, without a store.

use super::*;

/// Each table's rows, in the order they came.
type Tables = Vec<(&'static str, Vec<Vec<Cell>>)>;

fn header() -> Header {
    Header {
        format: FORMAT.into(),
        schema: 4,
        exported_at: "2026-12-07T07:00:00Z".into(),
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.into())
}

/// Rows of three tables with every kind of value: Vietnamese text, NULLs,
/// dates, decimals that are and are not plain numbers, flags, JSON.
fn sample() -> Vec<Rows> {
    let agencies = tiendo_store::table("agencies").unwrap();
    let assignments = tiendo_store::table("assignments").unwrap();
    let audit = tiendo_store::table("audit").unwrap();
    let names = [
        "Sở Tài chính",
        "Sở Xây dựng",
        "Ủy ban nhân dân thành phố Nha Trang",
        "Sở Y tế",
        "Đài Phát thanh và Truyền hình, \"Khánh Hòa\"",
    ];
    let agency_rows: Vec<Vec<Cell>> = (0..13)
        .map(|i| {
            let name = format!("{} {i}", names[i % names.len()]);
            vec![
                Cell::Int(i as i64 + 1),
                text(&name),
                text(&tiendo_core::vn::fold(&name)),
                text("2025-01-02T03:04:05.678Z"),
            ]
        })
        .collect();
    vec![
        Rows {
            table: agencies,
            rows: agency_rows[..7].to_vec(),
        },
        Rows {
            table: agencies,
            rows: agency_rows[7..].to_vec(),
        },
        Rows {
            table: assignments,
            rows: vec![
                vec![
                    Cell::Int(1),
                    Cell::Int(2),
                    text("2025-01-01"),
                    text("2025-12-31"),
                    text("1500000000"),
                    text("in_progress"),
                    Cell::Null,
                    Cell::Int(3),
                    text("2025-02-01T00:00:00Z"),
                ],
                vec![
                    Cell::Int(2),
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                    text("100.50"),
                    text("done"),
                    text("2025-06-30"),
                    Cell::Int(1),
                    text("2025-02-01T00:00:00.000Z"),
                ],
            ],
        },
        Rows {
            table: audit,
            rows: vec![vec![
                Cell::Int(1),
                text("2025-02-01T00:00:00Z"),
                Cell::Null,
                text("hệ thống"),
                Cell::Null,
                text("report.revise"),
                text("report"),
                Cell::Int(7),
                Cell::Int(3),
                Cell::Null,
                text(r#"{"percent":"45.5","obstacles":"Chưa có vốn; “đợi”"}"#),
            ]],
        },
    ]
}

/// Writes `rows` in `format` and reads them back: the header and each
/// table's rows as the reader sends them to a restore.
fn round_trip(format: Format, rows: Vec<Rows>) -> (Header, Tables) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("x.{}", format.extension()));
    let file = File::create(&path).unwrap();
    match format {
        Format::Json => json::write(file, &header(), rows.into_iter()),
        Format::Csv => csv::write(file, &header(), rows.into_iter()),
        Format::Xlsx => xlsx::write(file, &header(), rows.into_iter()),
    }
    .unwrap();
    assert_eq!(Format::detect(&path).unwrap(), format);
    read_back(format, &path).unwrap()
}

fn read_back(format: Format, path: &Path) -> Result<(Header, Tables), ExportError> {
    let (tx, mut rx) = mpsc::channel(10_000);
    let (header_tx, mut header_rx) = oneshot::channel();
    let mut sink = Sink::new(tx, header_tx);
    let file = File::open(path).unwrap();
    match format {
        Format::Json => json::read(file, &mut sink),
        Format::Csv => csv::read(file, &mut sink),
        Format::Xlsx => xlsx::read(file, &mut sink),
    }?;
    sink.finish()?;
    let header = header_rx.try_recv().unwrap();
    let mut tables: Tables = Vec::new();
    while let Ok(feed) = rx.try_recv() {
        match feed {
            Feed::Rows(chunk) => match tables.last_mut() {
                Some((name, rows)) if *name == chunk.table.name => rows.extend(chunk.rows),
                _ => tables.push((chunk.table.name, chunk.rows)),
            },
            Feed::End => tables.push(("END", vec![])),
        }
    }
    Ok((header, tables))
}

fn expected() -> Tables {
    let mut out: Tables = Vec::new();
    for chunk in sample() {
        match out.last_mut() {
            Some((name, rows)) if *name == chunk.table.name => rows.extend(chunk.rows),
            _ => out.push((chunk.table.name, chunk.rows)),
        }
    }
    out.push(("END", vec![]));
    out
}

/// What the store would make of a cell: readers of text formats hand over
/// text where JSON hands over numbers; [`tiendo_store::Column::check`]
/// settles both the same way.
fn settled(tables: Tables) -> Tables {
    tables
        .into_iter()
        .map(|(name, rows)| {
            let Some(table) = tiendo_store::table(name) else {
                return (name, rows);
            };
            let rows = rows
                .into_iter()
                .map(|row| {
                    row.into_iter()
                        .zip(table.columns)
                        .map(|(cell, column)| column.check(cell).unwrap())
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

#[test]
fn every_format_gives_back_the_rows_it_was_given() {
    for format in [Format::Json, Format::Csv, Format::Xlsx] {
        let (header, tables) = round_trip(format, sample());
        assert_eq!(header, super::tests::header(), "{format:?}");
        assert_eq!(settled(tables), settled(expected()), "{format:?}");
    }
}

#[test]
fn a_long_table_continues_on_more_sheets_and_reads_back_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.xlsx");
    xlsx::write(
        File::create(&path).unwrap(),
        &header(),
        sample().into_iter(),
    )
    .unwrap();
    let book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("the workbook opens");
    let names = calamine::Reader::sheet_names(&book);
    // Five rows a sheet under the header: 13 agencies take three.
    assert_eq!(
        &names[..4],
        ["Mục lục", "agencies", "agencies (2)", "agencies (3)"]
    );
    assert!(names.contains(&"report_revisions".to_string()));
    assert_eq!(names.len(), 1 + tiendo_store::TABLES.len() + 2);
}

#[test]
fn json_rows_may_name_columns_in_any_order_and_leave_out_empty_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.json");
    std::fs::write(
        &path,
        r#"{"schema": 4, "format": "tiendo-export", "note": "viết tay",
            "tables": {"assignments": [
              {"revision": 2, "status": "paused", "updated_at": "2025-03-01T00:00:00Z", "task_id": 9}
            ]}}"#,
    )
    .unwrap();
    let (header, tables) = read_back(Format::Json, &path).unwrap();
    assert_eq!(header.schema, 4);
    let row = &tables[0].1[0];
    assert_eq!(row[0], Cell::Int(9));
    assert_eq!(row[1], Cell::Null);
    assert_eq!(row[5], text("paused"));
    assert_eq!(row[7], Cell::Int(2));

    // A column the table does not have, and a required one left out.
    std::fs::write(
        &path,
        r#"{"format": "tiendo-export", "schema": 4, "tables": {"periods": [{"id": 1, "mau": 2}]}}"#,
    )
    .unwrap();
    let err = read_back(Format::Json, &path).unwrap_err().to_string();
    assert!(
        err.contains("không có cột “mau”") && err.contains("line 1"),
        "{err}"
    );
    std::fs::write(
        &path,
        r#"{"format": "tiendo-export", "schema": 4, "tables": {"programs": [{"id": 1}]}}"#,
    )
    .unwrap();
    let err = read_back(Format::Json, &path).unwrap_err().to_string();
    assert!(err.contains("programs, dòng 1: thiếu cột “key”"), "{err}");

    // Rows before the header say so.
    std::fs::write(
        &path,
        r#"{"tables": {}, "format": "tiendo-export", "schema": 4}"#,
    )
    .unwrap();
    let err = read_back(Format::Json, &path).unwrap_err().to_string();
    assert!(err.contains("trước “tables”"), "{err}");
}

#[test]
fn a_text_too_long_for_a_cell_is_refused_with_where() {
    let mut rows = sample();
    rows[0].rows[3][1] = text(&"Nhiệm vụ ".repeat(4_000));
    let dir = tempfile::tempdir().unwrap();
    let err = xlsx::write(
        File::create(dir.path().join("x.xlsx")).unwrap(),
        &header(),
        rows.into_iter(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("Bảng agencies, dòng 4, cột name"), "{err}");
    assert!(err.contains("JSON hoặc CSV"), "{err}");
}

#[test]
fn spreadsheet_cells_reach_the_check_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.xlsx");
    let mut rows = sample();
    // Written as text where a date belongs: the restore's check names it.
    rows[2].rows[0][2] = text("31/12/2025");
    xlsx::write(File::create(&path).unwrap(), &header(), rows.into_iter()).unwrap();
    let (_, tables) = read_back(Format::Xlsx, &path).unwrap();
    let assignments = tiendo_store::table("assignments").unwrap();
    let (_, rows) = tables.iter().find(|(n, _)| *n == "assignments").unwrap();
    let why = assignments.columns[2]
        .check(rows[0][2].clone())
        .unwrap_err();
    assert!(why.contains("31/12/2025"), "{why}");

    // A number where an id belongs is read; a fraction is not.
    let id = assignments.columns[0];
    assert_eq!(
        xlsx::cell_of(&id, &calamine::Data::Float(12.0)),
        Ok(Cell::Int(12))
    );
    let err = xlsx::cell_of(&id, &calamine::Data::Float(1.5)).unwrap_err();
    assert!(err.contains("1.5"), "{err}");
}
