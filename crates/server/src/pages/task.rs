//! One task's page: what the document says, who leads and coordinates it and
//! by when, its planned trajectory against the lead agency's reported
//! percentages as a chart drawn here in SVG (readable in print, Vietnamese
//! numbers), its reports newest first with their earlier revisions, its
//! warnings and its audit trail. Reports and the trail follow the API's
//! rule: a reporter reads them only for tasks its agency takes part in. The
//! body refreshes itself when reports or warnings change.

use std::collections::HashMap;
use std::fmt::Write as _;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use tiendo_core::vn::format_number;
use tiendo_core::warning::planned_percent;
use tiendo_store::{
    AuditFilter, ReportFilter, StateFilter, StoreError, TaskId, WarningFilter, WarningState,
};

use super::audit::{self, AuditLine, Names};
use super::{AppState, Nav, Visitor, WarningLine, framed, local_day, part, render};

/// An earlier revision of a report, as it read before a correction.
struct EarlierRevision {
    revision: i64,
    percent: String,
    status: &'static str,
    submitted: String,
    author: String,
}

struct ReportLine {
    period: String,
    agency: String,
    agency_id: i64,
    percent: String,
    status: &'static str,
    submitted: String,
    late: bool,
    revision: i64,
    done: String,
    obstacles: String,
    proposals: String,
    author: String,
    earlier: Vec<EarlierRevision>,
}

/// An agency with its page.
struct AgencyLink {
    id: i64,
    name: String,
}

#[derive(Template)]
#[template(path = "task.html")]
struct TaskPage {
    page: &'static str,
    nav: Option<Nav>,
    title: String,
    id: i64,
    /// [`TaskBody`], rendered: the part that refreshes itself.
    body: String,
}

#[derive(Template)]
#[template(path = "task_body.html")]
struct TaskBody {
    section: String,
    kind: &'static str,
    lead: Option<AgencyLink>,
    coordinators: Vec<AgencyLink>,
    deadline: String,
    start: String,
    status: &'static str,
    status_code: &'static str,
    percent: String,
    milestones: Vec<String>,
    budget: String,
    assigned: bool,
    chart: String,
    /// The visitor may read the reports and the audit trail.
    sees_reports: bool,
    reports: Vec<ReportLine>,
    warnings: Vec<(WarningLine, &'static str)>,
    audit: Vec<AuditLine>,
    audit_more: bool,
}

/// Audit entries the page lists.
const AUDIT_ROWS: u32 = 50;

/// What the page says of a task that does not exist.
const MISSING: &str = "Không có nhiệm vụ này.";

pub(super) async fn task(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Response {
    let made = body(&state, &visitor, TaskId(id)).await;
    let frame = |title, body| {
        render(&TaskPage {
            page: "task",
            nav: visitor.nav(),
            title,
            id,
            body,
        })
    };
    framed(made, frame, MISSING)
}

/// The page without its frame, for the live refresh.
pub(super) async fn task_part(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Response {
    part(body(&state, &visitor, TaskId(id)).await, MISSING)
}

async fn body(
    state: &AppState,
    visitor: &Visitor,
    id: TaskId,
) -> Result<Option<(String, TaskBody)>, StoreError> {
    let Some(detail) = state.store.task(id).await? else {
        return Ok(None);
    };
    let t = &detail.summary;
    let assignment = detail.assignment.as_ref().map(|a| &a.assignment);
    let start = assignment.and_then(|a| a.start);
    let deadline = t.deadline;
    let milestones = assignment.map(|a| a.milestones.clone()).unwrap_or_default();
    let coordinators = assignment
        .map(|a| a.coordinators.clone())
        .unwrap_or_default();
    let sees_reports = visitor
        .actor
        .sees_task_reports(t.lead_agency_id.map(|a| a.0), &coordinators);
    let periods: HashMap<i64, (String, NaiveDate)> = state
        .store
        .periods(t.program_id)
        .await?
        .into_iter()
        .map(|p| (p.id, (p.label, p.dates.window_end)))
        .collect();
    let reports = if sees_reports {
        state
            .store
            .reports(&ReportFilter {
                task: Some(id),
                per_page: 200,
                ..ReportFilter::default()
            })
            .await?
            .items
    } else {
        Vec::new()
    };
    // The lead agency's reported points, as of their window's end.
    let mut points: Vec<(NaiveDate, Decimal)> = reports
        .iter()
        .filter(|r| Some(r.agency_id) == t.lead_agency_id)
        .filter_map(|r| {
            periods
                .get(&r.period_id)
                .map(|(_, end)| (*end, r.current.body.percent))
        })
        .collect();
    points.sort();
    let agencies: HashMap<i64, String> = state
        .store
        .agencies()
        .await?
        .into_iter()
        .map(|a| (a.id.0, a.name))
        .collect();
    let link = |id: i64| AgencyLink {
        id,
        name: agencies.get(&id).cloned().unwrap_or_default(),
    };
    let warnings = state
        .store
        .warnings(
            &WarningFilter {
                subject_kind: Some(tiendo_core::warning::SubjectKind::Task),
                subject_id: Some(id.0),
                state: StateFilter::All,
                per_page: 50,
                ..WarningFilter::default()
            },
            &visitor.actor,
        )
        .await?;
    let mut lines = Vec::with_capacity(reports.len());
    for r in &reports {
        let earlier = if r.current.revision > 1 {
            let mut all = state.store.report_revisions(r.id).await?;
            all.retain(|v| v.revision < r.current.revision);
            all.sort_by_key(|v| std::cmp::Reverse(v.revision));
            all.into_iter()
                .map(|v| EarlierRevision {
                    revision: v.revision,
                    percent: format!("{}%", format_number(v.body.percent)),
                    status: v.body.status.label_vi(),
                    submitted: local_day(&v.submitted_at),
                    author: v.author.unwrap_or_default(),
                })
                .collect()
        } else {
            Vec::new()
        };
        lines.push(ReportLine {
            period: periods
                .get(&r.period_id)
                .map(|(label, _)| label.clone())
                .unwrap_or_default(),
            agency: agencies.get(&r.agency_id.0).cloned().unwrap_or_default(),
            agency_id: r.agency_id.0,
            percent: format!("{}%", format_number(r.current.body.percent)),
            status: r.current.body.status.label_vi(),
            submitted: local_day(&r.current.submitted_at),
            late: r.current.late,
            revision: r.current.revision,
            done: r.current.body.done.clone(),
            obstacles: r.current.body.obstacles.clone(),
            proposals: r.current.body.proposals.clone(),
            author: r.current.author.clone().unwrap_or_default(),
            earlier,
        });
    }
    let (audit, audit_more) = if sees_reports {
        let page = state
            .store
            .audit_log(&AuditFilter {
                task: Some(id),
                per_page: AUDIT_ROWS,
                ..AuditFilter::default()
            })
            .await?;
        let labels: HashMap<i64, String> = periods
            .iter()
            .map(|(id, (label, _))| (*id, label.clone()))
            .collect();
        let names = Names {
            agencies: &agencies,
            periods: &labels,
            money: visitor.actor.sees_money(),
        };
        let more = page.total > page.items.len() as u64;
        (
            page.items.iter().map(|r| audit::line(r, &names)).collect(),
            more,
        )
    } else {
        (Vec::new(), false)
    };
    let day = |d: Option<NaiveDate>| {
        d.map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default()
    };
    let body = TaskBody {
        chart: chart(start, deadline, &milestones, &points),
        section: t.section.clone(),
        kind: t.kind.label_vi(),
        lead: t.lead_agency_id.map(|a| link(a.0)),
        coordinators: coordinators.iter().map(|a| link(*a)).collect(),
        deadline: day(deadline),
        start: day(start),
        status: t.status.label_vi(),
        status_code: t.status.code(),
        percent: t
            .percent
            .filter(|_| sees_reports)
            .map(|p| format!("{}%", format_number(p)))
            .unwrap_or_default(),
        milestones: milestones
            .iter()
            .map(|m| {
                format!(
                    "{}% đến {}",
                    format_number(m.planned_percent),
                    m.date.format("%d/%m/%Y")
                )
            })
            .collect(),
        budget: assignment
            .and_then(|a| a.budget)
            .filter(|_| visitor.actor.sees_money())
            .map(|b| format!("{} đồng", format_number(b)))
            .unwrap_or_default(),
        assigned: t.assigned,
        sees_reports,
        reports: lines,
        warnings: warnings
            .items
            .iter()
            .map(|w| {
                let state = match w.state {
                    WarningState::Raised => "Mới phát sinh",
                    WarningState::Acknowledged => "Đã ghi nhận",
                    WarningState::Resolved => "Đã giải trừ",
                };
                (WarningLine::of(w), state)
            })
            .collect(),
        audit,
        audit_more,
    };
    Ok(Some((t.title.clone(), body)))
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 36.0;

/// The planned trajectory (a line) and the reported percentages (dots and a
/// line) over time, as an SVG with a text alternative. Empty when the task
/// has neither a schedule nor reports.
fn chart(
    start: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
    milestones: &[tiendo_core::Milestone],
    reported: &[(NaiveDate, Decimal)],
) -> String {
    let mut days: Vec<NaiveDate> = reported.iter().map(|(d, _)| *d).collect();
    days.extend(start);
    days.extend(deadline);
    days.extend(milestones.iter().map(|m| m.date));
    let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) else {
        return String::new();
    };
    let span = (last - first).num_days().max(1) as f64;
    let x = |d: NaiveDate| LEFT + (d - first).num_days() as f64 / span * (WIDTH - LEFT - RIGHT);
    let y = |p: Decimal| {
        let p = p.to_f64().unwrap_or(0.0).clamp(0.0, 100.0);
        TOP + (100.0 - p) / 100.0 * (HEIGHT - TOP - BOTTOM)
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
         aria-labelledby=\"bd-tieu-de\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"bd-tieu-de\">Tiến độ kế hoạch và thực tế</title>"
    );
    for p in [0, 25, 50, 75, 100] {
        let yy = y(Decimal::from(p));
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" class=\"grid-line\"/>\
             <text x=\"{}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"end\">{p}%</text>",
            WIDTH - RIGHT,
            LEFT - 6.0,
            yy + 4.0
        );
    }
    for (d, anchor) in [(first, "start"), (last, "end")] {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" class=\"axis\" text-anchor=\"{anchor}\">{}</text>",
            x(d),
            HEIGHT - 12.0,
            d.format("%d/%m/%Y")
        );
    }
    // The plan, sampled where it bends: its start, each milestone, the deadline.
    let mut bends: Vec<NaiveDate> = start.into_iter().chain(deadline).collect();
    bends.extend(milestones.iter().map(|m| m.date));
    bends.sort();
    bends.dedup();
    let plan: Vec<String> = bends
        .iter()
        .filter_map(|d| {
            planned_percent(start, deadline, milestones, *d)
                .map(|p| format!("{:.1},{:.1}", x(*d), y(p)))
        })
        .collect();
    if plan.len() >= 2 {
        let _ = write!(
            svg,
            "<polyline points=\"{}\" class=\"plan\"/>",
            plan.join(" ")
        );
    }
    if !reported.is_empty() {
        let line: Vec<String> = reported
            .iter()
            .map(|(d, p)| format!("{:.1},{:.1}", x(*d), y(*p)))
            .collect();
        let _ = write!(
            svg,
            "<polyline points=\"{}\" class=\"actual\"/>",
            line.join(" ")
        );
        for (d, p) in reported {
            let _ = write!(
                svg,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" class=\"actual-dot\">\
                 <title>{}: {}%</title></circle>",
                x(*d),
                y(*p),
                d.format("%d/%m/%Y"),
                format_number(*p)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}
