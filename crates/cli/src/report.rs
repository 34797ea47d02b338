//! `tiendo report`: the consolidated report of a period, written to a file.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use tiendo_report::{Layout, ReportError, ReportKind, Request};
use tiendo_store::{AgencyId, ProgramId, Store};

/// What `tiendo report` was asked for.
pub struct Ask<'a> {
    pub db: &'a Path,
    pub program: String,
    pub period: String,
    pub kind: ReportKind,
    pub format: &'a str,
    pub out: &'a Path,
    pub agency: Option<i64>,
    pub layout: Option<Layout>,
    pub warnings: Option<&'a Path>,
    pub today: Option<chrono::NaiveDate>,
}

pub async fn run(ask: Ask<'_>) -> anyhow::Result<ExitCode> {
    let store = Store::open(ask.db)
        .await
        .with_context(|| format!("mở cơ sở dữ liệu {}", ask.db.display()))?;
    let result = write(&store, &ask).await;
    store.close().await;
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => match e.downcast_ref::<ReportError>() {
            Some(ReportError::NotFound(m) | ReportError::Invalid(m)) => {
                eprintln!("lỗi: {m}");
                eprintln!("không ghi tệp nào.");
                Ok(ExitCode::from(2))
            }
            _ => Err(e),
        },
    }
}

async fn write(store: &Store, ask: &Ask<'_>) -> anyhow::Result<()> {
    let started = Instant::now();
    let program = crate::program_key_of(store, Some(ask.program.clone()))
        .await?
        .unwrap_or_default();
    let Some(program) = store.program_by_key(&program).await? else {
        return Err(ReportError::NotFound(format!(
            "Không có chương trình {} trong cơ sở dữ liệu.",
            ask.program
        ))
        .into());
    };
    let config = crate::warn::thresholds(ask.warnings)?;
    let key = store
        .programs()
        .await?
        .into_iter()
        .find(|p| p.id == program)
        .map(|p| p.key)
        .unwrap_or_default();
    let request = Request {
        program: ProgramId(program.0),
        kind: ask.kind,
        period: ask.period.clone(),
        agency: ask.agency.map(AgencyId),
        today: ask
            .today
            .unwrap_or_else(|| tiendo_core::schedule::local_date(chrono::Utc::now())),
        layout: ask.layout,
        thresholds: config.for_program(&key).clone(),
        money: true,
    };
    let report = tiendo_report::assemble(store, &request).await?;
    let bytes = match ask.format {
        "docx" => tiendo_report::docx::write(&report)?,
        "xlsx" => tiendo_report::xlsx::write(&report)?,
        "csv" => tiendo_report::csv::write(&report)?,
        "json" => serde_json::to_vec_pretty(&report)?,
        other => anyhow::bail!("định dạng {other} chưa hỗ trợ (docx, xlsx, csv, json)"),
    };
    // Written beside the target, then renamed: a failed run leaves no half file.
    let partial = ask.out.with_extension("partial");
    std::fs::write(&partial, &bytes).with_context(|| format!("ghi {}", partial.display()))?;
    std::fs::rename(&partial, ask.out).with_context(|| format!("ghi {}", ask.out.display()))?;
    eprintln!(
        "Đã ghi {} ({} nhiệm vụ, {} KB) trong {} giây.",
        ask.out.display(),
        report.appendix.len(),
        bytes.len() / 1024,
        format!("{:.2}", started.elapsed().as_secs_f64()).replace('.', ",")
    );
    Ok(())
}
