//! Loading a program's whole running history at once — assignments,
//! milestones, activations of conditional tasks, reporting periods, reports
//! with their first revision, the assignments' statuses that follow from
//! them, and indicator actuals — in one job of the writer: all of it or
//! nothing. Made for synthetic provinces (`tiendo gen`) and migrations;
//! the everyday paths (`assign`, `submit_report`, `record_actual`) stay the
//! one-at-a-time way in.
//!
//! The input names tasks, agencies and indicators by their position in the
//! program's latest catalog (`catalog.tasks[i]`, `catalog.agencies[i]`,
//! `catalog.indicators[i]`), so a caller that just imported a catalog can
//! describe its history without knowing a single id. The same rules apply
//! as one at a time (assignments and reports are validated, lateness is
//! the period's due date against the filing date in Vietnam, the lead
//! agency's report sets the task's status); but one audit line says what
//! was loaded instead of one per row.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use tiendo_core::schedule::{self, PeriodKind, PeriodSpec};
use tiendo_core::{Milestone, Rejection, ReportBody, TaskStatus};

use crate::ctx::{AuditEntry, Ctx, Outcome, audit};
use crate::error::{Result, StoreError};
use crate::model::ProgramId;
use crate::periods::MAX_GENERATE_YEARS;
use crate::{Store, now_text};

mod assign;
mod reports;

/// One task's assignment in a history.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryTask {
    /// Position of the task in the program's latest catalog.
    pub task: u32,
    /// Positions in the catalog's agency list.
    pub lead: Option<u32>,
    pub coordinators: Vec<u32>,
    pub start: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub milestones: Vec<Milestone>,
    /// Planned budget in đồng.
    pub budget: Option<Decimal>,
    /// For a conditional task: the day an operator switched it on.
    pub activated_on: Option<NaiveDate>,
}

/// One report in a history: its first and only revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryReport {
    /// Position of the task in the program's latest catalog.
    pub task: u32,
    /// Position of the reporting agency in the catalog's agency list.
    pub agency: u32,
    pub period: PeriodSpec,
    pub submitted_at: DateTime<Utc>,
    pub body: ReportBody,
}

/// An indicator's value for one period, for the whole province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryActual {
    /// Position of the indicator in the program's latest catalog.
    pub indicator: u32,
    pub period: PeriodSpec,
    pub value: Decimal,
    pub estimate: bool,
    pub source: String,
    pub recorded_at: DateTime<Utc>,
}

/// A program's history, to load in one go.
pub struct History {
    pub program: ProgramId,
    /// The periods of the program's regime whose data window ends between
    /// these two days are created (those that exist are kept).
    pub periods: (NaiveDate, NaiveDate),
    pub tasks: Box<dyn Iterator<Item = HistoryTask> + Send>,
    /// Sorted by task and then by the period's data window; read once, so
    /// ten million reports need not sit in memory together.
    pub reports: Box<dyn Iterator<Item = HistoryReport> + Send>,
    pub actuals: Vec<HistoryActual>,
    /// Where the history comes from, for the audit trail and activations.
    pub note: String,
}

/// What a load wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HistoryCounts {
    /// Periods created (periods that already existed are not counted).
    pub periods: u64,
    pub assignments: u64,
    pub milestones: u64,
    pub activations: u64,
    pub reports: u64,
    pub late_reports: u64,
    /// Assignments whose status the lead agency's reports moved.
    pub statuses_changed: u64,
    pub actuals: u64,
}

/// A period as the loader needs it.
#[derive(Clone, Copy)]
struct PeriodSlot {
    id: i64,
    opens_on: NaiveDate,
    due_on: NaiveDate,
    window_end: NaiveDate,
}

/// A loaded task's assignment while its reports go by.
struct TaskState {
    id: i64,
    lead: Option<i64>,
    coordinators: Vec<i64>,
    status: TaskStatus,
    finished_on: Option<NaiveDate>,
    changes: i64,
}

/// Names the item a refusal is about: `reports[41].percent`.
fn in_item(e: StoreError, list: &str, i: usize) -> StoreError {
    match e {
        StoreError::Rejected(r) => StoreError::Rejected(Rejection {
            field: if r.field.is_empty() {
                format!("{list}[{i}]")
            } else {
                format!("{list}[{i}].{}", r.field)
            },
            ..r
        }),
        other => other,
    }
}

fn rejected(code: &'static str, field: &str, message: String) -> StoreError {
    StoreError::rejected(code, field, message)
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn day(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("bad date {text:?} in periods")))
}

impl Store {
    /// Loads a program's history in one transaction (operators only). A
    /// refused item names itself (`reports[41].percent`) and nothing is
    /// written.
    pub async fn load_history(
        &self,
        ctx: &Ctx,
        history: History,
    ) -> Result<Outcome<HistoryCounts>> {
        ctx.require_operator("nạp lịch sử thực hiện")?;
        let (from, to) = history.periods;
        if to < from {
            return Err(rejected(
                "invalid_range",
                "periods",
                "Ngày kết thúc phải sau ngày bắt đầu.".into(),
            ));
        }
        if (to - from).num_days() > MAX_GENERATE_YEARS * 366 {
            return Err(rejected(
                "range_too_long",
                "periods",
                format!("Mỗi lần chỉ tạo kỳ báo cáo cho tối đa {MAX_GENERATE_YEARS} năm."),
            ));
        }
        // The regime as the period generator reads it; checks the program.
        let specs = self
            .regime(history.program)
            .await?
            .periods_between(from, to);
        let ctx2 = ctx.clone();
        self.write(ctx, move |conn| {
            Box::pin(async move { load(conn, &ctx2, history, specs).await })
        })
        .await
    }
}

async fn load(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    history: History,
    specs: Vec<(PeriodSpec, schedule::PeriodDates)>,
) -> Result<HistoryCounts> {
    let program = history.program;
    let mut counts = HistoryCounts::default();
    let catalog = Positions::read(conn, program).await?;
    counts.periods = create_periods(conn, program, &specs).await?;
    let periods = program_periods(conn, program).await?;
    let now = now_text();

    let mut tasks = assign::assign(
        conn,
        ctx,
        &catalog,
        history.tasks,
        &history.note,
        &now,
        &mut counts,
    )
    .await?;
    reports::file_reports(
        conn,
        ctx,
        &catalog,
        &periods,
        &mut tasks,
        history.reports,
        &mut counts,
    )
    .await?;
    reports::follow_statuses(conn, &tasks, &now, &mut counts).await?;
    record_actuals(conn, ctx, &catalog, &periods, &history.actuals, &mut counts).await?;

    audit(
        conn,
        ctx,
        AuditEntry {
            action: "history.load",
            subject_kind: "program",
            subject_id: Some(program.0),
            task_id: None,
            before: None,
            after: Some(serde_json::json!({ "note": history.note, "counts": counts })),
        },
    )
    .await?;
    Ok(counts)
}

/// The ids behind the positions of the program's latest catalog.
struct Positions {
    tasks: Vec<i64>,
    agencies: Vec<Option<i64>>,
    indicators: Vec<i64>,
}

impl Positions {
    async fn read(conn: &mut SqliteConnection, program: ProgramId) -> Result<Positions> {
        let version: i64 = sqlx::query_scalar(
            "SELECT id FROM program_versions WHERE program_id = ? ORDER BY version DESC LIMIT 1",
        )
        .bind(program.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("chương trình #{program}")))?;
        let tasks = sqlx::query_scalar(
            "SELECT task_id FROM task_versions WHERE version_id = ? ORDER BY ord",
        )
        .bind(version)
        .fetch_all(&mut *conn)
        .await?;
        let agencies = sqlx::query_scalar(
            "SELECT agency_id FROM version_agencies WHERE version_id = ? ORDER BY ord",
        )
        .bind(version)
        .fetch_all(&mut *conn)
        .await?;
        let indicators = sqlx::query_scalar(
            "SELECT indicator_id FROM indicator_versions WHERE version_id = ? ORDER BY ord",
        )
        .bind(version)
        .fetch_all(&mut *conn)
        .await?;
        Ok(Positions {
            tasks,
            agencies,
            indicators,
        })
    }

    fn agency(&self, pos: u32, field: &str) -> Result<i64> {
        self.agencies
            .get(pos as usize)
            .copied()
            .flatten()
            .ok_or_else(|| {
                rejected(
                    "unknown_agency",
                    field,
                    format!("Danh mục không có cơ quan thứ {pos}."),
                )
            })
    }
}

async fn record_actuals(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    catalog: &Positions,
    periods: &HashMap<PeriodKey, PeriodSlot>,
    actuals: &[HistoryActual],
    counts: &mut HistoryCounts,
) -> Result<()> {
    for (i, a) in actuals.iter().enumerate() {
        let indicator = *catalog
            .indicators
            .get(a.indicator as usize)
            .ok_or_else(|| {
                in_item(
                    rejected(
                        "unknown_indicator",
                        "indicator",
                        format!("Danh mục không có chỉ tiêu thứ {}.", a.indicator),
                    ),
                    "actuals",
                    i,
                )
            })?;
        let period = periods
            .get(&(a.period.kind, a.period.year, a.period.seq))
            .ok_or_else(|| {
                in_item(
                    rejected(
                        "unknown_period",
                        "period",
                        format!("Chương trình không có kỳ báo cáo {}.", a.period.label_vi()),
                    ),
                    "actuals",
                    i,
                )
            })?;
        let source = tiendo_core::vn::nfc(a.source.trim());
        sqlx::query(
            "INSERT INTO indicator_actuals (indicator_id, period_id, agency_id, area, value, \
             source, note, estimate, recorded_at, author_id) VALUES (?, ?, 0, '', ?, ?, '', ?, ?, ?) \
             ON CONFLICT (indicator_id, period_id, agency_id, area) DO UPDATE SET \
             value = excluded.value, source = excluded.source, estimate = excluded.estimate, \
             recorded_at = excluded.recorded_at, author_id = excluded.author_id",
        )
        .bind(indicator)
        .bind(period.id)
        .bind(a.value.normalize().to_string())
        .bind(&source)
        .bind(a.estimate)
        .bind(a.recorded_at.to_rfc3339_opts(SecondsFormat::Secs, true))
        .bind(ctx.user_id())
        .execute(&mut *conn)
        .await?;
        counts.actuals += 1;
    }
    Ok(())
}

/// Creates the periods of `specs` that do not exist yet; returns how many.
async fn create_periods(
    conn: &mut SqliteConnection,
    program: ProgramId,
    specs: &[(PeriodSpec, schedule::PeriodDates)],
) -> Result<u64> {
    let now = now_text();
    let mut created = 0;
    for (spec, dates) in specs {
        let done = sqlx::query(
            "INSERT INTO periods (program_id, kind, year, seq, label, window_start, window_end, \
             opens_on, due_on, closes_on, estimate, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (program_id, kind, year, seq) DO NOTHING",
        )
        .bind(program.0)
        .bind(spec.kind.code())
        .bind(spec.year)
        .bind(i64::from(spec.seq))
        .bind(spec.label_vi())
        .bind(dates.window_start.to_string())
        .bind(dates.window_end.to_string())
        .bind(dates.opens_on.to_string())
        .bind(dates.due_on.to_string())
        .bind(dates.closes_on.to_string())
        .bind(dates.estimate)
        .bind(&now)
        .execute(&mut *conn)
        .await?;
        created += done.rows_affected();
    }
    Ok(created)
}

type PeriodKey = (PeriodKind, i32, u8);

/// Every period of the program, by kind, year and sequence.
async fn program_periods(
    conn: &mut SqliteConnection,
    program: ProgramId,
) -> Result<HashMap<PeriodKey, PeriodSlot>> {
    let rows: Vec<(i64, String, i64, i64, String, String, String)> = sqlx::query_as(
        "SELECT id, kind, year, seq, opens_on, due_on, window_end FROM periods \
         WHERE program_id = ?",
    )
    .bind(program.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for (id, kind, year, seq, opens_on, due_on, window_end) in rows {
        let kind = PeriodKind::from_code(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown period kind {kind}")))?;
        let (Ok(year), Ok(seq)) = (i32::try_from(year), u8::try_from(seq)) else {
            return Err(StoreError::Corrupt(format!("period {id}: year or seq")));
        };
        out.insert(
            (kind, year, seq),
            PeriodSlot {
                id,
                opens_on: day(&opens_on)?,
                due_on: day(&due_on)?,
                window_end: day(&window_end)?,
            },
        );
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests;
