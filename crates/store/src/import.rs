//! Importing a catalog: one `BEGIN IMMEDIATE` transaction that either writes
//! a whole new version (keeping the ids of the tasks and indicators it
//! continues) or writes nothing at all. The same catalog twice is a no-op.
//! An appendix table may instead join the program's current version
//! ([`ImportMode::Appendix`], see `join`), and a document's results may be
//! recorded against the program's indicators in the same transaction
//! (`results`).

use sqlx::SqliteConnection;
use tiendo_core::vn::{fold, nfc};
use tiendo_core::{Catalog, Indicator, Program, Task};

use crate::agencies::Resolver;
use crate::ctx::Ctx;
use crate::error::{Result, StoreError};
use crate::fingerprint::catalog_fingerprint;
use crate::join::{AppendixCounts, join_appendix};
use crate::load::{find_version, load_version};
use crate::matching::{match_indicators, match_tasks};
use crate::model::{ImportCounts, ImportOutcome, IndicatorId, ProgramId, SourceInfo, TaskId};
use crate::results::{ActualsRecorded, record_document_actuals};
use crate::{Store, now_text};

/// The key a program is known by when the import names none: its folded
/// title, then its term. `Chương trình hành động …` with term 2025–2030 →
/// `chuong trinh hanh dong … 2025-2030`.
pub fn program_key(program: &Program) -> String {
    let title = fold(&nfc(&program.title));
    match program.term {
        Some(term) if title.is_empty() => format!("{}-{}", term.start, term.end),
        Some(term) => format!("{title} {}-{}", term.start, term.end),
        None => title,
    }
}

fn to_i64(n: usize, what: &str) -> Result<i64> {
    i64::try_from(n).map_err(|_| StoreError::Invalid(format!("{what} {n} out of range")))
}

impl Store {
    /// Stores `catalog` as the next version of its program, unless the latest
    /// version already has the same fingerprint. Committed (durably, with
    /// `synchronous=FULL`) before it returns; on any error nothing is written.
    pub async fn import_catalog(
        &self,
        catalog: &Catalog,
        source: &SourceInfo,
    ) -> Result<ImportOutcome> {
        let mut outcomes = self.import_catalogs(&[(catalog, source)]).await?;
        outcomes
            .pop()
            .ok_or_else(|| StoreError::Corrupt("an import of one catalog gave no outcome".into()))
    }

    /// Stores several catalogs — the files of one `tiendo import` — in one
    /// transaction: all of them or none. Each is handled as by
    /// [`Store::import_catalog`]; a later one sees the versions the earlier
    /// ones wrote. Outcomes come back in order.
    pub async fn import_catalogs(
        &self,
        items: &[(&Catalog, &SourceInfo)],
    ) -> Result<Vec<ImportOutcome>> {
        let items: Vec<ImportItem<'_>> = items
            .iter()
            .map(|(catalog, source)| ImportItem::document(catalog, source))
            .collect();
        let reports = self.import_documents(&Ctx::system(), &items).await?;
        Ok(reports.into_iter().map(|r| r.outcome).collect())
    }

    /// Stores the documents of one `tiendo import`, each as its
    /// [`ImportMode`] says, in one transaction: all of them or none; a later
    /// one sees what the earlier ones wrote. A document's actuals are
    /// recorded (with `record_actuals`) against the program's version as it
    /// stands after that document, each with an audit line under `ctx`.
    /// Nothing is committed when nothing changed. Reports come back in order.
    pub async fn import_documents(
        &self,
        ctx: &Ctx,
        items: &[ImportItem<'_>],
    ) -> Result<Vec<ImportReport>> {
        let mut prepared = Vec::with_capacity(items.len());
        for item in items {
            let key = match &item.source.program_key {
                Some(k) => k.trim().to_string(),
                None => program_key(&item.catalog.program),
            };
            if key.is_empty() {
                return Err(StoreError::Invalid(format!(
                    "{}: chương trình không có tên, nhiệm kỳ hay khóa (--program) để nhận ra",
                    item.source.file_name
                )));
            }
            prepared.push((item, key));
        }

        let mut tx = self.write_pool.begin_with("BEGIN IMMEDIATE").await?;
        let mut reports = Vec::with_capacity(prepared.len());
        let mut wrote = false;
        for (item, key) in &prepared {
            match write_document(&mut tx, ctx, item, key).await {
                Ok((report, written)) => {
                    wrote |= written;
                    reports.push(report);
                }
                Err(e) => {
                    if let Err(rollback) = tx.rollback().await {
                        tracing::warn!(error = %rollback, "rollback after a failed import failed");
                    }
                    return Err(e);
                }
            }
        }
        if wrote {
            tx.commit().await?;
            for r in &reports {
                tracing::info!(
                    program = %r.outcome.program_id(),
                    version = r.outcome.version(),
                    "document imported"
                );
            }
        } else {
            // Nothing was written; end the transaction without a commit.
            tx.rollback().await?;
        }
        Ok(reports)
    }
}

/// How a document of an import joins its program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportMode {
    /// The document is the program: its catalog becomes the next version
    /// (unless the latest has the same fingerprint).
    #[default]
    Document,
    /// An appendix table of the program: joined to the current version
    /// ([`join_appendix`](crate::join_appendix)), whose body tasks it keeps
    /// and fills; a program with no version yet gets the table alone.
    Appendix,
    /// A document of results (a report, a conclusion): no version is
    /// written, only its actuals are recorded. The program must exist.
    Results,
}

/// One document of an import.
#[derive(Debug, Clone, Copy)]
pub struct ImportItem<'a> {
    pub catalog: &'a Catalog,
    pub source: &'a SourceInfo,
    pub mode: ImportMode,
    /// Record the catalog's actuals that name an indicator of the program.
    pub record_actuals: bool,
}

impl<'a> ImportItem<'a> {
    /// A program document whose actuals are not recorded: what
    /// [`Store::import_catalogs`] stores.
    pub fn document(catalog: &'a Catalog, source: &'a SourceInfo) -> Self {
        ImportItem {
            catalog,
            source,
            mode: ImportMode::Document,
            record_actuals: false,
        }
    }
}

/// What one document of an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The program's version after it ([`ImportOutcome::Unchanged`] for a
    /// document of results, which writes no version).
    pub outcome: ImportOutcome,
    /// How the rows of an appendix joined the program (appendix mode with a
    /// version to join).
    pub appendix: Option<AppendixCounts>,
    /// What became of its actuals, when they were to be recorded.
    pub actuals: Option<ActualsRecorded>,
}

/// One document's place in the transaction: its report, and whether it
/// wrote anything.
async fn write_document(
    tx: &mut SqliteConnection,
    ctx: &Ctx,
    item: &ImportItem<'_>,
    key: &str,
) -> Result<(ImportReport, bool)> {
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM programs WHERE key = ?")
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
    let current = match existing {
        Some(id) => {
            let program_id = ProgramId(id);
            match find_version(&mut *tx, program_id, None).await? {
                Some(row) => Some(load_version(&mut *tx, program_id, &row).await?),
                None => None,
            }
        }
        None => None,
    };
    let (outcome, appendix) = match (item.mode, &current) {
        (ImportMode::Results, Some(current)) => (
            ImportOutcome::Unchanged {
                program_id: current.program_id,
                version: current.version,
            },
            None,
        ),
        (ImportMode::Results, None) => {
            return Err(StoreError::NotFound(format!(
                "{}: chương trình \"{key}\" chưa có trong cơ sở dữ liệu; \
                 hãy nhập văn bản chương trình trước",
                item.source.file_name
            )));
        }
        (ImportMode::Appendix, Some(current)) => {
            let (joined, counts) = join_appendix(&current.catalog, item.catalog);
            let fingerprint = catalog_fingerprint(&joined);
            let outcome = write_catalog(&mut *tx, &joined, item.source, key, &fingerprint).await?;
            (outcome, Some(counts))
        }
        (ImportMode::Appendix | ImportMode::Document, _) => {
            let fingerprint = catalog_fingerprint(item.catalog);
            let outcome =
                write_catalog(&mut *tx, item.catalog, item.source, key, &fingerprint).await?;
            (outcome, None)
        }
    };
    let mut wrote = !matches!(outcome, ImportOutcome::Unchanged { .. });
    let actuals = if item.record_actuals && !item.catalog.actuals.is_empty() {
        // The version the document leaves: the one just written, or the
        // current one when nothing changed.
        let version = match (&outcome, current) {
            (ImportOutcome::Unchanged { .. }, Some(current)) => current,
            _ => {
                let row = find_version(&mut *tx, outcome.program_id(), None)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt("an imported version vanished".into()))?;
                load_version(&mut *tx, outcome.program_id(), &row).await?
            }
        };
        let (recorded, written) = record_document_actuals(
            &mut *tx,
            ctx,
            &version,
            item.catalog,
            &item.source.file_name,
        )
        .await?;
        wrote |= written;
        Some(recorded)
    } else {
        None
    };
    Ok((
        ImportReport {
            outcome,
            appendix,
            actuals,
        },
        wrote,
    ))
}

/// Everything an import writes, inside the caller's transaction.
async fn write_catalog(
    tx: &mut SqliteConnection,
    catalog: &Catalog,
    source: &SourceInfo,
    key: &str,
    fingerprint: &str,
) -> Result<ImportOutcome> {
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM programs WHERE key = ?")
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
    let now = now_text();

    let (program_id, previous) = match existing {
        Some(id) => {
            let program_id = ProgramId(id);
            let latest = find_version(&mut *tx, program_id, None).await?;
            if let Some(latest) = &latest
                && latest.fingerprint == fingerprint
            {
                let version = u32::try_from(latest.version)
                    .map_err(|_| StoreError::Corrupt(format!("version {}", latest.version)))?;
                return Ok(ImportOutcome::Unchanged {
                    program_id,
                    version,
                });
            }
            let previous = match &latest {
                Some(row) => Some(load_version(&mut *tx, program_id, row).await?),
                None => None,
            };
            sqlx::query("UPDATE programs SET title = ? WHERE id = ? AND title <> ?")
                .bind(&catalog.program.title)
                .bind(id)
                .bind(&catalog.program.title)
                .execute(&mut *tx)
                .await?;
            (program_id, previous)
        }
        None => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO programs (key, title, created_at) VALUES (?, ?, ?) RETURNING id",
            )
            .bind(key)
            .bind(&catalog.program.title)
            .bind(&now)
            .fetch_one(&mut *tx)
            .await?;
            (ProgramId(id), None)
        }
    };

    let version = previous.as_ref().map_or(1, |p| p.version + 1);
    let version_id: i64 = sqlx::query_scalar(
            "INSERT INTO program_versions
                 (program_id, version, fingerprint, source_file, source_hash, imported_at, program_json)
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(program_id.0)
        .bind(i64::from(version))
        .bind(fingerprint)
        .bind(&source.file_name)
        .bind(&source.content_hash)
        .bind(&now)
        .bind(serde_json::to_string(&catalog.program)?)
        .fetch_one(&mut *tx)
        .await?;

    let writer = VersionWriter {
        program_id,
        version,
        version_id,
        now: &now,
    };
    let mut counts = ImportCounts {
        sections: catalog.sections.len(),
        ..ImportCounts::default()
    };
    writer.sections(&mut *tx, catalog).await?;
    let mut agencies = Resolver::new();
    writer.agencies(&mut *tx, catalog, &mut agencies).await?;

    let (old_tasks, old_task_ids): (&[Task], &[TaskId]) = previous
        .as_ref()
        .map_or((&[], &[]), |p| (&p.catalog.tasks, &p.task_ids));
    let task_matches = match_tasks(old_tasks, &catalog.tasks);
    for (ord, (task, m)) in catalog.tasks.iter().zip(&task_matches).enumerate() {
        let id = match m.and_then(|i| old_task_ids.get(i)) {
            Some(id) => {
                counts.tasks_kept += 1;
                *id
            }
            None => {
                counts.tasks_new += 1;
                writer
                    .new_identity(&mut *tx, Identity::Task)
                    .await
                    .map(TaskId)?
            }
        };
        writer.task(&mut *tx, ord, id, task, &mut agencies).await?;
    }
    counts.tasks = catalog.tasks.len();
    counts.tasks_dropped = old_tasks.len() - counts.tasks_kept;

    let (old_inds, old_ind_ids): (&[Indicator], &[IndicatorId]) = previous
        .as_ref()
        .map_or((&[], &[]), |p| (&p.catalog.indicators, &p.indicator_ids));
    let ind_matches = match_indicators(old_inds, &catalog.indicators);
    for (ord, (indicator, m)) in catalog.indicators.iter().zip(&ind_matches).enumerate() {
        let id = match m.and_then(|i| old_ind_ids.get(i)) {
            Some(id) => {
                counts.indicators_kept += 1;
                *id
            }
            None => {
                counts.indicators_new += 1;
                writer
                    .new_identity(&mut *tx, Identity::Indicator)
                    .await
                    .map(IndicatorId)?
            }
        };
        writer.indicator(&mut *tx, ord, id, indicator).await?;
    }
    counts.indicators = catalog.indicators.len();
    counts.indicators_dropped = old_inds.len() - counts.indicators_kept;
    counts.agencies_created = agencies.created;
    counts.tasks_assigned = crate::assign::assign_from_catalog(&mut *tx, version_id).await?;

    Ok(if version == 1 {
        ImportOutcome::Created {
            program_id,
            version,
            counts,
        }
    } else {
        ImportOutcome::NewVersion {
            program_id,
            version,
            counts,
        }
    })
}

#[derive(Clone, Copy)]
enum Identity {
    Task,
    Indicator,
}

/// Writes the rows of one new version.
struct VersionWriter<'a> {
    program_id: ProgramId,
    version: u32,
    version_id: i64,
    now: &'a str,
}

impl VersionWriter<'_> {
    async fn sections(&self, conn: &mut SqliteConnection, catalog: &Catalog) -> Result<()> {
        for (ord, s) in catalog.sections.iter().enumerate() {
            sqlx::query(
                "INSERT INTO sections (version_id, ord, part, number, title, parent) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(self.version_id)
            .bind(to_i64(ord, "section")?)
            .bind(s.part.code())
            .bind(&s.number)
            .bind(&s.title)
            .bind(&s.parent)
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    async fn agencies(
        &self,
        conn: &mut SqliteConnection,
        catalog: &Catalog,
        resolver: &mut Resolver,
    ) -> Result<()> {
        for (ord, name) in catalog.agencies.iter().enumerate() {
            let id = resolver.resolve(conn, name).await?;
            sqlx::query("INSERT INTO version_agencies (version_id, ord, name, agency_id) VALUES (?, ?, ?, ?)")
                .bind(self.version_id)
                .bind(to_i64(ord, "agency")?)
                .bind(name)
                .bind(id.map(|a| a.0))
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// A fresh row in one of the two identity tables.
    async fn new_identity(&self, conn: &mut SqliteConnection, identity: Identity) -> Result<i64> {
        let sql = match identity {
            Identity::Task => {
                "INSERT INTO tasks (program_id, first_version, created_at) VALUES (?, ?, ?) RETURNING id"
            }
            Identity::Indicator => {
                "INSERT INTO indicators (program_id, first_version, created_at) VALUES (?, ?, ?) RETURNING id"
            }
        };
        Ok(sqlx::query_scalar(sql)
            .bind(self.program_id.0)
            .bind(i64::from(self.version))
            .bind(self.now)
            .fetch_one(&mut *conn)
            .await?)
    }

    async fn task(
        &self,
        conn: &mut SqliteConnection,
        ord: usize,
        id: TaskId,
        t: &Task,
        resolver: &mut Resolver,
    ) -> Result<()> {
        let lead = match &t.lead_agency {
            Some(name) => resolver.resolve(conn, name).await?,
            None => None,
        };
        let issuer = match &t.issuing_body {
            Some(name) => resolver.resolve(conn, name).await?,
            None => None,
        };
        sqlx::query(
            "INSERT INTO task_versions
                 (version_id, task_id, ord, part, section, stt, kind, title, title_key,
                  period_start, period_end, horizon, conditions_json, lead_agency, lead_agency_id,
                  review_level_json, issuing_body, issuing_body_id, deadline, deadline_text, line,
                  detail, coordinators_json, product, funding)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(self.version_id)
        .bind(id.0)
        .bind(to_i64(ord, "task")?)
        .bind(t.part.code())
        .bind(&t.section)
        .bind(&t.stt)
        .bind(t.kind.code())
        .bind(&t.title)
        .bind(fold(&t.title))
        .bind(t.period_start)
        .bind(t.period_end)
        .bind(t.horizon)
        .bind(serde_json::to_string(&t.conditions)?)
        .bind(&t.lead_agency)
        .bind(lead.map(|a| a.0))
        .bind(serde_json::to_string(&t.review_level)?)
        .bind(&t.issuing_body)
        .bind(issuer.map(|a| a.0))
        .bind(t.deadline)
        .bind(&t.deadline_text)
        .bind(to_i64(t.line, "line")?)
        .bind(&t.detail)
        .bind(serde_json::to_string(&t.coordinators)?)
        .bind(&t.product)
        .bind(&t.funding)
        .execute(&mut *conn)
        .await?;
        for (ord, c) in t.components.iter().enumerate() {
            sqlx::query(
                "INSERT INTO task_components (version_id, task_id, ord, name, quantity, unit)
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(self.version_id)
            .bind(id.0)
            .bind(to_i64(ord, "component")?)
            .bind(&c.name)
            .bind(c.quantity.map(|q| q.to_string()))
            .bind(&c.unit)
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    async fn indicator(
        &self,
        conn: &mut SqliteConnection,
        ord: usize,
        id: IndicatorId,
        i: &Indicator,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO indicator_versions
                 (version_id, indicator_id, ord, section, name, name_key, comparator, value, value_max,
                  unit, year, base_year, source, line, task_ord)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(self.version_id)
        .bind(id.0)
        .bind(to_i64(ord, "indicator")?)
        .bind(&i.section)
        .bind(&i.name)
        .bind(fold(&i.name))
        .bind(i.target.comparator.code())
        .bind(i.target.value.to_string())
        .bind(i.target.value_max.map(|v| v.to_string()))
        .bind(&i.target.unit)
        .bind(i.target.year)
        .bind(i.target.base_year)
        .bind(&i.source)
        .bind(to_i64(i.line, "line")?)
        .bind(i.task.map(|t| to_i64(t, "task")).transpose()?)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}
