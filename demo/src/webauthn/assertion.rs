//! Assertions: the verify step's second POST, checked against the user's credentials.

use serde::{Deserialize, Serialize};

use super::Ceremony;
use super::auth_data::{AuthenticatorData, Flags};
use super::client_data::{self, CeremonyType};
use super::credential::Credential;
use super::encoding;
use super::error::{Field, WebauthnError};

/// The verify body: `{clientData, authenticatorData, signatureData}`, each base64 or base64url.
/// Other fields (`stateToken`, `rememberDevice`) are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssertionResponse {
    /// clientDataJSON.
    pub client_data: String,
    /// Authenticator data.
    pub authenticator_data: String,
    /// The signature over authenticatorData || SHA-256(clientDataJSON).
    pub signature_data: String,
}

/// A verified assertion: which credential signed and what to store.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VerifiedAssertion<'a> {
    /// The credential whose key verified the signature.
    pub credential: &'a Credential,
    /// The new signature counter to store with it.
    pub sign_count: u32,
    /// Whether the authenticator verified the user.
    pub user_verified: bool,
}

/// Verifies an assertion against `ceremony` and the user's `credentials` (Okta's verify body names
/// no credential, so each key is tried): clientDataJSON (type `webauthn.get`, challenge,
/// origin), the authenticator data (RP ID hash, user present, user verified if required), the
/// signature, then the counter of the credential that signed ([`check_sign_count`]). No key
/// verifying (or no credentials) is [`WebauthnError::BadSignature`].
pub fn verify_assertion<'a>(
    response: &AssertionResponse,
    ceremony: &Ceremony<'_>,
    credentials: &'a [Credential],
) -> Result<VerifiedAssertion<'a>, WebauthnError> {
    let client_data_hash = client_data::verify(&response.client_data, CeremonyType::Get, ceremony)?;
    let raw = encoding::decode(&response.authenticator_data)
        .ok_or(WebauthnError::BadEncoding(Field::AuthenticatorData))?;
    let signature = encoding::decode(&response.signature_data)
        .ok_or(WebauthnError::BadEncoding(Field::Signature))?;
    let auth_data = AuthenticatorData::parse(&raw)?;
    auth_data.check(ceremony)?;
    let signed = [auth_data.raw, &client_data_hash].concat();
    let credential = credentials
        .iter()
        .find(|credential| credential.public_key.verify(&signed, &signature).is_ok())
        .ok_or(WebauthnError::BadSignature)?;
    check_sign_count(credential.sign_count, auth_data.sign_count)?;
    Ok(VerifiedAssertion {
        credential,
        sign_count: auth_data.sign_count,
        user_verified: auth_data.flags.contains(Flags::USER_VERIFIED),
    })
}

/// The counter must increase, except that 0 on both sides means the authenticator keeps no
/// counter (passkeys). A counter that stays or goes back is a replay or a cloned authenticator.
pub fn check_sign_count(stored: u32, received: u32) -> Result<(), WebauthnError> {
    if received > stored || (stored == 0 && received == 0) {
        Ok(())
    } else {
        Err(WebauthnError::SignCountNotIncreased { stored, received })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counter_must_increase_unless_both_are_zero() {
        assert_eq!(check_sign_count(0, 0), Ok(()));
        assert_eq!(check_sign_count(0, 1), Ok(()));
        assert_eq!(check_sign_count(41, 42), Ok(()));
        assert_eq!(check_sign_count(7, u32::MAX), Ok(()));
        for (stored, received) in [(42, 42), (42, 41), (1, 0), (u32::MAX, 0)] {
            assert_eq!(
                check_sign_count(stored, received),
                Err(WebauthnError::SignCountNotIncreased { stored, received })
            );
        }
    }
}
