//! Signing in with a name and password: a strict, HTTP-only session cookie,
//! a CSRF token every cookie write must echo, and signing out.

use reqwest::Method;
use reqwest::header::{COOKIE, SET_COOKIE};
use serde_json::{Value, json};

use crate::{PASSWORD, Resp, TestApp, send};

async fn login(app: &TestApp, name: &str, password: &str) -> Resp {
    let body = json!({ "name": name, "password": password });
    send(app.anonymous(Method::POST, "/api/session").json(&body)).await
}

/// `tiendo_session=…` from the answer's Set-Cookie.
fn cookie_of(res: &Resp) -> String {
    let set = res.header(SET_COOKIE.as_str()).expect("a Set-Cookie");
    set.split(';').next().unwrap().trim().to_string()
}

fn body(app: &TestApp, period: i64) -> Value {
    json!({ "task_id": app.task_a, "period_id": period, "status": "in_progress", "percent": 35 })
}

#[tokio::test]
async fn a_session_cookie_writes_only_with_its_csrf_token() {
    let app = TestApp::spawn().await;
    app.assign_a().await;
    let period = app.on_time_period("Kỳ đăng nhập").await;

    let res = login(&app, "sxd.baocao", PASSWORD).await;
    let session = res.ok(200);
    let set = res.header(SET_COOKIE.as_str()).unwrap().to_string();
    let attributes: Vec<&str> = set.split(';').map(str::trim).collect();
    assert!(attributes[0].starts_with("tiendo_session="), "{set}");
    assert!(attributes[0].len() > "tiendo_session=".len() + 32, "{set}");
    for wanted in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(attributes.contains(&wanted), "{wanted} missing: {set}");
    }
    assert!(
        !attributes.contains(&"Secure"),
        "plain HTTP by default: {set}"
    );
    let csrf = session["csrf_token"].as_str().unwrap().to_string();
    assert!(csrf.len() >= 32, "{session}");
    assert_eq!(session["user"]["name"], "sxd.baocao");
    assert!(session["expires_at"].is_string());
    assert!(
        !res.text.contains("argon2"),
        "no password hash in the answer"
    );
    let cookie = cookie_of(&res);

    // Reads need no CSRF token.
    let me = send(
        app.anonymous(Method::GET, "/api/me")
            .header(COOKIE, &cookie),
    )
    .await;
    assert_eq!(me.ok(200)["name"], "sxd.baocao");

    // Writes without it, or with a wrong one, are refused and store nothing.
    let other = login(&app, "sxd.baocao", PASSWORD).await.ok(200);
    let other_csrf = other["csrf_token"].as_str().unwrap().to_string();
    assert_ne!(other_csrf, csrf, "each session has its own token");
    let before = app.snapshot().await;
    let write = || {
        let r = app
            .anonymous(Method::POST, "/api/reports")
            .header(COOKIE, &cookie);
        r.json(&body(&app, period))
    };
    send(write()).await.error(403, "csrf_failed");
    for wrong in ["", "sai", other_csrf.as_str(), &csrf[..csrf.len() - 1]] {
        let res = send(write().header("x-csrf-token", wrong)).await;
        res.error(403, "csrf_failed");
    }
    assert_eq!(app.snapshot().await, before);

    let filed = send(write().header("x-csrf-token", &csrf)).await.ok(201);
    assert_eq!(filed["current"]["author"], "sxd.baocao");
    assert_eq!(filed["agency_id"], app.sxd);

    // Signing out ends the session: the cookie opens nothing any more.
    let out = app
        .anonymous(Method::DELETE, "/api/session")
        .header(COOKIE, &cookie);
    let out = send(out).await;
    out.ok(204);
    let cleared = out.header(SET_COOKIE.as_str()).unwrap();
    assert!(
        cleared.starts_with("tiendo_session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    let me = send(
        app.anonymous(Method::GET, "/api/me")
            .header(COOKIE, &cookie),
    )
    .await;
    me.error(401, "session_expired");
    let again = send(write().header("x-csrf-token", &csrf)).await;
    again.error(401, "session_expired");
    assert_eq!(app.report_total().await, 1);
}

#[tokio::test]
async fn a_wrong_password_or_an_unknown_name_gets_the_same_refusal() {
    let app = TestApp::spawn().await;
    let wrong = login(&app, "sxd.baocao", "khong-phai-mat-khau").await;
    let wrong_err = wrong.error(401, "invalid_credentials");
    assert!(wrong.header(SET_COOKIE.as_str()).is_none());
    let unknown = login(&app, "khong.co.ai", PASSWORD).await;
    let unknown_err = unknown.error(401, "invalid_credentials");
    assert_eq!(
        wrong_err, unknown_err,
        "the answer does not tell which was wrong"
    );
    let forged = app
        .anonymous(Method::GET, "/api/me")
        .header(COOKIE, "tiendo_session=abc");
    send(forged).await.error(401, "session_expired");
    // Names are compared after trimming; passwords exactly.
    login(&app, " sxd.baocao ", PASSWORD).await.ok(200);
    let padded = format!("{PASSWORD} ");
    login(&app, "sxd.baocao", &padded)
        .await
        .error(401, "invalid_credentials");
}
