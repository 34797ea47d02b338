//! The consolidated report to download (`/tai-ve/bao-cao?period=ID`), as
//! DOCX, XLSX, CSV or JSON, for the whole program or one agency (`&agency=ID`): the
//! same report `tiendo report` writes, for the signed-in reader (funding
//! warnings only for whoever may see money). And, for operators, the whole
//! database as `tiendo export` writes it (`/tai-ve/du-lieu?format=xlsx`).

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tiendo_core::schedule::PeriodKind;
use tiendo_export::Format;
use tiendo_report::{ReportError, ReportKind, Request};
use tiendo_store::{AgencyId, Ctx, Period, Store, StoreError};
use tokio::io::AsyncReadExt;

use super::{AppState, Choice, Visitor, failure, message_page};

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Deserialize)]
pub(super) struct DownloadQuery {
    period: i64,
    #[serde(default)]
    format: String,
    agency: Option<i64>,
}

/// The kind of report a period makes, and how `tiendo report` names it.
fn kind_of(p: &Period) -> Option<(ReportKind, String)> {
    match p.kind {
        PeriodKind::Monthly => Some((ReportKind::Monthly, format!("{}-{:02}", p.year, p.seq))),
        PeriodKind::SixMonth => Some((ReportKind::SixMonth, format!("{}-H{}", p.year, p.seq))),
        PeriodKind::Yearly => Some((ReportKind::Annual, p.year.to_string())),
        _ => None,
    }
}

/// The periods a report can be made for, newest first: monthly, six-month
/// and yearly ones that have opened by `today`, the open one selected.
pub(super) async fn choices(
    store: &Store,
    today: chrono::NaiveDate,
) -> Result<Vec<Choice>, StoreError> {
    let mut periods = Vec::new();
    for program in store.programs().await? {
        periods.extend(
            store
                .periods(program.id)
                .await?
                .into_iter()
                .filter(|p| kind_of(p).is_some() && p.dates.window_start <= today),
        );
    }
    periods.sort_by(|a, b| {
        b.dates
            .window_end
            .cmp(&a.dates.window_end)
            .then(b.kind.cmp(&a.kind))
    });
    periods.truncate(36);
    let first = periods.first().map(|p| p.id);
    Ok(periods
        .iter()
        .map(|p| Choice::new(p.id, &p.label, Some(p.id) == first))
        .collect())
}

/// An ASCII file name for the period: `bao-cao-thang-9-2025.docx`.
fn file_name(label: &str, agency: Option<i64>, ext: &str) -> String {
    let mut name = String::from("bao-cao-");
    for c in tiendo_core::vn::fold(label).chars() {
        name.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    if let Some(a) = agency {
        name.push_str(&format!("-co-quan-{a}"));
    }
    format!("{name}.{ext}")
}

pub(super) async fn report(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(q): Query<DownloadQuery>,
) -> Response {
    let refuse = |status: StatusCode, text: &str| (status, message_page(text)).into_response();
    let period = match state.store.period(q.period).await {
        Ok(Some(p)) => p,
        Ok(None) => return refuse(StatusCode::NOT_FOUND, "Không có kỳ báo cáo này."),
        Err(e) => return failure(&e.to_string()),
    };
    let Some((kind, spec)) = kind_of(&period) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "Báo cáo tổng hợp có cho kỳ tháng, 6 tháng và năm.",
        );
    };
    let key = match state.store.programs().await {
        Ok(list) => list
            .into_iter()
            .find(|p| p.id == period.program_id)
            .map(|p| p.key)
            .unwrap_or_default(),
        Err(e) => return failure(&e.to_string()),
    };
    let request = Request {
        program: period.program_id,
        kind,
        period: spec,
        agency: q.agency.map(AgencyId),
        today: state.warnings.today(),
        layout: None,
        thresholds: state.config.warnings.thresholds.for_program(&key).clone(),
        money: visitor.actor.sees_money(),
    };
    let report = match tiendo_report::assemble(&state.store, &request).await {
        Ok(r) => r,
        Err(ReportError::NotFound(m) | ReportError::Invalid(m)) => {
            return refuse(StatusCode::NOT_FOUND, &m);
        }
        Err(e) => return failure(&e.to_string()),
    };
    let (bytes, content_type, ext) = match q.format.as_str() {
        "json" => match serde_json::to_vec_pretty(&report) {
            Ok(b) => (b, "application/json", "json"),
            Err(e) => return failure(&e.to_string()),
        },
        "" | "docx" => match tiendo_report::docx::write(&report) {
            Ok(b) => (b, DOCX, "docx"),
            Err(e) => return failure(&e.to_string()),
        },
        "xlsx" => match tiendo_report::xlsx::write(&report) {
            Ok(b) => (b, XLSX, "xlsx"),
            Err(e) => return failure(&e.to_string()),
        },
        "csv" => match tiendo_report::csv::write(&report) {
            Ok(b) => (b, "text/csv; charset=utf-8", "csv"),
            Err(e) => return failure(&e.to_string()),
        },
        _ => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "Định dạng tải về là DOCX, XLSX, CSV hoặc JSON.",
            );
        }
    };
    let name = file_name(&period.label, q.agency, ext);
    (
        [
            (CONTENT_TYPE, content_type.to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Deserialize)]
pub(super) struct ExportQuery {
    #[serde(default)]
    format: String,
}

/// The whole database, for an operator: written to a temporary file (the
/// store reads one snapshot), then sent from it in pieces. The file is
/// unlinked once open, so nothing stays behind however the download ends.
pub(super) async fn everything(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(q): Query<ExportQuery>,
) -> Response {
    if !visitor.actor.is_operator() {
        return (
            StatusCode::FORBIDDEN,
            message_page("Chỉ cán bộ điều phối mới xuất được toàn bộ dữ liệu."),
        )
            .into_response();
    }
    let Some(format) = Format::from_name(if q.format.is_empty() {
        "xlsx"
    } else {
        &q.format
    }) else {
        return (
            StatusCode::BAD_REQUEST,
            message_page("Định dạng xuất là XLSX, CSV hoặc JSON."),
        )
            .into_response();
    };
    let secret = match tiendo_store::random_hex(8) {
        Ok(s) => s,
        Err(e) => return failure(&e.to_string()),
    };
    let path = std::env::temp_dir().join(format!("tiendo-export-{secret}.{}", format.extension()));
    let ctx = Ctx::of(visitor.actor.clone());
    let written = tiendo_export::export(&state.store, &ctx, format, &path).await;
    let opened = tokio::fs::File::open(&path).await;
    let _ = std::fs::remove_file(&path);
    if let Err(e) = written {
        return failure(&e.to_string());
    }
    let file = match opened {
        Ok(f) => f,
        Err(e) => return failure(&e.to_string()),
    };
    let size = match file.metadata().await {
        Ok(m) => m.len(),
        Err(e) => return failure(&e.to_string()),
    };
    let pieces = futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut buf = vec![0u8; 1 << 16];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<_, std::io::Error>(buf), Some(file)))
            }
            Err(e) => Some((Err(e), None)),
        }
    });
    let content_type = match format {
        Format::Json => "application/json",
        Format::Csv => "application/zip",
        Format::Xlsx => XLSX,
    };
    let name = format!(
        "tiendo-du-lieu-{}.{}",
        state.warnings.today().format("%Y-%m-%d"),
        format.extension()
    );
    (
        [
            (CONTENT_TYPE, content_type.to_string()),
            (CONTENT_LENGTH, size.to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        Body::from_stream(pieces),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_plain_ascii() {
        assert_eq!(
            file_name("Tháng 9/2025", None, "docx"),
            "bao-cao-thang-9-2025.docx"
        );
        assert_eq!(
            file_name("6 tháng đầu năm 2025", Some(4), "json"),
            "bao-cao-6-thang-dau-nam-2025-co-quan-4.json"
        );
    }
}
