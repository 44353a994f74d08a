//! Forgot password and unlock by SMS / voice call: RECOVERY_CHALLENGE, codes from the outbox,
//! resend throttles, PASSWORD_RESET, recovery question, unknown usernames.

use crate::common::{PASSWORD, start};
use serde_json::json;

#[tokio::test]
async fn forgot_password_by_sms_resets_the_password() {
    let h = start().await;
    let r = h.recover("password", "forgot.sms@example.com", "SMS").await;
    r.expect_status("RECOVERY_CHALLENGE");
    assert_eq!(r.body["factorType"], "SMS");
    assert_eq!(r.body["recoveryType"], "PASSWORD");
    assert!(r.token().starts_with("00"));
    assert_eq!(r.body["_links"]["next"]["name"], "verify");
    assert!(
        r.body["_links"]["resend"].is_object(),
        "resend is a single link here"
    );
    assert!(
        r.body.get("_embedded").is_none(),
        "no user before the challenge"
    );
    let code = h.code_for("+1 555 0100 0020");
    let reset = h
        .step(&r.link("next"), &r.token(), json!({"passCode": code}))
        .await;
    reset.expect_status("PASSWORD_RESET");
    assert_eq!(reset.body["recoveryType"], "PASSWORD");
    assert_eq!(reset.body["_links"]["next"]["name"], "resetPassword");
    let weak = h
        .step(
            &reset.link("next"),
            &reset.token(),
            json!({"newPassword": "weak"}),
        )
        .await;
    weak.expect_error(403, "E0000080");
    assert!(weak.cause().contains("Password requirements"));
    h.finish_reset(&reset, "forgot.sms@example.com", "Recovered99")
        .await;
}

#[tokio::test]
async fn forgot_password_by_voice_call() {
    let h = start().await;
    let r = h
        .recover("password", "forgot.call@example.com", "call")
        .await;
    r.expect_status("RECOVERY_CHALLENGE");
    assert_eq!(r.body["factorType"], "CALL");
    let msg = h.emu.outbox().pop().unwrap();
    assert_eq!(msg.channel, "voice");
    let reset = h
        .step(
            &r.link("next"),
            &r.token(),
            json!({"passCode": msg.code.unwrap()}),
        )
        .await;
    reset.expect_status("PASSWORD_RESET");
}

#[tokio::test]
async fn sms_recovery_with_a_recovery_question() {
    let h = start().await;
    let r = h
        .recover("password", "recovery.question@example.com", "SMS")
        .await;
    let code = h.code_for("+1 555 0100 0022");
    let q = h
        .step(&r.link("next"), &r.token(), json!({"passCode": code}))
        .await;
    q.expect_status("RECOVERY");
    assert_eq!(
        q.body["_embedded"]["user"]["recovery_question"]["question"],
        "What was the name of your first pet?"
    );
    assert_eq!(q.body["_links"]["next"]["name"], "answer");
    h.step(&q.link("next"), &q.token(), json!({"answer": "cat"}))
        .await
        .expect_error(403, "E0000087");
    let reset = h
        .step(&q.link("next"), &q.token(), json!({"answer": " Rover "}))
        .await;
    reset.expect_status("PASSWORD_RESET");
}

#[tokio::test]
async fn wrong_code_and_resend_throttle() {
    let h = start().await;
    let r = h.recover("password", "forgot.sms@example.com", "SMS").await;
    h.step(&r.link("next"), &r.token(), json!({"passCode": "000000x"}))
        .await
        .expect_error(403, "E0000068");
    h.expect_resend_throttled(
        &r.link("resend"),
        &r.token(),
        "E0000109",
        30,
        "RECOVERY_CHALLENGE",
    )
    .await;
    assert_eq!(h.emu.outbox_to("+1 555 0100 0020").len(), 2);
}

#[tokio::test]
async fn unknown_username_still_gets_a_challenge_that_never_succeeds() {
    let h = start().await;
    let r = h.recover("password", "ghost@example.com", "SMS").await;
    r.expect_status("RECOVERY_CHALLENGE");
    assert!(h.emu.outbox().is_empty());
    h.step(&r.link("next"), &r.token(), json!({"passCode": "123456"}))
        .await
        .expect_error(403, "E0000068");
}

#[tokio::test]
async fn recovery_requires_a_valid_factor_type() {
    let h = start().await;
    h.post(
        "/api/v1/authn/recovery/password",
        json!({"username": "forgot.sms@example.com"}),
    )
    .await
    .expect_error(400, "E0000001");
    h.recover("password", "forgot.sms@example.com", "push")
        .await
        .expect_error(400, "E0000001");
    // Voice call is a forgot-password channel only.
    h.recover("unlock", "unlock.sms@example.com", "CALL")
        .await
        .expect_error(400, "E0000001");
    h.post(
        "/api/v1/authn/recovery/password",
        json!({"factorType": "SMS"}),
    )
    .await
    .expect_error(400, "E0000001");
}

#[tokio::test]
async fn unlock_by_sms_ends_in_success_with_recovery_type_unlock() {
    let h = start().await;
    h.sign_in("unlock.sms@example.com", PASSWORD)
        .await
        .expect_status("LOCKED_OUT");
    let r = h.recover("unlock", "unlock.sms@example.com", "SMS").await;
    r.expect_status("RECOVERY_CHALLENGE");
    assert_eq!(r.body["recoveryType"], "UNLOCK");
    let code = h.code_for("+1 555 0100 0030");
    let done = h
        .step(&r.link("next"), &r.token(), json!({"passCode": code}))
        .await;
    done.expect_status("SUCCESS");
    assert_eq!(done.body["recoveryType"], "UNLOCK");
    assert!(done.body.get("sessionToken").is_none());
    h.sign_in("unlock.sms@example.com", PASSWORD)
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn recovery_verify_path_must_match_the_channel() {
    let h = start().await;
    let r = h.recover("password", "forgot.sms@example.com", "SMS").await;
    let code = h.code_for("+1 555 0100 0020");
    h.step(
        "/api/v1/authn/recovery/factors/CALL/verify",
        &r.token(),
        json!({"passCode": code}),
    )
    .await
    .expect_error(403, "E0000079");
    // Lower-case path segments are accepted.
    h.step(
        "/api/v1/authn/recovery/factors/sms/verify",
        &r.token(),
        json!({"passCode": code}),
    )
    .await
    .expect_status("PASSWORD_RESET");
}
