//! Who may write what: every role against every write endpoint, each refusal
//! a 403 `forbidden` that changes nothing; requests without valid
//! credentials; and who sees money figures and whose reports.

use chrono::Utc;
use reqwest::Method;
use serde_json::{Value, json};

use crate::{TestApp, Who, day, send};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum As {
    Operator,
    /// A reporter of the task's lead agency.
    Reporter,
    /// A reporter of an agency not on the task.
    Stranger,
    Leader,
    Supervisor,
}

struct Case {
    name: &'static str,
    method: Method,
    path: String,
    body: Value,
    /// The status when allowed; refused with 403 otherwise.
    status: u16,
    allowed: &'static [As],
}

/// What the seeded app holds: task A assigned to Sở Xây dựng, report `r0`
/// of it in `p0`, and `p1`, open and still without a report.
struct Seed {
    p0: i64,
    p1: i64,
    r0: i64,
}

async fn seed(app: &TestApp) -> Seed {
    app.assign_a().await;
    let p0 = app.on_time_period("Kỳ đã có báo cáo").await;
    let p1 = app.on_time_period("Kỳ chưa có báo cáo").await;
    let r0 = app.file_report(p0, Utc::now()).await;
    Seed { p0, p1, r0 }
}

fn cases(app: &TestApp, s: &Seed) -> Vec<Case> {
    use As::*;
    let p = app.program;
    let body = json!({ "status": "in_progress", "percent": 45, "done": "Đã lập hồ sơ" });
    let mut report = body.clone();
    report["task_id"] = json!(app.task_a);
    report["period_id"] = json!(s.p1);
    report["agency_id"] = json!(app.sxd);
    let case = |name, method, path: String, body, status, allowed| Case {
        name,
        method,
        path,
        body,
        status,
        allowed,
    };
    vec![
        case(
            "assignment",
            Method::PUT,
            format!("/api/tasks/{}/assignment", app.task_a),
            json!({ "lead_agency": app.sxd, "deadline": day(500), "status": "in_progress" }),
            200,
            &[Operator],
        ),
        case(
            "bulk assignment",
            Method::POST,
            "/api/assignments".into(),
            json!({ "items": [
                { "task_id": app.task_b, "lead_agency": app.stc, "status": "in_progress" },
                { "task_id": app.task_c, "lead_agency": app.syt, "status": "not_started" }
            ] }),
            200,
            &[Operator],
        ),
        case(
            "regime",
            Method::PUT,
            format!("/api/programs/{p}/regime"),
            json!({ "monthly_due_day": 20, "six_month_due_day": 18, "yearly_due": [12, 15] }),
            200,
            &[Operator],
        ),
        case(
            "generate periods",
            Method::POST,
            format!("/api/programs/{p}/periods/generate"),
            json!({ "from": "2025-01-01", "to": "2025-06-30" }),
            200,
            &[Operator],
        ),
        case(
            "extra period",
            Method::POST,
            format!("/api/programs/{p}/periods"),
            json!({ "label": "Kỳ bổ sung", "window_start": day(-30), "window_end": day(-1),
                    "due_on": day(5) }),
            201,
            &[Operator],
        ),
        case(
            "report",
            Method::POST,
            "/api/reports".into(),
            report,
            201,
            &[Operator, Reporter],
        ),
        case(
            "revision",
            Method::POST,
            format!("/api/reports/{}/revisions", s.r0),
            body,
            201,
            &[Operator, Reporter],
        ),
        case(
            "actual",
            Method::POST,
            format!("/api/indicators/{}/actuals", app.indicator),
            json!({ "period_id": s.p0, "value": "42.5", "agency": app.sxd }),
            201,
            &[Operator, Reporter],
        ),
        case(
            "user",
            Method::POST,
            "/api/users".into(),
            json!({ "name": "nguoi.moi", "role": "leader", "password": "mot-mat-khau-dai" }),
            201,
            &[Operator],
        ),
        case(
            "token for another user",
            Method::POST,
            "/api/tokens".into(),
            json!({ "label": "cấp hộ", "user_id": app.supervisor_money.id }),
            201,
            &[Operator],
        ),
        case(
            "token for oneself",
            Method::POST,
            "/api/tokens".into(),
            json!({ "label": "máy tính bảng" }),
            201,
            &[Operator, Reporter, Stranger, Leader, Supervisor],
        ),
    ]
}

fn who(app: &TestApp, role: As) -> &Who {
    match role {
        As::Operator => &app.operator,
        As::Reporter => &app.reporter,
        As::Stranger => &app.stranger,
        As::Leader => &app.leader,
        As::Supervisor => &app.supervisor,
    }
}

async fn check_matrix(role: As) {
    let app = TestApp::spawn().await;
    let s = seed(&app).await;
    let caller = who(&app, role);
    for case in cases(&app, &s) {
        let before = app.snapshot().await;
        let request = app
            .as_(caller, case.method.clone(), &case.path)
            .json(&case.body);
        let res = send(request).await;
        if case.allowed.contains(&role) {
            let status = res.status.as_u16();
            assert_eq!(status, case.status, "{role:?} {}: {}", case.name, res.text);
            let after = app.audit_total().await;
            assert!(
                after > before["audit"].as_u64().unwrap(),
                "{}: not audited",
                case.name
            );
        } else {
            assert_eq!(
                res.status.as_u16(),
                403,
                "{role:?} {}: {}",
                case.name,
                res.text
            );
            res.error(403, "forbidden");
            let after = app.snapshot().await;
            assert_eq!(
                after, before,
                "{role:?} {}: a refusal changed something",
                case.name
            );
        }
    }
}

#[tokio::test]
async fn an_operator_may_make_every_write() {
    check_matrix(As::Operator).await;
}

#[tokio::test]
async fn a_reporter_of_the_lead_agency_may_report_revise_and_record_its_actuals() {
    check_matrix(As::Reporter).await;
}

#[tokio::test]
async fn a_reporter_of_an_unrelated_agency_may_only_make_itself_a_token() {
    check_matrix(As::Stranger).await;
}

#[tokio::test]
async fn a_leader_writes_nothing_but_its_own_token() {
    check_matrix(As::Leader).await;
}

#[tokio::test]
async fn a_supervisor_writes_nothing_but_its_own_token() {
    check_matrix(As::Supervisor).await;
}

#[tokio::test]
async fn without_valid_credentials_every_write_is_401_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let s = seed(&app).await;
    let before = app.snapshot().await;
    for case in cases(&app, &s) {
        let anonymous = app
            .anonymous(case.method.clone(), &case.path)
            .json(&case.body);
        send(anonymous).await.error(401, "unauthenticated");
        let basic = app
            .anonymous(case.method.clone(), &case.path)
            .basic_auth("dieuphoi", Some("x"));
        send(basic.json(&case.body))
            .await
            .error(401, "unauthenticated");
        let forged = app
            .anonymous(case.method.clone(), &case.path)
            .bearer_auth("tdk_00ff");
        send(forged.json(&case.body))
            .await
            .error(401, "invalid_token");
    }
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn a_revoked_token_no_longer_opens_anything() {
    let app = TestApp::spawn().await;
    let s = seed(&app).await;
    let made = app
        .post(
            &app.reporter,
            "/api/tokens",
            &json!({ "label": "điện thoại" }),
        )
        .await;
    let made = made.ok(201);
    let secret = made["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("tdk_"));
    let token_id = made["token"]["id"].as_i64().unwrap();
    let fresh = crate::Who {
        token: secret,
        ..app.reporter.clone()
    };
    assert_eq!(
        app.get(&fresh, "/api/me").await.ok(200)["name"],
        "sxd.baocao"
    );
    let listed = app.get(&app.reporter, "/api/tokens").await.ok(200);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == token_id)
    );
    assert!(
        !listed.to_string().contains(&fresh.token),
        "a secret is shown once"
    );

    // Another agency's reporter cannot revoke it; its owner can.
    let path = format!("/api/tokens/{token_id}");
    let stranger = send(app.as_(&app.stranger, Method::DELETE, &path)).await;
    stranger.error(403, "forbidden");
    app.get(&fresh, "/api/me").await.ok(200);
    let revoked = send(app.as_(&app.reporter, Method::DELETE, &path))
        .await
        .ok(200);
    assert!(revoked["revoked_at"].is_string());

    let before = app.snapshot().await;
    app.get(&fresh, "/api/me").await.error(401, "invalid_token");
    let body = json!({ "status": "in_progress", "percent": 50 });
    let revise = format!("/api/reports/{}/revisions", s.r0);
    app.post(&fresh, &revise, &body)
        .await
        .error(401, "invalid_token");
    assert_eq!(app.snapshot().await, before);
    // The account itself still works through its other token.
    app.post(&app.reporter, &revise, &body).await.ok(201);
}

#[tokio::test]
async fn money_is_shown_to_those_who_may_see_it() {
    let app = TestApp::spawn().await;
    let s = seed(&app).await;
    let one = format!("/api/reports/{}", s.r0);
    let task = format!("/api/tasks/{}", app.task_a);
    for viewer in [
        &app.leader,
        &app.operator,
        &app.reporter,
        &app.supervisor_money,
    ] {
        let r = app.get(viewer, &one).await.ok(200);
        let money = &r["current"]["money"];
        assert_eq!(money["required"], "2000000000", "{}: {r}", viewer.name);
        assert_eq!(money["allocated"], "1500000000");
        assert_eq!(money["disbursed"], "600000000");
        assert_eq!(r["revisions"][0]["money"], *money);
        let list = app.get(viewer, "/api/reports").await.ok(200);
        assert_eq!(list["items"][0]["current"]["money"], *money);
        let t = app.get(viewer, &task).await.ok(200);
        assert_eq!(t["assignment"]["budget"], "1500000000", "{}", viewer.name);
    }
    let hidden = json!({ "required": null, "allocated": null, "disbursed": null });
    let sup = &app.supervisor;
    let r = app.get(sup, &one).await.ok(200);
    assert_eq!(r["current"]["money"], hidden, "{r}");
    assert_eq!(r["revisions"][0]["money"], hidden);
    assert_eq!(r["current"]["percent"], "30", "only money is hidden");
    let list = app.get(sup, "/api/reports").await.ok(200);
    assert_eq!(list["items"][0]["current"]["money"], hidden);
    let t = app.get(sup, &task).await.ok(200);
    assert_eq!(t["assignment"]["budget"], Value::Null);

    // Nor does the audit trail, which holds whole reports and assignments.
    let trail = format!("/api/tasks/{}/audit", app.task_a);
    for path in ["/api/audit", trail.as_str()] {
        let shown = app.get(&app.leader, path).await.ok(200).to_string();
        let hidden = app.get(sup, path).await.ok(200).to_string();
        for figure in ["2000000000", "1500000000", "600000000"] {
            assert!(
                shown.contains(figure),
                "{path}: {figure} missing for a leader"
            );
            assert!(
                !hidden.contains(figure),
                "{path}: {figure} shown to {}",
                sup.name
            );
        }
        assert!(
            hidden.contains("\"percent\":\"30\""),
            "{path}: only money is hidden"
        );
        let with_money = app
            .get(&app.supervisor_money, path)
            .await
            .ok(200)
            .to_string();
        assert!(with_money.contains("600000000"), "{path}");
    }
}

#[tokio::test]
async fn a_reporter_reads_only_the_reports_of_tasks_its_agency_takes_part_in() {
    let app = TestApp::spawn().await;
    let s = seed(&app).await;
    let one = format!("/api/reports/{}", s.r0);
    app.get(&app.reporter, &one).await.ok(200);
    assert_eq!(
        app.get(&app.reporter, "/api/reports").await.ok(200)["total"],
        1
    );
    app.get(&app.stranger, &one).await.error(404, "not_found");
    assert_eq!(
        app.get(&app.stranger, "/api/reports").await.ok(200)["total"],
        0
    );
    assert_eq!(
        app.get(&app.supervisor, "/api/reports").await.ok(200)["total"],
        1
    );
    let users = app.get(&app.leader, "/api/users").await;
    users.error(403, "forbidden");
}
