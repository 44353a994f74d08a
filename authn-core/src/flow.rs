//! The driver: [`Flow`] takes every input through [`Flow::handle`] and gives every output through
//! [`Flow::poll_output`].
//!
//! Inputs: a user [`Action`], the [`HttpResponse`] to request N, the network failure of request N, or
//! [`Input::Tick`] (time passed). Outputs: send request N (with its deadline), wake at T, persist or
//! clear the snapshot, navigate, delivered (a code, push or link went out), the state changed, a typed
//! failure. Time is always an argument; the core owns request deadlines, poll waits, backoff and the
//! resend countdown.

use std::collections::VecDeque;
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;
use time::OffsetDateTime;

use crate::action::{Action, ActionKind};
use crate::build::{Context, Plan, plan};
use crate::contract::{
    Config, Delivery, Input, Outgoing, Output, PollParams, RequestId, ResendOffer, Snapshot,
};
use crate::error::{Failure, FlowError};
use crate::factor::SecurityQuestion;
use crate::links;
use crate::request::HttpRequest;
use crate::response::{HttpResponse, error_of, parse_response};
use crate::secret::StateToken;
use crate::state::{State, Target};
use crate::wire::{FactorResult, Transaction, WireQuestion};

/// Backoff schedule for polls after a network failure or a 429.
pub const BACKOFF_SCHEDULE: [Duration; 5] = [
    Duration::from_secs(1),
    Duration::from_secs(2),
    Duration::from_secs(4),
    Duration::from_secs(8),
    Duration::from_secs(16),
];

/// Flow configuration.
#[derive(Debug, Clone, Copy)]
struct Pending {
    id: RequestId,
    kind: ActionKind,
    poll: PollParams,
    deadline: OffsetDateTime,
    delivery: Option<Delivery>,
}

/// The sans-IO driver of one sign-in flow.
///
/// One request at a time: an allowed action while a request is outstanding supersedes it, and the
/// superseded request's response (or failure) is dropped when it arrives, so Cancel works while a
/// request hangs. A request unanswered at its deadline fails as a network error. The flow stays
/// usable after every failure; the errors that end the transaction ([`crate::ErrorCode::ends_transaction`])
/// and a locally detected expiry move it back to [`State::Start`].
#[derive(Debug, Clone)]
pub struct Flow {
    config: Config,
    org_origin: Option<String>,
    state: State,
    /// The stateToken, its wire status and expiry, while a transaction exists.
    token: Option<StateToken>,
    status: String,
    expires_at: Option<OffsetDateTime>,
    /// Shell clock minus server clock (from the `Date` header), for local expiry checks.
    clock_skew: time::Duration,
    poll: PollParams,
    backoff_step: usize,
    pending: Option<Pending>,
    next_id: u64,
    wake_at: Option<OffsetDateTime>,
    /// The poll cadence of the current state (None when it does not poll).
    poll_interval: Option<Duration>,
    resumed_wake: Option<OffsetDateTime>,
    announced: Option<OffsetDateTime>,
    resend_at: Option<OffsetDateTime>,
    /// `_embedded.target` of the last transaction response (the app of a step-up).
    target: Option<Target>,
    outputs: VecDeque<Output>,
}

impl Flow {
    /// A new flow in [`State::Start`].
    pub fn new(config: Config) -> Flow {
        Flow {
            org_origin: links::origin_of(&config.base_url),
            config,
            state: State::Start,
            token: None,
            status: String::new(),
            expires_at: None,
            clock_skew: time::Duration::ZERO,
            poll: PollParams::default(),
            backoff_step: 0,
            pending: None,
            next_id: 0,
            wake_at: None,
            poll_interval: None,
            resumed_wake: None,
            announced: None,
            resend_at: None,
            target: None,
            outputs: VecDeque::new(),
        }
    }

    /// A flow resuming from a snapshot: its first output sends the get-state request, and a poll or
    /// resend countdown that was running continues from the stored deadlines.
    pub fn resume(config: Config, snapshot: Snapshot, now: OffsetDateTime) -> Flow {
        let mut flow = Flow::new(config);
        flow.poll = snapshot.poll;
        flow.resend_at = snapshot.resend_at;
        flow.resumed_wake = snapshot.wake_at;
        flow.handle(Input::Action(Action::Resume(snapshot.state_token)), now);
        flow
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The current state.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The app this transaction signs in to: `_embedded.target` of the last transaction response, as
    /// Okta's widget reads it (a step-up: `type` `APP`, `name`, `label`). `None` in [`State::Start`]
    /// and when the last response named no target. It stays on SUCCESS, for "redirecting to ...".
    pub fn target(&self) -> Option<&Target> {
        self.target.as_ref()
    }

    /// The kind of the request in flight, if any.
    pub fn in_flight(&self) -> Option<ActionKind> {
        self.pending.map(|p| p.kind)
    }

    /// The stateToken's expiry.
    pub fn expires_at(&self) -> Option<OffsetDateTime> {
        self.live_token().and(self.expires_at)
    }

    /// The earliest instant at which the flow wants a [`Input::Tick`] (request deadline or poll).
    pub fn next_deadline(&self) -> Option<OffsetDateTime> {
        let deadline = self.pending.map(|p| p.deadline);
        match (deadline, self.wake_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The next output, if any. Drain after every [`Flow::handle`].
    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    /// The stateToken while the transaction is live (not terminal).
    fn live_token(&self) -> Option<&StateToken> {
        self.token.as_ref().filter(|_| !self.state.is_terminal())
    }

    /// The actions allowed now: the state's links ([`State::allowed_actions`]); plus the entry points
    /// when no transaction is live; plus a local `cancel` in non-terminal states without stateToken or
    /// `cancel` link (email recovery, locked out); plus `restart`. Sorted.
    pub fn allowed_actions(&self) -> Vec<ActionKind> {
        let mut out = self.state.allowed_actions();
        if self.live_token().is_none() {
            out.extend(ActionKind::ENTRY_POINTS);
            let local_cancel = !matches!(self.state, State::Start) && !self.state.is_terminal();
            if local_cancel {
                out.push(ActionKind::Cancel);
            }
        }
        out.push(ActionKind::Restart);
        out.sort();
        out.dedup();
        out
    }

    /// True when `kind` is in [`Flow::allowed_actions`].
    pub fn is_allowed(&self, kind: ActionKind) -> bool {
        self.allowed_actions().contains(&kind)
    }

    /// Whether resend is offered now, and if so when it becomes available (the countdown to show).
    pub fn resend_offer(&self, now: OffsetDateTime) -> Option<ResendOffer> {
        if !self.state.allowed_actions().contains(&ActionKind::Resend) {
            return None;
        }
        Some(match self.resend_at {
            Some(at) if at > now => ResendOffer::After((at - now).unsigned_abs()),
            Some(_) | None => ResendOffer::Ready,
        })
    }

    /// The current snapshot: `Some` while a non-terminal transaction with a stateToken is live.
    pub fn snapshot(&self) -> Option<Snapshot> {
        let token = self.live_token()?;
        let factor_id = self.state.current_factor().and_then(|f| f.id.clone());
        Some(Snapshot {
            state_token: token.clone(),
            status: self.status.clone(),
            expires_at: self.expires_at,
            factor_id,
            poll: self.poll,
            wake_at: self.wake_at,
            resend_at: self.resend_at,
        })
    }

    /// Feeds one input at `now`; then drain [`Flow::poll_output`].
    pub fn handle(&mut self, input: Input, now: OffsetDateTime) {
        match input {
            Input::Action(action) => self.on_action(action, now),
            Input::Response(id, response) => self.on_response(id, response, now),
            Input::NetworkFailure(id, message) => {
                if let Some(pending) = self.take_pending(id) {
                    self.on_network_failure(pending, message, now);
                }
            }
            Input::Tick => self.on_tick(now),
        }
        self.announce_deadline();
    }

    fn on_action(&mut self, action: Action, now: OffsetDateTime) {
        let kind = action.kind();
        if !self.is_allowed(kind) {
            let error = FlowError::NotAllowed {
                state: self.state.kind(),
                action: kind,
            };
            return self.fail(Some(kind), error);
        }
        let expired = self.live_token().is_some()
            && self
                .expires_at
                .is_some_and(|at| now - self.clock_skew >= at);
        if expired && kind != ActionKind::Restart {
            self.restart();
            return self.fail(Some(kind), FlowError::Expired);
        }
        let context = Context {
            config: &self.config,
            state: &self.state,
            token: self.live_token(),
            poll: self.poll,
        };
        match plan(&context, action) {
            Err(error) => self.fail(Some(kind), error),
            Ok(Plan::Navigate(href)) => self.outputs.push_back(Output::Navigate(href)),
            Ok(Plan::Local) => self.restart(),
            Ok(Plan::Send {
                request,
                poll,
                delivery,
            }) => {
                if kind != ActionKind::Poll {
                    self.backoff_step = 0;
                }
                self.wake_at = None;
                self.start(kind, request, poll, delivery, now);
            }
        }
    }

    /// Sends a request, superseding any outstanding one.
    fn start(
        &mut self,
        kind: ActionKind,
        request: HttpRequest,
        poll: PollParams,
        delivery: Option<Delivery>,
        now: OffsetDateTime,
    ) {
        self.next_id += 1;
        let id = RequestId(self.next_id);
        let deadline = now + self.config.request_timeout;
        self.pending = Some(Pending {
            id,
            kind,
            poll,
            deadline,
            delivery,
        });
        self.outputs.push_back(Output::Send(Outgoing {
            id,
            request,
            deadline,
        }));
    }

    /// The outstanding request when `id` is its id; a superseded or unknown id gives `None`.
    fn take_pending(&mut self, id: RequestId) -> Option<Pending> {
        match self.pending {
            Some(pending) if pending.id == id => self.pending.take(),
            Some(_) | None => None,
        }
    }

    fn on_tick(&mut self, now: OffsetDateTime) {
        if let Some(pending) = self.pending.filter(|p| p.deadline <= now) {
            self.pending = None;
            let waited = self.config.request_timeout.as_secs();
            let message = format!("no response within {waited} s");
            self.on_network_failure(pending, message, now);
        }
        let due = self.wake_at.is_some_and(|at| at <= now);
        if due && self.pending.is_none() {
            self.wake_at = None;
            if self.state.allowed_actions().contains(&ActionKind::Poll) {
                self.on_action(Action::Poll, now);
            }
        }
    }

    fn on_network_failure(&mut self, pending: Pending, message: String, now: OffsetDateTime) {
        let error = FlowError::Network(message);
        if pending.kind == ActionKind::Poll {
            self.backoff(None, error, now);
        } else {
            self.keep_polling(now);
            self.fail(Some(pending.kind), error);
        }
    }

    /// After a failed user action in a state that polls (e.g. a throttled activation link while a
    /// push activation waits), polling goes on at its usual cadence.
    fn keep_polling(&mut self, now: OffsetDateTime) {
        if self.wake_at.is_none() {
            self.wake_at = self.poll_interval.map(|wait| now + wait);
        }
    }

    fn on_response(&mut self, id: RequestId, response: HttpResponse, now: OffsetDateTime) {
        let Some(pending) = self.take_pending(id) else {
            return; // superseded: its answer no longer matters
        };
        if let Some(server_now) = response.date() {
            self.clock_skew = now - server_now;
        }
        if !response.is_success() {
            return self.on_error_response(pending, &response, now);
        }
        match pending.kind {
            ActionKind::ListQuestions => self.on_questions(&response),
            ActionKind::Cancel => self.restart(),
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
            | ActionKind::FollowRedirect
            | ActionKind::Restart => match parse_response(&response) {
                Ok(tx) => self.enter(&tx, pending, now),
                Err(error) => self.fail(Some(pending.kind), error),
            },
        }
    }

    fn on_error_response(
        &mut self,
        pending: Pending,
        response: &HttpResponse,
        now: OffsetDateTime,
    ) {
        let error = error_of(response);
        if let FlowError::RateLimited { retry_after, .. } = &error {
            if pending.kind == ActionKind::Poll {
                return self.backoff(response.rate_limit_wait(), error, now);
            }
            if pending.kind == ActionKind::Resend {
                // The countdown shows how long the server asks to wait (and survives a reload).
                self.resend_at = Some(now + *retry_after);
                if let Some(snapshot) = self.snapshot() {
                    self.outputs.push_back(Output::Persist(snapshot));
                }
            }
        }
        if error.api_error().is_some_and(|e| e.code.ends_transaction()) {
            self.restart();
        } else {
            self.keep_polling(now);
        }
        self.fail(Some(pending.kind), error);
    }

    /// Next backoff step: poll again after `max(step, floor)`, or fail when the schedule is exhausted
    /// (it then restarts for a user-triggered retry).
    fn backoff(&mut self, floor: Option<Duration>, error: FlowError, now: OffsetDateTime) {
        if let Some(step) = BACKOFF_SCHEDULE.get(self.backoff_step) {
            self.backoff_step += 1;
            self.wake_at = Some(now + (*step).max(floor.unwrap_or_default()));
            return;
        }
        self.backoff_step = 0;
        let error = match error {
            FlowError::RateLimited { error, .. } => FlowError::RateLimited {
                retry_after: floor.unwrap_or(BACKOFF_SCHEDULE[BACKOFF_SCHEDULE.len() - 1]),
                error,
            },
            other => other,
        };
        self.fail(Some(ActionKind::Poll), error);
    }

    /// Back to [`State::Start`]: the transaction is dropped here and the snapshot cleared.
    fn restart(&mut self) {
        self.state = State::Start;
        self.token = None;
        self.status.clear();
        self.expires_at = None;
        self.pending = None;
        self.poll = PollParams::default();
        self.backoff_step = 0;
        self.wake_at = None;
        self.poll_interval = None;
        self.resumed_wake = None;
        self.resend_at = None;
        self.target = None;
        self.outputs.push_back(Output::ClearSnapshot);
        self.outputs.push_back(Output::Changed);
    }

    fn fail(&mut self, action: Option<ActionKind>, error: FlowError) {
        self.outputs
            .push_back(Output::Failed(Failure { action, error }));
    }

    /// Announces the next deadline when it moved.
    fn announce_deadline(&mut self) {
        let next = self.next_deadline();
        if next != self.announced {
            self.announced = next;
            if let Some(at) = next {
                self.outputs.push_back(Output::WakeAt(at));
            }
        }
    }

    fn on_questions(&mut self, response: &HttpResponse) {
        let items = match serde_json::from_slice::<Value>(&response.body) {
            Ok(Value::Array(items)) => items,
            Ok(_) | Err(_) => {
                let error = FlowError::Protocol("the question list is not a JSON array".into());
                return self.fail(Some(ActionKind::ListQuestions), error);
            }
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
            self.outputs.push_back(Output::Changed);
        }
    }

    /// Moves to the state of a successful response: token, polling, deliveries, snapshot, redirect.
    fn enter(&mut self, tx: &Transaction, pending: Pending, now: OffsetDateTime) {
        let state = State::from_transaction(tx, self.org_origin.as_deref());
        self.target = Target::of_transaction(tx);
        self.backoff_step = 0;
        let waiting = tx.factor_result == Some(FactorResult::Waiting);
        let (poll, poll_wait) = match Phase::of(&state) {
            Phase::Verify => (
                pending.poll,
                waiting.then_some(self.config.verify_poll_interval),
            ),
            Phase::Activate => (
                pending.poll,
                waiting.then_some(self.config.enroll_poll_interval),
            ),
            Phase::WaitingRoom(refresh) => (PollParams::default(), Some(refresh)),
            Phase::Other => (PollParams::default(), None),
        };
        self.poll = poll;
        let poll_wait = poll_wait.filter(|_| state.allowed_actions().contains(&ActionKind::Poll));
        let redirect = if let State::Success(success) = &state {
            success.redirect.clone()
        } else {
            None
        };
        self.state = state;
        self.token = tx.state_token.clone();
        self.status = tx.status.as_str().to_owned();
        self.expires_at = tx.expires_at;
        let resumed = self.resumed_wake.take().filter(|at| *at > now);
        self.poll_interval = poll_wait;
        self.wake_at = poll_wait.map(|wait| resumed.unwrap_or(now + wait));
        if let Some(delivery) = pending.delivery {
            if !matches!(delivery, Delivery::ActivationLink(_)) {
                self.resend_at = Some(now + self.config.resend_interval);
            }
            self.outputs.push_back(Output::Delivered(delivery));
        }
        self.outputs.push_back(Output::Changed);
        self.outputs.push_back(match self.snapshot() {
            Some(snapshot) => Output::Persist(snapshot),
            None => Output::ClearSnapshot,
        });
        if let Some(href) = redirect {
            self.outputs.push_back(Output::Navigate(href));
        }
    }
}

/// How the flow treats a state beyond its links: which waits it polls after. [`Phase::of`] matches
/// every [`State`], so a new state must be classified here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// MFA_CHALLENGE: a verification (push / Duo polls repeat the verify's query).
    Verify,
    /// MFA_ENROLL_ACTIVATE: an activation (push / Duo activation polls).
    Activate,
    /// POLL: the waiting room, polled after its `refresh`.
    WaitingRoom(Duration),
    /// Every other state.
    Other,
}

impl Phase {
    fn of(state: &State) -> Self {
        match state {
            State::MfaChallenge(_) => Self::Verify,
            State::MfaEnrollActivate(_) => Self::Activate,
            State::Poll(wait) => Self::WaitingRoom(wait.refresh),
            State::Start
            | State::Unauthenticated(_)
            | State::PasswordWarn(_)
            | State::PasswordExpired(_)
            | State::RecoveryChallenge(_)
            | State::Recovery(_)
            | State::PasswordReset(_)
            | State::LockedOut(_)
            | State::MfaEnroll(_)
            | State::MfaRequired(_)
            | State::Success(_)
            | State::Unknown(_) => Self::Other,
        }
    }
}
