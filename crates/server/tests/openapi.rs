//! `docs/openapi.json` held to the code: the server serves exactly that
//! file; it documents every route of `src/api/mod.rs` with its methods and
//! nothing else; and the answers of a real server, seeded with a small
//! program, match the schema the document gives for their status — every
//! operation at least once with its success status, and the errors.

#[path = "openapi/client.rs"]
mod client;
#[path = "../../cli/tests/schema.rs"]
mod schema;
#[path = "openapi/seed.rs"]
mod seed;
#[path = "openapi/steps.rs"]
mod steps;

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::Value;
use tiendo_server::Config;
use tiendo_store::Store;
use tokio::net::TcpListener;

use crate::client::Api;

const DOC: &str = include_str!("../../../docs/openapi.json");
const ROUTER: &str = include_str!("../src/api/mod.rs");
/// What the router's fallback answers for a path it does not know.
const FALLBACK: &str = "Không có địa chỉ này trong API.";
const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

fn doc() -> Value {
    serde_json::from_str(DOC).expect("docs/openapi.json is JSON")
}

/// Every `(METHOD, path)` the document describes.
fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let paths = doc["paths"].as_object().expect("paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .into_iter()
                .flatten()
                .filter(|(m, _)| METHODS.contains(&m.as_str()))
                .map(|(m, _)| (m.to_uppercase(), path.clone()))
        })
        .collect()
}

/// Every `(METHOD, path)` of `src/api/mod.rs`: each `.route("path", …)` and
/// the method routers (`get(`, `.post(` …) in its arguments.
fn routed_in_source() -> BTreeSet<(String, String)> {
    assert!(
        !ROUTER.contains(".nest(")
            && !ROUTER.contains(".merge(")
            && !ROUTER.contains(".route_service("),
        "the router grew a way of routing this scan does not follow; teach routed_in_source"
    );
    let mut out = BTreeSet::new();
    let mut rest = ROUTER;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let mut depth = 1;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map(|(i, _)| i)
            .expect("a .route( call is closed");
        let args = &rest[..end];
        let (path, routers) = args
            .trim_start()
            .strip_prefix('"')
            .and_then(|a| a.split_once('"'))
            .expect("a .route( call starts with its path as a string literal");
        for (i, _) in routers.match_indices('(') {
            let start = routers[..i]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(0, |p| p + 1);
            let name = &routers[start..i];
            assert!(
                METHODS.contains(&name),
                "unrecognised call `{name}(` in .route(\"{path}\", …); teach routed_in_source"
            );
            out.insert((name.to_uppercase(), path.to_string()));
        }
        rest = &rest[end..];
    }
    out
}

/// `/api/tasks/{id}/audit` → `/api/tasks/1/audit`.
fn with_sample_ids(path: &str) -> String {
    path.split('/')
        .map(|s| if s.starts_with('{') { "1" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// The value a `#/…` reference points at.
fn resolve<'a>(doc: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => doc
            .pointer(r.strip_prefix('#').expect("a local reference"))
            .unwrap_or_else(|| panic!("{r} does not resolve")),
        None => node,
    }
}

#[test]
fn the_document_is_openapi_3_1_and_every_reference_resolves() {
    let doc = doc();
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1."))
    );
    fn walk(doc: &Value, v: &Value, at: &str, bad: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                if let Some(r) = o.get("$ref").and_then(Value::as_str)
                    && (!r.starts_with("#/") || doc.pointer(&r[1..]).is_none())
                {
                    bad.push(format!("{at}: {r}"));
                }
                for (k, child) in o {
                    walk(doc, child, &format!("{at}/{k}"), bad);
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    walk(doc, child, &format!("{at}/{i}"), bad);
                }
            }
            _ => {}
        }
    }
    let mut bad = Vec::new();
    walk(&doc, &doc, "#", &mut bad);
    assert!(bad.is_empty(), "dangling references:\n{}", bad.join("\n"));
}

#[test]
fn every_operation_has_an_id_a_success_its_path_parameters_and_the_right_security() {
    let doc = doc();
    let mut ids = BTreeSet::new();
    for (method, path) in documented(&doc) {
        let item = &doc["paths"][&path];
        let op = &item[method.to_lowercase()];
        let what = format!("{method} {path}");
        let id = op["operationId"]
            .as_str()
            .unwrap_or_else(|| panic!("{what}: no operationId"));
        assert!(ids.insert(id.to_string()), "{what}: operationId {id} twice");
        let responses = op["responses"].as_object().expect("responses");
        assert!(
            responses.keys().any(|s| s.starts_with('2')),
            "{what}: no success response"
        );
        for (status, r) in responses {
            let r = resolve(&doc, r);
            assert!(
                r["description"].is_string(),
                "{what} {status}: no description"
            );
            if !status.starts_with('2') {
                assert_eq!(
                    r["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/Error",
                    "{what} {status}: errors have the Error shape"
                );
            }
        }
        let declared: BTreeSet<&str> = item["parameters"]
            .as_array()
            .into_iter()
            .chain(op["parameters"].as_array())
            .flatten()
            .map(|p| resolve(&doc, p))
            .filter(|p| p["in"] == "path")
            .filter_map(|p| p["name"].as_str())
            .collect();
        let in_path: BTreeSet<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        assert_eq!(declared, in_path, "{what}: path parameters");
        // Writes need the CSRF token beside the cookie; only signing in and
        // out are open.
        let security = op.get("security").unwrap_or(&doc["security"]);
        let csrf = security
            .as_array()
            .expect("security")
            .iter()
            .filter(|s| s.get("sessionCookie").is_some())
            .all(|s| s.get("csrfToken").is_some());
        if method != "GET" && path != "/api/session" {
            assert!(csrf, "{what}: a write with the cookie needs csrfToken");
        }
    }
}

#[test]
fn the_document_describes_exactly_the_routes_of_the_router() {
    let in_source = routed_in_source();
    let in_doc = documented(&doc());
    assert!(in_source.len() >= 30, "the scan found only {in_source:?}");
    let undocumented: Vec<_> = in_source.difference(&in_doc).collect();
    let unrouted: Vec<_> = in_doc.difference(&in_source).collect();
    assert!(
        undocumented.is_empty(),
        "routed but not documented: {undocumented:?}"
    );
    assert!(
        unrouted.is_empty(),
        "documented but not routed: {unrouted:?}"
    );
}

struct App {
    base: String,
    client: reqwest::Client,
    store: Store,
    _dir: tempfile::TempDir,
}

/// A real server on a free port of the loopback, on a fresh database.
async fn spawn() -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("tiendo.db")).await.unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(tiendo_server::serve(
        listener,
        store.clone(),
        Config::default(),
        std::future::pending(),
    ));
    App {
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        store,
        _dir: dir,
    }
}

#[tokio::test]
async fn the_server_serves_docs_openapi_json() {
    let app = spawn().await;
    let res = app
        .client
        .get(format!("{}/api/openapi.json", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/json");
    let served = res.text().await.unwrap();
    assert_eq!(served, DOC);
    assert_eq!(tiendo_server::openapi::DOCUMENT, DOC);
    let served: Value = serde_json::from_str(&served).unwrap();
    assert_eq!(served["openapi"], "3.1.0");
}

#[tokio::test]
async fn every_documented_operation_is_routed() {
    let app = spawn().await;
    let send = |method: &str, path: &str| {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let req = app.client.request(method, format!("{}{path}", app.base));
        async move {
            let res = req.send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    // What an unrouted path and an unrouted method look like.
    let (status, body) = send("GET", "/api/nowhere").await;
    assert_eq!(status, 404);
    assert!(body.contains(FALLBACK), "{body}");
    let (status, _) = send("PATCH", "/api/health").await;
    assert_eq!(status, 405);

    for (method, path) in documented(&doc()) {
        let (status, body) = send(&method, &with_sample_ids(&path)).await;
        assert_ne!(status, 405, "{method} {path} is not routed for this method");
        assert!(
            !body.contains(FALLBACK),
            "{method} {path} fell through to the fallback: {status} {body}"
        );
    }
}

#[tokio::test]
async fn real_answers_match_the_documented_schemas() {
    let api = Api::start().await;
    steps::meta(&api).await;
    steps::accounts(&api).await;
    steps::catalog_reads(&api).await;
    let period = steps::periods(&api).await;
    steps::tasks(&api).await;
    steps::reports(&api, period).await;
    steps::actuals(&api, period).await;
    steps::audit(&api).await;
    steps::warnings(&api).await;
    steps::errors(&api).await;

    let seen = api.seen.lock().unwrap();
    let unproven: Vec<_> = documented(&api.doc)
        .into_iter()
        .filter(|op| {
            !seen
                .get(op)
                .is_some_and(|s| s.iter().any(|c| (200..300).contains(c)))
        })
        .collect();
    assert!(
        unproven.is_empty(),
        "no success answer checked for {unproven:?}"
    );
}
