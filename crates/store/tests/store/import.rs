//! Importing: the round trip is exact, the same document twice writes
//! nothing, a failed import leaves no trace, and the file survives reopening.

use tiendo_store::{ImportCounts, ImportOutcome, SourceInfo, Store, StoreError, program_key};

use crate::helpers::{TestDb, sample, source};

#[tokio::test]
async fn a_catalog_comes_back_exactly_as_imported() {
    let db = TestDb::new().await;
    let outcome = db
        .store
        .import_catalog(&sample(), &source("ctr.txt"))
        .await
        .unwrap();
    let ImportOutcome::Created {
        program_id,
        version,
        counts,
    } = outcome
    else {
        panic!("expected Created, got {outcome:?}");
    };
    assert_eq!(version, 1);
    assert_eq!(
        counts,
        ImportCounts {
            sections: 2,
            tasks: 3,
            tasks_new: 3,
            indicators: 2,
            indicators_new: 2,
            // Ban CSĐ UBND tỉnh, Sở Xây dựng, Ban Tuyên giáo Tỉnh ủy, Ban Thường vụ Tỉnh ủy,
            // UBND tỉnh, Tỉnh ủy
            agencies_created: 6,
            tasks_assigned: 3,
            ..ImportCounts::default()
        }
    );
    assert_eq!(
        db.store.load_catalog(program_id, None).await.unwrap(),
        sample()
    );
    assert_eq!(
        db.store.load_catalog(program_id, Some(1)).await.unwrap(),
        sample()
    );

    // Decimals keep their written form, not only their value.
    let loaded = db.store.load_catalog(program_id, None).await.unwrap();
    assert_eq!(
        loaded.tasks[1].components[1].quantity.unwrap().to_string(),
        "2579.23"
    );
    assert_eq!(
        loaded.indicators[0].target.value_max.unwrap().to_string(),
        "8.5"
    );
}

#[tokio::test]
async fn importing_the_same_document_twice_changes_nothing() {
    let db = TestDb::new().await;
    let first = db
        .store
        .import_catalog(&sample(), &source("ctr.txt"))
        .await
        .unwrap();
    let before = db.dump().await;
    let second = db
        .store
        .import_catalog(&sample(), &source("ctr-copy.txt"))
        .await
        .unwrap();
    assert_eq!(
        second,
        ImportOutcome::Unchanged {
            program_id: first.program_id(),
            version: 1
        }
    );
    assert_eq!(db.dump().await, before, "not even a timestamp moved");
}

#[tokio::test]
async fn reformatting_the_source_makes_no_new_version() {
    let db = TestDb::new().await;
    db.store
        .import_catalog(&sample(), &source("ctr.txt"))
        .await
        .unwrap();
    let mut shifted = sample();
    for (i, t) in shifted.tasks.iter_mut().enumerate() {
        t.line += 100 + i;
    }
    shifted.indicators[0].line = 1;
    let outcome = db
        .store
        .import_catalog(&shifted, &source("ctr.txt"))
        .await
        .unwrap();
    assert!(
        matches!(outcome, ImportOutcome::Unchanged { version: 1, .. }),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_failing_import_leaves_the_database_as_it_was() {
    let db = TestDb::new().await;
    db.store
        .import_catalog(&sample(), &source("ctr.txt"))
        .await
        .unwrap();
    let before = db.dump().await;

    // A new version whose last task breaks a CHECK (period ends before it starts):
    // the program row, version row, sections, agencies and earlier tasks were
    // already written when it fails.
    let mut broken = sample();
    broken.agencies.push("Sở Tài chính".into());
    let mut bad = broken.tasks[0].clone();
    bad.title = "Kế hoạch mới".into();
    bad.period_start = Some(2030);
    bad.period_end = Some(2026);
    broken.tasks.push(bad);
    let err = db
        .store
        .import_catalog(&broken, &source("ctr.txt"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Database(_)), "{err:?}");
    assert_eq!(db.dump().await, before);

    // Same for a program the store does not know yet.
    broken.program.title = "Kế hoạch năm 2026".into();
    db.store
        .import_catalog(&broken, &source("kh.txt"))
        .await
        .unwrap_err();
    assert_eq!(db.dump().await, before);
    assert_eq!(db.store.programs().await.unwrap().len(), 1);
}

#[tokio::test]
async fn several_catalogs_are_stored_together_or_not_at_all() {
    let db = TestDb::new().await;
    let before = db.dump().await;
    let good = sample();
    let mut other = sample();
    other.program.title = "Kế hoạch năm 2026".into();
    let mut bad = other.tasks[0].clone();
    bad.period_start = Some(2030);
    bad.period_end = Some(2026);
    other.tasks.push(bad);
    let (a, b) = (source("ctr.txt"), source("kh.txt"));
    db.store
        .import_catalogs(&[(&good, &a), (&other, &b)])
        .await
        .unwrap_err();
    assert_eq!(
        db.dump().await,
        before,
        "the good first catalog must not be stored"
    );

    other.tasks.pop();
    let outcomes = db
        .store
        .import_catalogs(&[(&good, &a), (&other, &b)])
        .await
        .unwrap();
    assert_eq!(outcomes.len(), 2);
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, ImportOutcome::Created { .. })),
        "{outcomes:?}"
    );
    assert_eq!(db.store.programs().await.unwrap().len(), 2);
    let again = db
        .store
        .import_catalogs(&[(&good, &a), (&other, &b)])
        .await
        .unwrap();
    assert!(
        again
            .iter()
            .all(|o| matches!(o, ImportOutcome::Unchanged { .. }))
    );
}

#[tokio::test]
async fn data_survives_closing_and_reopening_the_file() {
    let db = TestDb::new().await;
    let id = db
        .store
        .import_catalog(&sample(), &source("ctr.txt"))
        .await
        .unwrap()
        .program_id();
    db.store.close().await;
    drop(db.store);

    let store = Store::open(&db.path).await.unwrap();
    assert_eq!(store.load_catalog(id, None).await.unwrap(), sample());
    let again = store
        .import_catalog(&sample(), &source("ctr.txt"))
        .await
        .unwrap();
    assert!(matches!(again, ImportOutcome::Unchanged { .. }));
    assert_eq!(store.agencies().await.unwrap().len(), 6);
}

#[tokio::test]
async fn the_file_is_in_wal_mode() {
    let db = TestDb::new().await;
    let dump_pool = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new().filename(&db.path),
    )
    .await
    .unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&dump_pool)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn programs_lists_each_program_with_its_latest_size() {
    let db = TestDb::new().await;
    let a = db
        .store
        .import_catalog(&sample(), &source("a.txt"))
        .await
        .unwrap()
        .program_id();
    let mut other = sample();
    other.program.title = "Kế hoạch thực hiện năm 2026".into();
    other.program.term = None;
    other.tasks.truncate(1);
    let b = db
        .store
        .import_catalog(&other, &source("b.txt"))
        .await
        .unwrap()
        .program_id();
    assert_ne!(a, b);

    let programs = db.store.programs().await.unwrap();
    assert_eq!(programs.len(), 2);
    assert_eq!(programs[0].id, a);
    assert_eq!(programs[0].key, program_key(&sample().program));
    assert_eq!(
        (
            programs[0].latest_version,
            programs[0].task_count,
            programs[0].indicator_count
        ),
        (1, 3, 2)
    );
    assert_eq!(programs[1].title, "Kế hoạch thực hiện năm 2026");
    assert_eq!(programs[1].task_count, 1);
    assert_eq!(
        db.store.program_by_key(&programs[1].key).await.unwrap(),
        Some(b)
    );
}

#[tokio::test]
async fn the_derived_key_is_the_folded_title_and_term() {
    assert_eq!(
        program_key(&sample().program),
        "chuong trinh hanh dong thuc hien nghi quyet dai hoi dang bo tinh 2025-2030"
    );
}

#[tokio::test]
async fn an_explicit_key_makes_a_retitled_document_a_new_version() {
    let db = TestDb::new().await;
    let keyed = SourceInfo {
        program_key: Some("ctr-08".into()),
        ..source("ctr.txt")
    };
    let first = db.store.import_catalog(&sample(), &keyed).await.unwrap();
    let mut retitled = sample();
    retitled.program.title = "Chương trình hành động số 08".into();
    let second = db.store.import_catalog(&retitled, &keyed).await.unwrap();
    assert!(
        matches!(second, ImportOutcome::NewVersion { version: 2, .. }),
        "{second:?}"
    );
    assert_eq!(second.program_id(), first.program_id());
    assert_eq!(
        db.store.programs().await.unwrap()[0].title,
        "Chương trình hành động số 08"
    );

    // Without the key the new title is another program.
    let third = db
        .store
        .import_catalog(&retitled, &source("ctr.txt"))
        .await
        .unwrap();
    assert!(matches!(third, ImportOutcome::Created { .. }), "{third:?}");
}

#[tokio::test]
async fn a_program_without_title_term_or_key_is_refused() {
    let db = TestDb::new().await;
    let mut nameless = sample();
    nameless.program.title = " ".into();
    nameless.program.term = None;
    let err = db
        .store
        .import_catalog(&nameless, &source("x.txt"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(db.count("programs").await, 0);
}

#[tokio::test]
async fn an_empty_catalog_round_trips() {
    let db = TestDb::new().await;
    let mut empty = tiendo_core::Catalog::default();
    empty.program.title = "Chương trình trống".into();
    let id = db
        .store
        .import_catalog(&empty, &source("empty.txt"))
        .await
        .unwrap()
        .program_id();
    assert_eq!(db.store.load_catalog(id, None).await.unwrap(), empty);
}
