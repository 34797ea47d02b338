//! Corrections: a new revision of a report, the earlier ones kept as filed,
//! the report's lateness fixed by its first submission, and only those who
//! may file a report may correct it.

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::TestApp;

fn correction(percent: u32) -> Value {
    json!({
        "status": "in_progress",
        "percent": percent,
        "done": "Đã thẩm định xong hồ sơ",
        "money": { "required": "2000000000", "allocated": "1500000000", "disbursed": "900000000" }
    })
}

#[tokio::test]
async fn a_correction_is_a_new_revision_and_the_first_stays_as_filed() {
    let app = TestApp::spawn().await;
    app.assign_a().await;
    // Due ten days ago; the first report came twenty days ago, on time.
    let period = app.period("Kỳ đã quá hạn", (-70, -40), -10, 20).await;
    let rid = app
        .file_report(period, Utc::now() - Duration::days(20))
        .await;
    let path = format!("/api/reports/{rid}");
    let filed = app.get(&app.operator, &path).await.ok(200);
    assert_eq!(filed["late"], false);
    assert_eq!(filed["revisions"].as_array().unwrap().len(), 1);

    let res = app
        .post(&app.reporter, &format!("{path}/revisions"), &correction(55))
        .await;
    let revised = res.ok(201);
    assert_eq!(revised["id"], rid);
    assert_eq!(revised["current"]["revision"], 2);
    assert_eq!(
        revised["current"]["late"], true,
        "the correction itself came late"
    );
    assert_eq!(
        revised["late"], false,
        "the report is as late as its first submission"
    );
    assert_eq!(
        revised["current"]["request_id"],
        res.header("x-request-id").unwrap()
    );

    let detail = app.get(&app.operator, &path).await.ok(200);
    let revisions = detail["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(
        revisions[0], filed["revisions"][0],
        "the first revision is intact"
    );
    assert_eq!(revisions[0]["revision"], 1);
    assert_eq!(revisions[0]["percent"], "30");
    assert_eq!(revisions[0]["done"], "Đã khảo sát quỹ đất");
    assert_eq!(revisions[0]["money"]["disbursed"], "600000000");
    assert_eq!(revisions[0]["late"], false);
    assert_eq!(revisions[1]["revision"], 2);
    assert_eq!(revisions[1]["percent"], "55");
    assert_eq!(revisions[1]["money"]["disbursed"], "900000000");
    assert_eq!(revisions[1]["author"], "sxd.baocao");
    assert_eq!(detail["current"], revisions[1]);
    assert_eq!(detail["late"], false);
    assert_eq!(detail["first_submitted_at"], filed["first_submitted_at"]);
    let task = app
        .get(&app.operator, &format!("/api/tasks/{}", app.task_a))
        .await;
    assert_eq!(
        task.ok(200)["percent"],
        "55",
        "progress follows the latest revision"
    );
    assert_eq!(
        app.report_total().await,
        1,
        "a correction is not another report"
    );

    let trail = app
        .get(&app.operator, "/api/audit?action=report.revise")
        .await
        .ok(200);
    assert_eq!(trail["total"], 1);
    let entry = &trail["items"][0];
    assert_eq!(entry["actor_name"], "sxd.baocao");
    assert_eq!(entry["before"]["current"]["percent"], "30");
    assert_eq!(entry["after"]["current"]["percent"], "55");

    // Nobody else may correct it, and a refusal stores nothing.
    let before = app.snapshot().await;
    for who in [
        &app.stranger,
        &app.leader,
        &app.supervisor,
        &app.supervisor_money,
    ] {
        let res = app
            .post(who, &format!("{path}/revisions"), &correction(60))
            .await;
        res.error(403, "forbidden");
    }
    let res = app
        .post(
            &app.reporter,
            &format!("{path}/revisions"),
            &correction(101),
        )
        .await;
    assert_eq!(res.error(422, "percent_out_of_range")["field"], "percent");
    let res = app
        .post(
            &app.reporter,
            "/api/reports/987654/revisions",
            &correction(60),
        )
        .await;
    res.error(404, "not_found");
    assert_eq!(app.snapshot().await, before);
    let after = app.get(&app.operator, &path).await.ok(200);
    assert_eq!(after["revisions"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn after_a_period_closes_only_the_operator_corrects_its_reports() {
    let app = TestApp::spawn().await;
    app.assign_a().await;
    let period = app.period("Kỳ đã khóa sổ", (-120, -90), -60, -30).await;
    let rid = app
        .file_report(period, Utc::now() - Duration::days(70))
        .await;
    let path = format!("/api/reports/{rid}/revisions");
    let before = app.snapshot().await;
    let res = app.post(&app.reporter, &path, &correction(70)).await;
    assert_eq!(res.error(409, "period_closed")["field"], "period_id");
    assert_eq!(app.snapshot().await, before);
    let revised = app
        .post(&app.operator, &path, &correction(70))
        .await
        .ok(201);
    assert_eq!(revised["current"]["revision"], 2);
    assert_eq!(revised["current"]["late"], true);
    assert_eq!(revised["current"]["author"], "dieuphoi");
    assert_eq!(revised["late"], false);
}
