//! The story the schemas are checked along: an operator signs in, reads the
//! catalog, sets the regime and opens periods, assigns tasks, files and
//! corrects a report, records an actual, reads the audit trail; a reporter
//! uses a web session; and requests the API refuses, one per kind of error.

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::client::Api;
use crate::seed::PASSWORD;

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v:#}"))
}

pub async fn meta(api: &Api) {
    let health = api.get("/api/health").anonymous().send().await.expect(200);
    assert_eq!(health["status"], "ok");
    let served = api
        .get("/api/openapi.json")
        .anonymous()
        .send()
        .await
        .expect(200);
    assert_eq!(served, api.doc);
}

pub async fn accounts(api: &Api) {
    let me = api.get("/api/me").send().await.expect(200);
    assert_eq!(me["name"], "dieuphoi");
    let users = api.get("/api/users").send().await.expect(200);
    assert_eq!(users.as_array().unwrap().len(), 3);
    let leader = api
        .req("POST", "/api/users")
        .header("idempotency-key", "tao-lanh-dao")
        .json(json!({
            "name": "lanhdao",
            "display_name": "Lãnh đạo Văn phòng",
            "role": "leader",
            "password": PASSWORD,
        }))
        .send()
        .await
        .expect(201);
    assert_eq!(leader["role"], "leader");

    let tokens = api.get("/api/tokens").send().await.expect(200);
    assert_eq!(tokens.as_array().unwrap().len(), 1);
    let made = api
        .req("POST", "/api/tokens")
        .json(json!({ "label": "máy chủ báo cáo" }))
        .send()
        .await
        .expect(201);
    assert!(made["secret"].as_str().unwrap().starts_with("tdk_"));
    let revoked = api
        .req("DELETE", "/api/tokens/{id}")
        .id(id(&made["token"]))
        .send()
        .await
        .expect(200);
    assert!(revoked["revoked_at"].is_string());

    // A web session: the cookie reads; writes need its CSRF token.
    let login = api
        .req("POST", "/api/session")
        .anonymous()
        .json(json!({ "name": "sotaichinh", "password": PASSWORD }))
        .send()
        .await;
    let set_cookie = login.headers["set-cookie"].to_str().unwrap().to_string();
    let session = login.expect(200);
    let secret = set_cookie
        .strip_prefix("tiendo_session=")
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string();
    let csrf = session["csrf_token"].as_str().unwrap();
    let me = api
        .get("/api/me")
        .cookie(&secret, None)
        .send()
        .await
        .expect(200);
    assert_eq!(me["role"], "reporter");
    let token = json!({ "label": "điện thoại" });
    api.req("POST", "/api/tokens")
        .cookie(&secret, None)
        .json(token.clone())
        .send()
        .await
        .expect_error(403, "csrf_failed");
    api.req("POST", "/api/tokens")
        .cookie(&secret, Some(csrf))
        .json(token)
        .send()
        .await
        .expect(201);
    api.req("DELETE", "/api/session")
        .cookie(&secret, None)
        .send()
        .await
        .expect(204);
    api.get("/api/me")
        .cookie(&secret, None)
        .send()
        .await
        .expect_error(401, "session_expired");
}

pub async fn catalog_reads(api: &Api) {
    let s = &api.seed;
    let programs = api.get("/api/programs").send().await.expect(200);
    assert_eq!(programs[0]["task_count"], 2);
    let program = api
        .get("/api/programs/{id}")
        .id(s.program)
        .send()
        .await
        .expect(200);
    assert_eq!(program["program"]["number"], "173/QĐ-UBND");
    assert_eq!(program["versions"][0]["source_file"], "ctr-09.docx");
    let sections = api
        .get("/api/programs/{id}/sections")
        .id(s.program)
        .send()
        .await
        .expect(200);
    assert_eq!(sections.as_array().unwrap().len(), 3);
    let indicators = api
        .get("/api/programs/{id}/indicators")
        .id(s.program)
        .send()
        .await;
    assert_eq!(indicators.expect(200)[0]["value_max"], "8.5");
    let agencies = api.get("/api/agencies").send().await.expect(200);
    assert_eq!(agencies.as_array().unwrap().len(), 2);
    let agency = api
        .get("/api/agencies/{id}")
        .id(s.agencies[0])
        .send()
        .await
        .expect(200);
    assert_eq!(agency["name"], "Sở Tài chính");
}

/// Sets the regime, generates periods and opens an extra one, open today;
/// returns its id.
pub async fn periods(api: &Api) -> i64 {
    let p = api.seed.program;
    let regime = api
        .get("/api/programs/{id}/regime")
        .id(p)
        .send()
        .await
        .expect(200);
    assert_eq!(regime["monthly_due_day"], 18);
    let regime = api
        .req("PUT", "/api/programs/{id}/regime")
        .id(p)
        .json(json!({
            "monthly_due_day": 18,
            "quarterly_due_day": null,
            "six_month_due_day": 18,
            "nine_month_due": [9, 20],
            "yearly_due": [11, 30],
        }))
        .send()
        .await
        .expect(200);
    assert_eq!(regime["nine_month_due"], json!([9, 20]));
    let generated = api
        .req("POST", "/api/programs/{id}/periods/generate")
        .id(p)
        .json(json!({ "from": day(-400), "to": day(0) }))
        .send()
        .await
        .expect(200);
    assert!(generated.as_array().unwrap().len() >= 12, "{generated:#}");
    let extra = api
        .req("POST", "/api/programs/{id}/periods")
        .id(p)
        .header("idempotency-key", "ky-dot-xuat")
        .json(json!({
            "label": "Báo cáo đột xuất về khu kinh tế",
            "window_start": day(-30),
            "window_end": day(0),
            "due_on": day(10),
        }))
        .send()
        .await
        .expect(201);
    assert_eq!(extra["kind"], "extra");
    let all = api
        .get("/api/programs/{id}/periods")
        .id(p)
        .send()
        .await
        .expect(200);
    assert_eq!(
        all.as_array().unwrap().len(),
        generated.as_array().unwrap().len() + 1
    );
    let one = api
        .get("/api/periods/{id}")
        .id(id(&extra))
        .send()
        .await
        .expect(200);
    assert_eq!(one, extra);
    id(&extra)
}

pub async fn tasks(api: &Api) {
    let s = &api.seed;
    let query = format!(
        "program={}&status=not_started&q=ke%20hoach&page=1&per_page=10",
        s.program
    );
    let page = api.get("/api/tasks").query(&query).send().await.expect(200);
    assert_eq!(page["total"], 1, "{page:#}");
    let assignment = api
        .req("PUT", "/api/tasks/{id}/assignment")
        .id(s.tasks[0])
        .header("idempotency-key", "giao-1")
        .json(json!({
            "lead_agency": s.agencies[0],
            "coordinators": [s.agencies[1]],
            "start": day(-60),
            "deadline": day(200),
            "milestones": [
                { "date": day(30), "planned_percent": 50 },
                { "date": day(200), "planned_percent": "100" },
            ],
            "budget": "1500000000",
            "status": "in_progress",
        }))
        .send()
        .await
        .expect(200);
    assert_eq!(assignment["budget"], "1500000000");
    let bulk = api
        .req("POST", "/api/assignments")
        .json(json!({
            "items": [{ "task_id": s.tasks[1], "lead_agency": s.agencies[1], "status": "not_started" }],
        }))
        .send()
        .await
        .expect(200);
    assert_eq!(bulk[0]["task_id"], s.tasks[1]);
    let task = api
        .get("/api/tasks/{id}")
        .id(s.tasks[0])
        .send()
        .await
        .expect(200);
    assert_eq!(task["assignment"]["milestones"][0]["planned_percent"], "50");
    let hidden = api
        .get("/api/tasks/{id}")
        .id(s.tasks[0])
        .token(&s.supervisor)
        .send()
        .await
        .expect(200);
    assert_eq!(hidden["assignment"]["budget"], Value::Null);
}

pub async fn reports(api: &Api, period: i64) {
    let s = &api.seed;
    let report = json!({
        "task_id": s.tasks[0],
        "period_id": period,
        "agency_id": s.agencies[0],
        "status": "in_progress",
        "percent": "40",
        "done": "Đã hoàn thành dự thảo Kế hoạch.",
        "obstacles": "Chưa có ý kiến của các sở.",
        "proposals": "",
        "money": { "required": "2000000000", "allocated": 1500000000, "disbursed": "500000000.5" },
        "evidence": ["https://khanhhoa.gov.vn/van-ban/173"],
        "estimate": true,
    });
    let first = api
        .req("POST", "/api/reports")
        .header("idempotency-key", "bao-cao-1")
        .json(report.clone())
        .send()
        .await;
    assert!(!first.headers.contains_key("idempotent-replayed"));
    let first = first.expect(201);
    assert_eq!(first["current"]["money"]["disbursed"], "500000000.5");
    let replay = api
        .req("POST", "/api/reports")
        .header("idempotency-key", "bao-cao-1")
        .json(report.clone())
        .send()
        .await;
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    assert_eq!(replay.expect(201), first);
    api.req("POST", "/api/reports")
        .json(report.clone())
        .send()
        .await
        .expect_error(409, "report_exists");

    let revised = api
        .req("POST", "/api/reports/{id}/revisions")
        .id(id(&first))
        .json(json!({ "status": "in_progress", "percent": 55.5, "done": "Đã trình xin ý kiến." }))
        .send()
        .await
        .expect(201);
    assert_eq!(revised["current"]["revision"], 2);
    assert_eq!(revised["current"]["percent"], "55.5");
    let detail = api
        .get("/api/reports/{id}")
        .id(id(&first))
        .send()
        .await
        .expect(200);
    assert_eq!(detail["revisions"].as_array().unwrap().len(), 2);
    let by_reporter = api
        .get("/api/reports/{id}")
        .id(id(&first))
        .token(&s.reporter)
        .send()
        .await
        .expect(200);
    assert_eq!(
        by_reporter["revisions"][0]["money"]["allocated"],
        "1500000000"
    );
    let by_supervisor = api
        .get("/api/reports/{id}")
        .id(id(&first))
        .token(&s.supervisor)
        .send()
        .await
        .expect(200);
    assert_eq!(
        by_supervisor["revisions"][0]["money"]["required"],
        Value::Null
    );
    let query = format!(
        "program={}&period={period}&late=false&per_page=20",
        s.program
    );
    let page = api
        .get("/api/reports")
        .query(&query)
        .send()
        .await
        .expect(200);
    assert_eq!(page["total"], 1);

    let completeness = api
        .get("/api/periods/{id}/completeness")
        .id(period)
        .send()
        .await
        .expect(200);
    assert_eq!(completeness["received"], 1, "{completeness:#}");
    let task = api
        .get("/api/tasks/{id}")
        .id(s.tasks[0])
        .send()
        .await
        .expect(200);
    assert_eq!(task["percent"], "55.5");
}

pub async fn actuals(api: &Api, period: i64) {
    let i = api.seed.indicator;
    let actual = api
        .req("POST", "/api/indicators/{id}/actuals")
        .id(i)
        .header("idempotency-key", "grdp-1")
        .json(json!({
            "period_id": period,
            "value": "8.2",
            "source": "Cục Thống kê tỉnh",
            "estimate": true,
        }))
        .send()
        .await
        .expect(201);
    assert_eq!(actual["value"], "8.2");
    let list = api
        .get("/api/indicators/{id}/actuals")
        .id(i)
        .send()
        .await
        .expect(200);
    assert_eq!(list.as_array().unwrap().len(), 1);
    let detail = api
        .get("/api/indicators/{id}")
        .id(i)
        .send()
        .await
        .expect(200);
    assert_eq!(detail["actuals"][0], actual);
    let listed = api
        .get("/api/programs/{id}/indicators")
        .id(api.seed.program)
        .send()
        .await
        .expect(200);
    assert_eq!(listed[0]["latest"], actual);
}

pub async fn audit(api: &Api) {
    let s = &api.seed;
    let trail = api
        .get("/api/tasks/{id}/audit")
        .id(s.tasks[0])
        .query("per_page=5")
        .send()
        .await
        .expect(200);
    assert!(trail["total"].as_u64().unwrap() >= 3, "{trail:#}");
    let all = api
        .get("/api/audit")
        .query("action=report.create")
        .send()
        .await
        .expect(200);
    assert_eq!(all["total"], 1);
    api.get("/api/audit")
        .token(&s.reporter)
        .send()
        .await
        .expect_error(403, "forbidden");
}

pub async fn errors(api: &Api) {
    let s = &api.seed;
    api.get("/api/tasks")
        .anonymous()
        .send()
        .await
        .expect_error(401, "unauthenticated");
    api.get("/api/me")
        .token("tdk_0000")
        .send()
        .await
        .expect_error(401, "invalid_token");
    api.req("POST", "/api/session")
        .anonymous()
        .json(json!({ "name": "dieuphoi", "password": "sai mật khẩu" }))
        .send()
        .await
        .expect_error(401, "invalid_credentials");
    api.get("/api/users")
        .token(&s.reporter)
        .send()
        .await
        .expect_error(403, "forbidden");
    api.get("/api/tasks/{id}")
        .id(999_999)
        .send()
        .await
        .expect_error(404, "not_found");
    api.get("/api/tasks/{id}")
        .at("/api/tasks/abc")
        .send()
        .await
        .expect_error(404, "not_found");
    api.get("/api/tasks")
        .query("status=finished")
        .send()
        .await
        .expect_error(400, "invalid_query");

    let report = |percent: &str| {
        json!({
            "task_id": s.tasks[0], "period_id": 1, "agency_id": s.agencies[0],
            "status": "in_progress", "percent": percent,
        })
    };
    api.req("POST", "/api/reports")
        .raw("text/plain", report("40").to_string())
        .send()
        .await
        .expect_error(415, "unsupported_media_type");
    api.req("POST", "/api/reports")
        .raw("application/json", "{\"task_id\": ")
        .send()
        .await
        .expect_error(400, "invalid_json");
    let wrong_type = api
        .req("POST", "/api/reports")
        .unchecked(json!({ "task_id": "one", "period_id": 1, "status": "done", "percent": 1 }))
        .send()
        .await
        .expect_error(400, "invalid_json");
    assert_eq!(wrong_type["error"]["field"], "task_id");
    let too_large = "x".repeat(tiendo_server::DEFAULT_BODY_LIMIT + 1);
    api.req("POST", "/api/reports")
        .raw("application/json", too_large)
        .send()
        .await
        .expect_error(413, "body_too_large");
    let refused = api
        .req("POST", "/api/reports")
        .unchecked(report("120"))
        .send()
        .await
        .expect_error(422, "percent_out_of_range");
    assert_eq!(refused["error"]["field"], "percent");
    api.req("POST", "/api/users")
        .unchecked(json!({ "name": "ngan", "role": "leader", "password": "ngan" }))
        .send()
        .await
        .expect_error(422, "password_too_short");
    api.req("POST", "/api/programs/{id}/periods/generate")
        .id(s.program)
        .json(json!({ "from": day(0), "to": day(-1) }))
        .send()
        .await
        .expect_error(422, "invalid_range");
    // The key of an earlier extra period, with another body.
    api.req("POST", "/api/programs/{id}/periods")
        .id(s.program)
        .header("idempotency-key", "ky-dot-xuat")
        .json(json!({
            "label": "Một kỳ khác",
            "window_start": day(-10),
            "window_end": day(0),
            "due_on": day(5),
        }))
        .send()
        .await
        .expect_error(409, "idempotency_key_reused");
    api.req("POST", "/api/reports")
        .header("idempotency-key", "")
        .json(report("40"))
        .send()
        .await
        .expect_error(400, "invalid_idempotency_key");
}

pub async fn warnings(api: &Api) {
    let s = &api.seed;
    let swept = api
        .req("POST", "/api/warnings/sweep")
        .send()
        .await
        .expect(200);
    assert_eq!(swept["tasks"], 2, "{swept:#}");
    // The report filed above needs 2 000 000 000 đồng and has 1 500 000 000.
    let query = format!(
        "rule=funding_gap&subject_kind=task&subject_id={}",
        s.tasks[0]
    );
    let page = api
        .get("/api/warnings")
        .query(&query)
        .send()
        .await
        .expect(200);
    assert_eq!(page["total"], 1, "{page:#}");
    let warning = &page["items"][0];
    assert_eq!(warning["severity"], "yellow");
    let counts = api
        .get("/api/warnings/counts")
        .query(&format!("program={}", s.program))
        .send()
        .await
        .expect(200);
    assert!(counts["open"].as_u64().unwrap() >= 1, "{counts:#}");
    let acknowledged = api
        .req("POST", "/api/warnings/{id}/acknowledge")
        .id(id(warning))
        .header("idempotency-key", "xac-nhan-1")
        .json(json!({ "note": "Đã đề nghị Sở Tài chính bố trí thêm vốn." }))
        .send()
        .await
        .expect(200);
    assert_eq!(acknowledged["state"], "acknowledged");
    let detail = api
        .get("/api/warnings/{id}")
        .id(id(warning))
        .send()
        .await
        .expect(200);
    assert_eq!(detail["history"].as_array().unwrap().len(), 2, "{detail:#}");
    // The scheme waits for its conditions; the operator switches it on.
    let activation = api
        .req("POST", "/api/tasks/{id}/activation")
        .id(s.tasks[1])
        .json(json!({ "activated_on": day(-1), "note": "Đã được phê duyệt chủ trương." }))
        .send()
        .await
        .expect(200);
    assert_eq!(activation["task_id"], s.tasks[1]);
}
