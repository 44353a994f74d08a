//! Sans-IO state machine of the Okta Authentication API (`/api/v1/authn`) transaction.
//!
//! The core decides; a shell (the Yew widget, the CLI, native tests) moves bytes. It never performs IO
//! and never reads a clock: time comes in as `now`, and it builds for `wasm32-unknown-unknown`.
//!
//! # The driving loop
//!
//! 1. Ask [`Flow::allowed_actions`] what the user may do and [`Flow::state`] what to render.
//! 2. [`Flow::dispatch`] an [`Action`] with `now`. It returns a [`Command`]: `Send(request)` to perform,
//!    `Navigate(url)` for the browser, or `Local` (already handled).
//! 3. Send the [`HttpRequest`]; feed the [`HttpResponse`] to [`Flow::handle_response`] with `now` (or a
//!    transport failure to [`Flow::handle_network_error`]).
//! 4. Perform the returned [`Effect`]s: `PollAfter(d)` (wait, then dispatch [`Action::Poll`]),
//!    `Persist(snapshot)` / `ClearSnapshot` (resume storage), `Navigate(url)`. After an error, also drain
//!    [`Flow::take_effects`] (E0000011 and local expiry queue `ClearSnapshot`) and show
//!    [`FlowError::recovery`] to pick the UI reaction.
//!
//! ```
//! use authn_core::*;
//! use time::macros::datetime;
//!
//! let now = datetime!(2026-01-01 10:00 UTC);
//! let mut flow = Flow::new(Config::new("https://acme.okta.com"));
//! assert!(flow.is_allowed(ActionKind::Authenticate));
//!
//! // 1-2. The user signs in; the core returns the request to send.
//! let sign_in = PrimaryAuth::password("dade@example.com", Password::new("hunter2"));
//! let Command::Send(request) = flow.dispatch(Action::Authenticate(sign_in), now)? else {
//!     unreachable!("primary auth is always a request");
//! };
//! assert_eq!(request.url, "https://acme.okta.com/api/v1/authn");
//!
//! // 3. A canned response stands in for the network.
//! let mfa_required = r#"{
//!   "stateToken": "00abc", "expiresAt": "2026-01-01T10:05:00.000Z", "status": "MFA_REQUIRED",
//!   "_embedded": {"factors": [{"id": "opf1", "factorType": "push", "provider": "OKTA",
//!     "_links": {"verify": {"href": "https://acme.okta.com/api/v1/authn/factors/opf1/verify"}}}]},
//!   "_links": {"cancel": {"href": "https://acme.okta.com/api/v1/authn/cancel"}}
//! }"#;
//! let effects = flow.handle_response(HttpResponse::json(200, mfa_required), now)?;
//! // 4. Effects: store the resume point.
//! assert!(matches!(effects.as_slice(), [Effect::Persist(_)]));
//! assert_eq!(flow.state().kind(), StateKind::MfaRequired);
//!
//! // The user picks the push factor; the push is sent and the server says WAITING.
//! let verify = VerifyFactor { factor_id: Some("opf1".into()), ..VerifyFactor::default() };
//! let Command::Send(request) = flow.dispatch(Action::VerifyFactor(verify), now)? else {
//!     unreachable!();
//! };
//! assert!(request.body_string().contains("stateToken"));
//! let waiting = r#"{
//!   "stateToken": "00abc", "expiresAt": "2026-01-01T10:05:00.000Z", "status": "MFA_CHALLENGE",
//!   "factorResult": "WAITING",
//!   "_embedded": {"factor": {"id": "opf1", "factorType": "push", "provider": "OKTA"}},
//!   "_links": {"next": {"name": "poll", "href": "https://acme.okta.com/api/v1/authn/factors/opf1/verify"},
//!              "cancel": {"href": "https://acme.okta.com/api/v1/authn/cancel"}}
//! }"#;
//! let effects = flow.handle_response(HttpResponse::json(200, waiting), now)?;
//! // The shell owns the timer: wait 4 s, then poll.
//! assert_eq!(effects[0], Effect::PollAfter(std::time::Duration::from_secs(4)));
//! let later = now + time::Duration::seconds(4);
//! let Command::Send(_poll) = flow.dispatch(Action::Poll, later)? else { unreachable!() };
//! let success = r#"{"status": "SUCCESS", "sessionToken": "20111abc"}"#;
//! let effects = flow.handle_response(HttpResponse::json(200, success), later)?;
//! assert_eq!(effects, vec![Effect::ClearSnapshot]);
//! let State::Success(done) = flow.state() else { unreachable!() };
//! assert_eq!(done.session_token.as_ref().map(SessionToken::expose), Some("20111abc"));
//! # Ok::<(), FlowError>(())
//! ```
//!
//! # Modules
//! [`secret`] (redacting newtypes), [`wire`] (tolerant serde model), [`error`] (errors and the recovery
//! table), [`state`] (typed states), [`action`] (user intents), [`links`] (the one link → action table),
//! [`request`], [`response`], [`flow`] (the driver, polling and backoff, snapshots).

pub mod action;
pub mod error;
pub mod flow;
pub mod links;
pub mod request;
pub mod response;
pub mod secret;
pub mod state;
pub mod wire;

pub use action::*;
pub use error::*;
pub use flow::*;
pub use links::{allowed_actions, allowed_actions_for};
pub use request::*;
pub use response::*;
pub use secret::*;
pub use state::*;
pub use wire::{
    Enrollment, FactorResult, FactorStatus, FactorType, Link, Links, OneOrMany, Provider,
    RecoveryFactor, RecoveryType, Status, Transaction, Verification,
};
