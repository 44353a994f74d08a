//! MFA_ENROLL / MFA_ENROLL_ACTIVATE: required vs optional factors, skip, multiOptionalFactorEnroll,
//! SMS / call / email activation codes, TOTP with the shared secret and QR code, push activation,
//! the questions link, hardware tokens, and validation errors.

use crate::common::{Harness, PASSWORD, Reply, start, start_with, totp_code};
use demo::PushDecision;
use serde_json::json;

const REQUIRED: &str = "enroll.required@example.com";
const OPTIONAL: &str = "enroll.optional@example.com";

fn enroll_entry<'a>(r: &'a Reply, factor_type: &str, provider: &str) -> &'a serde_json::Value {
    r.body["_embedded"]["factors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["factorType"] == factor_type && f["provider"] == provider)
        .expect("factor offered")
}

/// POST `/api/v1/authn/factors` to enroll `factor_type` from `provider` (no profile).
async fn enroll(h: &Harness, r: &Reply, factor_type: &str, provider: &str) -> Reply {
    h.step(
        "/api/v1/authn/factors",
        &r.token(),
        json!({"factorType": factor_type, "provider": provider}),
    )
    .await
}

async fn enroll_sms(h: &Harness, r: &Reply) -> Reply {
    let href = enroll_entry(r, "sms", "OKTA")["_links"]["enroll"]["href"]
        .as_str()
        .unwrap()
        .to_string();
    let a = h
        .step(&href, &r.token(), json!({"factorType": "sms", "provider": "OKTA", "profile": {"phoneNumber": "+1 555 0100 0999"}}))
        .await;
    a.expect_status("MFA_ENROLL_ACTIVATE");
    a
}

/// Signs in with multiOptionalFactorEnroll and activates SMS: back in MFA_ENROLL for more factors.
async fn sms_enrolled_with_more_to_come(h: &Harness) -> Reply {
    let r = h
        .sign_in_with(REQUIRED, json!({"multiOptionalFactorEnroll": true}))
        .await;
    let a = enroll_sms(h, &r).await;
    let code = h.code_for("+1 555 0100 0999");
    h.step(&a.link("next"), &a.token(), json!({"passCode": code}))
        .await
}

#[tokio::test]
async fn required_factor_has_no_skip_and_lists_required_and_optional() {
    let h = start().await;
    let r = h.sign_in(REQUIRED, PASSWORD).await;
    r.expect_status("MFA_ENROLL");
    assert!(r.body["_links"].get("skip").is_none());
    assert!(r.body["_links"]["cancel"].is_object());
    let sms = enroll_entry(&r, "sms", "OKTA");
    assert_eq!(sms["enrollment"], "REQUIRED");
    assert_eq!(sms["status"], "NOT_SETUP");
    assert_eq!(sms["_links"]["enroll"]["hints"]["allow"][0], "POST");
    assert_eq!(
        enroll_entry(&r, "token:software:totp", "GOOGLE")["enrollment"],
        "OPTIONAL"
    );
    assert_eq!(
        enroll_entry(&r, "token:hardware", "YUBICO")["enrollment"],
        "OPTIONAL"
    );
    h.step("/api/v1/authn/skip", &r.token(), json!({}))
        .await
        .expect_error(403, "E0000079");
}

#[tokio::test]
async fn sms_enrollment_activates_with_the_code_and_finishes() {
    let h = start().await;
    let r = h.sign_in(REQUIRED, PASSWORD).await;
    let a = enroll_sms(&h, &r).await;
    assert_eq!(a.body["_links"]["next"]["name"], "activate");
    assert_eq!(a.body["_links"]["resend"][0]["name"], "sms");
    assert!(a.body["_links"]["prev"].is_object());
    assert_eq!(
        a.body["_embedded"]["factor"]["profile"]["phoneNumber"],
        "+1 XXX-XXX-0999"
    );
    h.step(&a.link("next"), &a.token(), json!({"passCode": "000000x"}))
        .await
        .expect_error(403, "E0000068");
    let code = h.code_for("+1 555 0100 0999");
    let done = h
        .step(&a.link("next"), &a.token(), json!({"passCode": code}))
        .await;
    done.expect_status("SUCCESS");
    // Next sign-in: the enrolled factor is now required.
    let again = h.sign_in(REQUIRED, PASSWORD).await;
    again.expect_status("MFA_REQUIRED");
    assert_eq!(again.body["_embedded"]["factors"][0]["factorType"], "sms");
}

#[tokio::test]
async fn multi_optional_factor_enroll_returns_to_mfa_enroll_with_skip() {
    let h = start().await;
    let back = sms_enrolled_with_more_to_come(&h).await;
    back.expect_status("MFA_ENROLL");
    assert_eq!(enroll_entry(&back, "sms", "OKTA")["status"], "ACTIVE");
    assert!(back.body["_links"]["skip"].is_object());
    // Enroll a security question using the questions link.
    let q = enroll_entry(&back, "question", "OKTA");
    let questions_href = q["_links"]["questions"]["href"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(q["_links"]["questions"]["hints"]["allow"][0], "GET");
    let list = h.get(&questions_href).await;
    assert_eq!(list.status, 200);
    let key = list.body[0]["question"].as_str().unwrap().to_string();
    assert!(list.body[0]["questionText"].is_string());
    let enroll = q["_links"]["enroll"]["href"].as_str().unwrap().to_string();
    let after = h
        .step(&enroll, &back.token(), json!({"factorType": "question", "provider": "OKTA", "profile": {"question": key, "answer": "pizza"}}))
        .await;
    after.expect_status("MFA_ENROLL");
    assert_eq!(enroll_entry(&after, "question", "OKTA")["status"], "ACTIVE");
    let done = h.step(&after.link("skip"), &after.token(), json!({})).await;
    done.expect_status("SUCCESS");
}

#[tokio::test]
async fn previous_from_activation_drops_the_pending_factor() {
    let h = start().await;
    let r = h.sign_in(REQUIRED, PASSWORD).await;
    let a = enroll_sms(&h, &r).await;
    let back = h.step(&a.link("prev"), &a.token(), json!({})).await;
    back.expect_status("MFA_ENROLL");
    assert_eq!(enroll_entry(&back, "sms", "OKTA")["status"], "NOT_SETUP");
}

#[tokio::test]
async fn enrollment_resend_is_throttled() {
    let h = start().await;
    let r = h.sign_in(REQUIRED, PASSWORD).await;
    let a = enroll_sms(&h, &r).await;
    let resend = a.str_at("/_links/resend/0/href");
    assert!(resend.ends_with("/lifecycle/resend"));
    h.expect_resend_throttled(&resend, &a.token(), "E0000109", 30, "MFA_ENROLL_ACTIVATE")
        .await;
    assert_eq!(h.emu.outbox_to("+1 555 0100 0999").len(), 2);
}

#[tokio::test]
async fn invalid_phone_and_unknown_factor_types_are_rejected() {
    let h = start().await;
    let r = h.sign_in(REQUIRED, PASSWORD).await;
    let cases = [
        (
            json!({"factorType": "sms", "provider": "OKTA", "profile": {"phoneNumber": "12"}}),
            "E0000098",
        ),
        (
            json!({"factorType": "webauthn", "provider": "FIDO"}),
            "E0000001",
        ),
        (json!({"factorType": "u2f"}), "E0000001"),
        (json!({"factorType": "web", "provider": "DUO"}), "E0000001"),
        (json!({"provider": "OKTA"}), "E0000001"),
        (
            json!({"factorType": "question", "profile": {"question": "nope", "answer": "long enough"}}),
            "E0000001",
        ),
        (
            json!({"factorType": "question", "profile": {"question": "favorite_toy", "answer": "ab"}}),
            "E0000001",
        ),
    ];
    for (body, code) in cases {
        h.step("/api/v1/authn/factors", &r.token(), body)
            .await
            .expect_error(400, code);
    }
}

#[tokio::test]
async fn totp_enrollment_shows_secret_and_qr_code() {
    let h = start().await;
    let back = sms_enrolled_with_more_to_come(&h).await;
    for provider in ["OKTA", "GOOGLE"] {
        let t = h
            .step(
                "/api/v1/authn/factors",
                &back.token(),
                json!({"factorType": "token:software:totp", "provider": provider}),
            )
            .await;
        t.expect_status("MFA_ENROLL_ACTIVATE");
        let act = &t.body["_embedded"]["factor"]["_embedded"]["activation"];
        assert_eq!(act["timeStep"], 30);
        assert_eq!(act["encoding"], "base32");
        assert_eq!(act["keyLength"], 6);
        let secret = act["sharedSecret"].as_str().unwrap().to_string();
        assert_eq!(secret.len(), 32);
        let qr = &act["_links"]["qrcode"];
        assert_eq!(qr["type"], "image/png");
        assert!(qr.get("hints").is_none());
        let resp = h
            .client
            .get(qr["href"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200);
        assert_eq!(resp.headers()["content-type"], "image/png");
        let png = resp.bytes().await.unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let done = h
            .step(
                &t.link("next"),
                &t.token(),
                json!({"passCode": totp_code(&secret, h.now_unix())}),
            )
            .await;
        done.expect_status("MFA_ENROLL");
        assert_eq!(
            enroll_entry(&done, "token:software:totp", provider)["status"],
            "ACTIVE"
        );
        // The QR code is gone once the factor is active.
        let gone = h.get(qr["href"].as_str().unwrap()).await;
        assert_eq!(gone.status, 404);
    }
}

#[tokio::test]
async fn push_enrollment_completes_when_approved() {
    let h = start().await;
    let r = h.sign_in(OPTIONAL, PASSWORD).await;
    r.expect_status("MFA_ENROLL");
    assert!(r.body["_links"]["skip"].is_object());
    let p = enroll(&h, &r, "push", "OKTA").await;
    p.expect_status("MFA_ENROLL_ACTIVATE");
    assert_eq!(p.body["factorResult"], "WAITING");
    assert_eq!(p.body["_links"]["next"]["name"], "poll");
    let act = &p.body["_embedded"]["factor"]["_embedded"]["activation"];
    assert_eq!(act["factorResult"], "WAITING");
    assert!(act["expiresAt"].as_str().unwrap().ends_with('Z'));
    assert_eq!(act["_links"]["qrcode"]["type"], "image/png");
    assert_eq!(act["_links"]["send"][0]["name"], "email");
    assert_eq!(act["_links"]["send"][1]["name"], "sms");
    // Send the activation link by email.
    let send_email = act["_links"]["send"][0]["href"]
        .as_str()
        .unwrap()
        .to_string();
    let s = h.step(&send_email, &p.token(), json!({})).await;
    s.expect_status("MFA_ENROLL_ACTIVATE");
    assert!(
        h.emu.outbox_to(OPTIONAL)[0]
            .link
            .as_deref()
            .unwrap()
            .contains("/emulator/push")
    );
    let poll = p.link("next");
    assert_eq!(
        h.step(&poll, &p.token(), json!({})).await.body["factorResult"],
        "WAITING"
    );
    h.emu
        .resolve_push(OPTIONAL, PushDecision::Approve, None)
        .expect("pending activation");
    h.step(&poll, &p.token(), json!({}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn push_enrollment_timeout_offers_activate_again() {
    let h = start().await;
    let r = h.sign_in(OPTIONAL, PASSWORD).await;
    let p = enroll(&h, &r, "push", "OKTA").await;
    h.emu
        .resolve_push(OPTIONAL, PushDecision::Timeout, None)
        .unwrap();
    let t = h.step(&p.link("next"), &p.token(), json!({})).await;
    assert_eq!(t.body["factorResult"], "TIMEOUT");
    assert_eq!(t.body["_links"]["next"]["name"], "activate");
    let act = &t.body["_embedded"]["factor"]["_embedded"]["activation"];
    assert!(act["_links"]["activate"]["href"].is_string());
    let restarted = h.step(&t.link("next"), &t.token(), json!({})).await;
    assert_eq!(restarted.body["factorResult"], "WAITING");
    h.emu
        .resolve_push(OPTIONAL, PushDecision::Approve, None)
        .unwrap();
    h.step(&restarted.link("next"), &t.token(), json!({}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn optional_only_user_can_skip() {
    let h = start().await;
    let r = h.sign_in(OPTIONAL, PASSWORD).await;
    for f in r.body["_embedded"]["factors"].as_array().unwrap() {
        assert_eq!(f["enrollment"], "OPTIONAL");
    }
    h.step(&r.link("skip"), &r.token(), json!({}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn email_enrollment_uses_the_primary_email() {
    let h = start().await;
    let r = h.sign_in(OPTIONAL, PASSWORD).await;
    let a = enroll(&h, &r, "email", "OKTA").await;
    a.expect_status("MFA_ENROLL_ACTIVATE");
    assert_eq!(a.body["_links"]["resend"][0]["name"], "email");
    let code = h.code_for(OPTIONAL);
    h.step(&a.link("next"), &a.token(), json!({"passCode": code}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn hardware_tokens_enroll_with_a_valid_code() {
    let h = start().await;
    let back = sms_enrolled_with_more_to_come(&h).await;
    let t = back.token();
    let f = "/api/v1/authn/factors";
    h.step(f, &t, json!({"factorType": "token", "provider": "RSA", "profile": {"credentialId": "erin"}, "passCode": "11111111"}))
        .await
        .expect_error(403, "E0000068");
    h.step(f, &t, json!({"factorType": "token", "provider": "RSA", "profile": {"credentialId": "erin"}, "passCode": "12345678"}))
        .await
        .expect_status("MFA_ENROLL");
    h.step(f, &t, json!({"factorType": "token", "provider": "SYMANTEC", "profile": {"credentialId": "VSMT1"}, "passCode": "246810"}))
        .await
        .expect_error(400, "E0000001");
    h.step(f, &t, json!({"factorType": "token", "provider": "SYMANTEC", "profile": {"credentialId": "VSMT1"}, "passCode": "246810", "nextPassCode": "135790"}))
        .await
        .expect_status("MFA_ENROLL");
    let y = h
        .step(f, &t, json!({"factorType": "token:hardware", "provider": "YUBICO", "passCode": "cccccbdefghijklnrtuvcbdefghijklnrtuvcbdefghi"}))
        .await;
    y.expect_status("MFA_ENROLL");
    assert_eq!(
        enroll_entry(&y, "token:hardware", "YUBICO")["status"],
        "ACTIVE"
    );
    // Already set up.
    h.step(f, &t, json!({"factorType": "token", "provider": "RSA", "profile": {"credentialId": "erin"}, "passCode": "12345678"}))
        .await
        .expect_error(400, "E0000001");
}

#[tokio::test]
async fn enroll_outside_mfa_enroll_is_e0000079() {
    let h = start().await;
    let r = h.sign_in("mfa.sms@example.com", PASSWORD).await;
    enroll(&h, &r, "email", "OKTA")
        .await
        .expect_error(403, "E0000079");
    h.step(
        "/api/v1/authn/factors/xyz/lifecycle/activate",
        &r.token(),
        json!({"passCode": "1"}),
    )
    .await
    .expect_error(403, "E0000079");
}

#[tokio::test]
async fn call_enrollment_and_its_resend_throttle() {
    let h = start().await;
    let back = sms_enrolled_with_more_to_come(&h).await;
    let c = h
        .step(
            "/api/v1/authn/factors",
            &back.token(),
            json!({"factorType": "call", "provider": "OKTA",
            "profile": {"phoneNumber": "+1 555 0100 0998", "phoneExtension": "12"}}),
        )
        .await;
    c.expect_status("MFA_ENROLL_ACTIVATE");
    assert_eq!(c.body["_links"]["resend"][0]["name"], "call");
    let resend = c.str_at("/_links/resend/0/href");
    h.step(&resend, &c.token(), json!({}))
        .await
        .expect_error(429, "E0000133");
    let msg = h.emu.outbox_to("+1 555 0100 0998").pop().unwrap();
    assert_eq!(msg.channel, "voice");
    let done = h
        .step(
            &c.link("next"),
            &c.token(),
            json!({"passCode": msg.code.unwrap()}),
        )
        .await;
    done.expect_status("MFA_ENROLL");
    assert_eq!(enroll_entry(&done, "call", "OKTA")["status"], "ACTIVE");
}

#[tokio::test]
async fn push_activation_link_by_sms_needs_a_valid_phone() {
    let h = start().await;
    let r = h.sign_in(OPTIONAL, PASSWORD).await;
    let p = enroll(&h, &r, "push", "OKTA").await;
    let send_sms = p.str_at("/_embedded/factor/_embedded/activation/_links/send/1/href");
    h.step(&send_sms, &p.token(), json!({}))
        .await
        .expect_error(400, "E0000098");
    let ok = h
        .step(
            &send_sms,
            &p.token(),
            json!({"profile": {"phoneNumber": "+1 555 0100 0997"}}),
        )
        .await;
    ok.expect_status("MFA_ENROLL_ACTIVATE");
    let msg = h.emu.outbox_to("+1 555 0100 0997").pop().unwrap();
    assert_eq!(msg.channel, "sms");
    assert!(msg.link.is_some());
    // Activating a push factor with a passcode is not how push works: the activate link restarts it.
    let restarted = h
        .step(
            &format!(
                "/api/v1/authn/factors/{}/lifecycle/activate",
                p.body["_embedded"]["factor"]["id"].as_str().unwrap()
            ),
            &p.token(),
            json!({}),
        )
        .await;
    assert_eq!(restarted.body["factorResult"], "WAITING");
}

/// Enrolls Okta Verify TOTP for the optional-only user (with `options`): the activation answer.
async fn enroll_totp(h: &Harness, options: serde_json::Value) -> Reply {
    let r = h.sign_in_with(OPTIONAL, options).await;
    r.expect_status("MFA_ENROLL");
    let t = enroll(h, &r, "token:software:totp", "OKTA").await;
    t.expect_status("MFA_ENROLL_ACTIVATE");
    let secret = t.str_at("/_embedded/factor/_embedded/activation/sharedSecret");
    h.step(
        &t.link("next"),
        &t.token(),
        json!({"passCode": totp_code(&secret, h.now_unix())}),
    )
    .await
}

/// A new sign-in of the optional-only user, verified with the TOTP code of the next time step:
/// the answer to the verify.
async fn sign_in_with_totp(h: &Harness) -> Reply {
    let secret = h.totp_secret(OPTIONAL).await;
    // The activation used the current step; codes are accepted once.
    h.emu.advance_clock(30);
    let r = h.sign_in(OPTIONAL, PASSWORD).await;
    r.expect_status("MFA_REQUIRED");
    let verify = r.factor_link("token:software:totp", Some("OKTA"), "verify");
    h.step(
        &verify,
        &r.token(),
        json!({"passCode": totp_code(&secret, h.now_unix())}),
    )
    .await
}

#[tokio::test]
async fn optional_enrollment_is_not_offered_again_after_a_later_verification() {
    let h = start().await;
    enroll_totp(&h, json!({})).await.expect_status("SUCCESS");
    let done = sign_in_with_totp(&h).await;
    done.expect_status("SUCCESS");
    assert!(done.body["sessionToken"].is_string());
}

#[tokio::test]
async fn with_multi_optional_enroll_each_activation_offers_more_then_later_sign_ins_succeed() {
    let h = start().await;
    let back = enroll_totp(&h, json!({"multiOptionalFactorEnroll": true})).await;
    back.expect_status("MFA_ENROLL");
    assert_eq!(
        enroll_entry(&back, "token:software:totp", "OKTA")["status"],
        "ACTIVE"
    );
    h.step(&back.link("skip"), &back.token(), json!({}))
        .await
        .expect_status("SUCCESS");
    sign_in_with_totp(&h).await.expect_status("SUCCESS");
}

#[tokio::test]
async fn the_every_sign_in_setting_offers_optional_enrollment_again() {
    let text = demo::scenario::DEFAULT_SCENARIO.replace(
        "optional_enrollment = \"until_first_factor\"",
        "optional_enrollment = \"every_sign_in\"",
    );
    let h = start_with(demo::EmulatorConfig {
        scenario: demo::Scenario::from_toml(&text).expect("valid scenario"),
        ..demo::EmulatorConfig::default()
    })
    .await;
    enroll_totp(&h, json!({})).await.expect_status("SUCCESS");
    let again = sign_in_with_totp(&h).await;
    again.expect_status("MFA_ENROLL");
    assert_eq!(
        enroll_entry(&again, "token:software:totp", "OKTA")["status"],
        "ACTIVE"
    );
    assert!(again.body["_links"]["skip"].is_object());
}
