//! The emulator's WebAuthn relying party, as Okta's classic authn API uses it for the
//! `webauthn` / `FIDO` factor. Pure functions: no IO, no clock reads, no randomness of its own.
//!
//! - Enroll: [`CreationOptions::new`] is `_embedded.factor._embedded.activation`. The browser's
//!   answer, the `lifecycle/activate` body ([`ActivationResponse`]), goes to
//!   [`verify_registration`], which returns the [`Credential`] to store.
//! - Verify: [`ChallengeOptions::new`] is `_embedded.challenge` (or the factor's
//!   `_embedded.challenge`). The second POST ([`AssertionResponse`]) goes to [`verify_assertion`]
//!   with the user's credentials; store the returned counter with the credential that signed.
//! - Both take a [`Ceremony`]: the challenge issued, the RP ID (the host of the page's origin, e.g.
//!   `localhost`), the allowed origins (the emulator's own and the trusted origins) and whether
//!   user verification is required.
//!
//! Binary values go out base64url without padding and are accepted back as base64 or base64url,
//! padded or not. Every refusal is a [`WebauthnError`]; the emulator answers each with 403
//! E0000068. No input makes these functions panic.

mod aaguid;
mod assertion;
mod attestation;
mod auth_data;
mod cbor;
mod certificate;
mod challenge;
mod client_data;
mod cose;
mod credential;
mod encoding;
mod error;
mod options;
mod registration;
#[cfg(any(test, feature = "webauthn-testing"))]
pub mod testing;
#[cfg(test)]
mod tests;

pub use aaguid::{Aaguid, UNKNOWN_AUTHENTICATOR};
pub use assertion::{AssertionResponse, VerifiedAssertion, check_sign_count, verify_assertion};
pub use attestation::AttestationKind;
pub use auth_data::Flags;
pub use challenge::{CHALLENGE_LEN, Challenge, ChallengeOptions, Extensions};
pub use cose::{Algorithm, PublicKey};
pub use credential::{Credential, CredentialId, Transport};
pub use encoding::{decode as decode_binary, encode as encode_binary};
pub use error::{CertificateProblem, Field, WebauthnError};
pub use options::{
    AttestationConveyance, AuthenticatorSelection, CreationOptions, CredentialDescriptor,
    CredentialParameter, DEFAULT_TIMEOUT_MS, RelyingPartyEntity, ResidentKey, UserEntity,
    UserVerification,
};
pub use registration::{ActivationResponse, verify_registration};

/// What the relying party issued and accepts for one ceremony.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ceremony<'a> {
    /// The challenge issued for this ceremony.
    pub challenge: &'a Challenge,
    /// The RP ID whose SHA-256 the authenticator data must carry.
    pub rp_id: &'a str,
    /// Allowed clientDataJSON origins (`scheme://host[:port]`; a trailing `/` is ignored).
    pub origins: &'a [String],
    /// Whether the user-verified flag is required.
    pub user_verification: UserVerification,
}
