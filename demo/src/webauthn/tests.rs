//! Registration and assertion end to end with the soft authenticator: the happy paths, every
//! refusal by its precise reason, and random input that must never panic.

use ciborium::Value;
use proptest::prelude::*;
use time::OffsetDateTime;
use time::macros::datetime;

use super::attestation::AttestationObject;
use super::auth_data::AuthenticatorData;
use super::cbor;
use super::certificate::{self, Rules};
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

// ---- attestation refusals ----

#[test]
fn packed_self_attestation_with_a_wrong_signature_is_refused() {
    let key = SoftKey::es256(17);
    let rp = Rp::new(1);
    let flipped = rp.register_edited(
        &key,
        &Format::PackedSelf,
        statement(|s| flip_last_byte(entry(s, "sig"))),
    );
    assert_eq!(flipped, Some(WebauthnError::BadSignature));

    // signed by another key
    let other = SoftKey::es256(18).register(&rp.challenge, &client(), &Format::PackedSelf);
    let mut other_entries = decode_attestation(&other);
    let other_signature = match entry(&mut other_entries, "attStmt") {
        Value::Map(statement) => entry(statement, "sig").clone(),
        other => panic!("attStmt is {other:?}"),
    };
    let swapped = rp.register_edited(
        &key,
        &Format::PackedSelf,
        statement(|s| *entry(s, "sig") = other_signature),
    );
    assert_eq!(swapped, Some(WebauthnError::BadSignature));
}

#[test]
fn packed_self_attestation_must_name_the_credential_algorithm() {
    let key = SoftKey::es256(19);
    let rp = Rp::new(1);
    let with_alg = |alg: i64| {
        rp.register_edited(
            &key,
            &Format::PackedSelf,
            statement(|s| *entry(s, "alg") = Value::Integer(alg.into())),
        )
    };
    assert_eq!(
        with_alg(-257),
        Some(WebauthnError::MalformedAttestationStatement)
    );
    assert_eq!(with_alg(-8), Some(WebauthnError::UnsupportedAlgorithm(-8)));
}

#[test]
fn attestation_certificate_problems_are_named() {
    let key = SoftKey::es256(20);
    let rp = Rp::new(1);
    let valid = CertificateSpec::valid_for(aaguid());
    let cases = [
        (
            CertificateSpec {
                ca: true,
                ..valid.clone()
            },
            CertificateProblem::CaCertificate,
        ),
        (
            CertificateSpec {
                subject: "CN=Soft Batch,O=authn-rs,C=SE".into(),
                ..valid.clone()
            },
            CertificateProblem::Subject,
        ),
        (
            CertificateSpec {
                subject: "CN=Soft Batch,OU=Attestation,O=authn-rs,C=SE".into(),
                ..valid.clone()
            },
            CertificateProblem::Subject,
        ),
        (
            CertificateSpec {
                subject: "CN=Soft Batch,OU=Authenticator Attestation,O=authn-rs,C=SWE".into(),
                ..valid.clone()
            },
            CertificateProblem::Subject,
        ),
        (
            CertificateSpec {
                aaguid_extension: Some((Aaguid([1; 16]), false)),
                ..valid.clone()
            },
            CertificateProblem::AaguidMismatch,
        ),
        (
            CertificateSpec {
                aaguid_extension: Some((aaguid(), true)),
                ..valid.clone()
            },
            CertificateProblem::CriticalAaguidExtension,
        ),
        (
            CertificateSpec {
                not_after: datetime!(2025-12-31 0:00 UTC),
                ..valid.clone()
            },
            CertificateProblem::Expired,
        ),
        (
            CertificateSpec {
                not_before: datetime!(2027-01-01 0:00 UTC),
                ..valid.clone()
            },
            CertificateProblem::NotYetValid,
        ),
    ];
    for (spec, problem) in cases {
        let response = key.register(&rp.challenge, &client(), &Format::PackedCertificate(spec));
        assert_eq!(
            rp.register(&response).err(),
            Some(WebauthnError::Certificate(problem)),
            "{problem:?}"
        );
    }
}

#[test]
fn attestation_certificate_statements_must_be_consistent() {
    let key = SoftKey::es256(21);
    let rp = Rp::new(1);
    let format = Format::PackedCertificate(CertificateSpec::valid_for(aaguid()));
    let edited = |edit: Edit| rp.register_edited(&key, &format, statement(edit));
    let cases: [(Edit, WebauthnError); 6] = [
        (
            |s| flip_last_byte(entry(s, "sig")),
            WebauthnError::BadSignature,
        ),
        (
            |s| *entry(s, "alg") = Value::Integer((-257).into()),
            WebauthnError::Certificate(CertificateProblem::KeyMismatch),
        ),
        (
            |s| *entry(s, "x5c") = Value::Array(vec![Value::Bytes(vec![0x30, 0x00])]),
            WebauthnError::Certificate(CertificateProblem::Malformed),
        ),
        (
            |s| *entry(s, "x5c") = Value::Bytes(vec![0x30]),
            WebauthnError::MalformedAttestationStatement,
        ),
        (
            |s| *entry(s, "x5c") = Value::Array(vec![]),
            WebauthnError::MalformedAttestationStatement,
        ),
        (
            |s| s.push((Value::Text("ecdaaKeyId".into()), Value::Bytes(vec![1]))),
            WebauthnError::UnsupportedFormat("packed (ECDAA)".into()),
        ),
    ];
    for (edit, error) in cases {
        assert_eq!(edited(edit), Some(error));
    }
}

#[test]
fn fido_u2f_needs_one_certificate_and_a_p256_credential() {
    let rp = Rp::new(1);
    let format = Format::FidoU2f(CertificateSpec::valid_for(aaguid()));
    let response = SoftKey::rs256(22).register(&rp.challenge, &client(), &format);
    assert_eq!(
        rp.register(&response).err(),
        Some(WebauthnError::MalformedAttestationStatement)
    );
    let two_certificates = statement(|s| {
        let Value::Array(chain) = entry(s, "x5c") else {
            panic!("x5c is an array")
        };
        chain.push(chain[0].clone());
    });
    assert_eq!(
        rp.register_edited(&SoftKey::es256(22), &format, two_certificates),
        Some(WebauthnError::MalformedAttestationStatement)
    );
}

#[test]
fn unsupported_and_inconsistent_formats_are_refused() {
    let key = SoftKey::es256(23);
    let rp = Rp::new(1);
    let with_format = |format: &Format, fmt: &str| {
        rp.register_edited(&key, format, |entries| {
            *entry(entries, "fmt") = Value::Text(fmt.into())
        })
    };
    assert_eq!(
        with_format(&Format::None, "tpm"),
        Some(WebauthnError::UnsupportedFormat("tpm".into()))
    );
    assert_eq!(
        with_format(&Format::PackedSelf, "none"),
        Some(WebauthnError::MalformedAttestationStatement)
    );
}

#[test]
fn malformed_attestation_objects_are_refused() {
    let key = SoftKey::es256(24);
    let rp = Rp::new(1);
    let good = key.register(&rp.challenge, &client(), &Format::None);
    let with_attestation = |bytes: &[u8]| ActivationResponse {
        attestation: encode_binary(bytes),
        ..good.clone()
    };
    let bytes = decode_binary(&good.attestation).expect("base64");
    let mut trailing = bytes.clone();
    trailing.push(0);
    let text = |s: &str| Value::Text(s.into());
    let missing_auth_data = cbor_bytes(&Value::Map(vec![
        (text("fmt"), text("none")),
        (text("attStmt"), Value::Map(vec![])),
    ]));
    let auth_data_as_text = cbor_bytes(&Value::Map(vec![
        (text("fmt"), text("none")),
        (text("attStmt"), Value::Map(vec![])),
        (text("authData"), text("abc")),
    ]));
    for bytes in [
        &bytes[..bytes.len() / 2],
        &trailing[..],
        &[][..],
        &[0xff][..],
        &missing_auth_data[..],
        &auth_data_as_text[..],
        &cbor_bytes(&Value::Array(vec![]))[..],
    ] {
        assert_eq!(
            rp.register(&with_attestation(bytes)).err(),
            Some(WebauthnError::MalformedAttestationObject)
        );
    }
}

#[test]
fn truncated_authenticator_data_is_refused() {
    let mut key = SoftKey::es256(25);
    let rp = Rp::new(1);
    let response = key.register(&rp.challenge, &client(), &Format::None);
    let full = match entry(&mut decode_attestation(&response), "authData") {
        Value::Bytes(bytes) => bytes.clone(),
        other => panic!("authData is {other:?}"),
    };
    let with_auth_data = |auth_data: Vec<u8>| {
        rp.register_edited(&key, &Format::None, |entries| {
            *entry(entries, "authData") = Value::Bytes(auth_data)
        })
    };
    for (len, error) in [
        (20, WebauthnError::MalformedAuthenticatorData),
        (40, WebauthnError::MalformedAuthenticatorData),
        (full.len() - 1, WebauthnError::MalformedCoseKey),
    ] {
        assert_eq!(
            with_auth_data(full[..len].to_vec()),
            Some(error),
            "{len} bytes"
        );
    }
    // no attested credential data at all
    let mut header = full[..37].to_vec();
    header[32] = Flags(header[32]).without(Flags::ATTESTED_CREDENTIAL_DATA).0;
    assert_eq!(
        with_auth_data(header),
        Some(WebauthnError::MissingCredentialData)
    );

    let credentials = [rp.register(&response).expect("registers")];
    let mut assertion = key.assert(&rp.challenge, &client());
    let raw = decode_binary(&assertion.authenticator_data).expect("base64");
    assertion.authenticator_data = encode_binary(&raw[..36]);
    assert_eq!(
        rp.verify(&assertion, &credentials).err(),
        Some(WebauthnError::MalformedAuthenticatorData)
    );
}

#[test]
fn a_credential_registered_already_is_refused() {
    let key = SoftKey::es256(26);
    let rp = Rp::new(1);
    let response = key.register(&rp.challenge, &client(), &Format::None);
    let registered = [key.id().clone()];
    assert_eq!(
        verify_registration(&response, &rp.ceremony(), |id| registered.contains(id), NOW).err(),
        Some(WebauthnError::CredentialAlreadyRegistered)
    );
}

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
