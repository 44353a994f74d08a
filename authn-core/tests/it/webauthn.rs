//! WebAuthn as a browser shell drives it: creation and request options typed once (with the
//! allow-list built from the keys' credential ids), verify by type through `factorTypes`, and the
//! browser's results posted as Okta's widget posts them.

use authn_core::webauthn::{decode_binary, encode_base64};
use authn_core::*;
use serde_json::json;

use crate::common::*;

const KEY_1: &str = "fwf1a2b3c4d5e6f7g8h9";
const KEY_2: &str = "fwf9z8y7x6w5v4u3t2s1";
const CRED_1: &str =
    "l3Br0n-7H3g047NqESqJynFtIgf3Ix9OfaRoNwLoloso99Xl2zS_O7EXUkmPeAIzTVtEL4dYjicJWBz7NpqhGA";
const CRED_2: &str = "c2Vjb25kLWtleQ";
const BY_TYPE: &str = "https://acme.okta.com/api/v1/authn/factors/webauthn/verify";

fn required(name: &str) -> MfaRequired {
    match state_of(name) {
        State::MfaRequired(s) => s,
        other => panic!("{name}: {other:?}"),
    }
}

fn challenge(name: &str) -> MfaChallenge {
    match state_of(name) {
        State::MfaChallenge(s) => s,
        other => panic!("{name}: {other:?}"),
    }
}

fn ids(request: &WebAuthnRequest) -> Vec<&str> {
    request
        .allow_credentials
        .iter()
        .map(|c| c.id.as_str())
        .collect()
}

#[test]
fn factor_types_are_entries_without_id_whose_verify_link_covers_the_type() {
    let s = required("mfa_required_webauthn_by_type.json");
    assert_eq!(s.factors.len(), 3, "each key stays a factor of its own");
    let [entry] = s.factor_types.as_slice() else {
        panic!("one verify-by-type entry: {:?}", s.factor_types)
    };
    assert_eq!(entry.id, None);
    assert_eq!(entry.factor_type, FactorType::Webauthn);
    assert_eq!(entry.provider, Provider::Fido, "from the listed keys");
    assert_eq!(entry.verification(), Verification::WebAuthn);
    assert_eq!(
        entry.links.verify.as_ref().map(Href::as_str),
        Some(BY_TYPE),
        "Okta names the link `next` (name verify)"
    );
    let state = State::MfaRequired(s.clone());
    assert_eq!(state.factor_types(), std::slice::from_ref(entry));
    assert!(state.allowed_actions().contains(&ActionKind::VerifyFactor));
}

#[test]
fn choices_merge_the_keys_into_the_type_entry_at_the_first_key() {
    let s = required("mfa_required_webauthn_by_type.json");
    let choices: Vec<(Option<&str>, &FactorType)> = s
        .choices()
        .into_iter()
        .map(|f| (f.id.as_deref(), &f.factor_type))
        .collect();
    assert_eq!(
        choices,
        vec![
            (Some("sms2gt8gzgEBPUWBIFHN"), &FactorType::Sms),
            (None, &FactorType::Webauthn),
        ]
    );
    // Without factorTypes, every factor is a choice.
    let plain = required("mfa_required.json");
    assert!(plain.factor_types.is_empty());
    assert_eq!(plain.choices().len(), plain.factors.len());
}

#[test]
fn an_entry_also_reads_a_verify_link_and_needs_one() {
    let body = json!({
        "stateToken": "00abc", "status": "MFA_REQUIRED",
        "_embedded": {
            "factors": [{"id": KEY_1, "factorType": "webauthn", "provider": "FIDO",
                "_links": {"verify": {"href": format!("{BASE}/api/v1/authn/factors/{KEY_1}/verify")}}}],
            "factorTypes": [
                {"factorType": "webauthn", "_links": {"verify": {"href": BY_TYPE}}},
                {"factorType": "u2f", "_links": {}},
                {"_links": {"verify": {"href": BY_TYPE}}},
                {"factorType": "push", "_links": {"next": {"name": "poll", "href": BY_TYPE}}},
                "junk"
            ]
        }
    });
    let tx = Transaction::from_value(body).unwrap();
    let State::MfaRequired(s) = State::from_transaction(&tx, Some(BASE)) else {
        panic!()
    };
    let entries: Vec<_> = s.factor_types.iter().map(|f| &f.factor_type).collect();
    assert_eq!(entries, vec![&FactorType::Webauthn]);
}

#[test]
fn verifying_an_entry_posts_to_the_type_link_and_a_key_to_its_own() {
    let s = required("mfa_required_webauthn_by_type.json");
    let choices = s.choices();
    let mut flow = flow_at("mfa_required_webauthn_by_type.json");
    let request = send(
        &mut flow,
        Action::VerifyFactor(VerifyFactor::of(choices[1])),
    );
    assert_eq!(request.url, BY_TYPE);
    assert_eq!(
        json_body(&request),
        json!({"stateToken": "00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5"})
    );

    let key = s.factors.iter().find(|f| f.id.as_deref() == Some(KEY_2));
    let mut flow = flow_at("mfa_required_webauthn_by_type.json");
    let request = send(
        &mut flow,
        Action::VerifyFactor(VerifyFactor::of(key.unwrap())),
    );
    assert_eq!(
        request.url,
        format!("{BASE}/api/v1/authn/factors/{KEY_2}/verify")
    );
}

#[test]
fn a_type_is_verified_by_its_name_only_where_an_entry_offers_it() {
    let by = |target: &str| {
        Action::VerifyFactor(VerifyFactor {
            factor_id: Some(target.to_owned()),
            ..VerifyFactor::default()
        })
    };
    // The type name picks the entry, ignoring case, as Okta's `/factors/{idOrType}/verify` does.
    let mut flow = flow_at("mfa_required_webauthn_by_type.json");
    assert_eq!(send(&mut flow, by("WebAuthn")).url, BY_TYPE);
    // A type without an entry is refused, even when a factor of it is listed.
    let mut flow = flow_at("mfa_required_webauthn_by_type.json");
    let error = refused(&mut flow, by("sms"));
    assert!(matches!(error, FlowError::InvalidInput(_)), "{error:?}");
    let mut flow = flow_at("mfa_required.json");
    let error = refused(&mut flow, by("webauthn"));
    assert!(matches!(error, FlowError::InvalidInput(_)), "{error:?}");
    assert!(flow.in_flight().is_none());
}

#[test]
fn a_challenge_by_type_is_for_the_type_and_allows_every_listed_key() {
    for name in [
        "mfa_challenge_webauthn_by_type.json",
        "mfa_challenge_webauthn_by_type_factor_challenges.json",
    ] {
        let s = challenge(name);
        assert!(s.is_by_type(), "{name}");
        assert_eq!(s.factor.id, None, "{name}");
        assert_eq!(s.factor.factor_type, FactorType::Webauthn, "{name}");
        assert_eq!(s.factor.provider, Provider::Fido, "{name}");
        let request = s.factor.webauthn_request().expect("request options");
        assert_eq!(ids(request), vec![CRED_1, CRED_2], "{name}");
    }
    // The top-level challenge is the one to sign, not the per-factor ones.
    let s = challenge("mfa_challenge_webauthn_by_type_factor_challenges.json");
    let request = s.factor.webauthn_request().unwrap();
    assert_eq!(request.challenge, "kygOUtSWURMv_t_Gj71Y");
    assert_eq!(
        request.extensions,
        Some(json!({"appid": "https://acme.okta.com"}))
    );
}

#[test]
fn a_challenge_of_one_key_allows_that_key() {
    let s = challenge("mfa_challenge_webauthn.json");
    assert!(!s.is_by_type());
    assert_eq!(s.factor.id.as_deref(), Some(KEY_1));
    let request = s.factor.webauthn_request().expect("request options");
    assert_eq!(request.challenge, "vCkUqGgtPWsIZK9wB-qJ");
    assert_eq!(request.user_verification.as_deref(), Some("preferred"));
    assert_eq!(ids(request), vec![CRED_1]);
    assert_eq!(
        request.to_json(),
        json!({
            "challenge": "vCkUqGgtPWsIZK9wB-qJ",
            "allowCredentials": [{"type": "public-key", "id": CRED_1}],
            "userVerification": "preferred",
            "extensions": {"appid": "https://acme.okta.com"},
        })
    );
    assert_eq!(s.factor.webauthn_creation(), None);
    // Other factors carry no WebAuthn data.
    let push = challenge("mfa_challenge_push_waiting.json");
    assert_eq!(push.factor.webauthn_request(), None);
}

#[test]
fn creation_options_are_typed_and_give_the_webauthn_json_form() {
    let State::MfaEnrollActivate(s) = state_of("mfa_enroll_activate_webauthn.json") else {
        panic!()
    };
    let creation = s.factor.webauthn_creation().expect("creation options");
    assert_eq!(creation.rp_name, "Acme");
    assert_eq!(creation.rp_id, None);
    assert_eq!(creation.user_id, "00ub0oNGTSWTBKOLGLNR");
    assert_eq!(creation.algorithms, vec![-7, -257]);
    assert_eq!(creation.attestation.as_deref(), Some("direct"));
    assert_eq!(creation.require_resident_key, Some(false));
    assert_eq!(
        creation.to_json(),
        json!({
            "rp": {"name": "Acme"},
            "user": {"id": "00ub0oNGTSWTBKOLGLNR", "name": "dade.murphy@example.com",
                     "displayName": "Dade Murphy"},
            "challenge": "cdsZ1XWpNa1UH5rxFzaE",
            "pubKeyCredParams": [{"type": "public-key", "alg": -7},
                                 {"type": "public-key", "alg": -257}],
            "excludeCredentials": [],
            "authenticatorSelection": {"userVerification": "preferred",
                                       "requireResidentKey": false},
            "attestation": "direct",
        })
    );
    assert_eq!(
        decode_binary(&creation.challenge).map(|b| b.len()),
        Some(15)
    );
    assert_eq!(s.factor.webauthn_request(), None);
}

#[test]
fn creation_options_tolerate_junk_and_keep_exclusions_with_transports() {
    let body = json!({
        "stateToken": "00abc", "status": "MFA_ENROLL_ACTIVATE",
        "_embedded": {"factor": {"id": "fwf1", "factorType": "webauthn", "provider": "FIDO",
            "_embedded": {"activation": {
                "rp": {"id": "localhost", "name": 7},
                "user": "nobody",
                "challenge": ["not", "text"],
                "pubKeyCredParams": [{"alg": "-7"}, {"alg": -7}, 3],
                "excludeCredentials": [{"id": "AQID", "transports": ["usb", 1]}, {"type": "x"}],
                "timeout": "60000"
            }}}}
    });
    let tx = Transaction::from_value(body).unwrap();
    let State::MfaEnrollActivate(s) = State::from_transaction(&tx, None) else {
        panic!()
    };
    let creation = s.factor.webauthn_creation().unwrap();
    assert_eq!(creation.rp_id.as_deref(), Some("localhost"));
    assert_eq!(creation.rp_name, "");
    assert_eq!(creation.user_id, "");
    assert_eq!(creation.challenge, "");
    assert_eq!(creation.algorithms, vec![-7]);
    assert_eq!(
        creation.exclude_credentials,
        vec![CredentialDescriptor {
            id: "AQID".into(),
            transports: vec!["usb".into()],
        }]
    );
    assert_eq!(creation.timeout_ms, Some(60_000));
    assert_eq!(
        creation.to_json()["excludeCredentials"],
        json!([{"type": "public-key", "id": "AQID", "transports": ["usb"]}])
    );
}

#[test]
fn the_browser_s_bytes_go_back_as_okta_s_widget_sends_them() {
    let Registration::WebAuthn {
        attestation,
        client_data,
        transports,
        client_extensions,
    } = Registration::webauthn(&[0xfb, 0xff], b"{}", vec!["usb".into()], None)
    else {
        panic!()
    };
    assert_eq!(attestation, "+/8=");
    assert_eq!(client_data, encode_base64(b"{}"));
    assert_eq!(transports, vec!["usb".to_owned()]);
    assert_eq!(client_extensions, None);
    assert_eq!(
        FactorCredential::webauthn(b"{}", &[1], &[0xfe]),
        FactorCredential::WebAuthn {
            client_data: "e30=".into(),
            authenticator_data: "AQ==".into(),
            signature_data: "/g==".into(),
        }
    );
}

#[test]
fn verify_by_type_end_to_end_posts_the_assertion_to_the_challenge_s_link() {
    let mut flow = flow_at("mfa_required_webauthn_by_type.json");
    let State::MfaRequired(s) = flow.state().clone() else {
        panic!()
    };
    let entry = s.choices()[1].clone();
    let by_type = VerifyFactor {
        remember_device: Some(true),
        ..VerifyFactor::of(&entry)
    };
    step(
        &mut flow,
        Action::VerifyFactor(by_type),
        "mfa_challenge_webauthn_by_type_factor_challenges.json",
    );
    let State::MfaChallenge(s) = flow.state() else {
        panic!()
    };
    assert_eq!(s.factor.verification(), Verification::WebAuthn);
    assert!(flow.is_allowed(ActionKind::VerifyFactor));
    // The browser signs; the assertion goes to `next` (with the remember-device choice, as Okta's
    // widget sends it).
    let assertion = FactorCredential::webauthn(b"{\"type\":\"webauthn.get\"}", &[5; 37], &[9; 70]);
    let answer = VerifyFactor {
        credential: Some(assertion.clone()),
        remember_device: Some(true),
        ..VerifyFactor::default()
    };
    let request = send(&mut flow, Action::VerifyFactor(answer));
    assert_eq!(request.url, format!("{BY_TYPE}?rememberDevice=true"));
    let FactorCredential::WebAuthn {
        client_data,
        authenticator_data,
        signature_data,
    } = assertion
    else {
        panic!()
    };
    assert_eq!(
        json_body(&request),
        json!({"stateToken": "00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5",
               "clientData": client_data, "authenticatorData": authenticator_data,
               "signatureData": signature_data})
    );
    reply(&mut flow, "success.json");
    assert_eq!(flow.state().kind(), StateKind::Success);
}

#[test]
fn a_new_challenge_is_fetched_by_verifying_again_without_an_assertion() {
    // After a refused assertion (403 E0000068), the shell asks for a fresh challenge as Okta's
    // widget does: verify again without a credential, through `next`.
    let mut flow = flow_at("mfa_challenge_webauthn.json");
    let refused = step_err(
        &mut flow,
        verify(None, Some(FactorCredential::webauthn(b"{}", &[1], &[2]))),
        "error_E0000068.json",
    );
    assert_eq!(refused.recovery(), Recovery::RetryStep);
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
    let request = send(&mut flow, verify(None, None));
    assert_eq!(
        request.url,
        format!("{BASE}/api/v1/authn/factors/{KEY_1}/verify")
    );
    assert_eq!(
        json_body(&request),
        json!({"stateToken": "00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5"})
    );
}
