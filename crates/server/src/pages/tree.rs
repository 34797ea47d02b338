//! The program tree: a program's sections and tasks in document order, each
//! task with its status, % complete and warning badges, filtered by section,
//! agency, kind, status and warning level through the address
//! (`/chuong-trinh?section=1.3&status=in_progress&severity=red`), so a
//! filtered view can be bookmarked and sent on. The list refreshes itself
//! when reports or warnings change.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use serde::Deserialize;
use tiendo_core::vn::sort_by_name;
use tiendo_core::warning::Severity;
use tiendo_core::{TaskKind, TaskStatus};
use tiendo_store::{AgencyId, ProgramId, StoreError, TaskFilter};

use super::{
    AppState, Choice, Nav, TaskRow, Visitor, count, failure, render, short, tasks_with_levels,
};

/// Tasks a page lists.
const PER_PAGE: u32 = 200;

/// The filter as the address carries it; anything unreadable is ignored, so
/// a hand-edited address still shows a page.
#[derive(Debug, Default, Deserialize)]
struct TreeQuery {
    #[serde(default)]
    program: String,
    #[serde(default)]
    section: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    page: String,
}

/// The filter, read.
#[derive(Debug, Default, Clone)]
struct Tree {
    program: Option<ProgramId>,
    section: Option<String>,
    agency: Option<AgencyId>,
    kind: Option<TaskKind>,
    status: Option<TaskStatus>,
    severity: Option<Severity>,
    page: u32,
}

impl Tree {
    fn of(query: Option<&str>) -> Tree {
        let q: TreeQuery = query
            .and_then(|q| format!("/?{q}").parse().ok())
            .and_then(|uri| axum::extract::Query::<TreeQuery>::try_from_uri(&uri).ok())
            .map(|q| q.0)
            .unwrap_or_default();
        let section = q.section.trim();
        Tree {
            program: q.program.parse().ok().map(ProgramId),
            section: (!section.is_empty() && section.len() <= 40).then(|| section.to_string()),
            agency: q.agency.parse().ok().map(AgencyId),
            kind: TaskKind::from_code(&q.kind),
            status: TaskStatus::from_code(&q.status),
            severity: Severity::from_code(&q.severity),
            page: q.page.parse().unwrap_or(1).max(1),
        }
    }

    /// Whether the filter leaves tasks of the program out.
    fn narrows(&self) -> bool {
        self.section.is_some()
            || self.agency.is_some()
            || self.kind.is_some()
            || self.status.is_some()
            || self.severity.is_some()
    }

    /// The filter as a query string, without the page (`section=1&status=done`).
    fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = self.program {
            parts.push(format!("program={}", p.0));
        }
        if let Some(s) = &self.section {
            parts.push(format!("section={}", super::encode(s)));
        }
        if let Some(a) = self.agency {
            parts.push(format!("agency={}", a.0));
        }
        if let Some(k) = self.kind {
            parts.push(format!("kind={}", k.code()));
        }
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.code()));
        }
        if let Some(s) = self.severity {
            parts.push(format!("severity={}", s.code()));
        }
        parts.join("&")
    }

    fn with_page(&self, page: u32) -> String {
        let q = self.query();
        match (q.is_empty(), page) {
            (true, 1) => String::new(),
            (false, 1) => q,
            (true, p) => format!("page={p}"),
            (false, p) => format!("{q}&page={p}"),
        }
    }
}

/// A line of the tree: a heading or a task.
enum Line {
    Heading {
        number: String,
        title: String,
        depth: usize,
    },
    Task(TaskRow),
}

#[derive(Template)]
#[template(path = "tree.html")]
struct TreePage {
    page: &'static str,
    nav: Option<Nav>,
    program_title: String,
    programs: Vec<Choice>,
    sections: Vec<Choice>,
    agencies: Vec<Choice>,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    severities: Vec<Choice>,
    /// The filter as a query string, for the live part.
    query: String,
    body: String,
}

#[derive(Template)]
#[template(path = "tree_body.html")]
struct TreeBody {
    total: String,
    filtered: bool,
    first: String,
    last: String,
    lines: Vec<Line>,
    previous: Option<String>,
    next: Option<String>,
}

/// The program a page shows: the one asked for, else the first.
async fn program_of(
    state: &AppState,
    tree: &mut Tree,
) -> Result<Vec<tiendo_store::ProgramSummary>, StoreError> {
    let programs = state.store.programs().await?;
    if !programs.iter().any(|p| Some(p.id) == tree.program) {
        tree.program = programs.first().map(|p| p.id);
    }
    Ok(programs)
}

async fn body(state: &AppState, visitor: &Visitor, tree: &Tree) -> Result<TreeBody, StoreError> {
    let Some(program) = tree.program else {
        return Ok(TreeBody {
            total: "0".into(),
            filtered: false,
            first: String::new(),
            last: String::new(),
            lines: Vec::new(),
            previous: None,
            next: None,
        });
    };
    let filter = TaskFilter {
        program: Some(program),
        section: tree.section.clone(),
        agency: tree.agency,
        status: tree.status,
        kind: tree.kind,
        warning: tree.severity,
        without_money_warnings: !visitor.actor.sees_money(),
        by_heading: true,
        page: tree.page,
        per_page: PER_PAGE,
        ..TaskFilter::default()
    };
    let (tasks, levels) = tasks_with_levels(state, visitor, &filter).await?;
    let headings = state.store.section_headings(program).await?;
    let mut lines = Vec::with_capacity(tasks.items.len() * 2);
    // Headings already shown on this page: each task brings the headings
    // above it that the page has not shown yet.
    let mut shown: Vec<&str> = Vec::new();
    for t in &tasks.items {
        for h in headings.iter().filter(|h| within(&t.section, &h.number)) {
            if !shown.contains(&h.number.as_str()) {
                shown.push(&h.number);
                lines.push(Line::Heading {
                    number: h.number.clone(),
                    title: h.title.clone(),
                    depth: h.depth.min(4),
                });
            }
        }
        lines.push(Line::Task(TaskRow::of(t, levels.get(&t.id))));
    }
    let shown_from = u64::from(tasks.page - 1) * u64::from(tasks.per_page);
    let more = shown_from + (tasks.items.len() as u64) < tasks.total;
    Ok(TreeBody {
        total: count(tasks.total),
        filtered: tree.narrows(),
        first: count(shown_from + 1),
        last: count(shown_from + tasks.items.len() as u64),
        lines,
        previous: (tasks.page > 1).then(|| tree.with_page(tasks.page - 1)),
        next: more.then(|| tree.with_page(tasks.page + 1)),
    })
}

/// Whether the section `path` sits in `heading` (`1.3.b` in `1` and `1.3`).
fn within(path: &str, heading: &str) -> bool {
    path == heading
        || path
            .strip_prefix(heading)
            .is_some_and(|rest| rest.starts_with('.'))
}

pub(super) async fn tree(
    State(state): State<AppState>,
    visitor: Visitor,
    RawQuery(query): RawQuery,
) -> Response {
    let mut tree = Tree::of(query.as_deref());
    match page(&state, &visitor, &mut tree).await {
        Ok(page) => render(&page),
        Err(e) => failure(&e.to_string()),
    }
}

/// The list without its frame, for the live refresh.
pub(super) async fn tree_part(
    State(state): State<AppState>,
    visitor: Visitor,
    RawQuery(query): RawQuery,
) -> Response {
    let mut tree = Tree::of(query.as_deref());
    let made = async {
        program_of(&state, &mut tree).await?;
        body(&state, &visitor, &tree).await
    };
    match made.await {
        Ok(body) => render(&body),
        Err(e) => failure(&e.to_string()),
    }
}

async fn page(
    state: &AppState,
    visitor: &Visitor,
    tree: &mut Tree,
) -> Result<TreePage, StoreError> {
    let programs = program_of(state, tree).await?;
    let body = body(state, visitor, tree)
        .await?
        .render()
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let program_title = programs
        .iter()
        .find(|p| Some(p.id) == tree.program)
        .map(|p| p.title.clone())
        .unwrap_or_else(|| "Chưa có chương trình nào".into());
    let headings = match tree.program {
        Some(p) => state.store.section_headings(p).await?,
        None => Vec::new(),
    };
    let mut agencies = state.store.agencies().await?;
    sort_by_name(&mut agencies, |a| a.name.as_str());
    Ok(TreePage {
        page: "tree",
        nav: visitor.nav(),
        program_title,
        programs: if programs.len() > 1 {
            programs
                .iter()
                .map(|p| Choice::new(p.id.0, &p.title, tree.program == Some(p.id)))
                .collect()
        } else {
            Vec::new()
        },
        sections: headings
            .iter()
            .filter(|h| h.depth <= 2)
            .map(|h| {
                let indent = if h.depth > 1 {
                    "\u{a0}\u{a0}\u{a0}"
                } else {
                    ""
                };
                Choice::new(
                    &h.number,
                    &format!("{indent}{} {}", h.number, short(&h.title, 60)),
                    tree.section.as_deref() == Some(h.number.as_str()),
                )
            })
            .collect(),
        agencies: agencies
            .iter()
            .map(|a| Choice::new(a.id.0, &a.name, tree.agency == Some(a.id)))
            .collect(),
        kinds: TaskKind::ALL
            .iter()
            .map(|k| Choice::new(k.code(), k.label_vi(), tree.kind == Some(*k)))
            .collect(),
        statuses: TaskStatus::ALL
            .iter()
            .map(|s| Choice::new(s.code(), s.label_vi(), tree.status == Some(*s)))
            .collect(),
        severities: [Severity::Red, Severity::Yellow, Severity::Info]
            .into_iter()
            .map(|s| {
                Choice::new(
                    s.code(),
                    &format!("Có cảnh báo {}", s.label_vi().to_lowercase()),
                    tree.severity == Some(s),
                )
            })
            .collect(),
        query: tree.with_page(tree.page),
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_filter_from_the_address_and_writes_it_back() {
        let tree = Tree::of(Some(
            "section=1.3&agency=7&kind=plan&status=in_progress&severity=red&page=2&x=1",
        ));
        assert_eq!(tree.section.as_deref(), Some("1.3"));
        assert_eq!(tree.agency, Some(AgencyId(7)));
        assert_eq!(tree.kind, Some(TaskKind::Plan));
        assert_eq!(tree.status, Some(TaskStatus::InProgress));
        assert_eq!(tree.severity, Some(Severity::Red));
        assert_eq!(tree.page, 2);
        assert_eq!(
            tree.with_page(3),
            "section=1.3&agency=7&kind=plan&status=in_progress&severity=red&page=3"
        );
    }

    #[test]
    fn ignores_what_it_cannot_read() {
        let tree = Tree::of(Some("agency=abc&status=&severity=purple&page=-1&kind"));
        assert!(tree.agency.is_none() && tree.status.is_none() && tree.severity.is_none());
        assert!(tree.kind.is_none());
        assert_eq!(tree.page, 1);
        assert_eq!(tree.query(), "");
        assert!(!tree.narrows());
        assert!(
            !Tree::of(Some("program=2")).narrows(),
            "a program is no filter"
        );
    }

    #[test]
    fn a_heading_holds_its_subsections_only() {
        assert!(within("1.3.b", "1"));
        assert!(within("1.3.b", "1.3"));
        assert!(within("1.3", "1.3"));
        assert!(!within("1.30", "1.3"));
        assert!(!within("11", "1"));
    }
}
