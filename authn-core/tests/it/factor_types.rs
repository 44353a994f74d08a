//! Every factor type through enroll, activate and challenge: the request bodies and the data exposed.

use crate::common::*;
use authn_core::*;
use serde_json::{Value, json};

const ST: &str = "00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5";
const ENROLL_URL: &str = "https://acme.okta.com/api/v1/authn/factors";

fn key(factor_type: FactorType, provider: Provider) -> FactorKey {
    FactorKey {
        factor_type,
        provider,
    }
}

fn enroll(factor: FactorKey, profile: EnrollProfile, update_phone: bool) -> HttpRequest {
    send(
        &mut flow_at("mfa_enroll.json"),
        Action::EnrollFactor(EnrollFactor {
            factor,
            profile,
            update_phone,
        }),
    )
}

#[test]
fn enroll_every_factor_type() {
    let cases: Vec<(FactorKey, EnrollProfile, Value)> = vec![
        (
            key(FactorType::Question, Provider::Okta),
            EnrollProfile::Question {
                question: "disliked_food".into(),
                answer: Answer::new("mayonnaise"),
            },
            json!({"stateToken": ST, "factorType": "question", "provider": "OKTA",
                   "profile": {"question": "disliked_food", "answer": "mayonnaise"}}),
        ),
        (
            key(FactorType::Sms, Provider::Okta),
            EnrollProfile::Phone {
                phone_number: "+1-555-415-1337".into(),
                extension: None,
            },
            json!({"stateToken": ST, "factorType": "sms", "provider": "OKTA", "profile": {"phoneNumber": "+1-555-415-1337"}}),
        ),
        (
            key(FactorType::Call, Provider::Okta),
            EnrollProfile::Phone {
                phone_number: "+1-555-415-1337".into(),
                extension: Some("1234".into()),
            },
            json!({"stateToken": ST, "factorType": "call", "provider": "OKTA",
                   "profile": {"phoneNumber": "+1-555-415-1337", "phoneExtension": "1234"}}),
        ),
        (
            key(FactorType::Email, Provider::Okta),
            EnrollProfile::None,
            json!({"stateToken": ST, "factorType": "email", "provider": "OKTA"}),
        ),
        (
            key(FactorType::TokenSoftwareTotp, Provider::Okta),
            EnrollProfile::None,
            json!({"stateToken": ST, "factorType": "token:software:totp", "provider": "OKTA"}),
        ),
        (
            key(FactorType::TokenSoftwareTotp, Provider::Google),
            EnrollProfile::None,
            json!({"stateToken": ST, "factorType": "token:software:totp", "provider": "GOOGLE"}),
        ),
        (
            key(FactorType::Push, Provider::Okta),
            EnrollProfile::None,
            json!({"stateToken": ST, "factorType": "push", "provider": "OKTA"}),
        ),
        (
            key(FactorType::Token, Provider::Rsa),
            EnrollProfile::Token {
                credential_id: "dade".into(),
                pass_code: PassCode::new("5275875498"),
                next_pass_code: None,
            },
            json!({"stateToken": ST, "factorType": "token", "provider": "RSA", "profile": {"credentialId": "dade"}, "passCode": "5275875498"}),
        ),
        (
            key(FactorType::Token, Provider::Symantec),
            EnrollProfile::Token {
                credential_id: "VSMT14393584".into(),
                pass_code: PassCode::new("875498"),
                next_pass_code: Some(PassCode::new("678195")),
            },
            json!({"stateToken": ST, "factorType": "token", "provider": "SYMANTEC", "profile": {"credentialId": "VSMT14393584"},
                   "passCode": "875498", "nextPassCode": "678195"}),
        ),
        (
            key(FactorType::TokenHardware, Provider::Yubico),
            EnrollProfile::Hardware {
                pass_code: PassCode::new("cccccceukngdfgkukfctkcvfidnetljjiknckkcjulji"),
            },
            json!({"stateToken": ST, "factorType": "token:hardware", "provider": "YUBICO",
                   "passCode": "cccccceukngdfgkukfctkcvfidnetljjiknckkcjulji"}),
        ),
        (
            key(FactorType::Web, Provider::Duo),
            EnrollProfile::None,
            json!({"stateToken": ST, "factorType": "web", "provider": "DUO"}),
        ),
        (
            key(FactorType::U2f, Provider::Fido),
            EnrollProfile::None,
            json!({"stateToken": ST, "factorType": "u2f", "provider": "FIDO"}),
        ),
        (
            key(FactorType::Webauthn, Provider::Fido),
            EnrollProfile::None,
            json!({"stateToken": ST, "factorType": "webauthn", "provider": "FIDO"}),
        ),
    ];
    let State::MfaEnroll(state) = flow_at("mfa_enroll.json").state().clone() else {
        panic!()
    };
    assert_eq!(
        cases.len(),
        state.factors.len(),
        "one case per offered factor"
    );
    for (factor, profile, expected) in cases {
        assert!(
            state.factors.iter().any(|f| f.key() == factor),
            "{factor:?} offered"
        );
        let request = enroll(factor.clone(), profile, false);
        assert_eq!(request.url, ENROLL_URL, "{factor:?}");
        assert_eq!(json_body(&request), expected, "{factor:?}");
    }
}

#[test]
fn enroll_update_phone_and_input_errors() {
    let request = enroll(
        key(FactorType::Sms, Provider::Okta),
        EnrollProfile::Phone {
            phone_number: "+15554151337".into(),
            extension: None,
        },
        true,
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/factors?updatePhone=true"
    );

    let mut flow = flow_at("mfa_enroll.json");
    for (factor, profile) in [
        (
            key(FactorType::Sms, Provider::Okta),
            EnrollProfile::Question {
                question: "q".into(),
                answer: Answer::new("a"),
            },
        ),
        (
            key(FactorType::Email, Provider::Okta),
            EnrollProfile::Phone {
                phone_number: "1".into(),
                extension: None,
            },
        ),
        (
            key(FactorType::TokenHotp, Provider::Custom),
            EnrollProfile::None,
        ),
        (
            key(FactorType::Unknown("x".into()), Provider::Okta),
            EnrollProfile::None,
        ),
    ] {
        let error = refused(
            &mut flow,
            Action::EnrollFactor(EnrollFactor {
                factor,
                profile,
                update_phone: false,
            }),
        );
        assert!(matches!(error, FlowError::InvalidInput(_)), "{error:?}");
        assert_eq!(flow.state().kind(), StateKind::MfaEnroll);
    }
}

fn activate(
    fixture: &str,
    pass_code: Option<&str>,
    registration: Option<Registration>,
) -> HttpRequest {
    send(
        &mut flow_at(fixture),
        Action::ActivateFactor {
            pass_code: pass_code.map(PassCode::new),
            registration,
        },
    )
}

#[test]
fn activate_every_factor_type_that_has_an_activation() {
    for (fixture, id) in [
        ("mfa_enroll_activate_sms.json", "sms2gt8gzgEBPUWBIFHN"),
        ("mfa_enroll_activate_call.json", "clf198rKSEWOSKRIVIFT"),
        ("mfa_enroll_activate_email.json", "emf1a2b3c4d5e6f7g8h9"),
        ("mfa_enroll_activate_totp.json", "ostf1fmaMGJLMNGNLIVG"),
        ("mfa_enroll_activate_google.json", "uftm3iHSGFQXHCUSDAND"),
    ] {
        let request = activate(fixture, Some("123456"), None);
        assert_eq!(
            request.url,
            format!("https://acme.okta.com/api/v1/authn/factors/{id}/lifecycle/activate")
        );
        assert_eq!(
            json_body(&request),
            json!({"stateToken": ST, "passCode": "123456"}),
            "{fixture}"
        );
    }
    let request = activate(
        "mfa_enroll_activate_u2f.json",
        None,
        Some(Registration::U2f {
            registration_data: "BQRw".into(),
            client_data: "eyJ0".into(),
        }),
    );
    assert_eq!(
        json_body(&request),
        json!({"stateToken": ST, "registrationData": "BQRw", "clientData": "eyJ0"})
    );
    // WebAuthn; Okta's widget also sends transports and client extensions, both as JSON text.
    let webauthn = |transports: Vec<String>, client_extensions: Option<String>| {
        let registration = Registration::WebAuthn {
            attestation: "o2Nm".into(),
            client_data: "eyJj".into(),
            transports,
            client_extensions,
        };
        json_body(&activate(
            "mfa_enroll_activate_webauthn.json",
            None,
            Some(registration),
        ))
    };
    assert_eq!(
        webauthn(Vec::new(), None),
        json!({"stateToken": ST, "attestation": "o2Nm", "clientData": "eyJj"})
    );
    let extensions = r#"{"credProps":{"rk":true}}"#;
    assert_eq!(
        webauthn(vec!["usb".into(), "nfc".into()], Some(extensions.into())),
        json!({"stateToken": ST, "attestation": "o2Nm", "clientData": "eyJj",
               "transports": "[\"usb\",\"nfc\"]", "clientExtensions": extensions})
    );
    // Push timed out: restart the activation (no body besides the token).
    let request = activate("mfa_enroll_activate_push_timeout.json", None, None);
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/factors/opfh52xcuft3J4uZc0g3/lifecycle/activate"
    );
    assert_eq!(json_body(&request), json!({"stateToken": ST}));
    // Push and Duo poll instead.
    for fixture in [
        "mfa_enroll_activate_push_waiting.json",
        "mfa_enroll_activate_duo.json",
    ] {
        let flow = flow_at(fixture);
        assert!(flow.is_allowed(ActionKind::Poll));
        assert!(!flow.is_allowed(ActionKind::ActivateFactor));
    }
}

#[test]
fn push_activation_links_are_sent_by_email_or_sms() {
    let mut flow = flow_at("mfa_enroll_activate_push_waiting.json");
    let request = send(
        &mut flow.clone(),
        Action::SendActivationLink {
            channel: ActivationChannel::Sms,
            phone_number: Some("+15554151337".into()),
        },
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/users/00ub0oNGTSWTBKOLGLNR/factors/opfh52xcuft3J4uZc0g3/lifecycle/activate/sms"
    );
    assert_eq!(
        json_body(&request),
        json!({"stateToken": ST, "profile": {"phoneNumber": "+15554151337"}})
    );
    let request = send(
        &mut flow,
        Action::SendActivationLink {
            channel: ActivationChannel::Email,
            phone_number: None,
        },
    );
    assert!(request.url.ends_with("/lifecycle/activate/email"));
    assert_eq!(json_body(&request), json!({"stateToken": ST}));
}

#[test]
fn challenge_data_for_every_challenged_factor_type() {
    let cases = [
        ("mfa_challenge_sms.json", FactorType::Sms, Provider::Okta),
        ("mfa_challenge_call.json", FactorType::Call, Provider::Okta),
        (
            "mfa_challenge_email.json",
            FactorType::Email,
            Provider::Okta,
        ),
        (
            "mfa_challenge_totp.json",
            FactorType::TokenSoftwareTotp,
            Provider::Okta,
        ),
        ("mfa_challenge_rsa.json", FactorType::Token, Provider::Rsa),
        (
            "mfa_challenge_push_waiting.json",
            FactorType::Push,
            Provider::Okta,
        ),
        ("mfa_challenge_duo.json", FactorType::Web, Provider::Duo),
        ("mfa_challenge_u2f.json", FactorType::U2f, Provider::Fido),
        (
            "mfa_challenge_webauthn.json",
            FactorType::Webauthn,
            Provider::Fido,
        ),
    ];
    for (fixture, factor_type, provider) in cases {
        let State::MfaChallenge(state) = flow_at(fixture).state().clone() else {
            panic!("{fixture}")
        };
        assert_eq!(state.factor.key(), key(factor_type, provider), "{fixture}");
    }
    let request = send(
        &mut flow_at("mfa_challenge_u2f.json"),
        Action::VerifyFactor(VerifyFactor {
            credential: Some(FactorCredential::U2f {
                client_data: "eyJ0".into(),
                signature_data: "AQAA".into(),
            }),
            ..VerifyFactor::default()
        }),
    );
    assert_eq!(
        json_body(&request),
        json!({"stateToken": ST, "clientData": "eyJ0", "signatureData": "AQAA"})
    );
    let request = send(
        &mut flow_at("mfa_challenge_rsa.json"),
        verify_code("5275875498"),
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/factors/rsa1wijiIvkVsUEaPzGh/verify"
    );
    assert_eq!(
        json_body(&request),
        json!({"stateToken": ST, "passCode": "5275875498"})
    );
}

#[test]
fn verify_every_enrolled_factor_type_from_mfa_required() {
    let State::MfaRequired(state) = flow_at("mfa_required.json").state().clone() else {
        panic!()
    };
    for factor in &state.factors {
        let id = factor.id.clone().unwrap();
        let credential = match factor.factor_type {
            FactorType::Question => Some(FactorCredential::Answer(Answer::new("a"))),
            FactorType::TokenSoftwareTotp
            | FactorType::Token
            | FactorType::TokenHardware
            | FactorType::TokenHotp => Some(FactorCredential::PassCode(PassCode::new("123456"))),
            _ => None,
        };
        let request = send(
            &mut flow_at("mfa_required.json"),
            Action::VerifyFactor(VerifyFactor {
                factor_id: Some(id.clone()),
                credential,
                ..VerifyFactor::default()
            }),
        );
        assert_eq!(
            request.url,
            format!("https://acme.okta.com/api/v1/authn/factors/{id}/verify"),
            "{:?}",
            factor.factor_type
        );
    }
}

#[test]
fn every_factor_type_says_how_it_is_verified() {
    let cases = [
        ("token:software:totp", Verification::Passcode),
        ("token", Verification::Passcode),
        ("token:hardware", Verification::Passcode),
        ("token:hotp", Verification::Passcode),
        ("sms", Verification::SentCode),
        ("call", Verification::SentCode),
        ("EMAIL", Verification::SentCode),
        ("question", Verification::Question),
        ("password", Verification::Password),
        ("push", Verification::Push),
        ("webauthn", Verification::WebAuthn),
        ("web", Verification::Unsupported(Unsupported::DuoFrame)),
        ("u2f", Verification::Unsupported(Unsupported::U2fRemoved)),
        (
            "assertion:saml2",
            Verification::Unsupported(Unsupported::IdentityProvider),
        ),
        (
            "assertion:oidc",
            Verification::Unsupported(Unsupported::IdentityProvider),
        ),
        (
            "claims_provider",
            Verification::Unsupported(Unsupported::IdentityProvider),
        ),
        (
            "signed_nonce",
            Verification::Unsupported(Unsupported::UnknownType),
        ),
    ];
    for (wire, expected) in cases {
        let factor = Factor::of_type(FactorType::parse(wire));
        assert_eq!(factor.verification(), expected, "{wire}");
    }
}

#[test]
fn every_factor_type_says_how_it_is_enrolled() {
    let cases = [
        (
            key(FactorType::Question, Provider::Okta),
            EnrollForm::Question,
        ),
        (
            key(FactorType::Sms, Provider::Okta),
            EnrollForm::Phone { voice: false },
        ),
        (
            key(FactorType::Call, Provider::Okta),
            EnrollForm::Phone { voice: true },
        ),
        (key(FactorType::Email, Provider::Okta), EnrollForm::Email),
        (
            key(FactorType::TokenSoftwareTotp, Provider::Okta),
            EnrollForm::Totp,
        ),
        (
            key(FactorType::TokenSoftwareTotp, Provider::Google),
            EnrollForm::Totp,
        ),
        (key(FactorType::Push, Provider::Okta), EnrollForm::Push),
        (
            key(FactorType::Token, Provider::Rsa),
            EnrollForm::Token { two_codes: false },
        ),
        (
            key(FactorType::Token, Provider::Symantec),
            EnrollForm::Token { two_codes: true },
        ),
        (
            key(FactorType::TokenHardware, Provider::Yubico),
            EnrollForm::YubiKey,
        ),
        (
            key(FactorType::Webauthn, Provider::Fido),
            EnrollForm::WebAuthn,
        ),
        (
            key(FactorType::TokenHotp, Provider::Custom),
            EnrollForm::Unsupported(Unsupported::AdminEnrolled),
        ),
        (
            key(FactorType::U2f, Provider::Fido),
            EnrollForm::Unsupported(Unsupported::U2fRemoved),
        ),
        (
            key(FactorType::Web, Provider::Duo),
            EnrollForm::Unsupported(Unsupported::DuoFrame),
        ),
        (
            key(FactorType::Password, Provider::Okta),
            EnrollForm::Unsupported(Unsupported::NotEnrollable),
        ),
        (
            key(FactorType::AssertionSaml2, Provider::GenericSaml),
            EnrollForm::Unsupported(Unsupported::IdentityProvider),
        ),
        (
            key(FactorType::Unknown("x".into()), Provider::Okta),
            EnrollForm::Unsupported(Unsupported::UnknownType),
        ),
    ];
    for (key, form) in cases {
        let mut factor = Factor::of_type(key.factor_type.clone());
        factor.provider = key.provider.clone();
        assert_eq!(factor.enroll_form(), form, "{key:?}");
    }
    // Every factor of every fixture gets a form and a verification (nothing is left to the shells).
    for fixture in fixtures_of("transaction") {
        for factor in state_of(&fixture.file).factors() {
            let _ = (factor.enroll_form(), factor.verification());
        }
    }
}

#[test]
fn totp_setup_gives_an_otpauth_uri_with_the_secret() {
    let State::MfaEnrollActivate(s) = state_of("mfa_enroll_activate_totp.json") else {
        panic!()
    };
    let Some(Activation::Totp(setup)) = &s.factor.activation else {
        panic!()
    };
    assert_eq!(
        setup.otpauth_uri("Acme", "dade@example.com"),
        "otpauth://totp/Acme%3Adade%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme&digits=6&period=30"
    );
}
