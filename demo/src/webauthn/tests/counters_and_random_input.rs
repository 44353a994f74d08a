//! Sign counters, several keys, the stored record, and random input that must never panic.

use proptest::prelude::*;

use super::super::auth_data::AuthenticatorData;
use super::super::cbor;
use super::super::testing::{Format, SoftKey};
use super::super::*;
use super::*;

// ---- counters and several keys ----

#[test]
fn a_replayed_assertion_is_refused() {
    let mut key = SoftKey::es256(27);
    let mut credential = Rp::new(1).enroll(&key, &Format::None);
    let rp = Rp::new(2);
    let response = key.assert(&rp.challenge, &client());
    let sign_count = rp
        .verify(&response, &[credential.clone()])
        .map(|v| v.sign_count);
    assert_eq!(sign_count, Ok(1));
    credential.sign_count = 1;
    assert_eq!(
        rp.verify(&response, &[credential]).err(),
        Some(WebauthnError::SignCountNotIncreased {
            stored: 1,
            received: 1
        })
    );
}

#[test]
fn a_counter_going_back_is_refused() {
    let key = SoftKey::es256(28);
    let mut credential = Rp::new(1).enroll(&key, &Format::None);
    credential.sign_count = 5;
    let mut cloned = SoftKey::es256(28).with_sign_count(2);
    assert_eq!(
        Rp::new(2).sign_in(&mut cloned, &[credential]).err(),
        Some(WebauthnError::SignCountNotIncreased {
            stored: 5,
            received: 3
        })
    );
}

#[test]
fn a_counter_of_zero_on_both_sides_is_accepted() {
    let mut passkey = SoftKey::es256(29).without_counter();
    let mut credential = Rp::new(1).enroll(&passkey, &Format::None);
    assert_eq!(credential.sign_count, 0);
    for round in 2..5 {
        let verified = Rp::new(round)
            .sign_in(&mut passkey, &[credential.clone()])
            .map(|v| v.sign_count);
        assert_eq!(verified, Ok(0));
    }
    // once a counter was seen, 0 is a counter going back
    credential.sign_count = 4;
    assert_eq!(
        Rp::new(9).sign_in(&mut passkey, &[credential]).err(),
        Some(WebauthnError::SignCountNotIncreased {
            stored: 4,
            received: 0
        })
    );
}

#[test]
fn two_keys_for_one_user_each_verify_with_their_own_key() {
    let mut first = SoftKey::es256(30);
    let mut second = SoftKey::rs256(31);
    let first_credential = Rp::new(1).enroll(&first, &Format::PackedSelf);
    let options = CreationOptions::new(
        RelyingPartyEntity {
            name: "Demo".into(),
            id: None,
        },
        UserEntity {
            id: vec![1],
            name: "ada".into(),
            display_name: "Ada".into(),
        },
        Rp::new(2).challenge,
        [&first_credential.id],
    );
    let excluded: Vec<&CredentialId> = options.exclude_credentials.iter().map(|c| &c.id).collect();
    assert_eq!(excluded, [first.id()]);
    let second_credential = Rp::new(2).enroll(&second, &Format::None);
    let credentials = [first_credential, second_credential];
    let options = CreationOptions::new(
        options.rp,
        options.user,
        Rp::new(3).challenge,
        credentials.iter().map(|c| &c.id),
    );
    let excluded: Vec<&CredentialId> = options.exclude_credentials.iter().map(|c| &c.id).collect();
    assert_eq!(excluded, [first.id(), second.id()]);

    for (key, own) in [(&mut first, 0), (&mut second, 1)] {
        let rp = Rp::new(4);
        let response = key.assert(&rp.challenge, &client());
        let signer = rp
            .verify(&response, &credentials)
            .map(|v| v.credential.id.clone());
        assert_eq!(signer, Ok(credentials[own].id.clone()));
        let others = [credentials[1 - own].clone()];
        assert_eq!(
            rp.verify(&response, &others).err(),
            Some(WebauthnError::BadSignature)
        );
    }
    assert_eq!(
        Rp::new(5).sign_in(&mut first, &[]).err(),
        Some(WebauthnError::BadSignature)
    );
}

// ---- the stored record ----

#[test]
fn the_credential_record_round_trips_through_json() {
    for (key, format) in [
        (
            SoftKey::es256(32),
            Format::PackedCertificate(CertificateSpec::valid_for(aaguid())),
        ),
        (SoftKey::rs256(33), Format::PackedSelf),
    ] {
        let credential = Rp::new(1).enroll(&key, &format);
        let json = serde_json::to_value(&credential).expect("serialises");
        for field in [
            "id",
            "publicKey",
            "signCount",
            "transports",
            "aaguid",
            "authenticatorName",
            "attestation",
        ] {
            assert!(json.get(field).is_some(), "{field} in {json}");
        }
        assert_eq!(json["id"], key.id().to_base64url());
        let back: Credential = serde_json::from_value(json).expect("deserialises");
        assert_eq!(back, credential);
    }
    let bad_key = serde_json::json!({
        "id": "AQ", "publicKey": "oA", "signCount": 0, "transports": [],
        "aaguid": "00000000-0000-0000-0000-000000000000",
        "authenticatorName": "x", "attestation": "none"
    });
    assert!(serde_json::from_value::<Credential>(bad_key).is_err());
}

// ---- random input never panics ----

/// A registration body carrying these bytes (base64url).
fn registration_of(attestation: &[u8], client_data: &[u8]) -> ActivationResponse {
    ActivationResponse {
        attestation: encode_binary(attestation),
        client_data: encode_binary(client_data),
        transports: vec![],
    }
}

fn registration_bytes(seed: u64) -> (Rp, Vec<u8>, Vec<u8>) {
    let rp = Rp::new(1);
    let response = SoftKey::es256(seed).register(&rp.challenge, &client(), &Format::PackedSelf);
    let attestation = decode_binary(&response.attestation).expect("base64");
    let client_data = decode_binary(&response.client_data).expect("base64");
    (rp, attestation, client_data)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parsers_never_panic_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = cbor::decode_one(&bytes);
        let _ = PublicKey::from_cose(&bytes);
        let _ = AttestationObject::parse(&bytes);
        let _ = AuthenticatorData::parse(&bytes);
        for rules in [Rules::Packed, Rules::FidoU2f] {
            let key = certificate::attestation_key(&bytes, Algorithm::Es256, rules, aaguid(), NOW);
            prop_assert!(key.is_err());
        }
        let _ = decode_binary(&String::from_utf8_lossy(&bytes));
        let rp = Rp::new(1);
        prop_assert!(rp.register(&registration_of(&bytes, &bytes)).is_err());
        let encoded = encode_binary(&bytes);
        let assertion = AssertionResponse {
            client_data: encoded.clone(),
            authenticator_data: encoded.clone(),
            signature_data: encoded,
        };
        prop_assert!(rp.verify(&assertion, &[]).is_err());
    }

    #[test]
    fn verifiers_never_panic_on_random_strings(
        a in ".{0,64}",
        b in "[A-Za-z0-9+/_=-]{0,128}",
        c in any::<String>(),
    ) {
        let rp = Rp::new(1);
        let registration = ActivationResponse { attestation: b.clone(), client_data: a.clone(), transports: vec![] };
        prop_assert!(rp.register(&registration).is_err());
        let registration = ActivationResponse { attestation: a.clone(), client_data: b.clone(), transports: vec![] };
        prop_assert!(rp.register(&registration).is_err());
        let assertion = AssertionResponse { client_data: c, authenticator_data: a, signature_data: b };
        prop_assert!(rp.verify(&assertion, &[]).is_err());
    }
}

proptest! {
    // Each case verifies a P-256 signature: fewer cases keep the debug-build test quick.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_changed_byte_of_a_packed_registration_is_refused(
        index in any::<proptest::sample::Index>(),
        flip in 1u8..,
        in_client_data in any::<bool>(),
    ) {
        let (rp, mut attestation, mut client_data) = registration_bytes(40);
        let target = if in_client_data { &mut client_data } else { &mut attestation };
        let i = index.index(target.len());
        target[i] ^= flip;
        prop_assert!(rp.register(&registration_of(&attestation, &client_data)).is_err());
    }

    #[test]
    fn a_changed_attestation_certificate_never_panics(
        index in any::<proptest::sample::Index>(),
        flip in 1u8..,
    ) {
        // The certificate's own signature is not checked (no CA store), so some changes (in the
        // subject's text, say) still register: only the absence of panics is asserted.
        let rp = Rp::new(1);
        let format = Format::PackedCertificate(CertificateSpec::valid_for(aaguid()));
        let _ = rp.register_edited(&SoftKey::es256(43), &format, statement(|s| {
            if let Value::Array(chain) = entry(s, "x5c")
                && let Some(Value::Bytes(der)) = chain.first_mut()
            {
                let i = index.index(der.len());
                der[i] ^= flip;
            }
        }));
    }

    #[test]
    fn any_truncation_of_a_registration_is_refused(cut in 1usize..400) {
        let (rp, attestation, client_data) = registration_bytes(41);
        let keep = attestation.len().saturating_sub(cut);
        prop_assert!(rp.register(&registration_of(&attestation[..keep], &client_data)).is_err());
    }

    #[test]
    fn any_changed_byte_of_an_assertion_is_refused(
        index in any::<proptest::sample::Index>(),
        flip in 1u8..,
        field in 0usize..3,
    ) {
        let mut key = SoftKey::es256(42);
        let credentials = [Rp::new(1).enroll(&key, &Format::None)];
        let rp = Rp::new(2);
        let response = key.assert(&rp.challenge, &client());
        let mut fields = [
            decode_binary(&response.client_data).expect("base64"),
            decode_binary(&response.authenticator_data).expect("base64"),
            decode_binary(&response.signature_data).expect("base64"),
        ];
        let i = index.index(fields[field].len());
        fields[field][i] ^= flip;
        let [client_data, authenticator_data, signature] = fields;
        let response = AssertionResponse {
            client_data: encode_binary(&client_data),
            authenticator_data: encode_binary(&authenticator_data),
            signature_data: encode_binary(&signature),
        };
        prop_assert!(rp.verify(&response, &credentials).is_err());
    }
}
