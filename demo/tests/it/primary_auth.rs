//! Primary authentication: success, failures without user enumeration, get state, introspect,
//! relayState, activation tokens and common response headers.

use crate::common::{PASSWORD, start};
use serde_json::json;

#[tokio::test]
async fn success_returns_session_token_and_user() {
    let h = start().await;
    let r = h.sign_in("success@example.com", PASSWORD).await;
    r.expect_status("SUCCESS");
    assert!(
        r.body["sessionToken"]
            .as_str()
            .is_some_and(|t| t.len() > 20)
    );
    assert!(r.body.get("stateToken").is_none());
    assert_eq!(
        r.body["_embedded"]["user"]["profile"]["login"],
        "success@example.com"
    );
    let expires = r.body["expiresAt"].as_str().unwrap();
    assert!(expires.ends_with('Z') && expires.len() == 24, "{expires}");
    assert_eq!(&expires[19..20], ".");
    assert!(r.header("x-okta-request-id").is_some());
    assert!(r.header("date").is_some());
    assert_eq!(r.header("x-rate-limit-limit").as_deref(), Some("4"));
}

#[tokio::test]
async fn username_is_case_insensitive() {
    let h = start().await;
    h.sign_in("SUCCESS@Example.com", PASSWORD)
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn wrong_password_and_unknown_user_look_the_same() {
    let h = start().await;
    let wrong = h.sign_in("success@example.com", "nope").await;
    wrong.expect_error(401, "E0000004");
    let unknown = h.sign_in("nobody@example.com", PASSWORD).await;
    unknown.expect_error(401, "E0000004");
    assert_eq!(wrong.body["errorSummary"], unknown.body["errorSummary"]);
    assert_eq!(wrong.body["errorCauses"], unknown.body["errorCauses"]);
    let empty = h.sign_in("success@example.com", "").await;
    empty.expect_error(401, "E0000004");
}

#[tokio::test]
async fn missing_username_is_a_validation_error() {
    let h = start().await;
    h.post("/api/v1/authn", json!({"password": PASSWORD}))
        .await
        .expect_error(400, "E0000001");
}

#[tokio::test]
async fn state_tokens_start_with_00_and_get_state_returns_the_transaction() {
    let h = start().await;
    let r = h.sign_in("mfa.sms@example.com", PASSWORD).await;
    r.expect_status("MFA_REQUIRED");
    let token = r.token();
    assert!(token.starts_with("00") && token.len() > 30);
    let again = h.post("/api/v1/authn", json!({"stateToken": token})).await;
    again.expect_status("MFA_REQUIRED");
    assert_eq!(again.token(), token);
    let intro = h
        .post("/api/v1/authn/introspect", json!({"stateToken": token}))
        .await;
    intro.expect_status("MFA_REQUIRED");
    assert_eq!(intro.body["_embedded"]["factors"][0]["factorType"], "sms");
}

#[tokio::test]
async fn relay_state_is_echoed_and_limited() {
    let h = start().await;
    let r = h
        .post("/api/v1/authn", json!({"username": "mfa.question@example.com", "password": PASSWORD, "relayState": "/app/deep/link"}))
        .await;
    r.expect_status("MFA_REQUIRED");
    assert_eq!(r.body["relayState"], "/app/deep/link");
    let long = "x".repeat(2049);
    h.post(
        "/api/v1/authn",
        json!({"username": "success@example.com", "password": PASSWORD, "relayState": long}),
    )
    .await
    .expect_error(400, "E0000001");
}

#[tokio::test]
async fn activation_token_sets_a_password_then_succeeds() {
    let h = start().await;
    let r = h
        .post(
            "/api/v1/authn",
            json!({"token": "actDemo0ActivationToken1"}),
        )
        .await;
    r.expect_status("PASSWORD_RESET");
    assert_eq!(r.body["recoveryType"], "ACCOUNT_ACTIVATION");
    assert_eq!(r.body["_links"]["next"]["name"], "resetPassword");
    assert_eq!(r.body["_embedded"]["policy"]["complexity"]["minLength"], 8);
    let done = h
        .step(
            &r.link("next"),
            &r.token(),
            json!({"newPassword": "Fresh5678"}),
        )
        .await;
    done.expect_status("SUCCESS");
    assert!(done.body["sessionToken"].is_string());
    h.sign_in("activate@example.com", "Fresh5678")
        .await
        .expect_status("SUCCESS");
    // The token is one-time.
    h.post(
        "/api/v1/authn",
        json!({"token": "actDemo0ActivationToken1"}),
    )
    .await
    .expect_error(401, "E0000004");
    // A user without a password cannot sign in with one.
    h.emu.reset();
    h.sign_in("activate@example.com", "")
        .await
        .expect_error(401, "E0000004");
}

#[tokio::test]
async fn invalid_activation_token_fails() {
    let h = start().await;
    h.post("/api/v1/authn", json!({"token": "bogus"}))
        .await
        .expect_error(401, "E0000004");
}
