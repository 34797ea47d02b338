//! A fresh database file per test, a sample catalog, and a full dump of the
//! database read over a separate connection, to compare states exactly.

use std::path::PathBuf;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use tempfile::TempDir;
use tiendo_core::period::YearSpan;
use tiendo_core::{
    Catalog, Comparator, Component, Indicator, Part, Program, ReportingRule, Section, Target, Task,
    TaskKind,
};
use tiendo_store::{SourceInfo, Store};

pub struct TestDb {
    /// Kept so the directory lives as long as the database.
    pub _dir: TempDir,
    pub path: PathBuf,
    pub store: Store,
}

impl TestDb {
    pub async fn new() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tiendo.db");
        let store = Store::open(&path).await.unwrap();
        TestDb {
            _dir: dir,
            path,
            store,
        }
    }

    /// Every row of every table, as text, table by table, in rowid order.
    pub async fn dump(&self) -> Vec<String> {
        let options = SqliteConnectOptions::new().filename(&self.path);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .unwrap();
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let mut out = Vec::new();
        for table in tables {
            let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?)")
                .bind(&table)
                .fetch_all(&pool)
                .await
                .unwrap();
            let expr = columns
                .iter()
                .map(|c| format!("quote(\"{c}\")"))
                .collect::<Vec<_>>()
                .join(" || ',' || ");
            let rows: Vec<String> =
                sqlx::query_scalar(&format!("SELECT {expr} FROM \"{table}\" ORDER BY rowid"))
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            out.extend(rows.into_iter().map(|r| format!("{table}: {r}")));
        }
        pool.close().await;
        out
    }

    pub async fn count(&self, table: &str) -> usize {
        let prefix = format!("{table}: ");
        self.dump()
            .await
            .iter()
            .filter(|r| r.starts_with(&prefix))
            .count()
    }
}

pub fn source(name: &str) -> SourceInfo {
    SourceInfo {
        file_name: name.into(),
        content_hash: "ab".repeat(32),
        program_key: None,
    }
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn task(section: &str, kind: TaskKind, title: &str, lead: &str, line: usize) -> Task {
    let mut t = Task::new(Part::Tasks, section, kind, title);
    t.lead_agency = Some(lead.into());
    t.line = line;
    t
}

/// Two sections, three tasks, two indicators: a little of everything.
pub fn sample() -> Catalog {
    let mut scheme = task(
        "1",
        TaskKind::Scheme,
        "Đề án phát triển kinh tế biển tỉnh Khánh Hòa giai đoạn 2026 - 2030, tầm nhìn đến năm 2045",
        "Ban CSĐ UBND tỉnh",
        41,
    );
    scheme.period_start = Some(2026);
    scheme.period_end = Some(2030);
    scheme.horizon = Some(2045);
    scheme.review_level = vec!["Thường trực Tỉnh ủy".into(), "Ban Thường vụ Tỉnh ủy".into()];
    scheme.issuing_body = Some("Ban Thường vụ Tỉnh ủy".into());
    scheme.deadline = Some(date(2026, 6, 30));
    scheme.deadline_text = Some("Quý II năm 2026".into());

    let mut project = task(
        "1",
        TaskKind::Project,
        "Dự án khu đô thị ven vịnh Cam Ranh và khu du lịch Bắc bán đảo",
        "Sở Xây dựng",
        47,
    );
    project.stt = Some("1.4".into());
    project.conditions = vec!["khi đảm bảo đủ điều kiện".into()];
    project.components = vec![
        Component {
            name: "Khu đô thị ven vịnh Cam Ranh".into(),
            quantity: Some(dec("1254")),
            unit: Some("ha".into()),
        },
        Component {
            name: "Khu du lịch Bắc bán đảo".into(),
            quantity: Some(dec("2579.23")),
            unit: Some("ha".into()),
        },
        Component {
            name: "Hạ tầng kết nối".into(),
            quantity: None,
            unit: None,
        },
    ];
    project.issuing_body = Some("UBND tỉnh".into());
    project.deadline = Some(date(2027, 12, 31));
    project.deadline_text = Some("Năm 2027".into());

    let mut resolution = task(
        "2",
        TaskKind::Resolution,
        "Nghị quyết về công tác xây dựng Đảng trong tình hình mới",
        "Ban Tuyên giáo Tỉnh ủy",
        63,
    );
    resolution.issuing_body = Some("Tỉnh ủy".into());

    Catalog {
        program: Program {
            title: "Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh".into(),
            issuer: Some("Ban Chấp hành Đảng bộ tỉnh".into()),
            number: Some("08-CTr/TU".into()),
            issued_on: Some(date(2025, 11, 3)),
            term: Some(YearSpan::new(2025, 2030).unwrap()),
            purpose: vec![
                "Quán triệt sâu sắc Nghị quyết.".into(),
                "Cụ thể hóa các nhiệm vụ.".into(),
            ],
            reporting: vec![
                ReportingRule::Monthly {
                    day: 18,
                    text: "trước ngày 18 hằng tháng".into(),
                },
                ReportingRule::Yearly {
                    month: 11,
                    day: 30,
                    text: "trước ngày 30 tháng 11".into(),
                },
                ReportingRule::Once {
                    date: date(2026, 2, 8),
                    text: "trước ngày 08/02/2026".into(),
                },
            ],
            ..Default::default()
        },
        sections: vec![
            Section {
                part: Part::Tasks,
                number: "1".into(),
                title: "Lĩnh vực kinh tế".into(),
                parent: None,
            },
            Section {
                part: Part::Tasks,
                number: "2".into(),
                title: "Xây dựng Đảng".into(),
                parent: None,
            },
        ],
        tasks: vec![scheme, project, resolution],
        indicators: vec![
            Indicator {
                section: "1".into(),
                name: "Tốc độ tăng trưởng GRDP bình quân".into(),
                target: Target {
                    comparator: Comparator::Between,
                    value: dec("8"),
                    value_max: Some(dec("8.5")),
                    unit: "%".into(),
                    year: None,
                    base_year: None,
                },
                source: "từ 8 - 8,5%".into(),
                line: 20,
                task: None,
            },
            Indicator {
                section: "1".into(),
                name: "Diện tích đất khu công nghiệp".into(),
                target: Target {
                    comparator: Comparator::AtLeast,
                    value: dec("2579.23"),
                    value_max: None,
                    unit: "ha".into(),
                    year: Some(2030),
                    base_year: Some(2020),
                },
                source: "ít nhất 2.579,23 ha".into(),
                line: 22,
                task: None,
            },
        ],
        agencies: vec![
            "Ban CSĐ UBND tỉnh".into(),
            "Sở Xây dựng".into(),
            "Ban Tuyên giáo Tỉnh ủy".into(),
        ],
        ..Default::default()
    }
}
