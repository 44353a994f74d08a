//! Sans-IO state machine of the Okta Authentication API (`/api/v1/authn`) transaction.
//!
//! The core decides; a shell (the Yew widget, the CLI, native tests) moves bytes. It never performs IO
//! and never reads a clock: time comes in as `now`, and it builds for `wasm32-unknown-unknown`.
//!
//! # The contract
//!
//! One method takes every input, one queue gives every output:
//!
//! 1. [`Flow::handle`]`(input, now)` with an [`Input`]: a user [`Action`], the [`HttpResponse`] to
//!    request N, the network failure of request N, or [`Input::Tick`] when the timer fired.
//! 2. Drain [`Flow::poll_output`] and perform each [`Output`] in order: `Send` request N (answer it
//!    with its id), `WakeAt(t)` (keep one timer; feed `Tick` when it fires), `Persist` / `ClearSnapshot`
//!    (resume storage), `Navigate`, `Delivered` (a code, push or link went out), `Changed` (render
//!    [`Flow::state`] again) and `Failed` (show [`Failure::message`]; [`Failure::recovery`] says what
//!    to offer).
//!
//! The core owns request deadlines (an unanswered request fails as a network error at its deadline),
//! poll waits and backoff, and the resend countdown ([`Flow::resend_offer`]). An action while a
//! request is in flight supersedes it, and the superseded response is dropped: Cancel always works.
//!
//! ```
//! use authn_core::*;
//! use time::macros::datetime;
//!
//! // A tiny shell: performs outputs, returns the request to answer.
//! fn drain(flow: &mut Flow) -> Option<Outgoing> {
//!     let mut send = None;
//!     while let Some(output) = flow.poll_output() {
//!         match output {
//!             Output::Send(outgoing) => send = Some(outgoing),
//!             Output::WakeAt(_) | Output::Persist(_) | Output::ClearSnapshot | Output::Changed
//!             | Output::Delivered(_) | Output::Navigate(_) => {}
//!             Output::Failed(failure) => panic!("{:?}", failure.error),
//!         }
//!     }
//!     send
//! }
//!
//! let now = datetime!(2026-01-01 10:00 UTC);
//! let mut flow = Flow::new(Config::new("https://acme.okta.com"));
//! assert!(flow.is_allowed(ActionKind::Authenticate));
//!
//! // The user signs in; the core asks for a request.
//! let sign_in = PrimaryAuth::password("dade@example.com", Password::new("hunter2"));
//! flow.handle(Input::Action(Action::Authenticate(sign_in)), now);
//! let sent = drain(&mut flow).expect("primary auth is a request");
//! assert_eq!(sent.request.url, "https://acme.okta.com/api/v1/authn");
//!
//! // A canned response stands in for the network.
//! let mfa_required = r#"{
//!   "stateToken": "00abc", "expiresAt": "2026-01-01T10:05:00.000Z", "status": "MFA_REQUIRED",
//!   "_embedded": {"factors": [{"id": "opf1", "factorType": "push", "provider": "OKTA",
//!     "_links": {"verify": {"href": "https://acme.okta.com/api/v1/authn/factors/opf1/verify"}}}]},
//!   "_links": {"cancel": {"href": "https://acme.okta.com/api/v1/authn/cancel"}}
//! }"#;
//! flow.handle(Input::Response(sent.id, HttpResponse::json(200, mfa_required)), now);
//! drain(&mut flow);
//! assert_eq!(flow.state().kind(), StateKind::MfaRequired);
//!
//! // The user picks the push factor; the push is sent and the server says WAITING.
//! let verify = VerifyFactor { factor_id: Some("opf1".into()), ..VerifyFactor::default() };
//! flow.handle(Input::Action(Action::VerifyFactor(verify)), now);
//! let sent = drain(&mut flow).unwrap();
//! let waiting = r#"{
//!   "stateToken": "00abc", "expiresAt": "2026-01-01T10:05:00.000Z", "status": "MFA_CHALLENGE",
//!   "factorResult": "WAITING",
//!   "_embedded": {"factor": {"id": "opf1", "factorType": "push", "provider": "OKTA"}},
//!   "_links": {"next": {"name": "poll", "href": "https://acme.okta.com/api/v1/authn/factors/opf1/verify"},
//!              "cancel": {"href": "https://acme.okta.com/api/v1/authn/cancel"}}
//! }"#;
//! flow.handle(Input::Response(sent.id, HttpResponse::json(200, waiting)), now);
//! drain(&mut flow);
//! // The core wants to poll in 4 s: the shell's timer fires and feeds a tick.
//! let later = now + time::Duration::seconds(4);
//! assert_eq!(flow.next_deadline(), Some(later));
//! flow.handle(Input::Tick, later);
//! let poll = drain(&mut flow).expect("the poll");
//! let success = r#"{"status": "SUCCESS", "sessionToken": "20111abc"}"#;
//! flow.handle(Input::Response(poll.id, HttpResponse::json(200, success)), later);
//! drain(&mut flow);
//! let State::Success(done) = flow.state() else { unreachable!() };
//! assert_eq!(done.outcome(), SuccessOutcome::SignedIn);
//! assert_eq!(done.session_token.as_ref().map(SessionToken::expose), Some("20111abc"));
//! ```
//!
//! # Modules
//! [`secret`] (redacting newtypes), [`href`], [`wire`] (tolerant serde model), [`factor`] (factors and
//! their forms), [`policy`], [`action`] (user intents), [`links`] (the one link → action table),
//! [`state`] (typed states), [`error`] (errors, recovery classes, message keys), [`request`],
//! [`response`], [`flow`] (the driver: inputs, outputs, timers, snapshots), [`webauthn`] (security
//! keys and passkeys: creation and request options, the binary codec).

pub mod action;
mod build;
pub mod contract;
pub mod error;
pub mod factor;
pub mod flow;
pub mod href;
pub mod links;
pub mod policy;
pub mod request;
pub mod response;
pub mod secret;
pub mod state;
mod value;
pub mod webauthn;
pub mod wire;

pub use action::*;
pub use contract::*;
pub use error::*;
pub use factor::*;
pub use flow::*;
pub use href::Href;
pub use links::{ResendLink, Transitions};
pub use policy::*;
pub use request::*;
pub use response::*;
pub use secret::*;
pub use state::*;
pub use webauthn::{CredentialDescriptor, WebAuthnCreation, WebAuthnRequest};
pub use wire::{
    Enrollment, FactorResult, FactorStatus, FactorType, Link, Links, OneOrMany, Provider,
    RecoveryFactor, RecoveryType, Status, Transaction,
};
