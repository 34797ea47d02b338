//! Indicator actuals: the measured value of an indicator for one period, for
//! the province or for one agency or area. Recording the same (indicator,
//! period, agency, area) again replaces the value; the audit keeps the old.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use tiendo_core::ActualBody;

use crate::assign::{decimal, require_agency};
use crate::ctx::{AuditEntry, Ctx, Outcome, audit, json};
use crate::error::{Result, StoreError};
use crate::model::{AgencyId, IndicatorId, ProgramId};
use crate::periods::period_by_id;
use crate::{Store, now_text};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actual {
    pub id: i64,
    pub indicator_id: IndicatorId,
    pub period_id: i64,
    pub agency_id: Option<AgencyId>,
    pub area: String,
    pub value: Decimal,
    pub source: String,
    pub note: String,
    pub estimate: bool,
    pub recorded_at: String,
    pub author: Option<String>,
}

#[derive(FromRow)]
struct ActualRow {
    id: i64,
    indicator_id: i64,
    period_id: i64,
    agency_id: i64,
    area: String,
    value: String,
    source: String,
    note: String,
    estimate: bool,
    recorded_at: String,
    author: Option<String>,
}

const ACTUAL_SELECT: &str = "SELECT x.id, x.indicator_id, x.period_id, x.agency_id, x.area, \
     x.value, x.source, x.note, x.estimate, x.recorded_at, u.name AS author \
     FROM indicator_actuals x LEFT JOIN users u ON u.id = x.author_id";

impl TryFrom<ActualRow> for Actual {
    type Error = StoreError;
    fn try_from(r: ActualRow) -> Result<Actual> {
        Ok(Actual {
            id: r.id,
            indicator_id: IndicatorId(r.indicator_id),
            period_id: r.period_id,
            agency_id: (r.agency_id != 0).then_some(AgencyId(r.agency_id)),
            area: r.area,
            value: decimal(Some(r.value), "actual")?.unwrap_or_default(),
            source: r.source,
            note: r.note,
            estimate: r.estimate,
            recorded_at: r.recorded_at,
            author: r.author,
        })
    }
}

pub(crate) async fn actual_where(
    conn: &mut SqliteConnection,
    indicator: IndicatorId,
    period: i64,
    agency: i64,
    area: &str,
) -> Result<Option<Actual>> {
    let row: Option<ActualRow> = sqlx::query_as(&format!(
        "{ACTUAL_SELECT} WHERE x.indicator_id = ? AND x.period_id = ? AND x.agency_id = ? AND x.area = ?"
    ))
    .bind(indicator.0)
    .bind(period)
    .bind(agency)
    .bind(area)
    .fetch_optional(conn)
    .await?;
    row.map(Actual::try_from).transpose()
}

/// Writes an indicator's value for a period (a checked body), replacing
/// `before` when there was one, with its audit line; returns what is stored.
/// The one write of an actual: the API's `record_actual` and an import's
/// results both go through it.
pub(crate) async fn upsert_actual(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    indicator: IndicatorId,
    period_id: i64,
    body: &ActualBody,
    before: Option<Actual>,
) -> Result<Actual> {
    let agency = body.agency.unwrap_or(0);
    sqlx::query(
        "INSERT INTO indicator_actuals (indicator_id, period_id, agency_id, area, value, \
         source, note, estimate, recorded_at, author_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (indicator_id, period_id, agency_id, area) DO UPDATE SET \
         value = excluded.value, source = excluded.source, note = excluded.note, \
         estimate = excluded.estimate, recorded_at = excluded.recorded_at, \
         author_id = excluded.author_id",
    )
    .bind(indicator.0)
    .bind(period_id)
    .bind(agency)
    .bind(&body.area)
    .bind(body.value.normalize().to_string())
    .bind(&body.source)
    .bind(&body.note)
    .bind(body.estimate)
    .bind(now_text())
    .bind(ctx.user_id())
    .execute(&mut *conn)
    .await?;
    let after = actual_where(conn, indicator, period_id, agency, &body.area)
        .await?
        .ok_or_else(|| StoreError::Corrupt("an actual vanished".into()))?;
    audit(
        conn,
        ctx,
        AuditEntry {
            action: if before.is_some() {
                "actual.replace"
            } else {
                "actual.record"
            },
            subject_kind: "indicator",
            subject_id: Some(indicator.0),
            task_id: None,
            before: before.as_ref().and_then(json),
            after: json(&after),
        },
    )
    .await?;
    Ok(after)
}

impl Store {
    /// Records an indicator's value for a period (operators; a reporter for
    /// its own agency).
    pub async fn record_actual(
        &self,
        ctx: &Ctx,
        indicator: IndicatorId,
        period_id: i64,
        body: ActualBody,
    ) -> Result<Outcome<Actual>> {
        let body = body.validated()?;
        if let Some(actor) = &ctx.actor
            && !actor.may_record_actual(body.agency)
        {
            return Err(StoreError::Forbidden(format!(
                "{} không được ghi số liệu chỉ tiêu này",
                actor.name
            )));
        }
        let ctx2 = ctx.clone();
        self.write(ctx, move |conn| {
            Box::pin(async move {
                let program: i64 =
                    sqlx::query_scalar("SELECT program_id FROM indicators WHERE id = ?")
                        .bind(indicator.0)
                        .fetch_optional(&mut *conn)
                        .await?
                        .ok_or_else(|| StoreError::NotFound(format!("chỉ tiêu #{indicator}")))?;
                period_by_id(conn, period_id)
                    .await?
                    .filter(|p| p.program_id.0 == program)
                    .ok_or_else(|| {
                        StoreError::rejected(
                            "unknown_period",
                            "period_id",
                            format!(
                                "Chương trình của chỉ tiêu không có kỳ báo cáo mã số {period_id}."
                            ),
                        )
                    })?;
                if let Some(a) = body.agency {
                    require_agency(conn, a, "agency").await?;
                }
                let agency = body.agency.unwrap_or(0);
                let before = actual_where(conn, indicator, period_id, agency, &body.area).await?;
                let after = upsert_actual(conn, &ctx2, indicator, period_id, &body, before).await?;
                Ok(after)
            })
        })
        .await
    }

    /// The program an indicator belongs to.
    pub async fn indicator_program(&self, indicator: IndicatorId) -> Result<Option<ProgramId>> {
        let p: Option<i64> = sqlx::query_scalar("SELECT program_id FROM indicators WHERE id = ?")
            .bind(indicator.0)
            .fetch_optional(&self.pool)
            .await?;
        Ok(p.map(ProgramId))
    }

    /// An indicator's actuals, by period.
    pub async fn actuals(&self, indicator: IndicatorId) -> Result<Vec<Actual>> {
        let rows: Vec<ActualRow> = sqlx::query_as(&format!(
            "{ACTUAL_SELECT} JOIN periods p ON p.id = x.period_id WHERE x.indicator_id = ? \
             ORDER BY p.window_end, x.agency_id, x.area"
        ))
        .bind(indicator.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Actual::try_from).collect()
    }

    /// The province-wide actuals (no area) of every indicator of `program`,
    /// by indicator and period.
    pub async fn program_actuals(&self, program: ProgramId) -> Result<Vec<Actual>> {
        let rows: Vec<ActualRow> = sqlx::query_as(&format!(
            "{ACTUAL_SELECT} JOIN periods p ON p.id = x.period_id \
             JOIN indicators i ON i.id = x.indicator_id \
             WHERE i.program_id = ? AND x.area = '' \
             ORDER BY x.indicator_id, p.window_end, x.recorded_at, x.id"
        ))
        .bind(program.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Actual::try_from).collect()
    }
}
