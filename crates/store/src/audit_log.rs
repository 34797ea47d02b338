//! Reading the audit trail (writing it is `ctx::audit`, inside each write).

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::Store;
use crate::error::Result;
use crate::model::{Page, TaskId};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromRow)]
pub struct AuditRecord {
    pub id: i64,
    pub at: String,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub request_id: Option<String>,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: Option<i64>,
    pub task_id: Option<i64>,
    #[sqlx(json(nullable))]
    pub before: Option<serde_json::Value>,
    #[sqlx(json(nullable))]
    pub after: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub task: Option<TaskId>,
    pub actor: Option<i64>,
    pub action: Option<String>,
    pub page: u32,
    pub per_page: u32,
}

impl Store {
    /// The audit trail, newest first.
    pub async fn audit_log(&self, filter: &AuditFilter) -> Result<Page<AuditRecord>> {
        let mut qb = sqlx::QueryBuilder::new(
            "SELECT id, at, actor_id, actor_name, request_id, action, subject_kind, subject_id, \
             task_id, before_json AS before, after_json AS after FROM audit WHERE 1 = 1",
        );
        let mut count = sqlx::QueryBuilder::new("SELECT COUNT(*) FROM audit WHERE 1 = 1");
        for q in [&mut qb, &mut count] {
            if let Some(t) = filter.task {
                q.push(" AND task_id = ").push_bind(t.0);
            }
            if let Some(a) = filter.actor {
                q.push(" AND actor_id = ").push_bind(a);
            }
            if let Some(a) = &filter.action {
                q.push(" AND action = ").push_bind(a.clone());
            }
        }
        let (page, per_page) = crate::model::page_bounds(filter.page, filter.per_page);
        qb.push(" ORDER BY id DESC LIMIT ")
            .push_bind(i64::from(per_page))
            .push(" OFFSET ")
            .push_bind(i64::from(page - 1) * i64::from(per_page));
        let items: Vec<AuditRecord> = qb.build_query_as().fetch_all(&self.pool).await?;
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
        Ok(Page {
            items,
            page,
            per_page,
            total: u64::try_from(total).unwrap_or(0),
        })
    }
}
