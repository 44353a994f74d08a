//! The types that cross the core's boundary: the [`Config`] a shell gives, the [`Input`]s it feeds
//! and the [`Output`]s it performs ([`Outgoing`] requests, [`Delivery`] notes), the [`Snapshot`] it
//! stores, and the [`ResendOffer`] it shows. [`crate::Flow`] is the machine between them.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::action::Action;
use crate::error::Failure;
use crate::factor::ActivationChannel;
use crate::href::Href;
use crate::request::HttpRequest;
use crate::response::HttpResponse;
use crate::secret::StateToken;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The Okta org base URL, e.g. `https://example.okta.com` (entry points are built from it).
    pub base_url: String,
    /// Wait between push-verify polls (default 4 s).
    pub verify_poll_interval: Duration,
    /// Wait between enrollment-activation polls (default 6 s).
    pub enroll_poll_interval: Duration,
    /// How long a request may go unanswered before it fails as a network error (default 30 s).
    pub request_timeout: Duration,
    /// How long after a code or push was sent before resend is offered (default 30 s).
    pub resend_interval: Duration,
    /// Headers added to every request (e.g. `Accept-Language`).
    pub extra_headers: Vec<(String, String)>,
}

impl Config {
    /// Default intervals for `base_url`.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            verify_poll_interval: Duration::from_secs(4),
            enroll_poll_interval: Duration::from_secs(6),
            request_timeout: Duration::from_secs(30),
            resend_interval: Duration::from_secs(30),
            extra_headers: Vec::new(),
        }
    }

    fn endpoint(&self, path: &str) -> Href {
        Href::new(format!("{}{path}", self.base_url.trim_end_matches('/')))
    }

    /// `{base}/api/v1/authn`: primary auth and get-state.
    pub fn authn_url(&self) -> Href {
        self.endpoint("/api/v1/authn")
    }

    /// `{base}/api/v1/authn/recovery/password`.
    pub fn forgot_password_url(&self) -> Href {
        self.endpoint("/api/v1/authn/recovery/password")
    }

    /// `{base}/api/v1/authn/recovery/unlock`.
    pub fn unlock_url(&self) -> Href {
        self.endpoint("/api/v1/authn/recovery/unlock")
    }

    /// `{base}/api/v1/authn/recovery/token`.
    pub fn recovery_token_url(&self) -> Href {
        self.endpoint("/api/v1/authn/recovery/token")
    }

    /// Every entry-point URL.
    pub fn entry_urls(&self) -> [Href; 4] {
        [
            self.authn_url(),
            self.forgot_password_url(),
            self.unlock_url(),
            self.recovery_token_url(),
        ]
    }
}

/// Identifies one request the core asked the shell to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub(crate) u64);

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Everything that goes into the flow.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Something the user wants to do.
    Action(Action),
    /// The response to request `id` (any status, any bytes).
    Response(RequestId, HttpResponse),
    /// Request `id` failed before a response (connection refused, reset, DNS, ...).
    NetworkFailure(RequestId, String),
    /// Time passed: the shell's timer (set by the last [`Output::WakeAt`]) fired. Harmless when early.
    Tick,
}

/// A request to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// Its id: answer with [`Input::Response`] or [`Input::NetworkFailure`] carrying it.
    pub id: RequestId,
    /// The request.
    pub request: HttpRequest,
    /// When the core gives up on it (a shell may also abort it then).
    pub deadline: OffsetDateTime,
}

/// What went out to the user after a successful request (for notices and countdowns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// A one-time code (SMS, voice call, email).
    Code,
    /// Another code (resend).
    CodeAgain,
    /// An Okta Verify push.
    Push,
    /// Another push (resend).
    PushAgain,
    /// An Okta Verify activation link.
    ActivationLink(ActivationChannel),
}

/// Everything that comes out of the flow, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// Send this request.
    Send(Outgoing),
    /// Set the one timer to this instant (replacing any earlier one); when it fires, feed
    /// [`Input::Tick`].
    WakeAt(OffsetDateTime),
    /// Store this snapshot (replacing any previous one).
    Persist(Snapshot),
    /// Delete the stored snapshot.
    ClearSnapshot,
    /// Send the browser to this URL (step-up redirect, externally managed password page).
    Navigate(Href),
    /// A code, push or activation link was sent.
    Delivered(Delivery),
    /// The state changed: render [`crate::Flow::state`] again.
    Changed,
    /// An action or request failed; the state is unchanged unless a [`Output::Changed`] preceded it.
    Failed(Failure),
}

/// Whether and when resend may be offered (see [`crate::Flow::resend_offer`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResendOffer {
    /// Resend now.
    Ready,
    /// Resend after this wait (show a countdown).
    After(Duration),
}

/// A small, serialisable resume point. Resume with [`crate::Flow::resume`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The stateToken.
    pub state_token: StateToken,
    /// The status when saved (wire string).
    pub status: String,
    /// `expiresAt`.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    /// The challenged factor id, if any.
    #[serde(default)]
    pub factor_id: Option<String>,
    /// Poll parameters of the verify in progress.
    #[serde(default)]
    pub poll: PollParams,
    /// When the next poll was due.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub wake_at: Option<OffsetDateTime>,
    /// When resend becomes available.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub resend_at: Option<OffsetDateTime>,
}

/// Query parameters repeated on each poll of a verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PollParams {
    /// `rememberDevice`.
    pub remember_device: Option<bool>,
    /// `autoPush`.
    pub auto_push: Option<bool>,
}

impl PollParams {
    pub(crate) fn query(self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(v) = self.remember_device {
            out.push(("rememberDevice", v.to_string()));
        }
        if let Some(v) = self.auto_push {
            out.push(("autoPush", v.to_string()));
        }
        out
    }
}
