//! The whole database as tables of rows, to export and to restore into an
//! empty database: the agency directory, every program version's catalog,
//! assignments, periods, reports with all their revisions, indicator
//! actuals, activations, warnings with their events, the accounts (without
//! their passwords) and the audit trail. Ids are kept, so links, audit lines
//! and report numbers mean the same after a restore.
//!
//! [`TABLES`] names each table and its columns with what kind of value they
//! hold; the format writers (JSON, CSV, XLSX) lay rows out by it and the
//! readers turn text back into values by it. Rows travel through a channel
//! in chunks, so neither side holds the database in memory.
//!
//! Left out: sessions, API tokens and idempotency records (secrets and
//! short-lived state) and the password hashes — a restored account signs in
//! once an operator gives it a new password.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};
use futures_util::TryStreamExt;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::{Row as _, SqliteConnection};
use tokio::sync::mpsc;

use crate::Store;
use crate::batch::{self, Batch};
use crate::ctx::{AuditEntry, Ctx, Outcome, audit};
use crate::error::{Result, StoreError};

/// What a column holds. Everything but `Int` and `Bool` is stored as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An id, a counter, a year.
    Int,
    /// 0 or 1.
    Bool,
    Text,
    /// `YYYY-MM-DD`.
    Date,
    /// RFC 3339 (`2025-09-18T02:00:00.000Z`), kept as written.
    Stamp,
    /// A decimal number as text (`1500000000`, `45.5`), kept as written.
    Decimal,
    /// A JSON document, kept as written.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
}

const fn c(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        nullable: false,
    }
}

/// A column that may be empty (SQL NULL).
const fn o(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        nullable: true,
    }
}

/// One table of an export.
#[derive(Debug, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    /// What it holds, in Vietnamese, for the export's table of contents.
    pub title: &'static str,
    pub columns: &'static [Column],
    /// The order rows are exported in (the primary key).
    order: &'static str,
    /// A column the restore fills with a constant instead of data.
    fill: Option<(&'static str, &'static str)>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

use Kind::{Bool, Date, Decimal as Dec, Int, Json, Stamp, Text};

const fn t(
    name: &'static str,
    title: &'static str,
    order: &'static str,
    columns: &'static [Column],
) -> Table {
    Table {
        name,
        title,
        columns,
        order,
        fill: None,
    }
}

/// A password hash that matches no password: a restored account waits for
/// an operator to give it one.
pub const NO_PASSWORD: &str = "!";

/// Every table of an export, parents before children.
#[rustfmt::skip]
pub static TABLES: &[Table] = &[
    t("agencies", "Cơ quan, đơn vị", "id", &[
        c("id", Int), c("name", Text), c("key", Text), c("created_at", Stamp),
    ]),
    t("agency_aliases", "Tên gọi khác của cơ quan", "id", &[
        c("id", Int), c("alias", Text), c("key", Text), c("agency_id", Int),
        c("created_at", Stamp),
    ]),
    Table {
        fill: Some(("password_hash", NO_PASSWORD)),
        ..t("users", "Tài khoản (không kèm mật khẩu)", "id", &[
            c("id", Int), c("name", Text), c("display_name", Text), c("role", Text),
            o("agency_id", Int), c("money_access", Bool), c("disabled", Bool),
            c("created_at", Stamp),
        ])
    },
    t("programs", "Chương trình", "id", &[
        c("id", Int), c("key", Text), c("title", Text), c("created_at", Stamp),
    ]),
    t("program_versions", "Các phiên bản của chương trình", "id", &[
        c("id", Int), c("program_id", Int), c("version", Int), c("fingerprint", Text),
        c("source_file", Text), c("source_hash", Text), c("imported_at", Stamp),
        c("program_json", Json),
    ]),
    t("sections", "Mục, phần của từng phiên bản", "version_id, ord", &[
        c("version_id", Int), c("ord", Int), c("part", Text), c("number", Text),
        c("title", Text), o("parent", Text),
    ]),
    t("version_agencies", "Cơ quan nêu trong từng phiên bản", "version_id, ord", &[
        c("version_id", Int), c("ord", Int), c("name", Text), o("agency_id", Int),
    ]),
    t("tasks", "Nhiệm vụ", "id", &[
        c("id", Int), c("program_id", Int), c("first_version", Int), c("created_at", Stamp),
    ]),
    t("task_versions", "Nội dung nhiệm vụ theo phiên bản", "version_id, ord", &[
        c("version_id", Int), c("task_id", Int), c("ord", Int), c("part", Text),
        c("section", Text), o("stt", Text), c("kind", Text), c("title", Text),
        c("title_key", Text), o("period_start", Int), o("period_end", Int),
        o("horizon", Int), c("conditions_json", Json), o("lead_agency", Text),
        o("lead_agency_id", Int), c("review_level_json", Json), o("issuing_body", Text),
        o("issuing_body_id", Int), o("deadline", Date), o("deadline_text", Text),
        c("line", Int), o("detail", Text), c("coordinators_json", Json), o("product", Text),
        o("funding", Text),
    ]),
    t("task_components", "Hạng mục của nhiệm vụ", "version_id, task_id, ord", &[
        c("version_id", Int), c("task_id", Int), c("ord", Int), c("name", Text),
        o("quantity", Text), o("unit", Text),
    ]),
    t("indicators", "Chỉ tiêu", "id", &[
        c("id", Int), c("program_id", Int), c("first_version", Int), c("created_at", Stamp),
    ]),
    t("indicator_versions", "Nội dung chỉ tiêu theo phiên bản", "version_id, ord", &[
        c("version_id", Int), c("indicator_id", Int), c("ord", Int), c("section", Text),
        c("name", Text), c("name_key", Text), c("comparator", Text), c("value", Dec),
        o("value_max", Dec), c("unit", Text), o("year", Int), o("base_year", Int),
        c("source", Text), c("line", Int), o("task_ord", Int),
    ]),
    t("assignments", "Giao nhiệm vụ", "task_id", &[
        c("task_id", Int), o("lead_agency_id", Int), o("start_on", Date), o("deadline", Date),
        o("budget", Dec), c("status", Text), o("finished_on", Date), c("revision", Int),
        c("updated_at", Stamp),
    ]),
    t("assignment_coordinators", "Cơ quan phối hợp", "task_id, agency_id", &[
        c("task_id", Int), c("agency_id", Int),
    ]),
    t("milestones", "Mốc tiến độ", "task_id, ord", &[
        c("task_id", Int), c("ord", Int), c("date", Date), c("planned_percent", Dec),
    ]),
    t("program_regimes", "Chế độ báo cáo", "program_id", &[
        c("program_id", Int), c("regime_json", Json), c("updated_at", Stamp),
    ]),
    t("periods", "Kỳ báo cáo", "id", &[
        c("id", Int), c("program_id", Int), c("kind", Text), c("year", Int), c("seq", Int),
        c("label", Text), c("window_start", Date), c("window_end", Date), c("opens_on", Date),
        c("due_on", Date), c("closes_on", Date), c("estimate", Bool), c("created_at", Stamp),
    ]),
    t("reports", "Báo cáo", "id", &[
        c("id", Int), c("task_id", Int), c("period_id", Int), c("agency_id", Int),
        c("latest_revision", Int), c("first_submitted_at", Stamp), c("late", Bool),
    ]),
    t("report_revisions", "Các lần gửi, điều chỉnh báo cáo", "report_id, revision", &[
        c("report_id", Int), c("revision", Int), c("status", Text), c("percent", Dec),
        c("done", Text), c("obstacles", Text), c("proposals", Text),
        o("money_required", Dec), o("money_allocated", Dec), o("money_disbursed", Dec),
        c("evidence_json", Json), c("estimate", Bool), c("submitted_at", Stamp),
        c("late", Bool), o("author_id", Int), o("request_id", Text),
    ]),
    t("indicator_actuals", "Số liệu thực hiện chỉ tiêu", "id", &[
        c("id", Int), c("indicator_id", Int), c("period_id", Int), c("agency_id", Int),
        c("area", Text), c("value", Dec), c("source", Text), c("note", Text),
        c("estimate", Bool), c("recorded_at", Stamp), o("author_id", Int),
    ]),
    t("task_activations", "Kích hoạt nhiệm vụ có điều kiện", "task_id", &[
        c("task_id", Int), c("activated_on", Date), o("actor_id", Int), c("note", Text),
        c("at", Stamp),
    ]),
    t("warnings", "Cảnh báo", "id", &[
        c("id", Int), c("rule", Text), c("subject_kind", Text), c("subject_id", Int),
        c("program_id", Int), o("agency_id", Int), c("section", Text), c("severity", Text),
        c("state", Text), c("message", Text), c("facts_json", Json), c("as_of", Date),
        c("raised_at", Stamp), c("updated_at", Stamp), o("acknowledged_at", Stamp),
        o("acknowledged_by", Int), o("ack_note", Text), o("resolved_at", Stamp),
    ]),
    t("warning_events", "Diễn biến của cảnh báo", "id", &[
        c("id", Int), c("warning_id", Int), c("at", Stamp), c("kind", Text),
        c("severity", Text), c("message", Text), o("actor_id", Int), o("note", Text),
    ]),
    t("audit", "Nhật ký thay đổi", "id", &[
        c("id", Int), c("at", Stamp), o("actor_id", Int), c("actor_name", Text),
        o("request_id", Text), c("action", Text), c("subject_kind", Text),
        o("subject_id", Int), o("task_id", Int), o("before_json", Json), o("after_json", Json),
    ]),
];

/// Tables of the database an export leaves out on purpose.
pub const NOT_EXPORTED: &[&str] = &["sessions", "api_tokens", "idempotency"];

/// The table named `name`.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Null,
    Int(i64),
    Text(String),
}

impl Cell {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// Rows of one table, in the order of its columns.
#[derive(Debug)]
pub struct Rows {
    pub table: &'static Table,
    pub rows: Vec<Vec<Cell>>,
}

/// What a restore reads: rows, then the word that the input is whole. An
/// input that stops without [`Feed::End`] (its reader failed half-way) is
/// rolled back.
#[derive(Debug)]
pub enum Feed {
    Rows(Rows),
    End,
}

/// Rows per chunk on the channel.
pub const CHUNK: usize = batch::ROWS;

/// How many rows of each table, in the order of [`TABLES`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DumpCounts {
    pub tables: Vec<(String, u64)>,
}

impl DumpCounts {
    pub fn get(&self, table: &str) -> u64 {
        self.tables
            .iter()
            .find(|(t, _)| t == table)
            .map_or(0, |(_, n)| *n)
    }

    pub fn total(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

impl Column {
    /// The value a text cell (CSV, a spreadsheet's text) stands for: empty
    /// is NULL in a column that may be empty and empty text otherwise;
    /// numbers are read for `Int` and `Bool`. The text is checked by
    /// [`Column::check`] when restored, not here.
    pub fn from_text(&self, text: &str) -> Result<Cell, String> {
        if text.is_empty() && (self.nullable || matches!(self.kind, Kind::Int | Kind::Bool)) {
            return if self.nullable {
                Ok(Cell::Null)
            } else {
                Err("ô trống nhưng cột này bắt buộc có giá trị".into())
            };
        }
        match self.kind {
            Kind::Int => text
                .trim()
                .parse()
                .map(Cell::Int)
                .map_err(|_| format!("“{}” không phải số nguyên", short(text))),
            Kind::Bool => match text.trim() {
                "0" | "false" | "FALSE" => Ok(Cell::Int(0)),
                "1" | "true" | "TRUE" => Ok(Cell::Int(1)),
                other => Err(format!("“{}” không phải 0 hoặc 1", short(other))),
            },
            _ => Ok(Cell::Text(text.to_string())),
        }
    }

    /// Checks a value against the column: NULL only where allowed, a number
    /// where a number belongs, and text that reads as the column's kind.
    /// Text is brought to NFC. The message says what is wrong, in Vietnamese.
    pub fn check(&self, cell: Cell) -> Result<Cell, String> {
        match (&cell, self.kind) {
            (Cell::Null, _) if self.nullable => Ok(cell),
            (Cell::Null, _) => Err("thiếu giá trị bắt buộc".into()),
            (Cell::Int(_), Kind::Int) => Ok(cell),
            (Cell::Int(0 | 1), Kind::Bool) => Ok(cell),
            (Cell::Int(n), Kind::Bool) => Err(format!("{n} không phải 0 hoặc 1")),
            (Cell::Int(n), _) => Err(format!("cần văn bản, gặp số {n}")),
            (Cell::Text(s), Kind::Int | Kind::Bool) => self.from_text(s),
            (Cell::Text(s), Kind::Text) => Ok(Cell::Text(tiendo_core::vn::nfc(s))),
            (Cell::Text(s), Kind::Date) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(|_| cell.clone())
                .map_err(|_| format!("“{}” không phải ngày dạng NNNN-TT-NN", short(s))),
            (Cell::Text(s), Kind::Stamp) => DateTime::parse_from_rfc3339(s)
                .map(|_| cell.clone())
                .map_err(|_| format!("“{}” không phải thời điểm RFC 3339", short(s))),
            (Cell::Text(s), Kind::Decimal) => s
                .parse::<Decimal>()
                .map(|_| cell.clone())
                .map_err(|_| format!("“{}” không phải số thập phân", short(s))),
            (Cell::Text(s), Kind::Json) => serde_json::from_str::<serde::de::IgnoredAny>(s)
                .map(|_| cell.clone())
                .map_err(|e| format!("JSON không đọc được: {e}")),
        }
    }
}

fn short(s: &str) -> String {
    if s.chars().count() > 40 {
        let head: String = s.chars().take(40).collect();
        format!("{head}…")
    } else {
        s.to_string()
    }
}

impl Store {
    /// The number of the last migration applied: an export says which
    /// schema its rows follow, and a restore takes only its own.
    pub async fn schema_version(&self) -> Result<i64> {
        let version: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
                .fetch_one(&self.pool)
                .await?;
        version.ok_or_else(|| StoreError::Corrupt("no migration recorded".into()))
    }

    /// Sends every table's rows to `out`, in the order of [`TABLES`], as one
    /// consistent snapshot (one read transaction: writes that land meanwhile
    /// are not half in it). Operators only. Stops early, without error, if
    /// the receiver goes away.
    pub async fn export(&self, ctx: &Ctx, out: mpsc::Sender<Rows>) -> Result<DumpCounts> {
        ctx.require_operator("xuất toàn bộ dữ liệu")?;
        let mut tx = self.pool.begin().await?;
        let mut counts = DumpCounts::default();
        for table in TABLES {
            let n = export_table(&mut tx, table, &out).await?;
            counts.tables.push((table.name.to_string(), n));
            if out.is_closed() {
                break;
            }
        }
        tx.commit().await?;
        Ok(counts)
    }

    /// Restores an export into this database, which must hold no data, in
    /// one transaction: every row or none, and none unless the input ends with
    /// [`Feed::End`]. Rows may come in any order of
    /// tables; references are checked once all are in, and the first broken
    /// one is named. A refused row is named by table, position and column
    /// (`periods[14].due_on`). Operators only; one audit line records it.
    pub async fn restore(
        &self,
        ctx: &Ctx,
        schema: i64,
        input: mpsc::Receiver<Feed>,
    ) -> Result<Outcome<DumpCounts>> {
        ctx.require_operator("khôi phục dữ liệu")?;
        let ours = self.schema_version().await?;
        if schema != ours {
            return Err(StoreError::rejected(
                "schema_mismatch",
                "schema",
                format!(
                    "Tệp xuất theo cấu trúc dữ liệu số {schema}, phiên bản này dùng số {ours}: \
                     hãy khôi phục bằng phiên bản Tiến Độ đã xuất tệp."
                ),
            ));
        }
        let ctx2 = ctx.clone();
        self.write(ctx, move |conn| {
            Box::pin(async move { restore(conn, &ctx2, input).await })
        })
        .await
    }
}

async fn export_table(
    conn: &mut SqliteConnection,
    table: &'static Table,
    out: &mpsc::Sender<Rows>,
) -> Result<u64> {
    let names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        names.join(", "),
        table.name,
        table.order
    );
    let mut rows = sqlx::query(&sql).fetch(&mut *conn);
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut n = 0u64;
    while let Some(row) = rows.try_next().await? {
        let mut values = Vec::with_capacity(table.columns.len());
        for (i, column) in table.columns.iter().enumerate() {
            let value = match column.kind {
                Kind::Int | Kind::Bool => row
                    .try_get::<Option<i64>, _>(i)?
                    .map_or(Cell::Null, Cell::Int),
                _ => row
                    .try_get::<Option<String>, _>(i)?
                    .map_or(Cell::Null, Cell::Text),
            };
            values.push(value);
        }
        chunk.push(values);
        n += 1;
        if chunk.len() == CHUNK {
            let rows = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
            if out.send(Rows { table, rows }).await.is_err() {
                return Ok(n);
            }
        }
    }
    if !chunk.is_empty() {
        let _ = out.send(Rows { table, rows: chunk }).await;
    }
    Ok(n)
}

/// A table's INSERT while a restore runs.
struct Loading {
    batch: Batch,
    /// Rows received so far, to name a refused one.
    seen: u64,
    /// The rows of the waiting batch, kept to find which one SQLite refuses.
    waiting: Vec<Vec<Cell>>,
}

async fn restore(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    mut input: mpsc::Receiver<Feed>,
) -> Result<DumpCounts> {
    for table in TABLES {
        let any: bool =
            sqlx::query_scalar(&format!("SELECT EXISTS (SELECT 1 FROM {})", table.name))
                .fetch_one(&mut *conn)
                .await?;
        if any {
            return Err(StoreError::rejected(
                "database_not_empty",
                table.name,
                format!(
                    "Cơ sở dữ liệu đích đã có dữ liệu (bảng {}): chỉ khôi phục vào một cơ sở \
                     dữ liệu trống.",
                    table.name
                ),
            ));
        }
    }
    // References are checked at the end, so tables may come in any order.
    sqlx::query("PRAGMA defer_foreign_keys = ON")
        .execute(&mut *conn)
        .await?;
    let mut loading: HashMap<&'static str, Loading> = HashMap::new();
    loop {
        let Rows { table, rows } = match input.recv().await {
            Some(Feed::Rows(rows)) => rows,
            Some(Feed::End) => break,
            None => {
                return Err(StoreError::rejected(
                    "input_cut_short",
                    "",
                    "Tệp dừng giữa chừng: không khôi phục gì.",
                ));
            }
        };
        let slot = loading
            .entry(table.name)
            .or_insert_with(|| Loading::new(table));
        for row in rows {
            let at = slot.seen;
            slot.seen += 1;
            if row.len() != table.columns.len() {
                return Err(StoreError::rejected(
                    "wrong_width",
                    format!("{}[{at}]", table.name),
                    format!(
                        "Dòng có {} giá trị, bảng {} có {} cột.",
                        row.len(),
                        table.name,
                        table.columns.len()
                    ),
                ));
            }
            let mut checked = Vec::with_capacity(row.len());
            for (cell, column) in row.into_iter().zip(table.columns) {
                let cell = column.check(cell).map_err(|why| {
                    StoreError::rejected(
                        "invalid_value",
                        format!("{}[{at}].{}", table.name, column.name),
                        format!(
                            "Bảng {}, dòng {}, cột {}: {why}.",
                            table.name,
                            at + 1,
                            column.name
                        ),
                    )
                })?;
                checked.push(cell);
            }
            slot.push(checked);
            if slot.batch.is_full() {
                slot.flush(conn, table).await?;
            }
        }
    }
    let mut counts = DumpCounts::default();
    for table in TABLES {
        let n = match loading.get_mut(table.name) {
            Some(slot) => {
                slot.flush(conn, table).await?;
                slot.seen
            }
            None => 0,
        };
        counts.tables.push((table.name.to_string(), n));
    }
    check_references(conn).await?;
    check_revisions(conn).await?;
    audit(
        conn,
        ctx,
        AuditEntry {
            action: "data.restore",
            subject_kind: "database",
            subject_id: None,
            task_id: None,
            before: None,
            after: Some(serde_json::json!({ "rows": counts.total(), "tables": counts.tables })),
        },
    )
    .await?;
    Ok(counts)
}

impl Loading {
    fn new(table: &'static Table) -> Loading {
        let mut names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        let mut params = vec!["?"; names.len()];
        let quoted;
        if let Some((column, value)) = table.fill {
            names.push(column);
            quoted = format!("'{value}'");
            params.push(&quoted);
        }
        Loading {
            batch: Batch::new(
                format!("INSERT INTO {} ({}) VALUES ", table.name, names.join(", ")),
                format!("({})", params.join(", ")),
                "",
                table.columns.len(),
            ),
            seen: 0,
            waiting: Vec::with_capacity(CHUNK),
        }
    }

    fn push(&mut self, row: Vec<Cell>) {
        self.batch.push_values(row.iter().map(value));
        self.waiting.push(row);
    }

    /// Sends the waiting rows; when SQLite refuses them, sends them again
    /// one by one to name the row it refuses.
    async fn flush(&mut self, conn: &mut SqliteConnection, table: &Table) -> Result<()> {
        let rows = std::mem::take(&mut self.waiting);
        match self.batch.flush(conn).await {
            Ok(_) => Ok(()),
            Err(StoreError::Database(first)) => {
                self.batch.clear();
                let start = self.seen - rows.len() as u64;
                for (i, row) in rows.into_iter().enumerate() {
                    self.batch.push_values(row.iter().map(value));
                    if let Err(e) = self.batch.flush(conn).await {
                        let at = start + i as u64;
                        let why = match e {
                            StoreError::Database(e) => constraint(&e),
                            other => other.to_string(),
                        };
                        return Err(StoreError::rejected(
                            "row_refused",
                            format!("{}[{at}]", table.name),
                            format!("Bảng {}, dòng {}: {why}.", table.name, at + 1),
                        ));
                    }
                }
                Err(StoreError::Database(first))
            }
            Err(other) => Err(other),
        }
    }
}

fn value(cell: &Cell) -> batch::Value {
    match cell {
        Cell::Null => batch::Value::Text(None),
        Cell::Int(n) => batch::Value::Int(Some(*n)),
        Cell::Text(s) => batch::Value::Text(Some(s.clone())),
    }
}

/// SQLite's reason for refusing a row, in Vietnamese where it is one of ours.
fn constraint(e: &sqlx::Error) -> String {
    let message = e
        .as_database_error()
        .map_or_else(|| e.to_string(), |d| d.message().to_string());
    if let Some(rest) = message.strip_prefix("UNIQUE constraint failed: ") {
        format!("trùng khóa với một dòng trước ({rest})")
    } else if message.starts_with("CHECK constraint failed") {
        format!("giá trị trái quy tắc của bảng ({message})")
    } else if message.starts_with("NOT NULL constraint failed") {
        format!("thiếu giá trị bắt buộc ({message})")
    } else {
        message
    }
}

/// Every reference points at a row that exists; names the first that does not.
async fn check_references(conn: &mut SqliteConnection) -> Result<()> {
    let broken: Option<(String, i64, String, i64)> = sqlx::query_as("PRAGMA foreign_key_check")
        .fetch_optional(&mut *conn)
        .await?;
    let Some((table, rowid, parent, fk)) = broken else {
        return Ok(());
    };
    // Which column, and what it holds.
    let links: Vec<(i64, i64, String, String, String)> = sqlx::query_as(&format!(
        "SELECT id, seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('{table}')"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let columns: Vec<&str> = links
        .iter()
        .filter(|l| l.0 == fk)
        .map(|l| l.3.as_str())
        .collect();
    let shown: Option<String> = sqlx::query_scalar(&format!(
        "SELECT {} FROM {table} WHERE rowid = ?",
        columns
            .iter()
            .map(|c| format!("'{c} = ' || quote({c})"))
            .collect::<Vec<_>>()
            .join(" || ', ' || ")
    ))
    .bind(rowid)
    .fetch_optional(&mut *conn)
    .await?;
    Err(StoreError::rejected(
        "broken_reference",
        table.clone(),
        format!(
            "Bảng {table}: dòng có {} trỏ tới bảng {parent} nhưng bảng đó không có dòng này.",
            shown.unwrap_or_else(|| columns.join(", "))
        ),
    ))
}

/// Each report has its revisions 1..latest, no more, no fewer.
async fn check_revisions(conn: &mut SqliteConnection) -> Result<()> {
    let off: Option<(i64, i64, i64)> = sqlx::query_as(
        "SELECT r.id, r.latest_revision, COUNT(v.revision) FROM reports r \
         LEFT JOIN report_revisions v ON v.report_id = r.id \
         GROUP BY r.id HAVING COUNT(v.revision) <> r.latest_revision \
         OR MAX(v.revision) <> r.latest_revision LIMIT 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    match off {
        None => Ok(()),
        Some((id, latest, found)) => Err(StoreError::rejected(
            "revisions_incomplete",
            "report_revisions",
            format!(
                "Báo cáo số {id} ghi lần điều chỉnh cuối là {latest} nhưng tệp có {found} lần."
            ),
        )),
    }
}

#[cfg(test)]
mod tests;
