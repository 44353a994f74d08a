//! Okta Verify push: WAITING, approve / reject / timeout through the emulator API and page,
//! the number challenge, the push timeout on the emulator clock, autoPush.

use crate::common::{Harness, PASSWORD, Reply, start};
use demo::PushDecision;
use serde_json::json;

async fn push(h: &Harness, user: &str) -> Reply {
    let r = h.sign_in(user, PASSWORD).await;
    r.expect_status("MFA_REQUIRED");
    let verify = r.factor_link("push", None, "verify");
    let w = h.step(&verify, &r.token(), json!({})).await;
    w.expect_status("MFA_CHALLENGE");
    assert_eq!(w.body["factorResult"], "WAITING");
    assert_eq!(w.body["_links"]["next"]["name"], "poll");
    w
}

#[tokio::test]
async fn approved_push_signs_in() {
    let h = start().await;
    let w = push(&h, "mfa.push@example.com").await;
    let poll = w.link("next");
    let still = h.step(&poll, &w.token(), json!({})).await;
    assert_eq!(still.body["factorResult"], "WAITING");
    let r = h
        .post(
            "/emulator/push/approve",
            json!({"username": "mfa.push@example.com"}),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["result"], "SUCCESS");
    h.step(&poll, &w.token(), json!({}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn rejected_push_reports_rejected_and_can_be_retried() {
    let h = start().await;
    let w = push(&h, "mfa.push@example.com").await;
    let r = h
        .post(
            "/emulator/push/reject",
            json!({"username": "mfa.push@example.com"}),
        )
        .await;
    assert_eq!(r.body["result"], "REJECTED");
    let rej = h.step(&w.link("next"), &w.token(), json!({})).await;
    rej.expect_status("MFA_CHALLENGE");
    assert_eq!(rej.body["factorResult"], "REJECTED");
    assert_eq!(rej.body["_links"]["next"]["name"], "verify");
    // Verifying again sends a new push.
    let again = h.step(&rej.link("next"), &w.token(), json!({})).await;
    assert_eq!(again.body["factorResult"], "WAITING");
    h.emu
        .resolve_push("mfa.push@example.com", PushDecision::Approve, None)
        .unwrap();
    h.step(&again.link("next"), &w.token(), json!({}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn push_times_out_explicitly_or_on_the_clock() {
    let h = start().await;
    let w = push(&h, "mfa.push@example.com").await;
    h.post(
        "/emulator/push/timeout",
        json!({"username": "mfa.push@example.com"}),
    )
    .await;
    let t = h.step(&w.link("next"), &w.token(), json!({})).await;
    assert_eq!(t.body["factorResult"], "TIMEOUT");
    assert_eq!(t.body["_links"]["resend"][0]["name"], "push");
    // Resend sends a fresh push, which then times out on the clock.
    let resent = h
        .step(
            t.body["_links"]["resend"][0]["href"].as_str().unwrap(),
            &w.token(),
            json!({}),
        )
        .await;
    assert_eq!(resent.body["factorResult"], "WAITING");
    h.emu.advance_clock(200);
    // Poll keeps the stateToken alive.
    assert_eq!(
        h.step(&w.link("next"), &w.token(), json!({})).await.body["factorResult"],
        "WAITING"
    );
    h.emu.advance_clock(101);
    let t = h.step(&w.link("next"), &w.token(), json!({})).await;
    assert_eq!(t.body["factorResult"], "TIMEOUT");
}

#[tokio::test]
async fn number_challenge_must_match() {
    let h = start().await;
    let w = push(&h, "mfa.push-number@example.com").await;
    let n = w.body["_embedded"]["factor"]["_embedded"]["challenge"]["correctAnswer"]
        .as_u64()
        .unwrap();
    assert!((1..=99).contains(&n));
    let wrong = (n % 99) + 1;
    let r = h
        .post(
            "/emulator/push/approve",
            json!({"username": "mfa.push-number@example.com", "number": wrong}),
        )
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(r.body["result"], "REJECTED");
    let rej = h.step(&w.link("next"), &w.token(), json!({})).await;
    assert_eq!(rej.body["factorResult"], "REJECTED");
    let again = h.step(&rej.link("next"), &w.token(), json!({})).await;
    let n = again.body["_embedded"]["factor"]["_embedded"]["challenge"]["correctAnswer"]
        .as_u64()
        .unwrap();
    let ok = h
        .post(
            "/emulator/push/approve",
            json!({"username": "mfa.push-number@example.com", "number": n}),
        )
        .await;
    assert_eq!(ok.body["result"], "SUCCESS");
    h.step(&w.link("next"), &w.token(), json!({}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn approval_page_lists_pending_pushes_and_accepts_forms() {
    let h = start().await;
    let w = push(&h, "mfa.push@example.com").await;
    let html = h.get_html("/emulator/push").await;
    assert!(html.contains("mfa.push@example.com"));
    assert!(html.contains("action=\"/emulator/push/approve\""));
    assert!(!html.contains("<script") && !html.contains("style="));
    let resp = h
        .client
        .post(h.url("/emulator/push/approve"))
        .form(&[("username", "mfa.push@example.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    h.step(&w.link("next"), &w.token(), json!({}))
        .await
        .expect_status("SUCCESS");
    let (_, _, html) = h.get_text("/emulator/push").await;
    assert!(!html.contains("mfa.push@example.com"));
}

#[tokio::test]
async fn push_actions_without_a_pending_push_or_username_fail() {
    let h = start().await;
    let r = h
        .post(
            "/emulator/push/approve",
            json!({"username": "mfa.push@example.com"}),
        )
        .await;
    assert_eq!(r.status, 404);
    h.post("/emulator/push/approve", json!({}))
        .await
        .expect_error(400, "E0000001");
}

#[tokio::test]
async fn auto_push_choice_is_reported_in_the_policy() {
    let h = start().await;
    let w = push(&h, "mfa.push@example.com").await;
    h.emu
        .resolve_push("mfa.push@example.com", PushDecision::Approve, None)
        .unwrap();
    let poll = format!("{}?autoPush=true", w.link("next"));
    h.step(&poll, &w.token(), json!({}))
        .await
        .expect_status("SUCCESS");
    let r = h.sign_in("mfa.push@example.com", PASSWORD).await;
    let fid = r.str_at("/_embedded/factors/0/id");
    assert_eq!(
        r.body["_embedded"]["policy"]["factorsPolicyInfo"][fid]["autoPushEnabled"],
        true
    );
}

#[tokio::test]
async fn cancel_during_push_ends_the_transaction() {
    let h = start().await;
    let w = push(&h, "mfa.push@example.com").await;
    let c = h.step(&w.link("cancel"), &w.token(), json!({})).await;
    assert_eq!(c.status, 200);
    h.step(&w.link("next"), &w.token(), json!({}))
        .await
        .expect_error(401, "E0000011");
    assert!(
        h.emu
            .resolve_push("mfa.push@example.com", PushDecision::Approve, None)
            .is_none()
    );
}
