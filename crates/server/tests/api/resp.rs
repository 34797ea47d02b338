//! A response with its body read, and the checks every test makes of one:
//! the status, and for a refusal the error body's shape and code.

use reqwest::header::{CONTENT_TYPE, HeaderMap};
use reqwest::{RequestBuilder, StatusCode};
use serde_json::Value;

/// A finished response, its body read.
#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

pub async fn send(request: RequestBuilder) -> Resp {
    let res = request.send().await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    Resp {
        status,
        headers,
        text,
    }
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the status and returns the JSON body (null when empty).
    #[track_caller]
    pub fn ok(&self, status: u16) -> Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        if self.text.is_empty() {
            Value::Null
        } else {
            self.json()
        }
    }

    /// Asserts the status and an error body `{"error": {"code", "message"
    /// [, "field"]}}` with `code`; returns the inner object.
    #[track_caller]
    pub fn error(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        let media = self.header(CONTENT_TYPE.as_str()).unwrap_or_default();
        assert!(
            media.starts_with("application/json"),
            "{media}: {}",
            self.text
        );
        let body = self.json();
        let outer = body.as_object().expect("an object");
        assert_eq!(outer.keys().collect::<Vec<_>>(), ["error"], "{body}");
        let inner = body["error"].as_object().expect("error is an object");
        for key in inner.keys() {
            assert!(
                ["code", "message", "field"].contains(&key.as_str()),
                "{body}"
            );
        }
        assert_eq!(inner["code"], code, "{body}");
        let message = inner["message"].as_str().expect("message is text");
        assert!(!message.trim().is_empty(), "{body}");
        if let Some(field) = inner.get("field") {
            assert!(field.is_string(), "{body}");
        }
        body["error"].clone()
    }
}
