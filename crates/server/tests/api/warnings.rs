//! Early warnings end to end: a reporter's report that falls 30 points
//! behind plan raises a red `behind_plan` warning that the API shows as soon
//! as the report is answered; a later report that catches up resolves it;
//! a webhook receiver on the loopback gets both, signed, once each even
//! though it refuses the first delivery.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};
use tiendo_server::{Config, Webhook, WebhookSettings, webhook};
use tokio::net::TcpListener;

use crate::{TestApp, day};

const SECRET: &str = "bi-mat-cua-webhook";

#[derive(Default)]
struct Inbox {
    /// Requests seen, refused ones included.
    attempts: usize,
    accepted: Vec<(HeaderMap, Bytes)>,
}

/// A receiver that answers 503 to the very first request and 204 after.
async fn receiver() -> (String, Arc<Mutex<Inbox>>) {
    let inbox = Arc::new(Mutex::new(Inbox::default()));
    let state = inbox.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: Bytes| {
            let state = state.clone();
            async move {
                let mut inbox = state.lock().unwrap();
                inbox.attempts += 1;
                if inbox.attempts == 1 {
                    return StatusCode::SERVICE_UNAVAILABLE;
                }
                inbox.accepted.push((headers, body));
                StatusCode::NO_CONTENT
            }
        }),
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, inbox)
}

fn config(url: String) -> Config {
    let mut config = Config::default();
    config.warnings.webhooks = WebhookSettings {
        targets: vec![Webhook {
            url,
            secret: SECRET.into(),
        }],
        backoff: Duration::from_millis(50),
        ..WebhookSettings::default()
    };
    config
}

fn report(task: i64, period: i64, percent: &str) -> Value {
    json!({
        "task_id": task,
        "period_id": period,
        "status": "in_progress",
        "percent": percent,
        "done": "Đã hoàn thành khảo sát",
    })
}

/// Accepted deliveries as (event header, JSON body), checking each signature.
fn deliveries(inbox: &Mutex<Inbox>) -> Vec<(String, Value)> {
    let inbox = inbox.lock().unwrap();
    inbox
        .accepted
        .iter()
        .map(|(headers, body)| {
            let header = |name: &str| headers.get(name).unwrap().to_str().unwrap().to_string();
            assert_eq!(
                header(webhook::SIGNATURE_HEADER),
                webhook::sign(SECRET, body),
                "signature of {body:?}"
            );
            let json: Value = serde_json::from_slice(body).unwrap();
            assert_eq!(json["delivery"], header(webhook::DELIVERY_HEADER));
            (header(webhook::EVENT_HEADER), json)
        })
        .collect()
}

async fn wait_for(inbox: &Mutex<Inbox>, n: usize) -> Vec<(String, Value)> {
    for _ in 0..200 {
        if inbox.lock().unwrap().accepted.len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    deliveries(inbox)
}

fn behind_plan(events: &[(String, Value)]) -> Vec<(String, Value)> {
    events
        .iter()
        .filter(|(_, body)| body["warning"]["rule"] == "behind_plan")
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_report_thirty_points_behind_raises_red_and_catching_up_resolves_it() {
    let (url, inbox) = receiver().await;
    let app = TestApp::spawn_with(config(url)).await;
    // Task A runs from 400 days ago to 400 days ahead: on a straight line it
    // should be at 48,75% ten days ago.
    app.assign_a().await;
    let first = app.on_time_period("Đợt 1").await;
    let second = app.period("Đợt 2", (-9, -1), 10, 40).await;
    // The setup wrote through the store, behind the server's back: a sweep
    // brings the engine up to date (as the daily one would).
    app.post(&app.operator, "/api/warnings/sweep", &json!({}))
        .await
        .ok(200);
    let task = app.task_a;
    let path = format!("/api/warnings?subject_kind=task&subject_id={task}&rule=behind_plan");

    let r = app
        .post(&app.reporter, "/api/reports", &report(task, first, "15"))
        .await;
    r.ok(201);
    // Same request cycle: visible the moment the report is answered.
    let page = app.get(&app.operator, &path).await.ok(200);
    assert_eq!(page["total"], 1, "{page}");
    let warning = &page["items"][0];
    assert_eq!(warning["severity"], "red");
    assert_eq!(warning["state"], "raised");
    assert_eq!(warning["subject"], json!({ "kind": "task", "id": task }));
    assert_eq!(warning["agency_id"], app.sxd);
    let message = warning["message"].as_str().unwrap();
    assert!(
        message.starts_with("Chậm 33,75 điểm % so với kế hoạch: kế hoạch 48,75%, thực tế 15%"),
        "{message}"
    );
    assert_eq!(warning["facts"]["lag"], "33.75");
    let id = warning["id"].as_i64().unwrap();

    let counts = app.get(&app.leader, "/api/warnings/counts").await.ok(200);
    assert!(
        counts["by_severity"]["red"].as_u64().unwrap() >= 1,
        "{counts}"
    );

    // The reporter of the lead agency acknowledges it with a note.
    let ack = app
        .post(
            &app.reporter,
            &format!("/api/warnings/{id}/acknowledge"),
            &json!({ "note": "Đang bổ sung nhân lực, sẽ bắt kịp trong tháng tới" }),
        )
        .await
        .ok(200);
    assert_eq!(ack["state"], "acknowledged");
    assert_eq!(ack["acknowledged_by"], app.reporter.id);
    // A reporter of an unrelated agency may not.
    app.post(
        &app.stranger,
        &format!("/api/warnings/{id}/acknowledge"),
        &json!({ "note": "không phải việc của tôi" }),
    )
    .await
    .error(403, "forbidden");

    // Catching up: 50% nine days later is ahead of the 49,88% planned.
    app.post(&app.reporter, "/api/reports", &report(task, second, "50"))
        .await
        .ok(201);
    let open = app.get(&app.operator, &path).await.ok(200);
    assert_eq!(open["total"], 0, "{open}");
    let resolved = app
        .get(&app.operator, &format!("{path}&state=resolved"))
        .await
        .ok(200);
    assert_eq!(resolved["total"], 1, "{resolved}");
    assert_eq!(resolved["items"][0]["id"], id);

    app.post(
        &app.operator,
        &format!("/api/warnings/{id}/acknowledge"),
        &json!({ "note": "muộn rồi" }),
    )
    .await
    .error(409, "warning_resolved");

    let detail = app
        .get(&app.operator, &format!("/api/warnings/{id}"))
        .await
        .ok(200);
    let kinds: Vec<&str> = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["raised", "acknowledged", "resolved"], "{detail}");

    // The webhook: both changes of this warning, in order, signed, each
    // delivered once although the receiver refused the first attempt.
    let events = behind_plan(&wait_for(&inbox, 2).await);
    let names: Vec<&str> = events.iter().map(|(e, _)| e.as_str()).collect();
    assert_eq!(names, ["warning.raised", "warning.resolved"], "{events:?}");
    assert_eq!(events[0].1["warning"]["severity"], "red");
    assert_eq!(events[0].1["warning"]["id"], id);
    assert_eq!(events[1].1["warning"]["state"], "resolved");
    let inbox = inbox.lock().unwrap();
    assert!(
        inbox.attempts > inbox.accepted.len(),
        "the refused attempt was retried"
    );
}

#[tokio::test]
async fn operators_sweep_on_demand_and_activate_conditional_tasks_only() {
    let app = TestApp::spawn().await;
    let r = app
        .post(&app.operator, "/api/warnings/sweep", &json!({}))
        .await
        .ok(200);
    assert!(r["tasks"].as_u64().unwrap() >= 3, "{r}");
    app.post(&app.reporter, "/api/warnings/sweep", &json!({}))
        .await
        .error(403, "forbidden");
    // Task A has no conditions in its document.
    let body = json!({ "activated_on": day(-1), "note": "Đã đủ điều kiện" });
    app.post(
        &app.operator,
        &format!("/api/tasks/{}/activation", app.task_a),
        &body,
    )
    .await
    .error(422, "task_not_conditional");
    app.get(&app.operator, "/api/warnings/999999")
        .await
        .error(404, "not_found");
    app.get(&app.operator, "/api/warnings?severity=purple")
        .await
        .error(400, "invalid_query");
}
