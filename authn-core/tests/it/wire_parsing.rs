//! The wire model parses every fixture and tolerates odd input without failing the whole response.

use crate::common::*;
use authn_core::wire::{ParseError, WirePolicy};
use authn_core::*;

#[test]
fn every_transaction_fixture_parses_with_its_status() {
    let fixtures = fixtures_of("transaction");
    assert!(fixtures.len() > 50, "fixture set is incomplete");
    for fixture in fixtures {
        let tx = transaction(&fixture.file);
        assert_eq!(
            Some(tx.status.as_str()),
            fixture.status.as_deref(),
            "{}",
            fixture.file
        );
    }
}

#[test]
fn top_level_fields_are_read() {
    let tx = transaction("mfa_challenge_webauthn_by_type.json");
    assert_eq!(
        tx.state_token
            .as_ref()
            .map(StateToken::expose)
            .map(str::len),
        Some(42)
    );
    assert_eq!(
        tx.expires_at,
        Some(time::macros::datetime!(2026-01-01 10:05 UTC))
    );
    assert_eq!(tx.factor_result, Some(FactorResult::Challenge));
    assert_eq!(tx.factor_type, Some(FactorType::Webauthn));
    assert_eq!(tx.challenge_type.as_deref(), Some("FACTOR_TYPE"));
    assert!(tx.embedded.challenge.is_some());

    let tx = transaction("recovery_trusted_token.json");
    assert_eq!(tx.recovery_type, Some(RecoveryType::Password));
    assert_eq!(
        tx.recovery_token.as_ref().map(RecoveryToken::expose),
        Some("VBQ0gwBx9fNqfPy5Vt1i")
    );

    let tx = transaction("success_step_up.json");
    assert_eq!(tx.kind.as_deref(), Some("SESSION_STEP_UP"));

    let tx = transaction("success.json");
    assert!(tx.session_token.is_some());
    assert_eq!(tx.relay_state.as_deref(), Some("/myapp/some/deep/link"));

    let tx = Transaction::parse(
        r#"{"status":"MFA_CHALLENGE","factorResult":"FAILED","factorResultMessage":"OKTA_VERIFY_UPGRADE_REQUIRED"}"#,
    )
    .unwrap();
    assert_eq!(tx.factor_result, Some(FactorResult::Failed));
    assert_eq!(
        tx.factor_result_message.as_deref(),
        Some("OKTA_VERIFY_UPGRADE_REQUIRED")
    );
}

#[test]
fn embedded_user_target_authentication_and_recovery_question() {
    let tx = transaction("unauthenticated_step_up.json");
    let target = tx.embedded.target.as_ref().unwrap();
    assert_eq!(target.label.as_deref(), Some("Salesforce.com"));
    assert_eq!(target.links.logo.as_slice().len(), 1);
    let auth = tx.embedded.authentication.as_ref().unwrap();
    assert_eq!(auth.protocol.as_deref(), Some("SAML2.0"));
    assert_eq!(
        auth.issuer.uri.as_deref(),
        Some("https://acme.my.salesforce.com")
    );

    let tx = transaction("recovery_question.json");
    let user = tx.embedded.user.as_ref().unwrap();
    assert_eq!(
        user.profile.login.as_deref(),
        Some("dade.murphy@example.com")
    );
    assert_eq!(
        user.profile.time_zone.as_deref(),
        Some("America/Los_Angeles")
    );
    assert!(user.password_changed.is_some());
    assert_eq!(
        user.recovery_question
            .as_ref()
            .and_then(|q| q.question.as_deref()),
        Some("Who's a major player in the cowboy scene?")
    );
}

#[test]
fn factors_as_array_as_single_object_and_under_the_key_factor() {
    assert_eq!(transaction("mfa_required.json").embedded.factors.len(), 14);

    let tx = transaction("mfa_challenge_push_number_challenge.json");
    assert_eq!(tx.embedded.factors.len(), 1, "`factors` holding one object");
    assert_eq!(
        tx.current_factor().and_then(|f| f.id.as_deref()),
        Some("opfh52xcuft3J4uZc0g3")
    );

    let tx = transaction("mfa_enroll_factor_key_array.json");
    assert_eq!(tx.embedded.factors.len(), 2, "`factor` holding an array");
    assert!(tx.embedded.factor.is_none());

    let tx = transaction("mfa_challenge_sms.json");
    assert!(tx.embedded.factor.is_some());
    assert_eq!(
        tx.current_factor().and_then(|f| f.factor_type.clone()),
        Some(FactorType::Sms)
    );
}

#[test]
fn resend_is_one_or_many() {
    let one = transaction("recovery_challenge_sms.json");
    assert!(matches!(one.links.resend, OneOrMany::One(_)));
    assert_eq!(one.links.resend.as_slice().len(), 1);

    let many = transaction("mfa_challenge_sms.json");
    assert!(matches!(many.links.resend, OneOrMany::Many(_)));
    assert_eq!(many.links.resend.as_slice()[0].name.as_deref(), Some("sms"));

    let none = transaction("mfa_required.json");
    assert!(none.links.resend.is_empty());
}

#[test]
fn per_factor_and_per_activation_links() {
    let tx = transaction("mfa_enroll.json");
    let question = &tx.embedded.factors[0];
    assert!(question.links.enroll.is_some());
    assert!(question.links.questions.as_ref().unwrap().is_get());

    let tx = transaction("mfa_enroll_activate_push_waiting.json");
    let activation = tx
        .current_factor()
        .unwrap()
        .embedded
        .activation
        .as_ref()
        .unwrap();
    let activation = authn_core::wire::WireActivation::from_value(activation);
    assert_eq!(activation.links.send.as_slice().len(), 2);
    assert_eq!(
        activation.links.qrcode.unwrap().media_type.as_deref(),
        Some("image/png")
    );
    assert_eq!(activation.factor_result, Some(FactorResult::Waiting));
}

#[test]
fn policy_is_password_or_remember_device_under_the_same_key() {
    let tx = transaction("password_warn.json");
    let Some(WirePolicy::Password(policy)) = &tx.embedded.policy else {
        panic!("password policy expected");
    };
    assert_eq!(policy.complexity.min_length, Some(8));
    assert_eq!(policy.expiration.password_expire_days, Some(5));
    assert_eq!(policy.age.history_count, Some(4));

    let tx = transaction("password_expired.json");
    let Some(WirePolicy::Password(policy)) = &tx.embedded.policy else {
        panic!("password policy expected");
    };
    assert_eq!(
        policy.complexity.exclude_username,
        Some(true),
        "the string \"true\""
    );

    let tx = transaction("mfa_required.json");
    let Some(WirePolicy::RememberDevice(policy)) = &tx.embedded.policy else {
        panic!("remember-device policy expected");
    };
    assert!(policy.allow_remember_device);
    assert_eq!(policy.remember_device_lifetime_in_minutes, Some(0));
}

#[test]
fn enums_keep_unknown_strings_and_ignore_case() {
    assert_eq!(FactorType::parse("SMS"), FactorType::Sms);
    assert_eq!(
        FactorType::parse("Token:Software:TOTP"),
        FactorType::TokenSoftwareTotp
    );
    assert_eq!(
        FactorType::parse("signed_nonce"),
        FactorType::Unknown("signed_nonce".into())
    );
    assert_eq!(
        FactorType::Unknown("signed_nonce".into()).as_str(),
        "signed_nonce"
    );
    assert_eq!(
        Status::parse("DEVICE_ACTIVATE"),
        Status::Unknown("DEVICE_ACTIVATE".into())
    );
    assert_eq!(Provider::parse("fido"), Provider::Fido);
    assert_eq!(Provider::parse("ACME").as_str(), "ACME");
    assert_eq!(
        FactorResult::parse("PENDING_ACTIVATION").as_str(),
        "PENDING_ACTIVATION"
    );
    assert_eq!(RecoveryFactor::parse("call"), Some(RecoveryFactor::Call));
    assert_eq!(
        serde_json::to_string(&RecoveryFactor::Sms).unwrap(),
        "\"SMS\""
    );

    let tx = Transaction::parse(
        r#"{"status":"MFA_REQUIRED","_embedded":{"factors":[{"id":"x","factorType":"signed_nonce","provider":"OKTA"}]}}"#,
    )
    .unwrap();
    assert_eq!(
        tx.embedded.factors[0].factor_type,
        Some(FactorType::Unknown("signed_nonce".into()))
    );
}

#[test]
fn unknown_fields_are_ignored() {
    let tx = Transaction::parse(
        r#"{"status":"SUCCESS","brandNew":{"deep":[1,2,3]},"_embedded":{"user":{"id":"u","extra":true,"profile":{"login":"a","nick":"z"}},"newThing":{}},"_links":{"brandNewRel":{"href":"https://x"}}}"#,
    )
    .unwrap();
    assert_eq!(tx.status, Status::Success);
    assert_eq!(
        tx.embedded.user.unwrap().profile.login.as_deref(),
        Some("a")
    );
}

#[test]
fn wrong_types_in_optional_fields_degrade_to_none() {
    let tx = Transaction::parse(
        r#"{
          "status": "MFA_CHALLENGE",
          "stateToken": 42,
          "expiresAt": "yesterday",
          "relayState": {"no": "string"},
          "factorResult": 7,
          "recoveryType": [],
          "_embedded": {
            "user": "not an object",
            "policy": {"allowRememberDevice": "maybe"},
            "factor": {"id": 9, "factorType": "push", "provider": false, "profile": {"phoneNumber": 5},
                       "_embedded": {"challenge": {"correctAnswer": "12"}}}
          },
          "_links": {"next": {"name": "poll"}, "cancel": {"href": "https://acme.okta.com/api/v1/authn/cancel"},
                     "resend": "nope", "prev": 3}
        }"#,
    )
    .unwrap();
    assert!(tx.state_token.is_none());
    assert!(tx.expires_at.is_none());
    assert!(tx.relay_state.is_none());
    assert!(tx.factor_result.is_none());
    assert!(tx.recovery_type.is_none());
    assert!(tx.embedded.user.is_none());
    let factor = tx.embedded.factor.as_ref().unwrap();
    assert!(factor.id.is_none());
    assert_eq!(factor.factor_type, Some(FactorType::Push));
    assert!(factor.provider.is_none());
    assert!(factor.profile.phone_number.is_none());
    assert!(tx.links.next.is_none(), "a link without href is dropped");
    assert!(tx.links.cancel.is_some());
    assert!(tx.links.resend.is_empty());
    assert!(tx.links.prev.is_none());

    let state = State::from_transaction(&tx, None);
    let State::MfaChallenge(challenge) = state else {
        panic!("challenge expected")
    };
    assert_eq!(
        challenge.push_phase(),
        Some(PushPhase::Waiting { number: Some(12) }),
        "numeric strings are accepted"
    );

    let tx = Transaction::parse(r#"{"status":"SUCCESS","_embedded":[1,2],"_links":"x"}"#).unwrap();
    assert!(tx.embedded.user.is_none());
    assert!(tx.links.next.is_none());
}

#[test]
fn bodies_that_are_not_transactions_are_protocol_errors() {
    assert_eq!(
        Transaction::parse("<html>502</html>"),
        Err(ParseError::NotJson)
    );
    assert_eq!(Transaction::parse(""), Err(ParseError::NotJson));
    assert_eq!(Transaction::parse("[1]"), Err(ParseError::NotAnObject));
    assert_eq!(Transaction::parse("{}"), Err(ParseError::MissingStatus));
    assert_eq!(
        Transaction::parse(r#"{"status":3}"#),
        Err(ParseError::MissingStatus)
    );
    assert_eq!(
        Transaction::parse(r#"{"status":null}"#),
        Err(ParseError::MissingStatus)
    );

    for body in ["<html>", "{}", "null", "\"SUCCESS\"", r#"{"status":{}}"#] {
        let error = parse_response(&HttpResponse::json(200, body)).unwrap_err();
        assert!(matches!(error, FlowError::Protocol(_)), "{body}: {error:?}");
        assert_eq!(error.recovery(), Recovery::Protocol);
    }
}

#[test]
fn factor_type_and_provider_round_trip_every_known_value() {
    let types = [
        "question",
        "sms",
        "call",
        "email",
        "token:software:totp",
        "push",
        "token",
        "token:hardware",
        "token:hotp",
        "web",
        "u2f",
        "webauthn",
        "password",
        "assertion:saml2",
        "assertion:oidc",
        "claims_provider",
    ];
    for t in types {
        let parsed = FactorType::parse(t);
        assert!(!matches!(parsed, FactorType::Unknown(_)), "{t}");
        assert_eq!(parsed.as_str(), t);
        let json = serde_json::to_string(&parsed).unwrap();
        assert_eq!(serde_json::from_str::<FactorType>(&json).unwrap(), parsed);
    }
    let providers = [
        "OKTA",
        "GOOGLE",
        "RSA",
        "SYMANTEC",
        "YUBICO",
        "DUO",
        "FIDO",
        "CUSTOM",
        "GENERIC_SAML",
        "GENERIC_OIDC",
    ];
    for p in providers {
        assert!(!matches!(Provider::parse(p), Provider::Unknown(_)), "{p}");
    }
}
