//! The driver scripted end to end against canned responses: what it sends, what it asks, how it ends.
//! One module per behaviour; this one holds the canned server and the helpers.

mod cancel;
mod enroll;
mod password;
mod recovery;
mod sign_in;
mod verify;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use authn_core::{AuthOptions, Config, HttpRequest, HttpResponse};
use serde_json::{Value, json};
use time::macros::datetime;
use tokio::sync::Notify;

use super::{Driver, Entry, Outcome, Settings};
use crate::answers::{Answers, Key};
use crate::prompt::{Notes, ScriptedPrompter};
use crate::transport::Transport;

const BASE: &str = "https://acme.okta.com";

/// What the canned server does with the next request.
enum Canned {
    Respond(HttpResponse),
    /// Never answer; wake `Notify` so the test can press Ctrl-C.
    Hang(Arc<Notify>),
}

#[derive(Clone, Default)]
struct Server {
    script: Arc<Mutex<VecDeque<Canned>>>,
    seen: Arc<Mutex<Vec<HttpRequest>>>,
}

impl Server {
    fn new(script: Vec<Canned>) -> Self {
        Self {
            script: Arc::new(Mutex::new(script.into())),
            seen: Arc::default(),
        }
    }

    fn requests(&self) -> Vec<HttpRequest> {
        self.seen.lock().unwrap().clone()
    }

    fn paths(&self) -> Vec<String> {
        self.requests()
            .iter()
            .map(|r| r.url.trim_start_matches(BASE).to_owned())
            .collect()
    }

    /// The JSON body of request `index`.
    fn body(&self, index: usize) -> Value {
        let request = &self.requests()[index];
        Value::Object(request.body.as_ref().expect("a body").expose().clone())
    }
}

impl Transport for Server {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, String>> + Send + 'static {
        self.seen.lock().unwrap().push(request);
        let next = self.script.lock().unwrap().pop_front();
        async move {
            match next {
                Some(Canned::Respond(response)) => Ok(response),
                Some(Canned::Hang(notify)) => {
                    notify.notify_one();
                    std::future::pending().await
                }
                None => Err("connection refused (script exhausted)".to_owned()),
            }
        }
    }
}

fn link(path: &str) -> Value {
    json!({ "href": format!("{BASE}{path}"), "hints": { "allow": ["POST"] } })
}

fn named(name: &str, path: &str) -> Value {
    let mut value = link(path);
    value["name"] = json!(name);
    value
}

/// A 200 transaction: `status`, a state token, a far expiry, plus `extra` fields.
fn tx(status: &str, extra: Value) -> Canned {
    let mut body = json!({
        "status": status,
        "stateToken": "st-secret-1",
        "expiresAt": "2099-01-01T00:00:00.000Z",
    });
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    Canned::Respond(HttpResponse::json(200, body.to_string()))
}

fn success() -> Canned {
    Canned::Respond(HttpResponse::json(
        200,
        json!({
            "status": "SUCCESS",
            "sessionToken": "session-42",
            "expiresAt": "2099-01-01T00:00:00.000Z",
            "_embedded": { "user": { "id": "00u1", "profile": { "login": "ann@acme.com" } } },
        })
        .to_string(),
    ))
}

/// The answer to a cancel.
fn cancelled() -> Canned {
    Canned::Respond(HttpResponse::json(200, "{}"))
}

fn error(status: u16, code: &str, summary: &str) -> Canned {
    Canned::Respond(HttpResponse::json(
        status,
        json!({ "errorCode": code, "errorSummary": summary, "errorCauses": [] }).to_string(),
    ))
}

fn mfa_required() -> Canned {
    tx(
        "MFA_REQUIRED",
        json!({
            "_embedded": { "factors": [
                { "id": "sms1", "factorType": "sms", "provider": "OKTA",
                  "profile": { "phoneNumber": "+1 XXX-XXX-2041" },
                  "_links": { "verify": link("/api/v1/authn/factors/sms1/verify") } },
                { "id": "totp1", "factorType": "token:software:totp", "provider": "GOOGLE",
                  "_links": { "verify": link("/api/v1/authn/factors/totp1/verify") } },
                { "id": "push1", "factorType": "push", "provider": "OKTA",
                  "profile": { "name": "Ann's phone" },
                  "_links": { "verify": link("/api/v1/authn/factors/push1/verify") } },
                { "id": "wa1", "factorType": "webauthn", "provider": "FIDO",
                  "_links": { "verify": link("/api/v1/authn/factors/wa1/verify") } }
            ] },
            "_links": { "cancel": link("/api/v1/authn/cancel") },
        }),
    )
}

/// MFA_CHALLENGE of the push factor with `factorResult` `result` (WAITING: `next` is the poll) and
/// the number challenge `number`.
fn push_challenge(result: &str, number: Option<u32>) -> Canned {
    let challenge = number.map_or(
        json!({}),
        |n| json!({ "challenge": { "correctAnswer": n } }),
    );
    let next = if result == "WAITING" {
        named("poll", "/api/v1/authn/factors/push1/verify")
    } else {
        named("verify", "/api/v1/authn/factors/push1/verify")
    };
    tx(
        "MFA_CHALLENGE",
        json!({
            "factorResult": result,
            "_embedded": { "factor": { "id": "push1", "factorType": "push", "provider": "OKTA",
                "profile": { "name": "Ann's phone" }, "_embedded": challenge } },
            "_links": {
                "next": next,
                "resend": [named("push", "/api/v1/authn/factors/push1/verify/resend")],
                "cancel": link("/api/v1/authn/cancel"),
            },
        }),
    )
}

/// MFA_ENROLL offering `factors` (not set up yet), with `cancel`.
fn mfa_enroll(factors: Value) -> Canned {
    tx(
        "MFA_ENROLL",
        json!({
            "_embedded": { "factors": factors },
            "_links": { "cancel": link("/api/v1/authn/cancel") },
        }),
    )
}

/// One factor of MFA_ENROLL, not set up yet.
fn enrollable(factor_type: &str, provider: &str) -> Value {
    json!({ "factorType": factor_type, "provider": provider, "status": "NOT_SETUP",
            "enrollment": "OPTIONAL", "_links": { "enroll": link("/api/v1/authn/factors") } })
}

fn answers(pairs: &[(Key, &str)]) -> Answers {
    let mut answers = Answers::new();
    for (key, value) in pairs {
        answers.push(*key, *value);
    }
    answers
}

struct Run {
    outcome: Outcome,
    server: Server,
    notes: Vec<String>,
}

impl Run {
    fn noted(&self, needle: &str) -> bool {
        self.notes.iter().any(|n| n.contains(needle))
    }
}

/// The test configuration: fast polls, resend ready at once, the default request timeout.
fn config() -> Config {
    let mut config = Config::new(BASE);
    config.verify_poll_interval = Duration::from_millis(1);
    config.enroll_poll_interval = Duration::from_millis(1);
    config.resend_interval = Duration::ZERO;
    config
}

async fn drive(entry: Entry, pairs: &[(Key, &str)], script: Vec<Canned>) -> Run {
    drive_with(entry, pairs, script, std::future::pending()).await
}

async fn drive_with(
    entry: Entry,
    pairs: &[(Key, &str)],
    script: Vec<Canned>,
    interrupt: impl Future<Output = ()>,
) -> Run {
    drive_configured(config(), entry, pairs, script, interrupt).await
}

async fn drive_configured(
    config: Config,
    entry: Entry,
    pairs: &[(Key, &str)],
    script: Vec<Canned>,
    interrupt: impl Future<Output = ()>,
) -> Run {
    let server = Server::new(script);
    let notes = Arc::new(Mutex::new(Vec::new()));
    let prompter = ScriptedPrompter::new(answers(pairs), Notes::Collect(notes.clone()));
    let settings = Settings {
        config,
        options: AuthOptions::default(),
        username: Some("ann@acme.com".to_owned()),
    };
    // A clock that runs from a fixed instant, so that the core's deadlines come due.
    let started = std::time::Instant::now();
    let mut driver = Driver::new(
        settings,
        entry,
        server.clone(),
        Box::new(prompter),
        Box::new(move || datetime!(2026-11-29 12:00 UTC) + started.elapsed()),
    );
    let outcome = driver.run(interrupt).await;
    let notes = notes.lock().unwrap().clone();
    Run {
        outcome,
        server,
        notes,
    }
}

fn session_token(outcome: &Outcome) -> Option<String> {
    match outcome {
        Outcome::Success(success) => success
            .session_token
            .as_ref()
            .map(|t| t.expose().to_owned()),
        Outcome::EmailSent { .. } | Outcome::Failed(_) | Outcome::Cancelled => None,
    }
}

/// The failure of a failed run.
#[track_caller]
fn failure(run: &Run) -> &super::Failure {
    match &run.outcome {
        Outcome::Failed(failure) => failure,
        other => panic!("expected a failure, got {other:?}"),
    }
}
