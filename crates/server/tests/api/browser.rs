//! The overview in a real browser: Debian's headless Chromium driven
//! through chromedriver (WebDriver). An operator signs in through the form
//! and keeps the overview open; a report that puts a task 30 points behind
//! plan is filed; the red warning appears on the open page within 2 seconds
//! without a reload; a search typed without diacritics finds the task.
//! Screenshots of the overview (desktop and phone width) and the search are
//! saved under the target directory to be looked at.
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
    /// Chromium's profile, fresh for each run.
    _profile: tempfile::TempDir,
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
        _profile: tempfile::tempdir().unwrap(),
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
                format!("--user-data-dir={}", driver._profile.path().display()),
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
    let period = app.a_under_way().await;

    let operator = browser(&driver).await;
    operator.goto(&format!("{}/", app.base)).await.unwrap();
    // Sent to the sign-in page first.
    let url = operator.current_url().await.unwrap();
    assert_eq!(url.path(), "/dang-nhap", "{url}");
    operator
        .find(Locator::Id("name"))
        .await
        .unwrap()
        .send_keys("dieuphoi")
        .await
        .unwrap();
    operator
        .find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    operator
        .find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
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

    let report = app.report_far_behind(period);
    let filed = Instant::now();
    app.post(&app.reporter, "/api/reports", &report)
        .await
        .ok(201);
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
    operator.close().await.unwrap();
}
