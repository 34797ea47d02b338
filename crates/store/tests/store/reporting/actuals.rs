//! Indicator actuals

use super::*;

#[tokio::test]
async fn an_actual_recorded_again_replaces_the_value_and_the_audit_keeps_the_old() {
    let w = World::new().await;
    let xd = w.reporter("sxd", XD).await;
    let value = |v: &str, agency: Option<AgencyId>| ActualBody {
        value: dec(v),
        agency: agency.map(|a| a.0),
        area: String::new(),
        source: "Cục Thống kê".into(),
        note: String::new(),
        estimate: false,
    };
    let september = w.september();
    let province = w
        .store()
        .record_actual(&Ctx::system(), w.indicator, september, value("7.9", None))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(province.agency_id, None);
    let replaced = w
        .store()
        .record_actual(&Ctx::system(), w.indicator, september, value("8.1", None))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(replaced.id, province.id);
    assert_eq!(replaced.value, dec("8.1"));
    let audit = w.audit("actual.replace").await;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].before.as_ref().unwrap()["value"], "7.9");

    // A reporter records for its own agency only.
    forbidden(
        w.store()
            .record_actual(&xd, w.indicator, september, value("1", None))
            .await,
    );
    forbidden(
        w.store()
            .record_actual(&xd, w.indicator, september, value("1", Some(w.agency(TC))))
            .await,
    );
    let own = w
        .store()
        .record_actual(&xd, w.indicator, september, value("9", Some(w.agency(XD))))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(own.author.as_deref(), Some("sxd"));
    let all = w.store().actuals(w.indicator).await.unwrap();
    assert_eq!(all, vec![replaced, own]);
}
