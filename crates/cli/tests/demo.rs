//! `tiendo demo` as a visitor runs it: a real process on a free port that
//! prints where it listens and which accounts to use; each account signs in
//! over HTTP, the reporter belongs to an agency, and the warnings are
//! already evaluated. A second run on the same file starts what is there.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

struct Demo {
    child: Child,
    /// Kept open: a closed pipe would fail the server's next line of output.
    _stdout: BufReader<ChildStdout>,
    base: String,
    /// Everything it printed up to the address.
    said: Vec<String>,
}

impl Demo {
    fn start(db: &Path) -> Demo {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tiendo"))
            .args(["demo", "--db", db.to_str().unwrap()])
            .args(["--listen", "127.0.0.1:0", "--tasks", "300", "--seed", "7"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tiendo demo");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
        let mut said = Vec::new();
        loop {
            let mut line = String::new();
            if stdout.read_line(&mut line).expect("read the demo's output") == 0 {
                break;
            }
            let line = line.trim_end().to_string();
            let addr = line
                .split_once("http://")
                .and_then(|(_, rest)| rest.split_once('/'))
                .map(|(addr, _)| addr.to_string());
            said.push(line);
            if let Some(addr) = addr {
                return Demo {
                    child,
                    _stdout: stdout,
                    base: format!("http://{addr}"),
                    said,
                };
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the demo never said where it listens: {said:#?}");
    }

    fn said(&self, text: &str) -> bool {
        self.said.iter().any(|l| l.contains(text))
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Signs in and returns the session cookie and what the server says of the user.
async fn sign_in(client: &reqwest::Client, base: &str, name: &str) -> (String, Value) {
    let res = client
        .post(format!("{base}/api/session"))
        .json(&json!({ "name": name, "password": "tiendo-demo" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{name} signs in");
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    (cookie, res.json().await.unwrap())
}

async fn get(client: &reqwest::Client, base: &str, cookie: &str, path: &str) -> Value {
    let res = client
        .get(format!("{base}{path}"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.json().await.unwrap()
}

#[tokio::test]
async fn the_demo_serves_a_province_with_an_account_per_role_and_its_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let client = reqwest::Client::new();
    {
        let demo = Demo::start(&db);
        assert!(demo.said("Đã tạo tỉnh mô phỏng"), "{:#?}", demo.said);
        assert!(demo.said("mật khẩu chung: tiendo-demo"));
        let mut roles = Vec::new();
        for name in ["dieuhanh", "lanhdao", "giamsat", "baocao"] {
            assert!(demo.said(name), "{name} listed: {:#?}", demo.said);
            let (_, session) = sign_in(&client, &demo.base, name).await;
            roles.push(session["user"]["role"].as_str().unwrap().to_string());
        }
        assert_eq!(roles, ["operator", "leader", "supervisor", "reporter"]);

        let (cookie, session) = sign_in(&client, &demo.base, "baocao").await;
        let agency = session["user"]["agency"]
            .as_i64()
            .expect("the reporter's agency");
        let tasks = get(
            &client,
            &demo.base,
            &cookie,
            &format!("/api/tasks?agency={agency}"),
        )
        .await;
        assert!(
            tasks["total"].as_i64().unwrap() > 0,
            "the reporter's agency leads tasks"
        );

        let (cookie, _) = sign_in(&client, &demo.base, "dieuhanh").await;
        let counts = get(&client, &demo.base, &cookie, "/api/warnings/counts").await;
        let red = counts["by_severity"]["red"].as_i64().unwrap_or(0);
        assert!(red > 0, "warnings are evaluated: {counts}");
        assert!(demo.said("đang mở"), "{:#?}", demo.said);
    }
    // Again on the same file: nothing generated twice, the accounts still work.
    let demo = Demo::start(&db);
    assert!(demo.said("Dùng lại cơ sở dữ liệu"), "{:#?}", demo.said);
    assert!(!demo.said("Đã tạo tỉnh mô phỏng"));
    let (cookie, _) = sign_in(&client, &demo.base, "dieuhanh").await;
    let programs = get(&client, &demo.base, &cookie, "/api/programs").await;
    assert_eq!(programs.as_array().map(Vec::len), Some(1), "{programs}");
}
