//! The overview in a real browser: Debian's headless Chromium driven
//! through chromedriver (WebDriver). An operator signs in through the form
//! and keeps the overview open; a reporter, in a second browser, sends the
//! report form with a value that is not a number (the error is beside the
//! field, the input kept), then a report 30 points behind plan; the red
//! warning appears on the open overview within 2 seconds without a reload;
//! a search typed without diacritics finds the task; its page, left open,
//! shows the reporter's correction within 2 seconds without a reload; the
//! program tree filters through its address.
//! Screenshots of the overview (desktop and phone width), the report form,
//! the search, the task page and the tree are saved under the target
//! directory to be looked at.
//!
//! Needs `chromedriver` and `chromium` (Debian packages `chromium-driver`,
//! `chromium`). Without them the test says so and passes; with
//! `TIENDO_REQUIRE_BROWSER=1` (set by `.ci/run`) their absence fails it.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::{PASSWORD, TestApp};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

struct Driver {
    child: Child,
    url: String,
    /// A fresh Chromium profile for each session (two sessions cannot share one).
    profiles: std::sync::Mutex<Vec<tempfile::TempDir>>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts chromedriver on a free port, or says why not.
async fn chromedriver() -> Option<Driver> {
    let missing = [CHROMEDRIVER, CHROMIUM]
        .into_iter()
        .find(|p| !std::path::Path::new(p).exists());
    if let Some(path) = missing {
        let required = std::env::var("TIENDO_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "TIENDO_REQUIRE_BROWSER=1 but {path} is missing (apt-get install chromium chromium-driver)"
        );
        eprintln!(
            "browser test skipped: {path} is missing (apt-get install chromium chromium-driver)"
        );
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let url = format!("http://127.0.0.1:{port}");
    let driver = Driver {
        child,
        url,
        profiles: std::sync::Mutex::new(Vec::new()),
    };
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    for _ in 0..100 {
        if client
            .get(format!("{}/status", driver.url))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return Some(driver);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not answer on {}", driver.url);
}

/// A fresh headless Chromium session.
async fn browser(driver: &Driver) -> Client {
    let profile = tempfile::tempdir().unwrap();
    let profile_dir = profile.path().display().to_string();
    driver.profiles.lock().unwrap().push(profile);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,1000",
                format!("--user-data-dir={profile_dir}"),
            ],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a Chromium session")
}

fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn save_screenshot(browser: &Client, name: &str) {
    let png = browser.screenshot().await.unwrap();
    let path = screenshots().join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

/// Fills and sends the sign-in form the browser is on.
async fn fill_sign_in(browser: &Client, name: &str) {
    for (id, text) in [("name", name), ("password", PASSWORD)] {
        browser
            .find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    }
    browser
        .find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Signs in from the sign-in page and waits to be let in.
async fn sign_in(browser: &Client, base: &str, name: &str) {
    browser.goto(&format!("{base}/dang-nhap")).await.unwrap();
    fill_sign_in(browser, name).await;
    browser
        .wait()
        .for_element(Locator::Id("tong-quan"))
        .await
        .unwrap();
}

/// Sends the report form of `task`.
async fn submit_task_form(browser: &Client, task: i64) {
    browser
        .find(Locator::Css(&format!(
            "#nv-{task} form button[type=submit]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// The text of the live part of the overview.
async fn overview_text(browser: &Client) -> String {
    browser
        .find(Locator::Id("tong-quan"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_open_overview_shows_a_new_red_warning_within_two_seconds_without_a_reload() {
    let Some(driver) = chromedriver().await else {
        return;
    };
    let app = TestApp::spawn().await;
    app.a_under_way().await;

    let operator = browser(&driver).await;
    operator.goto(&format!("{}/", app.base)).await.unwrap();
    // Sent to the sign-in page first, and back to the overview after.
    let url = operator.current_url().await.unwrap();
    assert_eq!(url.path(), "/dang-nhap", "{url}");
    fill_sign_in(&operator, "dieuphoi").await;
    // The overview's live part exists only once the sign-in page is gone.
    operator
        .wait()
        .for_element(Locator::Id("tong-quan"))
        .await
        .unwrap();
    let heading = operator.find(Locator::Css("h1")).await.unwrap();
    assert_eq!(heading.text().await.unwrap(), "Tổng quan");
    let before = overview_text(&operator).await;
    assert!(
        !before.contains("Chậm"),
        "no behind-plan warning yet: {before}"
    );
    // Marks this page: a reload would lose the mark.
    operator
        .execute("window.tiendoMark = 'giữ nguyên';", vec![])
        .await
        .unwrap();
    // Let the page's event stream connect before the change.
    tokio::time::sleep(Duration::from_millis(300)).await;

    // The reporter, in a second browser, files through the report form:
    // first a value that is not a number, then 15 % (30 points behind).
    let reporter = browser(&driver).await;
    sign_in(&reporter, &app.base, "sxd.baocao").await;
    reporter
        .goto(&format!("{}/bao-cao", app.base))
        .await
        .unwrap();
    let task = app.task_a;
    let percent = format!("percent-{task}");
    let done = format!("done-{task}");
    let field = reporter.find(Locator::Id(&percent)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys("mười lăm").await.unwrap();
    reporter
        .find(Locator::Id(&done))
        .await
        .unwrap()
        .send_keys("Đã khảo sát 3 khu đất")
        .await
        .unwrap();
    submit_task_form(&reporter, task).await;
    let error = reporter
        .wait()
        .for_element(Locator::Id(&format!("loi-percent-{task}")))
        .await
        .unwrap();
    assert!(error.text().await.unwrap().contains("không phải là một số"));
    let kept = reporter.find(Locator::Id(&percent)).await.unwrap();
    assert_eq!(
        kept.prop("value").await.unwrap().as_deref(),
        Some("mười lăm")
    );
    let kept_done = reporter.find(Locator::Id(&done)).await.unwrap();
    assert_eq!(
        kept_done.prop("value").await.unwrap().as_deref(),
        Some("Đã khảo sát 3 khu đất")
    );
    save_screenshot(&reporter, "report-form-error.png").await;
    assert!(
        !overview_text(&operator).await.contains("Chậm"),
        "a refused report changes nothing"
    );

    kept.clear().await.unwrap();
    kept.send_keys("15").await.unwrap();
    let filed = Instant::now();
    submit_task_form(&reporter, task).await;
    let mut after = String::new();
    while filed.elapsed() < Duration::from_secs(2) {
        after = overview_text(&operator).await;
        if after.contains("Chậm") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let took = filed.elapsed();
    assert!(
        after.contains("Chậm"),
        "the red warning did not appear within 2 s: {after}"
    );
    assert!(after.contains("Đỏ"), "{after}");
    let mark = operator
        .execute("return window.tiendoMark || null;", vec![])
        .await
        .unwrap();
    assert_eq!(mark, json!("giữ nguyên"), "the page was not reloaded");
    eprintln!(
        "the warning appeared {} ms after the report",
        took.as_millis()
    );

    save_screenshot(&operator, "overview.png").await;
    operator.set_window_size(390, 844).await.unwrap();
    save_screenshot(&operator, "overview-phone.png").await;
    operator.set_window_size(1280, 1000).await.unwrap();

    // Search from the navigation, typed without diacritics.
    operator
        .find(Locator::LinkText("Tìm kiếm"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let field = operator
        .wait()
        .for_element(Locator::Id("tim"))
        .await
        .unwrap();
    field.send_keys("de an nha o xa hoi").await.unwrap();
    operator
        .find(Locator::Css("form[role=search] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let found = operator
        .wait()
        .for_element(Locator::Id("h-nhiem-vu"))
        .await
        .unwrap();
    assert_eq!(found.text().await.unwrap(), "Nhiệm vụ (1)");
    let hits = operator
        .find(Locator::Css(".hits"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(hits.contains("Đề án phát triển nhà ở xã hội"), "{hits}");
    save_screenshot(&operator, "search.png").await;

    // The task's page, from the search hit, follows a correction live.
    operator
        .find(Locator::LinkText("Đề án phát triển nhà ở xã hội"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    operator
        .wait()
        .for_element(Locator::Id("nhiem-vu"))
        .await
        .unwrap();
    operator
        .execute("window.tiendoMark = 'trang nhiệm vụ';", vec![])
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    // The reporter's page after sending: the report is there to correct.
    let notice = reporter
        .wait()
        .for_element(Locator::Css(".notice"))
        .await
        .unwrap();
    assert_eq!(notice.text().await.unwrap(), "Đã gửi báo cáo.");
    save_screenshot(&reporter, "report-form.png").await;
    let field = reporter.find(Locator::Id(&percent)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys("20").await.unwrap();
    let revised = Instant::now();
    submit_task_form(&reporter, task).await;
    let task_text = async || {
        operator
            .find(Locator::Id("nhiem-vu"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let mut shown = String::new();
    while revised.elapsed() < Duration::from_secs(2) {
        shown = task_text().await;
        if shown.contains("Đã điều chỉnh 1 lần") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        shown.contains("Đã điều chỉnh 1 lần") && shown.contains("20%"),
        "the correction did not reach the open task page within 2 s: {shown}"
    );
    let mark = operator
        .execute("return window.tiendoMark || null;", vec![])
        .await
        .unwrap();
    assert_eq!(mark, json!("trang nhiệm vụ"), "the page was not reloaded");
    eprintln!(
        "the correction appeared on the task page {} ms after it was sent",
        revised.elapsed().as_millis()
    );
    operator.set_window_size(1280, 2200).await.unwrap();
    save_screenshot(&operator, "task.png").await;
    operator.set_window_size(1280, 1000).await.unwrap();

    // The program tree, filtered through its address.
    operator
        .goto(&format!("{}/chuong-trinh?status=in_progress", app.base))
        .await
        .unwrap();
    let tree = operator
        .wait()
        .for_element(Locator::Id("cay"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(tree.contains("Đề án phát triển nhà ở xã hội"), "{tree}");
    assert!(
        !tree.contains("Dự án chỉnh trang đô thị ven biển"),
        "{tree}"
    );
    save_screenshot(&operator, "tree.png").await;
    operator.close().await.unwrap();
    reporter.close().await.unwrap();
}
