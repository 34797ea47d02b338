//! Outgoing webhooks: every warning change is POSTed as JSON to each
//! configured address, signed with HMAC-SHA256 over the exact body bytes.
//!
//! Each address has its own queue and worker, so a slow or failing receiver
//! delays only itself, and the write that caused the change never waits.
//! Deliveries keep their order per address; a failed one is retried with
//! exponential backoff (the same body and delivery id every time, so the
//! receiver can drop duplicates), then given up and logged.
//!
//! Headers: `X-Tiendo-Event` (`warning.raised`, …), `X-Tiendo-Delivery`
//! (unique id), `X-Tiendo-Signature: sha256=<hex>`.

use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use tiendo_store::WarningEvent;
use tokio::sync::mpsc;

pub const EVENT_HEADER: &str = "x-tiendo-event";
pub const DELIVERY_HEADER: &str = "x-tiendo-delivery";
pub const SIGNATURE_HEADER: &str = "x-tiendo-signature";

/// One receiver.
#[derive(Clone)]
pub struct Webhook {
    pub url: String,
    pub secret: String,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the secret.
        f.debug_struct("Webhook").field("url", &self.url).finish()
    }
}

#[derive(Debug, Clone)]
pub struct WebhookSettings {
    pub targets: Vec<Webhook>,
    /// Attempts per delivery, the first included. Default 8.
    pub attempts: u32,
    /// Wait before the first retry; doubled after each failure. Default 2 s.
    pub backoff: Duration,
    /// Longest wait between attempts. Default 5 min.
    pub max_backoff: Duration,
    /// Per-request timeout. Default 10 s.
    pub timeout: Duration,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        WebhookSettings {
            targets: Vec::new(),
            attempts: 8,
            backoff: Duration::from_secs(2),
            max_backoff: Duration::from_secs(300),
            timeout: Duration::from_secs(10),
        }
    }
}

/// The signature header value for `body`: `sha256=` and the hex HMAC.
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256=");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[derive(Serialize)]
struct Payload<'a> {
    /// `warning.raised`, `warning.escalated`, …
    event: &'a str,
    delivery: &'a str,
    #[serde(flatten)]
    change: &'a WarningEvent,
}

struct Delivery {
    id: String,
    event: String,
    body: Arc<Vec<u8>>,
}

/// The queues of every receiver; sending never blocks.
pub struct Dispatcher {
    queues: Vec<mpsc::UnboundedSender<Arc<Delivery>>>,
}

impl Dispatcher {
    /// Starts one worker per receiver (none without receivers).
    pub fn start(settings: &WebhookSettings) -> Self {
        let mut queues = Vec::new();
        if settings.targets.is_empty() {
            return Dispatcher { queues };
        }
        let client = match reqwest::Client::builder()
            .timeout(settings.timeout)
            .no_proxy()
            .build()
        {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "webhooks disabled: no HTTP client");
                return Dispatcher { queues };
            }
        };
        for target in &settings.targets {
            let (tx, rx) = mpsc::unbounded_channel();
            tokio::spawn(worker(client.clone(), target.clone(), settings.clone(), rx));
            queues.push(tx);
        }
        Dispatcher { queues }
    }

    /// Queues `event` for every receiver.
    pub fn send(&self, event: &WarningEvent) {
        if self.queues.is_empty() {
            return;
        }
        let id = delivery_id();
        let name = format!("warning.{}", event.kind.code());
        let payload = Payload {
            event: &name,
            delivery: &id,
            change: event,
        };
        let body = match serde_json::to_vec(&payload) {
            Ok(b) => Arc::new(b),
            Err(e) => {
                tracing::error!(error = %e, "a warning event could not be serialised");
                return;
            }
        };
        let delivery = Arc::new(Delivery {
            id,
            event: name,
            body,
        });
        for q in &self.queues {
            let _ = q.send(delivery.clone());
        }
    }
}

fn delivery_id() -> String {
    let mut bytes = [0u8; 12];
    if getrandom::fill(&mut bytes).is_err() {
        // Unique enough within a process when the OS has no randomness.
        let n = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes[..12].copy_from_slice(&n.to_le_bytes()[..12]);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn worker(
    client: reqwest::Client,
    target: Webhook,
    settings: WebhookSettings,
    mut rx: mpsc::UnboundedReceiver<Arc<Delivery>>,
) {
    while let Some(delivery) = rx.recv().await {
        let mut wait = settings.backoff;
        let signature = sign(&target.secret, &delivery.body);
        for attempt in 1..=settings.attempts.max(1) {
            let result = client
                .post(&target.url)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .header(EVENT_HEADER, &delivery.event)
                .header(DELIVERY_HEADER, &delivery.id)
                .header(SIGNATURE_HEADER, &signature)
                .body(delivery.body.as_ref().clone())
                .send()
                .await;
            let failure = match result {
                Ok(res) if res.status().is_success() => None,
                Ok(res) => Some(format!("HTTP {}", res.status())),
                Err(e) => Some(e.to_string()),
            };
            let Some(failure) = failure else { break };
            if attempt == settings.attempts.max(1) {
                tracing::error!(url = %target.url, delivery = %delivery.id, %failure, "webhook delivery given up");
                break;
            }
            tracing::warn!(url = %target.url, delivery = %delivery.id, attempt, %failure, "webhook delivery failed; retrying");
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(settings.max_backoff);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The HMAC-SHA256 test vector of RFC 4231, case 2.
    #[test]
    fn signs_like_the_reference_vector() {
        assert_eq!(
            sign("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
