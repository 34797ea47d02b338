//! Reporting periods of a program: generated from its regime (monthly due on
//! the 18th, six-monthly, yearly due 30 November … per DOMAIN §1) or opened
//! by hand as extra periods, each with its data window, open, due and close
//! dates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use tiendo_core::schedule::{PeriodDates, PeriodKind, PeriodSpec, Regime};

use crate::ctx::{AuditEntry, Ctx, Outcome, audit, json};
use crate::error::{Result, StoreError};
use crate::model::ProgramId;
use crate::{Store, now_text};

/// The longest span periods are generated for in one call.
pub const MAX_GENERATE_YEARS: i64 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub id: i64,
    pub program_id: ProgramId,
    pub kind: PeriodKind,
    pub year: i32,
    pub seq: u8,
    pub label: String,
    #[serde(flatten)]
    pub dates: PeriodDates,
}

/// An extra period the operator opens (a one-off report, a review).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraPeriod {
    pub label: String,
    pub window_start: NaiveDate,
    pub window_end: NaiveDate,
    pub due_on: NaiveDate,
    /// Last day a (late) report is taken; default 30 days after `due_on`.
    pub closes_on: Option<NaiveDate>,
}

#[derive(FromRow)]
pub(crate) struct PeriodRow {
    pub(crate) id: i64,
    pub(crate) program_id: i64,
    pub(crate) kind: String,
    pub(crate) year: i64,
    pub(crate) seq: i64,
    pub(crate) label: String,
    pub(crate) window_start: String,
    pub(crate) window_end: String,
    pub(crate) opens_on: String,
    pub(crate) due_on: String,
    pub(crate) closes_on: String,
    pub(crate) estimate: bool,
}

pub(crate) const PERIOD_COLUMNS: &str = "id, program_id, kind, year, seq, label, window_start, window_end, \
     opens_on, due_on, closes_on, estimate";

fn day(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("bad date {text:?} in periods")))
}

impl TryFrom<PeriodRow> for Period {
    type Error = StoreError;
    fn try_from(r: PeriodRow) -> Result<Period> {
        Ok(Period {
            id: r.id,
            program_id: ProgramId(r.program_id),
            kind: PeriodKind::from_code(&r.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown period kind {}", r.kind)))?,
            year: i32::try_from(r.year).map_err(|_| StoreError::Corrupt("year".into()))?,
            seq: u8::try_from(r.seq).map_err(|_| StoreError::Corrupt("seq".into()))?,
            label: r.label,
            dates: PeriodDates {
                window_start: day(&r.window_start)?,
                window_end: day(&r.window_end)?,
                opens_on: day(&r.opens_on)?,
                due_on: day(&r.due_on)?,
                closes_on: day(&r.closes_on)?,
                estimate: r.estimate,
            },
        })
    }
}

pub(crate) async fn period_by_id(conn: &mut SqliteConnection, id: i64) -> Result<Option<Period>> {
    let row: Option<PeriodRow> = sqlx::query_as(&format!(
        "SELECT {PERIOD_COLUMNS} FROM periods WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(Period::try_from).transpose()
}

pub(crate) async fn require_program(conn: &mut SqliteConnection, program: ProgramId) -> Result<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM programs WHERE id = ?")
        .bind(program.0)
        .fetch_optional(conn)
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(StoreError::NotFound(format!("chương trình #{program}"))),
    }
}

pub(crate) async fn regime_of(conn: &mut SqliteConnection, program: ProgramId) -> Result<Regime> {
    let set: Option<String> =
        sqlx::query_scalar("SELECT regime_json FROM program_regimes WHERE program_id = ?")
            .bind(program.0)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(json) = set {
        return Ok(serde_json::from_str(&json)?);
    }
    let program_json: Option<String> = sqlx::query_scalar(
        "SELECT program_json FROM program_versions WHERE program_id = ? \
         ORDER BY version DESC LIMIT 1",
    )
    .bind(program.0)
    .fetch_optional(&mut *conn)
    .await?;
    let rules = match program_json {
        Some(json) => serde_json::from_str::<tiendo_core::Program>(&json)?.reporting,
        None => Vec::new(),
    };
    Ok(Regime::from_rules(&rules))
}

pub(crate) async fn insert_period(
    conn: &mut SqliteConnection,
    program: ProgramId,
    spec: &PeriodSpec,
    label: &str,
    dates: &PeriodDates,
) -> Result<Option<i64>> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO periods (program_id, kind, year, seq, label, window_start, window_end, \
         opens_on, due_on, closes_on, estimate, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (program_id, kind, year, seq) DO NOTHING RETURNING id",
    )
    .bind(program.0)
    .bind(spec.kind.code())
    .bind(spec.year)
    .bind(i64::from(spec.seq))
    .bind(label)
    .bind(dates.window_start.to_string())
    .bind(dates.window_end.to_string())
    .bind(dates.opens_on.to_string())
    .bind(dates.due_on.to_string())
    .bind(dates.closes_on.to_string())
    .bind(dates.estimate)
    .bind(now_text())
    .fetch_optional(conn)
    .await?;
    Ok(id)
}

/// Refuses due days and months no calendar has.
fn check_regime(r: &Regime) -> Result<()> {
    let days = [
        (r.monthly_due_day, "monthly_due_day"),
        (r.quarterly_due_day, "quarterly_due_day"),
        (r.six_month_due_day, "six_month_due_day"),
    ];
    for (day, field) in days {
        if day.is_some_and(|d| !(1..=31).contains(&d)) {
            return Err(StoreError::rejected(
                "invalid_due_day",
                field,
                "Ngày hạn nộp phải từ 1 đến 31.",
            ));
        }
    }
    for (due, field) in [
        (r.nine_month_due, "nine_month_due"),
        (r.yearly_due, "yearly_due"),
    ] {
        if due.is_some_and(|(m, d)| !(1..=12).contains(&m) || !(1..=31).contains(&d)) {
            return Err(StoreError::rejected(
                "invalid_due_day",
                field,
                "Hạn nộp phải là một ngày (1–31) của một tháng (1–12).",
            ));
        }
    }
    Ok(())
}

impl Store {
    /// How the program reports: as set by an operator, else as its document
    /// says (with Khánh Hòa's defaults where it says nothing).
    pub async fn regime(&self, program: ProgramId) -> Result<Regime> {
        let mut conn = self.pool.acquire().await?;
        require_program(&mut conn, program).await?;
        regime_of(&mut conn, program).await
    }

    /// Replaces the program's regime. Periods already generated keep their
    /// dates.
    pub async fn set_regime(
        &self,
        ctx: &Ctx,
        program: ProgramId,
        regime: Regime,
    ) -> Result<Outcome<Regime>> {
        ctx.require_operator("đặt chế độ báo cáo")?;
        check_regime(&regime)?;
        let ctx2 = ctx.clone();
        self.write(ctx, move |conn| {
            Box::pin(async move {
                require_program(conn, program).await?;
                let before = regime_of(conn, program).await?;
                sqlx::query(
                    "INSERT INTO program_regimes (program_id, regime_json, updated_at) \
                     VALUES (?, ?, ?) ON CONFLICT (program_id) DO UPDATE SET \
                     regime_json = excluded.regime_json, updated_at = excluded.updated_at",
                )
                .bind(program.0)
                .bind(serde_json::to_string(&regime)?)
                .bind(now_text())
                .execute(&mut *conn)
                .await?;
                audit(
                    conn,
                    &ctx2,
                    AuditEntry {
                        action: "regime.set",
                        subject_kind: "program",
                        subject_id: Some(program.0),
                        task_id: None,
                        before: json(&before),
                        after: json(&regime),
                    },
                )
                .await?;
                Ok(regime)
            })
        })
        .await
    }

    /// Creates the periods of the program's regime whose data window ends
    /// between `from` and `to` (those that exist are kept) and returns every
    /// period of the program in that range.
    pub async fn generate_periods(
        &self,
        ctx: &Ctx,
        program: ProgramId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Outcome<Vec<Period>>> {
        ctx.require_operator("mở kỳ báo cáo")?;
        if to < from {
            return Err(StoreError::rejected(
                "invalid_range",
                "to",
                "Ngày kết thúc phải sau ngày bắt đầu.",
            ));
        }
        if (to - from).num_days() > MAX_GENERATE_YEARS * 366 {
            return Err(StoreError::rejected(
                "range_too_long",
                "to",
                format!("Mỗi lần chỉ tạo kỳ báo cáo cho tối đa {MAX_GENERATE_YEARS} năm."),
            ));
        }
        let ctx2 = ctx.clone();
        self.write(ctx, move |conn| {
            Box::pin(async move {
                require_program(conn, program).await?;
                let regime = regime_of(conn, program).await?;
                let mut created = Vec::new();
                for (spec, dates) in regime.periods_between(from, to) {
                    if let Some(id) =
                        insert_period(conn, program, &spec, &spec.label_vi(), &dates).await?
                    {
                        created.push(id);
                    }
                }
                if !created.is_empty() {
                    audit(
                        conn,
                        &ctx2,
                        AuditEntry {
                            action: "period.generate",
                            subject_kind: "program",
                            subject_id: Some(program.0),
                            task_id: None,
                            before: None,
                            after: Some(serde_json::json!({
                                "from": from, "to": to, "created": created,
                            })),
                        },
                    )
                    .await?;
                }
                let rows: Vec<PeriodRow> = sqlx::query_as(&format!(
                    "SELECT {PERIOD_COLUMNS} FROM periods WHERE program_id = ? \
                     AND window_end BETWEEN ? AND ? ORDER BY window_end, kind, id"
                ))
                .bind(program.0)
                .bind(from.to_string())
                .bind(to.to_string())
                .fetch_all(&mut *conn)
                .await?;
                rows.into_iter().map(Period::try_from).collect()
            })
        })
        .await
    }

    /// Opens an extra period outside the regime.
    pub async fn open_extra_period(
        &self,
        ctx: &Ctx,
        program: ProgramId,
        extra: ExtraPeriod,
    ) -> Result<Outcome<Period>> {
        ctx.require_operator("mở kỳ báo cáo")?;
        let label = tiendo_core::vn::nfc(extra.label.trim());
        if label.is_empty() || label.chars().count() > 200 {
            return Err(StoreError::rejected(
                "invalid_label",
                "label",
                "Tên kỳ báo cáo không được để trống và dài tối đa 200 ký tự.",
            ));
        }
        if extra.window_end < extra.window_start {
            return Err(StoreError::rejected(
                "invalid_range",
                "window_end",
                "Ngày chốt số liệu phải sau ngày bắt đầu.",
            ));
        }
        let closes_on = extra
            .closes_on
            .unwrap_or_else(|| extra.due_on + chrono::Duration::days(30));
        if closes_on < extra.due_on {
            return Err(StoreError::rejected(
                "invalid_range",
                "closes_on",
                "Ngày khóa sổ phải sau hạn nộp.",
            ));
        }
        let dates = PeriodDates {
            window_start: extra.window_start,
            window_end: extra.window_end,
            opens_on: extra.window_start.min(extra.due_on),
            due_on: extra.due_on,
            closes_on,
            estimate: extra.due_on < extra.window_end,
        };
        let ctx2 = ctx.clone();
        self.write(ctx, move |conn| {
            Box::pin(async move {
                require_program(conn, program).await?;
                let year = chrono::Datelike::year(&dates.due_on);
                let seq: i64 = sqlx::query_scalar(
                    "SELECT COALESCE(MAX(seq), 0) + 1 FROM periods \
                     WHERE program_id = ? AND kind = 'extra' AND year = ?",
                )
                .bind(program.0)
                .bind(year)
                .fetch_one(&mut *conn)
                .await?;
                let seq = u8::try_from(seq).map_err(|_| {
                    StoreError::rejected(
                        "too_many_periods",
                        "due_on",
                        "Một năm có tối đa 255 kỳ báo cáo bổ sung.",
                    )
                })?;
                let spec = PeriodSpec {
                    kind: PeriodKind::Extra,
                    year,
                    seq,
                };
                let id = insert_period(conn, program, &spec, &label, &dates)
                    .await?
                    .ok_or_else(|| StoreError::Conflict("kỳ báo cáo đã có".into()))?;
                let period = period_by_id(conn, id)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt("a new period vanished".into()))?;
                audit(
                    conn,
                    &ctx2,
                    AuditEntry {
                        action: "period.open",
                        subject_kind: "period",
                        subject_id: Some(id),
                        task_id: None,
                        before: None,
                        after: json(&period),
                    },
                )
                .await?;
                Ok(period)
            })
        })
        .await
    }

    /// The program's periods by the end of their data window.
    pub async fn periods(&self, program: ProgramId) -> Result<Vec<Period>> {
        let mut conn = self.pool.acquire().await?;
        require_program(&mut conn, program).await?;
        let rows: Vec<PeriodRow> = sqlx::query_as(&format!(
            "SELECT {PERIOD_COLUMNS} FROM periods WHERE program_id = ? \
             ORDER BY window_end, kind, id"
        ))
        .bind(program.0)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter().map(Period::try_from).collect()
    }

    pub async fn period(&self, id: i64) -> Result<Option<Period>> {
        let mut conn = self.pool.acquire().await?;
        period_by_id(&mut conn, id).await
    }
}
