//! The HTTP JSON API of Tiến Độ. Handlers check who asks and what they send,
//! hand domain values to `tiendo-store`, and answer 2xx only once the store
//! has committed. Errors are JSON with a stable code (see `error`).

mod api;
mod error;
mod extract;
pub mod openapi;
mod pages;
pub mod warnings;
pub mod webhook;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tiendo_store::Store;
use tokio::net::TcpListener;
use tokio::sync::{broadcast, watch};

pub use error::{ApiError, ApiResult};
pub use extract::{CSRF_HEADER, IDEMPOTENCY_HEADER, REQUEST_ID_HEADER, SESSION_COOKIE};
pub use warnings::{SweepSummary, WarningService, WarningSettings};
pub use webhook::{Webhook, WebhookSettings};

/// Largest request body accepted by default (256 KiB): a report with long
/// texts fits many times over; bulk assignment of a few thousand tasks too.
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;

#[derive(Debug, Clone)]
pub struct Config {
    pub body_limit: usize,
    /// Mark the session cookie `Secure` (serve behind HTTPS).
    pub secure_cookies: bool,
    pub warnings: WarningSettings,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: DEFAULT_BODY_LIMIT,
            secure_cookies: false,
            warnings: WarningSettings::default(),
        }
    }
}

/// What every handler gets.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub warnings: Arc<WarningService>,
    /// Nudges open pages when something they show changed besides a
    /// warning (warnings come from [`WarningService::subscribe`]).
    pub live: broadcast::Sender<Live>,
    /// Turns true when the server shuts down, ending the live streams so
    /// the shutdown need not wait for open pages.
    pub closing: watch::Sender<bool>,
}

/// What changed, for the pages that show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Live {
    /// A report was filed or revised.
    Report,
    /// Someone acknowledged a warning.
    Acknowledgement,
    /// A task's assignment or activation changed.
    Assignment,
    /// An indicator's actual was recorded.
    Actual,
}

impl AppState {
    /// Starts the warning engine on `store` (a first full sweep included).
    pub async fn start(store: Store, config: Config) -> Result<AppState, tiendo_store::StoreError> {
        let warnings = WarningService::start(store.clone(), config.warnings.clone()).await?;
        Ok(AppState {
            store,
            config: Arc::new(config),
            warnings,
            live: broadcast::channel(256).0,
            closing: watch::channel(false).0,
        })
    }
}

/// The whole application as a router.
pub fn router(state: AppState) -> Router {
    let limit = state.config.body_limit;
    api::routes()
        .merge(pages::routes())
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn(extract::request_id))
        .with_state(state)
}

/// Starts the warning engine (and its daily sweep), then serves until
/// `shutdown` resolves and finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    store: Store,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let state = AppState::start(store, config)
        .await
        .map_err(std::io::Error::other)?;
    state.warnings.spawn_daily();
    serve_state(listener, state, shutdown).await
}

/// Serves an already started application.
pub async fn serve_state(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let closing = state.closing.clone();
    let shutdown = async move {
        shutdown.await;
        closing.send_replace(true);
    };
    let app = router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
