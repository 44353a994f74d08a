//! Registration and assertion end to end with the soft authenticator: the happy paths, every
//! refusal by its precise reason, and random input that must never panic.

use ciborium::Value;
use time::OffsetDateTime;
use time::macros::datetime;

use super::attestation::AttestationObject;
use super::cbor;
use super::certificate::Rules;
use super::testing::{CertificateSpec, Client, Format, SoftKey, Wire, cbor_bytes};
use super::*;

const ORIGIN: &str = "http://localhost:8080";
const TRUSTED_ORIGIN: &str = "https://app.example.com";
const RP_ID: &str = "localhost";
const NOW: OffsetDateTime = datetime!(2026-03-01 12:00 UTC);

/// The entries of a CBOR map.
type Entries = Vec<(Value, Value)>;

/// A change to a CBOR map's entries.
type Edit = fn(&mut Entries);

/// The relying party's side of one ceremony.
struct Rp {
    challenge: Challenge,
    origins: Vec<String>,
    user_verification: UserVerification,
}

impl Rp {
    fn new(seed: u8) -> Self {
        Self {
            challenge: Challenge::from_bytes([seed; CHALLENGE_LEN]),
            origins: vec![format!("{ORIGIN}/"), TRUSTED_ORIGIN.to_string()],
            user_verification: UserVerification::Preferred,
        }
    }

    fn requiring_verification(seed: u8) -> Self {
        Self {
            user_verification: UserVerification::Required,
            ..Self::new(seed)
        }
    }

    fn ceremony(&self) -> Ceremony<'_> {
        Ceremony {
            challenge: &self.challenge,
            rp_id: RP_ID,
            origins: &self.origins,
            user_verification: self.user_verification,
        }
    }

    fn register(&self, response: &ActivationResponse) -> Result<Credential, WebauthnError> {
        verify_registration(response, &self.ceremony(), |_| false, NOW)
    }

    fn verify<'a>(
        &self,
        response: &AssertionResponse,
        credentials: &'a [Credential],
    ) -> Result<VerifiedAssertion<'a>, WebauthnError> {
        verify_assertion(response, &self.ceremony(), credentials)
    }

    /// `key` registers with `format` against this challenge.
    fn enroll(&self, key: &SoftKey, format: &Format) -> Credential {
        self.register(&key.register(&self.challenge, &client(), format))
            .expect("the soft key registers")
    }

    /// What `key` gets when it registers through `register_with`, and when it signs in through
    /// `assert_with` after registering properly.
    fn refusals(
        &self,
        key: &mut SoftKey,
        register_with: &Client,
        assert_with: &Client,
    ) -> [Option<WebauthnError>; 2] {
        let response = key.register(&self.challenge, register_with, &Format::None);
        let registration = self.register(&response).err();
        let credentials = [self.enroll(key, &Format::None)];
        let response = key.assert(&self.challenge, assert_with);
        [registration, self.verify(&response, &credentials).err()]
    }

    /// What `key`'s registration in `format` gets once `edit` changed the attestation object.
    fn register_edited(
        &self,
        key: &SoftKey,
        format: &Format,
        edit: impl FnOnce(&mut Entries),
    ) -> Option<WebauthnError> {
        let mut response = key.register(&self.challenge, &client(), format);
        edit_attestation(&mut response, edit);
        self.register(&response).err()
    }

    /// `key` answers this challenge; the result for `credentials`.
    fn sign_in<'a>(
        &self,
        key: &mut SoftKey,
        credentials: &'a [Credential],
    ) -> Result<VerifiedAssertion<'a>, WebauthnError> {
        self.verify(&key.assert(&self.challenge, &client()), credentials)
    }
}

fn client() -> Client {
    Client::new(ORIGIN, RP_ID)
}

fn aaguid() -> Aaguid {
    Aaguid([0x5a; 16])
}

fn decode_attestation(response: &ActivationResponse) -> Entries {
    let bytes = decode_binary(&response.attestation).expect("base64");
    match cbor::decode_one(&bytes) {
        Some(Value::Map(entries)) => entries,
        other => panic!("not a map: {other:?}"),
    }
}

/// Re-encodes the attestation object after `edit` changed its top-level entries.
fn edit_attestation(response: &mut ActivationResponse, edit: impl FnOnce(&mut Entries)) {
    let mut entries = decode_attestation(response);
    edit(&mut entries);
    response.attestation = encode_binary(&cbor_bytes(&Value::Map(entries)));
}

fn entry<'a>(entries: &'a mut [(Value, Value)], key: &str) -> &'a mut Value {
    entries
        .iter_mut()
        .find(|(k, _)| *k == Value::Text(key.into()))
        .map(|(_, v)| v)
        .expect("the entry exists")
}

/// An edit of the attestation object that applies `edit` to the statement's entries.
fn statement(edit: impl FnOnce(&mut Entries)) -> impl FnOnce(&mut Entries) {
    move |entries| match entry(entries, "attStmt") {
        Value::Map(statement) => edit(statement),
        other => panic!("attStmt is {other:?}"),
    }
}

fn flip_last_byte(value: &mut Value) {
    match value {
        Value::Bytes(bytes) => {
            if let Some(last) = bytes.last_mut() {
                *last ^= 0x01;
            }
        }
        other => panic!("not bytes: {other:?}"),
    }
}

// ---- happy paths ----

#[test]
fn enroll_then_verify_round_trip() {
    let mut key = SoftKey::es256(1);
    let rp = Rp::new(1);
    let options = CreationOptions::new(
        RelyingPartyEntity {
            name: "Demo".into(),
            id: Some(RP_ID.into()),
        },
        UserEntity {
            id: b"00u1".to_vec(),
            name: "ada@example.com".into(),
            display_name: "Ada".into(),
        },
        rp.challenge.clone(),
        [],
    );
    let response = key.register(&options.challenge, &client(), &Format::None);
    let mut credential = rp.register(&response).expect("registers");
    assert_eq!(credential.id, *key.id());
    assert_eq!(credential.public_key, key.public_key());
    assert_eq!(credential.sign_count, 0);
    assert_eq!(
        credential.transports,
        vec![Transport::Usb, Transport::Internal]
    );
    assert_eq!(credential.aaguid, aaguid());
    assert_eq!(credential.authenticator_name, UNKNOWN_AUTHENTICATOR);
    assert_eq!(credential.attestation, AttestationKind::None);

    for round in 1..=3 {
        let rp = Rp::new(10 + round);
        let challenge = ChallengeOptions::new(rp.challenge.clone(), UserVerification::Preferred);
        let response = key.assert(&challenge.challenge, &client());
        let credentials = [credential.clone()];
        let verified = rp.verify(&response, &credentials).expect("verifies");
        assert_eq!(verified.credential.id, credential.id);
        assert_eq!(verified.sign_count, u32::from(round));
        assert!(verified.user_verified);
        credential.sign_count = verified.sign_count;
    }
}

#[test]
fn packed_self_attestation_is_verified() {
    let mut key = SoftKey::es256(2);
    let credential = Rp::new(1).enroll(&key, &Format::PackedSelf);
    assert_eq!(credential.attestation, AttestationKind::SelfAttestation);
    assert!(Rp::new(2).sign_in(&mut key, &[credential]).is_ok());
}

#[test]
fn packed_attestation_with_a_certificate_is_verified() {
    let key = SoftKey::es256(3);
    let credential = Rp::new(1).enroll(
        &key,
        &Format::PackedCertificate(CertificateSpec::valid_for(aaguid())),
    );
    assert_eq!(credential.attestation, AttestationKind::Basic);
    let without_aaguid = CertificateSpec {
        aaguid_extension: None,
        ..CertificateSpec::valid_for(aaguid())
    };
    let credential = Rp::new(1).enroll(&key, &Format::PackedCertificate(without_aaguid));
    assert_eq!(credential.attestation, AttestationKind::Basic);
}

#[test]
fn fido_u2f_attestation_is_verified() {
    let mut key = SoftKey::es256(4);
    let credential =
        Rp::new(1).enroll(&key, &Format::FidoU2f(CertificateSpec::valid_for(aaguid())));
    assert_eq!(credential.attestation, AttestationKind::Basic);
    assert!(Rp::new(2).sign_in(&mut key, &[credential]).is_ok());
}

#[test]
fn rs256_registers_with_packed_self_attestation_and_verifies() {
    let mut key = SoftKey::rs256(5);
    let credential = Rp::new(1).enroll(&key, &Format::PackedSelf);
    assert_eq!(credential.public_key.algorithm(), Algorithm::Rs256);
    assert_eq!(credential.attestation, AttestationKind::SelfAttestation);
    let credentials = [credential];
    let verified = Rp::new(2)
        .sign_in(&mut key, &credentials)
        .map(|v| v.sign_count);
    assert_eq!(verified, Ok(1));
    let mut response = key.assert(&Rp::new(3).challenge, &client());
    let mut signature = decode_binary(&response.signature_data).expect("base64");
    signature[0] ^= 1;
    response.signature_data = encode_binary(&signature);
    assert_eq!(
        Rp::new(3).verify(&response, &credentials).err(),
        Some(WebauthnError::BadSignature)
    );
}

#[test]
fn known_authenticators_get_their_name() {
    let icloud = Aaguid::parse("fbfc3007-154e-4ecc-8c0b-6e020557d7bd").expect("a UUID");
    let credential = Rp::new(1).enroll(&SoftKey::es256(6).with_aaguid(icloud), &Format::None);
    assert_eq!(credential.authenticator_name, "iCloud Keychain");
}

#[test]
fn base64_and_base64url_bodies_are_both_accepted() {
    for wire in [Wire::Base64, Wire::Base64Url] {
        let mut key = SoftKey::es256(7);
        let rp = Rp::new(1);
        let client = Client { wire, ..client() };
        let registration = key.register(&rp.challenge, &client, &Format::PackedSelf);
        let credentials = [rp.register(&registration).expect("registers")];
        let rp = Rp::new(2);
        let assertion = key.assert(&rp.challenge, &client);
        assert!(rp.verify(&assertion, &credentials).is_ok(), "{wire:?}");
    }
    // base64url with padding, as some clients send it
    let key = SoftKey::es256(7);
    let rp = Rp::new(1);
    let mut registration = key.register(
        &rp.challenge,
        &Client {
            wire: Wire::Base64Url,
            ..client()
        },
        &Format::None,
    );
    let pad = |text: &str| format!("{text}{}", "=".repeat((4 - text.len() % 4) % 4));
    registration.attestation = pad(&registration.attestation);
    registration.client_data = pad(&registration.client_data);
    assert!(rp.register(&registration).is_ok());
}

#[test]
fn a_trusted_origin_is_accepted() {
    let key = SoftKey::es256(8);
    let rp = Rp::new(1);
    let response = key.register(
        &rp.challenge,
        &Client::new(TRUSTED_ORIGIN, RP_ID),
        &Format::None,
    );
    assert!(rp.register(&response).is_ok());
}

#[test]
fn user_verification_when_required() {
    let mut key = SoftKey::es256(9);
    let rp = Rp::requiring_verification(1);
    let present_only = Client {
        flags: Flags::USER_PRESENT,
        ..client()
    };
    let expected = Some(WebauthnError::UserNotVerified);
    assert_eq!(
        rp.refusals(&mut key, &present_only, &present_only),
        [expected.clone(), expected]
    );
    let credentials = [rp.enroll(&key, &Format::None)];
    let verified = Rp::requiring_verification(2)
        .sign_in(&mut key, &credentials)
        .map(|v| v.user_verified);
    assert_eq!(verified, Ok(true));
}

// ---- client data and authenticator data refusals ----

#[test]
fn wrong_challenge_is_refused() {
    let mut key = SoftKey::es256(10);
    let rp = Rp::new(1);
    let response = key.register(&Rp::new(99).challenge, &client(), &Format::None);
    assert_eq!(
        rp.register(&response).err(),
        Some(WebauthnError::ChallengeMismatch)
    );

    let credentials = [rp.enroll(&key, &Format::None)];
    let response = key.assert(&Rp::new(99).challenge, &client());
    assert_eq!(
        Rp::new(2).verify(&response, &credentials).err(),
        Some(WebauthnError::ChallengeMismatch)
    );
}

/// Registering and signing in through `bad` are both refused with `error`.
fn refused_both_ways(seed: u64, bad: &Client, error: WebauthnError) {
    let expected = Some(error);
    assert_eq!(
        Rp::new(1).refusals(&mut SoftKey::es256(seed), bad, bad),
        [expected.clone(), expected]
    );
}

#[test]
fn wrong_origin_is_refused() {
    let evil = Client::new("http://evil.example", RP_ID);
    let error = WebauthnError::OriginNotAllowed("http://evil.example".into());
    refused_both_ways(11, &evil, error);
}

#[test]
fn wrong_rp_id_is_refused() {
    let other_rp = Client::new(ORIGIN, "example.com");
    refused_both_ways(12, &other_rp, WebauthnError::RpIdMismatch);
}

#[test]
fn wrong_type_is_refused() {
    let typed = |kind: &str| Client {
        ceremony_type: Some(kind.into()),
        ..client()
    };
    let refusals = Rp::new(1).refusals(
        &mut SoftKey::es256(13),
        &typed("webauthn.get"),
        &typed("webauthn.create"),
    );
    assert_eq!(
        refusals,
        [
            Some(WebauthnError::WrongType {
                expected: "webauthn.create"
            }),
            Some(WebauthnError::WrongType {
                expected: "webauthn.get"
            }),
        ]
    );
}

#[test]
fn user_not_present_is_refused() {
    let absent = Client {
        flags: Flags::USER_VERIFIED,
        ..client()
    };
    refused_both_ways(14, &absent, WebauthnError::UserNotPresent);
}

#[test]
fn garbage_base64_names_the_field() {
    let mut key = SoftKey::es256(15);
    let rp = Rp::new(1);
    let good = key.register(&rp.challenge, &client(), &Format::None);
    let bad_client_data = ActivationResponse {
        client_data: "not base64!".into(),
        ..good.clone()
    };
    let bad_attestation = ActivationResponse {
        attestation: "-_/+".into(),
        ..good.clone()
    };
    assert_eq!(
        rp.register(&bad_client_data).err(),
        Some(WebauthnError::BadEncoding(Field::ClientData))
    );
    assert_eq!(
        rp.register(&bad_attestation).err(),
        Some(WebauthnError::BadEncoding(Field::Attestation))
    );

    let credentials = [rp.register(&good).expect("registers")];
    let good = key.assert(&rp.challenge, &client());
    let cases = [
        (
            AssertionResponse {
                client_data: "%%".into(),
                ..good.clone()
            },
            Field::ClientData,
        ),
        (
            AssertionResponse {
                authenticator_data: "A".into(),
                ..good.clone()
            },
            Field::AuthenticatorData,
        ),
        (
            AssertionResponse {
                signature_data: "AQ=A".into(),
                ..good.clone()
            },
            Field::Signature,
        ),
    ];
    for (response, field) in cases {
        assert_eq!(
            rp.verify(&response, &credentials).err(),
            Some(WebauthnError::BadEncoding(field))
        );
    }
}

#[test]
fn malformed_client_data_is_refused() {
    let key = SoftKey::es256(16);
    let rp = Rp::new(1);
    let mut response = key.register(&rp.challenge, &client(), &Format::None);
    response.client_data = encode_binary(b"{\"type\":\"webauthn.create\"");
    assert_eq!(
        rp.register(&response).err(),
        Some(WebauthnError::MalformedClientData)
    );
}

mod attestation;
mod counters_and_random_input;
