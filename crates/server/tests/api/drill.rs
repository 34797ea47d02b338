//! The pages a leader drills down through, over real HTTP: the program tree
//! with its filters in the address, a task's assignment, revisions and
//! audit trail (hidden from agencies outside the task), an agency's tasks
//! and reporting period by period, and the indicators, off-track first.

use reqwest::StatusCode;
use serde_json::json;
use tiendo_core::{Catalog, Comparator, Indicator, Part, Program, Section, Target, Task, TaskKind};
use tiendo_store::{Ctx, ExtraPeriod, ProgramId, SourceInfo};

use crate::pages::{browser, get_page, operator_after_a_red_warning, page_text, sign_in};
use crate::{TestApp, day, dec};

/// The `<tr>` of the table row that links to `href`.
fn row_of<'a>(html: &'a str, href: &str) -> &'a str {
    let at = html
        .find(&format!("<a href=\"{href}\">"))
        .unwrap_or_else(|| panic!("no link to {href}"));
    let start = html[..at].rfind("<tr").unwrap();
    let end = at + html[at..].find("</tr>").unwrap();
    &html[start..end]
}

#[tokio::test]
async fn the_program_tree_lists_sections_and_tasks_and_filters_through_the_address() {
    let (app, client, cookie) = operator_after_a_red_warning().await;
    let [a, b, c] = [app.task_a, app.task_b, app.task_c].map(|t| format!("/nhiem-vu/{t}"));

    let all = page_text(&client, &app, "/chuong-trinh", &cookie).await;
    assert!(all.contains("1. Phát triển hạ tầng"), "the heading: {all}");
    assert!(all.contains("3 nhiệm vụ · đang xem 1–3"), "{all}");
    let row = row_of(&all, &a);
    assert!(
        row.contains("Đang thực hiện") && row.contains("15%"),
        "{row}"
    );
    assert!(
        row.contains("<span class=\"badge sev-red\">1 đỏ</span>"),
        "{row}"
    );
    assert!(row.contains("Sở Xây dựng"));
    assert!(!row_of(&all, &c).contains("sev-red"));
    // Document order under the heading: A, B, C.
    let at = |href: &str| all.find(&format!("<a href=\"{href}\">")).unwrap();
    assert!(at(&a) < at(&b) && at(&b) < at(&c));

    let only = |html: &str, wanted: &[&String]| {
        for t in [&a, &b, &c] {
            let shown = html.contains(&format!("<a href=\"{t}\">"));
            assert_eq!(shown, wanted.contains(&t), "{t} in {html}");
        }
    };
    let red = page_text(&client, &app, "/chuong-trinh?severity=red", &cookie).await;
    only(&red, &[&a]);
    assert!(
        red.contains("<option value=\"red\" selected>"),
        "kept in the form"
    );
    assert!(
        red.contains("data-live=\"/phan/chuong-trinh?program="),
        "the live part keeps the filter"
    );
    assert!(red.contains("severity=red\""));
    for (query, wanted) in [
        ("status=not_started", vec![&b, &c]),
        ("kind=plan", vec![&b]),
        (&format!("agency={}", app.stc) as &str, vec![&b]),
        (&format!("agency={}&status=in_progress", app.sxd), vec![&a]),
        ("section=1", vec![&a, &b, &c]),
        // What it cannot read is ignored, not refused.
        ("status=xyz&agency=abc&page=-3", vec![&a, &b, &c]),
    ] {
        let html = page_text(&client, &app, &format!("/chuong-trinh?{query}"), &cookie).await;
        only(&html, &wanted);
    }
    let none = page_text(&client, &app, "/chuong-trinh?section=9", &cookie).await;
    assert!(none.contains("Không có nhiệm vụ nào khớp bộ lọc."));

    // The live part: the list alone; a part answers 401 without a session.
    let part = page_text(&client, &app, "/phan/chuong-trinh?severity=red", &cookie).await;
    assert!(!part.contains("<html") && part.contains(&a) && !part.contains(&b));
    let res = get_page(&client, &app, "/phan/chuong-trinh", None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // The overview's grids lead here and to the agencies.
    let overview = page_text(&client, &app, "/", &cookie).await;
    assert!(overview.contains("<a href=\"/chuong-trinh?section=1\">"));
    assert!(overview.contains(&format!("<a href=\"/co-quan/{}\">", app.sxd)));
}

#[tokio::test]
async fn a_task_page_shows_assignment_revisions_and_audit_and_hides_them_from_other_agencies() {
    let app = TestApp::spawn().await;
    let period = app.on_time_period("Đợt 1").await;
    app.put(
        &app.operator,
        &format!("/api/tasks/{}/assignment", app.task_a),
        &json!({ "lead_agency": app.sxd, "coordinators": [app.stc], "start": day(-400),
                 "deadline": day(400), "budget": "1500000000", "status": "in_progress",
                 "milestones": [{ "date": day(0), "planned_percent": "40" }] }),
    )
    .await
    .ok(200);
    let filed = app
        .post(
            &app.reporter,
            "/api/reports",
            &app.report_far_behind(period),
        )
        .await
        .ok(201);
    let id = filed["id"].as_i64().unwrap();
    app.post(
        &app.reporter,
        &format!("/api/reports/{id}/revisions"),
        &json!({ "status": "in_progress", "percent": "20", "done": "Khảo sát xong",
                 "obstacles": "Chậm bàn giao mặt bằng" }),
    )
    .await
    .ok(201);

    let client = browser();
    let operator = sign_in(&client, &app, "dieuphoi").await;
    let path = format!("/nhiem-vu/{}", app.task_a);
    let html = page_text(&client, &app, &path, &operator).await;
    assert!(
        html.contains(&format!(
            "<a href=\"/co-quan/{}\">Sở Tài chính</a>",
            app.stc
        )),
        "the coordinator: {html}"
    );
    assert!(html.contains("1.500.000.000 đồng"), "the budget");
    assert!(html.contains("40% đến"), "the milestone");
    assert!(html.contains("<td>20%</td>"), "the current revision");
    assert!(html.contains("Đã điều chỉnh 1 lần"));
    assert!(
        html.contains("Lần 1 (bản đầu): 15%"),
        "the first revision: {html}"
    );
    assert!(html.contains("Vướng mắc: Chậm bàn giao mặt bằng"));
    // The audit trail, newest first, in words.
    let trail = &html[html.find("Nhật ký thay đổi").expect("the trail")..];
    let revise = trail.find("Điều chỉnh báo cáo").expect("the revision");
    let create = trail.find("Gửi báo cáo").expect("the first report");
    let assign = trail
        .find("Giao, điều chỉnh nhiệm vụ")
        .expect("the assignment");
    assert!(revise < create && create < assign, "{trail}");
    assert!(trail.contains("Hoàn thành: 15% → 20%"), "{trail}");
    assert!(trail.contains("Chủ trì: Sở Xây dựng"));
    assert!(trail.contains("Phối hợp: Sở Tài chính"));
    assert!(trail.contains("Kinh phí kế hoạch: 1.500.000.000 đồng"));
    assert!(html.contains(&format!("data-live=\"/phan{path}\"")));

    // A supervisor without money access reads it all but the money.
    let supervisor = sign_in(&client, &app, "giamsat").await;
    let html = page_text(&client, &app, &path, &supervisor).await;
    assert!(html.contains("Điều chỉnh báo cáo") && html.contains("<td>20%</td>"));
    assert!(!html.contains("1.500.000.000"), "{html}");
    // A reporter of an agency outside the task sees the task, not its
    // reports nor its trail.
    let stranger = sign_in(&client, &app, "syt.baocao").await;
    let html = page_text(&client, &app, &path, &stranger).await;
    assert!(html.contains("Đề án phát triển nhà ở xã hội"));
    assert!(html.contains("chỉ hiển thị cho cơ quan chủ trì, phối hợp"));
    assert!(
        !html.contains("<td>20%</td>") && !html.contains("Nhật ký thay đổi"),
        "{html}"
    );
    assert!(!html.contains("Chậm bàn giao"));

    // The live part is the page's body alone.
    let part = page_text(&client, &app, &format!("/phan{path}"), &operator).await;
    assert!(!part.contains("<html") && part.contains("Điều chỉnh báo cáo"));
}

#[tokio::test]
async fn an_agency_page_lists_its_tasks_and_its_reporting_period_by_period() {
    let app = TestApp::spawn().await;
    app.assign_a().await;
    let on_time = app.on_time_period("Đợt 2").await;
    app.late_period("Đợt 1").await;
    app.post(
        &app.reporter,
        "/api/reports",
        &app.report_far_behind(on_time),
    )
    .await
    .ok(201);
    let client = browser();
    let cookie = sign_in(&client, &app, "lanhdao").await;

    let html = page_text(&client, &app, &format!("/co-quan/{}", app.sxd), &cookie).await;
    assert!(html.contains("<h1>Sở Xây dựng</h1>"), "{html}");
    let task = format!("/nhiem-vu/{}", app.task_a);
    let tasks = &html[html.find("id=\"h-nhiem-vu-cq\"").expect("the task list")..];
    let row = row_of(tasks, &task);
    assert!(row.contains("Chủ trì") && row.contains("15%"), "{row}");
    // Period by period, newest first: the one reported on time, the one
    // missed.
    let row = |label: &str| -> Vec<String> {
        let at = html
            .find(&format!("<th scope=\"row\">{label}</th>"))
            .expect(label);
        let end = at + html[at..].find("</tr>").unwrap();
        html[at..end]
            .split("<td")
            .skip(1)
            .map(|cell| {
                let text = &cell[cell.find('>').unwrap() + 1..];
                text[..text.find('<').unwrap()].to_string()
            })
            .collect()
    };
    // Due, expected, received, on time, late, missing, share on time (not
    // yet due: what is missing may still come on time).
    assert_eq!(row("Đợt 2")[1..], ["1", "1", "1", "0", "0", "chưa đến hạn"]);
    assert_eq!(row("Đợt 1")[1..], ["1", "0", "0", "0", "1", "0%"]);
    let listed = |label: &str| {
        html.find(&format!("<th scope=\"row\">{label}</th>"))
            .unwrap()
    };
    assert!(listed("Đợt 2") < listed("Đợt 1"), "newest first");
    assert!(html.contains("aria-labelledby=\"bd-bao-cao\""), "the chart");

    let stc = page_text(&client, &app, &format!("/co-quan/{}", app.stc), &cookie).await;
    assert!(stc.contains(&format!("<a href=\"/nhiem-vu/{}\">", app.task_b)));
    let syt = page_text(&client, &app, &format!("/co-quan/{}", app.syt), &cookie).await;
    assert!(syt.contains("Cơ quan chưa chủ trì hay phối hợp nhiệm vụ nào."));
    let res = get_page(&client, &app, "/co-quan/999999", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

fn indicator(name: &str, comparator: Comparator, value: &str, unit: &str) -> Indicator {
    Indicator {
        section: "1".into(),
        name: name.into(),
        target: Target {
            comparator,
            value: dec(value),
            value_max: None,
            unit: unit.into(),
            year: Some(2030),
            base_year: None,
        },
        source: String::new(),
        line: 3,
        task: None,
    }
}

#[tokio::test]
async fn the_indicators_page_puts_off_track_ones_first_with_their_charts() {
    let app = TestApp::spawn().await;
    let catalog = Catalog {
        program: Program {
            title: "Kế hoạch phát triển kinh tế - xã hội thử nghiệm".into(),
            ..Program::default()
        },
        sections: vec![Section {
            part: Part::Tasks,
            number: "1".into(),
            title: "Kinh tế".into(),
            parent: None,
        }],
        tasks: vec![Task::new(
            Part::Tasks,
            "1",
            TaskKind::Plan,
            "Kế hoạch thu hút đầu tư",
        )],
        indicators: vec![
            indicator("Tỷ lệ che phủ rừng", Comparator::Reach, "50", "%"),
            indicator(
                "Thu nhập bình quân đầu người",
                Comparator::AtLeast,
                "1700",
                "USD",
            ),
            indicator(
                "Số xã đạt chuẩn nông thôn mới",
                Comparator::AtLeast,
                "40",
                "xã",
            ),
        ],
        agencies: Vec::new(),
        ..Default::default()
    };
    let source = SourceInfo {
        file_name: "ke-hoach.txt".into(),
        content_hash: "ef".repeat(32),
        program_key: None,
    };
    let program = app
        .store
        .import_catalog(&catalog, &source)
        .await
        .unwrap()
        .program_id();
    let version = app.store.load_version(program, None).await.unwrap();
    let [forest, income, _communes] = [0, 1, 2].map(|i| version.indicator_ids[i].0);
    let period = async |label: &str, window: (i64, i64)| {
        let extra = ExtraPeriod {
            label: label.into(),
            window_start: day(window.0),
            window_end: day(window.1),
            due_on: day(window.1 + 5),
            closes_on: Some(day(window.1 + 40)),
        };
        let ctx = Ctx::system();
        let made = app
            .store
            .open_extra_period(&ctx, ProgramId(program.0), extra);
        made.await.unwrap().into_inner().id
    };
    // Two periods in two different years.
    let (earlier, later) = (
        period("Đợt năm trước", (-420, -400)).await,
        period("Đợt năm nay", (-30, -10)).await,
    );
    for (indicator, p, value) in [
        (forest, earlier, "40"),
        (forest, later, "45"),
        (income, earlier, "1000"),
        (income, later, "1010"),
    ] {
        app.post(
            &app.operator,
            &format!("/api/indicators/{indicator}/actuals"),
            &json!({ "period_id": p, "value": value }),
        )
        .await
        .ok(201);
    }
    let client = browser();
    let cookie = sign_in(&client, &app, "lanhdao").await;
    let path = format!("/chi-tieu?program={}", program.0);
    let html = page_text(&client, &app, &path, &cookie).await;
    let at = |name: &str| html.find(name).unwrap_or_else(|| panic!("{name}: {html}"));
    // Income grows 10 USD a year: far from 1.700 by 2030, red and first;
    // the forest grows 5 points a year and reaches 50 %; no data last.
    assert!(at("Thu nhập bình quân đầu người") < at("Tỷ lệ che phủ rừng"));
    assert!(at("Tỷ lệ che phủ rừng") < at("Số xã đạt chuẩn nông thôn mới"));
    let card = |id: i64| {
        let start = at(&format!("id=\"ct-{id}\""));
        &html[start..start + html[start..].find("</article>").unwrap()]
    };
    let income_card = card(income);
    assert!(income_card.contains("Không đạt (dự báo)"), "{income_card}");
    assert!(income_card.contains("từ 1.700 USD trở lên vào năm 2030"));
    assert!(income_card.contains("1.010 USD (Đợt năm nay)"));
    assert!(income_card.contains("<svg class=\"chart small\""));
    assert!(income_card.contains("class=\"target\""), "the target line");
    let forest_card = card(forest);
    assert!(forest_card.contains("Đúng hướng"), "{forest_card}");
    assert!(forest_card.contains("45%"));
    assert!(html.contains("Chưa có số liệu"));
    assert!(html.contains(&format!(
        "data-live=\"/phan/chi-tieu?program={}\"",
        program.0
    )));
    // Search leads here.
    let found = page_text(&client, &app, "/tim-kiem?q=thu+nhap", &cookie).await;
    assert!(found.contains(&format!("{path}#ct-{income}")), "{found}");
}

#[tokio::test]
async fn the_consolidated_report_downloads_from_the_overview_and_an_agency_page() {
    let app = TestApp::spawn().await;
    app.assign_a().await;
    let year = crate::today().format("%Y").to_string();
    app.post(
        &app.operator,
        &format!("/api/programs/{}/periods/generate", app.program),
        &json!({ "from": format!("{year}-01-01"), "to": format!("{year}-12-31") }),
    )
    .await
    .ok(200);
    let client = browser();
    let cookie = sign_in(&client, &app, "lanhdao").await;
    let overview = page_text(&client, &app, "/", &cookie).await;
    assert!(
        overview.contains("action=\"/tai-ve/bao-cao\""),
        "{overview}"
    );
    // The newest period that has opened comes first, selected.
    let first = overview
        .split("<select id=\"tai-ky\" name=\"period\">")
        .nth(1)
        .unwrap();
    let id: i64 = first
        .split("value=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(first[..first.find("</option>").unwrap()].contains(" selected"));

    let res = get_page(
        &client,
        &app,
        &format!("/tai-ve/bao-cao?period={id}"),
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"bao-cao-"),
        "{disposition}"
    );
    assert!(disposition.ends_with(".docx\""));
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..2], b"PK", "a DOCX is a zip package");

    let res = get_page(
        &client,
        &app,
        &format!("/tai-ve/bao-cao?period={id}&format=json&agency={}", app.sxd),
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let report: serde_json::Value = res.json().await.unwrap();
    assert_eq!(report["agency"], "Sở Xây dựng");
    assert_eq!(
        report["appendix"].as_array().unwrap().len(),
        1,
        "its own task only"
    );
    let res = get_page(
        &client,
        &app,
        &format!("/tai-ve/bao-cao?period={id}&format=xlsx"),
        Some(&cookie),
    )
    .await;
    assert_eq!(
        res.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let agency = page_text(&client, &app, &format!("/co-quan/{}", app.sxd), &cookie).await;
    assert!(agency.contains(&format!("name=\"agency\" value=\"{}\"", app.sxd)));

    // An extra period makes no consolidated report; an unknown one is 404.
    let extra = app.on_time_period("Đợt bổ sung").await;
    let res = get_page(
        &client,
        &app,
        &format!("/tai-ve/bao-cao?period={extra}"),
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = get_page(
        &client,
        &app,
        "/tai-ve/bao-cao?period=999999",
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = get_page(&client, &app, &format!("/tai-ve/bao-cao?period={id}"), None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "sign in first");
}

#[tokio::test]
async fn an_operator_exports_the_whole_database_and_it_restores_elsewhere() {
    let app = TestApp::spawn().await;
    app.assign_a().await;
    let client = browser();

    // A leader sees no export and may not take one.
    let leader = sign_in(&client, &app, "lanhdao").await;
    let overview = page_text(&client, &app, "/", &leader).await;
    assert!(!overview.contains("/tai-ve/du-lieu"), "{overview}");
    let res = get_page(&client, &app, "/tai-ve/du-lieu?format=json", Some(&leader)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let operator = sign_in(&client, &app, "dieuphoi").await;
    let overview = page_text(&client, &app, "/", &operator).await;
    assert!(
        overview.contains("action=\"/tai-ve/du-lieu\""),
        "{overview}"
    );
    let res = get_page(&client, &app, "/tai-ve/du-lieu?format=pdf", Some(&operator)).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    for format in ["json", "csv", "xlsx"] {
        let res = get_page(
            &client,
            &app,
            &format!("/tai-ve/du-lieu?format={format}"),
            Some(&operator),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{format}");
        let disposition = res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(disposition.contains("tiendo-du-lieu-"), "{disposition}");
        let bytes = res.bytes().await.unwrap();

        // What came down restores into an empty database, account for account.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("xuat.{format}"));
        std::fs::write(&path, &bytes).unwrap();
        let copy = tiendo_store::Store::open_in_memory().await.unwrap();
        let counts = tiendo_export::restore(&copy, &Ctx::system(), &path)
            .await
            .unwrap();
        assert_eq!(counts.get("users"), 6, "{format}");
        assert_eq!(
            copy.users().await.unwrap().len(),
            app.store.users().await.unwrap().len()
        );
        assert_eq!(
            copy.tasks(&Default::default()).await.unwrap().total,
            app.store.tasks(&Default::default()).await.unwrap().total,
            "{format}"
        );
        assert!(counts.get("audit") > 0, "{format}");
    }
}
