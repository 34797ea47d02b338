//! The results a document reports, recorded against its program: each
//! actual that names one of the program's indicators becomes an indicator
//! actual (province-wide) of the program's yearly period for its date,
//! inside the import's transaction, with an audit line. What cannot be
//! placed (no indicator, no date, another unit, a second figure for the
//! same period) is counted or said, never guessed.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use sqlx::SqliteConnection;
use tiendo_core::schedule::{PeriodKind, PeriodSpec};
use tiendo_core::vn::fold;
use tiendo_core::{Actual, ActualBody, Catalog, Comparator};

use crate::actuals::{actual_where, upsert_actual};
use crate::ctx::{AuditEntry, Ctx, audit};
use crate::error::{Result, StoreError};
use crate::model::{IndicatorId, ProgramId, StoredVersion};
use crate::periods::{insert_period, regime_of};

/// The longest excerpt of the document kept with an actual.
const MAX_SOURCE_CHARS: usize = 2_000;

/// What became of one document's actuals.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActualsRecorded {
    /// Stored (new, or replacing another value of the same period).
    pub recorded: usize,
    /// Already stored with the same value, source and note.
    pub unchanged: usize,
    /// Naming no indicator of the program.
    pub no_indicator: usize,
    /// Naming an indicator but not stored, each with why (Vietnamese, with
    /// its line).
    pub skipped: Vec<String>,
}

/// The indicator of `version` that `name` names: the same name, else the
/// same folded name; among several (one name, several target years) the
/// one whose target is for `year`, else the first.
fn find_indicator(version: &StoredVersion, name: &str, year: Option<i32>) -> Option<usize> {
    let inds = &version.catalog.indicators;
    let pick = |same: &dyn Fn(&str) -> bool| {
        let all: Vec<usize> = (0..inds.len()).filter(|&i| same(&inds[i].name)).collect();
        all.iter()
            .copied()
            .find(|&i| year.is_some() && inds[i].target.year == year)
            .or_else(|| all.first().copied())
    };
    let key = fold(name);
    pick(&|n| n == name).or_else(|| pick(&|n| fold(n) == key))
}

/// The words the note of a recorded actual carries: how the document put it.
fn note(a: &Actual) -> String {
    let mut parts = vec!["Ghi từ văn bản khi nhập".to_string()];
    let reading = match a.comparator {
        Comparator::Reach | Comparator::Between => None,
        Comparator::Above => Some("trên mức"),
        Comparator::AtLeast => Some("ít nhất"),
        Comparator::Below => Some("dưới mức"),
        Comparator::AtMost => Some("tối đa"),
        Comparator::IncreaseBy => Some("mức tăng"),
        Comparator::DecreaseBy => Some("mức giảm"),
        Comparator::Times => Some("số lần"),
    };
    if let Some(r) = reading {
        parts.push(format!("văn bản ghi {r}"));
    }
    if let Some(max) = a.value_max {
        parts.push(format!("khoảng đến {}", max.normalize()));
    }
    if let Some(period) = &a.period {
        parts.push(format!("kỳ: {period}"));
    }
    if let Some(basis) = a.basis {
        parts.push(format!("so với {}", basis.label_vi()));
    }
    if let Some(assessment) = &a.assessment {
        parts.push(format!("đánh giá: {assessment}"));
    }
    if a.approximate {
        parts.push("số liệu gần đúng".into());
    }
    parts.join("; ")
}

fn source(file: &str, a: &Actual) -> String {
    let text: String = a.source.chars().take(MAX_SOURCE_CHARS).collect();
    format!("tệp {file}, dòng {}: {text}", a.line)
}

/// The program's yearly period of `year`, created from its regime when
/// missing (with an audit line); when the regime has no yearly report, the
/// longest existing period whose data window holds `on`. `None`: none. The
/// flag says whether a period was created.
async fn period_for(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    program: ProgramId,
    on: NaiveDate,
) -> Result<(Option<(i64, String)>, bool)> {
    let year = on.year();
    let found: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, label FROM periods WHERE program_id = ? AND kind = 'yearly' AND year = ?",
    )
    .bind(program.0)
    .bind(year)
    .fetch_optional(&mut *conn)
    .await?;
    if found.is_some() {
        return Ok((found, false));
    }
    let regime = regime_of(conn, program).await?;
    if let Some(spec) = PeriodSpec::new(PeriodKind::Yearly, year, 1)
        && let Some(dates) = regime.dates(&spec)
    {
        let label = spec.label_vi();
        let id = insert_period(conn, program, &spec, &label, &dates)
            .await?
            .ok_or_else(|| StoreError::Corrupt("a yearly period appeared twice".into()))?;
        audit(
            conn,
            ctx,
            AuditEntry {
                action: "period.generate",
                subject_kind: "program",
                subject_id: Some(program.0),
                task_id: None,
                before: None,
                after: Some(serde_json::json!({
                    "from": dates.window_end, "to": dates.window_end, "created": [id],
                })),
            },
        )
        .await?;
        return Ok((Some((id, label)), true));
    }
    let day = on.to_string();
    let found = sqlx::query_as(
        "SELECT id, label FROM periods WHERE program_id = ? AND window_start <= ? AND window_end >= ? \
         ORDER BY window_start, window_end DESC, id LIMIT 1",
    )
    .bind(program.0)
    .bind(&day)
    .bind(&day)
    .fetch_optional(&mut *conn)
    .await?;
    Ok((found, false))
}

/// Records the actuals of `catalog` that name an indicator of `version`;
/// the flag says whether anything was written.
pub(crate) async fn record_document_actuals(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    version: &StoredVersion,
    catalog: &Catalog,
    file: &str,
) -> Result<(ActualsRecorded, bool)> {
    let mut out = ActualsRecorded::default();
    let mut wrote = false;
    let mut seen: HashSet<(IndicatorId, i64)> = HashSet::new();
    for a in &catalog.actuals {
        let Some(index) = a
            .indicator
            .as_deref()
            .and_then(|name| find_indicator(version, name, a.year))
        else {
            out.no_indicator += 1;
            continue;
        };
        let (Some(indicator), Some(target)) = (
            version.indicator_ids.get(index).copied(),
            version.catalog.indicators.get(index),
        ) else {
            return Err(StoreError::Corrupt(
                "a version's indicators and ids differ in number".into(),
            ));
        };
        let name = &target.name;
        let Some(on) = catalog
            .program
            .issued_on
            .or_else(|| a.year.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31)))
        else {
            out.skipped.push(format!(
                "dòng {}: số liệu của chỉ tiêu \"{name}\" không rõ ngày ban hành văn bản \
                 hay năm của số liệu; không ghi",
                a.line
            ));
            continue;
        };
        let (unit, wanted) = (fold(&a.unit), fold(&target.target.unit));
        if !wanted.is_empty() && unit != wanted {
            out.skipped.push(format!(
                "dòng {}: số liệu tính bằng \"{}\", chỉ tiêu \"{name}\" tính bằng \"{}\"; không ghi",
                a.line, a.unit, target.target.unit
            ));
            continue;
        }
        let (found, created) = period_for(conn, ctx, version.program_id, on).await?;
        wrote |= created;
        let Some((period, label)) = found else {
            out.skipped.push(format!(
                "dòng {}: chương trình không có kỳ báo cáo nào chứa ngày {}; \
                 số liệu của chỉ tiêu \"{name}\" không ghi",
                a.line,
                on.format("%d/%m/%Y")
            ));
            continue;
        };
        if !seen.insert((indicator, period)) {
            out.skipped.push(format!(
                "dòng {}: chỉ tiêu \"{name}\" đã có một số liệu khác cho kỳ {label} trong văn bản \
                 này; không ghi thêm",
                a.line
            ));
            continue;
        }
        let body = ActualBody {
            value: a.value,
            agency: None,
            area: String::new(),
            source: source(file, a),
            note: note(a),
            estimate: a.estimate,
        }
        .validated()?;
        let value = body.value.normalize();
        let before = actual_where(conn, indicator, period, 0, "").await?;
        if let Some(b) = &before
            && b.value.normalize() == value
            && b.estimate == body.estimate
            && b.source == body.source
            && b.note == body.note
        {
            out.unchanged += 1;
            continue;
        }
        upsert_actual(conn, ctx, indicator, period, &body, before).await?;
        out.recorded += 1;
        wrote = true;
    }
    Ok((out, wrote))
}
