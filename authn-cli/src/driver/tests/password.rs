//! PASSWORD_EXPIRED and PASSWORD_RESET: the policy is checked before anything is sent.

use serde_json::json;

use super::*;
use crate::exit::Exit;

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
    assert_eq!(
        run.server.requests().len(),
        2,
        "failing candidates are never sent"
    );
    let change = run.server.body(1);
    assert_eq!(change["oldPassword"], "old-pw");
    assert_eq!(change["newPassword"], "Longer-pass-2");
    assert!(run.noted("at least 8 characters"));
    assert!(run.noted("does not contain your username"));
    assert!(run.notes.iter().all(|n| !n.contains("Longer-pass-2")));
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
async fn an_externally_managed_expired_password_exits_unsupported_with_its_address() {
    let expired = tx(
        "PASSWORD_EXPIRED",
        json!({
            "_links": {
                "next": { "name": "changePassword", "hints": { "allow": ["GET"] },
                          "href": "https://password.example.com/change?user=ann" },
                "cancel": link("/api/v1/authn/cancel"),
            },
        }),
    );
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw")],
        vec![expired, cancelled()],
    )
    .await;
    let failure = failure(&run);
    assert_eq!(failure.exit, Exit::Unsupported);
    assert!(
        failure
            .message
            .contains("https://password.example.com/change?user=ann")
    );
    assert_eq!(run.server.paths().last().unwrap(), "/api/v1/authn/cancel");
}
