//! Remember device: verify with rememberDevice=true sets an HttpOnly DT cookie; later sign-ins
//! presenting it skip MFA for the policy's lifetime (on the emulator clock).

use crate::common::{PASSWORD, Reply, start};
use serde_json::json;

/// The question factor's verify link with `rememberDevice`.
fn question_verify(r: &Reply, remember_device: bool) -> String {
    format!(
        "{}?rememberDevice={remember_device}",
        r.factor_link("question", None, "verify")
    )
}

#[tokio::test]
async fn remembered_device_skips_mfa_until_the_lifetime_ends() {
    let h = start().await;
    let r = h.sign_in("mfa.question@example.com", PASSWORD).await;
    assert_eq!(r.body["_embedded"]["policy"]["allowRememberDevice"], true);
    assert_eq!(
        r.body["_embedded"]["policy"]["rememberDeviceLifetimeInMinutes"],
        60
    );
    let verify = question_verify(&r, true);
    let done = h.step(&verify, &r.token(), json!({"answer": "blue"})).await;
    done.expect_status("SUCCESS");
    let cookie = done.header("set-cookie").expect("DT cookie");
    assert!(cookie.starts_with("DT="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("Path=/") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    h.emu.advance_clock(1);
    // The cookie jar sends DT: MFA is skipped.
    h.sign_in("mfa.question@example.com", PASSWORD)
        .await
        .expect_status("SUCCESS");
    // A client without the cookie is challenged.
    let other = reqwest::Client::new()
        .post(h.url("/api/v1/authn"))
        .json(&json!({"username": "mfa.question@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = other.json().await.unwrap();
    assert_eq!(body["status"], "MFA_REQUIRED");
    // After the policy's 60 minutes, MFA is required again.
    h.emu.advance_clock(60 * 60);
    h.sign_in("mfa.question@example.com", PASSWORD)
        .await
        .expect_status("MFA_REQUIRED");
}

#[tokio::test]
async fn without_remember_device_no_cookie_is_set() {
    let h = start().await;
    let r = h.sign_in("mfa.question@example.com", PASSWORD).await;
    let verify = question_verify(&r, false);
    let done = h.step(&verify, &r.token(), json!({"answer": "blue"})).await;
    done.expect_status("SUCCESS");
    assert!(done.header("set-cookie").is_none());
    h.emu.advance_clock(1);
    h.sign_in("mfa.question@example.com", PASSWORD)
        .await
        .expect_status("MFA_REQUIRED");
}

#[tokio::test]
async fn a_device_cookie_only_counts_for_its_own_user() {
    let h = start().await;
    let r = h.sign_in("mfa.question@example.com", PASSWORD).await;
    let verify = question_verify(&r, true);
    h.step(&verify, &r.token(), json!({"answer": "blue"}))
        .await
        .expect_status("SUCCESS");
    h.sign_in("mfa.multi@example.com", PASSWORD)
        .await
        .expect_status("MFA_REQUIRED");
}
