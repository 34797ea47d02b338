use chrono::{TimeZone, Utc};
use tiendo_core::{Actor, Role, TaskStatus};

use super::*;
use crate::NewUser;
use crate::bulk::tests::{count, good_reports, history, imported};
use crate::model::AgencyId;

/// A small province with a history, an account, a corrected report and a
/// warning: every table an export must carry has rows.
async fn populated() -> Store {
    let (store, program) = imported().await;
    let regime = store.regime(program).await.unwrap();
    store
        .set_regime(&Ctx::system(), program, regime)
        .await
        .unwrap();
    store
        .load_history(&Ctx::system(), history(program, good_reports()))
        .await
        .unwrap();
    let agency: i64 = sqlx::query_scalar("SELECT agency_id FROM reports ORDER BY id LIMIT 1")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    let user = store
        .create_user(
            &Ctx::system(),
            NewUser {
                name: "sotc.baocao".into(),
                display_name: "Nguyễn Thị Hoà".into(),
                role: Role::Reporter,
                agency: Some(AgencyId(agency)),
                money_access: false,
                password_hash: crate::hash_password("mật khẩu dài đủ").unwrap(),
            },
        )
        .await
        .unwrap()
        .into_inner();
    let report: i64 = sqlx::query_scalar("SELECT id FROM reports ORDER BY id LIMIT 1")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    let reporter = Ctx::of(Actor {
        user_id: user.id,
        name: user.name.clone(),
        role: Role::Reporter,
        agency: Some(agency),
        money_access: false,
    });
    let mut body = good_reports()[0].body.clone();
    body.status = TaskStatus::InProgress;
    body.percent = rust_decimal::Decimal::new(255, 1);
    body.obstacles = "Chưa bố trí được vốn; “đợi” ý kiến Sở Tài chính.".into();
    store
        .revise_report(
            &reporter,
            report,
            body,
            Utc.with_ymd_and_hms(2025, 1, 19, 3, 0, 0).unwrap(),
        )
        .await
        .unwrap();
    store
}

async fn export_all(store: &Store) -> (Vec<Rows>, DumpCounts) {
    let (tx, mut rx) = mpsc::channel(4);
    let reading = tokio::spawn(async move {
        let mut all = Vec::new();
        while let Some(rows) = rx.recv().await {
            all.push(rows);
        }
        all
    });
    let counts = store.export(&Ctx::system(), tx).await.unwrap();
    (reading.await.unwrap(), counts)
}

/// Each table's rows, whole.
fn by_table(chunks: &[Rows]) -> Vec<(&'static str, Vec<Vec<Cell>>)> {
    let mut out: Vec<(&'static str, Vec<Vec<Cell>>)> = Vec::new();
    for chunk in chunks {
        match out.last_mut() {
            Some((name, rows)) if *name == chunk.table.name => rows.extend(chunk.rows.clone()),
            _ => out.push((chunk.table.name, chunk.rows.clone())),
        }
    }
    out
}

async fn restore_into(store: &Store, chunks: Vec<Rows>) -> Result<Outcome<DumpCounts>> {
    let schema = store.schema_version().await.unwrap();
    let (tx, rx) = mpsc::channel(4);
    let sending = tokio::spawn(async move {
        for chunk in chunks {
            if tx.send(Feed::Rows(chunk)).await.is_err() {
                return;
            }
        }
        let _ = tx.send(Feed::End).await;
    });
    let out = store.restore(&Ctx::system(), schema, rx).await;
    sending.await.unwrap();
    out
}

fn cell_of<'a>(rows: &'a [Vec<Cell>], table: &Table, column: &str) -> Vec<&'a Cell> {
    let i = table.column(column).unwrap();
    rows.iter().map(|r| &r[i]).collect()
}

#[tokio::test]
async fn the_tables_cover_the_schema_column_by_column() {
    let store = Store::open_in_memory().await.unwrap();
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&store.pool)
    .await
    .unwrap();
    for name in &names {
        if NOT_EXPORTED.contains(&name.as_str()) {
            continue;
        }
        let spec = table(name).unwrap_or_else(|| panic!("table {name} is not exported"));
        let info: Vec<(String, String, bool)> = sqlx::query_as(&format!(
            "SELECT name, type, \"notnull\" OR pk > 0 FROM pragma_table_info('{name}') \
             ORDER BY cid"
        ))
        .fetch_all(&store.pool)
        .await
        .unwrap();
        let info: Vec<_> = info
            .into_iter()
            .filter(|(column, ..)| spec.fill.is_none_or(|(f, _)| f != column))
            .collect();
        let ours: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
        let theirs: Vec<&str> = info.iter().map(|(n, ..)| n.as_str()).collect();
        assert_eq!(ours, theirs, "columns of {name}");
        for (column, (_, sql_type, not_null)) in spec.columns.iter().zip(&info) {
            // A primary key holds a value even without NOT NULL.
            assert_eq!(column.nullable, !*not_null, "{name}.{}", column.name);
            let integer = matches!(column.kind, Kind::Int | Kind::Bool);
            assert_eq!(
                integer,
                sql_type == "INTEGER",
                "{name}.{} is {sql_type}",
                column.name
            );
        }
    }
    assert_eq!(names.len(), TABLES.len() + NOT_EXPORTED.len());
}

#[tokio::test]
async fn an_export_restored_into_an_empty_database_is_the_same_data() {
    let store = populated().await;
    let (chunks, counts) = export_all(&store).await;
    for table in TABLES {
        let n = count(&store, table.name).await;
        assert_eq!(counts.get(table.name), n as u64, "{}", table.name);
        if !matches!(
            table.name,
            "agency_aliases" | "task_components" | "warnings" | "warning_events"
        ) {
            assert!(n > 0, "the fixture leaves {} empty", table.name);
        }
    }
    let before = by_table(&chunks);

    let copy = Store::open_in_memory().await.unwrap();
    let restored = restore_into(&copy, chunks).await.unwrap().into_inner();
    assert_eq!(restored, counts);

    let (again, _) = export_all(&copy).await;
    let mut after = by_table(&again);
    // The restore adds its own audit line, and nothing else.
    let (name, audit_rows) = after.last_mut().unwrap();
    assert_eq!(*name, "audit");
    let line = audit_rows.pop().unwrap();
    let audit_table = table("audit").unwrap();
    assert_eq!(
        line[audit_table.column("action").unwrap()],
        Cell::Text("data.restore".into())
    );
    assert_eq!(before, after);

    // Passwords do not travel: the account exists and signs in with none.
    let users = table("users").unwrap();
    let (_, user_rows) = before.iter().find(|(n, _)| *n == "users").unwrap();
    assert_eq!(
        cell_of(user_rows, users, "name"),
        vec![&Cell::Text("sotc.baocao".into())]
    );
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_one(&copy.pool)
        .await
        .unwrap();
    assert_eq!(hash, NO_PASSWORD);
    assert!(!crate::verify_password(&hash, ""));

    // The restored store reads as the first: the corrected report and its author.
    let a = store
        .reports(&crate::ReportFilter::default())
        .await
        .unwrap();
    let b = copy.reports(&crate::ReportFilter::default()).await.unwrap();
    assert_eq!(a.total, b.total);
    assert_eq!(
        serde_json::to_value(&a.items).unwrap(),
        serde_json::to_value(&b.items).unwrap()
    );
}

#[tokio::test]
async fn a_restore_refuses_a_database_that_holds_data() {
    let store = populated().await;
    let (chunks, _) = export_all(&store).await;
    let before = count(&store, "reports").await;
    let err = restore_into(&store, chunks).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Rejected(ref r) if r.code == "database_not_empty" && r.field == "agencies"),
        "{err}"
    );
    assert_eq!(count(&store, "reports").await, before);
}

#[tokio::test]
async fn a_bad_value_or_a_broken_link_names_itself_and_leaves_nothing() {
    let store = populated().await;
    let (chunks, _) = export_all(&store).await;

    // A due date that is no date.
    let mut bad = Vec::new();
    for mut chunk in chunks {
        if chunk.table.name == "periods" {
            let i = chunk.table.column("due_on").unwrap();
            chunk.rows[2][i] = Cell::Text("2025-02-30".into());
        }
        bad.push(chunk);
    }
    let copy = Store::open_in_memory().await.unwrap();
    let err = restore_into(&copy, bad).await.unwrap_err();
    match err {
        StoreError::Rejected(r) => {
            assert_eq!(
                (r.code, r.field.as_str()),
                ("invalid_value", "periods[2].due_on")
            );
            assert!(r.message.contains("2025-02-30"), "{}", r.message);
        }
        other => panic!("{other}"),
    }
    for table in TABLES {
        assert_eq!(count(&copy, table.name).await, 0, "{}", table.name);
    }

    // A revision of a report that is not in the file.
    let (chunks, _) = export_all(&store).await;
    let mut orphan = Vec::new();
    for mut chunk in chunks {
        if chunk.table.name == "report_revisions" {
            let i = chunk.table.column("report_id").unwrap();
            chunk.rows[0][i] = Cell::Int(999_999);
        }
        orphan.push(chunk);
    }
    let err = restore_into(&copy, orphan).await.unwrap_err();
    match err {
        StoreError::Rejected(r) => {
            assert_eq!(r.code, "broken_reference", "{}", r.message);
            assert!(r.message.contains("report_id = 999999"), "{}", r.message);
        }
        other => panic!("{other}"),
    }
    for table in TABLES {
        assert_eq!(count(&copy, table.name).await, 0, "{}", table.name);
    }

    // Two periods under one id.
    let (chunks, _) = export_all(&store).await;
    let mut twice = Vec::new();
    for mut chunk in chunks {
        if chunk.table.name == "periods" {
            let row = chunk.rows[0].clone();
            chunk.rows.insert(1, row);
        }
        twice.push(chunk);
    }
    let err = restore_into(&copy, twice).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Rejected(ref r) if r.code == "row_refused" && r.field == "periods[1]"),
        "{err}"
    );
    assert_eq!(count(&copy, "periods").await, 0);
}

#[tokio::test]
async fn an_input_cut_short_restores_nothing() {
    let store = populated().await;
    let (chunks, _) = export_all(&store).await;
    let copy = Store::open_in_memory().await.unwrap();
    let (tx, rx) = mpsc::channel(4);
    let sending = tokio::spawn(async move {
        for chunk in chunks.into_iter().take(5) {
            tx.send(Feed::Rows(chunk)).await.unwrap();
        }
        // Dropped without the end.
    });
    let schema = copy.schema_version().await.unwrap();
    let err = copy.restore(&Ctx::system(), schema, rx).await.unwrap_err();
    sending.await.unwrap();
    assert!(
        matches!(err, StoreError::Rejected(ref r) if r.code == "input_cut_short"),
        "{err}"
    );
    for table in TABLES {
        assert_eq!(count(&copy, table.name).await, 0, "{}", table.name);
    }
}

#[tokio::test]
async fn text_cells_read_by_kind() {
    let date = c("due_on", Kind::Date);
    assert_eq!(
        date.from_text("2025-09-18"),
        Ok(Cell::Text("2025-09-18".into()))
    );
    assert!(date.check(Cell::Text("18/09/2025".into())).is_err());
    let n = o("agency_id", Kind::Int);
    assert_eq!(n.from_text(""), Ok(Cell::Null));
    assert_eq!(n.from_text("12"), Ok(Cell::Int(12)));
    assert!(c("id", Kind::Int).from_text("").is_err());
    assert!(c("id", Kind::Int).from_text("1,5").is_err());
    assert_eq!(c("late", Kind::Bool).from_text("TRUE"), Ok(Cell::Int(1)));
    // Empty text stays text where a column must hold some.
    assert_eq!(
        c("note", Kind::Text).from_text(""),
        Ok(Cell::Text(String::new()))
    );
    // Decomposed Vietnamese comes back composed.
    let nfd = "Hoa\u{300}";
    assert_eq!(
        c("name", Kind::Text).check(Cell::Text(nfd.into())),
        Ok(Cell::Text("Hoà".into()))
    );
    assert!(
        c("x", Kind::Json)
            .check(Cell::Text("{\"a\":".into()))
            .is_err()
    );
    assert!(
        c("x", Kind::Decimal)
            .check(Cell::Text("12,5".into()))
            .is_err()
    );
}
