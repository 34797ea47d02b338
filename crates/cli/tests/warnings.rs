//! `tiendo warnings` on a generated province: evaluated as of a date, in
//! JSON and as a table, travelling back in time, and saved like a sweep.

use std::process::Output;

use serde_json::Value;

mod common;

use common::tiendo;

fn ok(out: Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn findings(db: &str, at: &str) -> Vec<Value> {
    let out = ok(tiendo(&[
        "warnings", "--db", db, "--at", at, "--format", "json",
    ]));
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn warnings_as_of_any_date_and_saved_like_a_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let db = db.to_str().unwrap();
    ok(tiendo(&[
        "gen",
        "--db",
        db,
        "--tasks",
        "300",
        "--seed",
        "7",
        "--today",
        "2026-11-23",
    ]));

    let now = findings(db, "2026-11-23");
    assert!(
        now.len() >= 30,
        "a province of 300 tasks warns of something: {}",
        now.len()
    );
    for f in &now {
        let rule = f["rule"].as_str().unwrap();
        assert!(
            [
                "overdue",
                "behind_plan",
                "forecast_late",
                "missing_report",
                "stalled",
                "funding_gap",
                "low_disbursement",
                "indicator_off_track"
            ]
            .contains(&rule),
            "{f}"
        );
        assert!(!f["message"].as_str().unwrap().is_empty(), "{f}");
        assert!(!f["title"].as_str().unwrap().is_empty(), "{f}");
    }
    let behind = now
        .iter()
        .find(|f| f["rule"] == "behind_plan")
        .expect("some generated task slips");
    let message = behind["message"].as_str().unwrap();
    assert!(message.starts_with("Chậm "), "{message}");
    assert!(message.contains("(báo cáo tháng "), "{message}");
    // Red first.
    let rank = |f: &Value| match f["severity"].as_str().unwrap() {
        "red" => 0,
        "yellow" => 1,
        _ => 2,
    };
    assert!(now.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])));

    // A year earlier fewer reports exist and fewer deadlines have passed.
    let before = findings(db, "2025-11-23");
    let overdue = |v: &[Value]| v.iter().filter(|f| f["rule"] == "overdue").count();
    assert!(
        overdue(&before) < overdue(&now),
        "{} vs {}",
        overdue(&before),
        overdue(&now)
    );

    let table = ok(tiendo(&["warnings", "--db", db, "--at", "2026-11-23"]));
    assert!(
        table.starts_with("Cảnh báo tính đến ngày 23/11/2026:"),
        "{table}"
    );

    let saved = ok(tiendo(&[
        "warnings",
        "--db",
        db,
        "--at",
        "2026-11-23",
        "--save",
    ]));
    let red = now.iter().filter(|f| f["severity"] == "red").count();
    assert!(
        saved.contains(&format!("đang mở {red} đỏ")),
        "{saved} (expected {red} red)"
    );

    let bad = tiendo(&[
        "warnings",
        "--db",
        db,
        "--config",
        "/nonexistent/warnings.toml",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("ngưỡng cảnh báo"));
}
