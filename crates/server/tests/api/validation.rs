//! What the API refuses and how: each refusal has its status, a stable code,
//! the field to blame where there is one, and stores nothing.

use reqwest::Method;
use reqwest::header::CONTENT_TYPE;
use serde_json::{Value, json};

use crate::{TestApp, send};

/// Task A assigned to Sở Xây dựng and a period open for it.
async fn seeded() -> (TestApp, i64) {
    let app = TestApp::spawn().await;
    app.assign_a().await;
    let period = app.on_time_period("Kỳ kiểm tra").await;
    (app, period)
}

fn report(app: &TestApp, period: i64) -> Value {
    json!({
        "task_id": app.task_a,
        "period_id": period,
        "status": "in_progress",
        "percent": 40,
        "money": { "required": "1000", "allocated": "800", "disbursed": "500" }
    })
}

/// `report` with `path` (dotted) set to `value`.
fn with(mut body: Value, path: &str, value: Value) -> Value {
    let mut at = &mut body;
    for key in path.split('.') {
        at = &mut at[key];
    }
    *at = value;
    body
}

#[tokio::test]
async fn a_report_that_breaks_a_rule_is_refused_naming_the_rule_and_field() {
    let (app, period) = seeded().await;
    let base = report(&app, period);
    let cases = [
        (
            "percent",
            json!(101),
            422,
            "percent_out_of_range",
            Some("percent"),
        ),
        (
            "percent",
            json!(-0.5),
            422,
            "percent_out_of_range",
            Some("percent"),
        ),
        (
            "percent",
            json!("40.125"),
            422,
            "too_precise",
            Some("percent"),
        ),
        (
            "money.required",
            json!("-5"),
            422,
            "money_negative",
            Some("money.required"),
        ),
        (
            "money.allocated",
            json!(-1),
            422,
            "money_negative",
            Some("money.allocated"),
        ),
        (
            "money.disbursed",
            json!("800.01"),
            422,
            "disbursed_above_allocated",
            Some("money.disbursed"),
        ),
        (
            "evidence",
            json!(["javascript:alert(1)"]),
            422,
            "evidence_not_link",
            Some("evidence[0]"),
        ),
        (
            "status",
            json!("done"),
            422,
            "done_below_hundred",
            Some("percent"),
        ),
        (
            "task_id",
            json!(987_654),
            422,
            "unknown_task",
            Some("task_id"),
        ),
        (
            "period_id",
            json!(987_654),
            422,
            "unknown_period",
            Some("period_id"),
        ),
        ("agency_id", json!(app.stc), 403, "forbidden", None),
    ];
    let before = app.snapshot().await;
    for (path, value, status, code, field) in cases {
        let body = with(base.clone(), path, value);
        let err = app
            .post(&app.reporter, "/api/reports", &body)
            .await
            .error(status, code);
        assert_eq!(err["field"].as_str(), field, "{path}: {err}");
        assert_eq!(app.snapshot().await, before, "{path}: something was stored");
    }
    // The operator may file for any agency, but only for one on the task.
    let other = with(base.clone(), "agency_id", json!(app.syt));
    let err = app.post(&app.operator, "/api/reports", &other).await;
    let err = err.error(422, "agency_not_on_task");
    assert_eq!(err["field"], "agency_id");
    // Unassigned task C: nobody leads it, nobody reports on it yet.
    let unassigned = with(base.clone(), "task_id", json!(app.task_c));
    let unassigned = with(unassigned, "agency_id", json!(app.sxd));
    let err = app.post(&app.operator, "/api/reports", &unassigned).await;
    err.error(422, "task_not_assigned");
    assert_eq!(app.snapshot().await, before);
    // And the untouched body is taken.
    app.post(&app.reporter, "/api/reports", &base).await.ok(201);
}

#[tokio::test]
async fn a_second_report_for_the_same_task_period_and_agency_is_a_conflict() {
    let (app, period) = seeded().await;
    let body = report(&app, period);
    app.post(&app.reporter, "/api/reports", &body).await.ok(201);
    let before = app.snapshot().await;
    let again = with(body.clone(), "percent", json!(55));
    let err = app.post(&app.reporter, "/api/reports", &again).await;
    let err = err.error(409, "report_exists");
    assert_eq!(err["field"], "task_id");
    let by_operator = with(again, "agency_id", json!(app.sxd));
    app.post(&app.operator, "/api/reports", &by_operator)
        .await
        .error(409, "report_exists");
    assert_eq!(app.snapshot().await, before);
    assert_eq!(app.report_total().await, 1);
}

#[tokio::test]
async fn a_period_not_yet_open_takes_no_report() {
    let (app, _) = seeded().await;
    let future = app.period("Kỳ năm sau", (20, 50), 55, 80).await;
    let before = app.snapshot().await;
    let err = app
        .post(&app.reporter, "/api/reports", &report(&app, future))
        .await;
    assert_eq!(err.error(409, "period_not_open")["field"], "period_id");
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn a_body_that_is_not_what_was_promised_is_refused_before_anything_is_stored() {
    let (app, period) = seeded().await;
    let before = app.snapshot().await;
    let post = || app.as_(&app.reporter, Method::POST, "/api/reports");
    let json_type = (CONTENT_TYPE, "application/json");

    let malformed = post()
        .header(json_type.0.clone(), json_type.1)
        .body("{\"task_id\": ");
    let err = send(malformed).await.error(400, "invalid_json");
    assert!(
        err.get("field").is_none(),
        "a syntax error blames no field: {err}"
    );
    let not_object = post()
        .header(json_type.0.clone(), json_type.1)
        .body("[1, 2]");
    send(not_object).await.error(400, "invalid_json");
    let missing = json!({ "task_id": app.task_a, "period_id": period, "status": "in_progress" });
    let err = send(post().json(&missing)).await.error(400, "invalid_json");
    assert_eq!(err["field"], "percent", "a missing field is named: {err}");
    let wrong = with(report(&app, period), "percent", json!("bốn mươi"));
    let err = send(post().json(&wrong)).await.error(400, "invalid_json");
    assert_eq!(err["field"], "percent", "{err}");
    let wrong = with(report(&app, period), "money", json!({ "allocated": [1] }));
    let err = send(post().json(&wrong)).await.error(400, "invalid_json");
    assert_eq!(err["field"], "money.allocated", "{err}");
    let wrong = with(report(&app, period), "task_id", json!("một"));
    let err = send(post().json(&wrong)).await.error(400, "invalid_json");
    assert_eq!(err["field"], "task_id", "{err}");

    let text = report(&app, period).to_string();
    let plain = post().header(CONTENT_TYPE, "text/plain").body(text.clone());
    send(plain).await.error(415, "unsupported_media_type");
    send(post().body(text.clone()))
        .await
        .error(415, "unsupported_media_type");
    let form = post()
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(text);
    send(form).await.error(415, "unsupported_media_type");

    let huge = with(report(&app, period), "done", json!("đ".repeat(150 * 1024)));
    assert!(huge.to_string().len() > 256 * 1024);
    let err = send(post().json(&huge)).await.error(413, "body_too_large");
    assert!(err["message"].as_str().unwrap().contains("256"), "{err}");

    assert_eq!(app.snapshot().await, before);
    // Just under the limit is fine when the text itself is allowed.
    let long = with(report(&app, period), "done", json!("a".repeat(20_000)));
    app.post(&app.reporter, "/api/reports", &long).await.ok(201);
}

#[tokio::test]
async fn a_malformed_field_is_named_and_unknown_fields_are_refused() {
    let (app, _) = seeded().await;
    let before = app.snapshot().await;
    let path = format!("/api/tasks/{}/assignment", app.task_a);
    let bad_status = json!({ "lead_agency": app.sxd, "status": "flying" });
    let err = app
        .put(&app.operator, &path, &bad_status)
        .await
        .error(400, "invalid_json");
    assert_eq!(err["field"], "status", "{err}");
    let bad_date = json!({ "deadline": "31/12/2026", "status": "in_progress" });
    let err = app
        .put(&app.operator, &path, &bad_date)
        .await
        .error(400, "invalid_json");
    assert_eq!(err["field"], "deadline", "{err}");
    let extra =
        json!({ "name": "x.y", "role": "leader", "password": "du-dai-roi-day", "admin": true });
    app.post(&app.operator, "/api/users", &extra)
        .await
        .error(400, "invalid_json");
    let short = json!({ "name": "x.y", "role": "leader", "password": "ngan" });
    let err = app.post(&app.operator, "/api/users", &short).await;
    assert_eq!(err.error(422, "password_too_short")["field"], "password");
    let nameless = json!({ "name": "có dấu cách", "role": "leader", "password": "du-dai-roi-day" });
    let err = app.post(&app.operator, "/api/users", &nameless).await;
    assert_eq!(err.error(422, "invalid_user_name")["field"], "name");
    let agencyless = json!({ "name": "bc", "role": "reporter", "password": "du-dai-roi-day" });
    app.post(&app.operator, "/api/users", &agencyless)
        .await
        .error(422, "agency_required");
    let taken = json!({ "name": "lanhdao", "role": "leader", "password": "du-dai-roi-day" });
    app.post(&app.operator, "/api/users", &taken)
        .await
        .error(409, "user_exists");
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn an_assignment_is_checked_and_a_bulk_one_is_all_or_nothing() {
    let (app, _) = seeded().await;
    let before = app.snapshot().await;
    let path = format!("/api/tasks/{}/assignment", app.task_a);
    let backwards =
        json!({ "start": "2026-06-01", "deadline": "2026-01-01", "status": "in_progress" });
    let err = app.put(&app.operator, &path, &backwards).await;
    assert_eq!(err.error(422, "deadline_before_start")["field"], "deadline");
    let nobody = json!({ "lead_agency": 987_654, "status": "in_progress" });
    let err = app.put(&app.operator, &path, &nobody).await;
    assert_eq!(err.error(422, "unknown_agency")["field"], "lead_agency");
    let negative = json!({ "budget": "-1", "status": "in_progress" });
    app.put(&app.operator, &path, &negative)
        .await
        .error(422, "money_negative");
    let missing = json!({ "status": "in_progress" });
    app.put(&app.operator, "/api/tasks/987654/assignment", &missing)
        .await
        .error(404, "not_found");
    app.put(&app.operator, "/api/tasks/abc/assignment", &missing)
        .await
        .error(404, "not_found");

    let bulk = json!({ "items": [
        { "task_id": app.task_b, "lead_agency": app.stc, "status": "paused" },
        { "task_id": app.task_c, "lead_agency": 987_654, "status": "in_progress" }
    ] });
    let err = app.post(&app.operator, "/api/assignments", &bulk).await;
    assert_eq!(
        err.error(422, "unknown_agency")["field"],
        "items[1].lead_agency"
    );
    let bulk = json!({ "items": [
        { "task_id": app.task_b, "lead_agency": app.stc, "status": "paused" },
        { "task_id": 987_654, "status": "in_progress" }
    ] });
    let err = app.post(&app.operator, "/api/assignments", &bulk).await;
    assert_eq!(err.error(422, "unknown_task")["field"], "items[1].task_id");
    assert_eq!(app.snapshot().await, before, "the first item was not kept");
}
