//! What the engine reads, loaded from the database: every program's
//! reporting calendar, every task's schedule and lead-agency reports, every
//! indicator's target and province-wide actuals, and the warnings left open.
//! The whole load is a few streaming queries grouped in memory, never a
//! query per task; the single loads serve incremental re-checks.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Row, Sqlite, SqliteConnection};
use tiendo_core::schedule::{PeriodKind, local_date};
use tiendo_core::warning::{
    ActualPoint, Calendar, IndicatorInput, MoneyPoint, ReportPeriod, ReportPoint, Subject,
    TaskInput, Warning,
};
use tiendo_core::{Comparator, Milestone, Money, Target, TaskStatus};

use super::{day, facts, instant, rule, severity, subject};
use crate::Store;
use crate::error::{Result, StoreError};
use crate::model::TaskId;

/// A program's reporting calendar, with the key thresholds are chosen by.
#[derive(Debug, Clone)]
pub struct ProgramCalendar {
    pub id: i64,
    pub key: String,
    pub calendar: Calendar,
}

/// Everything the engine needs to start.
#[derive(Debug, Clone, Default)]
pub struct EngineLoad {
    pub programs: Vec<ProgramCalendar>,
    pub tasks: Vec<TaskInput>,
    pub indicators: Vec<IndicatorInput>,
    /// Every warning not resolved, as the engine produced it.
    pub open: Vec<(Subject, Warning)>,
}

/// A stored period as a report sees it: the end of its data window, and
/// its place in its program's calendar when it is one of the regular ones.
#[derive(Debug, Clone, Copy)]
struct Slot {
    window_end: NaiveDate,
    index: Option<u32>,
}

/// The calendars of some programs and where each of their periods sits.
#[derive(Default)]
struct Periods {
    calendars: HashMap<i64, Calendar>,
    slots: HashMap<i64, Slot>,
}

/// How fine a regular kind is (monthly 0 … yearly 4); extra periods are
/// not regular.
fn fineness(kind: PeriodKind) -> Option<usize> {
    (kind != PeriodKind::Extra)
        .then(|| PeriodKind::ALL.iter().position(|k| *k == kind))
        .flatten()
}

/// `Tháng 9/2025` → `tháng 9/2025`, to sit inside a sentence.
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The periods of one program (or of all), as calendars and slots.
async fn load_periods(conn: &mut SqliteConnection, program: Option<i64>) -> Result<Periods> {
    let mut sql =
        String::from("SELECT id, program_id, kind, label, window_end, due_on FROM periods");
    if program.is_some() {
        sql.push_str(" WHERE program_id = ?");
    }
    let mut query = sqlx::query(&sql);
    if let Some(p) = program {
        query = query.bind(p);
    }
    // Per program: the finest regular kind seen, and its periods.
    let mut finest: HashMap<i64, (usize, Vec<(i64, ReportPeriod)>)> = HashMap::new();
    let mut window_ends: Vec<(i64, i64, NaiveDate)> = Vec::new();
    for_each_row(conn, query, |row| {
        let id: i64 = row.try_get(0)?;
        let program: i64 = row.try_get(1)?;
        let kind: &str = row.try_get(2)?;
        let kind = PeriodKind::from_code(kind)
            .ok_or_else(|| StoreError::Corrupt(format!("period kind {kind:?}")))?;
        let window_end = day(row.try_get(4)?, "period window_end")?;
        window_ends.push((id, program, window_end));
        let Some(rank) = fineness(kind) else {
            return Ok(());
        };
        let period = ReportPeriod {
            window_end,
            due_on: day(row.try_get(5)?, "period due_on")?,
            label: lower_first(row.try_get(3)?),
        };
        let entry = finest.entry(program).or_insert((rank, Vec::new()));
        if rank < entry.0 {
            *entry = (rank, Vec::new());
        }
        if rank == entry.0 {
            entry.1.push((id, period));
        }
        Ok(())
    })
    .await?;
    let calendars: HashMap<i64, Calendar> = finest
        .into_iter()
        .map(|(program, (_, periods))| (program, Calendar::new(periods)))
        .collect();
    let slots = window_ends
        .into_iter()
        .map(|(id, program, window_end)| {
            let index = calendars.get(&program).and_then(|c| c.index_of(id));
            (id, Slot { window_end, index })
        })
        .collect();
    Ok(Periods { calendars, slots })
}

/// The task columns: the latest version's text, the assignment and the
/// activation. `current` is false for a task its program's latest version
/// no longer contains.
const TASK_SQL: &str = "SELECT t.id, t.program_id, tv.deadline, \
     COALESCE(json_array_length(tv.conditions_json), 0) > 0 AS conditional, \
     tv.version_id = (SELECT MAX(pv.id) FROM program_versions pv \
                      WHERE pv.program_id = t.program_id) AS current, \
     a.task_id IS NOT NULL AS assigned, a.status, a.start_on, a.deadline AS assigned_deadline, \
     ta.activated_on \
     FROM tasks t \
     JOIN task_versions tv ON tv.task_id = t.id \
       AND tv.version_id = (SELECT MAX(x.version_id) FROM task_versions x WHERE x.task_id = t.id) \
     LEFT JOIN assignments a ON a.task_id = t.id \
     LEFT JOIN task_activations ta ON ta.task_id = t.id";

fn optional_day(row: &SqliteRow, i: usize, what: &str) -> Result<Option<NaiveDate>> {
    row.try_get::<Option<&str>, _>(i)?
        .map(|t| day(t, what))
        .transpose()
}

fn status(code: &str) -> Result<TaskStatus> {
    TaskStatus::from_code(code).ok_or_else(|| StoreError::Corrupt(format!("task status {code:?}")))
}

fn decimal(text: &str, what: &str) -> Result<Decimal> {
    Decimal::from_str(text)
        .map_err(|_| StoreError::Corrupt(format!("{what}: bad decimal {text:?}")))
}

fn optional_decimal(text: Option<&str>, what: &str) -> Result<Option<Decimal>> {
    text.map(|t| decimal(t, what)).transpose()
}

/// A task row as the engine's input, reports and milestones still empty.
///
/// An unassigned task keeps its document's deadline and has not started;
/// a task its program dropped in a later version is read as cancelled, so
/// that the engine resolves what it had raised about it and raises nothing
/// new.
fn task_input(row: &SqliteRow) -> Result<TaskInput> {
    let id: i64 = row.try_get(0)?;
    let program: i64 = row.try_get(1)?;
    let current: bool = row.try_get(4)?;
    let assigned: bool = row.try_get(5)?;
    let mut input = if assigned {
        let mut t = TaskInput::new(
            id,
            program,
            optional_day(row, 7, "assignment start")?,
            optional_day(row, 8, "assignment deadline")?,
        );
        t.status = status(row.try_get(6)?)?;
        t
    } else {
        TaskInput::new(id, program, None, optional_day(row, 2, "task deadline")?)
    };
    if !current {
        input.status = TaskStatus::Cancelled;
    }
    input.conditional = row.try_get(3)?;
    input.activated_on = optional_day(row, 9, "activated_on")?;
    Ok(input)
}

/// What the engine reads of every task's reports (or of one task's,
/// `one`): the lead agency's reports, each by its latest revision, and
/// every revision that gave money figures. One row per task, its revisions
/// a JSON array of `[period_id, latest, percent, status, submitted_at,
/// required, allocated, disbursed]`: sqlx hands rows over one at a time
/// between threads, several microseconds each, so a million reports travel
/// as a hundred thousand rows. The `+` keeps SQLite from reaching one
/// task's reports through the agency index.
fn revisions_sql(one: bool) -> String {
    format!(
        "SELECT r.task_id, json_group_array(json_array(r.period_id, \
         v.revision = r.latest_revision, v.percent, v.status, v.submitted_at, \
         v.money_required, v.money_allocated, v.money_disbursed)) \
         FROM reports r \
         JOIN assignments a ON a.task_id = r.task_id AND a.lead_agency_id = +r.agency_id \
         JOIN report_revisions v ON v.report_id = r.id \
         WHERE (v.revision = r.latest_revision OR v.money_required IS NOT NULL \
                OR v.money_allocated IS NOT NULL OR v.money_disbursed IS NOT NULL) \
         {} GROUP BY r.task_id",
        if one { "AND r.task_id = ?" } else { "" }
    )
}

/// One revision as [`revisions_sql`] packs it. Stored codes, decimals and
/// timestamps never need escaping, so the text is borrowed.
#[derive(Deserialize)]
struct Packed<'a>(
    i64,
    u8,
    &'a str,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

/// A task's reports (in `as_of` order) and money points (in filing
/// order) from its [`revisions_sql`] row.
fn task_revisions(
    row: &SqliteRow,
    periods: &Periods,
) -> Result<(i64, Vec<ReportPoint>, Vec<MoneyPoint>)> {
    let task: i64 = row.try_get(0)?;
    let packed: Vec<Packed<'_>> = serde_json::from_str(row.try_get(1)?)?;
    let mut reports = Vec::with_capacity(packed.len());
    let mut money = Vec::new();
    for Packed(period, latest, percent, code, submitted, required, allocated, disbursed) in packed {
        let at = instant(submitted, "submitted_at")?;
        let filed = local_date(at);
        if latest == 1 {
            let slot = periods.slots.get(&period).ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "a report of task {task} in unknown period {period}"
                ))
            })?;
            reports.push(ReportPoint {
                as_of: slot.window_end,
                filed,
                period: slot.index,
                percent_bp: ReportPoint::basis_points(decimal(percent, "percent")?),
                status: status(code)?,
            });
        }
        let figures = Money {
            required: optional_decimal(required, "money_required")?,
            allocated: optional_decimal(allocated, "money_allocated")?,
            disbursed: optional_decimal(disbursed, "money_disbursed")?,
        };
        if !figures.is_empty() {
            money.push((
                at,
                MoneyPoint {
                    filed,
                    money: figures,
                },
            ));
        }
    }
    reports.sort_by_key(|r| (r.as_of, r.period));
    money.sort_by_key(|(at, _)| *at);
    Ok((task, reports, money.into_iter().map(|(_, m)| m).collect()))
}

/// The indicator columns: its latest version's target; `current` as for tasks.
const INDICATOR_SQL: &str = "SELECT i.id, i.program_id, iv.comparator, iv.value, iv.value_max, \
     iv.unit, iv.year, iv.base_year, \
     iv.version_id = (SELECT MAX(pv.id) FROM program_versions pv \
                      WHERE pv.program_id = i.program_id) AS current \
     FROM indicators i \
     JOIN indicator_versions iv ON iv.indicator_id = i.id \
       AND iv.version_id = (SELECT MAX(x.version_id) FROM indicator_versions x \
                            WHERE x.indicator_id = i.id)";

/// An indicator row as the engine's input (no actuals yet) and whether its
/// program still has it: a dropped indicator gets no actuals, so the engine
/// finds nothing to warn about and resolves what it had raised.
fn indicator_input(row: &SqliteRow) -> Result<(IndicatorInput, bool)> {
    let comparator: &str = row.try_get(2)?;
    let comparator = Comparator::from_code(comparator)
        .ok_or_else(|| StoreError::Corrupt(format!("comparator {comparator:?}")))?;
    let input = IndicatorInput {
        id: row.try_get(0)?,
        program: row.try_get(1)?,
        target: Target {
            comparator,
            value: decimal(row.try_get(3)?, "target value")?,
            value_max: optional_decimal(row.try_get(4)?, "target value_max")?,
            unit: row.try_get(5)?,
            year: row.try_get(6)?,
            base_year: row.try_get(7)?,
        },
        actuals: Vec::new(),
    };
    Ok((input, row.try_get(8)?))
}

/// Province-wide actuals (no area); one row per (indicator, period) is kept,
/// the latest recorded when several agencies recorded the same period.
const ACTUAL_SQL: &str = "SELECT x.indicator_id, x.period_id, p.year, x.value, x.recorded_at, \
     x.id FROM indicator_actuals x JOIN periods p ON p.id = x.period_id WHERE x.area = ''";

/// Keeps, per (indicator, period), the latest recorded actual (the later
/// row when two were recorded in the same second).
#[derive(Default)]
struct Actuals(HashMap<(i64, i64), (Recorded, ActualPoint)>);

/// When an actual was recorded, then its row id: later wins.
type Recorded = (DateTime<Utc>, i64);

impl Actuals {
    fn add(&mut self, row: &SqliteRow) -> Result<()> {
        let indicator: i64 = row.try_get(0)?;
        let period: i64 = row.try_get(1)?;
        let year: i64 = row.try_get(2)?;
        let recorded = instant(row.try_get(4)?, "recorded_at")?;
        let order = (recorded, row.try_get::<i64, _>(5)?);
        let point = ActualPoint {
            year: i32::try_from(year).map_err(|_| StoreError::Corrupt(format!("year {year}")))?,
            value: decimal(row.try_get(3)?, "actual value")?,
            recorded: local_date(recorded),
        };
        let kept = self.0.entry((indicator, period)).or_insert((order, point));
        if order > kept.0 {
            *kept = (order, point);
        }
        Ok(())
    }

    /// Each indicator's points, in period order.
    fn by_indicator(self) -> HashMap<i64, Vec<ActualPoint>> {
        let mut all: Vec<_> = self.0.into_iter().collect();
        all.sort_unstable_by_key(|((indicator, period), _)| (*indicator, *period));
        let mut out: HashMap<i64, Vec<ActualPoint>> = HashMap::new();
        for ((indicator, _), (_, point)) in all {
            out.entry(indicator).or_default().push(point);
        }
        out
    }
}

fn milestone(row: &SqliteRow, from: usize) -> Result<Milestone> {
    Ok(Milestone {
        date: day(row.try_get(from)?, "milestone date")?,
        planned_percent: decimal(row.try_get(from + 1)?, "milestone percent")?,
    })
}

impl Store {
    /// Everything the engine needs, in eight queries whatever the size.
    /// Runs in one read transaction, so tasks, reports and open warnings
    /// are of one moment.
    pub async fn load_engine(&self) -> Result<EngineLoad> {
        let mut tx = self.pool.begin().await?;
        let conn = &mut *tx;

        let keys: Vec<(i64, String)> = sqlx::query_as("SELECT id, key FROM programs ORDER BY id")
            .fetch_all(&mut *conn)
            .await?;
        let periods = load_periods(conn, None).await?;
        let programs = keys
            .into_iter()
            .map(|(id, key)| ProgramCalendar {
                id,
                key,
                calendar: periods.calendars.get(&id).cloned().unwrap_or_default(),
            })
            .collect();

        let mut tasks = Vec::new();
        let mut task_index: HashMap<i64, usize> = HashMap::new();
        let sql = format!("{TASK_SQL} ORDER BY t.id");
        let query = sqlx::query(&sql);
        for_each_row(conn, query, |row| {
            let input = task_input(row)?;
            task_index.insert(input.id, tasks.len());
            tasks.push(input);
            Ok(())
        })
        .await?;
        let query = sqlx::query(
            "SELECT task_id, date, planned_percent FROM milestones ORDER BY task_id, ord",
        );
        for_each_row(conn, query, |row| {
            if let Some(&i) = task_index.get(&row.try_get::<i64, _>(0)?) {
                tasks[i].milestones.push(milestone(row, 1)?);
            }
            Ok(())
        })
        .await?;
        let sql = revisions_sql(false);
        for_each_row(conn, sqlx::query(&sql), |row| {
            let (task, reports, money) = task_revisions(row, &periods)?;
            if let Some(&i) = task_index.get(&task) {
                tasks[i].reports = reports;
                tasks[i].money = money;
            }
            Ok(())
        })
        .await?;

        let mut indicators = Vec::new();
        let mut dropped = HashSet::new();
        let sql = format!("{INDICATOR_SQL} ORDER BY i.id");
        let query = sqlx::query(&sql);
        for_each_row(conn, query, |row| {
            let (input, current) = indicator_input(row)?;
            if !current {
                dropped.insert(input.id);
            }
            indicators.push(input);
            Ok(())
        })
        .await?;
        let mut actuals = Actuals::default();
        for_each_row(conn, sqlx::query(ACTUAL_SQL), |row| actuals.add(row)).await?;
        let mut actuals = actuals.by_indicator();
        for indicator in &mut indicators {
            if !dropped.contains(&indicator.id) {
                indicator.actuals = actuals.remove(&indicator.id).unwrap_or_default();
            }
        }

        let open = open_warnings(conn).await?;
        tx.commit().await?;
        Ok(EngineLoad {
            programs,
            tasks,
            indicators,
            open,
        })
    }

    /// One program's calendar, as [`Store::load_engine`] builds it (for
    /// when its periods change).
    pub async fn load_program_calendar(&self, program: i64) -> Result<Option<ProgramCalendar>> {
        let mut conn = self.pool.acquire().await?;
        let key: Option<String> = sqlx::query_scalar("SELECT key FROM programs WHERE id = ?")
            .bind(program)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(key) = key else { return Ok(None) };
        let mut periods = load_periods(&mut conn, Some(program)).await?;
        Ok(Some(ProgramCalendar {
            id: program,
            key,
            calendar: periods.calendars.remove(&program).unwrap_or_default(),
        }))
    }

    /// One task's input, as [`Store::load_engine`] builds it; `None` when
    /// there is no such task.
    pub async fn load_task_input(&self, task: TaskId) -> Result<Option<TaskInput>> {
        let mut tx = self.pool.begin().await?;
        let input = task_input_on(&mut tx, task).await?;
        tx.commit().await?;
        Ok(input)
    }

    /// One indicator's input, as [`Store::load_engine`] builds it; `None`
    /// when there is no such indicator.
    pub async fn load_indicator_input(&self, id: i64) -> Result<Option<IndicatorInput>> {
        let mut tx = self.pool.begin().await?;
        let input = indicator_input_on(&mut tx, id).await?;
        tx.commit().await?;
        Ok(input)
    }
}

/// [`Store::load_task_input`] on a connection the caller holds (the
/// writer's, inside a write job, sees that job's own writes).
pub(super) async fn task_input_on(
    conn: &mut SqliteConnection,
    task: TaskId,
) -> Result<Option<TaskInput>> {
    let row = sqlx::query(&format!("{TASK_SQL} WHERE t.id = ?"))
        .bind(task.0)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let mut input = task_input(&row)?;
    let milestones =
        sqlx::query("SELECT date, planned_percent FROM milestones WHERE task_id = ? ORDER BY ord")
            .bind(task.0)
            .fetch_all(&mut *conn)
            .await?;
    input.milestones = milestones
        .iter()
        .map(|row| milestone(row, 0))
        .collect::<Result<_>>()?;
    let periods = load_periods(conn, Some(input.program)).await?;
    let row = sqlx::query(&revisions_sql(true))
        .bind(task.0)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(row) = row {
        (_, input.reports, input.money) = task_revisions(&row, &periods)?;
    }
    Ok(Some(input))
}

/// [`Store::load_indicator_input`] on a connection the caller holds.
pub(super) async fn indicator_input_on(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<IndicatorInput>> {
    let row = sqlx::query(&format!("{INDICATOR_SQL} WHERE i.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let (mut input, current) = indicator_input(&row)?;
    if current {
        let rows = sqlx::query(&format!("{ACTUAL_SQL} AND x.indicator_id = ?"))
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
        let mut actuals = Actuals::default();
        for row in &rows {
            actuals.add(row)?;
        }
        input.actuals = actuals.by_indicator().remove(&id).unwrap_or_default();
    }
    Ok(Some(input))
}

/// Every warning not resolved, rebuilt as the engine made it.
async fn open_warnings(conn: &mut SqliteConnection) -> Result<Vec<(Subject, Warning)>> {
    let mut out = Vec::new();
    let query = sqlx::query(
        "SELECT subject_kind, subject_id, rule, severity, message, facts_json FROM warnings \
         WHERE state <> 'resolved' ORDER BY id",
    );
    for_each_row(conn, query, |row| {
        let warning = Warning {
            rule: rule(row.try_get(2)?)?,
            severity: severity(row.try_get(3)?)?,
            message: row.try_get(4)?,
            facts: facts(row.try_get(5)?)?,
        };
        out.push((subject(row.try_get(0)?, row.try_get(1)?)?, warning));
        Ok(())
    })
    .await?;
    Ok(out)
}

/// Runs `query` and hands each row to `each` as it arrives; rows are not
/// kept, so a million of them cost no more memory than one. The first
/// error stops the query and is returned.
async fn for_each_row<'q, F>(
    conn: &mut SqliteConnection,
    query: sqlx::query::Query<'q, Sqlite, SqliteArguments<'q>>,
    mut each: F,
) -> Result<()>
where
    F: FnMut(&SqliteRow) -> Result<()> + Send,
{
    let mut failed: Option<StoreError> = None;
    let done = query
        .try_map(|row: SqliteRow| match each(&row) {
            Ok(()) => Ok(()),
            Err(e) => {
                failed = Some(e);
                Err(sqlx::Error::Protocol(
                    "stopped at a row that does not read".into(),
                ))
            }
        })
        .fetch_all(conn)
        .await;
    match (failed, done) {
        (Some(e), _) => Err(e),
        (None, Err(e)) => Err(e.into()),
        (None, Ok(_)) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_label_goes_lower_case_only_at_its_first_letter() {
        assert_eq!(lower_first("Tháng 9/2025"), "tháng 9/2025");
        assert_eq!(lower_first("Ánh sáng Năm"), "ánh sáng Năm");
        assert_eq!(lower_first("6 tháng đầu năm 2025"), "6 tháng đầu năm 2025");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn monthly_is_finer_than_quarterly_and_extra_is_not_regular() {
        assert!(fineness(PeriodKind::Monthly) < fineness(PeriodKind::Quarterly));
        assert!(fineness(PeriodKind::SixMonth) < fineness(PeriodKind::Yearly));
        assert_eq!(fineness(PeriodKind::Extra), None);
    }
}
