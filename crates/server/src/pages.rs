//! The web pages, server-rendered in Vietnamese (askama templates in
//! `templates/`, the stylesheet in `static/`, both compiled into the
//! binary: nothing is fetched from elsewhere). Pages use the same sessions
//! as the API: signing in sets the session cookie; a page's form carries the
//! session's CSRF token in a hidden field.
//!
//! Routes are Vietnamese words without diacritics (`/dang-nhap`), as the
//! addresses officials read and type.

use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, State};
use axum::http::header::{self, HeaderValue};
use axum::http::request::Parts;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use rust_decimal::Decimal;
use serde::Deserialize;
use tiendo_core::vn::format_number;
use tiendo_core::{Actor, TaskStatus};
use tiendo_store::{
    OpenLevels, StatusRow, StoreError, StoredWarning, TaskSummary, User, WarningFilter,
};

use crate::AppState;
use crate::extract::{SESSION_COOKIE, cookie, session_cookie};

mod agency;
mod audit;
mod download;
mod entry;
mod feed;
mod indicators;
mod live;
mod search;
mod task;
mod tree;

const STYLESHEET: &str = include_str!("../static/tiendo.css");
const SCRIPT: &str = include_str!("../static/live.js");

/// Warnings listed on the overview.
const OVERVIEW_WARNINGS: u32 = 20;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(overview))
        .route("/dang-nhap", get(sign_in_form).post(sign_in))
        .route("/dang-xuat", axum::routing::post(sign_out))
        .route("/phan/tong-quan", get(overview_part))
        .route("/bao-cao", get(entry::entry).post(entry::submit))
        .route("/canh-bao", get(feed::feed))
        .route("/tim-kiem", get(search::search))
        .route("/nhiem-vu/{id}", get(task::task))
        .route("/phan/nhiem-vu/{id}", get(task::task_part))
        .route("/chuong-trinh", get(tree::tree))
        .route("/tai-ve/bao-cao", get(download::report))
        .route("/tai-ve/du-lieu", get(download::everything))
        .route("/chi-tieu", get(indicators::indicators))
        .route("/phan/chi-tieu", get(indicators::indicators_part))
        .route("/co-quan/{id}", get(agency::agency))
        .route("/phan/co-quan/{id}", get(agency::agency_part))
        .route("/phan/chuong-trinh", get(tree::tree_part))
        .route("/phan/canh-bao", get(feed::feed_part))
        .route(
            "/canh-bao/{id}/ghi-nhan",
            axum::routing::post(feed::acknowledge),
        )
        .route("/su-kien", get(live::events))
        .route("/static/tiendo.css", get(stylesheet))
        .route("/static/live.js", get(script))
}

/// One option of a filter's drop-down list.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

impl Choice {
    fn new(value: impl std::fmt::Display, label: &str, selected: bool) -> Choice {
        Choice {
            value: value.to_string(),
            label: label.to_string(),
            selected,
        }
    }
}

/// What the header shows of the signed-in user.
struct Nav {
    display_name: String,
    role: &'static str,
    csrf: String,
    /// Speaks for an agency: may enter reports.
    reports: bool,
}

/// A signed-in visitor of a page; anyone else is sent to the sign-in page
/// and brought back afterwards.
struct Visitor {
    user: User,
    actor: Actor,
    csrf: String,
}

impl Visitor {
    fn nav(&self) -> Option<Nav> {
        Some(Nav {
            display_name: self.user.display_name.clone(),
            role: self.actor.role.label_vi(),
            csrf: self.csrf.clone(),
            reports: self.actor.agency.is_some(),
        })
    }
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        // A part of a page or its event stream answers 401: the page's
        // script must not paste a sign-in form into the page.
        let part = parts.uri.path().starts_with("/phan/") || parts.uri.path() == "/su-kien";
        let to_sign_in = || {
            if part {
                return StatusCode::UNAUTHORIZED.into_response();
            }
            let next = parts
                .uri
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_string();
            Redirect::to(&format!("/dang-nhap?next={}", encode(&next))).into_response()
        };
        let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_sign_in());
        };
        match state.store.user_by_session(secret).await {
            Ok(Some((user, csrf))) => Ok(Visitor {
                actor: user.actor(),
                user,
                csrf,
            }),
            Ok(None) => Err(to_sign_in()),
            Err(e) => Err(failure(&e.to_string())),
        }
    }
}

/// A page that could not be made: the visitor reads why in Vietnamese.
fn failure(detail: &str) -> Response {
    tracing::error!(detail, "a page failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Html(
            "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Lỗi · Tiến Độ</title>\
              <h1>Đã có lỗi</h1><p>Trang chưa hiển thị được; hãy thử lại sau ít phút.</p></html>",
        ),
    )
        .into_response()
}

/// A short page that only says something (refusals, missing things).
fn message_page(text: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\">\
         <link rel=\"stylesheet\" href=\"/static/tiendo.css\"><title>Tiến Độ</title>\
         <main><p>{}</p><p><a href=\"/\">Về trang tổng quan</a></p></main></html>",
        text.replace('&', "&amp;").replace('<', "&lt;")
    ))
}

/// A form sent with another session's token (an old page).
fn stale_form() -> Response {
    (
        StatusCode::FORBIDDEN,
        message_page("Trang đã cũ; hãy tải lại trang rồi thử lại."),
    )
        .into_response()
}

fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => failure(&e.to_string()),
    }
}

/// Percent-encodes a path for a query parameter.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where to go after signing in: a path of this site only.
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/"
    }
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// The first `chars` characters of `text`, with `…` when cut.
fn short(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_string(),
    }
}

/// A task as a list shows it: its cells in words, and its open warnings as
/// badges (empty for none).
struct TaskRow {
    id: i64,
    stt: String,
    title: String,
    lead: String,
    /// What the agency of the page does for it (chủ trì / phối hợp).
    role: &'static str,
    deadline: String,
    status_code: &'static str,
    status: &'static str,
    percent: String,
    red: String,
    yellow: String,
    info: String,
}

impl TaskRow {
    fn of(t: &TaskSummary, levels: Option<&OpenLevels>) -> TaskRow {
        let l = levels.copied().unwrap_or_default();
        let badge = |n: u32| if n == 0 { String::new() } else { count(n) };
        TaskRow {
            id: t.id.0,
            stt: t.stt.clone().unwrap_or_default(),
            title: t.title.clone(),
            lead: t.lead_agency_name.clone().unwrap_or_default(),
            role: "",
            deadline: t
                .deadline
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            status_code: t.status.code(),
            status: t.status.label_vi(),
            percent: t
                .percent
                .map(|p| format!("{}%", format_number(p)))
                .unwrap_or_default(),
            red: badge(l.red),
            yellow: badge(l.yellow),
            info: badge(l.info),
        }
    }
}

/// The tasks `filter` finds, with the open warnings of each that `visitor`
/// may see, counted by level.
async fn tasks_with_levels(
    state: &AppState,
    visitor: &Visitor,
    filter: &tiendo_store::TaskFilter,
) -> Result<
    (
        tiendo_store::Page<TaskSummary>,
        std::collections::HashMap<tiendo_store::TaskId, OpenLevels>,
    ),
    StoreError,
> {
    let tasks = state.store.tasks(filter).await?;
    let ids: Vec<_> = tasks.items.iter().map(|t| t.id).collect();
    let levels = state
        .store
        .task_warning_levels(&ids, &visitor.actor)
        .await?;
    Ok((tasks, levels))
}

/// What a page whose body refreshes itself is made of: its title and its
/// body, or nothing when what it shows does not exist.
type Made<B> = Result<Option<(String, B)>, StoreError>;

/// Renders such a page: the body, then `frame` around it (given the title
/// and the rendered body); 404 saying `missing` when there is nothing.
fn framed<B: Template>(
    made: Made<B>,
    frame: impl FnOnce(String, String) -> Response,
    missing: &str,
) -> Response {
    match made {
        Ok(Some((title, body))) => match body.render() {
            Ok(body) => frame(title, body),
            Err(e) => failure(&e.to_string()),
        },
        Ok(None) => (StatusCode::NOT_FOUND, message_page(missing)).into_response(),
        Err(e) => failure(&e.to_string()),
    }
}

/// Renders the body alone, for the live refresh.
fn part<B: Template>(made: Made<B>, missing: &str) -> Response {
    framed(made, |_, body| Html(body).into_response(), missing)
}

// ---- sign in, sign out ---------------------------------------------------

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    page: &'static str,
    nav: Option<Nav>,
    error: Option<String>,
    name: String,
    next: String,
}

#[derive(Deserialize, Default)]
struct NextQuery {
    #[serde(default)]
    next: String,
}

async fn sign_in_form(uri: Uri) -> Response {
    let next = uri.query().and_then(next_of).unwrap_or_default();
    render(&SignInPage {
        page: "sign-in",
        nav: None,
        error: None,
        name: String::new(),
        next: safe_next(&next).to_string(),
    })
}

/// The `next` parameter of a query string.
fn next_of(query: &str) -> Option<String> {
    axum::extract::Query::<NextQuery>::try_from_uri(&format!("/?{query}").parse().ok()?)
        .ok()
        .map(|q| q.0.next)
}

#[derive(Deserialize)]
struct SignInForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

async fn sign_in(
    State(state): State<AppState>,
    axum::Form(form): axum::Form<SignInForm>,
) -> Response {
    let name = form.name.trim().to_string();
    let next = safe_next(&form.next).to_string();
    let again = |error: &str| {
        let page = SignInPage {
            page: "sign-in",
            nav: None,
            error: Some(error.to_string()),
            name: name.clone(),
            next: next.clone(),
        };
        let mut res = render(&page);
        *res.status_mut() = StatusCode::UNAUTHORIZED;
        res
    };
    if name.is_empty() || form.password.is_empty() {
        return again("Hãy nhập tên đăng nhập và mật khẩu.");
    }
    let user = match state.store.login(&name, &form.password).await {
        Ok(Some(user)) => user,
        Ok(None) => return again("Tên đăng nhập hoặc mật khẩu không đúng."),
        Err(e) => return failure(&e.to_string()),
    };
    let session = match state.store.create_session(user.id).await {
        Ok(s) => s,
        Err(e) => return failure(&e.to_string()),
    };
    let cookie = session_cookie(&session.secret, state.config.secure_cookies);
    let mut res = Redirect::to(&next).into_response();
    match HeaderValue::from_str(&cookie) {
        Ok(v) => {
            res.headers_mut().insert(header::SET_COOKIE, v);
            res
        }
        Err(e) => failure(&e.to_string()),
    }
}

#[derive(Deserialize)]
struct SignOutForm {
    #[serde(default)]
    csrf: String,
}

async fn sign_out(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: axum::http::HeaderMap,
    axum::Form(form): axum::Form<SignOutForm>,
) -> Response {
    if form.csrf != visitor.csrf {
        return stale_form();
    }
    if let Some(secret) = cookie(&headers, SESSION_COOKIE)
        && let Err(e) = state.store.end_session(secret).await
    {
        return failure(&e.to_string());
    }
    let mut res = Redirect::to("/dang-nhap").into_response();
    let expired = format!("{SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    if let Ok(v) = HeaderValue::from_str(&expired) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

// ---- overview ------------------------------------------------------------

/// A status as a column: its code (for the colour) and its words.
struct StatusHead {
    code: &'static str,
    label: &'static str,
    count: String,
}

struct Cell {
    class: String,
    text: String,
}

struct GridRow {
    label: String,
    link: String,
    cells: Vec<Cell>,
    total: String,
}

struct Grid {
    head: &'static str,
    rows: Vec<GridRow>,
}

/// A warning as a list shows it, in words.
struct WarningLine {
    id: i64,
    /// The page of the task or the indicator.
    link: Option<String>,
    severity: &'static str,
    severity_label: String,
    rule: String,
    subject: String,
    agency: String,
    message: String,
}

impl WarningLine {
    fn of(w: &StoredWarning) -> Self {
        WarningLine {
            id: w.id,
            link: Some(match w.subject.kind {
                tiendo_core::warning::SubjectKind::Task => format!("/nhiem-vu/{}", w.subject.id),
                tiendo_core::warning::SubjectKind::Indicator => {
                    format!("/chi-tieu?program={}#ct-{}", w.program_id.0, w.subject.id)
                }
            }),
            severity: w.severity.code(),
            severity_label: w.severity_label.clone(),
            rule: w.rule_label.clone(),
            subject: w.subject_title.clone(),
            agency: w.agency_name.clone().unwrap_or_default(),
            message: w.message.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "overview.html")]
struct OverviewPage {
    page: &'static str,
    nav: Option<Nav>,
    /// The periods a consolidated report can be downloaded for.
    periods: Vec<Choice>,
    /// May export the whole database.
    operator: bool,
    /// [`OverviewBody`], rendered: the part that refreshes itself.
    body: String,
}

/// One agency's reporting in the current period.
struct AgencyReporting {
    id: i64,
    name: String,
    expected: String,
    received: String,
    late: String,
    missing: String,
}

/// A period's reporting in words: how many reports were expected, how many
/// came, on time or late, and how many are missing.
struct PeriodCounts {
    label: String,
    due: String,
    expected: String,
    received: String,
    on_time: String,
    late: String,
    missing: String,
    /// Received of expected, `87,5%` (empty when nothing was expected).
    share: String,
    /// On time of expected.
    on_time_share: String,
    /// Not yet due on `today`: what is missing may still come on time.
    open: bool,
}

impl PeriodCounts {
    fn of(
        period: &tiendo_store::Period,
        row: &tiendo_store::AgencyCompletenessRow,
        today: chrono::NaiveDate,
    ) -> Self {
        PeriodCounts {
            open: period.dates.due_on >= today,
            label: period.label.clone(),
            due: period.dates.due_on.format("%d/%m/%Y").to_string(),
            expected: count(row.expected),
            received: count(row.received),
            on_time: count(row.on_time),
            late: count(row.late),
            missing: count(row.missing),
            share: percent_of(row.received, row.expected),
            on_time_share: percent_of(row.on_time, row.expected),
        }
    }
}

/// `part` of `whole` as a Vietnamese percentage, `87,5%`; empty for none.
fn percent_of(part: u32, whole: u32) -> String {
    if whole == 0 {
        return String::new();
    }
    let p = (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole)).round_dp(1);
    format!("{}%", format_number(p))
}

/// The current period's reporting, for the overview.
struct Reporting {
    counts: PeriodCounts,
    /// Agencies with reports still missing, most missing first.
    behind: Vec<AgencyReporting>,
}

/// Agencies the overview lists as behind on reporting.
const REPORTING_ROWS: usize = 10;

#[derive(Template)]
#[template(path = "overview_body.html")]
struct OverviewBody {
    reporting: Option<Reporting>,
    program: String,
    as_of: String,
    total: String,
    statuses: Vec<StatusHead>,
    red: String,
    yellow: String,
    info: String,
    warnings: Vec<WarningLine>,
    sections: Grid,
    agencies: Grid,
}

/// A stored instant (RFC 3339, UTC) as its day in Vietnam, `14/07/2026`.
fn local_day(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .map(|t| {
            tiendo_core::schedule::local_date(t.with_timezone(&chrono::Utc))
                .format("%d/%m/%Y")
                .to_string()
        })
        .unwrap_or_else(|_| stamp.chars().take(10).collect())
}

/// `1.254`: a count as Vietnamese readers write it.
fn count(n: impl Into<Decimal>) -> String {
    format_number(n.into())
}

/// A grid of `rows`; `link` gives each row's page from its key.
fn grid(head: &'static str, rows: &[StatusRow], link: impl Fn(&str) -> String) -> Grid {
    Grid {
        head,
        rows: rows
            .iter()
            .map(|r| GridRow {
                label: r.label.clone(),
                link: link(&r.key),
                cells: TaskStatus::ALL
                    .iter()
                    .zip(r.counts)
                    .map(|(s, n)| Cell {
                        class: if n == 0 {
                            "zero".into()
                        } else {
                            format!("st-{}", s.code())
                        },
                        text: count(n),
                    })
                    .collect(),
                total: count(r.total()),
            })
            .collect(),
    }
}

async fn overview(State(state): State<AppState>, visitor: Visitor) -> Response {
    let body = match overview_body(&state, &visitor).await.map(|b| b.render()) {
        Ok(Ok(body)) => body,
        Ok(Err(e)) => return failure(&e.to_string()),
        Err(e) => return failure(&e.to_string()),
    };
    let periods = match download::choices(&state.store, state.warnings.today()).await {
        Ok(p) => p,
        Err(e) => return failure(&e.to_string()),
    };
    render(&OverviewPage {
        page: "overview",
        nav: visitor.nav(),
        periods,
        operator: visitor.actor.is_operator(),
        body,
    })
}

/// The overview without its frame, for the live refresh.
async fn overview_part(State(state): State<AppState>, visitor: Visitor) -> Response {
    match overview_body(&state, &visitor).await {
        Ok(body) => render(&body),
        Err(e) => failure(&e.to_string()),
    }
}

async fn overview_body(
    state: &AppState,
    visitor: &Visitor,
) -> Result<OverviewBody, tiendo_store::StoreError> {
    let programs = state.store.programs().await?;
    let program = match programs.as_slice() {
        [one] => one.title.clone(),
        [] => "Chưa có chương trình nào".to_string(),
        many => format!("{} chương trình", many.len()),
    };
    let overview = state.store.status_overview(None).await?;
    let filter = WarningFilter {
        per_page: OVERVIEW_WARNINGS,
        ..WarningFilter::default()
    };
    let counts = state.store.warning_counts(&filter, &visitor.actor).await?;
    let listed = state.store.warnings(&filter, &visitor.actor).await?;
    let statuses = TaskStatus::ALL
        .iter()
        .zip(overview.totals)
        .map(|(s, n)| StatusHead {
            code: s.code(),
            label: s.label_vi(),
            count: count(n),
        })
        .collect();
    let reporting = match entry::current_period(state).await? {
        Some(period) => {
            let c = state.store.completeness(period.id).await?;
            let mut behind: Vec<_> = c.agencies.iter().filter(|a| a.missing > 0).collect();
            behind.sort_by(|a, b| {
                b.missing
                    .cmp(&a.missing)
                    .then_with(|| tiendo_core::vn::compare(&a.agency_name, &b.agency_name))
            });
            let total = tiendo_store::AgencyCompletenessRow {
                agency_id: tiendo_store::AgencyId(0),
                agency_name: String::new(),
                expected: c.expected,
                received: c.received,
                on_time: c.on_time,
                late: c.late,
                missing: c.missing,
            };
            Some(Reporting {
                counts: PeriodCounts::of(&period, &total, state.warnings.today()),
                behind: behind
                    .into_iter()
                    .take(REPORTING_ROWS)
                    .map(|a| AgencyReporting {
                        id: a.agency_id.0,
                        name: a.agency_name.clone(),
                        expected: count(a.expected),
                        received: count(a.received),
                        late: count(a.late),
                        missing: count(a.missing),
                    })
                    .collect(),
            })
        }
        None => None,
    };
    Ok(OverviewBody {
        reporting,
        program,
        as_of: state.warnings.today().format("%d/%m/%Y").to_string(),
        total: count(overview.totals.iter().sum::<u32>()),
        statuses,
        red: count(counts.by_severity.red),
        yellow: count(counts.by_severity.yellow),
        info: count(counts.by_severity.info),
        warnings: listed
            .items
            .into_iter()
            .map(|w| WarningLine::of(&w))
            .collect(),
        sections: grid("Lĩnh vực", &overview.sections, |key| {
            format!("/chuong-trinh?section={}", encode(key))
        }),
        agencies: grid("Cơ quan chủ trì", &overview.agencies, |key| {
            format!("/co-quan/{key}")
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_read_as_vietnamese_percentages() {
        assert_eq!(percent_of(7, 8), "87,5%");
        assert_eq!(percent_of(2, 3), "66,7%");
        assert_eq!(percent_of(0, 0), "");
    }

    #[test]
    fn shortens_on_a_character_boundary() {
        assert_eq!(short("Đề án nhà ở xã hội", 5), "Đề án…");
        assert_eq!(short("ngắn", 10), "ngắn");
    }

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(
            safe_next("/chuong-trinh?section=1"),
            "/chuong-trinh?section=1"
        );
        for outside in ["//evil.example", "https://evil.example", "/\\evil", ""] {
            assert_eq!(safe_next(outside), "/", "{outside}");
        }
    }
}
