//! Reading programs back: summaries, the list of versions, and one version as
//! the exact `Catalog` that was imported, with the stable ids of its tasks and
//! indicators. Each read runs in one transaction, so it sees one snapshot.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sqlx::SqliteConnection;
use tiendo_core::{
    Catalog, Comparator, Component, Indicator, Part, Program, Section, Target, Task, TaskKind,
};

use crate::Store;
use crate::error::{Result, StoreError};
use crate::model::{IndicatorId, ProgramId, ProgramSummary, StoredVersion, TaskId, VersionInfo};

/// One row of `program_versions`, the parts the readers need.
#[derive(sqlx::FromRow)]
pub(crate) struct VersionRow {
    pub id: i64,
    pub version: i64,
    pub fingerprint: String,
}

/// The given version of a program, or its latest when `version` is `None`.
pub(crate) async fn find_version(
    conn: &mut SqliteConnection,
    program_id: ProgramId,
    version: Option<u32>,
) -> Result<Option<VersionRow>> {
    let row = match version {
        Some(v) => {
            sqlx::query_as(
                "SELECT id, version, fingerprint FROM program_versions WHERE program_id = ? AND version = ?",
            )
            .bind(program_id.0)
            .bind(i64::from(v))
            .fetch_optional(&mut *conn)
            .await?
        }
        None => {
            sqlx::query_as(
                "SELECT id, version, fingerprint FROM program_versions WHERE program_id = ?
                 ORDER BY version DESC LIMIT 1",
            )
            .bind(program_id.0)
            .fetch_optional(&mut *conn)
            .await?
        }
    };
    Ok(row)
}

#[derive(sqlx::FromRow)]
struct SectionRow {
    part: String,
    number: String,
    title: String,
    parent: Option<String>,
}

#[derive(sqlx::FromRow)]
struct TaskRow {
    task_id: i64,
    part: String,
    section: String,
    stt: Option<String>,
    kind: String,
    title: String,
    period_start: Option<i32>,
    period_end: Option<i32>,
    horizon: Option<i32>,
    conditions_json: String,
    lead_agency: Option<String>,
    review_level_json: String,
    issuing_body: Option<String>,
    deadline: Option<NaiveDate>,
    deadline_text: Option<String>,
    line: i64,
    detail: Option<String>,
    coordinators_json: String,
    product: Option<String>,
    funding: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ComponentRow {
    task_id: i64,
    name: String,
    quantity: Option<String>,
    unit: Option<String>,
}

#[derive(sqlx::FromRow)]
struct IndicatorRow {
    indicator_id: i64,
    section: String,
    name: String,
    comparator: String,
    value: String,
    value_max: Option<String>,
    unit: String,
    year: Option<i32>,
    base_year: Option<i32>,
    source: String,
    line: i64,
    task_ord: Option<i64>,
}

fn part(code: &str) -> Result<Part> {
    Part::from_code(code).ok_or_else(|| StoreError::Corrupt(format!("unknown part {code:?}")))
}

fn decimal(text: &str) -> Result<Decimal> {
    Decimal::from_str(text).map_err(|e| StoreError::Corrupt(format!("decimal {text:?}: {e}")))
}

fn line(n: i64) -> Result<usize> {
    usize::try_from(n).map_err(|_| StoreError::Corrupt(format!("line {n}")))
}

/// Everything stored for one version row.
pub(crate) async fn load_version(
    conn: &mut SqliteConnection,
    program_id: ProgramId,
    row: &VersionRow,
) -> Result<StoredVersion> {
    let program_json: String =
        sqlx::query_scalar("SELECT program_json FROM program_versions WHERE id = ?")
            .bind(row.id)
            .fetch_one(&mut *conn)
            .await?;
    let program: Program = serde_json::from_str(&program_json)?;

    let sections: Vec<SectionRow> = sqlx::query_as(
        "SELECT part, number, title, parent FROM sections WHERE version_id = ? ORDER BY ord",
    )
    .bind(row.id)
    .fetch_all(&mut *conn)
    .await?;
    let sections = sections
        .into_iter()
        .map(|s| {
            Ok(Section {
                part: part(&s.part)?,
                number: s.number,
                title: s.title,
                parent: s.parent,
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let agencies: Vec<String> =
        sqlx::query_scalar("SELECT name FROM version_agencies WHERE version_id = ? ORDER BY ord")
            .bind(row.id)
            .fetch_all(&mut *conn)
            .await?;

    let (tasks, task_ids) = load_tasks(conn, row.id, None).await?;
    let (indicators, indicator_ids) = load_indicators(conn, row.id).await?;

    let version = u32::try_from(row.version)
        .map_err(|_| StoreError::Corrupt(format!("version {}", row.version)))?;
    Ok(StoredVersion {
        program_id,
        version,
        catalog: Catalog {
            program,
            sections,
            tasks,
            indicators,
            agencies,
            ..Catalog::default()
        },
        task_ids,
        indicator_ids,
    })
}

/// The tasks of a version, or only task `only` of it.
pub(crate) async fn load_tasks(
    conn: &mut SqliteConnection,
    version_id: i64,
    only: Option<TaskId>,
) -> Result<(Vec<Task>, Vec<TaskId>)> {
    let rows: Vec<TaskRow> = sqlx::query_as(
        "SELECT task_id, part, section, stt, kind, title, period_start, period_end, horizon,
                conditions_json, lead_agency, review_level_json, issuing_body, deadline,
                deadline_text, line, detail, coordinators_json, product, funding
         FROM task_versions WHERE version_id = ? AND (? IS NULL OR task_id = ?) ORDER BY ord",
    )
    .bind(version_id)
    .bind(only.map(|t| t.0))
    .bind(only.map(|t| t.0))
    .fetch_all(&mut *conn)
    .await?;
    let component_rows: Vec<ComponentRow> = sqlx::query_as(
        "SELECT task_id, name, quantity, unit FROM task_components WHERE version_id = ?
         AND (? IS NULL OR task_id = ?) ORDER BY task_id, ord",
    )
    .bind(version_id)
    .bind(only.map(|t| t.0))
    .bind(only.map(|t| t.0))
    .fetch_all(&mut *conn)
    .await?;
    let mut components: HashMap<i64, Vec<Component>> = HashMap::new();
    for c in component_rows {
        let quantity = c.quantity.as_deref().map(decimal).transpose()?;
        components.entry(c.task_id).or_default().push(Component {
            name: c.name,
            quantity,
            unit: c.unit,
        });
    }

    let mut tasks = Vec::with_capacity(rows.len());
    let mut ids = Vec::with_capacity(rows.len());
    for r in rows {
        let kind = TaskKind::from_code(&r.kind)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown task kind {:?}", r.kind)))?;
        tasks.push(Task {
            part: part(&r.part)?,
            section: r.section,
            stt: r.stt,
            kind,
            title: r.title,
            detail: r.detail,
            period_start: r.period_start,
            period_end: r.period_end,
            horizon: r.horizon,
            conditions: serde_json::from_str(&r.conditions_json)?,
            components: components.remove(&r.task_id).unwrap_or_default(),
            lead_agency: r.lead_agency,
            review_level: serde_json::from_str(&r.review_level_json)?,
            issuing_body: r.issuing_body,
            deadline: r.deadline,
            deadline_text: r.deadline_text,
            line: line(r.line)?,
            coordinators: serde_json::from_str(&r.coordinators_json)?,
            product: r.product,
            funding: r.funding,
        });
        ids.push(TaskId(r.task_id));
    }
    Ok((tasks, ids))
}

async fn load_indicators(
    conn: &mut SqliteConnection,
    version_id: i64,
) -> Result<(Vec<Indicator>, Vec<IndicatorId>)> {
    let rows: Vec<IndicatorRow> = sqlx::query_as(
        "SELECT indicator_id, section, name, comparator, value, value_max, unit, year, base_year,
                source, line, task_ord
         FROM indicator_versions WHERE version_id = ? ORDER BY ord",
    )
    .bind(version_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut indicators = Vec::with_capacity(rows.len());
    let mut ids = Vec::with_capacity(rows.len());
    for r in rows {
        let comparator = Comparator::from_code(&r.comparator)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown comparator {:?}", r.comparator)))?;
        indicators.push(Indicator {
            section: r.section,
            name: r.name,
            target: Target {
                comparator,
                value: decimal(&r.value)?,
                value_max: r.value_max.as_deref().map(decimal).transpose()?,
                unit: r.unit,
                year: r.year,
                base_year: r.base_year,
            },
            source: r.source,
            line: line(r.line)?,
            task: r.task_ord.map(line).transpose()?,
        });
        ids.push(IndicatorId(r.indicator_id));
    }
    Ok((indicators, ids))
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    key: String,
    title: String,
    latest_version: i64,
    task_count: i64,
    indicator_count: i64,
}

#[derive(sqlx::FromRow)]
struct VersionInfoRow {
    version: i64,
    fingerprint: String,
    source_file: String,
    source_hash: String,
    imported_at: String,
    task_count: i64,
    indicator_count: i64,
}

fn count(n: i64) -> Result<usize> {
    usize::try_from(n).map_err(|_| StoreError::Corrupt(format!("count {n}")))
}

impl Store {
    /// Every program with the size of its latest version, by id.
    pub async fn programs(&self) -> Result<Vec<ProgramSummary>> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT p.id, p.key, p.title, v.version AS latest_version,
                    (SELECT COUNT(*) FROM task_versions t WHERE t.version_id = v.id) AS task_count,
                    (SELECT COUNT(*) FROM indicator_versions i WHERE i.version_id = v.id) AS indicator_count
             FROM programs p
             JOIN program_versions v ON v.program_id = p.id
             WHERE v.version = (SELECT MAX(version) FROM program_versions w WHERE w.program_id = p.id)
             ORDER BY p.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(ProgramSummary {
                    id: ProgramId(r.id),
                    key: r.key,
                    title: r.title,
                    latest_version: u32::try_from(r.latest_version).map_err(|_| {
                        StoreError::Corrupt(format!("version {}", r.latest_version))
                    })?,
                    task_count: count(r.task_count)?,
                    indicator_count: count(r.indicator_count)?,
                })
            })
            .collect()
    }

    /// The program stored under `key`, if any.
    pub async fn program_by_key(&self, key: &str) -> Result<Option<ProgramId>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM programs WHERE key = ?")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(id.map(ProgramId))
    }

    /// The versions of a program, oldest first. `NotFound` for an unknown program.
    pub async fn versions(&self, program_id: ProgramId) -> Result<Vec<VersionInfo>> {
        let rows: Vec<VersionInfoRow> = sqlx::query_as(
            "SELECT v.version, v.fingerprint, v.source_file, v.source_hash, v.imported_at,
                    (SELECT COUNT(*) FROM task_versions t WHERE t.version_id = v.id) AS task_count,
                    (SELECT COUNT(*) FROM indicator_versions i WHERE i.version_id = v.id) AS indicator_count
             FROM program_versions v WHERE v.program_id = ? ORDER BY v.version",
        )
        .bind(program_id.0)
        .fetch_all(&self.pool)
        .await?;
        if rows.is_empty() {
            return Err(StoreError::NotFound(format!("program {program_id}")));
        }
        rows.into_iter()
            .map(|r| {
                Ok(VersionInfo {
                    version: u32::try_from(r.version)
                        .map_err(|_| StoreError::Corrupt(format!("version {}", r.version)))?,
                    fingerprint: r.fingerprint,
                    source_file: r.source_file,
                    source_hash: r.source_hash,
                    imported_at: DateTime::parse_from_rfc3339(&r.imported_at)
                        .map_err(|e| {
                            StoreError::Corrupt(format!("imported_at {:?}: {e}", r.imported_at))
                        })?
                        .with_timezone(&Utc),
                    task_count: count(r.task_count)?,
                    indicator_count: count(r.indicator_count)?,
                })
            })
            .collect()
    }

    /// The catalog of a version (the latest when `version` is `None`), exactly
    /// as it was imported.
    pub async fn load_catalog(
        &self,
        program_id: ProgramId,
        version: Option<u32>,
    ) -> Result<Catalog> {
        Ok(self.load_version(program_id, version).await?.catalog)
    }

    /// Like [`Store::load_catalog`], with the ids of the tasks and indicators.
    pub async fn load_version(
        &self,
        program_id: ProgramId,
        version: Option<u32>,
    ) -> Result<StoredVersion> {
        let mut tx = self.pool.begin().await?;
        let row = find_version(&mut tx, program_id, version)
            .await?
            .ok_or_else(|| {
                StoreError::NotFound(match version {
                    Some(v) => format!("program {program_id} version {v}"),
                    None => format!("program {program_id}"),
                })
            })?;
        let stored = load_version(&mut tx, program_id, &row).await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// The indicators of a program's latest version with their ids, in
    /// document order, without reading its tasks.
    pub async fn current_indicators(
        &self,
        program_id: ProgramId,
    ) -> Result<Vec<(IndicatorId, Indicator)>> {
        let mut conn = self.pool.acquire().await?;
        let row = find_version(&mut conn, program_id, None)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("program {program_id}")))?;
        let (indicators, ids) = load_indicators(&mut conn, row.id).await?;
        Ok(ids.into_iter().zip(indicators).collect())
    }
}
