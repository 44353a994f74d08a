//! The driver: [`Flow`] checks actions against the current state, turns them into requests, and turns
//! responses (with `now`) into the next state plus effects.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use crate::action::{
    Action, ActionKind, AuthOptions, Credentials, EnrollFactor, EnrollProfile, FactorCredential,
    PrimaryAuth, Registration, VerifyFactor,
};
use crate::error::FlowError;
use crate::links;
use crate::request::{HttpRequest, RequestBuilder, with_query};
use crate::response::{HttpResponse, error_of, parse_response};
use crate::secret::{RecoveryToken, StateToken, redact_url};
use crate::state::{ActivationChannel, SecurityQuestion, State, Success};
use crate::wire::{
    FactorResult, FactorType, Link, RecoveryFactor, Transaction, WireActivation, WireFactor,
    WireQuestion,
};

/// Backoff schedule for polls after a network failure or a 429.
pub const BACKOFF_SCHEDULE: [Duration; 5] = [
    Duration::from_secs(1),
    Duration::from_secs(2),
    Duration::from_secs(4),
    Duration::from_secs(8),
    Duration::from_secs(16),
];

/// Flow configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    /// The Okta org base URL, e.g. `https://example.okta.com` (entry points are built from it).
    pub base_url: String,
    /// Wait between push-verify polls (default 4 s).
    pub verify_poll_interval: Duration,
    /// Wait between enrollment-activation polls (default 6 s).
    pub enroll_poll_interval: Duration,
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
            extra_headers: Vec::new(),
        }
    }

    fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.base_url.trim_end_matches('/'))
    }

    /// `{base}/api/v1/authn`: primary auth and get-state.
    pub fn authn_url(&self) -> String {
        self.endpoint("/api/v1/authn")
    }

    /// `{base}/api/v1/authn/recovery/password`.
    pub fn forgot_password_url(&self) -> String {
        self.endpoint("/api/v1/authn/recovery/password")
    }

    /// `{base}/api/v1/authn/recovery/unlock`.
    pub fn unlock_url(&self) -> String {
        self.endpoint("/api/v1/authn/recovery/unlock")
    }

    /// `{base}/api/v1/authn/recovery/token`.
    pub fn recovery_token_url(&self) -> String {
        self.endpoint("/api/v1/authn/recovery/token")
    }

    /// Every entry-point URL.
    pub fn entry_urls(&self) -> [String; 4] {
        [
            self.authn_url(),
            self.forgot_password_url(),
            self.unlock_url(),
            self.recovery_token_url(),
        ]
    }
}

/// What the shell must do with a dispatched action. `Debug` redacts token query parameters.
#[derive(Clone, PartialEq)]
pub enum Command {
    /// Send this request, then feed the response to [`Flow::handle_response`] (or a failure to
    /// [`Flow::handle_network_error`]).
    Send(HttpRequest),
    /// Navigate the browser to this URL (`follow_redirect`).
    Navigate(String),
    /// Handled locally; the state already changed (e.g. cancel without a `cancel` link).
    Local,
}

/// Follow-up work for the shell after a response. `Debug` redacts token query parameters.
#[derive(Clone, PartialEq)]
pub enum Effect {
    /// Wait this long, then dispatch [`Action::Poll`]. Cancel the timer on navigation.
    PollAfter(Duration),
    /// Store this snapshot (replacing any previous one).
    Persist(Snapshot),
    /// Delete the stored snapshot.
    ClearSnapshot,
    /// Step-up SUCCESS: send the browser to this URL.
    Navigate(String),
}

impl std::fmt::Debug for Command {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Send(request) => f.debug_tuple("Send").field(request).finish(),
            Self::Navigate(url) => f.debug_tuple("Navigate").field(&redact_url(url)).finish(),
            Self::Local => f.write_str("Local"),
        }
    }
}

impl std::fmt::Debug for Effect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::PollAfter(wait) => f.debug_tuple("PollAfter").field(wait).finish(),
            Self::Persist(snapshot) => f.debug_tuple("Persist").field(snapshot).finish(),
            Self::ClearSnapshot => f.write_str("ClearSnapshot"),
            Self::Navigate(url) => f.debug_tuple("Navigate").field(&redact_url(url)).finish(),
        }
    }
}

/// A small, serialisable resume point. Resume with [`Flow::resume`].
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
    fn query(self) -> Vec<(&'static str, String)> {
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

#[derive(Debug, Clone, Copy, PartialEq)]
struct Pending {
    kind: ActionKind,
    poll: PollParams,
}

/// The sans-IO driver of one sign-in flow.
///
/// After an error the flow stays in its previous state and stays usable, except for the errors that end
/// the transaction ([`crate::ErrorCode::ends_transaction`]: E0000011, E0000069, E0000119) and a locally
/// detected expiry, which move it to [`State::Start`] and queue [`Effect::ClearSnapshot`]
/// (collect it with [`Flow::take_effects`]).
///
/// One request at a time: a `dispatch` while a request is outstanding supersedes it, and the next
/// response is taken as the answer to the newest request. A shell that cannot abort the superseded
/// request (e.g. an in-flight poll when the user presses cancel) must drop its response.
#[derive(Debug, Clone)]
pub struct Flow {
    config: Config,
    org_origin: Option<String>,
    state: State,
    tx: Option<Transaction>,
    pending: Option<Pending>,
    poll: PollParams,
    backoff_step: usize,
    last_error: Option<FlowError>,
    queued: Vec<Effect>,
    /// Shell clock minus server clock (from the `Date` header), so that local expiry checks compare
    /// `expiresAt` with the server's notion of now.
    clock_skew: time::Duration,
}

impl Flow {
    /// A new flow in [`State::Start`].
    pub fn new(config: Config) -> Flow {
        Flow {
            org_origin: links::origin_of(&config.base_url),
            config,
            state: State::Start,
            tx: None,
            pending: None,
            poll: PollParams::default(),
            backoff_step: 0,
            last_error: None,
            queued: Vec::new(),
            clock_skew: time::Duration::ZERO,
        }
    }

    /// A flow resuming from a snapshot, and the get-state request to send first.
    pub fn resume(config: Config, snapshot: Snapshot) -> (Flow, HttpRequest) {
        let mut flow = Flow::new(config);
        flow.poll = snapshot.poll;
        let request = flow.get_state_request(&snapshot.state_token);
        flow.pending = Some(Pending {
            kind: ActionKind::Resume,
            poll: snapshot.poll,
        });
        (flow, request)
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The current state.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The last parsed transaction (raw wire data), if a transaction is in progress.
    pub fn transaction(&self) -> Option<&Transaction> {
        self.tx.as_ref()
    }

    /// The kind of the request in flight, if any.
    pub fn pending(&self) -> Option<ActionKind> {
        self.pending.map(|p| p.kind)
    }

    /// The last error returned by `dispatch` / `handle_*` (cleared by the next successful dispatch).
    pub fn last_error(&self) -> Option<&FlowError> {
        self.last_error.as_ref()
    }

    /// The stateToken's expiry.
    pub fn expires_at(&self) -> Option<OffsetDateTime> {
        self.live_tx().and_then(|tx| tx.expires_at)
    }

    /// Effects queued while an error was returned (e.g. `ClearSnapshot` on E0000011). Drains them.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.queued)
    }

    /// Back to [`State::Start`] locally (the "back to sign in" link); no request is sent.
    pub fn reset(&mut self) {
        self.state = State::Start;
        self.tx = None;
        self.pending = None;
        self.poll = PollParams::default();
        self.backoff_step = 0;
        self.last_error = None;
    }

    /// The transaction, when it holds a stateToken and is not terminal.
    fn live_tx(&self) -> Option<&Transaction> {
        self.tx
            .as_ref()
            .filter(|tx| tx.state_token.is_some() && !self.state.is_terminal())
    }

    fn live_token(&self) -> Option<&StateToken> {
        self.live_tx().and_then(|tx| tx.state_token.as_ref())
    }

    /// The actions allowed now: the links' table ([`links::allowed_actions_for`]); plus the entry points
    /// when no transaction is live (Start, terminal, or a state without stateToken); plus a local `cancel`
    /// in non-terminal states without stateToken or `cancel` link (email recovery, locked out). In a
    /// terminal state only `follow_redirect` survives from the links. Sorted, deduplicated.
    pub fn allowed_actions(&self) -> Vec<ActionKind> {
        let mut out = match &self.tx {
            Some(tx) if !matches!(self.state, State::Start) => {
                let mut base = links::allowed_actions_for(tx, self.org_origin.as_deref());
                if self.state.is_terminal() {
                    base.retain(|k| *k == ActionKind::FollowRedirect);
                } else if tx.state_token.is_none() && !base.contains(&ActionKind::Cancel) {
                    base.push(ActionKind::Cancel);
                }
                base
            }
            _ => Vec::new(),
        };
        if self.live_tx().is_none() {
            out.extend(ActionKind::ENTRY_POINTS);
        }
        out.sort();
        out.dedup();
        out
    }

    /// True when `kind` is in [`Flow::allowed_actions`].
    pub fn is_allowed(&self, kind: ActionKind) -> bool {
        self.allowed_actions().contains(&kind)
    }

    /// The current snapshot: `Some` while a non-terminal transaction with a stateToken is live.
    pub fn snapshot(&self) -> Option<Snapshot> {
        let tx = self.live_tx()?;
        Some(Snapshot {
            state_token: tx.state_token.clone()?,
            status: tx.status.as_str().to_owned(),
            expires_at: tx.expires_at,
            factor_id: match Phase::of(&self.state) {
                Phase::FactorVerify | Phase::FactorEnroll => {
                    tx.current_factor().and_then(|f| f.id.clone())
                }
                Phase::WaitingRoom(_) | Phase::LockedOut | Phase::Success | Phase::Other => None,
            },
            poll: self.poll,
        })
    }

    /// Checks `action` against the state and its links, and the stateToken's expiry against `now`; then
    /// returns what the shell must do. On `Err` nothing was sent and the state is unchanged (except
    /// [`FlowError::Expired`], which moves to Start and queues `ClearSnapshot`).
    pub fn dispatch(&mut self, action: Action, now: OffsetDateTime) -> Result<Command, FlowError> {
        let result = self.try_dispatch(action, now);
        match &result {
            Ok(_) => self.last_error = None,
            Err(error) => self.last_error = Some(error.clone()),
        }
        result
    }

    fn try_dispatch(&mut self, action: Action, now: OffsetDateTime) -> Result<Command, FlowError> {
        let kind = action.kind();
        if !self.is_allowed(kind) {
            return Err(self.not_allowed(kind));
        }
        let live = self.live_tx().is_some();
        if live {
            let expired = self
                .live_tx()
                .and_then(|tx| tx.expires_at)
                .is_some_and(|at| now - self.clock_skew >= at);
            if expired {
                self.restart();
                return Err(FlowError::Expired);
            }
        }
        let mut poll = self.poll;
        let command = self.build(action, &mut poll)?;
        match &command {
            Command::Send(_) => {
                if kind != ActionKind::Poll {
                    self.backoff_step = 0;
                }
                self.pending = Some(Pending { kind, poll });
            }
            Command::Local => {
                self.reset();
                self.queued.push(Effect::ClearSnapshot);
            }
            Command::Navigate(_) => {}
        }
        Ok(command)
    }

    /// Feeds the response to the request from the last `dispatch` (or `resume`) with the shell's `now`
    /// (compared with the `Date` header to learn the server's clock for local expiry checks).
    ///
    /// `Ok` gives the effects to perform: `PollAfter` while a push/Duo result is WAITING (or in the POLL
    /// waiting room), `Persist`/`ClearSnapshot`, `Navigate` on a step-up SUCCESS. `Err` leaves the state
    /// unchanged, except the errors that end the transaction (E0000011, E0000069, E0000119: moves to
    /// Start, queues `ClearSnapshot`). A 429 answering a poll backs
    /// off (`Ok(PollAfter(max(schedule step, reset wait)))`) until [`BACKOFF_SCHEDULE`] is exhausted, then
    /// gives `Err(RateLimited)`; any other 429 is `Err(RateLimited { retry_after })` at once.
    pub fn handle_response(
        &mut self,
        response: HttpResponse,
        now: OffsetDateTime,
    ) -> Result<Vec<Effect>, FlowError> {
        if let Some(server_now) = response.date() {
            self.clock_skew = now - server_now;
        }
        let result = self.try_handle_response(&response);
        if let Err(error) = &result {
            self.last_error = Some(error.clone());
        }
        result
    }

    fn try_handle_response(&mut self, response: &HttpResponse) -> Result<Vec<Effect>, FlowError> {
        let Some(pending) = self.pending.take() else {
            return Err(FlowError::Protocol(
                "a response arrived with no request outstanding".into(),
            ));
        };
        if !response.is_success() {
            return self.handle_error_response(pending, response);
        }
        match pending.kind {
            ActionKind::ListQuestions => self.handle_questions(response),
            ActionKind::Cancel => {
                self.reset();
                Ok(vec![Effect::ClearSnapshot])
            }
            ActionKind::Authenticate
            | ActionKind::Resume
            | ActionKind::VerifyRecoveryToken
            | ActionKind::ForgotPassword
            | ActionKind::UnlockAccount
            | ActionKind::ChangePassword
            | ActionKind::ResetPassword
            | ActionKind::AnswerRecoveryQuestion
            | ActionKind::VerifyRecoveryCode
            | ActionKind::EnrollFactor
            | ActionKind::ActivateFactor
            | ActionKind::SendActivationLink
            | ActionKind::VerifyFactor
            | ActionKind::Poll
            | ActionKind::Resend
            | ActionKind::Previous
            | ActionKind::Skip
            | ActionKind::FollowRedirect => {
                let tx = parse_response(response)?;
                Ok(self.enter(tx, pending))
            }
        }
    }

    fn handle_error_response(
        &mut self,
        pending: Pending,
        response: &HttpResponse,
    ) -> Result<Vec<Effect>, FlowError> {
        let error = error_of(response);
        if let FlowError::RateLimited { .. } = error {
            if pending.kind == ActionKind::Poll {
                return self.backoff(response.rate_limit_wait(), error);
            }
            return Err(error);
        }
        if error.api_error().is_some_and(|e| e.code.ends_transaction()) {
            self.restart();
        }
        Err(error)
    }

    /// Reports that the request from the last `dispatch` failed before a response. While polling this
    /// backs off (`PollAfter` 1, 2, 4, 8, 16 s) and then gives `Err(Network)`; otherwise `Err(Network)`.
    pub fn handle_network_error(
        &mut self,
        message: &str,
        now: OffsetDateTime,
    ) -> Result<Vec<Effect>, FlowError> {
        let _ = now; // no response: nothing to learn about the server's clock
        let error = FlowError::Network(message.to_owned());
        let result = match self.pending.take() {
            Some(pending) if pending.kind == ActionKind::Poll => self.backoff(None, error),
            _ => Err(error),
        };
        if let Err(error) = &result {
            self.last_error = Some(error.clone());
        }
        result
    }

    /// Next backoff step: `PollAfter(max(step, floor))`, or `Err(error)` when the schedule is exhausted
    /// (the schedule then restarts for a user-triggered retry).
    fn backoff(
        &mut self,
        floor: Option<Duration>,
        error: FlowError,
    ) -> Result<Vec<Effect>, FlowError> {
        match BACKOFF_SCHEDULE.get(self.backoff_step) {
            Some(step) => {
                self.backoff_step += 1;
                Ok(vec![Effect::PollAfter(
                    (*step).max(floor.unwrap_or_default()),
                )])
            }
            None => {
                self.backoff_step = 0;
                Err(match error {
                    FlowError::RateLimited { error, .. } => FlowError::RateLimited {
                        retry_after: floor.unwrap_or(BACKOFF_SCHEDULE[BACKOFF_SCHEDULE.len() - 1]),
                        error,
                    },
                    other => other,
                })
            }
        }
    }

    /// Drops the transaction (E0000011, E0000069, E0000119 or expiry) and queues `ClearSnapshot`.
    fn restart(&mut self) {
        self.reset();
        self.queued.push(Effect::ClearSnapshot);
    }

    fn handle_questions(&mut self, response: &HttpResponse) -> Result<Vec<Effect>, FlowError> {
        let value: Value = serde_json::from_str(&response.body)
            .map_err(|_| FlowError::Protocol("the question list is not JSON".into()))?;
        let Value::Array(items) = value else {
            return Err(FlowError::Protocol(
                "the question list is not an array".into(),
            ));
        };
        let questions: Vec<SecurityQuestion> = items
            .into_iter()
            .filter_map(|item| WireQuestion::deserialize(item).ok())
            .map(|q| SecurityQuestion {
                text: q.question_text.unwrap_or_else(|| q.question.clone()),
                key: q.question,
            })
            .collect();
        if let State::MfaEnroll(enroll) = &mut self.state {
            enroll.questions = Some(questions);
        }
        Ok(Vec::new())
    }

    /// Moves to the state of a successful response and computes its effects.
    fn enter(&mut self, tx: Transaction, pending: Pending) -> Vec<Effect> {
        let state = State::from_transaction(&tx, self.org_origin.as_deref());
        self.backoff_step = 0;
        self.poll = match Phase::of(&state) {
            Phase::FactorVerify | Phase::FactorEnroll => pending.poll,
            Phase::WaitingRoom(_) | Phase::LockedOut | Phase::Success | Phase::Other => {
                PollParams::default()
            }
        };
        self.state = state;
        self.tx = Some(tx);
        let mut effects = Vec::new();
        let allowed = self.allowed_actions();
        let waiting =
            self.tx.as_ref().and_then(|t| t.factor_result.clone()) == Some(FactorResult::Waiting);
        if allowed.contains(&ActionKind::Poll) {
            let wait = match Phase::of(&self.state) {
                Phase::FactorVerify => waiting.then_some(self.config.verify_poll_interval),
                Phase::FactorEnroll => waiting.then_some(self.config.enroll_poll_interval),
                Phase::WaitingRoom(refresh) => Some(refresh),
                Phase::LockedOut | Phase::Success | Phase::Other => None,
            };
            effects.extend(wait.map(Effect::PollAfter));
        }
        match self.snapshot() {
            Some(snapshot) => effects.push(Effect::Persist(snapshot)),
            None => effects.push(Effect::ClearSnapshot),
        }
        if let State::Success(Success {
            redirect_url: Some(url),
            ..
        }) = &self.state
        {
            effects.push(Effect::Navigate(url.clone()));
        }
        effects
    }

    // -----------------------------------------------------------------------------------------------
    // Request building

    fn builder(&self) -> RequestBuilder<'_> {
        RequestBuilder {
            extra_headers: &self.config.extra_headers,
        }
    }

    fn get_state_request(&self, token: &StateToken) -> HttpRequest {
        self.builder()
            .post_with_token(self.config.authn_url(), Some(token), Map::new())
    }

    fn not_allowed(&self, kind: ActionKind) -> FlowError {
        FlowError::NotAllowed {
            state: self.state.kind(),
            action: kind,
        }
    }

    /// The transaction's top-level link, or `NotAllowed`.
    fn link(
        &self,
        select: fn(&Transaction) -> Option<&Link>,
        kind: ActionKind,
    ) -> Result<String, FlowError> {
        self.tx
            .as_ref()
            .and_then(select)
            .map(|l| l.href.clone())
            .ok_or_else(|| self.not_allowed(kind))
    }

    fn next_href(&self, kind: ActionKind) -> Result<String, FlowError> {
        self.link(|tx| tx.links.next.as_ref(), kind)
    }

    fn send_with_token(&self, url: String, fields: Map<String, Value>) -> Command {
        Command::Send(
            self.builder()
                .post_with_token(url, self.live_token(), fields),
        )
    }

    fn build(&self, action: Action, poll: &mut PollParams) -> Result<Command, FlowError> {
        let kind = action.kind();
        let live = self.live_tx().is_some();
        match action {
            Action::Authenticate(auth) => {
                let body = primary_auth_body(&auth);
                if live {
                    Ok(self.send_with_token(self.next_href(kind)?, body))
                } else {
                    Ok(Command::Send(
                        self.builder().post(self.config.authn_url(), body),
                    ))
                }
            }
            Action::Resume(token) => Ok(Command::Send(self.get_state_request(&token))),
            Action::VerifyRecoveryToken {
                recovery_token,
                options,
            } => {
                let body = recovery_token_body(&recovery_token, options);
                let url = match self.tx.as_ref().and_then(|tx| tx.links.next.as_ref()) {
                    Some(next) if live && next.is_named("recovery") => next.href.clone(),
                    _ => self.config.recovery_token_url(),
                };
                Ok(Command::Send(self.builder().post(url, body)))
            }
            Action::ForgotPassword {
                username,
                factor,
                relay_state,
            } => Ok(Command::Send(self.builder().post(
                self.config.forgot_password_url(),
                recovery_start_body(&username, factor, relay_state.as_deref()),
            ))),
            Action::UnlockAccount {
                username,
                factor,
                relay_state,
            } => {
                // LOCKED_OUT publishes the unlock endpoint as `next`; elsewhere it is an entry point.
                let next = match Phase::of(&self.state) {
                    Phase::LockedOut => self.tx.as_ref().and_then(|tx| tx.links.next.as_ref()),
                    Phase::FactorVerify
                    | Phase::FactorEnroll
                    | Phase::WaitingRoom(_)
                    | Phase::Success
                    | Phase::Other => None,
                };
                let url = next.map_or_else(|| self.config.unlock_url(), |l| l.href.clone());
                Ok(Command::Send(self.builder().post(
                    url,
                    recovery_start_body(&username, factor, relay_state.as_deref()),
                )))
            }
            Action::ChangePassword {
                old_password,
                new_password,
                revoke_sessions,
            } => {
                let mut body = Map::new();
                body.insert("oldPassword".into(), old_password.expose().into());
                body.insert("newPassword".into(), new_password.expose().into());
                body.insert("revokeSessions".into(), revoke_sessions.into());
                Ok(self.send_with_token(self.next_href(kind)?, body))
            }
            Action::ResetPassword {
                new_password,
                revoke_sessions,
            } => {
                let mut body = Map::new();
                body.insert("newPassword".into(), new_password.expose().into());
                body.insert("revokeSessions".into(), revoke_sessions.into());
                Ok(self.send_with_token(self.next_href(kind)?, body))
            }
            Action::AnswerRecoveryQuestion { answer } => {
                let mut body = Map::new();
                body.insert("answer".into(), answer.expose().into());
                Ok(self.send_with_token(self.next_href(kind)?, body))
            }
            Action::VerifyRecoveryCode { pass_code } => {
                let mut body = Map::new();
                body.insert("passCode".into(), pass_code.expose().into());
                Ok(self.send_with_token(self.next_href(kind)?, body))
            }
            Action::EnrollFactor(enroll) => self.build_enroll(enroll),
            Action::ListQuestions => {
                let href = self
                    .factors()
                    .find_map(|f| f.links.questions.as_ref())
                    .map(|l| l.href.clone())
                    .ok_or_else(|| self.not_allowed(kind))?;
                Ok(Command::Send(self.builder().get(href)))
            }
            Action::ActivateFactor {
                pass_code,
                registration,
            } => {
                let mut body = Map::new();
                if let Some(code) = pass_code {
                    body.insert("passCode".into(), code.expose().into());
                }
                match registration {
                    Some(Registration::U2f {
                        registration_data,
                        client_data,
                    }) => {
                        body.insert("registrationData".into(), registration_data.into());
                        body.insert("clientData".into(), client_data.into());
                    }
                    Some(Registration::WebAuthn {
                        attestation,
                        client_data,
                    }) => {
                        body.insert("attestation".into(), attestation.into());
                        body.insert("clientData".into(), client_data.into());
                    }
                    None => {}
                }
                Ok(self.send_with_token(self.next_href(kind)?, body))
            }
            Action::SendActivationLink {
                channel,
                phone_number,
            } => {
                let href = self
                    .factors()
                    .filter_map(|f| f.embedded.activation.as_ref())
                    .map(WireActivation::from_value)
                    .find_map(|a| {
                        a.links
                            .send
                            .as_slice()
                            .iter()
                            .find(|l| l.is_named(channel.as_str()))
                            .map(|l| l.href.clone())
                    })
                    .ok_or_else(|| {
                        FlowError::InvalidInput(format!(
                            "no activation link can be sent by {}",
                            channel.as_str()
                        ))
                    })?;
                let mut body = Map::new();
                if let (ActivationChannel::Sms, Some(phone)) = (channel, phone_number) {
                    body.insert("profile".into(), json!({ "phoneNumber": phone }));
                }
                Ok(self.send_with_token(href, body))
            }
            Action::VerifyFactor(verify) => self.build_verify(verify, poll),
            Action::Poll => {
                let href = self.next_href(kind)?;
                let href = match Phase::of(&self.state) {
                    Phase::FactorVerify => with_query(&href, &poll.query()),
                    Phase::FactorEnroll
                    | Phase::WaitingRoom(_)
                    | Phase::LockedOut
                    | Phase::Success
                    | Phase::Other => href,
                };
                Ok(self.send_with_token(href, Map::new()))
            }
            Action::Resend { channel } => {
                let tx = self.tx.as_ref().ok_or_else(|| self.not_allowed(kind))?;
                let links = tx.links.resend.as_slice();
                let link = match &channel {
                    Some(name) => links.iter().find(|l| l.is_named(name)),
                    None if links.len() == 1 => links.first(),
                    None => None,
                }
                .ok_or_else(|| {
                    FlowError::InvalidInput(match &channel {
                        Some(name) => format!("no resend link named `{name}`"),
                        None => "several resend links are published; name one".into(),
                    })
                })?;
                let mut body = Map::new();
                if let State::MfaEnrollActivate(activate) = &self.state {
                    body.insert(
                        "factorType".into(),
                        activate.factor.factor_type.as_str().into(),
                    );
                    body.insert("provider".into(), activate.factor.provider.as_str().into());
                }
                Ok(self.send_with_token(link.href.clone(), body))
            }
            Action::Previous => {
                Ok(self.send_with_token(self.link(|tx| tx.links.prev.as_ref(), kind)?, Map::new()))
            }
            Action::Skip => {
                Ok(self.send_with_token(self.link(|tx| tx.links.skip.as_ref(), kind)?, Map::new()))
            }
            Action::Cancel => match self.tx.as_ref().and_then(|tx| tx.links.cancel.as_ref()) {
                Some(link) => Ok(self.send_with_token(link.href.clone(), Map::new())),
                None => Ok(Command::Local),
            },
            Action::FollowRedirect => {
                let tx = self.tx.as_ref().ok_or_else(|| self.not_allowed(kind))?;
                let link = match Phase::of(&self.state) {
                    Phase::Success => links::success_redirect(tx),
                    Phase::FactorVerify
                    | Phase::FactorEnroll
                    | Phase::WaitingRoom(_)
                    | Phase::LockedOut
                    | Phase::Other => tx.links.next.as_ref(),
                };
                let href = link.map(|l| l.href.clone());
                href.map(Command::Navigate)
                    .ok_or_else(|| self.not_allowed(kind))
            }
        }
    }

    /// Factors of the current transaction (`factors` then `factor`).
    fn factors(&self) -> impl Iterator<Item = &WireFactor> {
        self.tx.iter().flat_map(Transaction::every_factor)
    }

    fn build_enroll(&self, enroll: EnrollFactor) -> Result<Command, FlowError> {
        let EnrollFactor {
            factor: key,
            profile,
            update_phone,
        } = enroll;
        let href = self
            .factors()
            .filter(|f| {
                f.factor_type.as_ref() == Some(&key.factor_type)
                    && f.provider.as_ref() == Some(&key.provider)
            })
            .find_map(|f| f.links.enroll.as_ref())
            .map(|l| l.href.clone())
            .ok_or_else(|| {
                FlowError::InvalidInput(format!(
                    "factor {} / {} cannot be enrolled here",
                    key.factor_type, key.provider
                ))
            })?;
        let mut body = Map::new();
        body.insert("factorType".into(), key.factor_type.as_str().into());
        body.insert("provider".into(), key.provider.as_str().into());
        match profile {
            EnrollProfile::None => {}
            EnrollProfile::Question { question, answer } => {
                if key.factor_type != FactorType::Question {
                    return Err(FlowError::InvalidInput(
                        "a question profile needs the question factor".into(),
                    ));
                }
                body.insert(
                    "profile".into(),
                    json!({ "question": question, "answer": answer.expose() }),
                );
            }
            EnrollProfile::Phone {
                phone_number,
                extension,
            } => {
                if !matches!(key.factor_type, FactorType::Sms | FactorType::Call) {
                    return Err(FlowError::InvalidInput(
                        "a phone profile needs the sms or call factor".into(),
                    ));
                }
                let mut profile = Map::new();
                profile.insert("phoneNumber".into(), phone_number.into());
                if let Some(ext) = extension {
                    profile.insert("phoneExtension".into(), ext.into());
                }
                body.insert("profile".into(), Value::Object(profile));
            }
            EnrollProfile::Token {
                credential_id,
                pass_code,
                next_pass_code,
            } => {
                body.insert("profile".into(), json!({ "credentialId": credential_id }));
                body.insert("passCode".into(), pass_code.expose().into());
                if let Some(next) = next_pass_code {
                    body.insert("nextPassCode".into(), next.expose().into());
                }
            }
            EnrollProfile::Hardware { pass_code } => {
                body.insert("passCode".into(), pass_code.expose().into());
            }
        }
        let url = if update_phone {
            with_query(&href, &[("updatePhone", "true".to_owned())])
        } else {
            href
        };
        Ok(self.send_with_token(url, body))
    }

    fn build_verify(
        &self,
        verify: VerifyFactor,
        poll: &mut PollParams,
    ) -> Result<Command, FlowError> {
        let VerifyFactor {
            factor_id,
            credential,
            remember_device,
            auto_push,
        } = verify;
        let factor_link = |id: &str| {
            self.factors()
                .find(|f| f.id.as_deref() == Some(id))
                .and_then(|f| f.links.verify.as_ref())
                .map(|l| l.href.clone())
        };
        let in_challenge = matches!(Phase::of(&self.state), Phase::FactorVerify);
        let href = match (factor_id.as_deref(), in_challenge) {
            (None, true) => self.next_href(ActionKind::VerifyFactor)?,
            (Some(id), _) => factor_link(id).ok_or_else(|| {
                FlowError::InvalidInput(format!("factor `{id}` has no verify link here"))
            })?,
            (None, false) => {
                let mut verifiable = self.factors().filter_map(|f| f.links.verify.as_ref());
                match (verifiable.next(), verifiable.next()) {
                    (Some(only), None) => only.href.clone(),
                    _ => {
                        return Err(FlowError::InvalidInput(
                            "choose which factor to verify (factor_id)".into(),
                        ));
                    }
                }
            }
        };
        *poll = PollParams {
            remember_device,
            auto_push,
        };
        let url = with_query(&href, &poll.query());
        let mut body = Map::new();
        match credential {
            None => {}
            Some(FactorCredential::PassCode(code)) => {
                body.insert("passCode".into(), code.expose().into());
            }
            Some(FactorCredential::Answer(answer)) => {
                body.insert("answer".into(), answer.expose().into());
            }
            Some(FactorCredential::Password(password)) => {
                body.insert("password".into(), password.expose().into());
            }
            Some(FactorCredential::U2f {
                client_data,
                signature_data,
            }) => {
                body.insert("clientData".into(), client_data.into());
                body.insert("signatureData".into(), signature_data.into());
            }
            Some(FactorCredential::WebAuthn {
                client_data,
                authenticator_data,
                signature_data,
            }) => {
                body.insert("clientData".into(), client_data.into());
                body.insert("authenticatorData".into(), authenticator_data.into());
                body.insert("signatureData".into(), signature_data.into());
            }
        }
        Ok(self.send_with_token(url, body))
    }
}

/// How the driver treats a state beyond its links: polling, snapshots, and which link some actions use.
/// [`Phase::of`] matches every [`State`], so a new state must be classified here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// MFA_CHALLENGE: a factor verification (push/Duo polls with the verify parameters).
    FactorVerify,
    /// MFA_ENROLL_ACTIVATE: a factor activation (push/Duo activation polls).
    FactorEnroll,
    /// POLL: the waiting room, polled after its `refresh`.
    WaitingRoom(Duration),
    /// LOCKED_OUT: `next` is the unlock endpoint.
    LockedOut,
    /// SUCCESS: a redirect comes from the success links.
    Success,
    /// Every other state.
    Other,
}

impl Phase {
    fn of(state: &State) -> Self {
        match state {
            State::MfaChallenge(_) => Self::FactorVerify,
            State::MfaEnrollActivate(_) => Self::FactorEnroll,
            State::Poll(wait) => Self::WaitingRoom(wait.refresh),
            State::LockedOut(_) => Self::LockedOut,
            State::Success(_) => Self::Success,
            State::Start
            | State::Unauthenticated(_)
            | State::PasswordWarn(_)
            | State::PasswordExpired(_)
            | State::RecoveryChallenge(_)
            | State::Recovery(_)
            | State::PasswordReset(_)
            | State::MfaEnroll(_)
            | State::MfaRequired(_)
            | State::Unknown(_) => Self::Other,
        }
    }
}

fn options_value(options: AuthOptions) -> Option<Value> {
    let mut map = Map::new();
    if let Some(v) = options.multi_optional_factor_enroll {
        map.insert("multiOptionalFactorEnroll".into(), v.into());
    }
    if let Some(v) = options.warn_before_password_expired {
        map.insert("warnBeforePasswordExpired".into(), v.into());
    }
    (!map.is_empty()).then_some(Value::Object(map))
}

fn primary_auth_body(auth: &PrimaryAuth) -> Map<String, Value> {
    let mut body = Map::new();
    match &auth.credentials {
        Credentials::Password { username, password } => {
            body.insert("username".into(), username.clone().into());
            body.insert("password".into(), password.expose().into());
        }
        Credentials::ActivationToken(token) => {
            body.insert("token".into(), token.expose().into());
        }
        Credentials::Username(username) => {
            body.insert("username".into(), username.clone().into());
        }
    }
    if let Some(options) = options_value(auth.options) {
        body.insert("options".into(), options);
    }
    if let Some(device) = &auth.device_token {
        body.insert("context".into(), json!({ "deviceToken": device }));
    }
    if let Some(relay) = &auth.relay_state {
        body.insert("relayState".into(), relay.clone().into());
    }
    body
}

fn recovery_token_body(token: &RecoveryToken, options: AuthOptions) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("recoveryToken".into(), token.expose().into());
    if let Some(options) = options_value(options) {
        body.insert("options".into(), options);
    }
    body
}

fn recovery_start_body(
    username: &str,
    factor: RecoveryFactor,
    relay_state: Option<&str>,
) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("username".into(), username.into());
    body.insert("factorType".into(), factor.as_str().into());
    if let Some(relay) = relay_state {
        body.insert("relayState".into(), relay.into());
    }
    body
}
