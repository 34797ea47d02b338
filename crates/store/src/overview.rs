//! What a dashboard shows at a glance: the current tasks counted by status,
//! per top-level section and per lead agency, in one pass over the tasks.

use serde::Serialize;
use sqlx::FromRow;
use tiendo_core::TaskStatus;

use crate::Store;
use crate::error::{Result, StoreError};
use crate::model::ProgramId;

/// Tasks of one group (a section, an agency) by status, in
/// [`TaskStatus::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusRow {
    /// The section number (`1`, `II`) or the agency's id as text.
    pub key: String,
    /// The section's title or the agency's name.
    pub label: String,
    pub counts: [u32; 7],
}

impl StatusRow {
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    pub fn count(&self, status: TaskStatus) -> u32 {
        self.counts[status.index()]
    }
}

/// The current tasks of a program (or of all) by status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StatusOverview {
    /// Every task, in [`TaskStatus::ALL`] order.
    pub totals: [u32; 7],
    /// Per top-level section of the document, in document order.
    pub sections: Vec<StatusRow>,
    /// Per lead agency (tasks nobody leads are left out), most tasks first.
    pub agencies: Vec<StatusRow>,
}

#[derive(FromRow)]
struct CountRow {
    grp: String,
    key: String,
    label: String,
    status: String,
    n: i64,
}

/// Current tasks (latest version of each program) with their top-level
/// section, its title and order, their lead agency and their status.
const CURRENT: &str = "SELECT t.id, \
     CASE WHEN instr(tv.section, '.') > 0 THEN substr(tv.section, 1, instr(tv.section, '.') - 1) \
          ELSE tv.section END AS top, \
     tv.version_id, COALESCE(a.lead_agency_id, tv.lead_agency_id) AS lead, \
     COALESCE(a.status, 'not_started') AS status \
     FROM tasks t \
     JOIN program_versions pv ON pv.program_id = t.program_id \
       AND pv.version = (SELECT MAX(version) FROM program_versions WHERE program_id = t.program_id) \
     JOIN task_versions tv ON tv.version_id = pv.id AND tv.task_id = t.id \
     LEFT JOIN assignments a ON a.task_id = t.id \
     WHERE 1 = 1";

impl Store {
    /// Tasks by status, overall, per top-level section and per lead agency.
    pub async fn status_overview(&self, program: Option<ProgramId>) -> Result<StatusOverview> {
        let filter = if program.is_some() {
            " AND t.program_id = ?"
        } else {
            ""
        };
        let sql = format!(
            "WITH cur AS ({CURRENT}{filter}) \
             SELECT 'section' AS grp, c.top AS key, \
               COALESCE((SELECT s.title FROM sections s WHERE s.version_id = c.version_id \
                 AND s.number = c.top ORDER BY s.ord LIMIT 1), c.top) AS label, \
               c.status, COUNT(*) AS n, \
               (SELECT MIN(s.ord) FROM sections s WHERE s.version_id = c.version_id \
                 AND s.number = c.top) AS ord \
             FROM cur c GROUP BY c.version_id, c.top, c.status \
             UNION ALL \
             SELECT 'agency', CAST(c.lead AS TEXT), ag.name, c.status, COUNT(*), NULL \
             FROM cur c JOIN agencies ag ON ag.id = c.lead GROUP BY c.lead, c.status \
             ORDER BY 1 DESC, 6, 2"
        );
        let mut query = sqlx::query_as::<_, CountRow>(&sql);
        if let Some(p) = program {
            query = query.bind(p.0);
        }
        let rows = query.fetch_all(&self.pool).await?;
        let mut out = StatusOverview::default();
        for row in rows {
            let status = TaskStatus::from_code(&row.status)
                .ok_or_else(|| StoreError::Corrupt(format!("status {}", row.status)))?;
            let i = status.index();
            let n = u32::try_from(row.n).unwrap_or(u32::MAX);
            let list = if row.grp == "section" {
                out.totals[i] += n;
                &mut out.sections
            } else {
                &mut out.agencies
            };
            match list.iter_mut().find(|r| r.key == row.key) {
                Some(r) => r.counts[i] += n,
                None => {
                    let mut counts = [0; 7];
                    counts[i] = n;
                    list.push(StatusRow {
                        key: row.key,
                        label: row.label,
                        counts,
                    });
                }
            }
        }
        out.agencies.sort_by(|a, b| {
            b.total()
                .cmp(&a.total())
                .then_with(|| tiendo_core::vn::compare(&a.label, &b.label))
        });
        Ok(out)
    }
}
