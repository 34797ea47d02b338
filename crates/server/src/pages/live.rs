//! Live pages: one Server-Sent Events stream per open page. An event says
//! only that something changed (`event: change`, `data: warning|report|acknowledgement|assignment|actual`);
//! the page then fetches its parts again, rendered for its viewer, so the
//! stream itself carries nothing one viewer may see and another may not.

use std::convert::Infallible;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use tokio::sync::broadcast::error::RecvError;

use super::Visitor;
use crate::AppState;

pub(super) async fn events(
    State(state): State<AppState>,
    _visitor: Visitor,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let streams = (
        state.warnings.subscribe(),
        state.live.subscribe(),
        state.closing.subscribe(),
    );
    let stream = futures_util::stream::unfold(streams, |(mut w, mut r, mut closing)| async move {
        if *closing.borrow() {
            return None;
        }
        let what = tokio::select! {
            got = w.recv() => match got {
                // A receiver that fell behind has missed something: refresh.
                Ok(_) | Err(RecvError::Lagged(_)) => "warning",
                Err(RecvError::Closed) => return None,
            },
            got = r.recv() => match got {
                Ok(crate::Live::Report) => "report",
                Ok(crate::Live::Acknowledgement) => "acknowledgement",
                Ok(crate::Live::Assignment) => "assignment",
                Ok(crate::Live::Actual) => "actual",
                Err(RecvError::Lagged(_)) => "report",
                Err(RecvError::Closed) => return None,
            },
            _ = closing.changed() => return None,
        };
        Some((
            Ok(Event::default().event("change").data(what)),
            (w, r, closing),
        ))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}
