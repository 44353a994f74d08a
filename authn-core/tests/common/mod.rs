//! Shared helpers for the authn-core integration tests: fixture loading and flow set-up.
// Each test file uses a different subset of these helpers.
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
pub(crate) fn body(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The fixture as a response (status and headers from the index).
pub(crate) fn response(name: &str) -> HttpResponse {
    let entry = index()
        .into_iter()
        .find(|f| f.file == name)
        .unwrap_or_else(|| panic!("{name} is not in index.json"));
    HttpResponse {
        status: entry.http_status,
        headers: entry.headers,
        body: body(name),
    }
}

/// The parsed transaction of a fixture.
pub(crate) fn transaction(name: &str) -> Transaction {
    Transaction::parse(&body(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A flow resuming the snapshot of `state_token` in `status` (its get-state request not answered yet).
pub(crate) fn resumed(config: Config, state_token: &str, status: &str) -> Flow {
    let snapshot = Snapshot {
        state_token: StateToken::new(state_token),
        status: status.into(),
        expires_at: None,
        factor_id: None,
        poll: PollParams::default(),
    };
    let (flow, _request) = Flow::resume(config, snapshot);
    flow
}

/// A flow that resumed into the state of `name` (get-state can return any state).
pub(crate) fn flow_at(name: &str) -> Flow {
    let mut flow = resumed(config(), "00resume", "UNKNOWN");
    flow.handle_response(response(name), now())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    flow
}

/// The request of a `Command::Send`.
pub(crate) fn sent(command: Command) -> HttpRequest {
    match command {
        Command::Send(request) => request,
        other => panic!("expected a request, got {other:?}"),
    }
}

/// Dispatches and returns the request, panicking on anything else.
pub(crate) fn send(flow: &mut Flow, action: Action) -> HttpRequest {
    sent(
        flow.dispatch(action, now())
            .unwrap_or_else(|e| panic!("dispatch failed: {e}")),
    )
}

/// Feeds a fixture as the response and returns the effects.
pub(crate) fn reply(flow: &mut Flow, name: &str) -> Vec<Effect> {
    flow.handle_response(response(name), now())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The JSON body of a request.
pub(crate) fn json_body(request: &HttpRequest) -> Value {
    request.body.clone().unwrap_or(Value::Null)
}

/// Dispatches `action`, checks the request targets a link of the previous response or an entry point,
/// answers it with the fixture `reply_with`, and returns the effects.
pub(crate) fn step(flow: &mut Flow, action: Action, reply_with: &str) -> Vec<Effect> {
    let request = send(flow, action);
    assert_targets_published_link(flow, &request);
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
pub(crate) fn signed_in(reply_with: &str) -> Flow {
    let mut flow = Flow::new(config());
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
pub(crate) fn step_err(flow: &mut Flow, action: Action, reply_with: &str) -> FlowError {
    let request = send(flow, action);
    assert_targets_published_link(flow, &request);
    flow.handle_response(response(reply_with), now())
        .expect_err(reply_with)
}

/// Every href published in a transaction (top level, factors, activations, targets).
pub(crate) fn published_hrefs(tx: &Transaction) -> Vec<String> {
    let mut links: Vec<&Link> = tx.links.all();
    let factors = tx
        .embedded
        .factors
        .iter()
        .chain(tx.embedded.factor.as_ref());
    let mut activations = Vec::new();
    for factor in factors {
        links.extend(factor.links.all());
        if let Some(activation) = &factor.embedded.activation {
            activations.push(authn_core::wire::WireActivation::from_value(activation));
        }
    }
    let mut hrefs: Vec<String> = links.into_iter().map(|l| l.href.clone()).collect();
    for activation in activations {
        hrefs.extend(activation.links.all().into_iter().map(|l| l.href.clone()));
    }
    hrefs
}

/// Asserts that `request` goes to an entry point or to a link of the flow's current transaction.
pub(crate) fn assert_targets_published_link(flow: &Flow, request: &HttpRequest) {
    let target = request.url_without_query();
    let entry = flow.config().entry_urls();
    let published = flow.transaction().map(published_hrefs).unwrap_or_default();
    assert!(
        entry.iter().any(|u| u == target)
            || published
                .iter()
                .any(|h| h.split('?').next() == Some(target)),
        "{target} is neither an entry point nor a published link"
    );
}

/// A canned transaction response.
pub(crate) fn json_reply(
    flow: &mut Flow,
    status: u16,
    body: &str,
) -> Result<Vec<Effect>, FlowError> {
    flow.handle_response(HttpResponse::json(status, body), now())
}
