//! TOTP factors (Okta Verify and Google Authenticator): RFC 6238 codes from the shared secret, a
//! +-1 step window, replay rejection and wrong codes.

use crate::common::{PASSWORD, start, totp_code};
use serde_json::json;

#[tokio::test]
async fn okta_verify_code_signs_in() {
    let h = start().await;
    let r = h.sign_in("mfa.okta-totp@example.com", PASSWORD).await;
    r.expect_status("MFA_REQUIRED");
    let verify = r.factor_link("token:software:totp", Some("OKTA"), "verify");
    assert!(verify.ends_with("/verify"));
    let secret = h.totp_secret("mfa.okta-totp@example.com").await;
    let code = totp_code(&secret, h.now_unix());
    let done = h.step(&verify, &r.token(), json!({"passCode": code})).await;
    done.expect_status("SUCCESS");
    assert!(done.body["sessionToken"].is_string());
}

#[tokio::test]
async fn google_authenticator_code_signs_in() {
    let h = start().await;
    let r = h.sign_in("mfa.google-totp@example.com", PASSWORD).await;
    let verify = r.factor_link("token:software:totp", Some("GOOGLE"), "verify");
    let secret = h.totp_secret("mfa.google-totp@example.com").await;
    h.step(
        &verify,
        &r.token(),
        json!({"passCode": totp_code(&secret, h.now_unix())}),
    )
    .await
    .expect_status("SUCCESS");
}

#[tokio::test]
async fn codes_one_step_away_are_accepted_two_steps_are_not() {
    let h = start().await;
    let secret = h.totp_secret("mfa.okta-totp@example.com").await;
    let r = h.sign_in("mfa.okta-totp@example.com", PASSWORD).await;
    let verify = r.factor_link("token:software:totp", None, "verify");
    let now = h.now_unix();
    h.step(
        &verify,
        &r.token(),
        json!({"passCode": totp_code(&secret, now - 60)}),
    )
    .await
    .expect_error(403, "E0000068");
    h.step(
        &verify,
        &r.token(),
        json!({"passCode": totp_code(&secret, now - 30)}),
    )
    .await
    .expect_status("SUCCESS");
    let r = h.sign_in("mfa.okta-totp@example.com", PASSWORD).await;
    h.step(
        &verify,
        &r.token(),
        json!({"passCode": totp_code(&secret, now + 30)}),
    )
    .await
    .expect_status("SUCCESS");
}

#[tokio::test]
async fn a_code_cannot_be_replayed() {
    let h = start().await;
    let secret = h.totp_secret("mfa.okta-totp@example.com").await;
    let code = totp_code(&secret, h.now_unix());
    let r = h.sign_in("mfa.okta-totp@example.com", PASSWORD).await;
    let verify = r.factor_link("token:software:totp", None, "verify");
    h.step(&verify, &r.token(), json!({"passCode": code}))
        .await
        .expect_status("SUCCESS");
    let r = h.sign_in("mfa.okta-totp@example.com", PASSWORD).await;
    h.step(&verify, &r.token(), json!({"passCode": code}))
        .await
        .expect_error(403, "E0000082");
    // The next window's code works.
    h.emu.advance_clock(30);
    let next = totp_code(&secret, h.now_unix());
    h.step(&verify, &r.token(), json!({"passCode": next}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn wrong_or_missing_code_is_e0000068_and_the_state_stays() {
    let h = start().await;
    let r = h.sign_in("mfa.okta-totp@example.com", PASSWORD).await;
    let verify = r.factor_link("token:software:totp", None, "verify");
    h.step(&verify, &r.token(), json!({"passCode": "000000x"}))
        .await
        .expect_error(403, "E0000068");
    h.step(&verify, &r.token(), json!({}))
        .await
        .expect_error(403, "E0000068");
    h.get_state(&r.token()).await.expect_status("MFA_REQUIRED");
}

#[tokio::test]
async fn unknown_factor_id_is_not_found() {
    let h = start().await;
    let r = h.sign_in("mfa.okta-totp@example.com", PASSWORD).await;
    h.step(
        "/api/v1/authn/factors/nosuchfactor/verify",
        &r.token(),
        json!({"passCode": "123456"}),
    )
    .await
    .expect_error(404, "E0000007");
}

#[tokio::test]
async fn naming_an_unknown_factor_type_in_the_path_is_e0000001() {
    let h = start().await;
    let r = h.sign_in("mfa.okta-totp@example.com", PASSWORD).await;
    h.step(
        "/api/v1/authn/factors/webauthn/verify",
        &r.token(),
        json!({}),
    )
    .await
    .expect_error(400, "E0000001");
    // A type the user has resolves to that factor.
    let secret = h.totp_secret("mfa.okta-totp@example.com").await;
    h.step(
        "/api/v1/authn/factors/token:software:totp/verify",
        &r.token(),
        json!({"passCode": totp_code(&secret, h.now_unix())}),
    )
    .await
    .expect_status("SUCCESS");
}

#[tokio::test]
async fn concurrent_use_of_one_code_in_two_transactions_succeeds_once() {
    let h = start().await;
    let secret = h.totp_secret("mfa.okta-totp@example.com").await;
    let a = h.sign_in("mfa.okta-totp@example.com", PASSWORD).await;
    let b = h.sign_in("mfa.okta-totp@example.com", PASSWORD).await;
    let verify = a.factor_link("token:software:totp", None, "verify");
    let code = totp_code(&secret, h.now_unix());
    let (ta, tb) = (a.token(), b.token());
    let (ra, rb) = tokio::join!(
        h.step(&verify, &ta, json!({"passCode": code})),
        h.step(&verify, &tb, json!({"passCode": code}))
    );
    let ok = [ra.status, rb.status].iter().filter(|s| **s == 200).count();
    assert_eq!(ok, 1, "{} / {}", ra.body, rb.body);
    let failed = if ra.status == 200 { rb } else { ra };
    failed.expect_error(403, "E0000082");
}
