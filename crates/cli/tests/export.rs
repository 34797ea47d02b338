//! `tiendo export` and `tiendo restore` on a generated province of 10.000
//! tasks with two years of reports and its warnings: exported as JSON,
//! CSV and XLSX, each restored into an empty database, which then holds
//! the same data — its own JSON export equals the first line for line
//! (the restore's audit line aside), and the annual report made from it
//! is the same. Refusals: a database that holds data, a file cut short, a
//! value that is no date; each exits 2, says where, and changes nothing.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

use common::{text, tiendo};

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn export(db: &Path, format: &str, out: &Path) -> String {
    ok(tiendo(&[
        "export",
        "--db",
        s(db),
        "--format",
        format,
        "--out",
        s(out),
    ]))
}

fn restore(db: &Path, file: &Path) -> Output {
    tiendo(&["restore", "--db", s(db), s(file)])
}

fn annual(db: &Path, out: &Path) -> String {
    ok(tiendo(&[
        "report",
        "--db",
        s(db),
        "--program",
        "1",
        "--period",
        "2025",
        "--kind",
        "annual",
        "--format",
        "json",
        "--out",
        s(out),
        "--today",
        "2026-11-23",
    ]));
    std::fs::read_to_string(out).unwrap()
}

/// The export's lines without what differs between two exports of the same
/// data: the time of export, and (`restored`) the restore's audit line.
fn comparable(path: &Path, restored: bool) -> Vec<String> {
    let mut lines: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("\"exported_at\""))
        .map(str::to_string)
        .collect();
    if restored {
        let at = lines
            .iter()
            .rposition(|l| l.contains("\"action\": \"data.restore\""))
            .expect("the restore's audit line");
        lines.remove(at);
        // The row before it was not the last of the audit table any more.
        if let Some(before) = lines.get_mut(at - 1)
            && let Some(stripped) = before.strip_suffix(',')
        {
            *before = stripped.to_string();
        }
    }
    lines
}

fn count(out: &str, table: &str) -> u64 {
    out.lines()
        .find(|l| l.split_whitespace().next() == Some(table))
        .and_then(|l| l.split_whitespace().nth(1))
        .map(|n| n.replace('.', "").parse().unwrap())
        .unwrap_or(0)
}

struct Province {
    _dir: tempfile::TempDir,
    root: PathBuf,
    db: PathBuf,
}

fn province() -> Province {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let db = root.join("tinh.db");
    ok(tiendo(&[
        "gen",
        "--db",
        s(&db),
        "--tasks",
        "10000",
        "--seed",
        "11",
        "--today",
        "2026-11-23",
    ]));
    // Warnings raised on one day and moved on another: their events too.
    for at in ["2026-06-30", "2026-11-23"] {
        ok(tiendo(&["warnings", "--db", s(&db), "--at", at, "--save"]));
    }
    Province {
        _dir: dir,
        root,
        db,
    }
}

#[test]
fn a_province_of_ten_thousand_tasks_comes_back_whole_from_every_format() {
    let p = province();
    let original = p.root.join("tinh.json");
    let said = export(&p.db, "json", &original);
    assert_eq!(count(&said, "tasks"), 10_000, "{said}");
    assert!(count(&said, "report_revisions") > 90_000, "{said}");
    assert!(count(&said, "warnings") > 1_000, "{said}");
    assert!(
        count(&said, "warning_events") > count(&said, "warnings"),
        "{said}"
    );
    let expected = comparable(&original, false);
    let report = annual(&p.db, &p.root.join("nam.json"));

    for format in ["json", "csv", "xlsx"] {
        let file = p.root.join(format!("xuat.{format}"));
        if format != "json" {
            export(&p.db, format, &file);
        } else {
            std::fs::copy(&original, &file).unwrap();
        }
        let copy = p.root.join(format!("khoi-phuc-{format}.db"));
        let said = ok(restore(&copy, &file));
        assert_eq!(count(&said, "tasks"), 10_000, "{format}: {said}");

        let again = p.root.join(format!("lai-{format}.json"));
        export(&copy, "json", &again);
        let got = comparable(&again, true);
        assert_eq!(got.len(), expected.len(), "{format}: rows");
        if let Some((i, (a, b))) = expected
            .iter()
            .zip(&got)
            .enumerate()
            .find(|(_, (a, b))| a != b)
        {
            panic!("{format}: line {} differs:\n  {a}\n  {b}", i + 1);
        }
        assert_eq!(
            annual(&copy, &p.root.join(format!("nam-{format}.json"))),
            report,
            "{format}: the annual report"
        );
    }

    // A database that holds data is refused and keeps what it holds.
    let before = std::fs::read(&p.db).unwrap();
    let out = restore(&p.db, &original);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("database_not_empty"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&p.db).unwrap(), before);
}

#[test]
fn a_broken_file_is_refused_with_where_and_leaves_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nho.db");
    ok(tiendo(&[
        "gen",
        "--db",
        s(&db),
        "--tasks",
        "200",
        "--seed",
        "5",
        "--today",
        "2026-11-23",
    ]));
    let json = dir.path().join("nho.json");
    export(&db, "json", &json);
    let whole = std::fs::read_to_string(&json).unwrap();

    // Cut in the middle of the reports.
    let cut = dir.path().join("cut.json");
    let at = whole.find("\"report_revisions\"").unwrap() + 5_000;
    std::fs::write(&cut, &whole[..at]).unwrap();
    let target = dir.path().join("moi.db");
    let out = restore(&target, &cut);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Tệp JSON"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        !target.exists(),
        "a failed restore leaves no database behind"
    );

    // A due date that is no date, named by table, row and column.
    let bad = dir.path().join("bad.json");
    let first_due = whole.find("\"due_on\": \"").unwrap() + "\"due_on\": \"".len();
    let mut broken = whole.clone();
    broken.replace_range(first_due..first_due + 10, "2025-02-30");
    std::fs::write(&bad, broken).unwrap();
    let out = restore(&target, &bad);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(
        said.contains("periods[0].due_on") && said.contains("2025-02-30"),
        "{said}"
    );
    assert!(!target.exists());

    // A CSV export whose table lost rows against its manifest.
    let zip_path = dir.path().join("nho.csv.zip");
    export(&db, "csv", &zip_path);
    let trimmed = dir.path().join("trimmed.csv.zip");
    {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
        let mut out = zip::ZipWriter::new(std::fs::File::create(&trimmed).unwrap());
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut body = String::new();
            entry.read_to_string(&mut body).unwrap();
            if name == "periods.csv" {
                let mut lines: Vec<&str> = body.lines().collect();
                lines.pop();
                body = lines.join("\n") + "\n";
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(body.as_bytes()).unwrap();
        }
        out.finish().unwrap();
    }
    let out = restore(&target, &trimmed);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("periods.csv"),
        "{}",
        text(&out.stderr)
    );
    assert!(!target.exists());

    // Something that is no export at all.
    let stray = dir.path().join("ghi-chu.txt");
    std::fs::write(&stray, "Báo cáo tháng 9").unwrap();
    let out = restore(&target, &stray);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(!target.exists());
}
