//! Each view rendered from a canned core state (a fixture answered to get-state), checked for the
//! CSP / label invariants, and driven to emit the right action (observed as the request the core
//! builds for it).

use crate::common::{
    Harness, STATE_FIXTURES, body, config, env, mount, mount_in_state, resume_config,
};
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;

/// MFA_ENROLL with the factor matching `selector` picked from the choices.
async fn enroll_factor(selector: &str) -> Harness {
    let h = mount_in_state(fixture!("mfa_enroll")).await;
    h.click(selector).await;
    h
}

/// PASSWORD_EXPIRED with the change-password form filled in.
async fn password_change_filled(old: &str, new: &str, confirm: &str) -> Harness {
    let h = mount_in_state(fixture!("password_expired")).await;
    h.expect_view("password-expired");
    h.fill(&[
        ("#authn-old-password", old),
        ("#authn-new-password", new),
        ("#authn-confirm-password", confirm),
    ])
    .await;
    h
}

#[wasm_bindgen_test]
async fn primary_auth_sends_credentials_and_remembers_username() {
    let env = env();
    let h = mount(&env, config()).await;
    h.expect_view("primary-auth");
    let username = h.find("#authn-username").unwrap();
    assert_eq!(
        username.get_attribute("autocomplete").as_deref(),
        Some("username")
    );
    let password = h.find("#authn-password").unwrap();
    assert_eq!(
        password.get_attribute("autocomplete").as_deref(),
        Some("current-password")
    );
    assert_eq!(password.get_attribute("type").as_deref(), Some("password"));
    // Show / hide toggle.
    h.click("button[aria-controls=authn-password]").await;
    assert_eq!(h.attr("#authn-password", "type").as_deref(), Some("text"));
    h.click("button[aria-controls=authn-password]").await;
    assert_eq!(
        h.attr("#authn-password", "type").as_deref(),
        Some("password")
    );

    h.enter_credentials("dade.murphy@example.com", "correct horse")
        .await;
    h.set_checked("#authn-remember", true).await;
    h.submit_answered("/api/v1/authn", 200, fixture!("success"))
        .await;
    let sent = body(&h, "/api/v1/authn");
    assert_eq!(sent["username"], "dade.murphy@example.com");
    assert_eq!(sent["password"], "correct horse");
    assert_eq!(sent["options"]["warnBeforePasswordExpired"], true);
    h.expect_view("success");
    assert_eq!(h.successes.borrow().len(), 1);
    assert!(h.successes.borrow()[0].session_token.is_some());
    use authn_web::services::KeyValueStore;
    assert_eq!(
        env.local_store
            .get(authn_web::views::USERNAME_KEY)
            .as_deref(),
        Some("dade.murphy@example.com")
    );
    // The snapshot is gone after success.
    assert!(
        env.session_store
            .get(authn_web::hooks::SNAPSHOT_KEY)
            .is_none()
    );
}

#[wasm_bindgen_test]
async fn primary_auth_error_keeps_username_clears_password_and_focuses_alert() {
    let env = env();
    let h = mount(&env, config()).await;
    h.enter_credentials("dade", "wrong").await;
    h.submit_answered("/api/v1/authn", 401, fixture!("error_E0000004"))
        .await;
    h.expect_view("primary-auth");
    let alert = h.expect_alert("E0000004");
    assert!(
        alert
            .text_content()
            .unwrap()
            .contains(&authn_web::Msg::ErrAuthFailed.text())
    );
    assert_eq!(h.value("#authn-username"), "dade");
    assert_eq!(h.value("#authn-password"), "");
    assert!(h.focused().unwrap().class_list().contains("authn-alert"));
    // Remember me was off: nothing stored.
    use authn_web::services::KeyValueStore;
    assert!(
        env.local_store
            .get(authn_web::views::USERNAME_KEY)
            .is_none()
    );
}

#[wasm_bindgen_test]
async fn primary_auth_blank_fields_send_nothing_and_double_submit_sends_once() {
    let env = env();
    let h = mount(&env, config()).await;
    h.submit().await;
    assert!(env.transport.requests().is_empty());
    assert!(h.find(".authn-alert").is_some());
    h.enter_credentials("dade", "pw").await;
    env.transport
        .reply("/api/v1/authn", 401, fixture!("error_E0000004"));
    // Two clicks in the same task: the second one finds the widget busy.
    use wasm_bindgen::JsCast;
    let button: web_sys::HtmlElement = h.find("button[type=submit]").unwrap().dyn_into().unwrap();
    button.click();
    button.click();
    crate::common::settle().await;
    assert_eq!(env.transport.count("/api/v1/authn"), 1);
}

#[wasm_bindgen_test]
async fn forgot_password_by_email_then_back_to_sign_in() {
    let env = env();
    let h = mount(&env, config()).await;
    h.send_recovery_email("dade").await;
    assert_eq!(
        body(&h, "/api/v1/authn/recovery/password"),
        json!({"username": "dade", "factorType": "EMAIL"})
    );
    h.expect_view("password-reset-email-sent");
    assert!(h.text().contains("dade"));
    h.click("[data-action=cancel]").await;
    h.expect_view("primary-auth");
}

#[wasm_bindgen_test]
async fn unlock_account_by_sms_shows_code_entry_with_resend() {
    let env = env();
    let h = mount(&env, config()).await;
    h.click("[data-action=unlock]").await;
    h.expect_view("account-unlock");
    // No voice call for unlock.
    assert!(h.find("[data-factor=CALL]").is_none());
    h.type_into("#authn-recovery-username", "dade").await;
    h.click_answered(
        "[data-factor=SMS]",
        "/api/v1/authn/recovery/unlock",
        200,
        fixture!("recovery_challenge_sms"),
    )
    .await;
    assert_eq!(
        body(&h, "/api/v1/authn/recovery/unlock")["factorType"],
        "SMS"
    );
    h.expect_view("recovery-challenge");
    assert_eq!(
        h.attr("#authn-code", "autocomplete").as_deref(),
        Some("one-time-code")
    );
    assert!(h.disabled("[data-action=resend]"));
    h.advance(30).await;
    assert!(!h.disabled("[data-action=resend]"));
    h.click_answered(
        "[data-action=resend]",
        "/api/v1/authn/recovery/factors/SMS/resend",
        200,
        fixture!("recovery_challenge_sms"),
    )
    .await;
    assert_eq!(env.transport.count("/recovery/factors/SMS/resend"), 1);
    assert!(
        h.disabled("[data-action=resend]"),
        "countdown restarts after a resend"
    );
    h.submit_field(
        ("#authn-code", "123456"),
        "passCode",
        "/api/v1/authn/recovery/factors/SMS/verify",
        200,
        fixture!("recovery_question"),
    )
    .await;
    h.expect_view("recovery-question");
}

#[wasm_bindgen_test]
async fn recovery_question_sends_answer() {
    let h = mount_in_state(fixture!("recovery_question")).await;
    h.expect_view("recovery-question");
    h.submit_field(
        ("#authn-answer", "Cheese"),
        "answer",
        "/api/v1/authn/recovery/answer",
        200,
        fixture!("password_reset"),
    )
    .await;
    h.expect_view("password-reset");
}

#[wasm_bindgen_test]
async fn password_reset_checks_requirements_live() {
    let h = mount_in_state(fixture!("password_reset")).await;
    h.expect_view("password-reset");
    assert!(h.find("#authn-old-password").is_none());
    assert_eq!(
        h.attr("#authn-new-password", "autocomplete").as_deref(),
        Some("new-password")
    );
    let unmet = h.all(".authn-requirement[data-met=false]").len();
    assert!(unmet > 0, "requirements listed");
    h.type_into("#authn-new-password", "short").await;
    assert!(h.disabled("button[type=submit]"));
    h.type_into("#authn-new-password", "Much-Better-Passw0rd")
        .await;
    assert!(
        h.all(".authn-requirement[data-met=false]").is_empty(),
        "{}",
        h.text()
    );
    h.type_into("#authn-confirm-password", "Much-Better-Passw0rd")
        .await;
    assert!(!h.disabled("button[type=submit]"));
    h.submit_answered(
        "/api/v1/authn/credentials/reset_password",
        200,
        fixture!("success_password_reset"),
    )
    .await;
    assert_eq!(
        body(&h, "/credentials/reset_password")["newPassword"],
        "Much-Better-Passw0rd"
    );
    h.expect_view("success");
}

#[wasm_bindgen_test]
async fn password_change_shows_server_causes_under_the_field() {
    let h = password_change_filled("old", "Abcdefg1!x", "Abcdefg1!y").await;
    h.submit().await;
    assert!(
        h.env.transport.requests().len() == 1,
        "mismatch is caught locally"
    );
    assert!(h.find("#authn-confirm-password-errors").is_some());
    h.type_into("#authn-confirm-password", "Abcdefg1!x").await;
    h.submit_answered(
        "/api/v1/authn/credentials/change_password",
        403,
        fixture!("error_E0000080"),
    )
    .await;
    h.expect_view("password-expired");
    let causes = h
        .find("#authn-new-password-errors")
        .expect("causes under the new password");
    assert!(!causes.text_content().unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn wrong_old_password_cause_is_shown_under_the_old_password_field() {
    let h = password_change_filled("not-it", "Abcdefg1x", "Abcdefg1x").await;
    h.submit_answered(
        "/api/v1/authn/credentials/change_password",
        403,
        fixture!("error_E0000014"),
    )
    .await;
    h.expect_view("password-expired");
    let old = h
        .find("#authn-old-password-errors")
        .expect("the oldPassword cause under the old password");
    assert_eq!(
        old.text_content().unwrap().trim(),
        "The credentials provided were incorrect."
    );
    assert!(
        h.find("#authn-new-password-errors").is_none(),
        "nothing under the new password: {}",
        h.text()
    );
    assert_eq!(
        h.attr("#authn-old-password", "aria-invalid").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn password_warn_can_skip() {
    let h = mount_in_state(fixture!("password_warn")).await;
    h.expect_view("password-expiry-warning");
    h.click_answered(
        "[data-action=skip]",
        "/api/v1/authn/skip",
        200,
        fixture!("success"),
    )
    .await;
    assert_eq!(h.env.transport.count("/api/v1/authn/skip"), 1);
    h.expect_view("success");
}

#[wasm_bindgen_test]
async fn external_password_links_out() {
    let h = mount_in_state(fixture!("password_expired_external")).await;
    h.expect_view("custom-password-expired");
    let link = h.find("a.authn-button").unwrap();
    assert!(link.get_attribute("href").unwrap().starts_with("http"));
}

#[wasm_bindgen_test]
async fn server_urls_with_unsafe_schemes_are_not_rendered() {
    let mut tx: serde_json::Value =
        serde_json::from_str(fixture!("password_expired_external")).unwrap();
    tx["_links"]["next"]["href"] = json!("javascript:alert(1)");
    let h = mount_in_state(&tx.to_string()).await;
    assert!(h.all("a[href^=javascript], a[href^=JavaScript]").is_empty());
    h.check_invariants();
}

#[wasm_bindgen_test]
async fn locked_out_offers_unlock() {
    let h = mount_in_state(fixture!("locked_out")).await;
    h.expect_view("locked-out");
    h.click("[data-action=unlock]").await;
    h.expect_view("account-unlock");
}

#[wasm_bindgen_test]
async fn account_unlocked_is_not_a_sign_in() {
    let h = mount_in_state(fixture!("success_unlock")).await;
    h.expect_view("account-unlocked");
    assert!(h.successes.borrow().is_empty());
    h.click("[data-action=back]").await;
    h.expect_view("primary-auth");
}

#[wasm_bindgen_test]
async fn enroll_choices_question_loads_questions_and_enrolls() {
    let h = mount_in_state(fixture!("mfa_enroll")).await;
    h.expect_view("enroll-choices");
    assert!(h.all(".authn-factor").len() >= 10);
    h.click_answered(
        "[data-factor=question] button",
        "/questions",
        200,
        fixture!("questions_list"),
    )
    .await;
    h.expect_view("enroll-question");
    assert_eq!(h.env.transport.count("/questions"), 1);
    assert_eq!(
        h.focused().map(|el| el.id()).as_deref(),
        Some("authn-question"),
        "focus moves to the question list once it loaded"
    );
    let options = h.all("#authn-question option");
    assert!(options.len() > 1);
    let key = options[1].get_attribute("value").unwrap();
    h.choose("#authn-question", &key).await;
    h.type_into("#authn-question-answer", "Pizza").await;
    h.submit_answered("/api/v1/authn/factors", 200, fixture!("success"))
        .await;
    let sent = body(&h, "/api/v1/authn/factors");
    assert_eq!(sent["factorType"], "question");
    assert_eq!(sent["profile"]["question"], key.as_str());
    assert_eq!(sent["profile"]["answer"], "Pizza");
}

#[wasm_bindgen_test]
async fn enroll_sms_phone_then_code() {
    let h = enroll_factor("[data-factor=sms] button").await;
    h.expect_view("enroll-sms");
    assert_eq!(
        h.attr("#authn-phone", "autocomplete").as_deref(),
        Some("tel")
    );
    assert!(h.find("#authn-extension").is_none());
    h.type_into("#authn-phone", "(555) 010-0199").await;
    h.submit_answered(
        "/api/v1/authn/factors",
        200,
        fixture!("mfa_enroll_activate_sms"),
    )
    .await;
    let sent = body(&h, "/api/v1/authn/factors");
    assert_eq!(sent["factorType"], "sms");
    assert_eq!(sent["profile"]["phoneNumber"], "+15550100199");
    h.expect_view("enroll-sms");
    h.activate_with_code("654321").await;
}

#[wasm_bindgen_test]
async fn enroll_call_has_extension_and_back_returns_to_choices() {
    let h = enroll_factor("[data-factor=call] button").await;
    h.expect_view("enroll-call");
    assert!(h.find("#authn-extension").is_some());
    h.click("[data-action=back]").await;
    h.expect_view("enroll-choices");
}

#[wasm_bindgen_test]
async fn enroll_email_sends_code() {
    let h = enroll_factor("[data-factor=email] button").await;
    h.expect_view("enroll-email");
    h.click_answered(
        "[data-action=enroll]",
        "/api/v1/authn/factors",
        200,
        fixture!("mfa_enroll_activate_email"),
    )
    .await;
    assert_eq!(body(&h, "/api/v1/authn/factors")["factorType"], "email");
    h.expect_view("enroll-email");
    assert!(h.find("#authn-code").is_some());
}

#[wasm_bindgen_test]
async fn enroll_rsa_and_yubikey_send_codes() {
    let h = enroll_factor("[data-factor=token][data-provider=RSA] button").await;
    h.expect_view("enroll-token");
    h.type_into("#authn-credential-id", "dade").await;
    h.type_into("#authn-passcode", "5275875498").await;
    h.submit_answered("/api/v1/authn/factors", 200, fixture!("success"))
        .await;
    let sent = body(&h, "/api/v1/authn/factors");
    assert_eq!(sent["provider"], "RSA");
    assert_eq!(sent["profile"]["credentialId"], "dade");
    assert_eq!(sent["passCode"], "5275875498");

    let h = enroll_factor("[data-factor=\"token:hardware\"] button").await;
    h.expect_view("enroll-token");
    assert!(h.find("#authn-credential-id").is_none());
    h.type_into(
        "#authn-passcode",
        "cccccceukngdfgkukfctkcvfidnetljjiknckkcjulji",
    )
    .await;
    h.submit_answered("/api/v1/authn/factors", 200, fixture!("success"))
        .await;
    assert_eq!(
        body(&h, "/api/v1/authn/factors")["factorType"],
        "token:hardware"
    );
}

#[wasm_bindgen_test]
async fn unsupported_factors_get_a_view_with_a_way_back() {
    for (selector, view) in [
        // Okta's features.webauthn is off by default: the view says the key cannot be used here.
        ("[data-factor=webauthn] button", "enroll-webauthn"),
        ("[data-factor=u2f] button", "enroll-unsupported"),
        ("[data-factor=web] button", "enroll-unsupported"),
    ] {
        let h = enroll_factor(selector).await;
        h.expect_view(view);
        h.click("[data-action=back]").await;
        h.expect_view("enroll-choices");
    }
    let h = mount_in_state(fixture!("mfa_enroll_activate_duo")).await;
    h.expect_view("enroll-unsupported");
    assert!(h.find("[data-action=cancel]").is_some());
}

#[wasm_bindgen_test]
async fn enroll_push_offers_links_and_polls_until_active() {
    let h = mount_in_state(fixture!("mfa_enroll_activate_push_waiting")).await;
    h.expect_view("enroll-push");
    assert!(h.find("img.authn-qr").is_some());
    h.click_answered(
        "[data-action=send-email]",
        "/lifecycle/activate/email",
        200,
        fixture!("mfa_enroll_activate_push_waiting"),
    )
    .await;
    assert_eq!(h.env.transport.count("/lifecycle/activate/email"), 1);
    assert!(h.text().contains(&authn_web::Msg::ActivationSent.text()));
    h.env
        .transport
        .reply("/lifecycle/activate/poll", 200, fixture!("success"));
    // Nothing is polled before the enroll poll interval.
    h.advance(1).await;
    assert_eq!(h.env.transport.count("/lifecycle/activate/poll"), 0);
    h.advance(10).await;
    assert_eq!(h.env.transport.count("/lifecycle/activate/poll"), 1);
    h.expect_view("success");
}

#[wasm_bindgen_test]
async fn enroll_push_timeout_restarts_activation() {
    let h = mount_in_state(fixture!("mfa_enroll_activate_push_timeout")).await;
    h.expect_view("enroll-push");
    h.click_answered(
        "[data-action=restart]",
        "/lifecycle/activate",
        200,
        fixture!("mfa_enroll_activate_push_waiting"),
    )
    .await;
    assert_eq!(h.env.transport.count("/lifecycle/activate"), 1);
}

#[wasm_bindgen_test]
async fn mfa_verify_picks_factor_and_remembers_it() {
    let h = mount_in_state(fixture!("mfa_required")).await;
    h.expect_view("mfa-verify");
    // Google Authenticator is the sixth factor (index 5).
    h.choose("#authn-factor", "5").await;
    assert_eq!(
        h.attr("#authn-verify-input", "autocomplete").as_deref(),
        Some("one-time-code")
    );
    h.submit_field(
        ("#authn-verify-input", "123456"),
        "passCode",
        "/factors/uftm3iHSGFQXHCUSDAND/verify",
        200,
        fixture!("success"),
    )
    .await;
    use authn_web::services::KeyValueStore;
    let remembered = h.env.local_store.get(authn_web::factors::LAST_FACTOR_KEY);
    assert_eq!(remembered.as_deref(), Some("token:software:totp:GOOGLE"));

    // A new widget with the same localStorage preselects the last-used factor.
    let env2 = crate::common::env();
    env2.local_store.set(
        authn_web::factors::LAST_FACTOR_KEY,
        "token:software:totp:GOOGLE",
    );
    env2.transport
        .reply("/api/v1/authn", 200, fixture!("mfa_required"));
    let h2 = mount(&env2, resume_config("00x")).await;
    use wasm_bindgen::JsCast;
    let select: web_sys::HtmlSelectElement = h2.find("#authn-factor").unwrap().dyn_into().unwrap();
    assert_eq!(select.value(), "5");
}

#[wasm_bindgen_test]
async fn mfa_verify_question_and_unsupported_factor() {
    let h = mount_in_state(fixture!("mfa_required")).await;
    // First factor (question) by default.
    assert!(h.find("#authn-verify-input").is_some());
    h.choose("#authn-factor", "13").await; // webauthn
    h.expect_view("mfa-verify");
    assert!(h.text().contains(&authn_web::Msg::VerifyUnsupported.text()));
    assert!(h.find("#authn-verify-input").is_none());
}

#[wasm_bindgen_test]
async fn remember_device_checkbox_follows_policy() {
    use wasm_bindgen::JsCast;
    let checked = |h: &crate::common::Harness| {
        h.find("#authn-remember-device")
            .expect("policy allows remember device")
            .dyn_into::<web_sys::HtmlInputElement>()
            .unwrap()
            .checked()
    };
    // rememberDeviceByDefault = false: unchecked; checking it sends rememberDevice=true.
    let h = mount_in_state(fixture!("mfa_challenge_sms")).await;
    h.expect_view("mfa-verify");
    assert!(!checked(&h));
    h.set_checked("#authn-remember-device", true).await;
    h.type_into("#authn-code", "111111").await;
    h.submit_answered(
        "/factors/sms2gt8gzgEBPUWBIFHN/verify",
        200,
        fixture!("success"),
    )
    .await;
    let url = h.env.transport.urls().last().cloned().unwrap();
    assert!(url.contains("rememberDevice=true"), "{url}");

    // rememberDeviceByDefault = true: pre-checked.
    let mut tx: serde_json::Value = serde_json::from_str(fixture!("mfa_required")).unwrap();
    tx["_embedded"]["policy"]["rememberDeviceByDefault"] = json!(true);
    let h = mount_in_state(&tx.to_string()).await;
    assert!(checked(&h));

    // No allowRememberDevice: no checkbox.
    tx["_embedded"]["policy"]["allowRememberDevice"] = json!(false);
    let h = mount_in_state(&tx.to_string()).await;
    assert!(h.find("#authn-remember-device").is_none());
}

#[wasm_bindgen_test]
async fn push_number_challenge_is_shown() {
    let h = mount_in_state(fixture!("mfa_challenge_push_number_challenge")).await;
    h.expect_view("mfa-push-wait");
    assert!(h.find("[data-number]").is_some());
}

#[wasm_bindgen_test]
async fn status_views_render() {
    let h = mount_in_state(fixture!("poll_waiting_room")).await;
    h.expect_view("poll-wait");
    let h = mount_in_state(fixture!("unknown_status_profile_required")).await;
    h.expect_view("unknown-state");
    let h = mount_in_state(fixture!("unauthenticated_step_up")).await;
    h.expect_view("primary-auth");
    // Step-up sign-in posts to the transaction's `next` link and can be cancelled.
    h.enter_credentials("dade", "pw").await;
    h.submit_answered("/api/v1/authn", 200, fixture!("success_step_up"))
        .await;
    let sent = body(&h, "/api/v1/authn");
    assert!(sent.get("stateToken").is_some(), "{sent}");
    assert_eq!(
        h.env.page.navigations().len(),
        1,
        "step-up redirect followed"
    );
    let h = mount_in_state(fixture!("unauthenticated_step_up")).await;
    assert!(h.find("[data-action=cancel]").is_some());
    let h = mount_in_state(fixture!("unauthenticated_factor_sequencing")).await;
    h.expect_view("mfa-verify");
}

#[wasm_bindgen_test]
async fn step_up_success_follows_the_redirect() {
    let h = mount_in_state(fixture!("success_step_up")).await;
    h.expect_view("success");
    assert_eq!(
        h.env.page.navigations().len(),
        1,
        "{:?}",
        h.env.page.navigations()
    );
}

#[wasm_bindgen_test]
async fn recovery_token_from_the_page_url() {
    let env = env();
    env.page.set_location("/signin/reset-password/VjR4abc", "");
    env.transport.reply(
        "/api/v1/authn/recovery/token",
        200,
        fixture!("recovery_question"),
    );
    let h = mount(&env, config()).await;
    assert_eq!(body(&h, "/recovery/token")["recoveryToken"], "VjR4abc");
    h.expect_view("recovery-question");
}

#[wasm_bindgen_test]
async fn activation_token_from_the_page_url_starts_password_setup() {
    let env = env();
    env.page.set_location("/", "activationToken=act0Token");
    env.transport
        .reply("/api/v1/authn", 200, fixture!("password_reset_activation"));
    let h = mount(&env, config()).await;
    let sent = body(&h, "/api/v1/authn");
    assert_eq!(sent["token"], "act0Token");
    assert!(sent.get("password").is_none(), "no password: {sent}");
    h.expect_view("password-reset");
    // An activation sets the first password: not worded as a reset.
    assert!(h.text().contains(&authn_web::Msg::SetPasswordTitle.text()));
    assert!(
        !h.text()
            .contains(&authn_web::Msg::ResetPasswordTitle.text())
    );
}

#[wasm_bindgen_test]
async fn expired_recovery_link_says_so() {
    let env = env();
    env.page.set_location("/", "recoveryToken=old");
    env.transport.reply(
        "/api/v1/authn/recovery/token",
        403,
        fixture!("error_E0000105"),
    );
    let h = mount(&env, config()).await;
    // E0000105 means "start the recovery again": an explicit message, then back to sign in.
    h.expect_view("session-expired");
    assert!(
        h.text()
            .contains(&authn_web::Msg::RecoveryLinkExpired.text())
    );
    h.click("[data-action=back]").await;
    h.expect_view("primary-auth");
}

#[wasm_bindgen_test]
async fn bootstrap_network_failure_offers_retry() {
    let env = env();
    env.transport.fail("/api/v1/authn", "offline");
    let h = mount(&env, resume_config("00abc")).await;
    h.expect_view("error-state");
    h.click_answered(
        "[data-action=retry]",
        "/api/v1/authn",
        200,
        fixture!("mfa_required"),
    )
    .await;
    h.expect_view("mfa-verify");
}

/// Every state fixture renders a non-blank view that keeps the invariants.
#[wasm_bindgen_test]
async fn every_fixture_renders_a_view() {
    for body in STATE_FIXTURES {
        let h = mount_in_state(body).await;
        h.check_invariants();
        assert_ne!(
            h.view(),
            "refresh-auth-state",
            "still loading: {}",
            &body[..80]
        );
        assert_ne!(h.view(), "error-state", "{}: {}", h.text(), &body[..120]);
    }
}
