//! The running program through the store's public API on real SQLite:
//! assignments, periods, reports with revisions and completeness, who may
//! do what, refusals that store nothing, idempotent retries, the group
//! committing writer under load, the audit trail, accounts, backup and the
//! task list. Dates are fixed instants so that late, open and closed never
//! depend on the day the tests run.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use tiendo_core::schedule::PeriodKind;
use tiendo_core::{
    ActualBody, Assignment, Catalog, Comparator, Indicator, Milestone, Money, Part, Program,
    ReportBody, Role, Section, Target, Task, TaskKind, TaskStatus,
};
use tiendo_store::{
    AgencyId, AuditFilter, AuditRecord, Ctx, ExtraPeriod, Idempotency, IndicatorId, NewReport,
    NewUser, Outcome, Period, PeriodCompleteness, ProgramId, Report, ReportFilter, Store,
    StoreError, TOKEN_PREFIX, TaskFilter, TaskId, User, hash_password,
};

use crate::helpers::{TestDb, date, dec, sample, source, task};

const XD: &str = "Sở Xây dựng";
const TTTT: &str = "Sở Thông tin và Truyền thông";
const TC: &str = "Sở Tài chính";
const NV: &str = "Sở Nội vụ";
const PASSWORD: &str = "mật khẩu đủ dài";

// ---------------------------------------------------------------------------
// Fixture
// ---------------------------------------------------------------------------

/// Five tasks in sections 1.1, 1.2, 2, 2 and 10; the first two name a lead
/// agency (and are assigned to it by the import), the others do not. One
/// indicator. No reporting rules: the default regime applies.
fn program_catalog() -> Catalog {
    let mut roads = task(
        "1.1",
        TaskKind::Plan,
        "Kế hoạch phát triển hạ tầng giao thông",
        XD,
        10,
    );
    roads.deadline = Some(date(2025, 12, 31));
    let mut digital = task(
        "1.2",
        TaskKind::Scheme,
        "Đề án chuyển đổi số trong cơ quan nhà nước",
        TTTT,
        12,
    );
    digital.deadline = Some(date(2026, 6, 30));
    let mut culture = Task::new(
        Part::Tasks,
        "2",
        TaskKind::Resolution,
        "Nghị quyết về phát triển văn hóa",
    );
    culture.line = 20;
    let mut outreach = Task::new(
        Part::Tasks,
        "2",
        TaskKind::Plan,
        "Kế hoạch tuyên truyền Nghị quyết Đại hội",
    );
    outreach.deadline = Some(date(2025, 9, 30));
    outreach.line = 22;
    let mut defence = Task::new(
        Part::Tasks,
        "10",
        TaskKind::Directive,
        "Chỉ thị về công tác quân sự địa phương",
    );
    defence.line = 30;
    let section = |number: &str, title: &str, parent: Option<&str>| Section {
        part: Part::Tasks,
        number: number.into(),
        title: title.into(),
        parent: parent.map(Into::into),
    };
    Catalog {
        program: Program {
            title: "Kế hoạch thực hiện Nghị quyết về phát triển kinh tế - xã hội năm 2025".into(),
            number: Some("15-KH/UBND".into()),
            ..Program::default()
        },
        sections: vec![
            section("1", "Kinh tế", None),
            section("1.1", "Hạ tầng", Some("1")),
            section("1.2", "Chuyển đổi số", Some("1")),
            section("2", "Văn hóa - xã hội", None),
            section("10", "Quốc phòng - an ninh", None),
        ],
        tasks: vec![roads, digital, culture, outreach, defence],
        indicators: vec![Indicator {
            section: "1".into(),
            name: "Tốc độ tăng trưởng GRDP".into(),
            target: Target {
                comparator: Comparator::AtLeast,
                value: dec("8"),
                value_max: None,
                unit: "%".into(),
                year: Some(2025),
                base_year: None,
            },
            source: "tăng 8% trở lên".into(),
            line: 5,
            task: None,
        }],
        agencies: vec![XD.into(), TTTT.into(), TC.into(), NV.into()],
        ..Default::default()
    }
}

/// A program imported into a fresh file with its 2025 periods generated.
struct World {
    db: TestDb,
    program: ProgramId,
    /// Index for index with `program_catalog().tasks`.
    tasks: Vec<TaskId>,
    indicator: IndicatorId,
    agencies: HashMap<&'static str, AgencyId>,
    /// Every period of 2025, by cut-off.
    periods: Vec<Period>,
}

impl World {
    async fn new() -> World {
        let db = TestDb::new().await;
        let program = db
            .store
            .import_catalog(&program_catalog(), &source("kh.txt"))
            .await
            .unwrap()
            .program_id();
        let stored = db.store.load_version(program, None).await.unwrap();
        let mut agencies = HashMap::new();
        for name in [XD, TTTT, TC, NV] {
            let agency = db.store.find_agency(name).await.unwrap().unwrap();
            agencies.insert(name, agency.id);
        }
        let periods = db
            .store
            .generate_periods(
                &Ctx::system(),
                program,
                date(2025, 1, 1),
                date(2025, 12, 31),
            )
            .await
            .unwrap()
            .into_inner();
        World {
            db,
            program,
            tasks: stored.task_ids,
            indicator: stored.indicator_ids[0],
            agencies,
            periods,
        }
    }

    fn store(&self) -> &Store {
        &self.db.store
    }

    fn agency(&self, name: &str) -> AgencyId {
        self.agencies[name]
    }

    fn monthly(&self, month: u8) -> &Period {
        self.periods
            .iter()
            .find(|p| p.kind == PeriodKind::Monthly && p.seq == month)
            .unwrap()
    }

    fn september(&self) -> i64 {
        self.monthly(9).id
    }

    async fn user(&self, name: &str, role: Role, agency: Option<&str>) -> User {
        self.store()
            .create_user(
                &Ctx::system(),
                NewUser {
                    name: name.into(),
                    display_name: String::new(),
                    role,
                    agency: agency.map(|a| self.agency(a)),
                    money_access: false,
                    password_hash: password_hash().into(),
                },
            )
            .await
            .unwrap()
            .into_inner()
    }

    async fn reporter(&self, name: &str, agency: &str) -> Ctx {
        Ctx::of(self.user(name, Role::Reporter, Some(agency)).await.actor())
    }

    async fn operator(&self, name: &str) -> Ctx {
        Ctx::of(self.user(name, Role::Operator, None).await.actor())
    }

    /// The first task, led by Sở Xây dựng with Sở Tài chính coordinating,
    /// under way from 1 January to 31 December 2025.
    async fn assign_roads(&self, ctx: &Ctx) -> tiendo_store::AssignmentView {
        self.store()
            .assign(ctx, self.tasks[0], self.roads_assignment())
            .await
            .unwrap()
            .into_inner()
    }

    fn roads_assignment(&self) -> Assignment {
        Assignment {
            lead_agency: Some(self.agency(XD).0),
            coordinators: vec![self.agency(TC).0],
            start: Some(date(2025, 1, 1)),
            deadline: Some(date(2025, 12, 31)),
            milestones: vec![
                Milestone {
                    date: date(2025, 6, 30),
                    planned_percent: dec("40"),
                },
                Milestone {
                    date: date(2025, 12, 31),
                    planned_percent: dec("100"),
                },
            ],
            budget: Some(dec("1500000000")),
            status: TaskStatus::InProgress,
        }
    }

    async fn report_count(&self) -> u64 {
        self.store()
            .reports(&ReportFilter {
                per_page: 500,
                ..ReportFilter::default()
            })
            .await
            .unwrap()
            .total
    }

    async fn audit_count(&self) -> u64 {
        self.store()
            .audit_log(&AuditFilter::default())
            .await
            .unwrap()
            .total
    }

    async fn audit(&self, action: &str) -> Vec<AuditRecord> {
        self.store()
            .audit_log(&AuditFilter {
                action: Some(action.into()),
                per_page: 500,
                ..AuditFilter::default()
            })
            .await
            .unwrap()
            .items
    }
}

/// One argon2 hash for every test account: hashing is slow on purpose.
fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password(PASSWORD).unwrap())
}

/// An instant given in Vietnam time (UTC+7).
fn vn(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(y, m, d, h, min, s)
        .single()
        .unwrap()
        .to_utc()
}

fn body(status: TaskStatus, percent: &str) -> ReportBody {
    ReportBody {
        status,
        percent: dec(percent),
        done: "Đã triển khai các bước chuẩn bị".into(),
        obstacles: "Thiếu vốn".into(),
        proposals: String::new(),
        money: Money::default(),
        evidence: vec!["https://khanhhoa.gov.vn/vb/1".into()],
        estimate: false,
    }
}

fn report(task: TaskId, period: i64, agency: Option<AgencyId>, body: ReportBody) -> NewReport {
    NewReport {
        task_id: task,
        period_id: period,
        agency_id: agency,
        body,
    }
}

/// The code of a rejection; anything else fails the test.
fn code<T: std::fmt::Debug>(r: Result<T, StoreError>) -> &'static str {
    match r {
        Err(StoreError::Rejected(rejection)) => rejection.code,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

fn forbidden<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    assert!(
        matches!(r, Err(StoreError::Forbidden(_))),
        "expected Forbidden, got {r:?}"
    );
}

mod access;
mod accounts;
mod actuals;
mod audit;
mod backup;
mod idempotency;
mod refusals;
mod revisions;
mod tasks;
mod the_loop;
mod writer;
