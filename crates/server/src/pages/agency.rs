//! An agency's page: the tasks it leads and coordinates with their status,
//! % and warnings; how it reported, period by period (received, on time,
//! late, missing), as a table and a stacked-bar chart drawn here in SVG; and
//! its open warnings. Refreshes itself when reports or warnings change.

use std::fmt::Write as _;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use rust_decimal::Decimal;
use tiendo_core::TaskStatus;
use tiendo_core::vn::format_number;
use tiendo_store::{
    AgencyId, AgencyPeriodReporting, MAX_PER_PAGE, StoreError, TaskFilter, WarningFilter,
};

use super::{
    AppState, Nav, PeriodCounts, StatusHead, TaskRow, Visitor, WarningLine, count, framed, part,
    render, tasks_with_levels,
};

/// Periods the chart shows, the latest.
const CHART_PERIODS: usize = 12;
/// Open warnings the page lists.
const WARNINGS: u32 = 10;

#[derive(Template)]
#[template(path = "agency.html")]
struct AgencyPage {
    page: &'static str,
    nav: Option<Nav>,
    name: String,
    id: i64,
    /// The periods its consolidated report can be downloaded for.
    periods: Vec<super::Choice>,
    body: String,
}

#[derive(Template)]
#[template(path = "agency_body.html")]
struct AgencyBody {
    id: i64,
    aliases: String,
    leads: String,
    coordinates: String,
    statuses: Vec<StatusHead>,
    periods: Vec<PeriodCounts>,
    chart: String,
    tasks: Vec<TaskRow>,
    tasks_more: bool,
    warnings: Vec<WarningLine>,
    warnings_total: String,
}

/// What the page says of an agency that does not exist.
const MISSING: &str = "Không có cơ quan này trong danh mục.";

pub(super) async fn agency(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Response {
    let made = body(&state, &visitor, AgencyId(id)).await;
    let periods = match super::download::choices(&state.store, state.warnings.today()).await {
        Ok(p) => p,
        Err(e) => return super::failure(&e.to_string()),
    };
    let frame = |name, body| {
        render(&AgencyPage {
            page: "agency",
            nav: visitor.nav(),
            name,
            id,
            periods,
            body,
        })
    };
    framed(made, frame, MISSING)
}

/// The page without its frame, for the live refresh.
pub(super) async fn agency_part(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Response {
    part(body(&state, &visitor, AgencyId(id)).await, MISSING)
}

async fn body(
    state: &AppState,
    visitor: &Visitor,
    id: AgencyId,
) -> Result<Option<(String, AgencyBody)>, StoreError> {
    let Some(agency) = state.store.agency(id).await? else {
        return Ok(None);
    };
    let filter = TaskFilter {
        agency: Some(id),
        per_page: MAX_PER_PAGE,
        ..TaskFilter::default()
    };
    let (tasks, levels) = tasks_with_levels(state, visitor, &filter).await?;
    let mut by_status = [0u32; 7];
    let mut leads = 0u32;
    for t in tasks.items.iter().filter(|t| t.lead_agency_id == Some(id)) {
        leads += 1;
        by_status[t.status.index()] += 1;
    }
    let today = state.warnings.today();
    let reporting = state.store.agency_reporting(id, today).await?;
    let warnings = state
        .store
        .warnings(
            &WarningFilter {
                agency: Some(id),
                per_page: WARNINGS,
                ..WarningFilter::default()
            },
            &visitor.actor,
        )
        .await?;
    let body = AgencyBody {
        id: id.0,
        aliases: agency.aliases.join(" · "),
        leads: count(leads),
        coordinates: count(tasks.items.len() as u32 - leads),
        statuses: TaskStatus::ALL
            .iter()
            .zip(by_status)
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| StatusHead {
                code: s.code(),
                label: s.label_vi(),
                count: count(n),
            })
            .collect(),
        chart: chart(&reporting, today),
        periods: reporting
            .iter()
            .map(|p| PeriodCounts::of(&p.period, &p.row, today))
            .collect(),
        tasks_more: tasks.total > tasks.items.len() as u64,
        tasks: tasks
            .items
            .iter()
            .map(|t| TaskRow {
                role: if t.lead_agency_id == Some(id) {
                    "Chủ trì"
                } else {
                    "Phối hợp"
                },
                ..TaskRow::of(t, levels.get(&t.id))
            })
            .collect(),
        warnings_total: count(warnings.total),
        warnings: warnings.items.iter().map(WarningLine::of).collect(),
    };
    Ok(Some((agency.name, body)))
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 236.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 60.0;

/// The latest periods as stacked bars of expected reports: on time, late,
/// missing (grey while the period is not yet due), oldest on the left; each
/// bar's parts carry their numbers in a tooltip and the table below says
/// the same in words.
fn chart(reporting: &[AgencyPeriodReporting], today: chrono::NaiveDate) -> String {
    let shown: Vec<&AgencyPeriodReporting> = reporting.iter().take(CHART_PERIODS).rev().collect();
    let Some(most) = shown.iter().map(|p| p.row.expected).max() else {
        return String::new();
    };
    let most = f64::from(most.max(1));
    let plot = HEIGHT - TOP - BOTTOM;
    let slot = (WIDTH - LEFT - RIGHT) / shown.len() as f64;
    let bar = (slot * 0.6).min(40.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
         aria-labelledby=\"bd-bao-cao\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"bd-bao-cao\">Báo cáo đúng hạn, muộn và chưa gửi theo kỳ</title>"
    );
    for step in [0.0, 0.5, 1.0] {
        let y = TOP + plot * (1.0 - step);
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" class=\"grid-line\"/>\
             <text x=\"{}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"end\">{}</text>",
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            format_number(
                Decimal::from_f64_retain(most * step)
                    .unwrap_or_default()
                    .round()
            )
        );
    }
    for (i, p) in shown.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let mut base = TOP + plot;
        let (missing, word) = if p.period.dates.due_on >= today {
            ("pending", "chưa gửi, chưa đến hạn")
        } else {
            ("missing", "chưa gửi")
        };
        for (n, class, word) in [
            (p.row.on_time, "on-time", "đúng hạn"),
            (p.row.late, "late", "muộn"),
            (p.row.missing, missing, word),
        ] {
            if n == 0 {
                continue;
            }
            let h = f64::from(n) / most * plot;
            base -= h;
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{base:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" \
                 class=\"{class}\"><title>{}: {} {word}</title></rect>",
                p.period.label,
                count(n)
            );
        }
        // Labels slant so that a year of months fits under the bars.
        let (lx, ly) = (x + bar / 2.0 + 4.0, HEIGHT - BOTTOM + 14.0);
        let _ = write!(
            svg,
            "<text x=\"{lx:.1}\" y=\"{ly:.1}\" class=\"axis\" text-anchor=\"end\" \
             transform=\"rotate(-35 {lx:.1} {ly:.1})\">{}</text>",
            short_label(&p.period.label)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A period's label short enough for under a bar: `Tháng 8/2026` → `8/2026`,
/// `Quý III/2026` → `QIII/2026`, `6 tháng đầu năm 2026` → `6T/2026`.
fn short_label(label: &str) -> String {
    if let Some(rest) = label.strip_prefix("Tháng ") {
        return rest.to_string();
    }
    if let Some(rest) = label.strip_prefix("Quý ") {
        return format!("Q{rest}");
    }
    let year = label.rsplit_once(' ').map_or(label, |(_, tail)| tail);
    match label.split_whitespace().next() {
        Some(n) if label.contains(" tháng ") => format!("{n}T/{year}"),
        _ => year.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_labels_fit_under_a_bar() {
        assert_eq!(short_label("Tháng 8/2026"), "8/2026");
        assert_eq!(short_label("Quý III/2026"), "QIII/2026");
        assert_eq!(short_label("6 tháng đầu năm 2026"), "6T/2026");
        assert_eq!(short_label("9 tháng năm 2026"), "9T/2026");
        assert_eq!(short_label("Năm 2026"), "2026");
    }
}
