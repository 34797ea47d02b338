//! Documents that join a program rather than replace it: an appendix table
//! joined to the current version, and a document of results whose figures
//! are recorded against the program's indicators — each in the import's
//! one transaction.

use tiendo_core::{Actual, Catalog, Comparator, Part, Section, Task, TaskKind};
use tiendo_store::{
    AuditFilter, Ctx, ImportItem, ImportMode, ImportOutcome, SourceInfo, StoreError,
};

use crate::helpers::{TestDb, dec, sample, source};

fn keyed(name: &str, key: &str) -> SourceInfo {
    SourceInfo {
        program_key: Some(key.into()),
        ..source(name)
    }
}

fn row(stt: &str, title: &str, lead: &str, deadline: &str) -> Task {
    let mut t = Task::new(Part::Appendix, "I", TaskKind::Plan, title);
    t.stt = Some(stt.into());
    t.lead_agency = Some(lead.into());
    t.deadline_text = Some(deadline.into());
    t.line = 2;
    t
}

/// One row repeating a body task of [`sample`] in shorter words, one new.
fn appendix() -> Catalog {
    let mut c = Catalog {
        sections: vec![Section {
            part: Part::Appendix,
            number: "I".into(),
            title: "Xây dựng Đảng".into(),
            parent: None,
        }],
        tasks: vec![
            row(
                "1",
                "Nghị quyết về công tác xây dựng Đảng trong tình hình mới",
                "Ban Tổ chức Tỉnh ủy",
                "Quý IV năm 2026",
            ),
            row(
                "2",
                "Kế hoạch tuyên truyền kỷ niệm 100 năm thành lập Đảng",
                "Ban Tuyên giáo Tỉnh ủy",
                "Quý I năm 2030",
            ),
        ],
        agencies: vec![
            "Ban Tổ chức Tỉnh ủy".into(),
            "Ban Tuyên giáo Tỉnh ủy".into(),
        ],
        ..Catalog::default()
    };
    c.program.title = "phu-luc".into();
    c
}

fn appendix_item<'a>(c: &'a Catalog, s: &'a SourceInfo) -> ImportItem<'a> {
    ImportItem {
        mode: ImportMode::Appendix,
        ..ImportItem::document(c, s)
    }
}

#[tokio::test]
async fn an_appendix_joins_the_current_version_and_keeps_the_body() {
    let db = TestDb::new().await;
    let body = db
        .store
        .import_catalog(&sample(), &keyed("ctr.txt", "ctr"))
        .await
        .unwrap();
    let before = db
        .store
        .load_version(body.program_id(), None)
        .await
        .unwrap();

    let (table, src) = (appendix(), keyed("phu-luc.tsv", "ctr"));
    let reports = db
        .store
        .import_documents(&Ctx::system(), &[appendix_item(&table, &src)])
        .await
        .unwrap();
    assert!(
        matches!(
            reports[0].outcome,
            ImportOutcome::NewVersion { version: 2, .. }
        ),
        "{reports:?}"
    );
    let counts = reports[0].appendix.unwrap();
    assert_eq!((counts.rows, counts.filled, counts.added), (2, 1, 1));

    let after = db
        .store
        .load_version(body.program_id(), None)
        .await
        .unwrap();
    assert_eq!(after.catalog.program, before.catalog.program);
    assert_eq!(&after.task_ids[..3], &before.task_ids[..]);
    assert_eq!(after.indicator_ids, before.indicator_ids);
    assert_eq!(after.catalog.tasks.len(), 4);
    // The body named its lead; the row's deadline is what it lacked.
    let resolution = &after.catalog.tasks[2];
    assert_eq!(resolution.part, Part::Tasks);
    assert_eq!(
        resolution.lead_agency.as_deref(),
        Some("Ban Tuyên giáo Tỉnh ủy")
    );
    assert_eq!(resolution.deadline_text.as_deref(), Some("Quý IV năm 2026"));
    let added = &after.catalog.tasks[3];
    assert_eq!(added.part, Part::Appendix);
    assert_eq!(added.lead_agency.as_deref(), Some("Ban Tuyên giáo Tỉnh ủy"));
    // The first two body tasks are as they were.
    assert_eq!(after.catalog.tasks[..2], before.catalog.tasks[..2]);

    // The same appendix again: nothing written at all.
    let dump = db.dump().await;
    let again = db
        .store
        .import_documents(&Ctx::system(), &[appendix_item(&table, &src)])
        .await
        .unwrap();
    assert!(
        matches!(
            again[0].outcome,
            ImportOutcome::Unchanged { version: 2, .. }
        ),
        "{again:?}"
    );
    assert_eq!(again[0].appendix.unwrap().present, 1);
    assert_eq!(db.dump().await, dump);

    // A new reading of the body keeps the ids the appendix's rows were given.
    let mut amended = after.catalog.clone();
    amended.tasks[0].title.push_str(" (sửa đổi)");
    let third = db
        .store
        .import_catalog(&amended, &keyed("ctr-2.txt", "ctr"))
        .await
        .unwrap();
    let third = db
        .store
        .load_version(third.program_id(), None)
        .await
        .unwrap();
    assert_eq!(third.task_ids, after.task_ids);
}

#[tokio::test]
async fn an_appendix_of_a_program_not_yet_stored_is_stored_alone() {
    let db = TestDb::new().await;
    let (table, src) = (appendix(), keyed("phu-luc.tsv", "moi"));
    let reports = db
        .store
        .import_documents(&Ctx::system(), &[appendix_item(&table, &src)])
        .await
        .unwrap();
    assert!(matches!(reports[0].outcome, ImportOutcome::Created { .. }));
    assert_eq!(reports[0].appendix, None);
    let stored = db
        .store
        .load_catalog(reports[0].outcome.program_id(), None)
        .await
        .unwrap();
    assert_eq!(stored.tasks, table.tasks);
}

fn actual(name: &str, indicator: Option<&str>, value: &str, unit: &str, line: usize) -> Actual {
    Actual {
        name: name.into(),
        comparator: Comparator::Reach,
        value: dec(value),
        value_max: None,
        unit: unit.into(),
        approximate: false,
        estimate: true,
        basis: None,
        period: Some("năm 2026".into()),
        year: Some(2026),
        assessment: None,
        indicator: indicator.map(str::to_string),
        source: format!("{name} đạt {value}{unit}"),
        line,
    }
}

/// A conclusion reporting three figures: one names an indicator of
/// [`sample`] (by its folded name), one names none, one is in another unit.
fn results() -> Catalog {
    let mut c = Catalog {
        actuals: vec![
            actual(
                "tăng trưởng GRDP",
                Some("TỐC ĐỘ TĂNG TRƯỞNG GRDP BÌNH QUÂN"),
                "7.9",
                "%",
                12,
            ),
            actual("Thu hút khách du lịch", None, "4.5", "triệu lượt", 13),
            actual(
                "Diện tích khu công nghiệp",
                Some("Diện tích đất khu công nghiệp"),
                "35",
                "%",
                14,
            ),
        ],
        ..Catalog::default()
    };
    c.program.title = "Kết luận".into();
    c
}

fn results_item<'a>(c: &'a Catalog, s: &'a SourceInfo) -> ImportItem<'a> {
    ImportItem {
        mode: ImportMode::Results,
        record_actuals: true,
        ..ImportItem::document(c, s)
    }
}

#[tokio::test]
async fn results_are_recorded_against_the_indicators_they_name() {
    let db = TestDb::new().await;
    let program = db
        .store
        .import_catalog(&sample(), &keyed("ctr.txt", "ctr"))
        .await
        .unwrap()
        .program_id();
    let stored = db.store.load_version(program, None).await.unwrap();
    let grdp = stored.indicator_ids[0];
    let dump = db.dump().await;

    let (doc, src) = (results(), keyed("ket-luan.txt", "ctr"));
    let reports = db
        .store
        .import_documents(&Ctx::system(), &[results_item(&doc, &src)])
        .await
        .unwrap();
    assert!(
        matches!(
            reports[0].outcome,
            ImportOutcome::Unchanged { version: 1, .. }
        ),
        "a document of results makes no version: {reports:?}"
    );
    let r = reports[0].actuals.clone().unwrap();
    assert_eq!((r.recorded, r.no_indicator, r.unchanged), (1, 1, 0));
    assert_eq!(r.skipped.len(), 1, "{r:?}");
    assert!(r.skipped[0].starts_with("dòng 14:"), "{r:?}");

    let actuals = db.store.actuals(grdp).await.unwrap();
    assert_eq!(actuals.len(), 1);
    let a = &actuals[0];
    assert_eq!(a.value, dec("7.9"));
    assert!(a.estimate);
    assert_eq!(a.agency_id, None);
    assert_eq!(
        a.source,
        "tệp ket-luan.txt, dòng 12: tăng trưởng GRDP đạt 7.9%"
    );
    assert!(a.note.contains("kỳ: năm 2026"), "{}", a.note);
    let period = db.store.period(a.period_id).await.unwrap().unwrap();
    assert_eq!((period.kind.code(), period.year), ("yearly", 2026));
    let audit = db
        .store
        .audit_log(&AuditFilter {
            action: Some("actual.record".into()),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(audit.items.len(), 1);
    assert_eq!(audit.items[0].subject_id, Some(grdp.0));
    // The program's catalog is as it was.
    assert_eq!(db.store.load_version(program, None).await.unwrap(), stored);
    assert_ne!(db.dump().await, dump);

    // The same document again writes nothing.
    let dump = db.dump().await;
    let again = db
        .store
        .import_documents(&Ctx::system(), &[results_item(&doc, &src)])
        .await
        .unwrap();
    assert_eq!(again[0].actuals.as_ref().unwrap().unchanged, 1);
    assert_eq!(db.dump().await, dump);

    // A later figure for the same year replaces the value; the audit keeps the old.
    let mut later = results();
    later.actuals[0].value = dec("8.2");
    later.actuals[0].estimate = false;
    db.store
        .import_documents(&Ctx::system(), &[results_item(&later, &src)])
        .await
        .unwrap();
    let actuals = db.store.actuals(grdp).await.unwrap();
    assert_eq!(actuals.len(), 1);
    assert_eq!(actuals[0].value, dec("8.2"));
    assert!(!actuals[0].estimate);
}

#[tokio::test]
async fn the_document_date_places_a_figure_and_without_any_date_it_is_skipped() {
    let db = TestDb::new().await;
    let program = db
        .store
        .import_catalog(&sample(), &keyed("ctr.txt", "ctr"))
        .await
        .unwrap()
        .program_id();
    let grdp = db
        .store
        .load_version(program, None)
        .await
        .unwrap()
        .indicator_ids[0];
    let mut doc = results();
    doc.program.issued_on = chrono::NaiveDate::from_ymd_opt(2027, 1, 20);
    let src = keyed("ket-luan.txt", "ctr");
    db.store
        .import_documents(&Ctx::system(), &[results_item(&doc, &src)])
        .await
        .unwrap();
    let a = &db.store.actuals(grdp).await.unwrap()[0];
    let period = db.store.period(a.period_id).await.unwrap().unwrap();
    assert_eq!(period.year, 2027);

    let mut undated = results();
    undated.actuals[0].year = None;
    let r = db
        .store
        .import_documents(&Ctx::system(), &[results_item(&undated, &src)])
        .await
        .unwrap();
    let r = r[0].actuals.as_ref().unwrap();
    assert_eq!(r.recorded, 0);
    assert!(r.skipped[0].contains("không rõ"), "{r:?}");
}

#[tokio::test]
async fn results_for_a_program_not_stored_are_refused_and_nothing_is_written() {
    let db = TestDb::new().await;
    db.store
        .import_catalog(&sample(), &keyed("ctr.txt", "ctr"))
        .await
        .unwrap();
    let dump = db.dump().await;
    let doc = results();
    let (ok, missing) = (keyed("a.txt", "ctr"), keyed("b.txt", "khac"));
    let err = db
        .store
        .import_documents(
            &Ctx::system(),
            &[results_item(&doc, &ok), results_item(&doc, &missing)],
        )
        .await
        .unwrap_err();
    match &err {
        StoreError::NotFound(m) => assert!(m.starts_with("b.txt:"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        db.dump().await,
        dump,
        "the first file's figures are not kept"
    );
}

#[tokio::test]
async fn a_program_document_records_its_own_results_only_when_asked() {
    let db = TestDb::new().await;
    let mut doc = sample();
    doc.actuals = results().actuals;
    let src = keyed("ctr.txt", "ctr");
    let plain = db
        .store
        .import_documents(&Ctx::system(), &[ImportItem::document(&doc, &src)])
        .await
        .unwrap();
    assert_eq!(plain[0].actuals, None);
    assert_eq!(db.count("indicator_actuals").await, 0);
    let asked = db
        .store
        .import_documents(
            &Ctx::system(),
            &[ImportItem {
                record_actuals: true,
                ..ImportItem::document(&doc, &src)
            }],
        )
        .await
        .unwrap();
    assert!(matches!(asked[0].outcome, ImportOutcome::Unchanged { .. }));
    assert_eq!(asked[0].actuals.as_ref().unwrap().recorded, 1);
    assert_eq!(db.count("indicator_actuals").await, 1);
}
