//! Progress reports: one per (task, period, agency), each correction a new
//! revision, earlier revisions kept. A report from the task's lead agency
//! also moves the task's workflow status. Completeness per agency and period
//! is computed from what was actually received.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use tiendo_core::schedule::{self, AgencyCompleteness, Expected, Received};
use tiendo_core::warning::{Filing, ReportPoint};
use tiendo_core::{Money, ReportBody, TaskStatus};

use crate::Store;
use crate::assign::{AssignmentView, decimal, load_assignment, put_assignment};
use crate::ctx::{AuditEntry, Ctx, Outcome, audit, json};
use crate::error::{Result, StoreError};
use crate::model::{AgencyId, Page, ProgramId, TaskId};
use crate::periods::{Period, PeriodRow, period_by_id};
use crate::warnings::{Follow, FollowUp, follow_report};

/// A report to file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReport {
    pub task_id: TaskId,
    pub period_id: i64,
    /// The reporting agency; a reporter's own agency when absent.
    pub agency_id: Option<AgencyId>,
    #[serde(flatten)]
    pub body: ReportBody,
}

/// One revision of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub revision: i64,
    #[serde(flatten)]
    pub body: ReportBody,
    pub submitted_at: String,
    /// Filed after the period's due date (Vietnam time).
    pub late: bool,
    pub author: Option<String>,
    pub request_id: Option<String>,
}

/// A report with its latest revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub id: i64,
    pub task_id: TaskId,
    pub period_id: i64,
    pub agency_id: AgencyId,
    pub first_submitted_at: String,
    /// The first revision came after the due date.
    pub late: bool,
    pub current: Revision,
}

/// Which reports to list.
#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    pub program: Option<ProgramId>,
    pub task: Option<TaskId>,
    pub period: Option<i64>,
    pub agency: Option<AgencyId>,
    pub late: Option<bool>,
    /// Only reports of tasks this agency leads or coordinates (a reporter's view).
    pub visible_to_agency: Option<AgencyId>,
    pub page: u32,
    pub per_page: u32,
}

/// Completeness and timeliness of one agency in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyCompletenessRow {
    pub agency_id: AgencyId,
    pub agency_name: String,
    pub expected: u32,
    pub received: u32,
    pub on_time: u32,
    pub late: u32,
    pub missing: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodCompleteness {
    pub period: Period,
    pub agencies: Vec<AgencyCompletenessRow>,
    pub expected: u32,
    pub received: u32,
    pub on_time: u32,
    pub late: u32,
    pub missing: u32,
}

#[derive(FromRow)]
struct ReportRow {
    id: i64,
    task_id: i64,
    period_id: i64,
    agency_id: i64,
    first_submitted_at: String,
    first_late: bool,
    revision: i64,
    status: String,
    percent: String,
    done: String,
    obstacles: String,
    proposals: String,
    money_required: Option<String>,
    money_allocated: Option<String>,
    money_disbursed: Option<String>,
    evidence_json: String,
    estimate: bool,
    submitted_at: String,
    late: bool,
    author: Option<String>,
    request_id: Option<String>,
}

const REPORT_SELECT: &str = "SELECT r.id, r.task_id, r.period_id, r.agency_id, \
     r.first_submitted_at, r.late AS first_late, v.revision, v.status, v.percent, v.done, \
     v.obstacles, v.proposals, v.money_required, v.money_allocated, v.money_disbursed, \
     v.evidence_json, v.estimate, v.submitted_at, v.late, u.name AS author, v.request_id \
     FROM reports r JOIN report_revisions v ON v.report_id = r.id \
     LEFT JOIN users u ON u.id = v.author_id";

impl ReportRow {
    fn revision(&self) -> Result<Revision> {
        Ok(Revision {
            revision: self.revision,
            body: ReportBody {
                status: TaskStatus::from_code(&self.status)
                    .ok_or_else(|| StoreError::Corrupt(format!("status {}", self.status)))?,
                percent: decimal(Some(self.percent.clone()), "percent")?.unwrap_or_default(),
                done: self.done.clone(),
                obstacles: self.obstacles.clone(),
                proposals: self.proposals.clone(),
                money: Money {
                    required: decimal(self.money_required.clone(), "money")?,
                    allocated: decimal(self.money_allocated.clone(), "money")?,
                    disbursed: decimal(self.money_disbursed.clone(), "money")?,
                },
                evidence: serde_json::from_str(&self.evidence_json)?,
                estimate: self.estimate,
            },
            submitted_at: self.submitted_at.clone(),
            late: self.late,
            author: self.author.clone(),
            request_id: self.request_id.clone(),
        })
    }

    fn report(&self) -> Result<Report> {
        Ok(Report {
            id: self.id,
            task_id: TaskId(self.task_id),
            period_id: self.period_id,
            agency_id: AgencyId(self.agency_id),
            first_submitted_at: self.first_submitted_at.clone(),
            late: self.first_late,
            current: self.revision()?,
        })
    }
}

async fn report_by_id(conn: &mut SqliteConnection, id: i64) -> Result<Option<Report>> {
    let row: Option<ReportRow> = sqlx::query_as(&format!(
        "{REPORT_SELECT} WHERE r.id = ? AND v.revision = r.latest_revision"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(|r| r.report()).transpose()
}

/// What filing a report into (task, period) must know, read at once.
struct Slot {
    /// The period, if it exists and belongs to the task's program.
    period: Option<Period>,
    /// The task's assignment, if it has one.
    assignment: Option<SlotAssignment>,
    /// `PRAGMA data_version` of the writer's connection (see [`Follow`]),
    /// read here to spare a round trip.
    data_version: i64,
}

struct SlotAssignment {
    lead_agency: Option<i64>,
    coordinators: Vec<i64>,
    status: TaskStatus,
}

#[derive(FromRow)]
struct SlotRow {
    p_id: Option<i64>,
    p_program_id: Option<i64>,
    p_kind: Option<String>,
    p_year: Option<i64>,
    p_seq: Option<i64>,
    p_label: Option<String>,
    p_window_start: Option<String>,
    p_window_end: Option<String>,
    p_opens_on: Option<String>,
    p_due_on: Option<String>,
    p_closes_on: Option<String>,
    p_estimate: Option<bool>,
    assigned: bool,
    lead_agency_id: Option<i64>,
    status: Option<String>,
    coordinators: Option<String>,
    data_version: i64,
}

/// The task's period and assignment in one statement; `None` when the
/// task does not exist.
async fn load_slot(conn: &mut SqliteConnection, task: TaskId, period: i64) -> Result<Option<Slot>> {
    let row: Option<SlotRow> = sqlx::query_as(&format!(
        "SELECT {period_columns}, a.task_id IS NOT NULL AS assigned, a.lead_agency_id, a.status, \
         (SELECT group_concat(c.agency_id) FROM assignment_coordinators c WHERE c.task_id = t.id) \
         AS coordinators, (SELECT data_version FROM pragma_data_version) AS data_version \
         FROM tasks t LEFT JOIN periods p ON p.id = ? AND p.program_id = t.program_id \
         LEFT JOIN assignments a ON a.task_id = t.id WHERE t.id = ?",
        period_columns = crate::periods::PERIOD_COLUMNS
            .split(',')
            .map(|c| format!("p.{c} AS p_{c}", c = c.trim()))
            .collect::<Vec<_>>()
            .join(", "),
    ))
    .bind(period)
    .bind(task.0)
    .fetch_optional(conn)
    .await?;
    let Some(mut row) = row else { return Ok(None) };
    let assignment = if row.assigned {
        let status = row.status.take().unwrap_or_default();
        let coordinators = row
            .coordinators
            .take()
            .unwrap_or_default()
            .split(',')
            .filter(|c| !c.is_empty())
            .map(|c| {
                c.parse::<i64>()
                    .map_err(|_| StoreError::Corrupt(format!("coordinator {c}")))
            })
            .collect::<Result<Vec<_>>>()?;
        Some(SlotAssignment {
            lead_agency: row.lead_agency_id,
            coordinators,
            status: TaskStatus::from_code(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?,
        })
    } else {
        None
    };
    let data_version = row.data_version;
    let period = match row {
        SlotRow {
            p_id: Some(id),
            p_program_id: Some(program_id),
            p_kind: Some(kind),
            p_year: Some(year),
            p_seq: Some(seq),
            p_label: Some(label),
            p_window_start: Some(window_start),
            p_window_end: Some(window_end),
            p_opens_on: Some(opens_on),
            p_due_on: Some(due_on),
            p_closes_on: Some(closes_on),
            p_estimate: Some(estimate),
            ..
        } => Some(Period::try_from(PeriodRow {
            id,
            program_id,
            kind,
            year,
            seq,
            label,
            window_start,
            window_end,
            opens_on,
            due_on,
            closes_on,
            estimate,
        })?),
        _ => None,
    };
    Ok(Some(Slot {
        period,
        assignment,
        data_version,
    }))
}

async fn insert_revision(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    report_id: i64,
    revision: i64,
    body: &ReportBody,
    submitted_at: &str,
    late: bool,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO report_revisions (report_id, revision, status, percent, done, obstacles, \
         proposals, money_required, money_allocated, money_disbursed, evidence_json, estimate, \
         submitted_at, late, author_id, request_id) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(report_id)
    .bind(revision)
    .bind(body.status.code())
    .bind(body.percent.normalize().to_string())
    .bind(&body.done)
    .bind(&body.obstacles)
    .bind(&body.proposals)
    .bind(body.money.required.map(|m| m.normalize().to_string()))
    .bind(body.money.allocated.map(|m| m.normalize().to_string()))
    .bind(body.money.disbursed.map(|m| m.normalize().to_string()))
    .bind(serde_json::to_string(&body.evidence)?)
    .bind(body.estimate)
    .bind(submitted_at)
    .bind(late)
    .bind(ctx.user_id())
    .bind(&ctx.request_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The lead agency's report sets the task's workflow status. `view` is the
/// task's assignment as loaded earlier in the same job (reports do not
/// change it, so it is not read again).
async fn follow_status(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    view: AssignmentView,
    agency: AgencyId,
    status: TaskStatus,
    today: NaiveDate,
) -> Result<()> {
    if view.assignment.lead_agency == Some(agency.0) && view.assignment.status != status {
        let mut a = view.assignment;
        a.status = status;
        put_assignment(
            conn,
            ctx,
            view.task_id,
            a,
            "assignment.status_from_report",
            today,
        )
        .await?;
    }
    Ok(())
}

fn period_window_check(period: &Period, today: NaiveDate, ctx: &Ctx) -> Result<()> {
    if today < period.dates.opens_on {
        return Err(StoreError::rejected(
            "period_not_open",
            "period_id",
            format!(
                "Kỳ báo cáo {} mở từ ngày {}.",
                period.label,
                period.dates.opens_on.format("%d/%m/%Y")
            ),
        ));
    }
    let operator = ctx.actor.as_ref().is_none_or(|a| a.is_operator());
    if today > period.dates.closes_on && !operator {
        return Err(StoreError::rejected(
            "period_closed",
            "period_id",
            format!(
                "Kỳ báo cáo {} đã khóa sổ ngày {}.",
                period.label,
                period.dates.closes_on.format("%d/%m/%Y")
            ),
        ));
    }
    Ok(())
}

/// A report as stored, and what became of its warnings.
#[derive(Debug)]
pub struct Filed {
    pub report: Outcome<Report>,
    pub warnings: FollowUp,
}

/// What a lead agency's stored report adds to its task's warning inputs.
fn filing(report: &Report, period: &Period, today: NaiveDate) -> Filing {
    let body = &report.current.body;
    Filing {
        task: report.task_id.0,
        period_id: report.period_id,
        as_of: period.dates.window_end,
        filed: today,
        percent_bp: ReportPoint::basis_points(body.percent),
        status: body.status,
        money: body.money.clone(),
    }
}

impl Store {
    /// Files a report. Late reports are accepted and marked late; a second
    /// report for the same task, period and agency is refused (revise it).
    pub async fn submit_report(
        &self,
        ctx: &Ctx,
        new: NewReport,
        now: DateTime<Utc>,
    ) -> Result<Outcome<Report>> {
        Ok(self.submit_report_with(ctx, new, now, None).await?.report)
    }

    /// [`Store::submit_report`], handing a lead agency's report to `follow`
    /// inside the same write job (see [`Follow`]).
    pub async fn submit_report_with(
        &self,
        ctx: &Ctx,
        new: NewReport,
        now: DateTime<Utc>,
        follow: Option<Follow>,
    ) -> Result<Filed> {
        if ctx.actor.as_ref().is_some_and(|a| !a.may_report_at_all()) {
            return Err(StoreError::Forbidden(
                "vai trò này không gửi báo cáo".into(),
            ));
        }
        let body = new.body.validated()?;
        let agency = match (new.agency_id, ctx.actor.as_ref().and_then(|a| a.agency)) {
            (Some(a), _) => a,
            (None, Some(own)) => AgencyId(own),
            (None, None) => {
                return Err(StoreError::rejected(
                    "agency_required",
                    "agency_id",
                    "Cần ghi rõ cơ quan báo cáo.",
                ));
            }
        };
        let ctx2 = ctx.clone();
        let task = new.task_id;
        let period_id = new.period_id;
        let seen = self.seen_version.clone();
        let (report, warnings) = self.write_with(ctx, move |conn| {
            Box::pin(async move {
                // One statement for every check: filing is the hot write.
                let slot = load_slot(conn, task, period_id).await?.ok_or_else(|| {
                    StoreError::rejected(
                        "unknown_task",
                        "task_id",
                        format!("Không có nhiệm vụ mã số {task}."),
                    )
                })?;
                let data_version = slot.data_version;
                let period = slot.period.ok_or_else(|| {
                    StoreError::rejected(
                        "unknown_period",
                        "period_id",
                        format!("Chương trình của nhiệm vụ không có kỳ báo cáo mã số {period_id}."),
                    )
                })?;
                let assignment = slot.assignment.ok_or_else(|| {
                    StoreError::rejected(
                        "task_not_assigned",
                        "task_id",
                        "Nhiệm vụ chưa được giao cho cơ quan nào.",
                    )
                })?;
                let a = &assignment;
                if let Some(actor) = &ctx2.actor
                    && !actor.may_report(agency.0, a.lead_agency, &a.coordinators)
                {
                    return Err(StoreError::Forbidden(format!(
                        "{} không được báo cáo nhiệm vụ #{task} thay cơ quan #{agency}",
                        actor.name
                    )));
                }
                if a.lead_agency != Some(agency.0) && !a.coordinators.contains(&agency.0) {
                    return Err(StoreError::rejected(
                        "agency_not_on_task",
                        "agency_id",
                        "Cơ quan này không chủ trì cũng không phối hợp thực hiện nhiệm vụ.",
                    ));
                }
                let today = schedule::local_date(now);
                period_window_check(&period, today, &ctx2)?;
                let submitted_at = now_text_of(now);
                let late = schedule::is_late(period.dates.due_on, today);
                // The slot's uniqueness is the table's: a second report
                // inserts nothing, and only then is the first one looked up.
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO reports (task_id, period_id, agency_id, latest_revision, \
                     first_submitted_at, late) VALUES (?, ?, ?, 1, ?, ?) \
                     ON CONFLICT (task_id, period_id, agency_id) DO NOTHING RETURNING id",
                )
                .bind(task.0)
                .bind(period_id)
                .bind(agency.0)
                .bind(&submitted_at)
                .bind(late)
                .fetch_optional(&mut *conn)
                .await?;
                let Some(id) = id else {
                    let existing: i64 = sqlx::query_scalar(
                        "SELECT id FROM reports WHERE task_id = ? AND period_id = ? AND agency_id = ?",
                    )
                    .bind(task.0)
                    .bind(period_id)
                    .bind(agency.0)
                    .fetch_one(&mut *conn)
                    .await?;
                    return Err(StoreError::rejected(
                        "report_exists",
                        "task_id",
                        format!("Đã có báo cáo kỳ này (mã số {existing}); hãy gửi bản điều chỉnh."),
                    ));
                };
                let body = body.normalized();
                insert_revision(conn, &ctx2, id, 1, &body, &submitted_at, late).await?;
                if a.lead_agency == Some(agency.0)
                    && a.status != body.status
                    && let Some(view) = load_assignment(conn, task).await?
                {
                    follow_status(conn, &ctx2, view, agency, body.status, today).await?;
                }
                // What report_by_id would read back, built without asking.
                let report = Report {
                    id,
                    task_id: task,
                    period_id,
                    agency_id: agency,
                    first_submitted_at: submitted_at.clone(),
                    late,
                    current: Revision {
                        revision: 1,
                        body,
                        submitted_at,
                        late,
                        author: ctx2.actor.as_ref().map(|a| a.name.clone()),
                        request_id: ctx2.request_id.clone(),
                    },
                };
                audit(
                    conn,
                    &ctx2,
                    AuditEntry {
                        action: "report.create",
                        subject_kind: "report",
                        subject_id: Some(id),
                        task_id: Some(task.0),
                        before: None,
                        after: json(&report),
                    },
                )
                .await?;
                let warnings = if a.lead_agency == Some(agency.0) {
                    let filing = filing(&report, &period, today);
                    follow_report(conn, follow, &filing, &seen, Some(data_version)).await?
                } else {
                    FollowUp::Nothing
                };
                Ok((report, warnings))
            })
        })
        .await?;
        Ok(Filed { report, warnings })
    }

    /// Files a correction: a new revision of the report; earlier ones stay.
    pub async fn revise_report(
        &self,
        ctx: &Ctx,
        report_id: i64,
        body: ReportBody,
        now: DateTime<Utc>,
    ) -> Result<Outcome<Report>> {
        Ok(self
            .revise_report_with(ctx, report_id, body, now, None)
            .await?
            .report)
    }

    /// [`Store::revise_report`], handing a lead agency's revision to
    /// `follow` inside the same write job (see [`Follow`]).
    pub async fn revise_report_with(
        &self,
        ctx: &Ctx,
        report_id: i64,
        body: ReportBody,
        now: DateTime<Utc>,
        follow: Option<Follow>,
    ) -> Result<Filed> {
        if ctx.actor.as_ref().is_some_and(|a| !a.may_report_at_all()) {
            return Err(StoreError::Forbidden(
                "vai trò này không gửi báo cáo".into(),
            ));
        }
        let body = body.validated()?;
        let ctx2 = ctx.clone();
        let seen = self.seen_version.clone();
        let (report, warnings) = self
            .write_with(ctx, move |conn| {
                Box::pin(async move {
                    let before = report_by_id(conn, report_id)
                        .await?
                        .ok_or_else(|| StoreError::NotFound(format!("báo cáo #{report_id}")))?;
                    let task = before.task_id;
                    let assignment = load_assignment(conn, task)
                        .await?
                        .unwrap_or_else(|| crate::assign::AssignmentView::unassigned(task));
                    let a = &assignment.assignment;
                    let lead = a.lead_agency == Some(before.agency_id.0);
                    if let Some(actor) = &ctx2.actor
                        && !actor.may_report(before.agency_id.0, a.lead_agency, &a.coordinators)
                    {
                        return Err(StoreError::Forbidden(format!(
                            "{} không được điều chỉnh báo cáo #{report_id}",
                            actor.name
                        )));
                    }
                    let period = period_by_id(conn, before.period_id)
                        .await?
                        .ok_or_else(|| StoreError::Corrupt("a report without its period".into()))?;
                    let today = schedule::local_date(now);
                    period_window_check(&period, today, &ctx2)?;
                    let revision = before.current.revision + 1;
                    let submitted_at = now_text_of(now);
                    let late = schedule::is_late(period.dates.due_on, today);
                    insert_revision(conn, &ctx2, report_id, revision, &body, &submitted_at, late)
                        .await?;
                    sqlx::query("UPDATE reports SET latest_revision = ? WHERE id = ?")
                        .bind(revision)
                        .bind(report_id)
                        .execute(&mut *conn)
                        .await?;
                    follow_status(
                        conn,
                        &ctx2,
                        assignment,
                        before.agency_id,
                        body.status,
                        today,
                    )
                    .await?;
                    let after = report_by_id(conn, report_id)
                        .await?
                        .ok_or_else(|| StoreError::Corrupt("a report vanished".into()))?;
                    audit(
                        conn,
                        &ctx2,
                        AuditEntry {
                            action: "report.revise",
                            subject_kind: "report",
                            subject_id: Some(report_id),
                            task_id: Some(task.0),
                            before: json(&before),
                            after: json(&after),
                        },
                    )
                    .await?;
                    let warnings = if lead {
                        let filing = filing(&after, &period, today);
                        follow_report(conn, follow, &filing, &seen, None).await?
                    } else {
                        FollowUp::Nothing
                    };
                    Ok((after, warnings))
                })
            })
            .await?;
        Ok(Filed { report, warnings })
    }

    /// A report with its latest revision.
    pub async fn report(&self, id: i64) -> Result<Option<Report>> {
        let mut conn = self.pool.acquire().await?;
        report_by_id(&mut conn, id).await
    }

    /// Every revision of a report, oldest first.
    pub async fn report_revisions(&self, id: i64) -> Result<Vec<Revision>> {
        let rows: Vec<ReportRow> = sqlx::query_as(&format!(
            "{REPORT_SELECT} WHERE r.id = ? ORDER BY v.revision"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(ReportRow::revision).collect()
    }

    /// Reports with their latest revision, newest first.
    pub async fn reports(&self, filter: &ReportFilter) -> Result<Page<Report>> {
        let mut qb = sqlx::QueryBuilder::new(format!(
            "{REPORT_SELECT} JOIN tasks t ON t.id = r.task_id WHERE v.revision = r.latest_revision"
        ));
        let mut count = sqlx::QueryBuilder::new(
            "SELECT COUNT(*) FROM reports r JOIN tasks t ON t.id = r.task_id WHERE 1 = 1",
        );
        for q in [&mut qb, &mut count] {
            if let Some(p) = filter.program {
                q.push(" AND t.program_id = ").push_bind(p.0);
            }
            if let Some(t) = filter.task {
                q.push(" AND r.task_id = ").push_bind(t.0);
            }
            if let Some(p) = filter.period {
                q.push(" AND r.period_id = ").push_bind(p);
            }
            if let Some(a) = filter.agency {
                q.push(" AND r.agency_id = ").push_bind(a.0);
            }
            if let Some(late) = filter.late {
                q.push(" AND r.late = ").push_bind(late);
            }
            if let Some(a) = filter.visible_to_agency {
                q.push(" AND (EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = r.task_id AND a.lead_agency_id = ")
                    .push_bind(a.0)
                    .push(") OR EXISTS (SELECT 1 FROM assignment_coordinators c WHERE c.task_id = r.task_id AND c.agency_id = ")
                    .push_bind(a.0)
                    .push("))");
            }
        }
        let (page, per_page) = crate::model::page_bounds(filter.page, filter.per_page);
        qb.push(" ORDER BY r.id DESC LIMIT ")
            .push_bind(i64::from(per_page))
            .push(" OFFSET ")
            .push_bind(i64::from(page - 1) * i64::from(per_page));
        let rows: Vec<ReportRow> = qb.build_query_as().fetch_all(&self.pool).await?;
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
        Ok(Page {
            items: rows.iter().map(ReportRow::report).collect::<Result<_>>()?,
            page,
            per_page,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// Who reported in a period, who was late, who is missing. Expected: the
    /// lead agency of every assigned task of the program that is neither
    /// paused nor cancelled, had started by the end of the data window and
    /// had not finished before it began.
    pub async fn completeness(&self, period_id: i64) -> Result<PeriodCompleteness> {
        self.completeness_of(&[period_id])
            .await?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("kỳ báo cáo #{period_id}")))
    }

    /// [`Store::completeness`] of several periods of one program (a year's
    /// months for the annual report), reading the assignments and the
    /// reports once; in the order given. A period that does not exist is
    /// refused.
    pub async fn completeness_of(&self, period_ids: &[i64]) -> Result<Vec<PeriodCompleteness>> {
        let mut conn = self.pool.acquire().await?;
        let mut periods = Vec::with_capacity(period_ids.len());
        for id in period_ids {
            periods.push(
                period_by_id(&mut conn, *id)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("kỳ báo cáo #{id}")))?,
            );
        }
        let Some(first) = periods.first() else {
            return Ok(Vec::new());
        };
        let program = first.program_id;
        if periods.iter().any(|p| p.program_id != program) {
            return Err(StoreError::Corrupt(
                "completeness of periods of several programs".into(),
            ));
        }
        // Every lead assignment that could be expected in one of the
        // periods; each period keeps those under way in its window.
        type Lead = (i64, i64, Option<String>, Option<String>);
        let leads: Vec<Lead> = sqlx::query_as(
            "SELECT a.task_id, a.lead_agency_id, a.start_on, a.finished_on \
             FROM assignments a JOIN tasks t ON t.id = a.task_id \
             WHERE t.program_id = ? AND a.lead_agency_id IS NOT NULL \
             AND a.status NOT IN ('paused', 'cancelled')",
        )
        .bind(program.0)
        .fetch_all(&mut *conn)
        .await?;
        let mut received: std::collections::HashMap<i64, Vec<Received>> =
            std::collections::HashMap::new();
        for id in period_ids {
            let rows: Vec<(i64, i64, bool)> =
                sqlx::query_as("SELECT task_id, agency_id, late FROM reports WHERE period_id = ?")
                    .bind(id)
                    .fetch_all(&mut *conn)
                    .await?;
            received.insert(
                *id,
                rows.into_iter()
                    .map(|(task, agency, late)| Received { task, agency, late })
                    .collect(),
            );
        }
        let names: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM agencies")
            .fetch_all(&mut *conn)
            .await?;
        drop(conn);
        let names: std::collections::HashMap<i64, String> = names.into_iter().collect();
        let mut out = Vec::with_capacity(periods.len());
        for period in periods {
            // ISO dates compare as text.
            let (start, end) = (
                period.dates.window_start.to_string(),
                period.dates.window_end.to_string(),
            );
            let expected: Vec<Expected> = leads
                .iter()
                .filter(|(_, _, s, f)| {
                    s.as_deref().is_none_or(|s| s <= end.as_str())
                        && f.as_deref().is_none_or(|f| f >= start.as_str())
                })
                .map(|(task, agency, ..)| Expected {
                    task: *task,
                    agency: *agency,
                })
                .collect();
            let got = received.remove(&period.id).unwrap_or_default();
            let rows = schedule::completeness(&expected, &got);
            let mut one = PeriodCompleteness {
                period,
                agencies: Vec::with_capacity(rows.len()),
                expected: 0,
                received: 0,
                on_time: 0,
                late: 0,
                missing: 0,
            };
            for AgencyCompleteness {
                agency,
                expected,
                received,
                on_time,
                late,
                missing,
            } in rows
            {
                one.expected += expected;
                one.received += received;
                one.on_time += on_time;
                one.late += late;
                one.missing += missing;
                one.agencies.push(AgencyCompletenessRow {
                    agency_id: AgencyId(agency),
                    agency_name: names.get(&agency).cloned().unwrap_or_default(),
                    expected,
                    received,
                    on_time,
                    late,
                    missing,
                });
            }
            out.push(one);
        }
        Ok(out)
    }
}

/// One agency's reporting in one period, for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyPeriodReporting {
    pub period: Period,
    pub row: AgencyCompletenessRow,
}

impl Store {
    /// How `agency` reported, period by period, for every period that had
    /// opened by `until` (newest first), counted as [`Store::completeness`]
    /// counts: the tasks it leads that were under way in the window.
    /// Periods in which it was expected to report nothing are left out.
    pub async fn agency_reporting(
        &self,
        agency: AgencyId,
        until: NaiveDate,
    ) -> Result<Vec<AgencyPeriodReporting>> {
        let mut conn = self.pool.acquire().await?;
        let name: Option<String> = sqlx::query_scalar("SELECT name FROM agencies WHERE id = ?")
            .bind(agency.0)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(name) = name else {
            return Err(StoreError::NotFound(format!("cơ quan #{}", agency.0)));
        };
        type Led = (i64, i64, Option<String>, Option<String>);
        let led: Vec<Led> = sqlx::query_as(
            "SELECT a.task_id, t.program_id, a.start_on, a.finished_on FROM assignments a \
             JOIN tasks t ON t.id = a.task_id \
             WHERE a.lead_agency_id = ? AND a.status NOT IN ('paused', 'cancelled')",
        )
        .bind(agency.0)
        .fetch_all(&mut *conn)
        .await?;
        let day = |d: Option<String>| -> Result<Option<NaiveDate>> {
            d.map(|d| {
                NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                    .map_err(|_| StoreError::Corrupt(format!("date {d}")))
            })
            .transpose()
        };
        let mut tasks = Vec::with_capacity(led.len());
        for (task, program, start, finished) in led {
            tasks.push((task, program, day(start)?, day(finished)?));
        }
        let received: Vec<(i64, i64, bool)> =
            sqlx::query_as("SELECT task_id, period_id, late FROM reports WHERE agency_id = ?")
                .bind(agency.0)
                .fetch_all(&mut *conn)
                .await?;
        drop(conn);
        let mut programs: Vec<i64> = tasks.iter().map(|t| t.1).collect();
        programs.sort_unstable();
        programs.dedup();
        let mut out = Vec::new();
        for program in programs {
            for period in self.periods(ProgramId(program)).await? {
                if period.dates.opens_on > until {
                    continue;
                }
                let (start, end) = (period.dates.window_start, period.dates.window_end);
                let expected: Vec<Expected> = tasks
                    .iter()
                    .filter(|(_, p, s, f)| {
                        *p == program && s.is_none_or(|s| s <= end) && f.is_none_or(|f| f >= start)
                    })
                    .map(|(task, ..)| Expected {
                        task: *task,
                        agency: agency.0,
                    })
                    .collect();
                let got: Vec<Received> = received
                    .iter()
                    .filter(|(_, p, _)| *p == period.id)
                    .map(|&(task, _, late)| Received {
                        task,
                        agency: agency.0,
                        late,
                    })
                    .collect();
                if let Some(c) = schedule::completeness(&expected, &got).pop() {
                    out.push(AgencyPeriodReporting {
                        period,
                        row: AgencyCompletenessRow {
                            agency_id: agency,
                            agency_name: name.clone(),
                            expected: c.expected,
                            received: c.received,
                            on_time: c.on_time,
                            late: c.late,
                            missing: c.missing,
                        },
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            b.period
                .dates
                .window_end
                .cmp(&a.period.dates.window_end)
                .then(b.period.id.cmp(&a.period.id))
        });
        Ok(out)
    }
}

fn now_text_of(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
