//! The agency directory: spellings with the same key are one agency, other
//! names stay apart, and aliases join spellings the key rules cannot.

use tiendo_core::TaskKind;
use tiendo_store::{AgencyId, StoreError};

use crate::helpers::{TestDb, sample, source, task};

#[tokio::test]
async fn abbreviated_and_written_out_names_are_one_agency() {
    let db = TestDb::new().await;
    let mut c = sample();
    c.tasks.push(task(
        "1",
        TaskKind::Plan,
        "Kế hoạch đầu tư công",
        "Ban cán sự đảng UBND tỉnh",
        90,
    ));
    c.tasks.push(task(
        "1",
        TaskKind::Plan,
        "Kế hoạch phát triển nguồn nhân lực",
        "Ban cán sự đảng Ủy ban nhân dân tỉnh",
        95,
    ));
    c.agencies.push("Ban cán sự đảng UBND tỉnh".into());
    db.store
        .import_catalog(&c, &source("ctr.txt"))
        .await
        .unwrap();

    let agencies = db.store.agencies().await.unwrap();
    let party_group: Vec<_> = agencies
        .iter()
        .filter(|a| a.key.contains("can su dang"))
        .collect();
    assert_eq!(party_group.len(), 1, "{agencies:?}");
    assert_eq!(
        party_group[0].name, "Ban CSĐ UBND tỉnh",
        "the first spelling seen names it"
    );

    let found = db
        .store
        .find_agency("Ban cán sự Đảng Ủy ban nhân dân tỉnh")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, party_group[0].id);
}

#[tokio::test]
async fn different_names_stay_different_agencies() {
    let db = TestDb::new().await;
    let mut c = sample();
    c.agencies.push("Ban Dân vận Tỉnh ủy".into());
    db.store
        .import_catalog(&c, &source("ctr.txt"))
        .await
        .unwrap();
    let propaganda = db
        .store
        .find_agency("Ban Tuyên giáo Tỉnh ủy")
        .await
        .unwrap()
        .unwrap();
    let mass = db
        .store
        .find_agency("Ban Dân vận Tỉnh ủy")
        .await
        .unwrap()
        .unwrap();
    assert_ne!(propaganda.id, mass.id);
    assert!(
        db.store
            .find_agency("Ban Nội chính Tỉnh ủy")
            .await
            .unwrap()
            .is_none()
    );
    assert!(db.store.find_agency(" - ").await.unwrap().is_none());
}

#[tokio::test]
async fn an_alias_joins_a_spelling_the_key_cannot() {
    let db = TestDb::new().await;
    let mut c = sample();
    c.agencies.push("Văn phòng Tỉnh ủy".into());
    db.store
        .import_catalog(&c, &source("ctr.txt"))
        .await
        .unwrap();
    let office = db
        .store
        .find_agency("Văn phòng Tỉnh ủy")
        .await
        .unwrap()
        .unwrap();
    assert!(db.store.find_agency("VP TU").await.unwrap().is_none());

    db.store.add_alias(office.id, "VP TU").await.unwrap();
    db.store.add_alias(office.id, "vp tu").await.unwrap(); // same key: a no-op
    let found = db.store.find_agency("VP TU").await.unwrap().unwrap();
    assert_eq!(found.id, office.id);
    assert_eq!(found.aliases, ["VP TU"]);

    // A later import using the alias lands on the same agency.
    let before = db.store.agencies().await.unwrap().len();
    let mut next = c.clone();
    next.agencies.push("VP TU".into());
    db.store
        .import_catalog(&next, &source("ctr.txt"))
        .await
        .unwrap();
    assert_eq!(db.store.agencies().await.unwrap().len(), before);
}

#[tokio::test]
async fn an_alias_cannot_take_another_agencys_name() {
    let db = TestDb::new().await;
    db.store
        .import_catalog(&sample(), &source("ctr.txt"))
        .await
        .unwrap();
    let building = db.store.find_agency("Sở Xây dựng").await.unwrap().unwrap();
    let err = db
        .store
        .add_alias(building.id, "Ban Tuyên giáo Tỉnh ủy")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    let err = db
        .store
        .add_alias(AgencyId(999), "Sở Nội vụ")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    let err = db.store.add_alias(building.id, "...").await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
}

#[tokio::test]
async fn the_directory_starts_empty() {
    let db = TestDb::new().await;
    assert!(db.store.agencies().await.unwrap().is_empty());
    assert!(db.store.programs().await.unwrap().is_empty());
}
