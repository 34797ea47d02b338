//! The indicators (chỉ tiêu) of a program: each one's target in words, its
//! province-wide actuals year by year as a small chart drawn here in SVG
//! with the target marked, and the engine's judgement: off-track ones
//! (red, then yellow) first, then those on track, then those without data.
//! Refreshes itself when actuals or warnings change.

use std::collections::HashMap;
use std::fmt::Write as _;

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use tiendo_core::Comparator;
use tiendo_core::vn::format_number;
use tiendo_core::warning::{Severity, SubjectKind, target_bounds, target_words};
use tiendo_store::{ProgramId, StoreError, WarningFilter};

use super::{AppState, Choice, Nav, Visitor, count, failure, render};

/// Where an indicator stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Standing {
    Red,
    Yellow,
    OnTrack,
    NoData,
}

impl Standing {
    fn code(self) -> &'static str {
        match self {
            Standing::Red => "sev-red",
            Standing::Yellow => "sev-yellow",
            Standing::OnTrack => "st-done",
            Standing::NoData => "st-not_started",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Standing::Red => "Không đạt (dự báo)",
            Standing::Yellow => "Có nguy cơ không đạt",
            Standing::OnTrack => "Đúng hướng",
            Standing::NoData => "Chưa có số liệu",
        }
    }
}

struct Card {
    id: i64,
    section: String,
    name: String,
    target: String,
    standing_code: &'static str,
    standing: &'static str,
    latest: String,
    message: String,
    chart: String,
    /// The actuals by year in words, for readers without the chart.
    values: Vec<String>,
}

#[derive(Template)]
#[template(path = "indicators.html")]
struct IndicatorsPage {
    page: &'static str,
    nav: Option<Nav>,
    program_title: String,
    programs: Vec<Choice>,
    query: String,
    body: String,
}

#[derive(Template)]
#[template(path = "indicators_body.html")]
struct IndicatorsBody {
    red: String,
    yellow: String,
    on_track: String,
    no_data: String,
    cards: Vec<Card>,
}

fn program_in(query: Option<&str>) -> Option<ProgramId> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("program="))
        .and_then(|v| v.parse().ok())
        .map(ProgramId)
}

pub(super) async fn indicators(
    State(state): State<AppState>,
    visitor: Visitor,
    RawQuery(query): RawQuery,
) -> Response {
    let made = async {
        let programs = state.store.programs().await?;
        let program = program_in(query.as_deref())
            .filter(|p| programs.iter().any(|x| x.id == *p))
            .or_else(|| programs.first().map(|p| p.id));
        let body = body(&state, &visitor, program)
            .await?
            .render()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok::<_, StoreError>(IndicatorsPage {
            page: "indicators",
            nav: visitor.nav(),
            program_title: programs
                .iter()
                .find(|p| Some(p.id) == program)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            programs: if programs.len() > 1 {
                programs
                    .iter()
                    .map(|p| Choice::new(p.id.0, &p.title, Some(p.id) == program))
                    .collect()
            } else {
                Vec::new()
            },
            query: program
                .map(|p| format!("program={}", p.0))
                .unwrap_or_default(),
            body,
        })
    };
    match made.await {
        Ok(page) => render(&page),
        Err(e) => failure(&e.to_string()),
    }
}

/// The cards without the frame, for the live refresh.
pub(super) async fn indicators_part(
    State(state): State<AppState>,
    visitor: Visitor,
    RawQuery(query): RawQuery,
) -> Response {
    let made = async {
        let program = match program_in(query.as_deref()) {
            Some(p) => Some(p),
            None => state.store.programs().await?.first().map(|p| p.id),
        };
        body(&state, &visitor, program).await
    };
    match made.await {
        Ok(body) => render(&body),
        Err(e) => failure(&e.to_string()),
    }
}

async fn body(
    state: &AppState,
    visitor: &Visitor,
    program: Option<ProgramId>,
) -> Result<IndicatorsBody, StoreError> {
    let mut cards = Vec::new();
    if let Some(program) = program {
        let indicators = state.store.current_indicators(program).await?;
        let periods: HashMap<i64, (i32, String)> = state
            .store
            .periods(program)
            .await?
            .into_iter()
            .map(|p| (p.id, (p.year, p.label)))
            .collect();
        // Per indicator, the value of each year: the latest period's, the
        // latest recorded (the store gives them in that order).
        let mut years: HashMap<i64, Vec<(i32, Decimal, String, bool)>> = HashMap::new();
        for a in state.store.program_actuals(program).await? {
            let Some((year, label)) = periods.get(&a.period_id) else {
                continue;
            };
            let list = years.entry(a.indicator_id.0).or_default();
            match list.last_mut() {
                Some(last) if last.0 == *year => {
                    *last = (*year, a.value, label.clone(), a.estimate)
                }
                _ => list.push((*year, a.value, label.clone(), a.estimate)),
            }
        }
        let warnings = state
            .store
            .warnings(
                &WarningFilter {
                    program: Some(program),
                    subject_kind: Some(SubjectKind::Indicator),
                    per_page: tiendo_store::MAX_PER_PAGE,
                    ..WarningFilter::default()
                },
                &visitor.actor,
            )
            .await?;
        let mut judged: HashMap<i64, (Severity, String)> = HashMap::new();
        for w in warnings.items {
            let entry = judged
                .entry(w.subject.id)
                .or_insert((w.severity, w.message.clone()));
            if w.severity > entry.0 {
                *entry = (w.severity, w.message);
            }
        }
        for (i, (id, indicator)) in indicators.iter().enumerate() {
            let points = years.remove(&id.0).unwrap_or_default();
            let (standing, message) = match judged.remove(&id.0) {
                Some((Severity::Red, m)) => (Standing::Red, m),
                Some((Severity::Yellow, m)) => (Standing::Yellow, m),
                Some((Severity::Info, m)) if !points.is_empty() => (Standing::OnTrack, m),
                _ if points.is_empty() => (Standing::NoData, String::new()),
                _ => (Standing::OnTrack, String::new()),
            };
            // A relative target's unit (`tăng 13%`, `gấp 2 lần`) is the
            // change's, not the measured value's.
            let relative = matches!(
                indicator.target.comparator,
                Comparator::IncreaseBy | Comparator::DecreaseBy | Comparator::Times
            );
            let unit = match indicator.target.unit.trim() {
                "%" | "lần" if relative => "",
                u => u,
            };
            let quantity = |v: Decimal| match unit {
                "" => format_number(v),
                "%" => format!("{}%", format_number(v)),
                u => format!("{} {u}", format_number(v)),
            };
            cards.push((
                standing,
                i,
                Card {
                    id: id.0,
                    section: indicator.section.clone(),
                    name: indicator.name.clone(),
                    target: target_words(&indicator.target),
                    standing_code: standing.code(),
                    standing: standing.label(),
                    latest: points
                        .last()
                        .map(|(_, v, label, estimate)| {
                            format!(
                                "{} ({label}{})",
                                quantity(*v),
                                if *estimate { ", ước" } else { "" }
                            )
                        })
                        .unwrap_or_default(),
                    message,
                    chart: chart(id.0, &indicator.target, &points),
                    values: points
                        .iter()
                        .map(|(y, v, _, _)| format!("{y}: {}", quantity(*v)))
                        .collect(),
                },
            ));
        }
    }
    cards.sort_by_key(|(standing, order, _)| (*standing, *order));
    let tally = |s: Standing| count(cards.iter().filter(|c| c.0 == s).count() as u32);
    Ok(IndicatorsBody {
        red: tally(Standing::Red),
        yellow: tally(Standing::Yellow),
        on_track: tally(Standing::OnTrack),
        no_data: tally(Standing::NoData),
        cards: cards.into_iter().map(|(_, _, c)| c).collect(),
    })
}

const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 170.0;
const LEFT: f64 = 88.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;

/// The target's bounds the chart draws as lines; a relative target's from
/// the base year's actual, none without it.
fn target_lines(
    target: &tiendo_core::Target,
    points: &[(i32, Decimal, String, bool)],
) -> Vec<Decimal> {
    let base = target
        .base_year
        .and_then(|year| points.iter().find(|p| p.0 == year))
        .map(|p| p.1);
    target_bounds(target, base)
}

/// Actuals by year (dots and a line) against the target (dashed lines,
/// reaching to the target's year). Empty without any actual.
fn chart(id: i64, target: &tiendo_core::Target, points: &[(i32, Decimal, String, bool)]) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return String::new();
    };
    let lines = target_lines(target, points);
    let first_year = first.0;
    let last_year = target.year.unwrap_or(last.0).max(last.0);
    let span = f64::from((last_year - first_year).max(1));
    let values = points.iter().map(|p| p.1).chain(lines.iter().copied());
    let (lo, hi) = values.fold((Decimal::ZERO, Decimal::ZERO), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = (lo.to_f64().unwrap_or(0.0), hi.to_f64().unwrap_or(1.0));
    let hi = if hi <= lo {
        lo + 1.0
    } else {
        hi + (hi - lo) * 0.1
    };
    let x = |year: i32| {
        if points.len() == 1 && lines.is_empty() {
            LEFT + (WIDTH - LEFT - RIGHT) / 2.0
        } else {
            LEFT + f64::from(year - first_year) / span * (WIDTH - LEFT - RIGHT)
        }
    };
    let y = |v: Decimal| {
        let v = v.to_f64().unwrap_or(0.0);
        TOP + (hi - v) / (hi - lo) * (HEIGHT - TOP - BOTTOM)
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart small\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
         aria-labelledby=\"ct-bd-{id}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"ct-bd-{id}\">Số liệu thực hiện theo năm và chỉ tiêu</title>"
    );
    let ticks = [lo, (lo + hi) / 2.0, hi];
    for t in ticks {
        let value = Decimal::from_f64_retain(t).unwrap_or_default();
        let value = if (hi - lo) >= 10.0 {
            value.round()
        } else {
            value.round_dp(1)
        };
        let yy = y(value);
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" class=\"grid-line\"/>\
             <text x=\"{}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"end\">{}</text>",
            WIDTH - RIGHT,
            LEFT - 6.0,
            yy + 4.0,
            format_number(value)
        );
    }
    for (year, anchor) in [(first_year, "start"), (last_year, "end")] {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" class=\"axis\" text-anchor=\"{anchor}\">{year}</text>",
            x(year),
            HEIGHT - 8.0
        );
    }
    for v in &lines {
        let yy = y(*v);
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" class=\"target\">\
             <title>Chỉ tiêu: {}</title></line>",
            x(last_year),
            format_number(*v)
        );
    }
    if points.len() > 1 {
        let line: Vec<String> = points
            .iter()
            .map(|(yr, v, ..)| format!("{:.1},{:.1}", x(*yr), y(*v)))
            .collect();
        let _ = write!(
            svg,
            "<polyline points=\"{}\" class=\"actual\"/>",
            line.join(" ")
        );
    }
    for (yr, v, label, _) in points {
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" class=\"actual-dot\">\
             <title>{label}: {}</title></circle>",
            x(*yr),
            y(*v),
            format_number(*v)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_track_comes_first() {
        let mut v = [
            Standing::NoData,
            Standing::OnTrack,
            Standing::Yellow,
            Standing::Red,
        ];
        v.sort();
        assert_eq!(
            v,
            [
                Standing::Red,
                Standing::Yellow,
                Standing::OnTrack,
                Standing::NoData
            ]
        );
    }

    #[test]
    fn reads_the_program_from_the_address() {
        assert_eq!(program_in(Some("program=3")), Some(ProgramId(3)));
        assert_eq!(program_in(Some("x=1&program=abc")), None);
        assert_eq!(program_in(None), None);
    }
}
