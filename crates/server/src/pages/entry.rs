//! Report entry for a reporting agency: the period open now, the agency's
//! tasks, one form per task prefilled from its last report. Numbers are
//! typed the Vietnamese way (`35,5`, `1.500.000.000`). A refused value is
//! said beside its field and everything typed stays in the form; a report
//! already filed this period is corrected by sending the form again (a new
//! revision).

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use rust_decimal::Decimal;
use serde::Deserialize;
use tiendo_core::schedule::local_date;
use tiendo_core::vn::{format_number, parse_number};
use tiendo_core::{Money, ReportBody, TaskStatus};
use tiendo_store::{
    AgencyId, Ctx, NewReport, Period, Report, ReportFilter, StoreError, TaskFilter, TaskId,
};

use super::{AppState, Nav, Visitor, failure, local_day, message_page, render};

/// Tasks one page lists for an agency.
const MAX_TASKS: u32 = 500;

/// What a form shows: typed values (as typed), or a report's.
#[derive(Clone, Default)]
struct Fields {
    status: String,
    percent: String,
    done: String,
    obstacles: String,
    proposals: String,
    required: String,
    allocated: String,
    disbursed: String,
}

impl Fields {
    fn of(report: &Report) -> Self {
        let body = &report.current.body;
        let money = |d: Option<Decimal>| d.map(format_number).unwrap_or_default();
        Fields {
            status: body.status.code().to_string(),
            percent: format_number(body.percent),
            done: body.done.clone(),
            obstacles: body.obstacles.clone(),
            proposals: body.proposals.clone(),
            required: money(body.money.required),
            allocated: money(body.money.allocated),
            disbursed: money(body.money.disbursed),
        }
    }
}

struct StatusChoice {
    code: &'static str,
    label: &'static str,
}

struct TaskForm {
    task: i64,
    title: String,
    section: String,
    deadline: String,
    lead: bool,
    /// The report of this period, if filed: the form sends a revision.
    filed: Option<String>,
    /// Just sent.
    sent: bool,
    fields: Fields,
    /// The field refused and why (`percent`, `money.allocated`…).
    error: Option<(String, String)>,
}

impl TaskForm {
    fn error_for(&self, field: &str) -> Option<&str> {
        match &self.error {
            Some((f, message)) if f == field => Some(message),
            _ => None,
        }
    }

    /// A refusal that names no field of the form, said above it.
    fn general_error(&self) -> Option<&str> {
        const FIELDS: [&str; 8] = [
            "status",
            "percent",
            "done",
            "obstacles",
            "proposals",
            "money.required",
            "money.allocated",
            "money.disbursed",
        ];
        match &self.error {
            Some((f, message)) if !FIELDS.contains(&f.as_str()) => Some(message),
            _ => None,
        }
    }
}

#[derive(Template)]
#[template(path = "report_entry.html")]
struct EntryPage {
    page: &'static str,
    nav: Option<Nav>,
    agency: String,
    period: Option<String>,
    period_id: i64,
    due: String,
    money: bool,
    statuses: Vec<StatusChoice>,
    tasks: Vec<TaskForm>,
    csrf: String,
}

/// The period reports are filed for now: open today, the one due first.
pub(super) async fn current_period(state: &AppState) -> Result<Option<Period>, StoreError> {
    let today = local_date(Utc::now());
    let mut open = Vec::new();
    for program in state.store.programs().await? {
        open.extend(
            state
                .store
                .periods(program.id)
                .await?
                .into_iter()
                .filter(|p| p.dates.opens_on <= today && today <= p.dates.closes_on),
        );
    }
    open.sort_by_key(|p| (p.dates.due_on, p.id));
    Ok(open.into_iter().next())
}

/// The page, with `refused` (task, typed fields, field, message) or `sent`
/// (task) shown on its task.
async fn entry_page(
    state: &AppState,
    visitor: &Visitor,
    agency: AgencyId,
    refused: Option<(i64, Fields, String, String)>,
    sent: Option<i64>,
) -> Result<EntryPage, StoreError> {
    let period = current_period(state).await?;
    let agency_name = state
        .store
        .agencies()
        .await?
        .into_iter()
        .find(|a| a.id == agency)
        .map(|a| a.name)
        .unwrap_or_default();
    let tasks = state
        .store
        .tasks(&TaskFilter {
            agency: Some(agency),
            per_page: MAX_TASKS,
            ..TaskFilter::default()
        })
        .await?;
    let mut forms = Vec::with_capacity(tasks.items.len());
    for t in tasks.items {
        let history = state
            .store
            .reports(&ReportFilter {
                task: Some(t.id),
                agency: Some(agency),
                per_page: 20,
                ..ReportFilter::default()
            })
            .await?;
        let this_period = period
            .as_ref()
            .and_then(|p| history.items.iter().find(|r| r.period_id == p.id));
        let mut fields = history
            .items
            .first()
            .map(Fields::of)
            .unwrap_or_else(|| Fields {
                status: t.status.code().to_string(),
                ..Fields::default()
            });
        let mut error = None;
        if let Some((task, typed, field, message)) = &refused
            && *task == t.id.0
        {
            fields = typed.clone();
            error = Some((field.clone(), message.clone()));
        }
        forms.push(TaskForm {
            task: t.id.0,
            section: t.section,
            deadline: t
                .deadline
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            lead: t.lead_agency_id == Some(agency),
            filed: this_period.map(|r| local_day(&r.current.submitted_at)),
            sent: sent == Some(t.id.0),
            title: t.title,
            fields,
            error,
        });
    }
    Ok(EntryPage {
        page: "entry",
        nav: visitor.nav(),
        agency: agency_name,
        period_id: period.as_ref().map_or(0, |p| p.id),
        due: period
            .as_ref()
            .map(|p| p.dates.due_on.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
        period: period.map(|p| p.label),
        money: visitor.actor.sees_money(),
        statuses: TaskStatus::ALL
            .iter()
            .map(|s| StatusChoice {
                code: s.code(),
                label: s.label_vi(),
            })
            .collect(),
        tasks: forms,
        csrf: visitor.csrf.clone(),
    })
}

fn reporter_agency(visitor: &Visitor) -> Option<AgencyId> {
    visitor.actor.agency.map(AgencyId)
}

fn not_a_reporter() -> Response {
    (
        StatusCode::FORBIDDEN,
        message_page(
            "Trang nhập báo cáo dành cho cán bộ báo cáo của một cơ quan; \
             tài khoản này không gắn với cơ quan nào.",
        ),
    )
        .into_response()
}

pub(super) async fn entry(
    State(state): State<AppState>,
    visitor: Visitor,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(agency) = reporter_agency(&visitor) else {
        return not_a_reporter();
    };
    // `?da-gui=12`: the report of task 12 was just sent.
    let sent = query.as_deref().and_then(|q| {
        q.split('&')
            .find_map(|pair| pair.strip_prefix("da-gui="))
            .and_then(|id| id.parse().ok())
    });
    match entry_page(&state, &visitor, agency, None, sent).await {
        Ok(page) => render(&page),
        Err(e) => failure(&e.to_string()),
    }
}

#[derive(Deserialize)]
pub(super) struct EntryForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    task_id: i64,
    #[serde(default)]
    period_id: i64,
    #[serde(default)]
    status: String,
    #[serde(default)]
    percent: String,
    #[serde(default)]
    done: String,
    #[serde(default)]
    obstacles: String,
    #[serde(default)]
    proposals: String,
    #[serde(default)]
    required: String,
    #[serde(default)]
    allocated: String,
    #[serde(default)]
    disbursed: String,
}

impl EntryForm {
    fn fields(&self) -> Fields {
        Fields {
            status: self.status.clone(),
            percent: self.percent.clone(),
            done: self.done.clone(),
            obstacles: self.obstacles.clone(),
            proposals: self.proposals.clone(),
            required: self.required.clone(),
            allocated: self.allocated.clone(),
            disbursed: self.disbursed.clone(),
        }
    }

    /// The report the form says, or the field it cannot read and why.
    fn body(&self) -> Result<ReportBody, (String, String)> {
        let status = TaskStatus::from_code(&self.status)
            .ok_or_else(|| ("status".to_string(), "Hãy chọn tình trạng.".to_string()))?;
        let number = |field: &str, text: &str| -> Result<Option<Decimal>, (String, String)> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            parse_number(text).map(Some).ok_or_else(|| {
                (
                    field.to_string(),
                    format!("“{text}” không phải là một số (viết như 35,5 hoặc 1.500.000)."),
                )
            })
        };
        let percent = number("percent", &self.percent)?.ok_or_else(|| {
            (
                "percent".to_string(),
                "Hãy nhập tỷ lệ hoàn thành (%).".to_string(),
            )
        })?;
        Ok(ReportBody {
            status,
            percent,
            done: self.done.clone(),
            obstacles: self.obstacles.clone(),
            proposals: self.proposals.clone(),
            money: Money {
                required: number("money.required", &self.required)?,
                allocated: number("money.allocated", &self.allocated)?,
                disbursed: number("money.disbursed", &self.disbursed)?,
            },
            evidence: Vec::new(),
            estimate: false,
        })
    }
}

pub(super) async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    axum::Form(form): axum::Form<EntryForm>,
) -> Response {
    if form.csrf != visitor.csrf {
        return super::stale_form();
    }
    let Some(agency) = reporter_agency(&visitor) else {
        return not_a_reporter();
    };
    let refuse = async |field: String, message: String| {
        let refused = Some((form.task_id, form.fields(), field, message));
        match entry_page(&state, &visitor, agency, refused, None).await {
            Ok(page) => {
                let mut res = render(&page);
                *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                res
            }
            Err(e) => failure(&e.to_string()),
        }
    };
    let body = match form.body() {
        Ok(body) => body,
        Err((field, message)) => return refuse(field, message).await,
    };
    let task = TaskId(form.task_id);
    // This period's report of the agency, if any: the form then corrects it.
    let existing = match state
        .store
        .reports(&ReportFilter {
            task: Some(task),
            period: Some(form.period_id),
            agency: Some(agency),
            per_page: 1,
            ..ReportFilter::default()
        })
        .await
    {
        Ok(page) => page.items.into_iter().next(),
        Err(e) => return failure(&e.to_string()),
    };
    let ctx = Ctx::of(visitor.actor.clone());
    let result = match existing {
        Some(report) => {
            state
                .warnings
                .file(task, |follow| {
                    state
                        .store
                        .revise_report_with(&ctx, report.id, body, Utc::now(), Some(follow))
                })
                .await
        }
        None => {
            let new = NewReport {
                task_id: task,
                period_id: form.period_id,
                agency_id: Some(agency),
                body,
            };
            state
                .warnings
                .file(task, |follow| {
                    state
                        .store
                        .submit_report_with(&ctx, new, Utc::now(), Some(follow))
                })
                .await
        }
    };
    match result {
        Ok(_) => {
            let _ = state.live.send(crate::Live::Report);
            Redirect::to(&format!("/bao-cao?da-gui={}#nv-{}", task.0, task.0)).into_response()
        }
        Err(StoreError::Rejected(r)) => refuse(r.field, r.message).await,
        Err(StoreError::Forbidden(why)) => (
            StatusCode::FORBIDDEN,
            message_page(&format!("Không gửi được báo cáo: {why}.")),
        )
            .into_response(),
        Err(e) => failure(&e.to_string()),
    }
}
