//! WebAuthn in the widget without a browser: which choices are offered, the views the core's forms
//! route to, the messages of a failed prompt, and the bytes handed back to the core.

use authn_core::{ErrorMessage, FactorCredential, FactorType, Recovery, Registration, State};

use super::model_in;
use crate::errors::UiError;
use crate::factors::offered;
use crate::messages::Msg;
use crate::model::WebAuthnSupport;
use crate::route::{Screen, ViewId, route};
use crate::services::{Assertion, CeremonyError, NewCredential};

/// The factor types of the verify choices of fixture `name` on a page with `support`.
fn choices(name: &str, support: WebAuthnSupport) -> Vec<(String, Option<String>)> {
    let model = model_in(name).with_webauthn(support);
    match route(&model) {
        Screen::Verify { factors, .. } => factors
            .iter()
            .map(|f| (f.factor_type.as_str().to_owned(), f.id.clone()))
            .collect(),
        other => panic!("{name}: {:?}", other.id()),
    }
}

#[test]
fn the_support_follows_the_feature_then_the_browser() {
    assert_eq!(WebAuthnSupport::default(), WebAuthnSupport::Off);
    assert_eq!(WebAuthnSupport::of(false, true), WebAuthnSupport::Off);
    assert_eq!(
        WebAuthnSupport::of(true, false),
        WebAuthnSupport::NoBrowserApi
    );
    assert_eq!(WebAuthnSupport::of(true, true), WebAuthnSupport::Ready);
}

#[test]
fn a_user_s_keys_are_one_choice_verified_by_type() {
    let listed = choices("mfa_required_webauthn_by_type", WebAuthnSupport::Ready);
    assert_eq!(
        listed,
        [
            ("sms".to_owned(), Some("sms2gt8gzgEBPUWBIFHN".to_owned())),
            ("webauthn".to_owned(), None),
        ],
        "two keys, one entry without an id (the type)"
    );
    // Off (Okta's default): still listed; its view says it cannot be used here.
    assert_eq!(
        choices("mfa_required_webauthn_by_type", WebAuthnSupport::Off).len(),
        2
    );
}

#[test]
fn a_browser_without_webauthn_is_not_offered_the_keys_while_another_factor_is_left() {
    let listed = choices(
        "mfa_required_webauthn_by_type",
        WebAuthnSupport::NoBrowserApi,
    );
    assert_eq!(
        listed,
        [("sms".to_owned(), Some("sms2gt8gzgEBPUWBIFHN".to_owned()))]
    );
    // Every other factor of the big fixture stays; only the WebAuthn one goes.
    let all = choices("mfa_required", WebAuthnSupport::Ready);
    let without = choices("mfa_required", WebAuthnSupport::NoBrowserApi);
    assert_eq!(all.len(), without.len() + 1);
    assert!(without.iter().all(|(t, _)| t != "webauthn"));
    // With nothing else left the keys stay (their view says the browser cannot use them).
    let state = super::state_of("mfa_required_webauthn_by_type");
    let State::MfaRequired(data) = state else {
        panic!("MFA_REQUIRED")
    };
    let keys: Vec<_> = data
        .choices()
        .into_iter()
        .filter(|f| f.factor_type == FactorType::Webauthn)
        .collect();
    assert_eq!(offered(keys.clone(), WebAuthnSupport::NoBrowserApi), keys);
}

#[test]
fn enrolling_and_activating_a_key_is_the_enroll_webauthn_view() {
    let model = model_in("mfa_enroll_activate_webauthn").with_webauthn(WebAuthnSupport::Ready);
    let screen = route(&model);
    assert_eq!(screen.id(), ViewId::EnrollWebauthn);
    assert_eq!(ViewId::EnrollWebauthn.as_str(), "enroll-webauthn");
    let creation = screen
        .factor()
        .and_then(|f| f.webauthn_creation())
        .expect("creation options");
    assert_eq!(creation.challenge, "cdsZ1XWpNa1UH5rxFzaE");
    assert_eq!(creation.algorithms, [-7, -257]);
    // The challenge routes to mfa-verify, with the request allowing the challenged key.
    let screen_model = model_in("mfa_challenge_webauthn_by_type");
    let screen = route(&screen_model);
    assert_eq!(screen.id(), ViewId::MfaVerify);
    let request = screen
        .factor()
        .and_then(|f| f.webauthn_request())
        .expect("request options");
    assert_eq!(request.allow_credentials.len(), 2, "every key of the user");
}

#[test]
fn a_failed_prompt_says_what_happened_and_an_abort_says_nothing() {
    let cases = [
        (CeremonyError::NotAllowed, Msg::WebAuthnNotAllowed),
        (CeremonyError::InvalidState, Msg::WebAuthnAlreadyRegistered),
        (CeremonyError::Security, Msg::WebAuthnWrongSite),
        (CeremonyError::BadOptions, Msg::WebAuthnFailed),
        (
            CeremonyError::Other("UnknownError: x".into()),
            Msg::WebAuthnFailed,
        ),
    ];
    for (error, msg) in cases {
        let shown = UiError::ceremony(&error).expect("shown");
        assert_eq!(shown.message, msg.text(), "{error:?}");
        assert_eq!(shown.recovery, Recovery::RetryStep);
        assert_eq!(shown.ceremony, Some(error));
        assert_eq!((shown.status, shown.code), (None, None), "nothing was sent");
        assert_eq!(shown.key, ErrorMessage::InvalidInput);
    }
    assert_eq!(UiError::ceremony(&CeremonyError::Aborted), None);
}

#[test]
fn browser_exceptions_map_by_name() {
    let of = CeremonyError::of_exception;
    assert_eq!(
        of("NotAllowedError", "timed out"),
        CeremonyError::NotAllowed
    );
    assert_eq!(of("InvalidStateError", ""), CeremonyError::InvalidState);
    assert_eq!(of("AbortError", ""), CeremonyError::Aborted);
    assert_eq!(of("SecurityError", "bad rp"), CeremonyError::Security);
    assert_eq!(of("TypeError", "bad"), CeremonyError::BadOptions);
    assert_eq!(
        of("NotSupportedError", "no alg"),
        CeremonyError::Other("NotSupportedError: no alg".into())
    );
    assert_eq!(of("", ""), CeremonyError::Other(": ".into()));
}

#[test]
fn the_browser_s_bytes_go_back_encoded_as_okta_s_widget_encodes_them() {
    let created = NewCredential {
        attestation_object: vec![0xfb, 0xff],
        client_data_json: b"{}".to_vec(),
        transports: vec!["usb".into(), "nfc".into()],
        client_extensions: Some(r#"{"credProps":{"rk":false}}"#.into()),
    };
    assert_eq!(
        created.registration(),
        Registration::WebAuthn {
            attestation: "+/8=".into(),
            client_data: "e30=".into(),
            transports: vec!["usb".into(), "nfc".into()],
            client_extensions: Some(r#"{"credProps":{"rk":false}}"#.into()),
        }
    );
    let asserted = Assertion {
        client_data_json: b"{}".to_vec(),
        authenticator_data: vec![1, 2, 3],
        signature: vec![0xff],
    };
    assert_eq!(
        asserted.credential(),
        FactorCredential::WebAuthn {
            client_data: "e30=".into(),
            authenticator_data: "AQID".into(),
            signature_data: "/w==".into(),
        }
    );
}
