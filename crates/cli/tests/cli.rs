//! The `tiendo` binary driven as an operator would: real files, a real
//! SQLite database in a temporary directory, exit codes and output checked.

mod joining;
mod schema;

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

use common::tiendo;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/an-lac-ctrinh-hanh-dong-2025-2030.txt")
}

/// The corpus lives beside the project; CI sets TIENDO_REQUIRE_CORPUS=1 so
/// these tests can never be skipped there.
fn corpus(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(name);
    if p.exists() {
        Some(p)
    } else if std::env::var_os("TIENDO_REQUIRE_CORPUS").is_some() {
        panic!(
            "corpus file {} is required (TIENDO_REQUIRE_CORPUS is set)",
            p.display()
        );
    } else {
        eprintln!("skipped: corpus file {} not found", p.display());
        None
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "tiendo failed: {}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("stdout is JSON")
}

fn count_rows(db: &Path, table: &str) -> i64 {
    // The database is inspected through the binary's own listing to stay black-box;
    // here a row count is enough and sqlite3 may be absent, so read via `programs`.
    let _ = table;
    let out = tiendo(&["programs", "--db", db.to_str().unwrap()]);
    stdout(&out).lines().filter(|l| l.starts_with('#')).count() as i64
}

#[test]
fn dry_run_of_the_sample_prints_the_catalog_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let out = tiendo(&[
        "import",
        "--dry-run",
        "--db",
        db.to_str().unwrap(),
        sample().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("AN LẠC"), "{text}");
    assert!(text.contains("Nhiệm vụ  1.1.b"), "{text}");
    assert!(!db.exists(), "dry run must not create the database");
}

#[test]
fn json_output_of_every_document_matches_the_published_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../docs/import.schema.json")).unwrap();
    let mut files = vec![sample()];
    for name in [
        "khanh-hoa-ctrinh-hanh-dong-2025-2030.txt",
        "khanh-hoa-ctrinh-hanh-dong-2020-2025-phu-luc.txt",
        "khanh-hoa-qd173-ctrinh-hanh-dong-2024.txt",
    ] {
        files.extend(corpus(name));
    }
    // Every shape of the other provinces: results, change sets and notes too.
    if let Some(dir) = corpus("other-provinces") {
        let mut more: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        more.sort();
        assert_eq!(more.len(), 41);
        files.extend(more);
    }
    for f in files {
        let v = json(&tiendo(&[
            "import",
            "--dry-run",
            "--format",
            "json",
            f.to_str().unwrap(),
        ]));
        let errors = schema::validate(&schema, &v);
        assert!(
            errors.is_empty(),
            "{}: {:#?}",
            f.display(),
            &errors[..errors.len().min(10)]
        );
    }
}

#[test]
fn sample_json_has_the_facts_of_the_document() {
    let v = json(&tiendo(&[
        "import",
        "--dry-run",
        "--format",
        "json",
        sample().to_str().unwrap(),
    ]));
    assert_eq!(
        v["program"]["term"],
        serde_json::json!({"start": 2025, "end": 2030})
    );
    let tasks = v["tasks"].as_array().unwrap();
    let energy = tasks
        .iter()
        .find(|t| t["section"] == "1.1.b")
        .expect("inline task of 1.1.b");
    assert_eq!(energy["kind"], "scheme");
    let roads = tasks
        .iter()
        .find(|t| t["components"].as_array().is_some_and(|c| c.len() == 4))
        .expect("compound task");
    assert_eq!(roads["components"][0]["quantity"], "48");
    assert_eq!(roads["components"][0]["unit"], "km");
    assert_eq!(roads["components"][3]["quantity"], "1120.5");
    let row = tasks
        .iter()
        .find(|t| t["part"] == "appendix" && t["stt"] == "2" && t["section"] == "II")
        .unwrap();
    assert_eq!(row["deadline"], "2026-09-30");
    let rules = v["program"]["reporting"].as_array().unwrap();
    assert!(
        rules
            .iter()
            .any(|r| r["kind"] == "monthly" && r["day"] == 18)
    );
    assert!(
        rules
            .iter()
            .any(|r| r["kind"] == "yearly" && r["day"] == 30 && r["month"] == 11)
    );
}

#[test]
fn reimporting_the_same_document_changes_nothing_and_an_edit_makes_a_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let db_s = db.to_str().unwrap();
    let first = tiendo(&["import", "--db", db_s, sample().to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("phiên bản 1"), "{}", stderr(&first));
    let again = tiendo(&["import", "--db", db_s, sample().to_str().unwrap()]);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("không có gì thay đổi"),
        "{}",
        stderr(&again)
    );

    let edited = dir.path().join("edited.txt");
    let text = std::fs::read_to_string(sample()).unwrap().replace(
        "Sổ tay nghiệp vụ công tác tổ chức xây dựng Đảng.",
        "Sổ tay nghiệp vụ công tác tổ chức, cán bộ.",
    );
    std::fs::write(&edited, text).unwrap();
    let third = tiendo(&["import", "--db", db_s, edited.to_str().unwrap()]);
    assert!(stderr(&third).contains("phiên bản 2"), "{}", stderr(&third));
    assert_eq!(count_rows(&db, "programs"), 1);
    let list = stdout(&tiendo(&["programs", "--db", db_s]));
    assert!(list.contains("v2"), "{list}");
}

#[test]
fn bad_files_exit_2_name_the_file_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let db_s = db.to_str().unwrap();
    // A good import first: a failed one must leave it untouched.
    assert!(
        tiendo(&["import", "--db", db_s, sample().to_str().unwrap()])
            .status
            .success()
    );

    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"CH\xc6\xafONG TR\xccNH\nd\xf2ng 2 \xe9\n").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\n  \n").unwrap();
    let binary = dir.path().join("scan.txt");
    std::fs::write(&binary, b"%PDF-1.4\n\x00\x01\x02 stream\n").unwrap();
    for (f, needle) in [(&latin1, "UTF-8"), (&empty, "rỗng"), (&binary, "nhị phân")] {
        // Good file first, bad file second: the good one must not be stored either.
        let out = tiendo(&[
            "import",
            "--db",
            db_s,
            sample().to_str().unwrap(),
            f.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(f.file_name().unwrap().to_str().unwrap()),
            "{err}"
        );
        assert!(err.contains(needle), "{err}");
    }
    let latin1_err = stderr(&tiendo(&["import", "--db", db_s, latin1.to_str().unwrap()]));
    assert!(
        latin1_err.contains("latin1.txt:1:"),
        "line of the bad byte: {latin1_err}"
    );
    let list = stdout(&tiendo(&["programs", "--db", db_s]));
    assert!(list.contains("v1") && !list.contains("v2"), "{list}");
}

#[test]
fn a_real_text_with_nothing_to_read_is_shown_with_its_notes_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let letter = dir.path().join("letter.txt");
    std::fs::write(
        &letter,
        "Kính gửi: Sở Tài chính\nĐề nghị quý cơ quan xem xét.\n",
    )
    .unwrap();
    let out = tiendo(&["import", "--dry-run", letter.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("GHI CHÚ KHI ĐỌC"), "{text}");
    assert!(text.contains("nothing_found"), "{text}");
}

#[test]
fn diff_reports_added_removed_and_reworded_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let old = sample();
    let new = dir.path().join("new.txt");
    let text = std::fs::read_to_string(&old)
        .unwrap()
        .replace(
            "- Kế hoạch phát triển giáo dục nghề nghiệp giai đoạn 2026 - 2030.\n",
            "",
        )
        .replace(
            "Dự án xây dựng Bệnh viện Đa khoa tỉnh An Lạc quy mô 1.000 giường.",
            "Dự án đầu tư xây dựng Bệnh viện Đa khoa tỉnh An Lạc quy mô 1.200 giường.",
        )
        .replace(
            "2.2. Về y tế\n",
            "2.2. Về y tế\n- Đề án phát triển y tế số tỉnh An Lạc.\n",
        );
    std::fs::write(&new, text).unwrap();
    let v = json(&tiendo(&[
        "diff",
        "--format",
        "json",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]));
    assert_eq!(v["added"].as_array().unwrap().len(), 1, "{v:#}");
    assert_eq!(
        v["added"][0]["title"],
        "Đề án phát triển y tế số tỉnh An Lạc"
    );
    assert_eq!(v["removed"].as_array().unwrap().len(), 1);
    assert_eq!(v["reworded"].as_array().unwrap().len(), 1);
    assert!(
        v["reworded"][0]["new"]["title"]
            .as_str()
            .unwrap()
            .contains("1.200 giường")
    );
}

#[test]
fn agencies_are_listed_and_take_aliases_but_are_never_merged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let db_s = db.to_str().unwrap();
    assert!(
        tiendo(&["import", "--db", db_s, sample().to_str().unwrap()])
            .status
            .success()
    );
    let list = stdout(&tiendo(&["agencies", "--db", db_s]));
    assert!(list.contains("Ủy ban Kiểm tra Tỉnh ủy"), "{list}");

    let ok = tiendo(&[
        "agencies",
        "--db",
        db_s,
        "--agency",
        "Ban Tổ chức Tỉnh ủy",
        "--alias",
        "BTC Tỉnh ủy",
    ]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(
        stdout(&ok).contains("còn gọi là: BTC Tỉnh ủy"),
        "{}",
        stdout(&ok)
    );

    // An alias that is already another agency's name is refused.
    let clash = tiendo(&[
        "agencies",
        "--db",
        db_s,
        "--agency",
        "Ban Tổ chức Tỉnh ủy",
        "--alias",
        "Ủy ban Kiểm tra Tỉnh ủy",
    ]);
    assert_eq!(clash.status.code(), Some(2));
    assert!(
        stderr(&clash).contains("cơ quan khác"),
        "{}",
        stderr(&clash)
    );
    let unknown = tiendo(&[
        "agencies",
        "--db",
        db_s,
        "--agency",
        "Sở Không Có",
        "--alias",
        "X",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn an_import_can_name_its_program_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let db_s = db.to_str().unwrap();
    assert!(
        tiendo(&["import", "--db", db_s, sample().to_str().unwrap()])
            .status
            .success()
    );
    // A draft under another title still belongs to program #1 when the operator says so.
    let draft = dir.path().join("draft.txt");
    let text = std::fs::read_to_string(sample()).unwrap().replace(
        "CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH AN LẠC",
        "(DỰ THẢO) CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH AN LẠC",
    );
    std::fs::write(&draft, text).unwrap();
    let out = tiendo(&[
        "import",
        "--db",
        db_s,
        "--program",
        "1",
        draft.to_str().unwrap(),
    ]);
    assert!(
        stderr(&out).contains("phiên bản 2 của chương trình #1"),
        "{}",
        stderr(&out)
    );
    let missing = tiendo(&[
        "import",
        "--db",
        db_s,
        "--program",
        "#9",
        draft.to_str().unwrap(),
    ]);
    assert!(!missing.status.success());
}

#[test]
fn diff_compares_two_stored_versions_of_a_program() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let db_s = db.to_str().unwrap();
    assert!(
        tiendo(&["import", "--db", db_s, sample().to_str().unwrap()])
            .status
            .success()
    );
    let only_one = tiendo(&["diff", "--db", db_s, "--program", "1"]);
    assert!(!only_one.status.success());
    assert!(
        stderr(&only_one).contains("một phiên bản"),
        "{}",
        stderr(&only_one)
    );

    let edited = dir.path().join("edited.txt");
    let text = std::fs::read_to_string(sample())
        .unwrap()
        .replace("- Sổ tay nghiệp vụ công tác tổ chức xây dựng Đảng.\n", "")
        .replace(
            "2.2. Về y tế\n",
            "2.2. Về y tế\n- Đề án phát triển y tế số tỉnh An Lạc.\n",
        );
    std::fs::write(&edited, text).unwrap();
    assert!(
        tiendo(&["import", "--db", db_s, edited.to_str().unwrap()])
            .status
            .success()
    );

    let v = json(&tiendo(&[
        "diff",
        "--db",
        db_s,
        "--program",
        "1",
        "--format",
        "json",
    ]));
    assert_eq!(
        v["added"][0]["title"], "Đề án phát triển y tế số tỉnh An Lạc",
        "{v:#}"
    );
    assert_eq!(
        v["removed"][0]["title"],
        "Sổ tay nghiệp vụ công tác tổ chức xây dựng Đảng"
    );
    // The same comparison, versions named.
    let named = json(&tiendo(&[
        "diff",
        "--db",
        db_s,
        "--program",
        "1",
        "--from",
        "1",
        "--to",
        "2",
        "--format",
        "json",
    ]));
    assert_eq!(named, v);
    let missing = tiendo(&[
        "diff",
        "--db",
        db_s,
        "--program",
        "1",
        "--from",
        "7",
        "--to",
        "2",
    ]);
    assert!(!missing.status.success());
}
