//! The world the benchmark runs in, written through the store (not HTTP): a
//! program of N tasks built in code, M agencies, every task assigned to a
//! lead and two coordinators, enough extra periods that every report has a
//! (task, period, agency) slot of its own, and an operator's API token.

use anyhow::{Context, bail};
use chrono::{Datelike, Duration, NaiveDate};
use tiendo_core::{
    Assignment, Catalog, Part, Program, Role, Section, Task, TaskKind, TaskStatus, YearSpan,
};
use tiendo_store::{Ctx, ExtraPeriod, NewUser, SourceInfo, Store, TaskId};

/// Agencies that report on each task: its lead and two coordinators.
pub const AGENCIES_PER_TASK: usize = 3;

/// One report's place: only one first report fits in it.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    pub task: i64,
    pub period: i64,
    pub agency: i64,
}

pub struct Seeded {
    /// Interleaved so that consecutive slots belong to different tasks.
    pub slots: Vec<Slot>,
    pub periods: usize,
    pub token: String,
}

fn catalog(tasks: usize, agencies: usize) -> Catalog {
    const SECTIONS: usize = 10;
    let sections = (1..=SECTIONS)
        .map(|s| Section {
            part: Part::Tasks,
            number: s.to_string(),
            title: format!("Lĩnh vực trọng tâm số {s}"),
            parent: None,
        })
        .collect();
    let tasks = (0..tasks)
        .map(|i| {
            let mut t = Task::new(
                Part::Tasks,
                (i % SECTIONS + 1).to_string(),
                TaskKind::Plan,
                format!(
                    "Kế hoạch triển khai nhiệm vụ số {} về chuyển đổi số và cải cách hành chính",
                    i + 1
                ),
            );
            t.line = i + 1;
            t
        })
        .collect();
    Catalog {
        program: Program {
            title: "Chương trình hành động tải thử của tỉnh An Lạc".into(),
            issuer: Some("Ủy ban nhân dân tỉnh An Lạc".into()),
            term: YearSpan::new(2025, 2030),
            ..Program::default()
        },
        sections,
        tasks,
        indicators: Vec::new(),
        agencies: (1..=agencies)
            .map(|a| format!("Phòng Kinh tế khu vực {a}"))
            .collect(),
        ..Default::default()
    }
}

/// Seeds `store` for `reports` reports over `tasks` tasks and `agencies` agencies.
pub async fn seed(
    store: &Store,
    tasks: usize,
    agencies: usize,
    reports: usize,
    today: NaiveDate,
) -> anyhow::Result<Seeded> {
    if agencies < AGENCIES_PER_TASK || tasks == 0 {
        bail!("need at least {AGENCIES_PER_TASK} agencies and one task");
    }
    let ctx = Ctx::system();
    let program = store
        .import_catalog(
            &catalog(tasks, agencies),
            &SourceInfo {
                file_name: "tai-thu.txt".into(),
                ..SourceInfo::default()
            },
        )
        .await?
        .program_id();

    let agency_ids: Vec<i64> = store.agencies().await?.iter().map(|a| a.id.0).collect();
    if agency_ids.len() != agencies {
        bail!("{} agencies stored, {agencies} expected", agency_ids.len());
    }
    let task_ids = task_ids(store, program).await?;
    let mut teams = Vec::with_capacity(task_ids.len());
    let items = task_ids
        .iter()
        .enumerate()
        .map(|(i, &task)| {
            let team: Vec<i64> = (0..AGENCIES_PER_TASK)
                .map(|k| agency_ids[(i + k) % agency_ids.len()])
                .collect();
            let assignment = Assignment {
                lead_agency: Some(team[0]),
                coordinators: team[1..].to_vec(),
                start: NaiveDate::from_ymd_opt(2025, 1, 1),
                deadline: NaiveDate::from_ymd_opt(2030, 12, 31),
                status: TaskStatus::InProgress,
                ..Assignment::default()
            };
            teams.push(team);
            (TaskId(task), assignment)
        })
        .collect();
    store.assign_many(&ctx, items).await?;

    // Periods open today, due in a month: every report is on time.
    let per_period = task_ids.len() * AGENCIES_PER_TASK;
    let periods = reports.div_ceil(per_period).max(1);
    let mut period_ids = Vec::with_capacity(periods);
    for p in 1..=periods {
        let period = store
            .open_extra_period(
                &ctx,
                program,
                ExtraPeriod {
                    label: format!("Báo cáo tải thử đợt {p}"),
                    window_start: NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
                    window_end: today,
                    due_on: today + Duration::days(30),
                    closes_on: None,
                },
            )
            .await?
            .into_inner();
        period_ids.push(period.id);
    }

    let mut slots = Vec::with_capacity(periods * per_period);
    for &period in &period_ids {
        for k in 0..AGENCIES_PER_TASK {
            for (team, &task) in teams.iter().zip(&task_ids) {
                slots.push(Slot {
                    task,
                    period,
                    agency: team[k],
                });
            }
        }
    }

    let user = store
        .create_user(
            &ctx,
            NewUser {
                name: "taithu".into(),
                display_name: "Tải thử".into(),
                role: Role::Operator,
                agency: None,
                money_access: true,
                password_hash: tiendo_store::hash_password("mat-khau-tai-thu-2026")?,
            },
        )
        .await?
        .into_inner();
    let token = store.create_token(&ctx, user.id, "tải thử").await?.secret;
    Ok(Seeded {
        slots,
        periods,
        token,
    })
}

async fn task_ids(store: &Store, program: tiendo_store::ProgramId) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for page in 1.. {
        let got = store
            .tasks(&tiendo_store::TaskFilter {
                program: Some(program),
                page,
                per_page: 500,
                ..tiendo_store::TaskFilter::default()
            })
            .await
            .context("list the seeded tasks")?;
        ids.extend(got.items.iter().map(|t| t.id.0));
        if got.items.is_empty() || ids.len() as u64 >= got.total {
            break;
        }
    }
    Ok(ids)
}
