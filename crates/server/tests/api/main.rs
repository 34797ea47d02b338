//! Integration tests of the HTTP API: each test starts the real server on a
//! free loopback port over a fresh SQLite file, seeds it through the store
//! (catalog, accounts, tokens) and drives it with reqwest. Nothing is mocked.
//! One binary (modules below) so the crate links once.

mod browser;
mod drill;
mod idempotency;
mod loop_;
mod pages;
mod permissions;
mod resp;
mod revisions;
mod sessions;
mod validation;
mod warnings;

pub use resp::{Resp, send};

use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use reqwest::{Method, RequestBuilder};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use tempfile::TempDir;
use tiendo_core::{
    Assignment, Catalog, Comparator, Indicator, Part, Program, ReportBody, Role, Section, Target,
    Task, TaskKind, TaskStatus,
};
use tiendo_server::Config;
use tiendo_store::{
    AgencyId, Ctx, ExtraPeriod, NewReport, NewUser, ProgramId, SourceInfo, Store, TaskId,
};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Every seeded account signs in with this.
pub const PASSWORD: &str = "mat-khau-thu-nghiem-2026";

/// Today in Vietnam, as the server reckons lateness.
pub fn today() -> NaiveDate {
    tiendo_core::schedule::local_date(Utc::now())
}

/// `n` days from today (negative: ago).
pub fn day(n: i64) -> NaiveDate {
    today() + Duration::days(n)
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// One hash for every seeded account: argon2 is slow on purpose.
fn password_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| tiendo_store::hash_password(PASSWORD).unwrap())
        .clone()
}

/// A seeded account and an API token of it.
#[derive(Debug, Clone)]
pub struct Who {
    pub id: i64,
    pub name: String,
    pub token: String,
}

/// A running server over its own database, with a small program: task A
/// (no lead in the document; the tests assign it to Sở Xây dựng), task B
/// (led by Sở Tài chính from the document, so assigned on import), task C
/// (never assigned), one indicator, and three agencies.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub store: Store,
    pub program: i64,
    pub task_a: i64,
    pub task_b: i64,
    pub task_c: i64,
    pub indicator: i64,
    /// Sở Xây dựng: the lead of task A once assigned.
    pub sxd: i64,
    /// Sở Tài chính: the lead of task B.
    pub stc: i64,
    /// Sở Y tế: on no task.
    pub syt: i64,
    pub operator: Who,
    /// A reporter of Sở Xây dựng.
    pub reporter: Who,
    /// A reporter of Sở Y tế, an agency unrelated to the tasks.
    pub stranger: Who,
    pub leader: Who,
    /// A supervisor without access to money figures.
    pub supervisor: Who,
    pub supervisor_money: Who,
    _dir: TempDir,
    _shutdown: oneshot::Sender<()>,
}

fn task(kind: TaskKind, title: &str, lead: Option<&str>, line: usize) -> Task {
    let mut t = Task::new(Part::Tasks, "1", kind, title);
    t.lead_agency = lead.map(str::to_string);
    t.line = line;
    t
}

fn catalog() -> Catalog {
    Catalog {
        program: Program {
            title: "Chương trình hành động thử nghiệm giai đoạn 2025 - 2030".into(),
            ..Program::default()
        },
        sections: vec![Section {
            part: Part::Tasks,
            number: "1".into(),
            title: "Phát triển hạ tầng".into(),
            parent: None,
        }],
        tasks: vec![
            task(TaskKind::Scheme, "Đề án phát triển nhà ở xã hội", None, 10),
            task(
                TaskKind::Plan,
                "Kế hoạch huy động vốn đầu tư công",
                Some("Sở Tài chính"),
                12,
            ),
            task(
                TaskKind::Project,
                "Dự án chỉnh trang đô thị ven biển",
                None,
                14,
            ),
        ],
        indicators: vec![Indicator {
            section: "1".into(),
            name: "Tỷ lệ đô thị hóa".into(),
            target: Target {
                comparator: Comparator::Reach,
                value: dec("50"),
                value_max: None,
                unit: "%".into(),
                year: Some(2030),
                base_year: None,
            },
            source: "đạt 50% năm 2030".into(),
            line: 5,
            task: None,
        }],
        agencies: vec![
            "Sở Xây dựng".into(),
            "Sở Tài chính".into(),
            "Sở Y tế".into(),
        ],
        ..Default::default()
    }
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(Config::default()).await
    }

    /// As [`TestApp::spawn`], with the server configured by `config`.
    pub async fn spawn_with(config: Config) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tiendo.db")).await.unwrap();
        let source = SourceInfo {
            file_name: "thu-nghiem.txt".into(),
            content_hash: "cd".repeat(32),
            program_key: None,
        };
        let program = store
            .import_catalog(&catalog(), &source)
            .await
            .unwrap()
            .program_id();
        let stored = store.load_version(program, None).await.unwrap();
        let agency = async |name: &str| store.find_agency(name).await.unwrap().unwrap().id.0;
        let (sxd, stc, syt) = (
            agency("Sở Xây dựng").await,
            agency("Sở Tài chính").await,
            agency("Sở Y tế").await,
        );
        let user = async |name: &str, role: Role, agency: Option<i64>, money: bool| {
            let ctx = Ctx::system();
            let new = NewUser {
                name: name.into(),
                display_name: String::new(),
                role,
                agency: agency.map(AgencyId),
                money_access: money,
                password_hash: password_hash(),
            };
            let user = store.create_user(&ctx, new).await.unwrap().into_inner();
            let token = store.create_token(&ctx, user.id, "kiểm thử").await.unwrap();
            Who {
                id: user.id,
                name: user.name,
                token: token.secret,
            }
        };
        let operator = user("dieuphoi", Role::Operator, None, false).await;
        let reporter = user("sxd.baocao", Role::Reporter, Some(sxd), false).await;
        let stranger = user("syt.baocao", Role::Reporter, Some(syt), false).await;
        let leader = user("lanhdao", Role::Leader, None, false).await;
        let supervisor = user("giamsat", Role::Supervisor, None, false).await;
        let supervisor_money = user("giamsat.tien", Role::Supervisor, None, true).await;

        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (shutdown, stop) = oneshot::channel::<()>();
        tokio::spawn(tiendo_server::serve(
            listener,
            store.clone(),
            config,
            async move {
                let _ = stop.await;
            },
        ));
        TestApp {
            base,
            client: reqwest::Client::builder().no_proxy().build().unwrap(),
            store,
            program: program.0,
            task_a: stored.task_ids[0].0,
            task_b: stored.task_ids[1].0,
            task_c: stored.task_ids[2].0,
            indicator: stored.indicator_ids[0].0,
            sxd,
            stc,
            syt,
            operator,
            reporter,
            stranger,
            leader,
            supervisor,
            supervisor_money,
            _dir: dir,
            _shutdown: shutdown,
        }
    }

    // --- seeding through the store, as the machine's administrator -------

    /// Assigns task A to Sở Xây dựng, in progress, with a budget.
    pub async fn assign_a(&self) {
        let a = Assignment {
            lead_agency: Some(self.sxd),
            start: Some(day(-400)),
            deadline: Some(day(400)),
            budget: Some(dec("1500000000")),
            status: TaskStatus::InProgress,
            ..Assignment::default()
        };
        self.store
            .assign(&Ctx::system(), TaskId(self.task_a), a)
            .await
            .unwrap();
    }

    /// Opens an extra period; offsets are days from today.
    pub async fn period(&self, label: &str, window: (i64, i64), due: i64, closes: i64) -> i64 {
        let extra = ExtraPeriod {
            label: label.into(),
            window_start: day(window.0),
            window_end: day(window.1),
            due_on: day(due),
            closes_on: Some(day(closes)),
        };
        let ctx = Ctx::system();
        let p = self
            .store
            .open_extra_period(&ctx, ProgramId(self.program), extra);
        p.await.unwrap().into_inner().id
    }

    /// Task A assigned to Sở Xây dựng, an on-time period open and the
    /// warning engine caught up (the setup writes behind the server's
    /// back, as the daily sweep would repair); the period.
    pub async fn a_under_way(&self) -> i64 {
        self.assign_a().await;
        let period = self.on_time_period("Đợt 1").await;
        self.post(
            &self.operator,
            "/api/warnings/sweep",
            &serde_json::json!({}),
        )
        .await
        .ok(200);
        period
    }

    /// Task A's report for `period` at 15 %: its plan is near 49 %, so
    /// more than 30 points behind (a red behind_plan).
    pub fn report_far_behind(&self, period: i64) -> serde_json::Value {
        serde_json::json!({
            "task_id": self.task_a, "period_id": period, "status": "in_progress",
            "percent": "15", "done": "Khảo sát xong"
        })
    }

    /// Open now and due in ten days: a report today is on time.
    pub async fn on_time_period(&self, label: &str) -> i64 {
        self.period(label, (-40, -10), 10, 40).await
    }

    /// Due ten days ago and still open: a report today is late.
    pub async fn late_period(&self, label: &str) -> i64 {
        self.period(label, (-70, -40), -10, 20).await
    }

    /// Files a report of task A by Sở Xây dựng at `now`, with money.
    pub async fn file_report(&self, period: i64, now: DateTime<Utc>) -> i64 {
        let new = NewReport {
            task_id: TaskId(self.task_a),
            period_id: period,
            agency_id: Some(AgencyId(self.sxd)),
            body: ReportBody {
                status: TaskStatus::InProgress,
                percent: dec("30"),
                done: "Đã khảo sát quỹ đất".into(),
                obstacles: "Thiếu vốn".into(),
                proposals: String::new(),
                money: tiendo_core::Money {
                    required: Some(dec("2000000000")),
                    allocated: Some(dec("1500000000")),
                    disbursed: Some(dec("600000000")),
                },
                evidence: vec!["https://example.vn/bien-ban.pdf".into()],
                estimate: false,
            },
        };
        let out = self.store.submit_report(&Ctx::system(), new, now).await;
        out.unwrap().into_inner().id
    }

    // --- HTTP -------------------------------------------------------------

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request without credentials.
    pub fn anonymous(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    pub fn as_(&self, who: &Who, method: Method, path: &str) -> RequestBuilder {
        self.anonymous(method, path).bearer_auth(&who.token)
    }

    pub async fn get(&self, who: &Who, path: &str) -> Resp {
        send(self.as_(who, Method::GET, path)).await
    }

    pub async fn post(&self, who: &Who, path: &str, body: &Value) -> Resp {
        send(self.as_(who, Method::POST, path).json(body)).await
    }

    pub async fn put(&self, who: &Who, path: &str, body: &Value) -> Resp {
        send(self.as_(who, Method::PUT, path).json(body)).await
    }

    // --- what the API says is stored --------------------------------------

    pub async fn audit_total(&self) -> u64 {
        let page = self.get(&self.operator, "/api/audit?per_page=1").await;
        page.ok(200)["total"].as_u64().unwrap()
    }

    pub async fn report_total(&self) -> u64 {
        let page = self.get(&self.operator, "/api/reports?per_page=1").await;
        page.ok(200)["total"].as_u64().unwrap()
    }

    /// Much of what a write could change, read as the operator; equal
    /// snapshots before and after a refused request mean it changed nothing.
    pub async fn snapshot(&self) -> Value {
        let p = self.program;
        let mut out = json!({ "audit": self.audit_total().await });
        for path in [
            "/api/reports?per_page=500".to_string(),
            "/api/users".into(),
            format!("/api/programs/{p}/periods"),
            format!("/api/programs/{p}/regime"),
            format!("/api/tasks?program={p}"),
            format!("/api/tasks/{}", self.task_a),
            format!("/api/tasks/{}", self.task_b),
            format!("/api/indicators/{}/actuals", self.indicator),
        ] {
            let v = self.get(&self.operator, &path).await.ok(200);
            out[path] = v;
        }
        out
    }
}
