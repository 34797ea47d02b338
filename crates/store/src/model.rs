//! The values the store hands out and takes in besides the catalog itself:
//! typed ids, where an import came from, what it did, and summaries. Plain
//! data; no database access here.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// A program, across all its versions.
    ProgramId
);
id_type!(
    /// A task's identity, stable across the versions of its program.
    TaskId
);
id_type!(
    /// An indicator's identity, stable across the versions of its program.
    IndicatorId
);
id_type!(
    /// An entry of the agency directory.
    AgencyId
);

/// Where an imported catalog came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceInfo {
    pub file_name: String,
    /// sha256 hex of the normalised source text.
    pub content_hash: String,
    /// Names the program explicitly; when `None` the key is
    /// [`program_key`](crate::program_key) of the catalog's program.
    pub program_key: Option<String>,
}

/// What one import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// The latest version already has this catalog: nothing was written.
    Unchanged { program_id: ProgramId, version: u32 },
    /// A program the store did not know.
    Created {
        program_id: ProgramId,
        version: u32,
        counts: ImportCounts,
    },
    /// A changed catalog of a known program.
    NewVersion {
        program_id: ProgramId,
        version: u32,
        counts: ImportCounts,
    },
}

impl ImportOutcome {
    pub fn program_id(&self) -> ProgramId {
        match self {
            ImportOutcome::Unchanged { program_id, .. }
            | ImportOutcome::Created { program_id, .. }
            | ImportOutcome::NewVersion { program_id, .. } => *program_id,
        }
    }

    pub fn version(&self) -> u32 {
        match self {
            ImportOutcome::Unchanged { version, .. }
            | ImportOutcome::Created { version, .. }
            | ImportOutcome::NewVersion { version, .. } => *version,
        }
    }
}

/// Counts of a written version. `kept` items continue an identity of the
/// previous version, `new` ones got a fresh id, `dropped` ones are absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportCounts {
    pub sections: usize,
    pub tasks: usize,
    pub tasks_kept: usize,
    pub tasks_new: usize,
    pub tasks_dropped: usize,
    pub indicators: usize,
    pub indicators_kept: usize,
    pub indicators_new: usize,
    pub indicators_dropped: usize,
    pub agencies_created: usize,
    /// Tasks that arrived with a lead agency (appendix rows) and were
    /// assigned to it.
    pub tasks_assigned: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgramSummary {
    pub id: ProgramId,
    pub key: String,
    pub title: String,
    pub latest_version: u32,
    pub task_count: usize,
    pub indicator_count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    pub version: u32,
    pub fingerprint: String,
    pub source_file: String,
    pub source_hash: String,
    pub imported_at: DateTime<Utc>,
    pub task_count: usize,
    pub indicator_count: usize,
}

/// A directory entry with the other spellings it is known by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agency {
    pub id: AgencyId,
    pub name: String,
    /// `tiendo_core::agency::agency_key(name)`.
    pub key: String,
    pub aliases: Vec<String>,
}

/// A stored version with the ids of its tasks and indicators, index for
/// index with `catalog.tasks` and `catalog.indicators`.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredVersion {
    pub program_id: ProgramId,
    pub version: u32,
    pub catalog: tiendo_core::Catalog,
    pub task_ids: Vec<TaskId>,
    pub indicator_ids: Vec<IndicatorId>,
}

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// From 1.
    pub page: u32,
    pub per_page: u32,
    /// Items in the whole list.
    pub total: u64,
}

/// Items per page when the caller names none.
pub const DEFAULT_PER_PAGE: u32 = 50;
/// Most items on one page.
pub const MAX_PER_PAGE: u32 = 500;

/// The page (from 1) and page size a list query uses: 0 means the default.
pub(crate) fn page_bounds(page: u32, per_page: u32) -> (u32, u32) {
    let per_page = if per_page == 0 {
        DEFAULT_PER_PAGE
    } else {
        per_page.min(MAX_PER_PAGE)
    };
    (page.max(1), per_page)
}
