//! WebAuthn (security keys, passkeys) as a browser shell uses it: the creation options of an
//! enrollment ([`WebAuthnCreation`]) and the request options of a verification
//! ([`WebAuthnRequest`]), parsed once from Okta's JSON, plus the binary codec both directions need.
//!
//! Binary values (challenge, user handle, credential ids) stay text, as Okta sends them (base64url);
//! [`decode_binary`] turns them into bytes for `navigator.credentials.create` / `get`, and
//! [`WebAuthnCreation::to_json`] / [`WebAuthnRequest::to_json`] give the WebAuthn Level 3 JSON form
//! that `PublicKeyCredential.parseCreationOptionsFromJSON` / `parseRequestOptionsFromJSON` take as is.
//! The browser's results go back through [`crate::Registration::webauthn`] and
//! [`crate::FactorCredential::webauthn`], which encode bytes the way Okta's own widget does
//! (standard base64, `btoa`).
//!
//! Okta's verify challenge names no credentials: the allow-list is built from the factors' own
//! `profile.credentialId` (the challenged factor's, or every factor of a verify by type), as Okta's
//! widget does it.

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::{Map, Value, json};

use crate::value::{items, number, text};

const LENIENT: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const URL_SAFE_IN: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);
const STANDARD_IN: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);

/// Decodes a binary WebAuthn value sent as text: base64url (what Okta sends) or standard base64,
/// padded or not. `None` for anything else (mixed alphabets, whitespace, bad padding).
pub fn decode_binary(text: &str) -> Option<Vec<u8>> {
    if text.ends_with('=') && !text.len().is_multiple_of(4) {
        return None;
    }
    let url_safe = text.contains(['-', '_']);
    let standard = text.contains(['+', '/']);
    let engine = match (url_safe, standard) {
        (true, true) => return None,
        (true, false) | (false, false) => &URL_SAFE_IN,
        (false, true) => &STANDARD_IN,
    };
    engine.decode(text).ok()
}

/// `bytes` as standard, padded base64: what Okta's widget sends back (`btoa`), so what Okta's
/// classic API is known to accept.
pub fn encode_base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `bytes` as base64url without padding (the WebAuthn JSON form).
pub fn encode_base64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// WebAuthn creation options (`navigator.credentials.create`), from an enrolling factor's
/// `_embedded.activation`; binary values stay base64url text (see [`decode_binary`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WebAuthnCreation {
    /// `rp.id` (absent: the page's host).
    pub rp_id: Option<String>,
    /// `rp.name`.
    pub rp_name: String,
    /// `user.id` (base64url).
    pub user_id: String,
    /// `user.name`.
    pub user_name: String,
    /// `user.displayName`.
    pub user_display_name: String,
    /// `challenge` (base64url).
    pub challenge: String,
    /// `pubKeyCredParams[].alg` (COSE algorithm ids), preferred first.
    pub algorithms: Vec<i64>,
    /// `attestation` (`none`, `direct`, ...).
    pub attestation: Option<String>,
    /// `authenticatorSelection.authenticatorAttachment` (`platform`, `cross-platform`).
    pub authenticator_attachment: Option<String>,
    /// `authenticatorSelection.userVerification`.
    pub user_verification: Option<String>,
    /// `authenticatorSelection.requireResidentKey`.
    pub require_resident_key: Option<bool>,
    /// `authenticatorSelection.residentKey`.
    pub resident_key: Option<String>,
    /// `excludeCredentials`: the user's keys (already registered).
    pub exclude_credentials: Vec<CredentialDescriptor>,
    /// `timeout` in milliseconds.
    pub timeout_ms: Option<u64>,
}

/// A credential reference (`excludeCredentials` / `allowCredentials`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CredentialDescriptor {
    /// Credential id (base64url).
    pub id: String,
    /// `transports` hints (`usb`, `nfc`, `ble`, `internal`, `hybrid`).
    pub transports: Vec<String>,
}

/// WebAuthn request options (`navigator.credentials.get`), from a challenge: the factor's
/// `_embedded.challenge`, or the transaction's when verifying by type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WebAuthnRequest {
    /// `challenge` (base64url).
    pub challenge: String,
    /// `userVerification`.
    pub user_verification: Option<String>,
    /// `extensions` (e.g. `appid` for keys registered through U2F), as sent.
    pub extensions: Option<Value>,
    /// `timeout` in milliseconds.
    pub timeout_ms: Option<u64>,
    /// The credentials that may answer: the challenged factor's `profile.credentialId`, or every
    /// listed factor's when verifying by type.
    pub allow_credentials: Vec<CredentialDescriptor>,
}

impl WebAuthnCreation {
    /// Reads an `activation` object; missing fields stay empty.
    pub(crate) fn parse(value: &Value) -> Self {
        let rp = value.get("rp");
        let user = value.get("user");
        let selection = value.get("authenticatorSelection");
        Self {
            rp_id: rp.and_then(|rp| text(rp, "id")),
            rp_name: rp.and_then(|rp| text(rp, "name")).unwrap_or_default(),
            user_id: user.and_then(|u| text(u, "id")).unwrap_or_default(),
            user_name: user.and_then(|u| text(u, "name")).unwrap_or_default(),
            user_display_name: user
                .and_then(|u| text(u, "displayName"))
                .unwrap_or_default(),
            challenge: text(value, "challenge").unwrap_or_default(),
            algorithms: items(value, "pubKeyCredParams")
                .filter_map(|p| p.get("alg").and_then(Value::as_i64))
                .collect(),
            attestation: text(value, "attestation"),
            authenticator_attachment: selection.and_then(|s| text(s, "authenticatorAttachment")),
            user_verification: selection.and_then(|s| text(s, "userVerification")),
            require_resident_key: selection
                .and_then(|s| s.get("requireResidentKey"))
                .and_then(Value::as_bool),
            resident_key: selection.and_then(|s| text(s, "residentKey")),
            exclude_credentials: items(value, "excludeCredentials")
                .filter_map(CredentialDescriptor::parse)
                .collect(),
            timeout_ms: number(value, "timeout"),
        }
    }

    /// The options in the WebAuthn Level 3 JSON form (`PublicKeyCredentialCreationOptionsJSON`:
    /// binary values as base64url text), for `PublicKeyCredential.parseCreationOptionsFromJSON`.
    pub fn to_json(&self) -> Value {
        let mut rp = Map::new();
        rp.insert("name".into(), self.rp_name.clone().into());
        if let Some(id) = &self.rp_id {
            rp.insert("id".into(), id.clone().into());
        }
        let mut out = Map::new();
        out.insert("rp".into(), Value::Object(rp));
        out.insert(
            "user".into(),
            json!({
                "id": self.user_id,
                "name": self.user_name,
                "displayName": self.user_display_name,
            }),
        );
        out.insert("challenge".into(), self.challenge.clone().into());
        let params: Vec<Value> = self
            .algorithms
            .iter()
            .map(|alg| json!({"type": "public-key", "alg": alg}))
            .collect();
        out.insert("pubKeyCredParams".into(), params.into());
        out.insert(
            "excludeCredentials".into(),
            CredentialDescriptor::list_json(&self.exclude_credentials),
        );
        let mut selection = Map::new();
        insert_text(
            &mut selection,
            "authenticatorAttachment",
            &self.authenticator_attachment,
        );
        insert_text(&mut selection, "userVerification", &self.user_verification);
        insert_text(&mut selection, "residentKey", &self.resident_key);
        if let Some(required) = self.require_resident_key {
            selection.insert("requireResidentKey".into(), required.into());
        }
        out.insert("authenticatorSelection".into(), Value::Object(selection));
        insert_text(&mut out, "attestation", &self.attestation);
        if let Some(timeout) = self.timeout_ms {
            out.insert("timeout".into(), timeout.into());
        }
        Value::Object(out)
    }
}

impl WebAuthnRequest {
    /// Reads a `challenge` object; `allowed` is the credential id(s) of the factor(s) it is for.
    pub(crate) fn parse(value: &Value, allowed: &[&str]) -> Self {
        Self {
            challenge: text(value, "challenge").unwrap_or_default(),
            user_verification: text(value, "userVerification"),
            extensions: value.get("extensions").cloned(),
            timeout_ms: number(value, "timeout"),
            allow_credentials: allowed
                .iter()
                .map(|id| CredentialDescriptor {
                    id: (*id).to_owned(),
                    transports: Vec::new(),
                })
                .collect(),
        }
    }

    /// The options in the WebAuthn Level 3 JSON form (`PublicKeyCredentialRequestOptionsJSON`),
    /// for `PublicKeyCredential.parseRequestOptionsFromJSON`. No `rpId`: the browser uses the
    /// page's host, as Okta's widget does.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("challenge".into(), self.challenge.clone().into());
        out.insert(
            "allowCredentials".into(),
            CredentialDescriptor::list_json(&self.allow_credentials),
        );
        insert_text(&mut out, "userVerification", &self.user_verification);
        if let Some(extensions) = &self.extensions {
            out.insert("extensions".into(), extensions.clone());
        }
        if let Some(timeout) = self.timeout_ms {
            out.insert("timeout".into(), timeout.into());
        }
        Value::Object(out)
    }
}

impl CredentialDescriptor {
    fn parse(value: &Value) -> Option<Self> {
        Some(Self {
            id: text(value, "id")?,
            transports: items(value, "transports")
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect(),
        })
    }

    /// `descriptors` as `[{type: "public-key", id, transports?}]`.
    fn list_json(descriptors: &[Self]) -> Value {
        let items = descriptors.iter().map(|d| {
            let mut out = Map::new();
            out.insert("type".into(), "public-key".into());
            out.insert("id".into(), d.id.clone().into());
            if !d.transports.is_empty() {
                out.insert("transports".into(), d.transports.clone().into());
            }
            Value::Object(out)
        });
        Value::Array(items.collect())
    }
}

fn insert_text(map: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(value) = value {
        map.insert(key.into(), value.clone().into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 0xfb 0xff 0xfe: every base64 digit differs between the two alphabets.
    const BYTES: [u8; 4] = [0xfb, 0xff, 0xfe, 0x01];

    #[test]
    fn binary_values_decode_from_either_alphabet_and_encode_like_okta_s_widget() {
        for text in ["-__-AQ", "-__-AQ==", "+//+AQ", "+//+AQ=="] {
            assert_eq!(decode_binary(text).as_deref(), Some(&BYTES[..]), "{text}");
        }
        assert_eq!(encode_base64(&BYTES), "+//+AQ==");
        assert_eq!(encode_base64url(&BYTES), "-__-AQ");
        for junk in ["-_/+", "AQ=", "A", "AQ AQ", "é"] {
            assert_eq!(decode_binary(junk), None, "{junk}");
        }
    }
}
