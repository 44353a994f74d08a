//! Lockout: LOCKED_OUT when the policy shows it, 401 E0000004 when it hides it, failed factor
//! attempts (E0000069), unlock by email link.

use crate::common::{Harness, PASSWORD, start};
use serde_json::json;

#[tokio::test]
async fn locked_user_sees_locked_out_with_an_unlock_link() {
    let h = start().await;
    let r = h.sign_in("locked@example.com", PASSWORD).await;
    r.expect_status("LOCKED_OUT");
    assert!(r.body.get("stateToken").is_none());
    assert_eq!(r.body["_links"]["next"]["name"], "unlock");
    assert!(r.link("next").ends_with("/api/v1/authn/recovery/unlock"));
    // Even with a wrong password.
    h.sign_in("locked@example.com", "nope")
        .await
        .expect_status("LOCKED_OUT");
}

/// Two wrong passwords for `username`: both 401 E0000004.
async fn fail_twice(h: &Harness, username: &str) {
    for bad in ["bad1", "bad2"] {
        h.sign_in(username, bad).await.expect_error(401, "E0000004");
    }
}

#[tokio::test]
async fn three_failures_lock_the_account_shown() {
    let h = start().await;
    fail_twice(&h, "lockout@example.com").await;
    h.sign_in("lockout@example.com", "bad3")
        .await
        .expect_status("LOCKED_OUT");
    h.emu.advance_clock(1);
    h.sign_in("lockout@example.com", PASSWORD)
        .await
        .expect_status("LOCKED_OUT");
}

#[tokio::test]
async fn a_success_resets_the_failure_count() {
    let h = start().await;
    fail_twice(&h, "lockout@example.com").await;
    h.sign_in("lockout@example.com", PASSWORD)
        .await
        .expect_status("SUCCESS");
    h.emu.advance_clock(1);
    h.sign_in("lockout@example.com", "bad3")
        .await
        .expect_error(401, "E0000004");
}

#[tokio::test]
async fn hidden_lockout_answers_e0000004_even_for_the_right_password() {
    let h = start().await;
    for _ in 0..3 {
        h.sign_in("lockout.hidden@example.com", "bad")
            .await
            .expect_error(401, "E0000004");
    }
    h.emu.advance_clock(1);
    h.sign_in("lockout.hidden@example.com", PASSWORD)
        .await
        .expect_error(401, "E0000004");
    let u = h.user_json("lockout.hidden@example.com").await;
    assert_eq!(u["locked"], true);
    // Reset restores the scenario.
    h.emu.reset();
    h.sign_in("lockout.hidden@example.com", PASSWORD)
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn unlock_by_email_link_then_recovery_question() {
    let h = start().await;
    h.sign_in("unlock.email@example.com", PASSWORD)
        .await
        .expect_status("LOCKED_OUT");
    let r = h
        .recover("unlock", "unlock.email@example.com", "EMAIL")
        .await;
    r.expect_status("RECOVERY_CHALLENGE");
    assert_eq!(r.body["recoveryType"], "UNLOCK");
    let link = h.emailed_link("unlock.email@example.com");
    assert!(link.starts_with(&format!("{}/signin/user-unlock/", h.emu.base_url())));
    let token = crate::common::link_token(&link);
    let q = h.redeem_recovery_token(&token).await;
    q.expect_status("RECOVERY");
    assert_eq!(q.body["recoveryType"], "UNLOCK");
    let done = h
        .step(&q.link("next"), &q.token(), json!({"answer": "Paris"}))
        .await;
    done.expect_status("SUCCESS");
    assert_eq!(done.body["recoveryType"], "UNLOCK");
    h.sign_in("unlock.email@example.com", PASSWORD)
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn too_many_wrong_factor_codes_lock_the_user() {
    let h = start().await;
    let r = h.sign_in("mfa.question@example.com", PASSWORD).await;
    let verify = r.factor_link("question", None, "verify");
    for _ in 0..9 {
        h.step(&verify, &r.token(), json!({"answer": "red"}))
            .await
            .expect_error(403, "E0000068");
    }
    h.step(&verify, &r.token(), json!({"answer": "red"}))
        .await
        .expect_error(403, "E0000069");
    h.step(&verify, &r.token(), json!({"answer": "blue"}))
        .await
        .expect_error(401, "E0000011");
    h.sign_in("mfa.question@example.com", PASSWORD)
        .await
        .expect_status("LOCKED_OUT");
}
