//! A small program as an import would store it, and the accounts that use
//! it: an operator, a reporter of the agency leading the first task, and a
//! supervisor who may not see money.

use rust_decimal::Decimal;
use tiendo_core::{
    Catalog, Comparator, Component, Indicator, Part, Program, ReportingRule, Role, Section, Target,
    Task, TaskKind, YearSpan,
};
use tiendo_store::{AgencyId, Ctx, NewUser, SourceInfo, Store, TaskFilter, hash_password};

pub const PASSWORD: &str = "mật khẩu thử nghiệm";

pub struct Seed {
    pub program: i64,
    pub tasks: Vec<i64>,
    pub indicator: i64,
    /// Sở Tài chính, Sở Xây dựng.
    pub agencies: [i64; 2],
    pub operator: String,
    /// Of Sở Tài chính, which leads the first task.
    pub reporter: String,
    /// Without money access.
    pub supervisor: String,
}

fn catalog() -> Catalog {
    let dec = |s: &str| s.parse::<Decimal>().unwrap();
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let mut plan = Task::new(
        Part::Tasks,
        "1.1",
        TaskKind::Plan,
        "Xây dựng Kế hoạch phát triển khu kinh tế Vân Phong",
    );
    plan.lead_agency = Some("Sở Tài chính".into());
    plan.review_level = vec!["Ủy ban nhân dân tỉnh".into()];
    plan.deadline = date(2026, 6, 30);
    plan.deadline_text = Some("Quý II/2026".into());
    plan.components = vec![Component {
        name: "Khu đô thị ven vịnh Cam Ranh".into(),
        quantity: Some(dec("1254")),
        unit: Some("ha".into()),
    }];
    plan.line = 12;
    let mut scheme = Task::new(
        Part::Tasks,
        "1",
        TaskKind::Scheme,
        "Đề án phát triển đô thị thông minh",
    );
    scheme.lead_agency = Some("Sở Xây dựng".into());
    scheme.period_start = Some(2025);
    scheme.period_end = Some(2030);
    scheme.conditions = vec!["khi đảm bảo đủ điều kiện".into()];
    scheme.line = 20;
    Catalog {
        program: Program {
            title: "Chương trình hành động thực hiện Nghị quyết số 09-NQ/TU".into(),
            issuer: Some("Ủy ban nhân dân tỉnh Khánh Hòa".into()),
            number: Some("173/QĐ-UBND".into()),
            issued_on: date(2025, 1, 20),
            term: YearSpan::new(2025, 2030),
            purpose: vec!["Triển khai kịp thời, đồng bộ các nhiệm vụ.".into()],
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
                    date: date(2025, 12, 15).unwrap(),
                    text: "trước ngày 15/12/2025".into(),
                },
                ReportingRule::Annual {
                    text: "theo định kỳ hằng năm".into(),
                },
            ],
            ..Default::default()
        },
        sections: vec![
            Section {
                part: Part::Tasks,
                number: "1".into(),
                title: "Phát triển kinh tế".into(),
                parent: None,
            },
            Section {
                part: Part::Tasks,
                number: "1.1".into(),
                title: "Khu kinh tế".into(),
                parent: Some("1".into()),
            },
            Section {
                part: Part::Targets,
                number: "1".into(),
                title: "Chỉ tiêu kinh tế".into(),
                parent: None,
            },
        ],
        tasks: vec![plan, scheme],
        indicators: vec![Indicator {
            section: "1".into(),
            name: "Tốc độ tăng trưởng GRDP".into(),
            target: Target {
                comparator: Comparator::Between,
                value: dec("8"),
                value_max: Some(dec("8.5")),
                unit: "%".into(),
                year: Some(2025),
                base_year: None,
            },
            source: "từ 8 - 8,5%".into(),
            line: 5,
            task: None,
        }],
        agencies: vec!["Sở Tài chính".into(), "Sở Xây dựng".into()],
        ..Default::default()
    }
}

pub async fn seed(store: &Store) -> Seed {
    let source = SourceInfo {
        file_name: "ctr-09.docx".into(),
        ..SourceInfo::default()
    };
    let program = store
        .import_catalog(&catalog(), &source)
        .await
        .unwrap()
        .program_id();
    let agency = |name: &str| {
        let name = name.to_string();
        async move {
            store
                .find_agency(&name)
                .await
                .unwrap()
                .unwrap_or_else(|| panic!("{name} in the directory"))
                .id
        }
    };
    let agencies = [agency("Sở Tài chính").await, agency("Sở Xây dựng").await];
    let filter = TaskFilter {
        program: Some(program),
        page: 1,
        per_page: 50,
        ..TaskFilter::default()
    };
    let tasks = store
        .tasks(&filter)
        .await
        .unwrap()
        .items
        .iter()
        .map(|t| t.id.0)
        .collect();
    let indicator = store
        .load_version(program, None)
        .await
        .unwrap()
        .indicator_ids[0]
        .0;
    let hash = hash_password(PASSWORD).unwrap();
    let mut tokens = Vec::new();
    for (name, role, agency) in [
        ("dieuphoi", Role::Operator, None),
        ("sotaichinh", Role::Reporter, Some(agencies[0])),
        ("giamsat", Role::Supervisor, None),
    ] {
        let new = NewUser {
            name: name.into(),
            display_name: String::new(),
            role,
            agency,
            money_access: false,
            password_hash: hash.clone(),
        };
        let user = store
            .create_user(&Ctx::system(), new)
            .await
            .unwrap()
            .into_inner();
        let token = store
            .create_token(&Ctx::system(), user.id, "kiểm thử")
            .await
            .unwrap();
        tokens.push(token.secret);
    }
    let [operator, reporter, supervisor] = <[String; 3]>::try_from(tokens).unwrap();
    Seed {
        program: program.0,
        tasks,
        indicator,
        agencies: agencies.map(|AgencyId(a)| a),
        operator,
        reporter,
        supervisor,
    }
}
