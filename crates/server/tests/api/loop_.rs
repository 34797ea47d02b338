//! The whole reporting loop over HTTP: the operator assigns a task and opens
//! periods, the lead agency's reporter files on time and late, the operator
//! follows completeness and task progress, and the audit trail ties every
//! change to its author and to the request that made it.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{TestApp, day, send};

fn report(task: i64, period: i64, percent: u32) -> Value {
    json!({
        "task_id": task,
        "period_id": period,
        "status": "in_progress",
        "percent": percent,
        "done": "Đã phê duyệt nhiệm vụ quy hoạch",
        "obstacles": "Chậm giải phóng mặt bằng",
        "money": { "required": "2000000000", "allocated": "1500000000", "disbursed": "500000000" },
        "evidence": ["https://soxaydung.khanhhoa.gov.vn/van-ban/123.pdf"]
    })
}

fn request_id(res: &crate::Resp) -> String {
    let id = res
        .header("x-request-id")
        .expect("every answer has X-Request-Id");
    assert!(!id.is_empty());
    id.to_string()
}

/// The audit entries of `action` in a page, newest first.
fn entries<'a>(page: &'a Value, action: &str) -> Vec<&'a Value> {
    let items = page["items"].as_array().unwrap();
    items.iter().filter(|e| e["action"] == action).collect()
}

#[tokio::test]
async fn a_report_filed_on_time_and_one_filed_late_flow_to_completeness_tasks_and_audit() {
    let app = TestApp::spawn().await;
    let (op, rep, p, a) = (&app.operator, &app.reporter, app.program, app.task_a);

    // The operator assigns task A to Sở Xây dựng, then moves its deadline.
    let mut assignment = json!({
        "lead_agency": app.sxd,
        "coordinators": [],
        "start": day(-400),
        "deadline": day(300),
        "milestones": [{ "date": day(100), "planned_percent": "50" }],
        "budget": "1500000000",
        "status": "not_started"
    });
    let path = format!("/api/tasks/{a}/assignment");
    let first = app.put(op, &path, &assignment).await;
    let assigned = first.ok(200);
    assert_eq!(assigned["task_id"], a);
    assert_eq!(assigned["lead_agency"], app.sxd);
    assert_eq!(assigned["revision"], 1);
    assignment["deadline"] = json!(day(400));
    let second = app.put(op, &path, &assignment).await;
    assert_eq!(second.ok(200)["revision"], 2);
    let assign_ids = [request_id(&first), request_id(&second)];
    assert_ne!(assign_ids[0], assign_ids[1], "each request has its own id");

    // Periods of 2025 from the regime: long closed, so a reporter is refused.
    let range = json!({ "from": "2025-01-01", "to": "2025-12-31" });
    let gen_path = format!("/api/programs/{p}/periods/generate");
    let generated = app.post(op, &gen_path, &range).await.ok(200);
    let generated = generated.as_array().unwrap().clone();
    let monthly = generated.iter().filter(|g| g["kind"] == "monthly").count();
    assert_eq!(monthly, 12, "{generated:?}");
    for g in &generated {
        assert_eq!(g["program_id"], p);
        assert!(
            g["label"].as_str().is_some_and(|l| l.contains("2025")),
            "{g}"
        );
    }
    let audit_before = app.audit_total().await;
    let again = app.post(op, &gen_path, &range).await.ok(200);
    assert_eq!(
        again.as_array().unwrap(),
        &generated,
        "generating twice adds nothing"
    );
    assert_eq!(app.audit_total().await, audit_before);
    // January 2025 closed at the next month's cut-off.
    let january = &generated[0];
    assert_eq!(
        (&january["kind"], &january["closes_on"]),
        (&json!("monthly"), &json!("2025-02-14"))
    );
    let old = january["id"].as_i64().unwrap();
    let refused = app.post(rep, "/api/reports", &report(a, old, 10)).await;
    refused.error(409, "period_closed");

    // An extra period due in ten days, opened over the API.
    let extra = json!({
        "label": "Báo cáo chuyên đề quý IV",
        "window_start": day(-40),
        "window_end": day(-10),
        "due_on": day(10),
        "closes_on": day(40)
    });
    let opened = app
        .post(op, &format!("/api/programs/{p}/periods"), &extra)
        .await;
    let period = opened.ok(201);
    let open_id = request_id(&opened);
    assert_eq!(period["kind"], "extra");
    assert_eq!(period["due_on"], json!(day(10)));
    let on_time = period["id"].as_i64().unwrap();
    let read = app
        .get(op, &format!("/api/periods/{on_time}"))
        .await
        .ok(200);
    assert_eq!(read, period);

    // The reporter of the lead agency files; its own agency is implied.
    let filed = app.post(rep, "/api/reports", &report(a, on_time, 40)).await;
    let created = filed.ok(201);
    let report_id = request_id(&filed);
    assert_eq!(created["agency_id"], app.sxd);
    assert_eq!(created["late"], false);
    assert_eq!(created["current"]["revision"], 1);
    assert_eq!(created["current"]["percent"], "40");
    assert_eq!(created["current"]["author"], "sxd.baocao");
    assert_eq!(created["current"]["request_id"], report_id.as_str());
    let rid = created["id"].as_i64().unwrap();

    // Completeness: Sở Xây dựng on time, Sở Tài chính (task B) missing.
    let c = app
        .get(op, &format!("/api/periods/{on_time}/completeness"))
        .await;
    let c = c.ok(200);
    assert_eq!(c["period"]["id"], on_time);
    for (key, n) in [
        ("expected", 2),
        ("received", 1),
        ("on_time", 1),
        ("late", 0),
        ("missing", 1),
    ] {
        assert_eq!(c[key], n, "{key}: {c}");
    }
    let row = |agency: i64| {
        let rows = c["agencies"].as_array().unwrap();
        rows.iter()
            .find(|r| r["agency_id"] == agency)
            .cloned()
            .unwrap()
    };
    assert_eq!(row(app.sxd)["on_time"], 1);
    assert_eq!(row(app.sxd)["missing"], 0);
    assert_eq!(row(app.stc)["agency_name"], "Sở Tài chính");
    assert_eq!(row(app.stc)["missing"], 1);
    assert_eq!(row(app.stc)["received"], 0);

    // The lead's report moved task A to in progress at 40 %.
    let list = app
        .get(op, &format!("/api/tasks?program={p}"))
        .await
        .ok(200);
    assert_eq!(list["total"], 3);
    let item = |id: i64| {
        let items = list["items"].as_array().unwrap();
        items.iter().find(|t| t["id"] == id).cloned().unwrap()
    };
    assert_eq!(item(a)["status"], "in_progress");
    assert_eq!(item(a)["percent"], "40");
    assert_eq!(item(a)["lead_agency_name"], "Sở Xây dựng");
    assert_eq!(item(app.task_b)["status"], "not_started");
    assert_eq!(item(app.task_b)["percent"], Value::Null);
    assert_eq!(item(app.task_c)["assigned"], false);
    let detail = app.get(op, &format!("/api/tasks/{a}")).await.ok(200);
    assert_eq!(detail["status"], "in_progress");
    assert_eq!(detail["percent"], "40");
    assert_eq!(detail["assignment"]["status"], "in_progress");
    assert_eq!(detail["assignment"]["deadline"], json!(day(400)));
    assert_eq!(detail["text"]["title"], "Đề án phát triển nhà ở xã hội");
    let filtered = format!("/api/tasks?program={p}&status=in_progress");
    assert_eq!(app.get(op, &filtered).await.ok(200)["total"], 1);

    // A period whose due date has passed but which is not closed: the
    // report is taken, marked late and counted late.
    let late_extra = json!({
        "label": "Báo cáo đột xuất về nhà ở",
        "window_start": day(-70),
        "window_end": day(-40),
        "due_on": day(-10),
        "closes_on": day(20)
    });
    let late = app
        .post(op, &format!("/api/programs/{p}/periods"), &late_extra)
        .await;
    let late = late.ok(201)["id"].as_i64().unwrap();
    let filed_late = app.post(rep, "/api/reports", &report(a, late, 20)).await;
    let late_report = filed_late.ok(201);
    assert_eq!(late_report["late"], true);
    assert_eq!(late_report["current"]["late"], true);
    let c = app
        .get(op, &format!("/api/periods/{late}/completeness"))
        .await;
    let c = c.ok(200);
    for (key, n) in [
        ("expected", 2),
        ("received", 1),
        ("on_time", 0),
        ("late", 1),
        ("missing", 1),
    ] {
        assert_eq!(c[key], n, "{key}: {c}");
    }
    let late_list = app.get(op, "/api/reports?late=true").await.ok(200);
    assert_eq!(late_list["total"], 1);
    assert_eq!(late_list["items"][0]["id"], late_report["id"]);
    let on_time_list = app.get(op, "/api/reports?late=false").await.ok(200);
    assert_eq!(on_time_list["total"], 1);
    assert_eq!(on_time_list["items"][0]["id"], rid);
    // Progress is the report of the latest data window, not the latest filed.
    let detail = app.get(op, &format!("/api/tasks/{a}")).await.ok(200);
    assert_eq!(detail["percent"], "40");

    // The audit trail of task A: who did what, through which request.
    let trail = app.get(op, &format!("/api/tasks/{a}/audit")).await.ok(200);
    let sets = entries(&trail, "assignment.set");
    assert_eq!(sets.len(), 2, "{trail}");
    let (newer, older) = (sets[0], sets[1]);
    assert_eq!(older["request_id"], assign_ids[0].as_str());
    assert_eq!(older["actor_name"], "dieuphoi");
    assert_eq!(older["actor_id"], op.id);
    assert_eq!(older["before"], Value::Null);
    assert_eq!(older["after"]["lead_agency"], app.sxd);
    assert_eq!(older["after"]["deadline"], json!(day(300)));
    assert_eq!(newer["request_id"], assign_ids[1].as_str());
    assert_eq!(newer["before"]["deadline"], json!(day(300)));
    assert_eq!(newer["after"]["deadline"], json!(day(400)));
    let creates = entries(&trail, "report.create");
    assert_eq!(creates.len(), 2, "{trail}");
    let create = creates.iter().find(|e| e["subject_id"] == rid).unwrap();
    assert_eq!(create["request_id"], report_id.as_str());
    assert_eq!(create["actor_name"], "sxd.baocao");
    assert_eq!(create["actor_id"], rep.id);
    assert_eq!(create["task_id"], a);
    assert_eq!(create["before"], Value::Null);
    assert_eq!(create["after"]["id"], rid);
    assert_eq!(create["after"]["current"]["percent"], "40");
    let moved = entries(&trail, "assignment.status_from_report");
    assert_eq!(moved.len(), 1, "{trail}");
    assert_eq!(moved[0]["request_id"], report_id.as_str());
    assert_eq!(moved[0]["before"]["status"], "not_started");
    assert_eq!(moved[0]["after"]["status"], "in_progress");
    let everything = app.get(op, "/api/audit?action=period.open").await.ok(200);
    assert_eq!(everything["total"], 2);
    assert_eq!(everything["items"][1]["request_id"], open_id.as_str());

    // The trail of a task is for those who take part in it.
    app.get(rep, &format!("/api/tasks/{a}/audit")).await.ok(200);
    let path = format!("/api/tasks/{a}/audit");
    app.get(&app.stranger, &path).await.error(403, "forbidden");
    app.get(&app.stranger, "/api/audit")
        .await
        .error(403, "forbidden");
    app.get(&app.leader, "/api/audit").await.ok(200);
}

#[tokio::test]
async fn every_answer_carries_a_request_id_even_an_error() {
    let app = TestApp::spawn().await;
    let ok = send(app.anonymous(Method::GET, "/api/health")).await;
    assert_eq!(ok.ok(200), json!({ "status": "ok" }));
    let nowhere = send(app.anonymous(Method::GET, "/api/khong-co")).await;
    nowhere.error(404, "not_found");
    let denied = send(app.anonymous(Method::GET, "/api/me")).await;
    denied.error(401, "unauthenticated");
    let wrong_method = send(app.as_(&app.operator, Method::PATCH, "/api/reports")).await;
    wrong_method.error(405, "method_not_allowed");
    assert_eq!(wrong_method.header("allow"), Some("GET,HEAD,POST"));
    let ids: Vec<_> = [&ok, &nowhere, &denied, &wrong_method]
        .iter()
        .map(|r| request_id(r))
        .collect();
    let distinct: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len(), "{ids:?}");
}
