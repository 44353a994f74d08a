//! Creation options for enrollment, as Okta's authn API puts them in
//! `_embedded.factor._embedded.activation`.

use serde::Serialize;

use super::challenge::Challenge;
use super::cose::Algorithm;
use super::credential::CredentialId;
use super::encoding;

/// How long the browser may wait for the user, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 60_000;

/// Whether the authenticator must verify the user (PIN, biometrics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UserVerification {
    /// The user-verified flag is required.
    Required,
    /// Asked for, not required.
    Preferred,
    /// Not asked for.
    Discouraged,
}

impl UserVerification {
    /// Whether a response without the user-verified flag must be refused.
    pub fn is_required(self) -> bool {
        match self {
            UserVerification::Required => true,
            UserVerification::Preferred | UserVerification::Discouraged => false,
        }
    }
}

/// Which attestation the relying party asks the browser to pass on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AttestationConveyance {
    /// No attestation: browsers answer with format `none`.
    None,
    /// An anonymised attestation is acceptable.
    Indirect,
    /// The authenticator's own attestation (what Okta asks for).
    Direct,
}

/// Whether the credential should be discoverable (a passkey).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResidentKey {
    /// A server-side credential is preferred.
    Discouraged,
    /// A discoverable credential is preferred.
    Preferred,
    /// A discoverable credential is required.
    Required,
}

/// `rp`: the relying party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelyingPartyEntity {
    /// Display name (Okta: the org name).
    pub name: String,
    /// RP ID; absent means the host of the page's origin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `user`: the account the credential is created for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserEntity {
    /// The user handle (base64url on the wire).
    #[serde(with = "encoding::bytes")]
    pub id: Vec<u8>,
    /// The login.
    pub name: String,
    /// The user's full name.
    pub display_name: String,
}

/// One entry of `pubKeyCredParams`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CredentialParameter {
    /// Always `public-key`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The COSE algorithm.
    pub alg: Algorithm,
}

/// One entry of `excludeCredentials`: a credential the user already has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CredentialDescriptor {
    /// Always `public-key`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The credential id (base64url).
    pub id: CredentialId,
}

/// `authenticatorSelection`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticatorSelection {
    /// User verification asked of the authenticator.
    pub user_verification: UserVerification,
    /// Legacy form of `residentKey == required`.
    pub require_resident_key: bool,
    /// Whether a discoverable credential is wanted.
    pub resident_key: ResidentKey,
}

/// The creation options (`_embedded.factor._embedded.activation` of MFA_ENROLL_ACTIVATE).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreationOptions {
    /// The relying party.
    pub rp: RelyingPartyEntity,
    /// The user.
    pub user: UserEntity,
    /// The challenge the attestation must answer.
    pub challenge: Challenge,
    /// Accepted algorithms, preferred first.
    pub pub_key_cred_params: Vec<CredentialParameter>,
    /// Attestation asked for.
    pub attestation: AttestationConveyance,
    /// Authenticator requirements.
    pub authenticator_selection: AuthenticatorSelection,
    /// The user's existing credentials, so that one authenticator is not registered twice.
    pub exclude_credentials: Vec<CredentialDescriptor>,
    /// Milliseconds the browser may wait.
    pub timeout: u32,
}

impl CreationOptions {
    /// Okta's defaults: ES256 then RS256, `direct` attestation, user verification preferred, no
    /// resident key required, [`DEFAULT_TIMEOUT_MS`]; `existing` becomes `excludeCredentials`.
    pub fn new<'a>(
        rp: RelyingPartyEntity,
        user: UserEntity,
        challenge: Challenge,
        existing: impl IntoIterator<Item = &'a CredentialId>,
    ) -> Self {
        Self {
            rp,
            user,
            challenge,
            pub_key_cred_params: [Algorithm::Es256, Algorithm::Rs256]
                .into_iter()
                .map(|alg| CredentialParameter {
                    kind: "public-key",
                    alg,
                })
                .collect(),
            attestation: AttestationConveyance::Direct,
            authenticator_selection: AuthenticatorSelection {
                user_verification: UserVerification::Preferred,
                require_resident_key: false,
                resident_key: ResidentKey::Discouraged,
            },
            exclude_credentials: existing
                .into_iter()
                .map(|id| CredentialDescriptor {
                    kind: "public-key",
                    id: id.clone(),
                })
                .collect(),
            timeout: DEFAULT_TIMEOUT_MS,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn serialises_with_okta_names_and_base64url() {
        let first = CredentialId::from_bytes([0xfb, 0xff]);
        let second = CredentialId::from_bytes([1, 2, 3]);
        let options = CreationOptions::new(
            RelyingPartyEntity {
                name: "Demo".into(),
                id: Some("localhost".into()),
            },
            UserEntity {
                id: b"00u1".to_vec(),
                name: "ada@example.com".into(),
                display_name: "Ada Lovelace".into(),
            },
            Challenge::from_bytes([0xfe; 3]),
            [&first, &second],
        );
        assert_eq!(
            serde_json::to_value(&options).ok(),
            Some(json!({
                "rp": {"name": "Demo", "id": "localhost"},
                "user": {"id": "MDB1MQ", "name": "ada@example.com", "displayName": "Ada Lovelace"},
                "challenge": "_v7-",
                "pubKeyCredParams": [
                    {"type": "public-key", "alg": -7},
                    {"type": "public-key", "alg": -257}
                ],
                "attestation": "direct",
                "authenticatorSelection": {
                    "userVerification": "preferred",
                    "requireResidentKey": false,
                    "residentKey": "discouraged"
                },
                "excludeCredentials": [
                    {"type": "public-key", "id": "-_8"},
                    {"type": "public-key", "id": "AQID"}
                ],
                "timeout": 60000
            }))
        );
    }

    #[test]
    fn rp_id_is_left_out_when_absent() {
        let rp = RelyingPartyEntity {
            name: "Demo".into(),
            id: None,
        };
        assert_eq!(
            serde_json::to_value(&rp).ok(),
            Some(json!({"name": "Demo"}))
        );
    }
}
