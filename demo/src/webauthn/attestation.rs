//! Attestation objects (`{fmt, attStmt, authData}`) and the statement formats verified here:
//! `none`, `packed` (self attestation and x5c) and `fido-u2f`.

use ciborium::Value;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::auth_data::{AttestedCredential, AuthenticatorData};
use super::cbor;
use super::certificate::{self, Rules};
use super::cose::{Algorithm, PublicKey};
use super::error::WebauthnError;

/// What a registration's attestation statement proved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttestationKind {
    /// Format `none`: nothing about the authenticator model.
    None,
    /// Packed self attestation: the credential key signed its own registration.
    #[serde(rename = "self")]
    SelfAttestation,
    /// Signed by an attestation certificate (packed x5c, fido-u2f) whose chain was not checked
    /// against any root.
    Basic,
}

/// A decoded attestation object.
#[derive(Debug)]
pub(crate) struct AttestationObject {
    pub(crate) format: String,
    pub(crate) statement: Value,
    pub(crate) auth_data: Vec<u8>,
}

impl AttestationObject {
    /// Decodes exactly one CBOR map with text `fmt`, map `attStmt` and byte string `authData`
    /// (other keys are ignored).
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self, WebauthnError> {
        let malformed = WebauthnError::MalformedAttestationObject;
        let value = cbor::decode_one(bytes).ok_or(malformed.clone())?;
        let map = cbor::Map::new(&value).ok_or(malformed.clone())?;
        match (map.get("fmt"), map.get("attStmt"), map.bytes("authData")) {
            (Some(Value::Text(format)), Some(statement @ Value::Map(_)), Some(auth_data)) => {
                Ok(Self {
                    format: format.clone(),
                    statement: statement.clone(),
                    auth_data: auth_data.to_vec(),
                })
            }
            _ => Err(malformed),
        }
    }
}

/// What an attestation statement vouches for: the registration's authenticator data, the
/// credential it introduces and the clientDataJSON hash; certificates are checked at `now`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attested<'a> {
    pub(crate) auth_data: &'a AuthenticatorData<'a>,
    pub(crate) credential: &'a AttestedCredential<'a>,
    pub(crate) client_data_hash: &'a [u8; 32],
    pub(crate) now: OffsetDateTime,
}

/// Verifies `object`'s attestation statement according to its format.
pub(crate) fn verify_statement(
    object: &AttestationObject,
    attested: Attested<'_>,
) -> Result<AttestationKind, WebauthnError> {
    let statement =
        cbor::Map::new(&object.statement).ok_or(WebauthnError::MalformedAttestationStatement)?;
    match object.format.as_str() {
        "none" if statement.is_empty() => Ok(AttestationKind::None),
        "none" => Err(WebauthnError::MalformedAttestationStatement),
        "packed" => packed(statement, attested),
        "fido-u2f" => fido_u2f(statement, attested),
        other => Err(WebauthnError::UnsupportedFormat(other.to_string())),
    }
}

/// Packed (WebAuthn §8.2): `sig` over authData || clientDataHash, by the x5c certificate's key
/// or, without x5c, by the credential key itself (then `alg` must be the credential's).
fn packed(
    statement: cbor::Map<'_>,
    attested: Attested<'_>,
) -> Result<AttestationKind, WebauthnError> {
    let malformed = WebauthnError::MalformedAttestationStatement;
    if statement.get("ecdaaKeyId").is_some() {
        return Err(WebauthnError::UnsupportedFormat("packed (ECDAA)".into()));
    }
    let algorithm = Algorithm::from_cose(statement.integer("alg").ok_or(malformed.clone())?)?;
    let signature = statement.bytes("sig").ok_or(malformed.clone())?;
    let signed = [attested.auth_data.raw, attested.client_data_hash].concat();
    let credential = attested.credential;
    match certificates(statement)?.as_deref() {
        Some([leaf, ..]) => {
            let key = certificate::attestation_key(
                leaf,
                algorithm,
                Rules::Packed,
                credential.aaguid,
                attested.now,
            )?;
            key.verify(&signed, signature)?;
            Ok(AttestationKind::Basic)
        }
        Some([]) => Err(malformed),
        None if algorithm != credential.public_key.algorithm() => Err(malformed),
        None => {
            credential.public_key.verify(&signed, signature)?;
            Ok(AttestationKind::SelfAttestation)
        }
    }
}

/// FIDO U2F (WebAuthn §8.6): exactly one certificate, with a P-256 key; `sig` over 0x00 ||
/// rpIdHash || clientDataHash || credentialId || the credential's uncompressed P-256 point.
fn fido_u2f(
    statement: cbor::Map<'_>,
    attested: Attested<'_>,
) -> Result<AttestationKind, WebauthnError> {
    let malformed = WebauthnError::MalformedAttestationStatement;
    let signature = statement.bytes("sig").ok_or(malformed.clone())?;
    let certificates = certificates(statement)?;
    let Some([leaf]) = certificates.as_deref() else {
        return Err(malformed);
    };
    let credential = attested.credential;
    let PublicKey::Es256(credential_key) = &credential.public_key else {
        return Err(malformed);
    };
    let key = certificate::attestation_key(
        leaf,
        Algorithm::Es256,
        Rules::FidoU2f,
        credential.aaguid,
        attested.now,
    )?;
    let signed = [
        &[0x00][..],
        attested.auth_data.rp_id_hash,
        attested.client_data_hash,
        credential.id,
        credential_key.to_sec1_point(false).as_bytes(),
    ]
    .concat();
    key.verify(&signed, signature)?;
    Ok(AttestationKind::Basic)
}

/// The statement's `x5c` (absent: `None`): an array of DER certificates, leaf first.
fn certificates<'a>(statement: cbor::Map<'a>) -> Result<Option<Vec<&'a [u8]>>, WebauthnError> {
    let malformed = WebauthnError::MalformedAttestationStatement;
    let Some(x5c) = statement.get("x5c") else {
        return Ok(None);
    };
    let Value::Array(items) = x5c else {
        return Err(malformed);
    };
    let ders: Option<Vec<&[u8]>> = items
        .iter()
        .map(|item| match item {
            Value::Bytes(der) => Some(der.as_slice()),
            _ => None,
        })
        .collect();
    ders.map(Some).ok_or(malformed)
}
