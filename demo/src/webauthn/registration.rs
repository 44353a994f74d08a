//! Registration: the `lifecycle/activate` body of a WebAuthn factor, verified into a
//! [`Credential`] to store.

use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;

use super::Ceremony;
use super::attestation::{self, AttestationObject, Attested};
use super::auth_data::AuthenticatorData;
use super::client_data::{self, CeremonyType};
use super::credential::{Credential, CredentialId, Transport};
use super::encoding;
use super::error::{Field, WebauthnError};

/// The activation body: `{attestation, clientData, transports?}`. Binary fields are base64 or
/// base64url. Other fields (`stateToken`, `clientExtensions`) are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivationResponse {
    /// The attestation object.
    pub attestation: String,
    /// clientDataJSON.
    pub client_data: String,
    /// `getTransports()`: an array, or (Okta's widget) that array as a JSON string, or null.
    /// Unknown names and malformed values are dropped: they are only hints.
    #[serde(default, deserialize_with = "lenient_transports")]
    pub transports: Vec<Transport>,
}

fn lenient_transports<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Transport>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(transports_of(value))
}

impl ActivationResponse {
    /// The activation body's fields; `transports` as sent (an array, that array as a JSON
    /// string, or anything else, which counts as none).
    pub fn new(
        attestation: String,
        client_data: String,
        transports: Option<serde_json::Value>,
    ) -> Self {
        Self {
            attestation,
            client_data,
            transports: transports_of(transports),
        }
    }
}

/// The known transport names of `value`, deduplicated, in order.
fn transports_of(value: Option<serde_json::Value>) -> Vec<Transport> {
    let list = match value {
        Some(serde_json::Value::String(text)) => serde_json::from_str(&text).ok(),
        other => other,
    };
    let names = match list {
        Some(serde_json::Value::Array(names)) => names,
        _ => Vec::new(),
    };
    let mut transports: Vec<Transport> = Vec::new();
    for name in names.iter().filter_map(serde_json::Value::as_str) {
        if let Some(transport) = Transport::from_name(name)
            && !transports.contains(&transport)
        {
            transports.push(transport);
        }
    }
    transports
}

/// Verifies a registration against `ceremony`: clientDataJSON (type `webauthn.create`,
/// challenge, origin), the attestation object, the authenticator data (RP ID hash, user
/// present, user verified if required, attested credential) and the attestation statement
/// (`none`, `packed`, `fido-u2f`; certificates checked at `now`). `is_registered` says whether a
/// credential id is already stored (for anyone); such an id is refused.
pub fn verify_registration(
    response: &ActivationResponse,
    ceremony: &Ceremony<'_>,
    is_registered: impl Fn(&CredentialId) -> bool,
    now: OffsetDateTime,
) -> Result<Credential, WebauthnError> {
    let client_data_hash =
        client_data::verify(&response.client_data, CeremonyType::Create, ceremony)?;
    let bytes = encoding::decode(&response.attestation)
        .ok_or(WebauthnError::BadEncoding(Field::Attestation))?;
    let object = AttestationObject::parse(&bytes)?;
    let auth_data = AuthenticatorData::parse(&object.auth_data)?;
    auth_data.check(ceremony)?;
    let credential = auth_data
        .credential
        .as_ref()
        .ok_or(WebauthnError::MissingCredentialData)?;
    let attested = Attested {
        auth_data: &auth_data,
        credential,
        client_data_hash: &client_data_hash,
        now,
    };
    let attestation = attestation::verify_statement(&object, attested)?;
    let id = CredentialId::from_bytes(credential.id);
    if is_registered(&id) {
        return Err(WebauthnError::CredentialAlreadyRegistered);
    }
    Ok(Credential {
        id,
        public_key: credential.public_key.clone(),
        sign_count: auth_data.sign_count,
        transports: response.transports.clone(),
        aaguid: credential.aaguid,
        authenticator_name: credential.aaguid.authenticator_name().to_string(),
        attestation,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn parse(body: serde_json::Value) -> Option<ActivationResponse> {
        serde_json::from_value(body).ok()
    }

    #[test]
    fn reads_the_widget_body_with_transports_as_a_json_string() {
        let body = json!({
            "stateToken": "00abc",
            "attestation": "o2Nm",
            "clientData": "eyJ0",
            "transports": "[\"usb\",\"nfc\",\"usb\",\"carrier-pigeon\"]",
            "clientExtensions": "{\"credProps\":{\"rk\":true}}"
        });
        assert_eq!(
            parse(body),
            Some(ActivationResponse {
                attestation: "o2Nm".into(),
                client_data: "eyJ0".into(),
                transports: vec![Transport::Usb, Transport::Nfc],
            })
        );
    }

    #[test]
    fn transports_may_be_an_array_null_absent_or_junk() {
        for (transports, expected) in [
            (
                json!(["hybrid", "internal"]),
                vec![Transport::Hybrid, Transport::Internal],
            ),
            (json!(null), vec![]),
            (json!("not json"), vec![]),
            (json!("\"usb\""), vec![]),
            (json!(42), vec![]),
            (json!([1, "ble", null]), vec![Transport::Ble]),
        ] {
            let body = json!({"attestation": "", "clientData": "", "transports": transports});
            assert_eq!(parse(body).map(|r| r.transports), Some(expected));
        }
        let absent = json!({"attestation": "", "clientData": ""});
        assert_eq!(parse(absent).map(|r| r.transports), Some(vec![]));
    }

    #[test]
    fn attestation_and_client_data_are_required() {
        assert_eq!(parse(json!({"clientData": ""})), None);
        assert_eq!(parse(json!({"attestation": ""})), None);
    }
}
