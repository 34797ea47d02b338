//! What the consolidated report reads beyond the engine's inputs: every
//! current task of a program at once, the remarks (obstacles, proposals)
//! the reports carry, and the program as its latest version states it.

use chrono::NaiveDate;
use serde::Serialize;
use tiendo_core::Program;

use crate::Store;
use crate::error::{Result, StoreError};
use crate::model::{AgencyId, ProgramId, TaskId};
use crate::tasks::{Row, TASK_COLUMNS_WITHOUT_PERCENT, TASK_FROM, TaskSummary};

/// What one report says beyond its figures, in its latest revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Remark {
    pub task_id: TaskId,
    pub agency_id: AgencyId,
    pub period_id: i64,
    /// The end of the report's data window.
    pub window_end: NaiveDate,
    pub obstacles: String,
    pub proposals: String,
}

impl Store {
    /// Every current task of `program`, in document order, without the
    /// latest percent (`percent` is `None`: a report reads it as of its own
    /// day from the engine's inputs; the per-task subquery cost 3,4 s over
    /// 10.000 tasks).
    pub async fn all_tasks(&self, program: ProgramId) -> Result<Vec<TaskSummary>> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "{TASK_COLUMNS_WITHOUT_PERCENT}{TASK_FROM} AND t.program_id = ? ORDER BY tv.ord"
        ))
        .bind(program.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Row::summary).collect()
    }

    /// The obstacles and proposals of `program`'s reports whose data window
    /// ends within `windows` (first and last day), as their latest revision
    /// filed by the end of `known_by` (Vietnam) says them, oldest window
    /// first; reports that say neither are left out.
    pub async fn remarks(
        &self,
        program: ProgramId,
        windows: (NaiveDate, NaiveDate),
        known_by: NaiveDate,
    ) -> Result<Vec<Remark>> {
        // The end of that day in Vietnam, as stored instants are written.
        let end = format!("{}T17:00:00.000Z", known_by);
        type Row = (i64, i64, i64, String, String, String);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT r.task_id, r.agency_id, r.period_id, p.window_end, v.obstacles, v.proposals \
             FROM reports r JOIN periods p ON p.id = r.period_id \
             JOIN report_revisions v ON v.report_id = r.id AND v.revision = ( \
               SELECT MAX(x.revision) FROM report_revisions x \
               WHERE x.report_id = r.id AND x.submitted_at < ?) \
             WHERE p.program_id = ? AND p.window_end >= ? AND p.window_end <= ? \
               AND (v.obstacles <> '' OR v.proposals <> '') \
             ORDER BY p.window_end, r.id",
        )
        .bind(end)
        .bind(program.0)
        .bind(windows.0.to_string())
        .bind(windows.1.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(task, agency, period, end, obstacles, proposals)| {
                Ok(Remark {
                    task_id: TaskId(task),
                    agency_id: AgencyId(agency),
                    period_id: period,
                    window_end: NaiveDate::parse_from_str(&end, "%Y-%m-%d")
                        .map_err(|_| StoreError::Corrupt(format!("window end {end}")))?,
                    obstacles,
                    proposals,
                })
            })
            .collect()
    }

    /// The program as its latest version states it (title, issuer, number,
    /// reporting rules).
    pub async fn program_document(&self, program: ProgramId) -> Result<Option<Program>> {
        let json: Option<String> = sqlx::query_scalar(
            "SELECT program_json FROM program_versions WHERE program_id = ? \
             ORDER BY version DESC LIMIT 1",
        )
        .bind(program.0)
        .fetch_optional(&self.pool)
        .await?;
        json.map(|j| {
            serde_json::from_str(&j).map_err(|e| StoreError::Corrupt(format!("program json: {e}")))
        })
        .transpose()
    }
}
