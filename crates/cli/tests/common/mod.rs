//! What the command-line tests share: running the built `tiendo`.
#![allow(dead_code)] // each test file uses what it needs

use std::process::{Command, Output};

/// Runs the `tiendo` binary of this build with `args`.
pub fn tiendo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .args(args)
        .output()
        .expect("run tiendo")
}

/// A program's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
