//! Enrollment and activation: forms from the core (TOTP key and QR code, Symantec's two codes, a
//! voice call's extension); HOTP is enrolled by an administrator and not offered.

use serde_json::json;

use super::*;
use crate::exit::Exit;

#[tokio::test]
async fn totp_enrollment_shows_the_secret_and_a_qr_code() {
    let enroll = tx(
        "MFA_ENROLL",
        json!({
            "_embedded": { "factors": [
                { "factorType": "token:software:totp", "provider": "GOOGLE", "status": "NOT_SETUP",
                  "enrollment": "REQUIRED", "_links": { "enroll": link("/api/v1/authn/factors") } } ] },
            "_links": { "cancel": link("/api/v1/authn/cancel") },
        }),
    );
    let activate = tx(
        "MFA_ENROLL_ACTIVATE",
        json!({
            "_embedded": { "factor": { "id": "ttp1", "factorType": "token:software:totp",
                "provider": "GOOGLE", "_embedded": { "activation": {
                    "sharedSecret": "JBSWY3DPEHPK3PXP", "encoding": "base32", "keyLength": 6,
                    "timeStep": 30 } } } },
            "_links": {
                "next": named("activate", "/api/v1/authn/factors/ttp1/lifecycle/activate"),
                "prev": link("/api/v1/authn/previous"),
                "cancel": link("/api/v1/authn/cancel"),
            },
        }),
    );
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Enroll, "totp"),
            (Key::Passcode, "987654"),
        ],
        vec![enroll, activate, success()],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert!(run.noted("Key: JBSWY3DPEHPK3PXP"));
    assert!(run.noted("█") || run.noted("▀"));
    assert_eq!(run.server.body(1)["factorType"], "token:software:totp");
    assert_eq!(run.server.body(2)["passCode"], "987654");
}

#[test]
fn the_qr_code_carries_the_cores_otpauth_uri() {
    // The CLI draws `TotpSetup::otpauth_uri(host of the org, login)`.
    let setup = authn_core::TotpSetup {
        shared_secret: authn_core::TotpSecret::new("JBSWY3DP"),
        encoding: Some("base32".into()),
        time_step: Some(30),
        digits: Some(6),
        qr_code: None,
    };
    let uri = setup.otpauth_uri("example.okta.com", "ann@example.com");
    assert!(
        uri.starts_with("otpauth://totp/example.okta.com%3Aann%40example.com?"),
        "{uri}"
    );
    assert!(uri.contains("secret=JBSWY3DP"));
    assert!(uri.contains("issuer=example.okta.com"));
    assert!(uri.contains("digits=6"));
    assert!(crate::qr::render(&uri).is_some());
    assert!(
        !format!("{setup:?}").contains("JBSWY3DP"),
        "Debug hides the secret"
    );
}

#[tokio::test]
async fn hotp_is_not_offered_for_enrollment() {
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw"), (Key::Enroll, "hotp")],
        vec![mfa_enroll(json!([
            enrollable("token:hotp", "CUSTOM"),
            enrollable("sms", "OKTA"),
        ]))],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::Usage, "`hotp` is not an option");
    assert!(run.noted("is not offered here: it is enrolled by an administrator."));
}

#[tokio::test]
async fn only_hotp_to_enroll_exits_unsupported() {
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw")],
        vec![
            mfa_enroll(json!([enrollable("token:hotp", "CUSTOM")])),
            cancelled(),
        ],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::Unsupported);
    assert_eq!(run.server.paths().last().unwrap(), "/api/v1/authn/cancel");
}

#[tokio::test]
async fn symantec_asks_for_two_codes() {
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Enroll, "token/SYMANTEC"),
            (Key::CredentialId, "VSST12345678"),
            (Key::Passcode, "246810"),
            (Key::Passcode, "135790"),
        ],
        vec![
            mfa_enroll(json!([enrollable("token", "SYMANTEC")])),
            success(),
        ],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    let body = run.server.body(1);
    assert_eq!(body["provider"], "SYMANTEC");
    assert_eq!(body["profile"]["credentialId"], "VSST12345678");
    assert_eq!(body["passCode"], "246810");
    assert_eq!(body["nextPassCode"], "135790");
}

#[tokio::test]
async fn rsa_asks_for_one_code() {
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Enroll, "token/RSA"),
            (Key::CredentialId, "ann"),
            (Key::Passcode, "12345678"),
        ],
        vec![mfa_enroll(json!([enrollable("token", "RSA")])), success()],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    let body = run.server.body(1);
    assert_eq!(body["passCode"], "12345678");
    assert!(body.get("nextPassCode").is_none());
}

#[tokio::test]
async fn a_voice_call_enrollment_asks_for_an_extension() {
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Enroll, "call"),
            (Key::Phone, "+1 555 0100 0001"),
            (Key::Extension, "42"),
        ],
        vec![mfa_enroll(json!([enrollable("call", "OKTA")])), success()],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    let body = run.server.body(1);
    assert_eq!(body["profile"]["phoneNumber"], "+1 555 0100 0001");
    assert_eq!(body["profile"]["phoneExtension"], "42");
}

#[tokio::test]
async fn an_sms_enrollment_asks_no_extension() {
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Enroll, "sms"),
            (Key::Phone, "+1 555 0100 0001"),
        ],
        vec![mfa_enroll(json!([enrollable("sms", "OKTA")])), success()],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert!(
        run.server.body(1)["profile"]
            .get("phoneExtension")
            .is_none()
    );
}
