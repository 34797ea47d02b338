//! Amending decisions read as a change set: which earlier documents a text
//! amends, what it adds, changes or withdraws, whether the rest stays as it
//! was, and from when it applies.
//!
//! Everything is matched on folded text (see [`tiendo_core::vn::fold`]) with
//! a map back to the original, so values are kept exactly as written
//! (`965 tỷ 393 triệu đồng`). Nothing here panics: every cut falls on a
//! character boundary the scan itself produced.

mod changeset;
pub(crate) mod folded;
mod paragraph;
mod refs;
mod segment;
mod sentences;
mod values;

pub use changeset::{is_amending, read_changes};
pub use refs::doc_refs;

// What the tests (`use super::*`) reach for besides the public API.
#[cfg(test)]
use chrono::NaiveDate;
#[cfg(test)]
use sentences::list_marker;
#[cfg(test)]
use tiendo_core::catalog::{Change, ChangeAction, ChangeSet, Note};
#[cfg(test)]
use tiendo_core::vn::parse_date;

#[cfg(test)]
mod tests;
