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
use tiendo_store::{StatusRow, StoredWarning, User, WarningFilter};

use crate::AppState;
use crate::extract::{SESSION_COOKIE, cookie, session_cookie};

mod entry;
mod feed;
mod live;
mod search;
mod task;

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
        .route("/phan/canh-bao", get(feed::feed_part))
        .route(
            "/canh-bao/{id}/ghi-nhan",
            axum::routing::post(feed::acknowledge),
        )
        .route("/su-kien", get(live::events))
        .route("/static/tiendo.css", get(stylesheet))
        .route("/static/live.js", get(script))
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
    /// The task's page, for a warning about a task.
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
            link: (w.subject.kind == tiendo_core::warning::SubjectKind::Task)
                .then(|| format!("/nhiem-vu/{}", w.subject.id)),
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
    /// [`OverviewBody`], rendered: the part that refreshes itself.
    body: String,
}

/// One agency's reporting in the current period.
struct AgencyReporting {
    name: String,
    expected: String,
    received: String,
    late: String,
    missing: String,
}

/// The current period's reporting, for the overview.
struct Reporting {
    label: String,
    due: String,
    expected: String,
    received: String,
    on_time: String,
    late: String,
    missing: String,
    /// Received of expected, `87,5%`.
    share: String,
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

fn grid(head: &'static str, rows: &[StatusRow]) -> Grid {
    Grid {
        head,
        rows: rows
            .iter()
            .map(|r| GridRow {
                label: r.label.clone(),
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
    render(&OverviewPage {
        page: "overview",
        nav: visitor.nav(),
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
                    .then(a.agency_name.cmp(&b.agency_name))
            });
            let share = if c.expected == 0 {
                Decimal::ONE_HUNDRED
            } else {
                (Decimal::from(c.received) * Decimal::ONE_HUNDRED / Decimal::from(c.expected))
                    .round_dp(1)
            };
            Some(Reporting {
                label: period.label.clone(),
                due: period.dates.due_on.format("%d/%m/%Y").to_string(),
                expected: count(c.expected),
                received: count(c.received),
                on_time: count(c.on_time),
                late: count(c.late),
                missing: count(c.missing),
                share: format!("{}%", format_number(share)),
                behind: behind
                    .into_iter()
                    .take(REPORTING_ROWS)
                    .map(|a| AgencyReporting {
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
        sections: grid("Lĩnh vực", &overview.sections),
        agencies: grid("Cơ quan chủ trì", &overview.agencies),
    })
}
