//! SMS, voice and email factors: challenge, code from the outbox, verify, resend throttles
//! (E0000109 / E0000133 / E0000118) on the emulator clock, previous and wrong codes.

use crate::common::{Harness, PASSWORD, Reply, start};
use serde_json::json;

async fn challenge(h: &Harness, user: &str, factor_type: &str) -> Reply {
    let r = h.sign_in(user, PASSWORD).await;
    r.expect_status("MFA_REQUIRED");
    let verify = r.factor_link(factor_type, None, "verify");
    let c = h.step(&verify, &r.token(), json!({})).await;
    c.expect_status("MFA_CHALLENGE");
    c
}

#[tokio::test]
async fn sms_code_from_the_outbox_signs_in() {
    let h = start().await;
    let c = challenge(&h, "mfa.sms@example.com", "sms").await;
    assert_eq!(c.body["_links"]["next"]["name"], "verify");
    assert_eq!(c.body["_links"]["resend"][0]["name"], "sms");
    assert!(c.body["_links"]["prev"]["href"].is_string());
    assert_eq!(
        c.body["_embedded"]["factor"]["profile"]["phoneNumber"],
        "+1 XXX-XXX-0001"
    );
    let msgs = h.emu.outbox_to("+1 555 0100 0001");
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0].channel, "sms");
    let code = h.code_for("+1 555 0100 0001");
    assert_eq!(code.len(), 6);
    let done = h
        .step(&c.link("next"), &c.token(), json!({"passCode": code}))
        .await;
    done.expect_status("SUCCESS");
}

#[tokio::test]
async fn voice_call_code_signs_in() {
    let h = start().await;
    let c = challenge(&h, "mfa.call@example.com", "call").await;
    assert_eq!(c.body["_links"]["resend"][0]["name"], "call");
    let msg = h.emu.outbox().pop().unwrap();
    assert_eq!(msg.channel, "voice");
    let code = msg.code.unwrap();
    h.step(&c.link("next"), &c.token(), json!({"passCode": code}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn email_code_signs_in() {
    let h = start().await;
    let c = challenge(&h, "mfa.email@example.com", "email").await;
    assert_eq!(
        c.body["_embedded"]["factor"]["profile"]["email"],
        "m...l@example.com"
    );
    let code = h.code_for("mfa.email@example.com");
    h.step(&c.link("next"), &c.token(), json!({"passCode": code}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn wrong_code_is_rejected_and_passcode_in_mfa_required_verifies_directly() {
    let h = start().await;
    let c = challenge(&h, "mfa.sms@example.com", "sms").await;
    h.step(&c.link("next"), &c.token(), json!({"passCode": "999999x"}))
        .await
        .expect_error(403, "E0000068");
    let code = h.code_for("+1 555 0100 0001");
    h.step(&c.link("next"), &c.token(), json!({"passCode": code}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn codes_expire_after_five_minutes() {
    let h = start().await;
    let c = challenge(&h, "mfa.sms@example.com", "sms").await;
    let code = h.code_for("+1 555 0100 0001");
    h.emu.advance_clock(301);
    // The stateToken also expired (5 minutes): the transaction is gone.
    h.step(&c.link("next"), &c.token(), json!({"passCode": code}))
        .await
        .expect_error(401, "E0000011");
}

#[tokio::test]
async fn sms_resend_is_throttled_for_30_seconds() {
    let h = start().await;
    let c = challenge(&h, "mfa.sms@example.com", "sms").await;
    let resend = c.str_at("/_links/resend/0/href");
    assert!(resend.ends_with("/verify/resend"));
    let r = h.step(&resend, &c.token(), json!({})).await;
    r.expect_error(429, "E0000109");
    h.emu.advance_clock(29);
    h.step(&resend, &c.token(), json!({}))
        .await
        .expect_error(429, "E0000109");
    h.emu.advance_clock(1);
    h.step(&resend, &c.token(), json!({}))
        .await
        .expect_status("MFA_CHALLENGE");
    assert_eq!(h.emu.outbox_to("+1 555 0100 0001").len(), 2);
    // Only the newest code works.
    let newest = h.code_for("+1 555 0100 0001");
    h.step(&c.link("next"), &c.token(), json!({"passCode": newest}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn call_resend_is_throttled_with_e0000133() {
    let h = start().await;
    let c = challenge(&h, "mfa.call@example.com", "call").await;
    let resend = c.str_at("/_links/resend/0/href");
    h.expect_resend_throttled(&resend, &c.token(), "E0000133", 30, "MFA_CHALLENGE")
        .await;
}

#[tokio::test]
async fn email_resend_is_throttled_for_5_seconds() {
    let h = start().await;
    let c = challenge(&h, "mfa.email@example.com", "email").await;
    let resend = c.str_at("/_links/resend/0/href");
    h.expect_resend_throttled(&resend, &c.token(), "E0000118", 5, "MFA_CHALLENGE")
        .await;
}

#[tokio::test]
async fn resend_interval_is_configurable() {
    let h = crate::common::start_with(demo::EmulatorConfig {
        resend_interval: Some(std::time::Duration::from_secs(2)),
        ..Default::default()
    })
    .await;
    let c = challenge(&h, "mfa.sms@example.com", "sms").await;
    let resend = c.str_at("/_links/resend/0/href");
    h.expect_resend_throttled(&resend, &c.token(), "E0000109", 2, "MFA_CHALLENGE")
        .await;
}

#[tokio::test]
async fn previous_goes_back_to_mfa_required() {
    let h = start().await;
    let c = challenge(&h, "mfa.multi@example.com", "sms").await;
    let back = h.step(&c.link("prev"), &c.token(), json!({})).await;
    back.expect_status("MFA_REQUIRED");
    assert_eq!(
        back.body["_embedded"]["factors"].as_array().unwrap().len(),
        4
    );
    // previous is not allowed in MFA_REQUIRED.
    h.step("/api/v1/authn/previous", &c.token(), json!({}))
        .await
        .expect_error(403, "E0000079");
}

#[tokio::test]
async fn resend_outside_a_challenge_is_not_allowed() {
    let h = start().await;
    let r = h.sign_in("mfa.sms@example.com", PASSWORD).await;
    let fid = r.str_at("/_embedded/factors/0/id");
    h.step(
        &format!("/api/v1/authn/factors/{fid}/verify/resend"),
        &r.token(),
        json!({}),
    )
    .await
    .expect_error(403, "E0000079");
}
