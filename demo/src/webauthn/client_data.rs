//! clientDataJSON: what the browser says it signed (type, challenge, origin).

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::Ceremony;
use super::encoding;
use super::error::{Field, WebauthnError};

/// Which ceremony a clientDataJSON must belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CeremonyType {
    /// Registration: `webauthn.create`.
    Create,
    /// Assertion: `webauthn.get`.
    Get,
}

impl CeremonyType {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CeremonyType::Create => "webauthn.create",
            CeremonyType::Get => "webauthn.get",
        }
    }
}

#[derive(Deserialize)]
struct CollectedClientData {
    #[serde(rename = "type")]
    kind: String,
    challenge: String,
    origin: String,
    #[serde(default, rename = "crossOrigin")]
    cross_origin: Option<bool>,
}

/// Decodes the base64 / base64url `clientData` field, checks its type, challenge, origin and
/// crossOrigin against `ceremony`, and returns SHA-256 of the clientDataJSON bytes.
pub(crate) fn verify(
    encoded: &str,
    expected: CeremonyType,
    ceremony: &Ceremony<'_>,
) -> Result<[u8; 32], WebauthnError> {
    let json = encoding::decode(encoded).ok_or(WebauthnError::BadEncoding(Field::ClientData))?;
    let client_data: CollectedClientData =
        serde_json::from_slice(&json).map_err(|_| WebauthnError::MalformedClientData)?;
    if client_data.kind != expected.as_str() {
        return Err(WebauthnError::WrongType {
            expected: expected.as_str(),
        });
    }
    if encoding::decode(&client_data.challenge).as_deref() != Some(ceremony.challenge.as_bytes()) {
        return Err(WebauthnError::ChallengeMismatch);
    }
    let allowed = ceremony
        .origins
        .iter()
        .any(|origin| origin.trim_end_matches('/') == client_data.origin);
    if !allowed {
        return Err(WebauthnError::OriginNotAllowed(client_data.origin));
    }
    if client_data.cross_origin == Some(true) {
        return Err(WebauthnError::CrossOrigin);
    }
    Ok(Sha256::digest(&json).into())
}

#[cfg(test)]
mod tests {
    use super::super::{Challenge, UserVerification};
    use super::*;

    fn check(json: &str) -> Result<[u8; 32], WebauthnError> {
        let challenge = Challenge::from_bytes([1, 2, 3]);
        let origins = ["http://localhost:8080/".to_string()];
        let ceremony = Ceremony {
            challenge: &challenge,
            rp_id: "localhost",
            origins: &origins,
            user_verification: UserVerification::Preferred,
        };
        verify(
            &encoding::encode(json.as_bytes()),
            CeremonyType::Get,
            &ceremony,
        )
    }

    #[test]
    fn accepts_the_expected_client_data_and_hashes_it() {
        let json = r#"{"type":"webauthn.get","challenge":"AQID","origin":"http://localhost:8080","crossOrigin":false,"other":1}"#;
        assert_eq!(check(json), Ok(Sha256::digest(json.as_bytes()).into()));
    }

    #[test]
    fn names_each_failure() {
        let cases = [
            ("not json", WebauthnError::MalformedClientData),
            (
                r#"{"type":"webauthn.get"}"#,
                WebauthnError::MalformedClientData,
            ),
            (
                r#"{"type":"webauthn.get","challenge":1,"origin":"http://localhost:8080"}"#,
                WebauthnError::MalformedClientData,
            ),
            (
                r#"{"type":"webauthn.create","challenge":"AQID","origin":"http://localhost:8080"}"#,
                WebauthnError::WrongType {
                    expected: "webauthn.get",
                },
            ),
            (
                r#"{"type":"webauthn.get","challenge":"AQIE","origin":"http://localhost:8080"}"#,
                WebauthnError::ChallengeMismatch,
            ),
            (
                r#"{"type":"webauthn.get","challenge":"!!","origin":"http://localhost:8080"}"#,
                WebauthnError::ChallengeMismatch,
            ),
            (
                r#"{"type":"webauthn.get","challenge":"AQID","origin":"http://localhost:8081"}"#,
                WebauthnError::OriginNotAllowed("http://localhost:8081".into()),
            ),
            (
                r#"{"type":"webauthn.get","challenge":"AQID","origin":"http://localhost:8080","crossOrigin":true}"#,
                WebauthnError::CrossOrigin,
            ),
        ];
        for (json, error) in cases {
            assert_eq!(check(json), Err(error), "{json}");
        }
    }
}
