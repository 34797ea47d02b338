//! `tiendo report` end to end on a generated province: the annual and a
//! monthly report written in every format, and a period that does not
//! exist refused with exit code 2 and no file left behind.

use std::path::Path;
use std::process::Output;

mod common;

use common::{text, tiendo};

/// `tiendo report` on `db` for `period` (with `more` arguments) into `out`.
fn report(db: &str, period: &str, format: &str, out: &Path, more: &[&str]) -> Output {
    let mut args = vec![
        "report",
        "--db",
        db,
        "--program",
        "1",
        "--period",
        period,
        "--format",
        format,
        "--out",
        out.to_str().unwrap(),
        "--today",
        "2026-11-23",
    ];
    args.extend_from_slice(more);
    tiendo(&args)
}

#[test]
fn writes_the_reports_of_a_generated_province() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tinh.db");
    let db = db.to_str().unwrap();
    let made = tiendo(&[
        "gen",
        "--db",
        db,
        "--tasks",
        "300",
        "--seed",
        "3",
        "--today",
        "2026-11-23",
    ]);
    assert!(made.status.success(), "{}", text(&made.stderr));

    let docx = dir.path().join("nam-2025.docx");
    let out = report(db, "2025", "docx", &docx, &["--kind", "annual"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("300 nhiệm vụ"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(&std::fs::read(&docx).unwrap()[..2], b"PK");

    let json = dir.path().join("thang-9.json");
    let out = report(db, "2026-09", "json", &json, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(report["period"], "Tháng 9/2026");
    assert_eq!(report["appendix"].as_array().unwrap().len(), 300);
    let statuses: u64 = report["tally"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(statuses, 300, "every task counted once");

    for (format, magic) in [("xlsx", &b"PK"[..]), ("csv", &b"\xEF\xBB\xBFSTT"[..])] {
        let file = dir.path().join(format!("thang-9.{format}"));
        let out = self::report(db, "2026-09", format, &file, &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(std::fs::read(&file).unwrap().starts_with(magic), "{format}");
    }

    let nowhere = dir.path().join("khong-co.docx");
    let out = self::report(db, "2040-01", "docx", &nowhere, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("chưa có kỳ báo cáo"),
        "{}",
        text(&out.stderr)
    );
    assert!(!nowhere.exists());
}
