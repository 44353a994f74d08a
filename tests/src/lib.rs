//! Shared helpers for the cross-crate tests: an in-process emulator handle ([`Emu`]) and a small
//! reqwest shell ([`Shell`]) that drives an `authn_core::Flow` against it.
//!
//! The shell is the smallest complete one: it performs the flow's outputs, sending each [`HttpRequest`]
//! with reqwest (one cookie jar per shell, so the emulator's `DT` remember-device cookie survives between
//! sign-ins), feeding the [`HttpResponse`] and the *emulator's* clock time back, and keeping the persisted
//! snapshot. Waits never sleep: a poll wait is served by moving the emulator clock forward and feeding
//! the flow a tick.
//!
//! [`actions`] builds the [`Action`]s several test files send (password change / reset, recovery,
//! unlock, sign-in with options).

use std::sync::Arc;
use std::time::{Duration, Instant};

use authn_core::{
    Action, Answer, ApiError, Delivery, ErrorCode, Factor, FactorCredential, FactorType, Flow,
    FlowError, Href, HttpRequest, HttpResponse, Input, Method, Output, PassCode, Password,
    PrimaryAuth, Provider, Recovery, Snapshot, State, StateKind, Success, VerifyFactor,
};
use serde_json::{Value, json};
use time::OffsetDateTime;

pub mod actions;
mod emu;

pub use emu::{Emu, EmuHandle, PushReply, totp_at};

pub use demo::{Emulator, EmulatorConfig, PushDecision, Scenario};

/// The password of every demo user.
pub const PASSWORD: &str = "Demo1234";

/// Polls a shell performs in [`Shell::settle`] before it gives up (a stuck push must fail the test,
/// not hang it).
pub const MAX_POLLS: usize = 100;

/// One request the shell sent: endpoint label (ids replaced by placeholders), status, latency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timing {
    /// `METHOD /path` with ids replaced (e.g. `POST /api/v1/authn/factors/{factorId}/verify`).
    pub endpoint: String,
    /// HTTP status (0 for a transport failure).
    pub status: u16,
    /// Round-trip time.
    pub elapsed: Duration,
}

/// The response to the last request, kept for assertions and failure messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// `METHOD url`.
    pub request: String,
    /// The response.
    pub response: HttpResponse,
}

impl Exchange {
    /// The response body as text (lossy).
    pub fn body(&self) -> String {
        String::from_utf8_lossy(&self.response.body).into_owned()
    }
}

/// What one shell step produced: the flow's outputs other than the requests the shell performed and
/// its timer settings, plus the poll the flow is waiting for afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Effects {
    /// `Persist`, `ClearSnapshot`, `Navigate`, `Delivered`, `Changed`, in order (a step with a
    /// `Failed` output is the step's `Err` instead).
    pub outputs: Vec<Output>,
    /// How long until the flow polls (its next wake-up once no request is in flight).
    pub poll_wait: Option<Duration>,
}

impl Effects {
    /// True when the step cleared the stored snapshot.
    pub fn clears(&self) -> bool {
        self.outputs
            .iter()
            .any(|o| matches!(o, Output::ClearSnapshot))
    }

    /// The snapshot outputs only (`Persist` / `ClearSnapshot`), in order.
    pub fn snapshot_outputs(&self) -> Vec<Output> {
        self.outputs
            .iter()
            .filter(|o| matches!(o, Output::Persist(_) | Output::ClearSnapshot))
            .cloned()
            .collect()
    }

    /// The navigation the step asked for, if any.
    pub fn navigation(&self) -> Option<&Href> {
        self.outputs.iter().find_map(|o| match o {
            Output::Navigate(href) => Some(href),
            _ => None,
        })
    }

    /// What the step delivered (codes, pushes, links).
    pub fn delivered(&self) -> Vec<Delivery> {
        self.outputs
            .iter()
            .filter_map(|o| match o {
                Output::Delivered(d) => Some(*d),
                _ => None,
            })
            .collect()
    }
}

/// A reqwest shell driving one [`Flow`] against the emulator.
#[derive(Debug)]
pub struct Shell {
    emu: EmuHandle,
    jar: Arc<reqwest::cookie::Jar>,
    http: reqwest::Client,
    /// The flow being driven.
    pub flow: Flow,
    /// The snapshot from the last `Persist` (cleared by `ClearSnapshot`), as a shell would store it.
    pub snapshot: Option<Snapshot>,
    /// Every poll wait the shell served, in order.
    pub waits: Vec<Duration>,
    /// Every request sent.
    pub timings: Vec<Timing>,
    /// The last request and its response.
    pub last: Option<Exchange>,
    /// Every output of the last step but requests and timer settings, including a failed step's.
    pub outputs: Vec<Output>,
    /// The `now` of the last input fed to the flow (poll waits are counted from it).
    fed_at: OffsetDateTime,
}

impl Shell {
    /// A shell with a fresh cookie jar (a new device) and a new flow for the emulator's org.
    pub fn new(emu: &EmuHandle) -> Shell {
        Self::with_jar(emu, Arc::new(reqwest::cookie::Jar::default()))
    }

    /// A shell whose requests carry `Origin: origin`, as the fetches of a page on that origin do
    /// (a WebAuthn ceremony's RP ID is the host of a trusted page origin).
    pub fn on_page(emu: &EmuHandle, origin: &str) -> Shell {
        let mut shell = Shell::new(emu);
        let mut config = authn_core::Config::new(emu.base_url());
        config.extra_headers = vec![("Origin".to_owned(), origin.to_owned())];
        shell.flow = Flow::new(config);
        shell
    }

    /// A new shell (a new device) signed in as `username` with [`PASSWORD`]; panics when the
    /// sign-in fails. The first state is whatever the scenario gives the user.
    pub async fn signed_in(emu: &EmuHandle, username: &str) -> Shell {
        let mut shell = Shell::new(emu);
        shell
            .sign_in(username, PASSWORD)
            .await
            .unwrap_or_else(|e| panic!("{username} signs in: {e:?}"));
        shell
    }

    /// A shell using an existing cookie jar (the same device as another shell).
    pub fn with_jar(emu: &EmuHandle, jar: Arc<reqwest::cookie::Jar>) -> Shell {
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .user_agent("authn-tests/0.1 (reqwest)")
            .build()
            .expect("reqwest client");
        Shell {
            emu: emu.clone(),
            jar,
            http,
            flow: Flow::new(authn_core::Config::new(emu.base_url())),
            snapshot: None,
            waits: Vec::new(),
            timings: Vec::new(),
            last: None,
            outputs: Vec::new(),
            fed_at: emu.now(),
        }
    }

    /// Feeds one input to the flow at the emulator's now.
    fn feed(&mut self, input: Input) {
        self.fed_at = self.emu.now();
        self.flow.handle(input, self.fed_at);
    }

    /// This shell's cookie jar (share it with [`Shell::with_jar`] to sign in again on "this device").
    pub fn jar(&self) -> Arc<reqwest::cookie::Jar> {
        self.jar.clone()
    }

    /// The emulator handle.
    pub fn emu(&self) -> &EmuHandle {
        &self.emu
    }

    /// The flow's state.
    pub fn state(&self) -> &State {
        self.flow.state()
    }

    /// Feeds `action` at the emulator's now and performs the outputs (requests, snapshot storage)
    /// until the flow waits for nothing but time. Returns the effects, or the failure.
    pub async fn act(&mut self, action: Action) -> Result<Effects, FlowError> {
        self.feed(Input::Action(action));
        self.run().await
    }

    /// The request `action` makes the flow send, without sending it (the flow keeps waiting for it;
    /// the next action supersedes it).
    pub fn request_for(&mut self, action: Action) -> Result<HttpRequest, FlowError> {
        self.feed(Input::Action(action));
        let mut request = None;
        let mut failed = None;
        while let Some(output) = self.flow.poll_output() {
            match output {
                Output::Send(outgoing) => request = Some(outgoing.request),
                Output::Failed(failure) => failed = Some(failure.error),
                Output::WakeAt(_)
                | Output::Persist(_)
                | Output::ClearSnapshot
                | Output::Navigate(_)
                | Output::Delivered(_)
                | Output::Changed => {}
            }
        }
        match (failed, request) {
            (Some(error), _) => Err(error),
            (None, Some(request)) => Ok(request),
            (None, None) => Err(FlowError::InvalidInput("no request was asked for".into())),
        }
    }

    /// Feeds `action`, and answers its request with `response` instead of sending it.
    pub async fn answer_with(
        &mut self,
        action: Action,
        response: HttpResponse,
    ) -> Result<Effects, FlowError> {
        self.feed(Input::Action(action));
        let mut id = None;
        while let Some(output) = self.flow.poll_output() {
            if let Output::Send(outgoing) = output {
                id = Some(outgoing.id);
            }
        }
        let id = id.expect("the action sends a request");
        self.feed(Input::Response(id, response));
        self.run().await
    }

    /// Performs outputs until no request is in flight: sends each request, feeds its answer, keeps
    /// the snapshot. The failure of the step, if any, is the `Err`.
    async fn run(&mut self) -> Result<Effects, FlowError> {
        let mut outputs = Vec::new();
        let mut failed = None;
        loop {
            let mut send = None;
            while let Some(output) = self.flow.poll_output() {
                match output {
                    // Only the newest request matters: the flow dropped any earlier one.
                    Output::Send(outgoing) => send = Some(outgoing),
                    Output::WakeAt(_) => {}
                    Output::Failed(failure) => {
                        failed = Some(failure.error.clone());
                        outputs.push(Output::Failed(failure));
                    }
                    Output::Persist(snapshot) => {
                        self.snapshot = Some(snapshot.clone());
                        outputs.push(Output::Persist(snapshot));
                    }
                    Output::ClearSnapshot => {
                        self.snapshot = None;
                        outputs.push(Output::ClearSnapshot);
                    }
                    other @ (Output::Navigate(_) | Output::Delivered(_) | Output::Changed) => {
                        outputs.push(other);
                    }
                }
            }
            let Some(outgoing) = send else { break };
            let input = match self.send(&outgoing.request).await {
                Ok(response) => Input::Response(outgoing.id, response),
                Err(message) => Input::NetworkFailure(outgoing.id, message),
            };
            self.feed(input);
        }
        self.outputs = outputs.clone();
        match failed {
            Some(error) => Err(error),
            None => Ok(Effects {
                outputs,
                poll_wait: self.poll_wait(),
            }),
        }
    }

    /// How long until the flow polls, when it waits for nothing else.
    fn poll_wait(&self) -> Option<Duration> {
        if self.flow.in_flight().is_some() {
            return None;
        }
        let at = self.flow.next_deadline()?;
        Some((at - self.fed_at).max(time::Duration::ZERO).unsigned_abs())
    }

    /// Sends one request of the flow's over HTTP (no flow involved) and records its timing.
    pub async fn send(&mut self, request: &HttpRequest) -> Result<HttpResponse, String> {
        let body = request.body.as_ref().map(authn_core::Body::to_bytes);
        self.raw(request.method, &request.url, &request.headers, body)
            .await
    }

    /// Sends `body` as JSON to `url` (any request a buggy or hostile client might send) and records
    /// its timing.
    pub async fn send_json(
        &mut self,
        method: Method,
        url: &str,
        body: Option<Value>,
    ) -> Result<HttpResponse, String> {
        let headers = [
            ("Accept".to_owned(), "application/json".to_owned()),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ];
        let body = body.map(|b| b.to_string().into_bytes());
        self.raw(method, url, &headers, body).await
    }

    async fn raw(
        &mut self,
        method: Method,
        url: &str,
        headers: &[(String, String)],
        body: Option<Vec<u8>>,
    ) -> Result<HttpResponse, String> {
        let mut builder = match method {
            Method::Get => self.http.get(url),
            Method::Post => self.http.post(url),
        };
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = body {
            builder = builder.body(body);
        }
        let endpoint = endpoint_label(method, url);
        let started = Instant::now();
        let sent = builder.send().await;
        let result = match sent {
            Ok(r) => {
                let status = r.status().as_u16();
                let headers = r
                    .headers()
                    .iter()
                    .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                    .collect();
                match r.bytes().await {
                    Ok(body) => Ok(HttpResponse::new(status, headers, body.to_vec())),
                    Err(e) => Err(format!("reading the body failed: {e}")),
                }
            }
            Err(e) => Err(format!("request failed: {e}")),
        };
        self.timings.push(Timing {
            endpoint,
            status: result.as_ref().map(|r| r.status).unwrap_or(0),
            elapsed: started.elapsed(),
        });
        if let Ok(response) = &result {
            self.last = Some(Exchange {
                request: format!("{} {url}", method.as_str()),
                response: response.clone(),
            });
        }
        result
    }

    /// Serves the polls the flow asks for (moving the emulator clock instead of sleeping) until it
    /// stops asking. Returns the last effects.
    pub async fn settle(&mut self, mut effects: Effects) -> Result<Effects, FlowError> {
        for _ in 0..MAX_POLLS {
            let Some(wait) = effects.poll_wait else {
                return Ok(effects);
            };
            effects = self.poll_after(wait).await?;
        }
        panic!("the flow still asked to poll after {MAX_POLLS} polls");
    }

    /// Serves one poll wait: records it, moves the emulator clock by `wait`, and lets the timer fire
    /// (the flow polls by itself).
    pub async fn poll_after(&mut self, wait: Duration) -> Result<Effects, FlowError> {
        self.waits.push(wait);
        let ms = wait.as_millis();
        // The clock API takes whole seconds; round sub-second waits up.
        self.emu
            .advance_clock(u64::try_from(ms.div_ceil(1000)).unwrap_or(u64::MAX))
            .await;
        self.feed(Input::Tick);
        self.run().await
    }

    /// A new flow on the same cookie jar (a second sign-in on the same device).
    pub fn restart(&mut self) {
        self.flow = Flow::new(self.flow.config().clone());
        self.snapshot = None;
    }

    /// Primary authentication with username + password (default options).
    pub async fn sign_in(&mut self, username: &str, password: &str) -> Result<Effects, FlowError> {
        self.act(Action::Authenticate(PrimaryAuth::password(
            username,
            Password::new(password),
        )))
        .await
    }

    /// The current state's kind.
    pub fn kind(&self) -> StateKind {
        self.flow.state().kind()
    }

    /// Panics (with the last response) unless the flow is in `kind`.
    #[track_caller]
    pub fn expect(&self, kind: StateKind) {
        assert_eq!(
            self.kind(),
            kind,
            "state {:?}; last exchange: {:?}",
            self.flow.state(),
            self.last
        );
    }

    /// The factors offered in MFA_REQUIRED, MFA_ENROLL or UNAUTHENTICATED (empty otherwise).
    pub fn factors(&self) -> Vec<Factor> {
        match self.flow.state() {
            State::MfaRequired(_) | State::MfaEnroll(_) | State::Unauthenticated(_) => {
                self.flow.state().factors().to_vec()
            }
            State::Start
            | State::PasswordWarn(_)
            | State::PasswordExpired(_)
            | State::RecoveryChallenge(_)
            | State::Recovery(_)
            | State::PasswordReset(_)
            | State::LockedOut(_)
            | State::MfaEnrollActivate(_)
            | State::MfaChallenge(_)
            | State::Success(_)
            | State::Poll(_)
            | State::Unknown(_) => Vec::new(),
        }
    }

    /// The id of the offered factor of `factor_type` (and `provider` when given).
    #[track_caller]
    pub fn factor_id(&self, factor_type: FactorType, provider: Option<Provider>) -> String {
        self.factors()
            .into_iter()
            .find(|f| {
                f.factor_type == factor_type && provider.as_ref().is_none_or(|p| &f.provider == p)
            })
            .and_then(|f| f.id)
            .unwrap_or_else(|| panic!("no {factor_type:?} factor in {:?}", self.flow.state()))
    }

    /// Verifies the factor `factor_id` (MFA_REQUIRED) or the challenged factor (`None`, MFA_CHALLENGE).
    pub async fn verify(
        &mut self,
        factor_id: Option<String>,
        credential: Option<FactorCredential>,
    ) -> Result<Effects, FlowError> {
        self.act(Action::VerifyFactor(VerifyFactor {
            factor_id,
            credential,
            ..VerifyFactor::default()
        }))
        .await
    }

    /// [`Shell::verify`] with a one-time code (SMS, call, email, TOTP, hardware token).
    pub async fn verify_code(
        &mut self,
        factor_id: Option<String>,
        code: impl Into<String>,
    ) -> Result<Effects, FlowError> {
        let credential = FactorCredential::PassCode(PassCode::new(code));
        self.verify(factor_id, Some(credential)).await
    }

    /// [`Shell::verify`] with a security-question answer.
    pub async fn verify_answer(
        &mut self,
        factor_id: Option<String>,
        answer: &str,
    ) -> Result<Effects, FlowError> {
        let credential = FactorCredential::Answer(Answer::new(answer));
        self.verify(factor_id, Some(credential)).await
    }

    /// Signs in as `username` with [`PASSWORD`] and verifies its offered `factor_type` factor without
    /// a credential (the emulator sends the code or the push). Returns the factor id and the verify's
    /// effects; panics when a step fails.
    pub async fn sign_in_and_challenge(
        &mut self,
        username: &str,
        factor_type: FactorType,
    ) -> (String, Effects) {
        self.sign_in(username, PASSWORD)
            .await
            .unwrap_or_else(|e| panic!("{username} signs in: {e:?}"));
        let id = self.factor_id(factor_type, None);
        let effects = self
            .verify(Some(id.clone()), None)
            .await
            .unwrap_or_else(|e| panic!("{username}: the challenge starts: {e:?}"));
        (id, effects)
    }

    /// Replaces this shell's flow with one resumed from `snapshot` (a reloaded page or another tab)
    /// and performs the resume's get-state request.
    pub async fn resume_from(&mut self, snapshot: Snapshot) -> Result<Effects, FlowError> {
        self.fed_at = self.emu.now();
        self.flow = Flow::resume(self.flow.config().clone(), snapshot, self.fed_at);
        self.run().await
    }

    /// The SUCCESS data; panics in any other state.
    #[track_caller]
    pub fn success(&self) -> &Success {
        match self.flow.state() {
            State::Success(s) => s,
            other => panic!(
                "expected SUCCESS, got {other:?}; last exchange: {:?}",
                self.last
            ),
        }
    }

    /// `POST /api/v1/sessions {"sessionToken": token}` for any token; returns the raw response.
    pub async fn exchange_session_token(&mut self, token: &str) -> HttpResponse {
        let url = self.emu.url("/api/v1/sessions");
        self.send_json(Method::Post, &url, Some(json!({ "sessionToken": token })))
            .await
            .expect("sessions API reachable")
    }

    /// Exchanges the SUCCESS sessionToken for a session and returns the session JSON; panics in any
    /// other state or unless the exchange answers 200.
    pub async fn create_session(&mut self) -> Value {
        let token = self
            .success()
            .session_token
            .clone()
            .expect("SUCCESS carries a sessionToken");
        let response = self.exchange_session_token(token.expose()).await;
        let body = String::from_utf8_lossy(&response.body).into_owned();
        assert_eq!(response.status, 200, "session exchange: {body}");
        serde_json::from_str(&body).expect("session JSON")
    }

    /// The login of the session [`Shell::create_session`] creates: proof that the transaction ended
    /// for the right user.
    pub async fn session_login(&mut self) -> String {
        self.create_session().await["login"]
            .as_str()
            .expect("session login")
            .to_owned()
    }

    /// The response body of the last request as JSON (Null when not JSON).
    pub fn last_json(&self) -> Value {
        self.last
            .as_ref()
            .and_then(|e| serde_json::from_slice(&e.response.body).ok())
            .unwrap_or(Value::Null)
    }

    /// A header of the last response.
    pub fn last_header(&self, name: &str) -> Option<String> {
        self.last
            .as_ref()
            .and_then(|e| e.response.header(name).map(str::to_owned))
    }
}

/// The poll wait of a step's effects.
pub fn poll_wait(effects: &Effects) -> Option<Duration> {
    effects.poll_wait
}

/// `METHOD /path` with the query dropped and ids replaced by placeholders, so that timings group by
/// endpoint.
pub fn endpoint_label(method: Method, url: &str) -> String {
    let path = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or(url);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let segments: Vec<&str> = path.split('/').collect();
    let mut out = Vec::with_capacity(segments.len());
    for (i, seg) in segments.iter().enumerate() {
        let prev = if i > 0 { segments[i - 1] } else { "" };
        let grand = if i > 1 { segments[i - 2] } else { "" };
        let label = match (grand, prev) {
            // /api/v1/authn/factors/{factorId}/..., not /recovery/factors/{SMS|CALL}/...
            ("authn", "factors") => "{factorId}",
            (_, "users") => "{userId}",
            (_, "sessions") if *seg != "me" => "{sessionId}",
            _ => seg,
        };
        // /api/v1/users/{uid}/factors/{fid}/qr/{token}
        let label = if grand == "factors" && prev == "qr" {
            "{token}"
        } else {
            label
        };
        out.push(label);
    }
    format!("{} {}", method.as_str(), out.join("/"))
}

/// Asserts that `result` is an `Api` error (or `RateLimited` / `Server` carrying one) with `code`,
/// `status` and `recovery`, and returns the `ApiError`.
#[track_caller]
pub fn expect_api_error<T: std::fmt::Debug>(
    result: &Result<T, FlowError>,
    status: u16,
    code: &str,
    recovery: Recovery,
) -> ApiError {
    let error = match result {
        Ok(v) => panic!("expected {code}, got Ok({v:?})"),
        Err(e) => e,
    };
    let api = error
        .api_error()
        .unwrap_or_else(|| panic!("expected {code}, got {error:?}"))
        .clone();
    assert_eq!(api.code, ErrorCode::parse(code), "{error:?}");
    assert_eq!(api.code.as_str(), code);
    assert_eq!(api.status, status, "{error:?}");
    assert_eq!(error.recovery(), recovery, "{error:?}");
    assert!(
        api.request_id.is_some(),
        "X-Okta-Request-Id is kept: {api:?}"
    );
    assert!(!api.summary.is_empty(), "errorSummary is kept: {api:?}");
    api
}
