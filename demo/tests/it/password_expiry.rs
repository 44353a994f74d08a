//! PASSWORD_EXPIRED and PASSWORD_WARN: change_password, wrong old password and policy failures
//! (E0000014 with causes), skip, warnBeforePasswordExpired, and MFA before PASSWORD_EXPIRED.

use crate::common::{PASSWORD, start};
use serde_json::json;

#[tokio::test]
async fn expired_password_must_be_changed() {
    let h = start().await;
    let r = h.sign_in("password.expired@example.com", PASSWORD).await;
    r.expect_status("PASSWORD_EXPIRED");
    assert_eq!(r.body["_links"]["next"]["name"], "changePassword");
    assert!(r.body["_links"].get("skip").is_none());
    let c = &r.body["_embedded"]["policy"]["complexity"];
    assert_eq!(c["minLength"], 8);
    assert_eq!(c["excludeUsername"], true);
    h.change_password(&r, "Changed5678")
        .await
        .expect_status("SUCCESS");
    h.sign_in("password.expired@example.com", "Changed5678")
        .await
        .expect_status("SUCCESS");
    h.sign_in("password.expired@example.com", PASSWORD)
        .await
        .expect_error(401, "E0000004");
}

#[tokio::test]
async fn wrong_old_password_and_weak_new_password_fail_with_causes() {
    let h = start().await;
    let r = h.sign_in("password.expired@example.com", PASSWORD).await;
    let next = r.link("next");
    let wrong = h
        .step(
            &next,
            &r.token(),
            json!({"oldPassword": "nope", "newPassword": "Changed5678"}),
        )
        .await;
    wrong.expect_error(403, "E0000014");
    assert!(wrong.cause().contains("Old Password"));
    let weak = h.change_password(&r, "short").await;
    weak.expect_error(403, "E0000014");
    let cause = weak.cause();
    assert!(cause.contains("at least 8 characters"), "{cause}");
    let username = h.change_password(&r, "Password.expired1X").await;
    username.expect_error(403, "E0000014");
    let same = h.change_password(&r, PASSWORD).await;
    same.expect_error(403, "E0000014");
    // Still in PASSWORD_EXPIRED.
    h.get_state(&r.token())
        .await
        .expect_status("PASSWORD_EXPIRED");
}

#[tokio::test]
async fn warn_window_needs_the_option() {
    let h = start().await;
    h.sign_in("password.warn@example.com", PASSWORD)
        .await
        .expect_status("SUCCESS");
    let r = h
        .sign_in_with(
            "password.warn@example.com",
            json!({"warnBeforePasswordExpired": true}),
        )
        .await;
    r.expect_status("PASSWORD_WARN");
    assert_eq!(
        r.body["_embedded"]["policy"]["expiration"]["passwordExpireDays"],
        5
    );
    assert_eq!(r.body["_links"]["next"]["name"], "changePassword");
    let skip = r.link("skip");
    assert!(skip.ends_with("/api/v1/authn/skip"));
    h.step(&skip, &r.token(), json!({}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn warn_can_change_the_password() {
    let h = start().await;
    let r = h
        .sign_in_with(
            "password.warn@example.com",
            json!({"warnBeforePasswordExpired": true}),
        )
        .await;
    h.change_password(&r, "Changed5678")
        .await
        .expect_status("SUCCESS");
    // A fresh password is out of the warn window.
    let again = h
        .post(
            "/api/v1/authn",
            json!({"username": "password.warn@example.com", "password": "Changed5678",
            "options": {"warnBeforePasswordExpired": true}}),
        )
        .await;
    again.expect_status("SUCCESS");
}

#[tokio::test]
async fn password_ages_into_the_warn_window_and_expiry_on_the_clock() {
    let h = start().await;
    h.emu.advance_clock(5 * 86_400 + 60);
    h.sign_in("password.warn@example.com", PASSWORD)
        .await
        .expect_status("PASSWORD_EXPIRED");
}

#[tokio::test]
async fn mfa_comes_before_the_expired_password() {
    let h = start().await;
    let r = h
        .sign_in("password.expired-mfa@example.com", PASSWORD)
        .await;
    r.expect_status("MFA_REQUIRED");
    let verify = r.factor_link("question", None, "verify");
    let p = h.step(&verify, &r.token(), json!({"answer": "blue"})).await;
    p.expect_status("PASSWORD_EXPIRED");
    h.change_password(&p, "Changed5678")
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn change_password_in_another_state_is_e0000079() {
    let h = start().await;
    let r = h.sign_in("mfa.question@example.com", PASSWORD).await;
    h.step(
        "/api/v1/authn/credentials/change_password",
        &r.token(),
        json!({"oldPassword": PASSWORD, "newPassword": "Changed5678"}),
    )
    .await
    .expect_error(403, "E0000079");
    h.step("/api/v1/authn/skip", &r.token(), json!({}))
        .await
        .expect_error(403, "E0000079");
    h.step(
        "/api/v1/authn/credentials/reset_password",
        &r.token(),
        json!({"newPassword": "Changed5678"}),
    )
    .await
    .expect_error(403, "E0000079");
}

#[tokio::test]
async fn previous_passwords_cannot_be_reused() {
    let h = start().await;
    let r = h.sign_in("password.expired@example.com", PASSWORD).await;
    h.change_password(&r, "Changed5678")
        .await
        .expect_status("SUCCESS");
    // Back to the old password through recovery: refused by the history.
    let rec = h
        .recover("password", "password.expired@example.com", "EMAIL")
        .await;
    rec.expect_status("RECOVERY_CHALLENGE");
    let token = h.emailed_token("password.expired@example.com");
    let reset = h.redeem_recovery_token(&token).await;
    reset.expect_status("PASSWORD_RESET");
    let again = h
        .step(
            &reset.link("next"),
            &reset.token(),
            json!({"newPassword": PASSWORD}),
        )
        .await;
    again.expect_error(403, "E0000080");
    assert!(again.cause().contains("last 4 passwords"));
    let current = h
        .step(
            &reset.link("next"),
            &reset.token(),
            json!({"newPassword": "Changed5678"}),
        )
        .await;
    current.expect_error(403, "E0000080");
    h.step(
        &reset.link("next"),
        &reset.token(),
        json!({"newPassword": "Brandnew123"}),
    )
    .await
    .expect_status("SUCCESS");
}
