//! Token lifetimes on the emulator clock: stateToken (5 min, sliding, configurable), cancel,
//! operations not allowed in the current state, sessionToken one-time and 5 minutes.

use std::time::Duration;

use crate::common::{PASSWORD, start, start_with};
use serde_json::json;

#[tokio::test]
async fn state_token_expires_after_five_idle_minutes() {
    let h = start().await;
    let r = h.sign_in("mfa.question@example.com", PASSWORD).await;
    let verify = r.factor_link("question", None, "verify");
    h.emu.advance_clock(299);
    h.get_state(&r.token()).await.expect_status("MFA_REQUIRED");
    // The lifetime slid forward with that request.
    h.emu.advance_clock(299);
    h.get_state(&r.token()).await.expect_status("MFA_REQUIRED");
    h.emu.advance_clock(300);
    h.step(&verify, &r.token(), json!({"answer": "blue"}))
        .await
        .expect_error(401, "E0000011");
    h.get_state(&r.token()).await.expect_error(401, "E0000011");
}

#[tokio::test]
async fn expires_at_slides_with_each_request() {
    let h = start().await;
    let r = h.sign_in("mfa.question@example.com", PASSWORD).await;
    h.emu.advance_clock(60);
    let again = h.get_state(&r.token()).await;
    assert!(again.body["expiresAt"].as_str().unwrap() > r.body["expiresAt"].as_str().unwrap());
}

#[tokio::test]
async fn state_token_lifetime_is_configurable() {
    let h = start_with(demo::EmulatorConfig {
        state_token_lifetime: Duration::from_secs(10),
        ..Default::default()
    })
    .await;
    let r = h.sign_in("mfa.question@example.com", PASSWORD).await;
    h.emu.advance_clock(11);
    h.get_state(&r.token()).await.expect_error(401, "E0000011");
}

#[tokio::test]
async fn cancel_revokes_the_state_token() {
    let h = start().await;
    let r = h
        .post("/api/v1/authn", json!({"username": "mfa.question@example.com", "password": PASSWORD, "relayState": "rs"}))
        .await;
    let c = h.step(&r.link("cancel"), &r.token(), json!({})).await;
    assert_eq!(c.status, 200);
    assert_eq!(c.body["relayState"], "rs");
    h.get_state(&r.token()).await.expect_error(401, "E0000011");
    h.step(&r.link("cancel"), &r.token(), json!({}))
        .await
        .expect_error(401, "E0000011");
}

#[tokio::test]
async fn missing_or_unknown_state_tokens_are_e0000011() {
    let h = start().await;
    for path in [
        "/api/v1/authn/previous",
        "/api/v1/authn/skip",
        "/api/v1/authn/cancel",
        "/api/v1/authn/introspect",
        "/api/v1/authn/factors",
        "/api/v1/authn/factors/abc/verify",
        "/api/v1/authn/recovery/answer",
        "/api/v1/authn/credentials/reset_password",
    ] {
        h.post(path, json!({})).await.expect_error(401, "E0000011");
        h.post(path, json!({"stateToken": "00doesnotexist"}))
            .await
            .expect_error(401, "E0000011");
    }
}

#[tokio::test]
async fn success_closes_the_transaction() {
    let h = start().await;
    let r = h.sign_in("mfa.question@example.com", PASSWORD).await;
    let verify = r.factor_link("question", None, "verify");
    h.step(&verify, &r.token(), json!({"answer": "blue"}))
        .await
        .expect_status("SUCCESS");
    h.step(&verify, &r.token(), json!({"answer": "blue"}))
        .await
        .expect_error(401, "E0000011");
}

#[tokio::test]
async fn session_token_is_one_time_and_lives_five_minutes() {
    let h = start().await;
    let t1 = h.session_token("success@example.com").await;
    let s = h
        .post("/api/v1/sessions", json!({"sessionToken": t1}))
        .await;
    assert_eq!(s.status, 200, "{}", s.body);
    h.post("/api/v1/sessions", json!({"sessionToken": t1}))
        .await
        .expect_error(401, "E0000004");
    let t2 = h.session_token("success@example.com").await;
    h.emu.advance_clock(301);
    h.post("/api/v1/sessions", json!({"sessionToken": t2}))
        .await
        .expect_error(401, "E0000004");
}
