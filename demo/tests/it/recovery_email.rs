//! Forgot password by email: no stateToken, emailed recovery link, /recovery/token (one-time,
//! E0000105 on reuse, E0000011 for unknown tokens), recovery question, reset.

use crate::common::{Harness, PASSWORD, start};
use serde_json::json;

async fn email_token(h: &Harness, user: &str) -> String {
    let r = h
        .post(
            "/api/v1/authn/recovery/password",
            json!({"username": user, "factorType": "EMAIL", "relayState": "/after"}),
        )
        .await;
    r.expect_status("RECOVERY_CHALLENGE");
    assert_eq!(r.body["factorResult"], "WAITING");
    assert_eq!(r.body["factorType"], "EMAIL");
    assert_eq!(r.body["recoveryType"], "PASSWORD");
    assert_eq!(r.body["relayState"], "/after");
    assert!(r.body.get("stateToken").is_none());
    assert!(r.body.get("_links").is_none());
    let mail = h.emu.outbox_to(user).pop().expect("email sent");
    assert_eq!(mail.channel, "email");
    assert!(mail.subject.is_some());
    let link = mail.link.expect("link");
    assert!(
        link.starts_with(&format!("{}/signin/reset-password/", h.emu.base_url())),
        "{link}"
    );
    crate::common::link_token(&link)
}

#[tokio::test]
async fn email_link_question_and_reset() {
    let h = start().await;
    let token = email_token(&h, "forgot.email@example.com").await;
    let q = h.redeem_recovery_token(&token).await;
    q.expect_status("RECOVERY");
    assert!(q.token().starts_with("00"));
    assert_eq!(
        q.body["_embedded"]["user"]["recovery_question"]["question"],
        "What city were you born in?"
    );
    h.step(&q.link("next"), &q.token(), json!({"answer": "london"}))
        .await
        .expect_error(403, "E0000087");
    let reset = h
        .step(&q.link("next"), &q.token(), json!({"answer": "paris"}))
        .await;
    reset.expect_status("PASSWORD_RESET");
    h.finish_reset(&reset, "forgot.email@example.com", "Recovered99")
        .await;
}

#[tokio::test]
async fn recovery_tokens_are_one_time() {
    let h = start().await;
    let token = email_token(&h, "forgot.email@example.com").await;
    h.redeem_recovery_token(&token)
        .await
        .expect_status("RECOVERY");
    h.redeem_recovery_token(&token)
        .await
        .expect_error(403, "E0000105");
    h.redeem_recovery_token("unknown")
        .await
        .expect_error(401, "E0000011");
    h.post("/api/v1/authn/recovery/token", json!({}))
        .await
        .expect_error(401, "E0000011");
}

#[tokio::test]
async fn recovery_tokens_expire_after_an_hour() {
    let h = start().await;
    let token = email_token(&h, "forgot.email@example.com").await;
    h.emu.advance_clock(3601);
    h.redeem_recovery_token(&token)
        .await
        .expect_error(403, "E0000105");
}

#[tokio::test]
async fn user_without_a_question_goes_straight_to_password_reset() {
    let h = start().await;
    let token = email_token(&h, "forgot.sms@example.com").await;
    let r = h.redeem_recovery_token(&token).await;
    r.expect_status("PASSWORD_RESET");
    // The current password is refused.
    h.step(
        &r.link("next"),
        &r.token(),
        json!({"newPassword": PASSWORD}),
    )
    .await
    .expect_error(403, "E0000080");
}

#[tokio::test]
async fn unknown_username_gets_the_same_answer_and_no_email() {
    let h = start().await;
    let r = h.recover("password", "ghost@example.com", "EMAIL").await;
    r.expect_status("RECOVERY_CHALLENGE");
    assert_eq!(r.body["factorResult"], "WAITING");
    assert!(h.emu.outbox().is_empty());
}

#[tokio::test]
async fn answer_is_only_allowed_in_recovery() {
    let h = start().await;
    let r = h.sign_in("mfa.question@example.com", PASSWORD).await;
    h.step(
        "/api/v1/authn/recovery/answer",
        &r.token(),
        json!({"answer": "x"}),
    )
    .await
    .expect_error(403, "E0000079");
}
