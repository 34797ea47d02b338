//! Early warnings in storage, through the public API on real SQLite: what
//! the engine loads, how its changes are stored (life cycle, events, the
//! one-open-per-rule-and-subject index, all or nothing), how people list,
//! count and acknowledge warnings, activating a conditional task, and a
//! bounded benchmark. Dates are fixed instants so nothing depends on today.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use tiendo_core::schedule::PeriodKind;
use tiendo_core::warning::{Change, ChangeKind, RuleId, Severity, Subject, TaskInput, Warning};
use tiendo_core::{
    ActualBody, Assignment, Catalog, Comparator, Indicator, Milestone, Money, Part, Program,
    ReportBody, Role, Section, Target, Task, TaskKind, TaskStatus,
};
use tiendo_store::{
    AgencyId, Ctx, IndicatorId, NewReport, NewUser, Period, ProgramId, Store, StoreError,
    StoredWarning, TaskId, User, WarningFilter, hash_password,
};

use crate::helpers::{TestDb, date, dec, source, task};

mod bench;
mod following;
mod life_cycle;
mod listing;
mod loading;
mod people;

const XD: &str = "Sở Xây dựng";
const TTTT: &str = "Sở Thông tin và Truyền thông";
const TC: &str = "Sở Tài chính";

/// Four tasks and one indicator:
/// 0. roads, section 1.3, led by Sở Xây dựng (assigned by the import);
/// 1. digital, section 1.3.b, led by Sở TT&TT, conditional;
/// 2. culture, section 2, nobody leads it (never assigned), due 30/9/2025;
/// 3. defence, section 10, nobody leads it.
fn catalog() -> Catalog {
    let mut roads = task(
        "1.3",
        TaskKind::Plan,
        "Kế hoạch phát triển hạ tầng giao thông",
        XD,
        10,
    );
    roads.deadline = Some(date(2025, 12, 31));
    let mut digital = task(
        "1.3.b",
        TaskKind::Scheme,
        "Đề án chuyển đổi số trong cơ quan nhà nước",
        TTTT,
        12,
    );
    digital.conditions = vec!["khi đảm bảo đủ điều kiện".into()];
    digital.deadline = Some(date(2026, 6, 30));
    let mut culture = Task::new(
        Part::Tasks,
        "2",
        TaskKind::Resolution,
        "Nghị quyết về phát triển văn hóa",
    );
    culture.deadline = Some(date(2025, 9, 30));
    culture.line = 20;
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
            section("1.3", "Hạ tầng", Some("1")),
            section("1.3.b", "Chuyển đổi số", Some("1.3")),
            section("2", "Văn hóa - xã hội", None),
            section("10", "Quốc phòng - an ninh", None),
        ],
        tasks: vec![roads, digital, culture, defence],
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
        agencies: vec![XD.into(), TTTT.into(), TC.into()],
        ..Default::default()
    }
}

/// The program imported into a fresh file with its 2025 periods.
struct World {
    db: TestDb,
    program: ProgramId,
    tasks: Vec<TaskId>,
    indicator: IndicatorId,
    agencies: HashMap<&'static str, AgencyId>,
    periods: Vec<Period>,
}

impl World {
    async fn new() -> World {
        let db = TestDb::new().await;
        let program = db
            .store
            .import_catalog(&catalog(), &source("kh.txt"))
            .await
            .unwrap()
            .program_id();
        let stored = db.store.load_version(program, None).await.unwrap();
        let mut agencies = HashMap::new();
        for name in [XD, TTTT, TC] {
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

    fn period(&self, kind: PeriodKind, seq: u8) -> &Period {
        self.periods
            .iter()
            .find(|p| p.kind == kind && p.seq == seq)
            .unwrap()
    }

    fn monthly(&self, month: u8) -> &Period {
        self.period(PeriodKind::Monthly, month)
    }

    async fn user(&self, name: &str, role: Role, agency: Option<&str>, money: bool) -> User {
        self.store()
            .create_user(
                &Ctx::system(),
                NewUser {
                    name: name.into(),
                    display_name: format!("Cán bộ {name}"),
                    role,
                    agency: agency.map(|a| self.agency(a)),
                    money_access: money,
                    password_hash: password_hash().into(),
                },
            )
            .await
            .unwrap()
            .into_inner()
    }

    async fn ctx(&self, name: &str, role: Role, agency: Option<&str>) -> Ctx {
        Ctx::of(self.user(name, role, agency, false).await.actor())
    }

    /// Roads, under way from 1 January to 31 December 2025, Sở Tài chính
    /// coordinating.
    async fn assign_roads(&self) {
        let a = Assignment {
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
            budget: None,
            status: TaskStatus::InProgress,
        };
        self.store()
            .assign(&Ctx::system(), self.tasks[0], a)
            .await
            .unwrap();
    }

    /// Files a report for `task` by `agency` at `now`; its id.
    async fn file(
        &self,
        task: TaskId,
        period: &Period,
        agency: &str,
        body: ReportBody,
        now: DateTime<Utc>,
    ) -> i64 {
        self.store()
            .submit_report(
                &Ctx::system(),
                NewReport {
                    task_id: task,
                    period_id: period.id,
                    agency_id: Some(self.agency(agency)),
                    body,
                },
                now,
            )
            .await
            .unwrap()
            .into_inner()
            .id
    }

    async fn record_actual(&self, period: &Period, value: &str, agency: Option<&str>) {
        self.store()
            .record_actual(
                &Ctx::system(),
                self.indicator,
                period.id,
                ActualBody {
                    value: dec(value),
                    agency: agency.map(|a| self.agency(a).0),
                    area: String::new(),
                    source: "Cục Thống kê".into(),
                    note: String::new(),
                    estimate: false,
                },
            )
            .await
            .unwrap();
    }

    /// Stores `changes` as of 1 October 2025. Each row returned is the row
    /// stored (when the call changes each warning once).
    async fn apply(&self, changes: &[Change]) -> Vec<tiendo_store::WarningEvent> {
        let events = self
            .store()
            .apply_warning_changes(changes, date(2025, 10, 1))
            .await
            .unwrap();
        let mut ids: Vec<i64> = events.iter().map(|e| e.warning.id).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() == events.len() {
            for event in &events {
                let stored = self
                    .store()
                    .warning(event.warning.id, &operator())
                    .await
                    .unwrap();
                assert_eq!(stored.as_ref(), Some(&event.warning));
            }
        }
        events
    }

    fn roads(&self) -> Subject {
        Subject::task(self.tasks[0].0)
    }

    fn change(
        &self,
        subject: Subject,
        kind: ChangeKind,
        warning: Warning,
        previous: Option<Severity>,
    ) -> Change {
        Change {
            subject,
            program: self.program.0,
            rule: warning.rule,
            kind,
            warning: Some(warning),
            previous,
        }
    }

    fn raised(&self, subject: Subject, warning: Warning) -> Change {
        self.change(subject, ChangeKind::Raised, warning, None)
    }

    fn resolved(&self, subject: Subject, rule: RuleId, previous: Severity) -> Change {
        Change {
            subject,
            program: self.program.0,
            rule,
            kind: ChangeKind::Resolved,
            warning: None,
            previous: Some(previous),
        }
    }

    /// Warnings as an operator sees them.
    async fn list(&self, filter: WarningFilter) -> Vec<StoredWarning> {
        self.store()
            .warnings(&filter, &operator())
            .await
            .unwrap()
            .items
    }
}

/// An engine with everything stored: programs (default thresholds), tasks,
/// indicators, and the warnings left open.
async fn engine_of(store: &Store) -> tiendo_core::warning::Engine {
    use tiendo_core::warning::{Engine, Open, ProgramInput, Thresholds};
    let load = store.load_engine().await.unwrap();
    let mut engine = Engine::new();
    for p in load.programs {
        engine.set_program(ProgramInput {
            id: p.id,
            thresholds: Thresholds::default(),
            calendar: p.calendar,
        });
    }
    for t in load.tasks {
        engine.upsert_task(t);
    }
    for i in load.indicators {
        engine.upsert_indicator(i);
    }
    for (subject, warning) in &load.open {
        engine.restore(*subject, Open::of(warning));
    }
    engine
}

/// A finding with one fact.
fn finding(rule: RuleId, severity: Severity, message: &str) -> Warning {
    Warning {
        rule,
        severity,
        message: message.into(),
        facts: [("deadline", "2025-09-30")].into_iter().collect(),
    }
}

/// An operator who never signed in: enough to read with.
fn operator() -> tiendo_core::Actor {
    actor(Role::Operator, None, false)
}

fn actor(role: Role, agency: Option<i64>, money_access: bool) -> tiendo_core::Actor {
    tiendo_core::Actor {
        user_id: 0,
        name: role.code().into(),
        role,
        agency,
        money_access,
    }
}

/// One argon2 hash for every test account: hashing is slow on purpose.
fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password("mật khẩu đủ dài").unwrap())
}

/// An instant given in Vietnam time (UTC+7).
fn vn(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap()
        .to_utc()
}

fn body(status: TaskStatus, percent: &str) -> ReportBody {
    ReportBody {
        status,
        percent: dec(percent),
        done: "Đã triển khai".into(),
        obstacles: String::new(),
        proposals: String::new(),
        money: Money::default(),
        evidence: Vec::new(),
        estimate: false,
    }
}

/// The code of a rejection; anything else fails the test.
fn code<T: std::fmt::Debug>(r: Result<T, StoreError>) -> (&'static str, String) {
    match r {
        Err(StoreError::Rejected(rejection)) => (rejection.code, rejection.field),
        other => panic!("expected a rejection, got {other:?}"),
    }
}

fn forbidden<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    assert!(
        matches!(r, Err(StoreError::Forbidden(_))),
        "expected Forbidden, got {r:?}"
    );
}

/// The task input of `id` in a load.
fn input_of(tasks: &[TaskInput], id: TaskId) -> &TaskInput {
    tasks.iter().find(|t| t.id == id.0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    date(y, m, d)
}
