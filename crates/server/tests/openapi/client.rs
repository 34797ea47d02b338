//! A client that holds every exchange to the document: the request body to
//! the operation's request schema, the answer's status to the statuses it
//! lists, the answer's body to that status's schema; and that remembers
//! which operations and statuses were checked.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::seed::{Seed, seed};
use crate::{App, doc, resolve, schema, spawn};

/// The server, the document, and the operations answered so far.
pub struct Api {
    pub app: App,
    pub doc: Value,
    pub seed: Seed,
    /// `(METHOD, path template)` → statuses seen.
    pub seen: Mutex<BTreeMap<(String, String), BTreeSet<u16>>>,
}

enum Auth {
    Token(String),
    Cookie {
        session: String,
        csrf: Option<String>,
    },
    Anonymous,
}

enum Body {
    /// Checked against the documented request schema before it is sent.
    Json(Value),
    /// Sent as is: a body the server is meant to refuse.
    Unchecked(Value),
    Raw(&'static str, Vec<u8>),
}

pub struct Req<'a> {
    api: &'a Api,
    method: &'static str,
    template: &'static str,
    path: String,
    auth: Auth,
    headers: Vec<(&'static str, String)>,
    body: Option<Body>,
}

#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn expect(self, status: u16) -> Value {
        assert_eq!(self.status, status, "{:#}", self.body);
        self.body
    }

    pub fn expect_error(self, status: u16, code: &str) -> Value {
        let body = self.expect(status);
        assert_eq!(body["error"]["code"], code, "{body:#}");
        body
    }
}

impl Api {
    pub async fn start() -> Api {
        let app = spawn().await;
        let seed = seed(&app.store).await;
        Api {
            app,
            doc: doc(),
            seed,
            seen: Mutex::default(),
        }
    }

    /// A request by the operator to `template`, whose `{id}` [`Req::id`] fills.
    pub fn req(&self, method: &'static str, template: &'static str) -> Req<'_> {
        Req {
            api: self,
            method,
            template,
            path: template.to_string(),
            auth: Auth::Token(self.seed.operator.clone()),
            headers: Vec::new(),
            body: None,
        }
    }

    pub fn get(&self, template: &'static str) -> Req<'_> {
        self.req("GET", template)
    }

    fn validate(&self, schema: &Value, value: &Value, what: &str) {
        // The checker resolves `$ref`s from the root it is given: the schema
        // with the document's components beside it.
        let mut root = schema.clone();
        root["components"] = self.doc["components"].clone();
        let errors = schema::validate(&root, value);
        assert!(
            errors.is_empty(),
            "{what} does not match the document:\n{}\n{value:#}",
            errors.join("\n")
        );
    }
}

impl Req<'_> {
    pub fn id(mut self, id: i64) -> Self {
        self.path = self.path.replacen("{id}", &id.to_string(), 1);
        self
    }

    /// Sends to `path` rather than to the template filled in: a path the
    /// template matches but no id produces.
    pub fn at(mut self, path: &str) -> Self {
        self.path = path.to_string();
        self
    }

    pub fn query(mut self, query: &str) -> Self {
        self.path = format!("{}?{query}", self.path);
        self
    }

    pub fn token(mut self, token: &str) -> Self {
        self.auth = Auth::Token(token.to_string());
        self
    }

    pub fn anonymous(mut self) -> Self {
        self.auth = Auth::Anonymous;
        self
    }

    pub fn cookie(mut self, session: &str, csrf: Option<&str>) -> Self {
        self.auth = Auth::Cookie {
            session: session.to_string(),
            csrf: csrf.map(str::to_string),
        };
        self
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }

    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(Body::Json(body));
        self
    }

    pub fn unchecked(mut self, body: Value) -> Self {
        self.body = Some(Body::Unchecked(body));
        self
    }

    pub fn raw(mut self, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        self.body = Some(Body::Raw(content_type, body.into()));
        self
    }

    /// Sends the request and checks the answer against the document: its
    /// status is listed for the operation, its body matches that status's
    /// schema (or is empty when none is given), its required headers are there.
    pub async fn send(self) -> Answer {
        let api = self.api;
        let what = format!("{} {}", self.method, self.template);
        let op = &api.doc["paths"][self.template][self.method.to_lowercase()];
        assert!(op.is_object(), "{what} is not in the document");
        let method = Method::from_bytes(self.method.as_bytes()).unwrap();
        let mut req = api
            .app
            .client
            .request(method, format!("{}{}", api.app.base, self.path));
        match self.auth {
            Auth::Token(t) => req = req.bearer_auth(t),
            Auth::Cookie { session, csrf } => {
                req = req.header("cookie", format!("tiendo_session={session}"));
                if let Some(csrf) = csrf {
                    req = req.header("x-csrf-token", csrf);
                }
            }
            Auth::Anonymous => {}
        }
        for (name, value) in self.headers {
            req = req.header(name, value);
        }
        match self.body {
            Some(Body::Json(v)) => {
                let schema = &op["requestBody"]["content"]["application/json"]["schema"];
                assert!(schema.is_object(), "{what} documents no JSON body");
                api.validate(schema, &v, &format!("the request body of {what}"));
                req = req.json(&v);
            }
            Some(Body::Unchecked(v)) => req = req.json(&v),
            Some(Body::Raw(content_type, bytes)) => {
                req = req.header("content-type", content_type).body(bytes)
            }
            None => {}
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let documented = &op["responses"][status.to_string()];
        assert!(
            documented.is_object(),
            "{what} answered {status}, which the document does not list: {text}"
        );
        let documented = resolve(&api.doc, documented);
        for (name, h) in documented["headers"].as_object().into_iter().flatten() {
            if resolve(&api.doc, h)["required"] == true {
                assert!(
                    headers.contains_key(name.as_str()),
                    "{what} {status}: no {name} header"
                );
            }
        }
        let schema = &documented["content"]["application/json"]["schema"];
        let body = if schema.is_null() {
            assert!(text.is_empty(), "{what} {status} documents no body: {text}");
            Value::Null
        } else {
            let content_type = headers.get("content-type").and_then(|v| v.to_str().ok());
            assert!(
                content_type.is_some_and(|t| t.starts_with("application/json")),
                "{what} {status}: content type {content_type:?}"
            );
            let body: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{what} {status} is not JSON ({e}): {text}"));
            api.validate(schema, &body, &format!("the {status} answer of {what}"));
            body
        };
        api.seen
            .lock()
            .unwrap()
            .entry((self.method.to_string(), self.template.to_string()))
            .or_default()
            .insert(status);
        Answer {
            status,
            headers,
            body,
        }
    }
}
