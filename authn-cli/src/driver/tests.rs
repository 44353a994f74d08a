//! The driver scripted end to end against canned responses: what it sends, what it asks, how it ends.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use authn_core::{AuthOptions, Config, HttpRequest, HttpResponse, RecoveryFactor};
use serde_json::{Value, json};
use time::macros::datetime;
use tokio::sync::Notify;

use super::{Driver, Entry, Outcome, Settings};
use crate::answers::{Answers, Key};
use crate::exit::Exit;
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
}

impl Transport for Server {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, String> {
        self.seen.lock().unwrap().push(request);
        let next = self.script.lock().unwrap().pop_front();
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

async fn drive(entry: Entry, pairs: &[(Key, &str)], script: Vec<Canned>) -> Run {
    drive_with(entry, pairs, script, std::future::pending()).await
}

async fn drive_with(
    entry: Entry,
    pairs: &[(Key, &str)],
    script: Vec<Canned>,
    interrupt: impl std::future::Future<Output = ()>,
) -> Run {
    let server = Server::new(script);
    let notes = Arc::new(Mutex::new(Vec::new()));
    let prompter = ScriptedPrompter::new(answers(pairs), Notes::Collect(notes.clone()));
    let mut config = Config::new(BASE);
    config.verify_poll_interval = Duration::from_millis(1);
    config.enroll_poll_interval = Duration::from_millis(1);
    let settings = Settings {
        config,
        options: AuthOptions::default(),
        username: Some("ann@acme.com".to_owned()),
    };
    let mut driver = Driver::new(
        settings,
        entry,
        server.clone(),
        Box::new(prompter),
        Box::new(|| datetime!(2026-11-29 12:00 UTC)),
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

#[tokio::test]
async fn password_then_totp_signs_in() {
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "correct horse"),
            (Key::Factor, "totp"),
            (Key::Passcode, "123 456"),
        ],
        vec![mfa_required(), success()],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert_eq!(
        run.server.paths(),
        ["/api/v1/authn", "/api/v1/authn/factors/totp1/verify"]
    );
    let requests = run.server.requests();
    let auth = requests[0].body.as_ref().unwrap();
    assert_eq!(auth["username"], "ann@acme.com");
    assert_eq!(auth["password"], "correct horse");
    let verify = requests[1].body.as_ref().unwrap();
    assert_eq!(verify["passCode"], "123456");
    assert_eq!(verify["stateToken"], "st-secret-1");
    assert!(run.notes.iter().all(|n| !n.contains("st-secret-1")));
}

#[tokio::test]
async fn bad_password_without_another_answer_exits_auth_failed() {
    let run = drive(
        Entry::Login,
        &[(Key::Password, "wrong")],
        vec![error(401, "E0000004", "Authentication failed")],
    )
    .await;
    let Outcome::Failed(failure) = &run.outcome else {
        panic!("expected a failure, got {:?}", run.outcome);
    };
    assert_eq!(failure.exit, Exit::AuthFailed);
    assert!(failure.message.contains("no further answer for `password`"));
    assert!(
        run.notes
            .iter()
            .any(|n| n.contains("Authentication failed"))
    );
}

#[tokio::test]
async fn a_second_scripted_answer_retries_the_step() {
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Factor, "totp1"),
            (Key::Passcode, "000000"),
            (Key::Factor, "token:software:totp/GOOGLE"),
            (Key::Passcode, "111111"),
        ],
        vec![
            mfa_required(),
            error(403, "E0000068", "Invalid Passcode/Answer"),
            success(),
        ],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert_eq!(
        run.server.requests()[2].body.as_ref().unwrap()["passCode"],
        "111111"
    );
}

#[tokio::test]
async fn sms_challenge_sends_then_verifies_and_can_resend() {
    let challenge = || {
        tx(
            "MFA_CHALLENGE",
            json!({
                "_embedded": { "factor": { "id": "sms1", "factorType": "sms", "provider": "OKTA",
                    "profile": { "phoneNumber": "+1 XXX-XXX-2041" } } },
                "_links": {
                    "next": named("verify", "/api/v1/authn/factors/sms1/verify"),
                    "prev": link("/api/v1/authn/previous"),
                    "resend": [named("sms", "/api/v1/authn/factors/sms1/verify/resend")],
                    "cancel": link("/api/v1/authn/cancel"),
                },
            }),
        )
    };
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Factor, "sms"),
            (Key::Passcode, "resend"),
            (Key::Passcode, "654321"),
        ],
        vec![mfa_required(), challenge(), challenge(), success()],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert_eq!(
        run.server.paths(),
        [
            "/api/v1/authn",
            "/api/v1/authn/factors/sms1/verify",
            "/api/v1/authn/factors/sms1/verify/resend",
            "/api/v1/authn/factors/sms1/verify",
        ]
    );
    let send = run.server.requests()[1].body.clone().unwrap();
    assert!(
        send.get("passCode").is_none(),
        "the first verify only sends the code"
    );
}

#[tokio::test]
async fn push_waits_shows_the_number_and_polls_until_success() {
    let waiting = || {
        tx(
            "MFA_CHALLENGE",
            json!({
                "factorResult": "WAITING",
                "_embedded": { "factor": { "id": "push1", "factorType": "push", "provider": "OKTA",
                    "profile": { "name": "Ann's phone" },
                    "_embedded": { "challenge": { "correctAnswer": 42 } } } },
                "_links": {
                    "next": named("poll", "/api/v1/authn/factors/push1/verify"),
                    "cancel": link("/api/v1/authn/cancel"),
                },
            }),
        )
    };
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw"), (Key::Factor, "push")],
        vec![mfa_required(), waiting(), waiting(), success()],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert_eq!(run.server.paths().len(), 4);
    assert!(run.notes.iter().any(|n| n.contains("tap 42")));
}

#[tokio::test]
async fn rejected_push_without_an_answer_exits_retry_step() {
    let rejected = tx(
        "MFA_CHALLENGE",
        json!({
            "factorResult": "REJECTED",
            "_embedded": { "factor": { "id": "push1", "factorType": "push", "provider": "OKTA" } },
            "_links": {
                "next": named("verify", "/api/v1/authn/factors/push1/verify"),
                "resend": [named("push", "/api/v1/authn/factors/push1/verify/resend")],
                "cancel": link("/api/v1/authn/cancel"),
            },
        }),
    );
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw"), (Key::Factor, "push")],
        vec![mfa_required(), rejected],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::RetryStep);
}

#[tokio::test]
async fn expired_password_is_changed_after_the_local_policy_check() {
    let expired = tx(
        "PASSWORD_EXPIRED",
        json!({
            "_embedded": {
                "user": { "id": "00u1", "profile": { "login": "ann@acme.com" } },
                "policy": { "complexity": { "minLength": 8, "minNumber": 1, "excludeUsername": true } },
            },
            "_links": {
                "next": named("changePassword", "/api/v1/authn/credentials/change_password"),
                "cancel": link("/api/v1/authn/cancel"),
            },
        }),
    );
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "old-pw"),
            (Key::NewPassword, "short"),
            (Key::NewPassword, "ann-was-here-1"),
            (Key::NewPassword, "Longer-pass-2"),
        ],
        vec![expired, success()],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    let requests = run.server.requests();
    assert_eq!(requests.len(), 2, "failing candidates are never sent");
    let change = requests[1].body.as_ref().unwrap();
    assert_eq!(change["oldPassword"], "old-pw");
    assert_eq!(change["newPassword"], "Longer-pass-2");
    assert!(
        run.notes
            .iter()
            .any(|n| n.contains("at least 8 characters"))
    );
    assert!(
        run.notes
            .iter()
            .any(|n| n.contains("does not contain your username"))
    );
}

#[tokio::test]
async fn new_password_failing_the_policy_without_more_answers_exits_retry_step() {
    let reset = tx(
        "PASSWORD_RESET",
        json!({
            "_embedded": { "policy": { "complexity": { "minLength": 12 } } },
            "_links": {
                "next": named("resetPassword", "/api/v1/authn/credentials/reset_password"),
                "cancel": link("/api/v1/authn/cancel"),
            },
        }),
    );
    let run = drive(
        Entry::RecoveryToken(authn_core::RecoveryToken::new("rt")),
        &[(Key::NewPassword, "short")],
        vec![reset],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::RetryStep);
}

#[tokio::test]
async fn forgot_password_by_email_ends_with_instructions() {
    let email = Canned::Respond(HttpResponse::json(
        200,
        json!({ "status": "RECOVERY_CHALLENGE", "factorResult": "WAITING", "factorType": "EMAIL",
                "recoveryType": "PASSWORD" })
        .to_string(),
    ));
    let run = drive(
        Entry::ForgotPassword {
            channel: Some(RecoveryFactor::Email),
        },
        &[],
        vec![email],
    )
    .await;
    assert!(matches!(run.outcome, Outcome::EmailSent { .. }));
    let body = run.server.requests()[0].body.clone().unwrap();
    assert_eq!(body["username"], "ann@acme.com");
    assert_eq!(body["factorType"], "EMAIL");
    assert_eq!(run.server.paths(), ["/api/v1/authn/recovery/password"]);
}

#[tokio::test]
async fn locked_out_without_unlock_answer_exits_locked() {
    let locked = Canned::Respond(HttpResponse::json(
        200,
        json!({ "status": "LOCKED_OUT",
                "_links": { "next": named("unlock", "/api/v1/authn/recovery/unlock") } })
        .to_string(),
    ));
    let run = drive(Entry::Login, &[(Key::Password, "pw")], vec![locked]).await;
    assert_eq!(run.outcome.exit(), Exit::Locked);
}

#[tokio::test]
async fn unknown_status_cancels_and_exits_protocol() {
    let unknown = tx(
        "PROFILE_REQUIRED",
        json!({ "_links": { "cancel": link("/api/v1/authn/cancel") } }),
    );
    let cancelled = Canned::Respond(HttpResponse::json(200, "{}"));
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw")],
        vec![unknown, cancelled],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::Protocol);
    assert_eq!(
        run.server.paths(),
        ["/api/v1/authn", "/api/v1/authn/cancel"]
    );
}

#[tokio::test]
async fn only_browser_factors_exit_unsupported() {
    let webauthn_only = tx(
        "MFA_REQUIRED",
        json!({
            "_embedded": { "factors": [
                { "id": "wa1", "factorType": "webauthn", "provider": "FIDO",
                  "_links": { "verify": link("/api/v1/authn/factors/wa1/verify") } } ] },
            "_links": { "cancel": link("/api/v1/authn/cancel") },
        }),
    );
    let cancelled = Canned::Respond(HttpResponse::json(200, "{}"));
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw")],
        vec![webauthn_only, cancelled],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::Unsupported);
}

#[tokio::test]
async fn ctrl_c_while_waiting_sends_cancel() {
    let notify = Arc::new(Notify::new());
    let pressed = notify.clone();
    let cancelled = Canned::Respond(HttpResponse::json(200, "{}"));
    let run = drive_with(
        Entry::Login,
        &[(Key::Password, "pw"), (Key::Factor, "sms")],
        vec![mfa_required(), Canned::Hang(notify), cancelled],
        async move { pressed.notified().await },
    )
    .await;
    assert_eq!(run.outcome, Outcome::Cancelled);
    assert_eq!(
        run.server.paths(),
        [
            "/api/v1/authn",
            "/api/v1/authn/factors/sms1/verify",
            "/api/v1/authn/cancel"
        ]
    );
    assert_eq!(
        run.server.requests()[2].body.as_ref().unwrap()["stateToken"],
        "st-secret-1"
    );
}

#[tokio::test]
async fn cancel_answer_cancels_the_transaction() {
    let cancelled = Canned::Respond(HttpResponse::json(200, "{}"));
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw"), (Key::Factor, "cancel")],
        vec![mfa_required(), cancelled],
    )
    .await;
    assert_eq!(run.outcome, Outcome::Cancelled);
    assert_eq!(run.server.paths().last().unwrap(), "/api/v1/authn/cancel");
}

#[tokio::test]
async fn network_failure_exits_network() {
    let run = drive(Entry::Login, &[(Key::Password, "pw")], vec![]).await;
    assert_eq!(run.outcome.exit(), Exit::Network);
}

#[tokio::test]
async fn rate_limit_exits_rate_limited() {
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw")],
        vec![error(429, "E0000047", "API call exceeded rate limit")],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::RateLimited);
}

#[tokio::test]
async fn a_missing_answer_with_nothing_pending_is_a_usage_error() {
    let run = drive(Entry::Login, &[], vec![]).await;
    let Outcome::Failed(failure) = &run.outcome else {
        panic!("expected a failure");
    };
    assert_eq!(failure.exit, Exit::Usage);
    assert!(failure.message.contains("password"));
    assert!(run.server.requests().is_empty());
}

#[tokio::test]
async fn totp_enrollment_shows_the_secret_and_a_qr_code() {
    let enroll = tx(
        "MFA_ENROLL",
        json!({
            "_embedded": { "factors": [
                { "factorType": "token:software:totp", "provider": "GOOGLE", "status": "NOT_SETUP",
                  "enrollment": "REQUIRED", "_links": { "enroll": link("/api/v1/authn/factors") } } ] },
            "_links": { "cancel": link("/api/v1/authn/cancel") },
        }),
    );
    let activate = tx(
        "MFA_ENROLL_ACTIVATE",
        json!({
            "_embedded": { "factor": { "id": "ttp1", "factorType": "token:software:totp",
                "provider": "GOOGLE", "_embedded": { "activation": {
                    "sharedSecret": "JBSWY3DPEHPK3PXP", "encoding": "base32", "keyLength": 6,
                    "timeStep": 30 } } } },
            "_links": {
                "next": named("activate", "/api/v1/authn/factors/ttp1/lifecycle/activate"),
                "prev": link("/api/v1/authn/previous"),
                "cancel": link("/api/v1/authn/cancel"),
            },
        }),
    );
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Enroll, "totp"),
            (Key::Passcode, "987654"),
        ],
        vec![enroll, activate, success()],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert!(
        run.notes
            .iter()
            .any(|n| n.contains("Key: JBSWY3DPEHPK3PXP"))
    );
    assert!(run.notes.iter().any(|n| n.contains('█') || n.contains('▀')));
    let requests = run.server.requests();
    assert_eq!(
        requests[1].body.as_ref().unwrap()["factorType"],
        "token:software:totp"
    );
    assert_eq!(requests[2].body.as_ref().unwrap()["passCode"], "987654");
}

#[tokio::test]
async fn operation_not_allowed_rereads_the_state_then_asks_again() {
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Factor, "totp"),
            (Key::Passcode, "111111"),
            (Key::Factor, "totp"),
            (Key::Passcode, "222222"),
        ],
        vec![
            mfa_required(),
            error(
                403,
                "E0000079",
                "This operation is not allowed in the current authentication state.",
            ),
            mfa_required(),
            success(),
        ],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert_eq!(
        run.server.paths(),
        [
            "/api/v1/authn",
            "/api/v1/authn/factors/totp1/verify",
            "/api/v1/authn",
            "/api/v1/authn/factors/totp1/verify",
        ]
    );
    assert_eq!(
        run.server.requests()[2].body.as_ref().unwrap()["stateToken"],
        "st-secret-1",
        "the get-state call carries the state token"
    );
}
