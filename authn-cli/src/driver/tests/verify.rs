//! MFA verification: codes and resend (the core's offer), pushes (phase, number, retry), and factors
//! a terminal cannot use (WebAuthn is named; with nothing left the run exits `unsupported`).

use serde_json::json;

use super::*;
use crate::exit::Exit;

fn sms_challenge() -> Canned {
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
}

fn webauthn_only() -> Canned {
    tx(
        "MFA_REQUIRED",
        json!({
            "_embedded": { "factors": [
                { "id": "wa1", "factorType": "webauthn", "provider": "FIDO",
                  "_links": { "verify": link("/api/v1/authn/factors/wa1/verify") } } ] },
            "_links": { "cancel": link("/api/v1/authn/cancel") },
        }),
    )
}

#[tokio::test]
async fn sms_challenge_sends_then_verifies_and_can_resend() {
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Factor, "sms"),
            (Key::Passcode, "resend"),
            (Key::Passcode, "654321"),
        ],
        vec![mfa_required(), sms_challenge(), sms_challenge(), success()],
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
    assert!(
        run.server.body(1).get("passCode").is_none(),
        "the first verify only sends the code"
    );
    assert!(run.noted("A code was sent to +1 XXX-XXX-2041."));
    assert!(run.noted("Another code was sent to +1 XXX-XXX-2041."));
}

/// An SMS sign-in that answers `resend` before the 30 s countdown ends, then `then`.
async fn early_resend(then: &[(Key, &str)], script: Vec<Canned>) -> Run {
    let mut config = config();
    config.resend_interval = Duration::from_secs(30);
    let mut pairs = vec![
        (Key::Password, "pw"),
        (Key::Factor, "sms"),
        (Key::Passcode, "resend"),
    ];
    pairs.extend_from_slice(then);
    drive_configured(config, Entry::Login, &pairs, script, std::future::pending()).await
}

#[tokio::test]
async fn resend_before_the_countdown_ends_says_how_long_to_wait() {
    let script = vec![mfa_required(), sms_challenge(), success()];
    let run = early_resend(&[(Key::Passcode, "654321")], script).await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert!(
        run.noted("You can resend in 30 s.") || run.noted("You can resend in 29 s."),
        "{:?}",
        run.notes
    );
    assert!(
        !run.server.paths().iter().any(|p| p.ends_with("/resend")),
        "nothing was resent"
    );
}

#[tokio::test]
async fn a_resend_that_is_not_ready_without_another_answer_exits_rate_limited() {
    let run = early_resend(&[], vec![mfa_required(), sms_challenge()]).await;
    assert_eq!(run.outcome.exit(), Exit::RateLimited);
}

#[tokio::test]
async fn push_waits_shows_the_number_and_polls_until_success() {
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw"), (Key::Factor, "push")],
        vec![
            mfa_required(),
            push_challenge("WAITING", Some(42)),
            push_challenge("WAITING", Some(42)),
            success(),
        ],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert_eq!(run.server.paths().len(), 4);
    assert!(run.noted("tap 42"));
    assert!(run.noted("Push sent to Okta Verify (push): Ann's phone."));
    let shown = run
        .notes
        .iter()
        .filter(|n| n.contains("On your phone"))
        .count();
    assert_eq!(shown, 1, "the number is shown once: {:?}", run.notes);
}

#[tokio::test]
async fn rejected_push_without_an_answer_exits_retry_step() {
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw"), (Key::Factor, "push")],
        vec![mfa_required(), push_challenge("REJECTED", None)],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::RetryStep);
    assert!(run.noted("The push was rejected."));
}

#[tokio::test]
async fn a_failed_push_is_retried_the_way_the_core_says() {
    // TIMEOUT with a `resend` link: a new push through it; REJECTED: verify again through `next`.
    let cases = [
        ("TIMEOUT", "resend", "The push timed out.", "/verify/resend"),
        ("REJECTED", "verify", "The push was rejected.", "/verify"),
    ];
    for (result, answer, note, path) in cases {
        let run = drive(
            Entry::Login,
            &[
                (Key::Password, "pw"),
                (Key::Factor, "push"),
                (Key::Push, answer),
            ],
            vec![
                mfa_required(),
                push_challenge(result, None),
                push_challenge("WAITING", None),
                success(),
            ],
        )
        .await;
        assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
        let retried = &run.server.paths()[2];
        assert_eq!(
            retried,
            &format!("/api/v1/authn/factors/push1{path}"),
            "{result}"
        );
        assert!(run.noted(note), "{result}");
    }
}

#[tokio::test]
async fn only_browser_factors_exit_unsupported() {
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw")],
        vec![webauthn_only(), cancelled()],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::Unsupported);
    assert!(failure(&run).message.contains("WebAuthn"));
    assert!(run.noted("WebAuthn cannot run in a terminal"));
    assert_eq!(
        run.server.paths(),
        ["/api/v1/authn", "/api/v1/authn/cancel"],
        "the transaction is cancelled"
    );
}

#[tokio::test]
async fn webauthn_is_named_and_the_other_factors_are_offered() {
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw"), (Key::Factor, "webauthn")],
        vec![mfa_required()],
    )
    .await;
    // `webauthn` is not one of the options: the scripted answer is refused.
    assert_eq!(run.outcome.exit(), Exit::Usage);
    assert!(failure(&run).message.contains("sms1"), "{:?}", run.outcome);
    assert!(!failure(&run).message.contains("wa1"));
    assert!(run.noted(
        "Security key or biometric (WebAuthn) is not offered here: WebAuthn cannot run in a terminal"
    ));
}

#[tokio::test]
async fn a_webauthn_challenge_goes_back_to_the_other_factors() {
    let challenge = tx(
        "MFA_CHALLENGE",
        json!({
            "factorResult": "CHALLENGE",
            "_embedded": { "factor": { "id": "wa1", "factorType": "webauthn", "provider": "FIDO",
                "_embedded": { "challenge": { "challenge": "abc" } } } },
            "_links": {
                "next": named("verify", "/api/v1/authn/factors/wa1/verify"),
                "prev": link("/api/v1/authn/previous"),
                "cancel": link("/api/v1/authn/cancel"),
            },
        }),
    );
    let run = drive(
        Entry::Resume(authn_core::StateToken::new("st")),
        &[(Key::Factor, "totp"), (Key::Passcode, "123456")],
        vec![challenge, mfa_required(), success()],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert_eq!(run.server.paths()[1], "/api/v1/authn/previous");
    assert!(run.noted("WebAuthn cannot run in a terminal"));
}
