//! 9. Backup

use super::*;

#[tokio::test]
async fn a_backup_taken_while_open_holds_the_same_reports_and_never_overwrites() {
    let w = World::new().await;
    w.assign_roads(&Ctx::system()).await;
    let xd = w.reporter("sxd", XD).await;
    let filed = w
        .store()
        .submit_report(
            &xd,
            report(
                w.tasks[0],
                w.september(),
                None,
                body(TaskStatus::InProgress, "20"),
            ),
            vn(2025, 9, 16, 9, 0, 0),
        )
        .await
        .unwrap()
        .into_inner();

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup.db");
    w.store().backup(&target).await.unwrap();
    // The store stays usable.
    w.store()
        .revise_report(
            &xd,
            filed.id,
            body(TaskStatus::InProgress, "30"),
            vn(2025, 9, 17, 9, 0, 0),
        )
        .await
        .unwrap();

    let copy = Store::open(&target).await.unwrap();
    let all = ReportFilter {
        per_page: 500,
        ..ReportFilter::default()
    };
    assert_eq!(copy.reports(&all).await.unwrap().items, vec![filed.clone()]);
    assert_eq!(copy.report_revisions(filed.id).await.unwrap().len(), 1);
    assert_eq!(copy.periods(w.program).await.unwrap(), w.periods);
    assert_eq!(
        copy.assignment(w.tasks[0]).await.unwrap(),
        w.store().assignment(w.tasks[0]).await.unwrap()
    );
    assert_eq!(
        copy.login("sxd", PASSWORD).await.unwrap().unwrap().name,
        "sxd"
    );
    copy.close().await;

    // Onto an existing file: refused, and the file is left as it was.
    let size = std::fs::metadata(&target).unwrap().len();
    assert!(matches!(
        w.store().backup(&target).await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(std::fs::metadata(&target).unwrap().len(), size);
    let copy = Store::open(&target).await.unwrap();
    assert_eq!(copy.report_revisions(filed.id).await.unwrap().len(), 1);
    copy.close().await;

    // A store in memory has no file to copy: refused, nothing written.
    let memory = Store::open_in_memory().await.unwrap();
    memory
        .import_catalog(&program_catalog(), &source("kh.txt"))
        .await
        .unwrap();
    let target = dir.path().join("memory.db");
    assert!(matches!(
        memory.backup(&target).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(!target.exists());
}
