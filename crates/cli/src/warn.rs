//! `tiendo warnings`: evaluate every task and indicator of a database as of
//! any date and print what the early-warning engine finds; with `--save`,
//! store the result the way the server's sweep does.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use serde::Serialize;
use tiendo_core::warning::{
    ChangeKind, Engine, ProgramInput, Severity, SubjectKind, Warning, WarningConfig,
};
use tiendo_server::{WarningService, WarningSettings};
use tiendo_store::Store;

/// Reads the thresholds file, or the defaults without one.
pub fn thresholds(path: Option<&Path>) -> anyhow::Result<WarningConfig> {
    let Some(path) = path else {
        return Ok(WarningConfig::default());
    };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("không đọc được tệp ngưỡng cảnh báo {}", path.display()))?;
    WarningConfig::from_toml(&text).with_context(|| path.display().to_string())
}

#[derive(Serialize)]
struct Finding {
    #[serde(flatten)]
    warning: Warning,
    subject: tiendo_core::warning::Subject,
    title: String,
    agency: Option<String>,
}

pub async fn run(
    db: &Path,
    at: NaiveDate,
    config: WarningConfig,
    json: bool,
    save: bool,
) -> anyhow::Result<()> {
    let store = Store::open(db)
        .await
        .with_context(|| format!("mở cơ sở dữ liệu {}", db.display()))?;
    if save {
        let settings = WarningSettings {
            thresholds: config,
            today: Some(at),
            ..WarningSettings::default()
        };
        let service = WarningService::start(store.clone(), settings).await?;
        let summary = service.sweep().await?;
        println!(
            "Đã lưu cảnh báo tính đến ngày {}: đang mở {} đỏ, {} vàng, {} thông tin.",
            at.format("%d/%m/%Y"),
            summary.open_red,
            summary.open_yellow,
            summary.open_info
        );
        drop(service);
        store.close().await;
        return Ok(());
    }

    let load = store.load_engine().await?;
    let mut names: HashMap<(SubjectKind, i64), (String, Option<String>)> = HashMap::new();
    let mut engine = Engine::new();
    for p in load.programs {
        let version = store
            .load_version(tiendo_store::ProgramId(p.id), None)
            .await?;
        for (id, t) in version.task_ids.iter().zip(&version.catalog.tasks) {
            names.insert(
                (SubjectKind::Task, id.0),
                (t.title.clone(), t.lead_agency.clone()),
            );
        }
        for (id, i) in version
            .indicator_ids
            .iter()
            .zip(&version.catalog.indicators)
        {
            names.insert((SubjectKind::Indicator, id.0), (i.name.clone(), None));
        }
        engine.set_program(ProgramInput {
            id: p.id,
            thresholds: config.for_program(&p.key).clone(),
            calendar: p.calendar,
        });
    }
    for t in load.tasks {
        engine.upsert_task(t);
    }
    for i in load.indicators {
        engine.upsert_indicator(i);
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // A fresh engine holds nothing open: every finding comes back as raised.
    let mut findings: Vec<Finding> = engine
        .sweep(at, threads)
        .into_iter()
        .filter(|c| c.kind == ChangeKind::Raised)
        .filter_map(|c| {
            let (title, agency) = names
                .get(&(c.subject.kind, c.subject.id))
                .cloned()
                .unwrap_or_default();
            Some(Finding {
                warning: c.warning?,
                subject: c.subject,
                title,
                agency,
            })
        })
        .collect();
    findings.sort_by(|a, b| {
        b.warning
            .severity
            .cmp(&a.warning.severity)
            .then(a.warning.rule.cmp(&b.warning.rule))
            .then(a.subject.cmp(&b.subject))
    });
    store.close().await;

    if json {
        println!("{}", serde_json::to_string_pretty(&findings)?);
        return Ok(());
    }
    let count = |s: Severity| findings.iter().filter(|f| f.warning.severity == s).count();
    println!(
        "Cảnh báo tính đến ngày {}: {} đỏ, {} vàng, {} thông tin ({} nhiệm vụ, {} chỉ tiêu đã xét).",
        at.format("%d/%m/%Y"),
        count(Severity::Red),
        count(Severity::Yellow),
        count(Severity::Info),
        engine.task_count(),
        engine.indicator_count()
    );
    for f in &findings {
        let subject = match f.subject.kind {
            SubjectKind::Task => format!("NV #{}", f.subject.id),
            SubjectKind::Indicator => format!("CT #{}", f.subject.id),
        };
        println!(
            "{:<9} {:<28} {subject:<10} {}",
            f.warning.severity.label_vi(),
            f.warning.rule.label_vi(),
            clip(&f.title, 70)
        );
        if let Some(a) = &f.agency {
            println!("{:49}Chủ trì: {a}", "");
        }
        println!("{:49}{}", "", f.warning.message);
    }
    Ok(())
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}
