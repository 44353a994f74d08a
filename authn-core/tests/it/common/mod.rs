//! Shared helpers for the authn-core integration tests: fixture loading and a tiny test shell
//! ([`Driver`]) over the `handle` / `poll_output` contract.
// Each test module uses a different subset of these helpers.
#![allow(dead_code)]

use std::path::PathBuf;

use authn_core::*;
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::datetime;

/// The base URL every fixture link lives under.
pub(crate) const BASE: &str = "https://acme.okta.com";

/// The fixed "now" of the tests (fixtures expire five minutes later).
pub(crate) fn now() -> OffsetDateTime {
    datetime!(2026-01-01 10:00 UTC)
}

/// `now()` plus `secs` seconds.
pub(crate) fn at(secs: i64) -> OffsetDateTime {
    now() + time::Duration::seconds(secs)
}

/// The test configuration.
pub(crate) fn config() -> Config {
    Config::new(BASE)
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// One entry of `fixtures/index.json`.
#[derive(Debug, Clone)]
pub(crate) struct Fixture {
    pub(crate) file: String,
    pub(crate) http_status: u16,
    pub(crate) kind: String,
    pub(crate) status: Option<String>,
    pub(crate) error_code: Option<String>,
    pub(crate) headers: Vec<(String, String)>,
}

/// Every fixture listed in the index.
pub(crate) fn index() -> Vec<Fixture> {
    let text = std::fs::read_to_string(fixtures_dir().join("index.json")).expect("index.json");
    let value: Value = serde_json::from_str(&text).expect("index.json is JSON");
    value["fixtures"]
        .as_array()
        .expect("fixtures array")
        .iter()
        .map(|f| Fixture {
            file: f["file"].as_str().expect("file").to_owned(),
            http_status: f["http_status"].as_u64().expect("http_status") as u16,
            kind: f["kind"].as_str().expect("kind").to_owned(),
            status: f["status"].as_str().map(str::to_owned),
            error_code: f["error_code"].as_str().map(str::to_owned),
            headers: f["headers"]
                .as_object()
                .map(|h| {
                    h.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// Index entries of one kind (`transaction`, `error`, `questions`, `cancel`).
pub(crate) fn fixtures_of(kind: &str) -> Vec<Fixture> {
    index().into_iter().filter(|f| f.kind == kind).collect()
}

/// The body of a fixture file.
pub(crate) fn body_text(name: &str) -> String {
    body(name)
}

/// The body of a fixture file.
pub(crate) fn body(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The fixture as a response (status and headers from the index).
pub(crate) fn response(name: &str) -> HttpResponse {
    let entry = index()
        .into_iter()
        .find(|f| f.file == name)
        .unwrap_or_else(|| panic!("{name} is not in index.json"));
    HttpResponse::new(entry.http_status, entry.headers, body(name))
}

/// The parsed transaction of a fixture.
pub(crate) fn transaction(name: &str) -> Transaction {
    Transaction::parse(&body(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The typed state of a fixture (no org origin).
pub(crate) fn state_of(name: &str) -> State {
    State::from_transaction(&transaction(name), None)
}

/// A flow plus what a shell remembers: the last request sent (to answer it) and the outputs of the
/// last input. Derefs to the [`Flow`].
#[derive(Clone, Debug)]
pub(crate) struct Driver {
    pub(crate) flow: Flow,
    /// The last `Send` output.
    pub(crate) last: Option<Outgoing>,
}

impl std::ops::Deref for Driver {
    type Target = Flow;
    fn deref(&self) -> &Flow {
        &self.flow
    }
}

impl std::ops::DerefMut for Driver {
    fn deref_mut(&mut self) -> &mut Flow {
        &mut self.flow
    }
}

impl Driver {
    /// A driver over a new flow.
    pub(crate) fn new(config: Config) -> Self {
        Self::over(Flow::new(config))
    }

    /// A driver over `flow`, draining what it has queued already.
    pub(crate) fn over(flow: Flow) -> Self {
        let mut driver = Self { flow, last: None };
        driver.drain();
        driver
    }

    /// Feeds `input` at `at` and returns the outputs (remembering the last `Send`).
    pub(crate) fn feed(&mut self, input: Input, at: OffsetDateTime) -> Vec<Output> {
        self.flow.handle(input, at);
        self.drain()
    }

    fn drain(&mut self) -> Vec<Output> {
        let mut outputs = Vec::new();
        while let Some(output) = self.flow.poll_output() {
            if let Output::Send(outgoing) = &output {
                self.last = Some(outgoing.clone());
            }
            outputs.push(output);
        }
        outputs
    }

    /// The id of the last request sent.
    pub(crate) fn last_id(&self) -> RequestId {
        self.last.as_ref().expect("a request was sent").id
    }

    /// An action at `at`; its outputs.
    pub(crate) fn act_at(&mut self, action: Action, at: OffsetDateTime) -> Vec<Output> {
        self.feed(Input::Action(action), at)
    }

    /// An action at `now()`; its outputs.
    pub(crate) fn act(&mut self, action: Action) -> Vec<Output> {
        self.act_at(action, now())
    }

    /// Answers the last request with `response` at `at`; the outputs.
    pub(crate) fn respond_at(&mut self, response: HttpResponse, at: OffsetDateTime) -> Vec<Output> {
        let id = self.last_id();
        self.feed(Input::Response(id, response), at)
    }

    /// Answers the last request with `response` at `now()`: the outputs, or the failure it caused.
    pub(crate) fn respond(&mut self, response: HttpResponse) -> Result<Vec<Output>, FlowError> {
        outcome(self.respond_at(response, now()))
    }

    /// Reports that the last request failed at `at`.
    pub(crate) fn network_failure_at(&mut self, message: &str, at: OffsetDateTime) -> Vec<Output> {
        let id = self.last_id();
        self.feed(Input::NetworkFailure(id, message.into()), at)
    }
}

/// The failure among `outputs`, if any.
pub(crate) fn failure(outputs: &[Output]) -> Option<&Failure> {
    outputs.iter().find_map(|o| match o {
        Output::Failed(failure) => Some(failure),
        _ => None,
    })
}

/// `Err(error)` when `outputs` hold a failure, else the outputs.
pub(crate) fn outcome(outputs: Vec<Output>) -> Result<Vec<Output>, FlowError> {
    match failure(&outputs) {
        Some(failure) => Err(failure.error.clone()),
        None => Ok(outputs),
    }
}

/// The request among `outputs`, if any.
pub(crate) fn request_in(outputs: &[Output]) -> Option<&HttpRequest> {
    outputs.iter().find_map(|o| match o {
        Output::Send(outgoing) => Some(&outgoing.request),
        _ => None,
    })
}

/// The wait `outputs` ask for (their `WakeAt`) counted from `from`, when they schedule a poll.
pub(crate) fn wake_after(outputs: &[Output], from: OffsetDateTime) -> Option<std::time::Duration> {
    outputs.iter().find_map(|o| match o {
        Output::WakeAt(at) => Some((*at - from).unsigned_abs()),
        _ => None,
    })
}

/// The snapshot `outputs` persist, if any.
pub(crate) fn persisted(outputs: &[Output]) -> Option<&Snapshot> {
    outputs.iter().find_map(|o| match o {
        Output::Persist(snapshot) => Some(snapshot),
        _ => None,
    })
}

/// True when `outputs` clear the snapshot.
pub(crate) fn clears(outputs: &[Output]) -> bool {
    outputs.iter().any(|o| matches!(o, Output::ClearSnapshot))
}

/// The navigation among `outputs`, if any.
pub(crate) fn navigation(outputs: &[Output]) -> Option<&Href> {
    outputs.iter().find_map(|o| match o {
        Output::Navigate(href) => Some(href),
        _ => None,
    })
}

/// A flow resuming the snapshot of `state_token` in `status` (its get-state request not answered yet).
pub(crate) fn resumed(config: Config, state_token: &str, status: &str) -> Driver {
    let snapshot = Snapshot {
        state_token: StateToken::new(state_token),
        status: status.into(),
        expires_at: None,
        factor_id: None,
        poll: PollParams::default(),
        wake_at: None,
        resend_at: None,
    };
    Driver::over(Flow::resume(config, snapshot, now()))
}

/// A flow that resumed into the state of `name` (get-state can return any state).
pub(crate) fn flow_at(name: &str) -> Driver {
    let mut flow = resumed(config(), "00resume", "UNKNOWN");
    flow.respond(response(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    flow
}

/// Dispatches and returns the request, panicking on anything else.
#[track_caller]
pub(crate) fn send(flow: &mut Driver, action: Action) -> HttpRequest {
    let outputs = flow.act(action);
    if let Some(failure) = failure(&outputs) {
        panic!("dispatch failed: {}", failure.error);
    }
    request_in(&outputs)
        .cloned()
        .unwrap_or_else(|| panic!("expected a request, got {outputs:?}"))
}

/// Dispatches and returns the failure, panicking on anything else.
#[track_caller]
pub(crate) fn refused(flow: &mut Driver, action: Action) -> FlowError {
    let outputs = flow.act(action);
    failure(&outputs)
        .map(|f| f.error.clone())
        .unwrap_or_else(|| panic!("expected a failure, got {outputs:?}"))
}

/// Feeds a fixture as the response and returns the outputs.
#[track_caller]
pub(crate) fn reply(flow: &mut Driver, name: &str) -> Vec<Output> {
    flow.respond(response(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The JSON body of a request.
pub(crate) fn json_body(request: &HttpRequest) -> Value {
    request
        .body
        .as_ref()
        .map(|b| Value::Object(b.expose().clone()))
        .unwrap_or(Value::Null)
}

/// Dispatches `action`, checks the request targets a link of the current state or an entry point,
/// answers it with the fixture `reply_with`, and returns the outputs.
#[track_caller]
pub(crate) fn step(flow: &mut Driver, action: Action, reply_with: &str) -> Vec<Output> {
    let published = published_hrefs(flow.state());
    let request = send(flow, action);
    assert_targets_published_link(flow, &published, &request);
    reply(flow, reply_with)
}

/// Primary auth of the fixtures' user with `password`.
pub(crate) fn sign_in_as(password: &str) -> Action {
    Action::Authenticate(PrimaryAuth::password(
        "dade.murphy@example.com",
        Password::new(password),
    ))
}

/// A new flow that signed in (password `pw`) and got the fixture `reply_with`.
pub(crate) fn signed_in(reply_with: &str) -> Driver {
    let mut flow = Driver::new(config());
    step(&mut flow, sign_in_as("pw"), reply_with);
    flow
}

/// Verifies the factor `factor_id` (the current challenge when `None`) with `credential`.
pub(crate) fn verify(factor_id: Option<&str>, credential: Option<FactorCredential>) -> Action {
    Action::VerifyFactor(VerifyFactor {
        factor_id: factor_id.map(str::to_owned),
        credential,
        remember_device: None,
        auto_push: None,
    })
}

/// Verifies the current factor with the passcode `code`.
pub(crate) fn verify_code(code: &str) -> Action {
    verify(None, Some(FactorCredential::PassCode(PassCode::new(code))))
}

/// The wait and server error of a [`FlowError::RateLimited`] that carries one; panics otherwise.
#[track_caller]
pub(crate) fn rate_limited(error: &FlowError) -> (std::time::Duration, &ApiError) {
    match error {
        FlowError::RateLimited {
            retry_after,
            error: Some(api),
        } => (*retry_after, api),
        other => panic!("expected a rate limit with a server error, got {other:?}"),
    }
}

/// Like [`step`], for a reply that is an error.
#[track_caller]
pub(crate) fn step_err(flow: &mut Driver, action: Action, reply_with: &str) -> FlowError {
    let published = published_hrefs(flow.state());
    let request = send(flow, action);
    assert_targets_published_link(flow, &published, &request);
    flow.respond(response(reply_with)).expect_err(reply_with)
}

/// Like [`step_err`], also returning every output of the error response.
#[track_caller]
pub(crate) fn step_fail(
    flow: &mut Driver,
    action: Action,
    reply_with: &str,
) -> (FlowError, Vec<Output>) {
    let published = published_hrefs(flow.state());
    let request = send(flow, action);
    assert_targets_published_link(flow, &published, &request);
    let outputs = flow.respond_at(response(reply_with), now());
    let error = failure(&outputs)
        .unwrap_or_else(|| panic!("{reply_with}: expected a failure, got {outputs:?}"))
        .error
        .clone();
    (error, outputs)
}

/// Every href a state carries (top-level links, factor links, activation and Duo links).
pub(crate) fn published_hrefs(state: &State) -> Vec<String> {
    let mut hrefs: Vec<&Href> = Vec::new();
    if let Some(links) = state.links() {
        hrefs.extend(links.prev());
        hrefs.extend(links.skip());
        hrefs.extend(links.cancel());
        hrefs.extend(links.resend_links().iter().map(|l| &l.href));
        for kind in ActionKind::ALL {
            hrefs.extend(links.next(kind));
        }
    }
    for factor in state.factors().iter().chain(state.factor_types()) {
        hrefs.extend(factor.links.enroll.as_ref());
        hrefs.extend(factor.links.verify.as_ref());
        hrefs.extend(factor.links.questions.as_ref());
        if let Some(Activation::Push(push)) = &factor.activation {
            hrefs.extend(push.send.iter().map(|(_, href)| href));
        }
    }
    hrefs.into_iter().map(|h| h.as_str().to_owned()).collect()
}

/// Asserts that `request` goes to an entry point or to one of `published` (the links of the state
/// it was built in).
#[track_caller]
pub(crate) fn assert_targets_published_link(
    flow: &Flow,
    published: &[String],
    request: &HttpRequest,
) {
    let target = request.url_without_query();
    let entry = flow.config().entry_urls();
    assert!(
        entry.iter().any(|u| u.as_str() == target)
            || published
                .iter()
                .any(|h| h.split('?').next() == Some(target)),
        "{target} is neither an entry point nor a published link"
    );
}

/// A canned transaction response to the last request.
pub(crate) fn json_reply(
    flow: &mut Driver,
    status: u16,
    body: &str,
) -> Result<Vec<Output>, FlowError> {
    flow.respond(HttpResponse::json(status, body))
}
