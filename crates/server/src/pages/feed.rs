//! The warnings feed: every warning the visitor may see, filtered by level,
//! rule and state through the address (`/canh-bao?severity=red&state=all`),
//! kept live, and acknowledged with a note from the page. A refused note is
//! said beside its field, with what was typed kept.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tiendo_core::Role;
use tiendo_core::warning::{RuleId, Severity};
use tiendo_store::{Ctx, StateFilter, StoreError, StoredWarning, WarningFilter, WarningState};

use super::{AppState, Choice, Nav, Visitor, WarningLine, count, failure, render};

/// Warnings a page lists.
const PER_PAGE: u32 = 50;

struct Line {
    w: WarningLine,
    state: &'static str,
    acknowledged: Option<String>,
    can_ack: bool,
    /// What was typed in the note, when it was refused.
    note: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "warnings.html")]
struct FeedPage {
    page: &'static str,
    nav: Option<Nav>,
    severities: Vec<Choice>,
    rules: Vec<Choice>,
    states: Vec<Choice>,
    agencies: Vec<Choice>,
    /// The filter as a query string, for the live part.
    query: String,
    body: String,
}

#[derive(Template)]
#[template(path = "warnings_body.html")]
struct FeedBody {
    total: String,
    shown: usize,
    more: bool,
    items: Vec<Line>,
    csrf: String,
    back: String,
}

fn state_label(state: WarningState) -> &'static str {
    match state {
        WarningState::Raised => "Mới phát sinh",
        WarningState::Acknowledged => "Đã ghi nhận",
        WarningState::Resolved => "Đã giải trừ",
    }
}

fn state_code(filter: StateFilter) -> &'static str {
    match filter {
        StateFilter::Open => "open",
        StateFilter::Raised => "raised",
        StateFilter::Acknowledged => "acknowledged",
        StateFilter::Resolved => "resolved",
        StateFilter::All => "all",
    }
}

/// The filter in the address; anything unreadable is ignored, not refused:
/// a hand-edited address still shows a page.
fn filter_of(query: Option<&str>) -> WarningFilter {
    let mut filter: WarningFilter = query.and_then(filter_in).unwrap_or_default();
    filter.per_page = PER_PAGE;
    filter
}

fn filter_in(query: &str) -> Option<WarningFilter> {
    // Empty values (`severity=` from "Mọi mức") mean no condition.
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.ends_with('=') && !pair.is_empty())
        .collect();
    let uri = format!("/?{}", kept.join("&")).parse().ok()?;
    axum::extract::Query::<WarningFilter>::try_from_uri(&uri)
        .ok()
        .map(|q| q.0)
}

/// The filter as the page's address says it.
fn query_of(filter: &WarningFilter) -> String {
    let mut parts = Vec::new();
    if let Some(s) = filter.severity {
        parts.push(format!("severity={}", s.code()));
    }
    if let Some(r) = filter.rule {
        parts.push(format!("rule={}", r.code()));
    }
    if let Some(a) = filter.agency {
        parts.push(format!("agency={}", a.0));
    }
    if filter.state != StateFilter::Open {
        parts.push(format!("state={}", state_code(filter.state)));
    }
    parts.join("&")
}

fn may_acknowledge(visitor: &Visitor, w: &StoredWarning) -> bool {
    w.state == WarningState::Raised
        && match visitor.actor.role {
            Role::Supervisor => false,
            Role::Reporter => {
                w.agency_id.is_some() && w.agency_id.map(|a| a.0) == visitor.actor.agency
            }
            Role::Operator | Role::Leader => true,
        }
}

async fn body(
    state: &AppState,
    visitor: &Visitor,
    filter: &WarningFilter,
    refused: Option<(i64, String, String)>,
) -> Result<FeedBody, StoreError> {
    let page = state.store.warnings(filter, &visitor.actor).await?;
    let query = query_of(filter);
    let items: Vec<Line> = page
        .items
        .into_iter()
        .map(|w| {
            let (note, error) = match &refused {
                Some((id, note, error)) if *id == w.id => (note.clone(), Some(error.clone())),
                _ => (String::new(), None),
            };
            Line {
                w: WarningLine::of(&w),
                can_ack: may_acknowledge(visitor, &w),
                state: state_label(w.state),
                acknowledged: match (&w.acknowledged_by_name, &w.ack_note) {
                    (Some(who), Some(note)) => Some(format!("{who}: {note}")),
                    (None, Some(note)) => Some(note.clone()),
                    _ => None,
                },
                note,
                error,
            }
        })
        .collect();
    Ok(FeedBody {
        total: count(page.total),
        shown: items.len(),
        more: page.total > items.len() as u64,
        items,
        csrf: visitor.csrf.clone(),
        back: if query.is_empty() {
            "/canh-bao".into()
        } else {
            format!("/canh-bao?{query}")
        },
    })
}

async fn page(
    state: &AppState,
    visitor: &Visitor,
    filter: WarningFilter,
    refused: Option<(i64, String, String)>,
) -> Response {
    let body = match body(state, visitor, &filter, refused)
        .await
        .map(|b| b.render())
    {
        Ok(Ok(html)) => html,
        Ok(Err(e)) => return failure(&e.to_string()),
        Err(e) => return failure(&e.to_string()),
    };
    let severities = [Severity::Red, Severity::Yellow, Severity::Info]
        .into_iter()
        .map(|s| Choice::new(s.code(), s.label_vi(), filter.severity == Some(s)))
        .collect();
    let rules = RuleId::ALL
        .into_iter()
        .map(|r| Choice::new(r.code(), r.label_vi(), filter.rule == Some(r)))
        .collect();
    let states = [
        (StateFilter::Open, "Đang mở"),
        (StateFilter::Raised, "Mới phát sinh"),
        (StateFilter::Acknowledged, "Đã ghi nhận"),
        (StateFilter::Resolved, "Đã giải trừ"),
        (StateFilter::All, "Tất cả"),
    ]
    .into_iter()
    .map(|(s, label)| Choice::new(state_code(s), label, filter.state == s))
    .collect();
    let mut agencies = match state.store.agencies().await {
        Ok(a) => a,
        Err(e) => return failure(&e.to_string()),
    };
    tiendo_core::vn::sort_by_name(&mut agencies, |a| a.name.as_str());
    let agencies = agencies
        .iter()
        .map(|a| Choice::new(a.id.0, &a.name, filter.agency == Some(a.id)))
        .collect();
    render(&FeedPage {
        page: "warnings",
        nav: visitor.nav(),
        severities,
        rules,
        states,
        agencies,
        query: query_of(&filter),
        body,
    })
}

pub(super) async fn feed(
    State(state): State<AppState>,
    visitor: Visitor,
    RawQuery(query): RawQuery,
) -> Response {
    page(&state, &visitor, filter_of(query.as_deref()), None).await
}

/// The list without its frame, for the live refresh.
pub(super) async fn feed_part(
    State(state): State<AppState>,
    visitor: Visitor,
    RawQuery(query): RawQuery,
) -> Response {
    match body(&state, &visitor, &filter_of(query.as_deref()), None).await {
        Ok(body) => render(&body),
        Err(e) => failure(&e.to_string()),
    }
}

#[derive(Deserialize)]
pub(super) struct AckForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    back: String,
}

pub(super) async fn acknowledge(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<AckForm>,
) -> Response {
    if form.csrf != visitor.csrf {
        return super::stale_form();
    }
    let back = super::safe_next(&form.back).to_string();
    let filter = filter_of(back.split_once('?').map(|(_, q)| q));
    let ctx = Ctx::of(visitor.actor.clone());
    match state.store.acknowledge_warning(&ctx, id, &form.note).await {
        Ok(_) => {
            let _ = state.live.send(crate::Live::Acknowledgement);
            Redirect::to(&format!("{back}#cb-{id}")).into_response()
        }
        Err(StoreError::Rejected(r)) => {
            let mut res = page(&state, &visitor, filter, Some((id, form.note, r.message))).await;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            res
        }
        Err(StoreError::Forbidden(_)) => (
            StatusCode::FORBIDDEN,
            super::message_page("Tài khoản này không được ghi nhận cảnh báo này."),
        )
            .into_response(),
        Err(StoreError::NotFound(_)) => (
            StatusCode::NOT_FOUND,
            super::message_page("Không có cảnh báo này."),
        )
            .into_response(),
        Err(e) => failure(&e.to_string()),
    }
}
