//! The HTTP JSON API of Tiến Độ. Handlers check who asks and what they send,
//! hand domain values to `tiendo-store`, and answer 2xx only once the store
//! has committed. Errors are JSON with a stable code (see `error`).

mod api;
mod error;
mod extract;
pub mod openapi;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tiendo_store::Store;
use tokio::net::TcpListener;

pub use error::{ApiError, ApiResult};
pub use extract::{CSRF_HEADER, IDEMPOTENCY_HEADER, REQUEST_ID_HEADER, SESSION_COOKIE};

/// Largest request body accepted by default (256 KiB): a report with long
/// texts fits many times over; bulk assignment of a few thousand tasks too.
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;

#[derive(Debug, Clone)]
pub struct Config {
    pub body_limit: usize,
    /// Mark the session cookie `Secure` (serve behind HTTPS).
    pub secure_cookies: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: DEFAULT_BODY_LIMIT,
            secure_cookies: false,
        }
    }
}

/// What every handler gets.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
}

/// The whole application as a router.
pub fn router(store: Store, config: Config) -> Router {
    let limit = config.body_limit;
    let state = AppState {
        store,
        config: Arc::new(config),
    };
    api::routes()
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn(extract::request_id))
        .with_state(state)
}

/// Serves until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    store: Store,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(store, config);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
