//! Retries with an `Idempotency-Key`: the same request again gets the first
//! answer and writes nothing; the key with another request is refused; many
//! retries at once still write once.

use reqwest::Method;
use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::{Resp, TestApp, Who, day, send};

const KEY: &str = "idempotency-key";
const REPLAYED: &str = "idempotent-replayed";

async fn seeded() -> (TestApp, i64) {
    let app = TestApp::spawn().await;
    app.assign_a().await;
    let period = app.on_time_period("Kỳ thử gửi lại").await;
    (app, period)
}

fn report(app: &TestApp, period: i64, percent: u32) -> Value {
    json!({
        "task_id": app.task_a,
        "period_id": period,
        "status": "in_progress",
        "percent": percent,
        "done": "Đã trình thẩm định"
    })
}

async fn post_keyed(app: &TestApp, who: &Who, path: &str, key: &str, body: &Value) -> Resp {
    send(app.as_(who, Method::POST, path).header(KEY, key).json(body)).await
}

async fn creates(app: &TestApp) -> u64 {
    let page = app
        .get(&app.operator, "/api/audit?action=report.create")
        .await;
    page.ok(200)["total"].as_u64().unwrap()
}

#[tokio::test]
async fn a_retry_with_the_same_key_gets_the_first_answer_and_writes_nothing() {
    let (app, period) = seeded().await;
    let body = report(&app, period, 40);
    let first = post_keyed(&app, &app.reporter, "/api/reports", "gui-lan-1", &body).await;
    first.ok(201);
    assert_eq!(first.header(REPLAYED), None);
    let audit = app.audit_total().await;
    let retry = post_keyed(&app, &app.reporter, "/api/reports", "gui-lan-1", &body).await;
    retry.ok(201);
    assert_eq!(retry.header(REPLAYED), Some("true"));
    assert_eq!(retry.text, first.text, "the very same answer");
    assert_eq!(app.report_total().await, 1);
    assert_eq!(creates(&app).await, 1);
    assert_eq!(
        app.audit_total().await,
        audit,
        "a replay is not audited again"
    );

    // Without a key, the same body is a second report: refused as such.
    let plain = app.post(&app.reporter, "/api/reports", &body).await;
    plain.error(409, "report_exists");
}

#[tokio::test]
async fn the_same_key_with_another_request_is_refused() {
    let (app, period) = seeded().await;
    let body = report(&app, period, 40);
    let first = post_keyed(&app, &app.reporter, "/api/reports", "k-7", &body).await;
    let report_id = first.ok(201)["id"].as_i64().unwrap();
    let before = app.snapshot().await;
    let changed = report(&app, period, 41);
    let err = post_keyed(&app, &app.reporter, "/api/reports", "k-7", &changed).await;
    assert_eq!(
        err.error(409, "idempotency_key_reused")["field"],
        "Idempotency-Key"
    );
    let revise = format!("/api/reports/{report_id}/revisions");
    let elsewhere = post_keyed(&app, &app.reporter, &revise, "k-7", &changed).await;
    elsewhere.error(409, "idempotency_key_reused");
    assert_eq!(app.snapshot().await, before);

    // Keys belong to their user: the operator's "k-7" is its own.
    let extra = json!({ "label": "Kỳ riêng", "window_start": day(-30), "window_end": day(-2),
                        "due_on": day(3) });
    let periods = format!("/api/programs/{}/periods", app.program);
    post_keyed(&app, &app.operator, &periods, "k-7", &extra)
        .await
        .ok(201);
}

#[tokio::test]
async fn a_refused_request_does_not_use_up_its_key() {
    let (app, period) = seeded().await;
    let wrong = json!({ "task_id": 987_654, "period_id": period, "status": "in_progress",
                        "percent": 10 });
    let err = post_keyed(&app, &app.reporter, "/api/reports", "k-9", &wrong).await;
    err.error(422, "unknown_task");
    let body = report(&app, period, 10);
    let fixed = post_keyed(&app, &app.reporter, "/api/reports", "k-9", &body).await;
    fixed.ok(201);
    assert_eq!(fixed.header(REPLAYED), None);
    assert_eq!(app.report_total().await, 1);
}

#[tokio::test]
async fn a_keyed_extra_period_is_opened_once() {
    let (app, _) = seeded().await;
    let path = format!("/api/programs/{}/periods", app.program);
    let count = async || {
        let periods = app.get(&app.operator, &path).await.ok(200);
        periods.as_array().unwrap().len()
    };
    let n = count().await;
    let extra = json!({ "label": "Kỳ gửi hai lần", "window_start": day(-30),
                        "window_end": day(-2), "due_on": day(3) });
    let first = post_keyed(&app, &app.operator, &path, "mo-ky", &extra)
        .await
        .ok(201);
    let again = post_keyed(&app, &app.operator, &path, "mo-ky", &extra)
        .await
        .ok(201);
    assert_eq!(again, first);
    assert_eq!(count().await, n + 1);
}

#[tokio::test]
async fn a_key_must_be_short_visible_text() {
    let (app, period) = seeded().await;
    let before = app.snapshot().await;
    let body = report(&app, period, 40);
    for key in ["", "   ", &"k".repeat(201)] {
        let res = post_keyed(&app, &app.reporter, "/api/reports", key, &body).await;
        let err = res.error(400, "invalid_idempotency_key");
        assert_eq!(err["field"], "Idempotency-Key");
    }
    assert_eq!(app.snapshot().await, before);
    let longest = "k".repeat(200);
    post_keyed(&app, &app.reporter, "/api/reports", &longest, &body)
        .await
        .ok(201);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_retries_at_once_store_one_report() {
    let (app, period) = seeded().await;
    let body = report(&app, period, 40);
    let mut retries = JoinSet::new();
    for _ in 0..10 {
        let request = app
            .as_(&app.reporter, Method::POST, "/api/reports")
            .header(KEY, "cung-luc")
            .json(&body);
        retries.spawn(send(request));
    }
    let answers: Vec<Resp> = retries.join_all().await;
    for a in &answers {
        a.ok(201);
        assert_eq!(a.text, answers[0].text, "every retry sees the same report");
    }
    let fresh = answers
        .iter()
        .filter(|a| a.header(REPLAYED).is_none())
        .count();
    assert_eq!(fresh, 1, "one request wrote, the others were replayed");
    assert_eq!(app.report_total().await, 1);
    assert_eq!(creates(&app).await, 1);
}
