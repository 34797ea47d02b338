//! The web pages over real HTTP, as a browser without JavaScript sees them:
//! a visitor without a session is sent to the sign-in page and brought back,
//! a wrong password is said beside the form with the typed name kept, the
//! overview counts the program's tasks and lists its open warnings, and
//! signing out ends the session.

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};

use crate::{PASSWORD, TestApp};

/// A browser that does not follow redirects, so each one can be checked.
pub(crate) fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// `application/x-www-form-urlencoded` as a browser sends it.
fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let mut out = format!("{k}=");
            for b in v.bytes() {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                    out.push(char::from(b));
                } else {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join("&")
}

async fn post_form(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut req = client
        .post(format!("{}{path}", app.base))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(form(fields));
    if let Some(c) = cookie {
        req = req.header(COOKIE, c);
    }
    req.send().await.unwrap()
}

pub(crate) async fn get_page(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut req = client.get(format!("{}{path}", app.base));
    if let Some(c) = cookie {
        req = req.header(COOKIE, c);
    }
    req.send().await.unwrap()
}

/// A page's HTML as a signed-in browser gets it.
pub(crate) async fn page_text(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    cookie: &str,
) -> String {
    let res = get_page(client, app, path, Some(cookie)).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.text().await.unwrap()
}

/// A server where the reporter's report put task A 30 points behind plan,
/// and the operator signed in to it.
pub(crate) async fn operator_after_a_red_warning() -> (TestApp, reqwest::Client, String) {
    let app = TestApp::spawn().await;
    let period = app.a_under_way().await;
    let report = app.report_far_behind(period);
    app.post(&app.reporter, "/api/reports", &report)
        .await
        .ok(201);
    let client = browser();
    let cookie = sign_in(&client, &app, "dieuphoi").await;
    (app, client, cookie)
}

fn location(res: &reqwest::Response) -> String {
    res.headers()[LOCATION].to_str().unwrap().to_string()
}

/// Signs in through the form; the session cookie.
pub(crate) async fn sign_in(client: &reqwest::Client, app: &TestApp, name: &str) -> String {
    let res = post_form(
        client,
        app,
        "/dang-nhap",
        &[("name", name), ("password", PASSWORD), ("next", "/")],
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/");
    let set = res.headers()[SET_COOKIE].to_str().unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    set.split(';').next().unwrap().to_string()
}

#[tokio::test]
async fn a_visitor_signs_in_through_the_form_and_comes_back_to_the_page_asked_for() {
    let app = TestApp::spawn().await;
    let client = browser();

    let res = get_page(&client, &app, "/", None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/dang-nhap?next=/");

    let res = get_page(&client, &app, "/dang-nhap?next=/", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"vi\">"));
    assert!(
        html.contains("<label for=\"name\">Tên đăng nhập</label>"),
        "{html}"
    );
    assert!(html.contains("<label for=\"password\">Mật khẩu</label>"));
    assert!(html.contains("href=\"/static/tiendo.css\""));

    // A wrong password: said above the form, the name kept, no session.
    let res = post_form(
        &client,
        &app,
        "/dang-nhap",
        &[
            ("name", "dieuphoi"),
            ("password", "sai mật khẩu"),
            ("next", "/"),
        ],
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.headers().get(SET_COOKIE).is_none());
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Tên đăng nhập hoặc mật khẩu không đúng."),
        "{html}"
    );
    assert!(
        html.contains("value=\"dieuphoi\""),
        "the typed name is kept"
    );

    // Somewhere else than this site is never where a sign-in leads.
    let res = post_form(
        &client,
        &app,
        "/dang-nhap",
        &[
            ("name", "dieuphoi"),
            ("password", PASSWORD),
            ("next", "//evil.example/"),
        ],
        None,
    )
    .await;
    assert_eq!(location(&res), "/");

    let cookie = sign_in(&client, &app, "dieuphoi").await;
    let res = get_page(&client, &app, "/", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::OK);

    let res = get_page(&client, &app, "/static/tiendo.css", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[CONTENT_TYPE], "text/css; charset=utf-8");
}

#[tokio::test]
async fn the_overview_counts_tasks_by_status_and_lists_open_warnings_red_first() {
    let (app, client, cookie) = operator_after_a_red_warning().await;
    let html = page_text(&client, &app, "/", &cookie).await;
    assert!(html.contains("<h1>Tổng quan</h1>"), "{html}");
    // Three tasks: A in progress (assigned and reported), B assigned on
    // import, C never assigned.
    assert!(
        html.contains("<span class=\"n\">3</span> <span>nhiệm vụ</span>"),
        "{html}"
    );
    assert!(
        html.contains("Chậm"),
        "the behind-plan sentence is listed: {html}"
    );
    assert!(
        html.contains("<span class=\"badge sev-red\">Đỏ</span>"),
        "the warning's level in words: {html}"
    );
    assert!(html.contains("Theo lĩnh vực") && html.contains("Theo cơ quan chủ trì"));
    assert!(
        html.contains("Sở Xây dựng"),
        "task A's lead is a row: {html}"
    );
    // The open period's reporting: task A's report is in, task B's (Sở Tài
    // chính) is not.
    assert!(
        html.contains("<h2 id=\"h-bao-cao\">Báo cáo Đợt 1"),
        "{html}"
    );
    assert!(html.contains("đã nhận 1/2"), "{html}");
    assert!(
        html.contains(&format!(
            "<th scope=\"row\"><a href=\"/co-quan/{}\">Sở Tài chính</a></th>",
            app.stc
        )),
        "{html}"
    );
    // Headings in order: one h1, then h2s.
    let h1 = html.find("<h1").unwrap();
    assert!(html.find("<h2").unwrap() > h1);
    assert_eq!(html.matches("<h1").count(), 1);
}

#[tokio::test]
async fn signing_out_ends_the_session_and_needs_the_pages_token() {
    let app = TestApp::spawn().await;
    let client = browser();
    let cookie = sign_in(&client, &app, "dieuphoi").await;
    let html = page_text(&client, &app, "/", &cookie).await;
    let token = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page carries its token")
        .to_string();

    let res = post_form(
        &client,
        &app,
        "/dang-xuat",
        &[("csrf", "khác")],
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = get_page(&client, &app, "/", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::OK, "still signed in");

    let res = post_form(
        &client,
        &app,
        "/dang-xuat",
        &[("csrf", &token)],
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/dang-nhap");
    let res = get_page(&client, &app, "/", Some(&cookie)).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "the old cookie is dead"
    );
}

#[tokio::test]
async fn an_open_overview_is_told_of_each_change_and_fetches_its_part_again() {
    let app = TestApp::spawn().await;
    let period = app.a_under_way().await;
    let client = browser();

    let res = get_page(&client, &app, "/phan/tong-quan", None).await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "no sign-in form in a part"
    );
    let res = get_page(&client, &app, "/su-kien", None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    let cookie = sign_in(&client, &app, "dieuphoi").await;
    let page = page_text(&client, &app, "/", &cookie).await;
    assert!(page.contains("data-live=\"/phan/tong-quan\""), "{page}");
    assert!(page.contains("<script src=\"/static/live.js\"></script>"));
    let part = page_text(&client, &app, "/phan/tong-quan", &cookie).await;
    assert!(part.contains("Nhiệm vụ theo tình trạng") && !part.contains("<html"));

    let mut events = get_page(&client, &app, "/su-kien", Some(&cookie)).await;
    assert_eq!(events.status(), StatusCode::OK);
    assert_eq!(events.headers()[CONTENT_TYPE], "text/event-stream");
    let report = app.report_far_behind(period);
    app.post(&app.reporter, "/api/reports", &report)
        .await
        .ok(201);
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
    // Both nudges, in either order (the stream takes whichever is ready).
    while !(seen.contains("data: report") && seen.contains("data: warning")) {
        let chunk = tokio::time::timeout_at(deadline, events.chunk())
            .await
            .unwrap_or_else(|_| panic!("a report and a warning within 5 s: {seen}"))
            .unwrap()
            .expect("the stream stays open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(seen.contains("event: change"), "{seen}");

    let js = get_page(&client, &app, "/static/live.js", None).await;
    assert_eq!(js.headers()[CONTENT_TYPE], "text/javascript; charset=utf-8");
}

#[tokio::test]
async fn the_warnings_feed_filters_through_the_address_and_takes_an_acknowledgement_with_a_note() {
    let (app, client, cookie) = operator_after_a_red_warning().await;

    let red = page_text(&client, &app, "/canh-bao?severity=red&rule=", &cookie).await;
    assert!(red.contains("<option value=\"red\" selected>"), "{red}");
    assert!(red.contains("<label for=\"f-severity\">Mức</label>"));
    assert!(
        red.contains("data-live=\"/phan/canh-bao?severity=red\""),
        "{red}"
    );
    let id: i64 = red
        .split("id=\"cb-")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|id| id.parse().ok())
        .expect("the red warning is listed");
    let yellow = page_text(&client, &app, "/canh-bao?severity=yellow", &cookie).await;
    assert!(!yellow.contains(&format!("id=\"cb-{id}\"")));
    let token = red
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let path = format!("/canh-bao/{id}/ghi-nhan");
    let back = "/canh-bao?severity=red";

    // An empty note: said beside the field.
    let res = post_form(
        &client,
        &app,
        &path,
        &[("csrf", &token), ("note", "  "), ("back", back)],
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!("aria-describedby=\"err-{id}\"")),
        "{html}"
    );
    assert!(html.contains(&format!("<span class=\"field-error\" id=\"err-{id}\">")));
    // Too long: refused, and every typed character is still there.
    let long = format!("Đã giao Sở Xây dựng rà soát {}", "x".repeat(2100));
    let res = post_form(
        &client,
        &app,
        &path,
        &[("csrf", &token), ("note", &long), ("back", back)],
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text().await.unwrap().contains(&long),
        "the note is kept"
    );
    // Another page's token is refused.
    let res = post_form(
        &client,
        &app,
        &path,
        &[("csrf", "cũ"), ("note", "Đã biết"), ("back", back)],
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let res = post_form(
        &client,
        &app,
        &path,
        &[
            ("csrf", &token),
            ("note", "Đã giao rà soát tiến độ"),
            ("back", back),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("{back}#cb-{id}"));
    let after = page_text(&client, &app, back, &cookie).await;
    assert!(after.contains("Đã ghi nhận"), "{after}");
    assert!(after.contains("Đã giao rà soát tiến độ"));
    assert!(
        !after.contains(&format!("action=\"{path}\"")),
        "no second acknowledgement"
    );

    // A supervisor reads the feed but is offered no acknowledgement.
    let cookie = sign_in(&client, &app, "giamsat").await;
    let seen = page_text(&client, &app, "/canh-bao?state=all", &cookie).await;
    assert!(seen.contains(&format!("id=\"cb-{id}\"")), "{seen}");
    assert!(!seen.contains("ghi-nhan"));
}

#[tokio::test]
async fn search_ignores_diacritics_and_case_across_tasks_agencies_and_indicators() {
    let app = TestApp::spawn().await;
    let client = browser();
    let cookie = sign_in(&client, &app, "lanhdao").await;

    let html = page_text(&client, &app, "/tim-kiem?q=DE+AN+nha+o", &cookie).await;
    assert!(
        html.contains("<h2 id=\"h-nhiem-vu\">Nhiệm vụ (1)</h2>"),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<strong><a href=\"/nhiem-vu/{}\">Đề án phát triển nhà ở xã hội</a></strong>",
        app.task_a
    )));
    assert!(!html.contains("Kế hoạch huy động vốn đầu tư công"));
    assert!(
        html.contains("value=\"DE AN nha o\""),
        "the query stays in the field"
    );

    let html = page_text(&client, &app, "/tim-kiem?q=so+xay+dung", &cookie).await;
    assert!(
        html.contains(&format!(
            "<strong><a href=\"/co-quan/{}\">Sở Xây dựng</a></strong>",
            app.sxd
        )),
        "{html}"
    );
    let html = page_text(&client, &app, "/tim-kiem?q=do+thi+hoa", &cookie).await;
    let link = format!("#ct-{}\">Tỷ lệ đô thị hóa</a></strong>", app.indicator);
    assert!(html.contains(&link), "{html}");
    // `đ` folds to `d` too.
    let html = page_text(
        &client,
        &app,
        "/tim-kiem?q=%C4%91%C3%B4+th%E1%BB%8B",
        &cookie,
    )
    .await;
    let link = format!("#ct-{}\">Tỷ lệ đô thị hóa</a></strong>", app.indicator);
    assert!(html.contains(&link), "{html}");

    let html = page_text(&client, &app, "/tim-kiem?q=khong+co+gi+nhu+vay", &cookie).await;
    assert!(html.contains("Không có nhiệm vụ nào khớp."));
    let html = page_text(&client, &app, "/tim-kiem", &cookie).await;
    assert!(!html.contains("h-nhiem-vu"), "nothing searched yet");
}

#[tokio::test]
async fn a_reporter_files_through_the_form_and_a_refused_value_is_said_beside_its_field() {
    let app = TestApp::spawn().await;
    let period = app.a_under_way().await;
    let task = app.task_a;
    let client = browser();

    let cookie = sign_in(&client, &app, "dieuphoi").await;
    let res = get_page(&client, &app, "/bao-cao", Some(&cookie)).await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "an operator speaks for no agency"
    );

    let cookie = sign_in(&client, &app, "sxd.baocao").await;
    let html = page_text(&client, &app, "/bao-cao", &cookie).await;
    assert!(html.contains("Đợt 1"), "the open period: {html}");
    assert!(
        html.contains(&format!("id=\"nv-{task}\"")),
        "task A is listed"
    );
    assert!(html.contains(&format!(
        "<label for=\"percent-{task}\">Tỷ lệ hoàn thành (%)</label>"
    )));
    let token = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let task_id = task.to_string();
    let period_id = period.to_string();
    let send = async |percent: &str, allocated: &str| {
        post_form(
            &client,
            &app,
            "/bao-cao",
            &[
                ("csrf", &token),
                ("task_id", &task_id),
                ("period_id", &period_id),
                ("status", "in_progress"),
                ("percent", percent),
                ("done", "Đã khảo sát 3 khu đất"),
                ("obstacles", "Chưa có vốn đối ứng"),
                ("required", "2.000.000.000"),
                ("allocated", allocated),
            ],
            Some(&cookie),
        )
        .await
    };

    // Not a number: said beside the field, everything typed kept.
    let res = send("mười lăm", "").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!("aria-describedby=\"loi-percent-{task}\"")),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<span class=\"field-error\" id=\"loi-percent-{task}\">"
    )));
    assert!(
        html.contains("value=\"mười lăm\""),
        "the typed value is kept"
    );
    assert!(html.contains("Đã khảo sát 3 khu đất"));
    assert!(html.contains("value=\"2.000.000.000\""));
    // Refused by the domain rules: above 100 %.
    let res = send("101", "").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!("id=\"loi-percent-{task}\"")),
        "{html}"
    );
    assert!(html.contains("value=\"101\""));
    let page = app
        .get(&app.operator, &format!("/api/reports?task={task}"))
        .await
        .ok(200);
    assert_eq!(page["total"], 0, "nothing stored by refusals");

    let res = send("15", "1.500.000.000").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/bao-cao?da-gui={task}#nv-{task}"));
    let html = page_text(&client, &app, &format!("/bao-cao?da-gui={task}"), &cookie).await;
    assert!(html.contains("Đã gửi báo cáo."), "{html}");
    assert!(
        html.contains("Gửi bản điều chỉnh"),
        "sending again corrects it"
    );
    assert!(html.contains("value=\"15\""), "prefilled from the report");
    assert!(
        html.contains("value=\"1.500.000.000\""),
        "money as Vietnamese write it"
    );
    let stored = app
        .get(&app.operator, &format!("/api/reports?task={task}"))
        .await
        .ok(200);
    assert_eq!(stored["total"], 1);
    assert_eq!(stored["items"][0]["current"]["percent"], "15");
    assert_eq!(
        stored["items"][0]["current"]["money"]["allocated"],
        "1500000000"
    );
    let warnings = app
        .get(
            &app.operator,
            &format!("/api/warnings?subject_kind=task&subject_id={task}&rule=behind_plan"),
        )
        .await
        .ok(200);
    assert_eq!(warnings["items"][0]["severity"], "red", "{warnings}");

    // Sent again: a revision of the same report.
    let res = send("20", "1.500.000.000").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let stored = app
        .get(&app.operator, &format!("/api/reports?task={task}"))
        .await
        .ok(200);
    assert_eq!(stored["total"], 1);
    assert_eq!(stored["items"][0]["current"]["revision"], 2);
}

// ---- accessibility smoke check ---------------------------------------------

/// Every form control but hidden ones has an id and a `<label for>` naming it.
fn unlabelled_controls(html: &str) -> Vec<String> {
    let mut missing = Vec::new();
    for tag in ["<input", "<select", "<textarea"] {
        for (at, _) in html.match_indices(tag) {
            let end = html[at..].find('>').map_or(html.len(), |e| at + e);
            let element = &html[at..end];
            if element.contains("type=\"hidden\"") {
                continue;
            }
            let id = element
                .split("id=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next());
            match id {
                Some(id) if html.contains(&format!("<label for=\"{id}\"")) => {}
                _ => missing.push(element.to_string()),
            }
        }
    }
    missing
}

/// The heading levels in document order.
fn heading_levels(html: &str) -> Vec<u8> {
    let bytes = html.as_bytes();
    let mut levels = Vec::new();
    for (at, _) in html.match_indices("<h") {
        if let Some(&d) = bytes.get(at + 2)
            && (b'1'..=b'6').contains(&d)
            && matches!(bytes.get(at + 3), Some(b'>' | b' '))
        {
            levels.push(d - b'0');
        }
    }
    levels
}

fn check_page(path: &str, html: &str) {
    assert!(html.contains("<html lang=\"vi\">"), "{path}: language");
    let missing = unlabelled_controls(html);
    assert!(
        missing.is_empty(),
        "{path}: controls without a label: {missing:#?}"
    );
    let levels = heading_levels(html);
    assert_eq!(
        levels.first(),
        Some(&1),
        "{path}: starts with h1: {levels:?}"
    );
    assert_eq!(
        levels.iter().filter(|l| **l == 1).count(),
        1,
        "{path}: one h1"
    );
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "{path}: a heading level skipped: {levels:?}"
        );
    }
}

/// WCAG relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[tokio::test]
async fn pages_label_every_control_keep_headings_in_order_and_colours_readable() {
    // The checks themselves catch what they look for.
    assert_eq!(
        unlabelled_controls("<input id=\"a\"><label for=\"b\">").len(),
        1
    );
    assert!(unlabelled_controls("<label for=\"a\">A</label><input id=\"a\">").is_empty());
    assert_eq!(
        heading_levels("<h1>a</h1><h3 class=\"x\">b</h3><hr>"),
        [1, 3]
    );
    assert!(contrast("#777777", "#ffffff") < 4.5);
    let (app, client, cookie) = operator_after_a_red_warning().await;
    let sign_in_page = get_page(&client, &app, "/dang-nhap", None)
        .await
        .text()
        .await
        .unwrap();
    check_page("/dang-nhap", &sign_in_page);
    let task = format!("/nhiem-vu/{}", app.task_a);
    let agency = format!("/co-quan/{}", app.sxd);
    for path in [
        "/",
        "/canh-bao",
        "/canh-bao?state=all",
        "/tim-kiem?q=de+an",
        &task,
        "/chuong-trinh",
        "/chuong-trinh?severity=red",
        "/chi-tieu",
        &agency,
    ] {
        check_page(path, &page_text(&client, &app, path, &cookie).await);
    }
    let reporter = sign_in(&client, &app, "sxd.baocao").await;
    for path in ["/bao-cao", "/canh-bao", &task, "/chuong-trinh"] {
        check_page(path, &page_text(&client, &app, path, &reporter).await);
    }

    // The traffic-light colours: each text colour on its background at
    // least 4,5:1 (WCAG AA), and always with its words beside it.
    let css = get_page(&client, &app, "/static/tiendo.css", None)
        .await
        .text()
        .await
        .unwrap();
    let var = |name: &str| -> String {
        let at = css.find(&format!("--{name}:")).expect(name);
        css[at..]
            .split('#')
            .nth(1)
            .map(|rest| format!("#{}", &rest[..6]))
            .unwrap()
    };
    for colour in ["red", "yellow", "info", "green", "grey"] {
        let ratio = contrast(
            &var(&format!("{colour}-ink")),
            &var(&format!("{colour}-bg")),
        );
        assert!(ratio >= 4.5, "{colour}: {ratio:.2}:1");
    }
    assert!(contrast("#ffffff", &var("accent")) >= 4.5, "header text");
    assert!(contrast(&var("muted"), "#ffffff") >= 4.5, "muted text");
    let overview = page_text(&client, &app, "/", &cookie).await;
    assert!(
        overview.contains("<span class=\"badge sev-red\">Đỏ</span>"),
        "colour with its word"
    );
}

#[tokio::test]
async fn a_task_page_charts_plan_against_reports_and_lists_its_reports_and_warnings() {
    let (app, client, cookie) = operator_after_a_red_warning().await;
    let path = format!("/nhiem-vu/{}", app.task_a);
    // Every list links a task's warning to its page.
    let overview = page_text(&client, &app, "/", &cookie).await;
    assert!(
        overview.contains(&format!("<a href=\"{path}\">")),
        "{overview}"
    );
    let feed = page_text(&client, &app, "/canh-bao", &cookie).await;
    assert!(feed.contains(&format!("<a href=\"{path}\">")));

    let html = page_text(&client, &app, &path, &cookie).await;
    assert!(
        html.contains("<h1>Đề án phát triển nhà ở xã hội</h1>"),
        "{html}"
    );
    assert!(html.contains(&format!(
        "chủ trì: <a href=\"/co-quan/{}\">Sở Xây dựng</a>",
        app.sxd
    )));
    assert!(html.contains("<svg class=\"chart\""), "{html}");
    assert!(
        html.contains("<title id=\"bd-tieu-de\">"),
        "the chart has a text name"
    );
    assert!(html.contains("class=\"plan\""), "the planned line");
    assert!(
        html.contains(": 15%</title></circle>"),
        "the reported point: {html}"
    );
    assert!(html.contains("<td>15%</td>"), "the report is listed");
    assert!(html.contains("Chậm"), "its warning: {html}");

    let res = get_page(&client, &app, "/nhiem-vu/999999", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
