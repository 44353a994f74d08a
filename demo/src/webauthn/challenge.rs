//! Challenges and the verify step's challenge JSON (`_embedded.challenge` /
//! `_embedded.factor._embedded.challenge`).

use serde::Serialize;

use super::encoding;
use super::options::UserVerification;

/// Bytes in a generated challenge (WebAuthn asks for at least 16).
pub const CHALLENGE_LEN: usize = 32;

/// A challenge issued for one ceremony; serialises as base64url.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Challenge(#[serde(with = "encoding::bytes")] Vec<u8>);

impl Challenge {
    /// A challenge with the given bytes (the caller picked them at random).
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    /// [`CHALLENGE_LEN`] bytes from `rng`.
    pub fn random<R: rand::CryptoRng + ?Sized>(rng: &mut R) -> Self {
        let mut bytes = vec![0; CHALLENGE_LEN];
        rng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The base64url text sent to the client.
    pub fn to_base64url(&self) -> String {
        encoding::encode(&self.0)
    }
}

/// `extensions` of a challenge: none requested (an empty object).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Extensions {}

/// The verify step's challenge JSON: `{challenge, userVerification, extensions}`. The client adds
/// `allowCredentials` itself from each factor's `profile.credentialId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChallengeOptions {
    /// The challenge to sign.
    pub challenge: Challenge,
    /// Whether the authenticator must verify the user.
    pub user_verification: UserVerification,
    /// Always `{}`.
    pub extensions: Extensions,
}

impl ChallengeOptions {
    /// The challenge JSON for `challenge`.
    pub fn new(challenge: Challenge, user_verification: UserVerification) -> Self {
        Self {
            challenge,
            user_verification,
            extensions: Extensions {},
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use serde_json::json;

    use super::*;

    #[test]
    fn random_challenges_have_the_full_length_and_differ() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let a = Challenge::random(&mut rng);
        let b = Challenge::random(&mut rng);
        assert_eq!(a.as_bytes().len(), CHALLENGE_LEN);
        assert_ne!(a, b);
    }

    #[test]
    fn challenge_json_has_okta_names_and_base64url() {
        let options = ChallengeOptions::new(
            Challenge::from_bytes([0xfb, 0xff]),
            UserVerification::Preferred,
        );
        assert_eq!(
            serde_json::to_value(&options).ok(),
            Some(json!({"challenge": "-_8", "userVerification": "preferred", "extensions": {}}))
        );
        assert_eq!(options.challenge.to_base64url(), "-_8");
    }
}
