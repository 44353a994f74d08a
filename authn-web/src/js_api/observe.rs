//! A transport that passes every request through and remembers the two things the JS API reports
//! that the widget's events do not carry: the last HTTP error (status and body, for `afterError`'s
//! `statusCode` and `xhr.responseJSON`) and the last username sent (for Okta's
//! `FORGOT_PASSWORD_EMAIL_SENT` / `UNLOCK_ACCOUNT_EMAIL_SENT` success data). Nothing is logged;
//! only error bodies (which carry no secret) and usernames are kept.

use std::cell::RefCell;
use std::rc::Rc;

use authn_core::Outgoing;

use crate::services::{Transport, TransportFuture};

/// An HTTP error response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct HttpError {
    /// The status code (>= 400).
    pub(super) status: u16,
    /// The body as received.
    pub(super) body: String,
}

#[derive(Default)]
struct Seen {
    last_error: Option<HttpError>,
    username: Option<String>,
}

/// The observing transport; clones share what was seen.
#[derive(Clone)]
pub(super) struct Observer {
    inner: Rc<dyn Transport>,
    seen: Rc<RefCell<Seen>>,
}

impl Observer {
    pub(super) fn new(inner: Rc<dyn Transport>) -> Self {
        Self {
            inner,
            seen: Rc::default(),
        }
    }

    /// The error response of the last request, if it failed with an HTTP status.
    pub(super) fn last_error(&self) -> Option<HttpError> {
        self.seen.borrow().last_error.clone()
    }

    /// The `username` of the last request body that had one.
    pub(super) fn username(&self) -> Option<String> {
        self.seen.borrow().username.clone()
    }
}

impl Transport for Observer {
    fn send(&self, outgoing: Outgoing) -> TransportFuture {
        {
            let mut seen = self.seen.borrow_mut();
            seen.last_error = None;
            let username = outgoing
                .request
                .body
                .as_ref()
                .and_then(|body| body.expose().get("username"))
                .and_then(serde_json::Value::as_str);
            if let Some(username) = username {
                seen.username = Some(username.to_owned());
            }
        }
        let response = self.inner.send(outgoing);
        let seen = self.seen.clone();
        Box::pin(async move {
            let result = response.await;
            if let Ok(response) = &result
                && response.status >= 400
            {
                seen.borrow_mut().last_error = Some(HttpError {
                    status: response.status,
                    body: String::from_utf8_lossy(&response.body).into_owned(),
                });
            }
            result
        })
    }
}
