//! The whole widget with a scripted transport and a manual clock, walking complete flows.

use crate::common::{Harness, body, config, env, mount};
use authn_web::hooks::SNAPSHOT_KEY;
use authn_web::services::KeyValueStore;
use wasm_bindgen_test::wasm_bindgen_test;

const PUSH_VERIFY: &str = "/factors/opfh52xcuft3J4uZc0g3/verify";
const SMS_VERIFY: &str = "/factors/sms2gt8gzgEBPUWBIFHN/verify";

fn rate_limit_headers() -> Vec<(String, String)> {
    vec![
        ("Date".into(), "Thu, 01 Jan 2026 10:00:00 GMT".into()),
        ("X-Rate-Limit-Limit".into(), "600".into()),
        ("X-Rate-Limit-Remaining".into(), "0".into()),
        ("X-Rate-Limit-Reset".into(), "1767261609".into()),
    ]
}

/// Clicks cancel (answered by the server) and checks the widget is back at sign-in, the
/// transaction forgotten.
async fn cancel_to_sign_in(h: &Harness) {
    h.click_answered(
        "[data-action=cancel]",
        "/api/v1/authn/cancel",
        200,
        fixture!("cancel"),
    )
    .await;
    assert_eq!(h.env.transport.count("/api/v1/authn/cancel"), 1);
    h.expect_view("primary-auth");
    assert!(h.env.session_store.get(SNAPSHOT_KEY).is_none());
}

/// Primary auth answered with `first`.
async fn signed_in_to(first: &str) -> Harness {
    let env = env();
    let h = mount(&env, config()).await;
    h.enter_credentials("dade.murphy@example.com", "Zer0Cool!")
        .await;
    h.submit_answered("/api/v1/authn", 200, first).await;
    h
}

/// MFA_REQUIRED with the factor at `index` chosen.
async fn mfa_with(index: &str) -> Harness {
    let h = signed_in_to(fixture!("mfa_required")).await;
    h.expect_view("mfa-verify");
    h.choose("#authn-factor", index).await;
    h
}

/// Okta Verify push (factor index 6) chosen and sent: the widget waits for the approval.
async fn push_waiting() -> Harness {
    let h = mfa_with("6").await;
    h.submit_answered(PUSH_VERIFY, 200, fixture!("mfa_challenge_push_waiting"))
        .await;
    h
}

#[wasm_bindgen_test]
async fn password_expired_then_success() {
    let h = signed_in_to(fixture!("password_expired")).await;
    h.expect_view("password-expired");
    assert!(
        h.env.session_store.get(SNAPSHOT_KEY).is_some(),
        "transaction snapshot kept"
    );
    h.fill(&[
        ("#authn-old-password", "Zer0Cool!"),
        ("#authn-new-password", "Acid-Burn-2026"),
        ("#authn-confirm-password", "Acid-Burn-2026"),
    ])
    .await;
    h.submit_answered("/credentials/change_password", 200, fixture!("success"))
        .await;
    let sent = body(&h, "/credentials/change_password");
    assert_eq!(sent["oldPassword"], "Zer0Cool!");
    assert_eq!(sent["newPassword"], "Acid-Burn-2026");
    h.expect_view("success");
    assert_eq!(h.successes.borrow().len(), 1);
    assert!(
        h.env.session_store.get(SNAPSHOT_KEY).is_none(),
        "snapshot cleared on success"
    );
}

#[wasm_bindgen_test]
async fn totp_enrollment_with_qr_key_copy_and_code() {
    let h = signed_in_to(fixture!("mfa_enroll")).await;
    h.expect_view("enroll-choices");
    h.click("[data-factor=\"token:software:totp\"][data-provider=GOOGLE] button")
        .await;
    h.expect_view("enroll-totp");
    h.click_answered(
        "[data-action=enroll]",
        "/api/v1/authn/factors",
        200,
        fixture!("mfa_enroll_activate_google"),
    )
    .await;
    let sent = body(&h, "/api/v1/authn/factors");
    assert_eq!(sent["factorType"], "token:software:totp");
    assert_eq!(sent["provider"], "GOOGLE");
    h.expect_view("enroll-totp");
    let qr = h.find("img.authn-qr").expect("QR image");
    assert!(
        qr.get_attribute("src")
            .unwrap()
            .starts_with(crate::common::BASE)
    );
    assert!(!qr.get_attribute("alt").unwrap_or_default().is_empty());
    let key = h
        .find("[data-secret]")
        .expect("manual key")
        .text_content()
        .unwrap();
    assert!(!key.is_empty());
    h.click("[data-action=copy]").await;
    assert_eq!(h.env.page.copied(), vec![key]);
    assert!(h.text().contains(&authn_web::Msg::Copied.text()));
    h.activate_with_code("287082").await;
}

#[wasm_bindgen_test]
async fn sms_challenge_with_resend_countdown() {
    let h = mfa_with("1").await;
    h.submit_answered(SMS_VERIFY, 200, fixture!("mfa_challenge_sms"))
        .await;
    assert!(
        body(&h, SMS_VERIFY).get("passCode").is_none(),
        "first verify only sends the code"
    );
    h.expect_view("mfa-verify");
    assert!(h.find("#authn-code").is_some());
    assert!(h.disabled("[data-action=resend]"));
    let label = h.text_of("[data-action=resend]");
    assert!(label.contains("30"), "{label}");
    h.advance(10).await;
    let label = h.text_of("[data-action=resend]");
    assert!(label.contains("20"), "{label}");
    assert!(h.disabled("[data-action=resend]"));
    h.advance(20).await;
    assert!(!h.disabled("[data-action=resend]"));
    h.click_answered(
        "[data-action=resend]",
        "/verify/resend",
        200,
        fixture!("mfa_challenge_sms"),
    )
    .await;
    assert_eq!(h.env.transport.count("/verify/resend"), 1);
    assert!(h.text().contains(&authn_web::Msg::CodeResent.text()));
    assert!(h.disabled("[data-action=resend]"), "countdown restarted");
    // A wrong code keeps the view, clears the field, announces the error.
    h.type_into("#authn-code", "000000").await;
    h.submit_answered(SMS_VERIFY, 403, fixture!("error_E0000068"))
        .await;
    h.expect_view("mfa-verify");
    assert!(h.find(".authn-alert[data-error-code=E0000068]").is_some());
    h.submit_field(
        ("#authn-code", "424242"),
        "passCode",
        SMS_VERIFY,
        200,
        fixture!("success"),
    )
    .await;
    h.expect_view("success");
}

#[wasm_bindgen_test]
async fn push_rejected_then_approved_with_polling() {
    let h = push_waiting().await;
    h.expect_view("mfa-push-wait");
    assert_eq!(h.env.transport.count(PUSH_VERIFY), 1);
    // Polls only after the verify poll interval.
    h.env
        .transport
        .reply(PUSH_VERIFY, 200, fixture!("mfa_challenge_push_rejected"));
    h.advance(1).await;
    assert_eq!(h.env.transport.count(PUSH_VERIFY), 1);
    h.advance(5).await;
    assert_eq!(h.env.transport.count(PUSH_VERIFY), 2);
    h.expect_view("mfa-push-wait");
    assert!(h.find("[data-factor-result=REJECTED]").is_some());
    assert_eq!(
        h.env.clock.pending_timers(),
        0,
        "no polling after a rejection"
    );
    // Retry: verify again, wait, then approve.
    h.click_answered(
        "[data-action=retry]",
        PUSH_VERIFY,
        200,
        fixture!("mfa_challenge_push_waiting"),
    )
    .await;
    assert_eq!(h.env.transport.count(PUSH_VERIFY), 3);
    h.env
        .transport
        .reply(PUSH_VERIFY, 200, fixture!("mfa_challenge_push_waiting"));
    h.env.transport.reply(PUSH_VERIFY, 200, fixture!("success"));
    h.advance(5).await;
    h.advance(5).await;
    assert_eq!(h.env.transport.count(PUSH_VERIFY), 5);
    h.expect_view("success");
    assert_eq!(h.env.clock.pending_timers(), 0);
}

#[wasm_bindgen_test]
async fn push_timeout_offers_resend() {
    let h = push_waiting().await;
    h.env
        .transport
        .reply(PUSH_VERIFY, 200, fixture!("mfa_challenge_push_timeout"));
    h.advance(5).await;
    assert!(
        h.find("[data-factor-result=TIMEOUT]").is_some(),
        "{}",
        h.text()
    );
    assert!(h.find("[data-action=resend]").is_some());
}

#[wasm_bindgen_test]
async fn polling_pauses_while_hidden_and_stops_on_navigation_and_unmount() {
    let mut h = push_waiting().await;
    h.env.page.set_hidden(true);
    h.advance(30).await;
    assert_eq!(
        h.env.transport.count(PUSH_VERIFY),
        1,
        "no poll while hidden"
    );
    h.env
        .transport
        .reply(PUSH_VERIFY, 200, fixture!("mfa_challenge_push_waiting"));
    h.env.page.set_hidden(false);
    crate::common::settle().await;
    assert_eq!(
        h.env.transport.count(PUSH_VERIFY),
        2,
        "polls once visible again"
    );

    // Going back to the factor list cancels the armed poll.
    h.click_answered(
        "[data-action=back]",
        "/api/v1/authn/previous",
        200,
        fixture!("mfa_required"),
    )
    .await;
    h.expect_view("mfa-verify");
    h.advance(30).await;
    assert_eq!(h.env.transport.count(PUSH_VERIFY), 2);

    // Unmounting drops the timer and the visibility listener.
    h.choose("#authn-factor", "6").await;
    h.submit_answered(PUSH_VERIFY, 200, fixture!("mfa_challenge_push_waiting"))
        .await;
    assert!(h.env.clock.pending_timers() > 0);
    h.unmount().await;
    assert_eq!(h.env.clock.pending_timers(), 0);
    assert_eq!(h.env.page.listener_count(), 0);
    h.advance(30).await;
    assert_eq!(h.env.transport.count(PUSH_VERIFY), 3);
}

#[wasm_bindgen_test]
async fn poll_rate_limit_backs_off_and_recovers() {
    let h = push_waiting().await;
    h.env.transport.reply_with_headers(
        PUSH_VERIFY,
        429,
        rate_limit_headers(),
        fixture!("error_E0000047"),
    );
    h.advance(4).await;
    assert_eq!(h.env.transport.count(PUSH_VERIFY), 2);
    h.expect_view("mfa-push-wait");
    let wait = h.env.clock.next_timer_in().expect("backoff timer armed");
    assert!(wait.as_secs() >= 1, "{wait:?}");
    h.env.transport.fail(PUSH_VERIFY, "connection reset");
    h.advance(wait.as_secs() + 1).await;
    assert_eq!(h.env.transport.count(PUSH_VERIFY), 3);
    assert!(
        h.env.clock.pending_timers() > 0,
        "network failure while polling backs off too"
    );
    h.env.transport.reply(PUSH_VERIFY, 200, fixture!("success"));
    h.advance(60).await;
    h.expect_view("success");
}

#[wasm_bindgen_test]
async fn rate_limited_sign_in_shows_a_message_and_stays() {
    let env = env();
    let h = mount(&env, config()).await;
    h.enter_credentials("dade", "pw").await;
    env.transport.reply_with_headers(
        "/api/v1/authn",
        429,
        rate_limit_headers(),
        fixture!("error_E0000047"),
    );
    h.submit().await;
    h.expect_view("primary-auth");
    let alert = h.expect_alert("E0000047");
    assert!(!alert.text_content().unwrap().is_empty());
    assert!(!h.disabled("button[type=submit]"), "the user can try again");
}

#[wasm_bindgen_test]
async fn forgot_password_by_sms_through_question_and_reset() {
    let env = env();
    let h = mount(&env, config()).await;
    let answer = (
        "SMS",
        "/recovery/password",
        fixture!("recovery_challenge_sms"),
    );
    h.start_recovery("forgot-password", "dade", answer).await;
    h.expect_view("recovery-challenge");
    h.type_into("#authn-code", "123456").await;
    h.submit_answered(
        "/recovery/factors/SMS/verify",
        200,
        fixture!("recovery_question"),
    )
    .await;
    h.expect_view("recovery-question");
    h.type_into("#authn-answer", "Cheese").await;
    h.submit_answered("/recovery/answer", 200, fixture!("password_reset"))
        .await;
    h.expect_view("password-reset");
    h.fill(&[
        ("#authn-new-password", "Brand-New-Passw0rd"),
        ("#authn-confirm-password", "Brand-New-Passw0rd"),
    ])
    .await;
    h.submit_answered(
        "/credentials/reset_password",
        200,
        fixture!("success_password_reset"),
    )
    .await;
    h.expect_view("success");
    assert_eq!(h.successes.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn expired_transaction_restarts_at_sign_in_with_the_username() {
    let h = mfa_with("4").await;
    assert!(h.env.session_store.get(SNAPSHOT_KEY).is_some());
    h.type_into("#authn-verify-input", "123456").await;
    h.submit_answered(
        "/factors/ostf1fmaMGJLMNGNLIVG/verify",
        401,
        fixture!("error_E0000011"),
    )
    .await;
    h.expect_view("session-expired");
    assert!(
        h.env.session_store.get(SNAPSHOT_KEY).is_none(),
        "snapshot cleared on E0000011"
    );
    h.click("[data-action=back]").await;
    h.expect_view("primary-auth");
    assert_eq!(h.value("#authn-username"), "dade.murphy@example.com");
}

#[wasm_bindgen_test]
async fn cancel_clears_the_transaction() {
    let h = signed_in_to(fixture!("mfa_required")).await;
    cancel_to_sign_in(&h).await;
}

#[wasm_bindgen_test]
async fn reload_resumes_from_the_snapshot() {
    let env = env();
    let mut h = mount(&env, config()).await;
    h.enter_credentials("dade", "pw").await;
    h.submit_answered("/api/v1/authn", 200, fixture!("mfa_required"))
        .await;
    h.unmount().await;
    // "Reload": a new widget over the same sessionStorage resumes with the stored state token.
    env.transport
        .reply("/api/v1/authn", 200, fixture!("mfa_required"));
    let h2 = mount(&env, config()).await;
    h2.expect_view("mfa-verify");
    let sent = body(&h2, "/api/v1/authn");
    assert!(
        sent.get("stateToken").is_some() && sent.get("password").is_none(),
        "{sent}"
    );

    // Snapshot storage off: nothing stored, nothing resumed.
    let env = crate::common::env();
    let mut cfg = config();
    cfg.features.snapshot_storage = false;
    let h3 = mount(&env, cfg).await;
    h3.enter_credentials("dade", "pw").await;
    h3.submit_answered("/api/v1/authn", 200, fixture!("mfa_required"))
        .await;
    assert!(env.session_store.get(SNAPSHOT_KEY).is_none());
}

#[wasm_bindgen_test]
async fn malformed_snapshot_and_server_garbage_do_not_break_the_widget() {
    let env = env();
    env.session_store.set(SNAPSHOT_KEY, "{not json");
    let h = mount(&env, config()).await;
    h.expect_view("primary-auth");
    assert!(env.session_store.get(SNAPSHOT_KEY).is_none());
    h.enter_credentials("dade", "pw").await;
    h.submit_answered("/api/v1/authn", 200, "<html>proxy error</html>")
        .await;
    h.expect_view("primary-auth");
    assert!(h.find(".authn-alert").is_some());
    h.submit_answered("/api/v1/authn", 500, "").await;
    h.expect_view("primary-auth");
    assert!(h.find(".authn-alert").is_some());
}

#[wasm_bindgen_test]
async fn cancel_works_while_a_request_hangs_and_its_late_answer_is_dropped() {
    let h = mfa_with("1").await;
    h.env.transport.hold(SMS_VERIFY);
    h.submit().await;
    assert_eq!(h.env.transport.held().len(), 1, "the verify hangs");
    assert_eq!(
        h.attr(".authn-widget", "data-busy").as_deref(),
        Some("true")
    );
    assert!(
        h.disabled("button[type=submit]"),
        "submit is disabled while busy"
    );
    assert!(!h.disabled("[data-action=cancel]"), "cancel is not");
    cancel_to_sign_in(&h).await;
    assert_eq!(h.value("#authn-username"), "dade.murphy@example.com");
    // The server finally answers the verify: the core drops it, nothing moves.
    assert!(
        h.env
            .transport
            .answer_held(200, fixture!("mfa_challenge_sms"))
            .is_some()
    );
    crate::common::settle().await;
    h.expect_view("primary-auth");
    assert!(h.successes.borrow().is_empty());
    assert!(!h.disabled("button[type=submit]"));
}

#[wasm_bindgen_test]
async fn a_request_that_times_out_shows_the_error_and_keeps_the_username() {
    let env = env();
    let h = mount(&env, config()).await;
    h.enter_credentials("dade", "pw").await;
    env.transport.hold("/api/v1/authn");
    h.submit().await;
    assert!(h.disabled("button[type=submit]"));
    h.advance(29).await;
    assert!(h.find(".authn-alert").is_none(), "not yet");
    assert!(h.disabled("button[type=submit]"));
    h.advance(1).await;
    h.expect_view("primary-auth");
    let alert = h.find(".authn-alert[role=alert]").expect("timed out");
    assert!(
        alert
            .text_content()
            .unwrap()
            .contains(&authn_web::Msg::ErrNetwork.text())
    );
    assert_eq!(h.value("#authn-username"), "dade");
    assert_eq!(h.value("#authn-password"), "", "the password is cleared");
    // The late answer is dropped; a retry goes out.
    env.transport.answer_held(200, fixture!("success"));
    crate::common::settle().await;
    assert!(h.successes.borrow().is_empty());
    h.type_into("#authn-password", "pw").await;
    h.submit_answered("/api/v1/authn", 200, fixture!("success"))
        .await;
    h.expect_view("success");
    assert_eq!(h.successes.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn the_resend_countdown_is_driven_by_the_core() {
    let mut h = mfa_with("1").await;
    h.submit_answered(SMS_VERIFY, 200, fixture!("mfa_challenge_sms"))
        .await;
    h.advance(12).await;
    // A reload resumes the transaction and the countdown where the core left it.
    h.unmount().await;
    h.env
        .transport
        .reply("/api/v1/authn", 200, fixture!("mfa_challenge_sms"));
    let h2 = mount(&h.env, config()).await;
    h2.expect_view("mfa-verify");
    let label = h2.text_of("[data-action=resend]");
    assert!(label.contains("18"), "{label}");
    h2.advance(18).await;
    assert!(!h2.disabled("[data-action=resend]"));
    // The server says the last SMS was too recent: the core makes the user wait its window again.
    h2.click_answered(
        "[data-action=resend]",
        "/verify/resend",
        429,
        fixture!("error_E0000109"),
    )
    .await;
    assert!(h2.find(".authn-alert[data-error-code=E0000109]").is_some());
    assert!(h2.disabled("[data-action=resend]"));
    let label = h2.text_of("[data-action=resend]");
    assert!(label.contains("30"), "{label}");
    h2.advance(30).await;
    assert!(!h2.disabled("[data-action=resend]"));
}
