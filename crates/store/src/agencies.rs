//! The agency directory: one row per agency, other spellings as aliases, all
//! matched by `tiendo_core::agency::agency_key`. Unknown names become new
//! agencies; two names are one agency only when their keys are equal.

use std::collections::HashMap;

use sqlx::SqliteConnection;
use tiendo_core::agency::agency_key;
use tiendo_core::vn::nfc;

use crate::error::{Result, StoreError};
use crate::model::{Agency, AgencyId};
use crate::{Store, now_text};

/// The agency a key names, through its own key or an alias.
async fn lookup(conn: &mut SqliteConnection, key: &str) -> Result<Option<AgencyId>> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM agencies WHERE key = ?1
         UNION ALL SELECT agency_id FROM agency_aliases WHERE key = ?1
         LIMIT 1",
    )
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id.map(AgencyId))
}

/// Resolves the names one import uses, creating the unknown ones.
pub(crate) struct Resolver {
    cache: HashMap<String, Option<AgencyId>>,
    pub(crate) created: usize,
}

impl Resolver {
    pub(crate) fn new() -> Self {
        Resolver {
            cache: HashMap::new(),
            created: 0,
        }
    }

    /// `None` for a name with an empty key (no letters or digits).
    pub(crate) async fn resolve(
        &mut self,
        conn: &mut SqliteConnection,
        name: &str,
    ) -> Result<Option<AgencyId>> {
        let key = agency_key(name);
        if let Some(id) = self.cache.get(&key) {
            return Ok(*id);
        }
        let id = if key.is_empty() {
            None
        } else if let Some(id) = lookup(conn, &key).await? {
            Some(id)
        } else {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO agencies (name, key, created_at) VALUES (?, ?, ?) RETURNING id",
            )
            .bind(nfc(name.trim()))
            .bind(&key)
            .bind(now_text())
            .fetch_one(&mut *conn)
            .await?;
            self.created += 1;
            Some(AgencyId(id))
        };
        self.cache.insert(key, id);
        Ok(id)
    }
}

#[derive(sqlx::FromRow)]
struct AgencyRow {
    id: i64,
    name: String,
    key: String,
}

#[derive(sqlx::FromRow)]
struct AliasRow {
    agency_id: i64,
    alias: String,
}

impl Store {
    /// The whole directory, by key, each with its aliases in the order added.
    pub async fn agencies(&self) -> Result<Vec<Agency>> {
        let mut conn = self.pool.acquire().await?;
        let rows: Vec<AgencyRow> =
            sqlx::query_as("SELECT id, name, key FROM agencies ORDER BY key")
                .fetch_all(&mut *conn)
                .await?;
        let aliases: Vec<AliasRow> =
            sqlx::query_as("SELECT agency_id, alias FROM agency_aliases ORDER BY id")
                .fetch_all(&mut *conn)
                .await?;
        let mut by_agency: HashMap<i64, Vec<String>> = HashMap::new();
        for a in aliases {
            by_agency.entry(a.agency_id).or_default().push(a.alias);
        }
        Ok(rows
            .into_iter()
            .map(|r| Agency {
                id: AgencyId(r.id),
                aliases: by_agency.remove(&r.id).unwrap_or_default(),
                name: r.name,
                key: r.key,
            })
            .collect())
    }

    /// One entry of the directory.
    pub async fn agency(&self, id: AgencyId) -> Result<Option<Agency>> {
        let mut conn = self.pool.acquire().await?;
        match agency_by_id(&mut conn, id).await {
            Ok(a) => Ok(Some(a)),
            Err(StoreError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The agency a name (or any spelling with the same key) refers to.
    pub async fn find_agency(&self, name: &str) -> Result<Option<Agency>> {
        let key = agency_key(name);
        if key.is_empty() {
            return Ok(None);
        }
        let mut conn = self.pool.acquire().await?;
        match lookup(&mut conn, &key).await? {
            Some(id) => agency_by_id(&mut conn, id).await.map(Some),
            None => Ok(None),
        }
    }

    /// Records `alias` as another spelling of `agency_id`. Adding a spelling
    /// the agency already answers to is a no-op; one whose key names another
    /// agency (its name or an alias) is a `Conflict`: joining two agencies is
    /// a succession, not an alias.
    pub async fn add_alias(&self, agency_id: AgencyId, alias: &str) -> Result<()> {
        let key = agency_key(alias);
        if key.is_empty() {
            return Err(StoreError::Invalid(format!(
                "alias {alias:?} has no letters or digits"
            )));
        }
        let mut tx = self.write_pool.begin_with("BEGIN IMMEDIATE").await?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM agencies WHERE id = ?")
            .bind(agency_id.0)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound(format!("agency {agency_id}")));
        }
        match lookup(&mut tx, &key).await? {
            Some(id) if id == agency_id => return Ok(()),
            Some(other) => {
                return Err(StoreError::Conflict(format!(
                    "{alias:?} already names agency {other}"
                )));
            }
            None => {}
        }
        sqlx::query(
            "INSERT INTO agency_aliases (alias, key, agency_id, created_at) VALUES (?, ?, ?, ?)",
        )
        .bind(nfc(alias.trim()))
        .bind(&key)
        .bind(agency_id.0)
        .bind(now_text())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn agency_by_id(conn: &mut SqliteConnection, id: AgencyId) -> Result<Agency> {
    let row: AgencyRow = sqlx::query_as("SELECT id, name, key FROM agencies WHERE id = ?")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("agency {id}")))?;
    let aliases: Vec<String> =
        sqlx::query_scalar("SELECT alias FROM agency_aliases WHERE agency_id = ? ORDER BY id")
            .bind(id.0)
            .fetch_all(&mut *conn)
            .await?;
    Ok(Agency {
        id,
        name: row.name,
        key: row.key,
        aliases,
    })
}
