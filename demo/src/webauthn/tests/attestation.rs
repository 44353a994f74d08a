//! Attestation refusals: signatures, algorithms, certificates, formats, malformed objects.

use ciborium::Value;

use super::super::testing::{CertificateSpec, Format, SoftKey, cbor_bytes};
use super::*;

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
