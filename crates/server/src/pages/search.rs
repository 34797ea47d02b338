//! Search over tasks, agencies and indicators. Every word must appear,
//! with diacritics and case ignored (`ke hoach giao duc` finds "Kế hoạch
//! phát triển giáo dục"): tasks through the store's folded title column,
//! agencies and indicators by folding their names here.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use tiendo_core::vn::fold;
use tiendo_store::{StoreError, TaskFilter};

use super::{AppState, Nav, Visitor, count, failure, render};

/// Hits of each kind a page shows.
const LIMIT: u32 = 30;

struct Hit {
    title: String,
    detail: String,
    link: Option<String>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    page: &'static str,
    nav: Option<Nav>,
    q: String,
    searched: bool,
    tasks_total: String,
    tasks: Vec<Hit>,
    agencies: Vec<Hit>,
    indicators: Vec<Hit>,
}

/// Whether every folded word of the query is in `text`.
fn matches(words: &[String], text: &str) -> bool {
    let text = fold(text);
    words.iter().all(|w| text.contains(w.as_str()))
}

pub(super) async fn search(
    State(state): State<AppState>,
    visitor: Visitor,
    RawQuery(query): RawQuery,
) -> Response {
    let q = query
        .as_deref()
        .and_then(|q| {
            let uri = format!("/?{q}").parse().ok()?;
            axum::extract::Query::<std::collections::HashMap<String, String>>::try_from_uri(&uri)
                .ok()
        })
        .and_then(|m| m.0.get("q").cloned())
        .unwrap_or_default();
    match results(&state, &visitor, q.trim()).await {
        Ok(page) => render(&page),
        Err(e) => failure(&e.to_string()),
    }
}

async fn results(state: &AppState, visitor: &Visitor, q: &str) -> Result<SearchPage, StoreError> {
    let words: Vec<String> = fold(q).split_whitespace().map(str::to_string).collect();
    let mut page = SearchPage {
        page: "search",
        nav: visitor.nav(),
        q: q.to_string(),
        searched: !words.is_empty(),
        tasks_total: count(0u32),
        tasks: Vec::new(),
        agencies: Vec::new(),
        indicators: Vec::new(),
    };
    if words.is_empty() {
        return Ok(page);
    }
    let tasks = state
        .store
        .tasks(&TaskFilter {
            q: Some(q.to_string()),
            per_page: LIMIT,
            ..TaskFilter::default()
        })
        .await?;
    page.tasks_total = count(tasks.total);
    page.tasks = tasks
        .items
        .into_iter()
        .map(|t| Hit {
            link: Some(format!("/nhiem-vu/{}", t.id.0)),
            detail: [
                Some(format!("Mục {}", t.section)),
                t.lead_agency_name,
                Some(t.status.label_vi().to_string()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
            title: t.title,
        })
        .collect();
    let mut agencies: Vec<_> = state
        .store
        .agencies()
        .await?
        .into_iter()
        .filter(|a| {
            matches(&words, &a.name) || a.aliases.iter().any(|alias| matches(&words, alias))
        })
        .collect();
    tiendo_core::vn::sort_by_name(&mut agencies, |a| a.name.as_str());
    page.agencies = agencies
        .into_iter()
        .take(LIMIT as usize)
        .map(|a| Hit {
            link: Some(format!("/co-quan/{}", a.id.0)),
            detail: a.aliases.join(" · "),
            title: a.name,
        })
        .collect();
    for program in state.store.programs().await? {
        if page.indicators.len() >= LIMIT as usize {
            break;
        }
        let indicators = state.store.current_indicators(program.id).await?;
        page.indicators.extend(
            indicators
                .into_iter()
                .filter(|(_, i)| matches(&words, &i.name))
                .map(|(id, i)| Hit {
                    link: Some(format!("/chi-tieu?program={}#ct-{}", program.id.0, id.0)),
                    detail: i.source,
                    title: i.name,
                }),
        );
    }
    page.indicators.truncate(LIMIT as usize);
    Ok(page)
}
