//! Integration tests of the store against real SQLite files in a temp dir:
//! import, versions and stable ids, atomicity, the agency directory, reopening,
//! and the running program (reports, periods, accounts, audit, backup).
//! One binary (modules below) so the crate links once.

mod agencies;
mod helpers;
mod import;
mod joining;
mod reporting;
mod versions;
mod warnings;
