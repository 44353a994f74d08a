//! Recovery starts and LOCKED_OUT.

use authn_core::RecoveryFactor;
use serde_json::json;

use super::*;
use crate::exit::Exit;

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
    let body = run.server.body(0);
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
async fn locked_out_unlocks_through_the_published_link_when_asked() {
    let locked = Canned::Respond(HttpResponse::json(
        200,
        json!({ "status": "LOCKED_OUT",
                "_links": { "next": named("unlock", "/api/v1/authn/recovery/unlock") } })
        .to_string(),
    ));
    let email = Canned::Respond(HttpResponse::json(
        200,
        json!({ "status": "RECOVERY_CHALLENGE", "factorType": "EMAIL", "recoveryType": "UNLOCK" })
            .to_string(),
    ));
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Unlock, "yes"),
            (Key::Channel, "email"),
        ],
        vec![locked, email],
    )
    .await;
    assert!(matches!(run.outcome, Outcome::EmailSent { .. }));
    assert_eq!(run.server.paths()[1], "/api/v1/authn/recovery/unlock");
    assert_eq!(run.server.body(1)["factorType"], "EMAIL");
}

#[tokio::test]
async fn a_used_recovery_token_exits_restart() {
    let run = drive(
        Entry::RecoveryToken(authn_core::RecoveryToken::new("used")),
        &[],
        vec![error(401, "E0000011", "Invalid token provided")],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::Restart);
}
