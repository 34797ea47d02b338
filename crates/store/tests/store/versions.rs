//! New versions: an edited document becomes version 2, tasks and indicators
//! that continue keep their ids, and every older version stays readable.

use tiendo_core::TaskKind;
use tiendo_store::{ImportCounts, ImportOutcome, ProgramId, StoreError};

use crate::helpers::{TestDb, dec, sample, source, task};

/// The sample with the first title reworded, the last task removed, a new
/// task added and one target raised.
fn edited() -> tiendo_core::Catalog {
    let mut c = sample();
    c.tasks[0].title =
        "Đề án phát triển bền vững kinh tế biển tỉnh Khánh Hòa giai đoạn 2026 - 2030, \
                        tầm nhìn đến năm 2045"
            .into();
    c.tasks.pop();
    c.tasks.push(task(
        "2",
        TaskKind::Plan,
        "Kế hoạch chuyển đổi số trong các cơ quan Đảng",
        "Văn phòng Tỉnh ủy",
        70,
    ));
    c.indicators[1].target.value = dec("2600");
    c.agencies.pop();
    c.agencies.push("Văn phòng Tỉnh ủy".into());
    c
}

#[tokio::test]
async fn an_edited_document_becomes_version_two_and_continuing_tasks_keep_their_ids() {
    let db = TestDb::new().await;
    let program = db
        .store
        .import_catalog(&sample(), &source("v1.txt"))
        .await
        .unwrap()
        .program_id();
    let v1 = db.store.load_version(program, None).await.unwrap();

    let outcome = db
        .store
        .import_catalog(&edited(), &source("v2.txt"))
        .await
        .unwrap();
    let ImportOutcome::NewVersion {
        program_id,
        version,
        counts,
    } = outcome
    else {
        panic!("expected NewVersion, got {outcome:?}");
    };
    assert_eq!((program_id, version), (program, 2));
    assert_eq!(
        counts,
        ImportCounts {
            sections: 2,
            tasks: 3,
            tasks_kept: 2,
            tasks_new: 1,
            tasks_dropped: 1,
            indicators: 2,
            indicators_kept: 2,
            agencies_created: 1,
            tasks_assigned: 1,
            ..ImportCounts::default()
        }
    );

    let v2 = db.store.load_version(program, None).await.unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(v2.catalog, edited());
    assert_eq!(
        v2.task_ids[0], v1.task_ids[0],
        "the reworded task keeps its id"
    );
    assert_eq!(
        v2.task_ids[1], v1.task_ids[1],
        "the unchanged task keeps its id"
    );
    assert!(
        !v1.task_ids.contains(&v2.task_ids[2]),
        "the added task gets a new id"
    );
    assert_eq!(
        v2.indicator_ids, v1.indicator_ids,
        "a raised target is the same indicator"
    );

    // Version 1 is still there, unchanged.
    assert_eq!(
        db.store.load_catalog(program, Some(1)).await.unwrap(),
        sample()
    );
    assert_eq!(
        db.store
            .load_version(program, Some(1))
            .await
            .unwrap()
            .task_ids,
        v1.task_ids
    );
}

#[tokio::test]
async fn versions_lists_every_import_oldest_first() {
    let db = TestDb::new().await;
    let program = db
        .store
        .import_catalog(&sample(), &source("v1.txt"))
        .await
        .unwrap()
        .program_id();
    db.store
        .import_catalog(&edited(), &source("v2.txt"))
        .await
        .unwrap();
    // The first document again is a change relative to the latest version.
    let back = db
        .store
        .import_catalog(&sample(), &source("v1.txt"))
        .await
        .unwrap();
    assert!(
        matches!(back, ImportOutcome::NewVersion { version: 3, .. }),
        "{back:?}"
    );

    let versions = db.store.versions(program).await.unwrap();
    let numbers: Vec<u32> = versions.iter().map(|v| v.version).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(versions[0].source_file, "v1.txt");
    assert_eq!(versions[1].source_file, "v2.txt");
    assert_eq!(versions[0].fingerprint, versions[2].fingerprint);
    assert_ne!(versions[0].fingerprint, versions[1].fingerprint);
    assert_eq!(
        versions[0].fingerprint,
        tiendo_store::catalog_fingerprint(&sample())
    );
    assert_eq!(
        (versions[1].task_count, versions[1].indicator_count),
        (3, 2)
    );
    assert_eq!(db.store.programs().await.unwrap()[0].latest_version, 3);
}

#[tokio::test]
async fn unknown_programs_and_versions_are_not_found() {
    let db = TestDb::new().await;
    let program = db
        .store
        .import_catalog(&sample(), &source("v1.txt"))
        .await
        .unwrap()
        .program_id();
    let missing = db.store.load_catalog(program, Some(2)).await.unwrap_err();
    assert!(matches!(missing, StoreError::NotFound(_)), "{missing:?}");
    let missing = db
        .store
        .load_catalog(ProgramId(999), None)
        .await
        .unwrap_err();
    assert!(matches!(missing, StoreError::NotFound(_)), "{missing:?}");
    let missing = db.store.versions(ProgramId(999)).await.unwrap_err();
    assert!(matches!(missing, StoreError::NotFound(_)), "{missing:?}");
}
