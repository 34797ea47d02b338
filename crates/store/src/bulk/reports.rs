//! The reports of a history: checked one by one as `submit_report` checks
//! them, written with their first revision a hundred at a time, and the
//! statuses the lead agencies' reports leave the assignments in.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sqlx::SqliteConnection;
use tiendo_core::schedule;

use super::{
    HistoryCounts, HistoryReport, PeriodKey, PeriodSlot, Positions, TaskState, in_item, rejected,
    timestamp,
};
use crate::batch::{self, Batch};
use crate::ctx::Ctx;
use crate::error::Result;

/// Reports waiting to be written, with their ids given in advance (the
/// write lock is held, so nobody else takes them) so that a report and its
/// revision can go in separate multi-row statements.
struct Filing {
    reports: Batch,
    revisions: Batch,
    next_id: i64,
    /// The input index of each waiting report, in id order.
    items: Vec<usize>,
}

impl Filing {
    async fn flush(&mut self, conn: &mut SqliteConnection) -> Result<()> {
        let waiting = self.items.len() as u64;
        let written = self.reports.flush(conn).await?;
        if written < waiting {
            // A slot already taken: find the first report that did not go in.
            let first = self.next_id - waiting as i64;
            let ids: HashSet<i64> =
                sqlx::query_scalar("SELECT id FROM reports WHERE id >= ? AND id < ?")
                    .bind(first)
                    .bind(self.next_id)
                    .fetch_all(&mut *conn)
                    .await?
                    .into_iter()
                    .collect();
            let k = (0..self.items.len())
                .find(|&k| !ids.contains(&(first + k as i64)))
                .unwrap_or(0);
            return Err(in_item(
                rejected(
                    "report_exists",
                    "period",
                    "Đã có báo cáo kỳ này của cơ quan này cho nhiệm vụ.".into(),
                ),
                "reports",
                self.items[k],
            ));
        }
        self.revisions.flush(conn).await?;
        self.items.clear();
        Ok(())
    }
}

/// Checks and writes the reports; the lead agency's reports move each
/// task's state as `submit_report` would.
pub(super) async fn file_reports(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    catalog: &Positions,
    periods: &HashMap<PeriodKey, PeriodSlot>,
    tasks: &mut [Option<TaskState>],
    items: Box<dyn Iterator<Item = HistoryReport> + Send>,
    counts: &mut HistoryCounts,
) -> Result<()> {
    let next_id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM reports")
        .fetch_one(&mut *conn)
        .await?;
    let mut filing = Filing {
        reports: Batch::new(
            "INSERT INTO reports (id, task_id, period_id, agency_id, latest_revision, \
             first_submitted_at, late) VALUES ",
            "(?, ?, ?, ?, 1, ?, ?)",
            " ON CONFLICT (task_id, period_id, agency_id) DO NOTHING",
            6,
        ),
        revisions: Batch::new(
            "INSERT INTO report_revisions (report_id, revision, status, percent, done, \
             obstacles, proposals, money_required, money_allocated, money_disbursed, \
             evidence_json, estimate, submitted_at, late, author_id, request_id) VALUES ",
            "(?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "",
            15,
        ),
        next_id,
        items: Vec::with_capacity(batch::ROWS),
    };
    let mut last: Option<(u32, NaiveDate)> = None;
    for (i, r) in items.enumerate() {
        let state = tasks
            .get_mut(r.task as usize)
            .and_then(Option::as_mut)
            .ok_or_else(|| {
                in_item(
                    rejected(
                        "task_not_assigned",
                        "task",
                        format!("Nhiệm vụ thứ {} không có trong phần giao nhiệm vụ.", r.task),
                    ),
                    "reports",
                    i,
                )
            })?;
        let agency_id = catalog
            .agency(r.agency, "agency")
            .map_err(|e| in_item(e, "reports", i))?;
        if state.lead != Some(agency_id) && !state.coordinators.contains(&agency_id) {
            return Err(in_item(
                rejected(
                    "agency_not_on_task",
                    "agency",
                    "Cơ quan này không chủ trì cũng không phối hợp thực hiện nhiệm vụ.".into(),
                ),
                "reports",
                i,
            ));
        }
        let period = periods
            .get(&(r.period.kind, r.period.year, r.period.seq))
            .copied()
            .ok_or_else(|| {
                in_item(
                    rejected(
                        "unknown_period",
                        "period",
                        format!("Chương trình không có kỳ báo cáo {}.", r.period.label_vi()),
                    ),
                    "reports",
                    i,
                )
            })?;
        let key = (r.task, period.window_end);
        if last.is_some_and(|l| l > key) {
            return Err(in_item(
                rejected(
                    "reports_not_sorted",
                    "",
                    "Báo cáo phải theo thứ tự nhiệm vụ rồi đến kỳ báo cáo.".into(),
                ),
                "reports",
                i,
            ));
        }
        last = Some(key);
        let filed_on = schedule::local_date(r.submitted_at);
        if filed_on < period.opens_on {
            return Err(in_item(
                rejected(
                    "period_not_open",
                    "submitted_at",
                    format!(
                        "Kỳ báo cáo {} mở từ ngày {}.",
                        r.period.label_vi(),
                        period.opens_on.format("%d/%m/%Y")
                    ),
                ),
                "reports",
                i,
            ));
        }
        let body = r
            .body
            .validated()
            .map_err(|e| in_item(e.into(), "reports", i))?
            .normalized();
        let late = schedule::is_late(period.due_on, filed_on);
        let submitted_at = timestamp(r.submitted_at);
        let id = filing.next_id;
        filing.next_id += 1;
        filing.items.push(i);
        filing.reports.push([
            id.into(),
            state.id.into(),
            period.id.into(),
            agency_id.into(),
            submitted_at.clone().into(),
            late.into(),
        ]);
        filing.revisions.push([
            id.into(),
            body.status.code().into(),
            body.percent.to_string().into(),
            body.done.into(),
            body.obstacles.into(),
            body.proposals.into(),
            body.money.required.map(|m| m.to_string()).into(),
            body.money.allocated.map(|m| m.to_string()).into(),
            body.money.disbursed.map(|m| m.to_string()).into(),
            serde_json::to_string(&body.evidence)?.into(),
            body.estimate.into(),
            submitted_at.into(),
            late.into(),
            ctx.user_id().into(),
            ctx.request_id.clone().into(),
        ]);
        if filing.reports.is_full() {
            filing.flush(conn).await?;
        }
        counts.reports += 1;
        counts.late_reports += u64::from(late);
        // As `submit_report`: the lead agency's report moves the status,
        // and the day a task is first finished is kept while it stays so.
        if state.lead == Some(agency_id) && state.status != body.status {
            state.finished_on = match (state.status.is_finished(), body.status.is_finished()) {
                (true, true) => state.finished_on,
                (_, true) => Some(filed_on),
                _ => None,
            };
            state.status = body.status;
            state.changes += 1;
        }
    }
    filing.flush(conn).await
}

/// Writes the status each assignment's reports left it in.
pub(super) async fn follow_statuses(
    conn: &mut SqliteConnection,
    tasks: &[Option<TaskState>],
    now: &str,
    counts: &mut HistoryCounts,
) -> Result<()> {
    // An upsert of rows that all exist: only the update happens.
    let mut updates = Batch::new(
        "INSERT INTO assignments (task_id, status, finished_on, revision, updated_at) VALUES ",
        "(?, ?, ?, ?, ?)",
        " ON CONFLICT (task_id) DO UPDATE SET status = excluded.status, \
         finished_on = excluded.finished_on, revision = assignments.revision + excluded.revision, \
         updated_at = excluded.updated_at",
        5,
    );
    for state in tasks.iter().flatten().filter(|s| s.changes > 0) {
        updates.push([
            state.id.into(),
            state.status.code().into(),
            state.finished_on.map(|d| d.to_string()).into(),
            state.changes.into(),
            now.into(),
        ]);
        if updates.is_full() {
            updates.flush(conn).await?;
        }
        counts.statuses_changed += 1;
    }
    updates.flush(conn).await?;
    Ok(())
}
