//! Okta's controller names for every view id (`afterRender` / `afterError` context).

use std::collections::HashMap;

use authn_core::{FactorKey, FactorType, Provider};
use authn_web::ViewId;
use authn_web::js_api::{TokenKind, email_sent_status, okta_controller};
use wasm_bindgen_test::wasm_bindgen_test;

use super::{common, render};

/// Our `data-view` id -> Okta's controller (`className` in `dist/esm/src/v1/controllers/`).
const EXPECTED: [(&str, &str); 32] = [
    ("primary-auth", "primary-auth"),
    ("forgot-password", "forgot-password"),
    ("account-unlock", "account-unlock"),
    ("password-reset-email-sent", "password-reset-email-sent"),
    ("unlock-email-sent", "account-unlock-email-sent"),
    ("recovery-challenge", "recovery-challenge"),
    ("recovery-question", "recovery-question"),
    ("password-reset", "password-reset"),
    ("password-expired", "password-expired"),
    ("password-expiry-warning", "password-expired"),
    ("custom-password-expired", "custom-password-expired"),
    ("locked-out", "account-unlock"),
    ("account-unlocked", "account-unlocked"),
    ("enroll-choices", "enroll-choices"),
    ("enroll-question", "enroll-question"),
    ("enroll-sms", "enroll-sms"),
    ("enroll-call", "enroll-call"),
    ("enroll-email", "enroll-email"),
    ("enroll-totp", "enroll-totp"),
    ("enroll-push", "barcode-push"),
    // Without knowing the token; the widget's event names the factor (below).
    ("enroll-token", "enroll-token"),
    ("enroll-webauthn", "enroll-webauthn"),
    ("enroll-unsupported", "enroll-unsupported"),
    ("mfa-verify", "mfa-verify"),
    ("mfa-push-wait", "mfa-verify"),
    ("refresh-auth-state", "refresh-auth-state"),
    ("recovery-loading", "recovery-loading"),
    ("session-expired", "session-expired"),
    ("error-state", "error-state"),
    ("success", "success"),
    ("poll-wait", "poll"),
    ("unknown-state", "unknown-state"),
];

#[wasm_bindgen_test]
fn every_view_has_its_okta_controller_name() {
    let expected: HashMap<&str, &str> = EXPECTED.into_iter().collect();
    assert_eq!(expected.len(), ViewId::ALL.len(), "one row per view");
    for view in ViewId::ALL {
        let want = expected
            .get(view.as_str())
            .unwrap_or_else(|| panic!("no expected controller for {}", view.as_str()));
        assert_eq!(okta_controller(view, None), *want, "{}", view.as_str());
    }
    let key = |factor_type, provider| FactorKey {
        factor_type,
        provider,
    };
    for (factor, name) in [
        (key(FactorType::Token, Provider::Rsa), "enroll-rsa"),
        (key(FactorType::Token, Provider::Okta), "enroll-onprem"),
        (
            key(FactorType::Token, Provider::Symantec),
            "enroll-symantec",
        ),
        (
            key(FactorType::TokenHardware, Provider::Yubico),
            "enroll-yubikey",
        ),
    ] {
        assert_eq!(okta_controller(ViewId::EnrollToken, Some(&factor)), name);
        assert_eq!(
            okta_controller(ViewId::MfaVerify, Some(&factor)),
            "mfa-verify",
            "the token only matters for enroll-token"
        );
    }
    // Okta's VerifyWebauthnController (one key or every key by type) and EnrollWebauthnController.
    let webauthn = key(FactorType::Webauthn, Provider::Fido);
    assert_eq!(
        okta_controller(ViewId::MfaVerify, Some(&webauthn)),
        "mfa-verify verify-webauthn"
    );
    assert_eq!(
        okta_controller(ViewId::EnrollWebauthn, Some(&webauthn)),
        "enroll-webauthn"
    );
    assert_eq!(
        okta_controller(ViewId::EnrollToken, Some(&webauthn)),
        "enroll-token"
    );
    let email_sent: Vec<_> = ViewId::ALL
        .into_iter()
        .filter_map(|v| email_sent_status(v).map(|s| (v.as_str(), s)))
        .collect();
    assert_eq!(
        email_sent,
        [
            ("password-reset-email-sent", "FORGOT_PASSWORD_EMAIL_SENT"),
            ("unlock-email-sent", "UNLOCK_ACCOUNT_EMAIL_SENT")
        ]
    );
}

#[wasm_bindgen_test]
async fn enroll_token_is_named_after_the_token_shown() {
    // An on-premises MFA token: a `token` factor of another provider.
    let on_prem =
        fixture!("mfa_enroll").replace("\"provider\": \"RSA\"", "\"provider\": \"DEL_OATH\"");
    for (provider, factor_type, controller) in [
        ("RSA", "token", "enroll-rsa"),
        ("SYMANTEC", "token", "enroll-symantec"),
        ("YUBICO", "token:hardware", "enroll-yubikey"),
        ("DEL_OATH", "token", "enroll-onprem"),
    ] {
        let env = common::env();
        let body = if provider == "DEL_OATH" {
            on_prem.as_str()
        } else {
            fixture!("mfa_enroll")
        };
        env.transport.reply("/api/v1/authn", 200, body);
        let w = render(&env, r#"{"stateToken":"00resume"}"#).await;
        assert_eq!(w.view(), "enroll-choices");
        w.click(&format!(
            ".authn-factor[data-factor=\"{factor_type}\"][data-provider=\"{provider}\"] button"
        ))
        .await;
        assert_eq!(w.view(), "enroll-token");
        assert_eq!(
            w.log.names().last().cloned(),
            Some(format!("afterRender:{controller}")),
            "{provider}"
        );
        w.finish().await;
    }
}

#[wasm_bindgen_test]
fn token_kinds_of_factors() {
    let key = |factor_type, provider| FactorKey {
        factor_type,
        provider,
    };
    assert_eq!(
        TokenKind::of(&key(FactorType::Token, Provider::Rsa)),
        Some(TokenKind::Rsa)
    );
    assert_eq!(
        TokenKind::of(&key(FactorType::Token, Provider::Symantec)),
        Some(TokenKind::Symantec)
    );
    assert_eq!(
        TokenKind::of(&key(FactorType::Token, Provider::Okta)),
        Some(TokenKind::OnPrem)
    );
    assert_eq!(
        TokenKind::of(&key(FactorType::TokenHardware, Provider::Yubico)),
        Some(TokenKind::Yubikey)
    );
    assert_eq!(TokenKind::of(&key(FactorType::Push, Provider::Okta)), None);
}

#[wasm_bindgen_test]
async fn security_key_views_are_named_as_okta_names_them() {
    use authn_web::services::CeremonyError;
    let options = r#"{"stateToken":"00resume","features":{"webauthn":true}}"#;
    // A key's challenge (one key, or every key by type): Okta's VerifyWebauthnController.
    for body in [
        fixture!("mfa_challenge_webauthn"),
        fixture!("mfa_challenge_webauthn_by_type"),
    ] {
        let env = common::env();
        env.webauthn.fail_next(CeremonyError::NotAllowed);
        env.transport.reply("/api/v1/authn", 200, body);
        let w = render(&env, options).await;
        assert_eq!(w.view(), "mfa-verify");
        let names = w.log.names();
        assert_eq!(
            names[names.len() - 2..],
            [
                "afterRender:mfa-verify verify-webauthn",
                "afterError:mfa-verify verify-webauthn"
            ]
        );
        // A prompt that gave nothing is Okta's WEB_AUTHN_ERROR, with its message as the summary.
        let (_, error) = w.log.calls("afterError").remove(0);
        assert_eq!(super::text(&error, "name"), "WEB_AUTHN_ERROR");
        let message = authn_web::Msg::WebAuthnNotAllowed.text();
        assert_eq!(super::text(&error, "message"), message);
        assert_eq!(
            super::text(&error, "xhr.responseJSON.errorSummary"),
            message
        );
        assert!(super::get(&error, "statusCode").is_undefined());
        w.finish().await;
    }
    // Enrolling: Okta's EnrollWebauthnController, from the choice and in the activation.
    let env = common::env();
    env.transport
        .reply("/api/v1/authn", 200, fixture!("mfa_enroll"));
    let w = render(&env, options).await;
    w.click("[data-factor=webauthn] button").await;
    assert_eq!(
        w.log.names().last().map(String::as_str),
        Some("afterRender:enroll-webauthn")
    );
    w.finish().await;
    let env = common::env();
    env.transport.reply(
        "/api/v1/authn",
        200,
        fixture!("mfa_enroll_activate_webauthn"),
    );
    let w = render(&env, options).await;
    assert_eq!(
        w.log.names().last().map(String::as_str),
        Some("afterRender:enroll-webauthn"),
        "the prompt is open, no error"
    );
    assert_eq!(env.webauthn.pending(), 1);
    w.finish().await;
    assert_eq!(env.webauthn.aborted(), 1, "remove() closes the prompt");
}
