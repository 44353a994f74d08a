//! Why a registration or an assertion was refused. The emulator answers every one of these with
//! Okta's 403 E0000068; the variants exist so that logs and tests can tell the reasons apart.

/// The request field whose value could not be decoded as base64 / base64url.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `clientData` (clientDataJSON).
    ClientData,
    /// `attestation` (the attestation object).
    Attestation,
    /// `authenticatorData`.
    AuthenticatorData,
    /// `signatureData`.
    Signature,
}

/// What is wrong with an attestation certificate (`x5c[0]`). Only checks that need no CA store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateProblem {
    /// Not a DER X.509 certificate.
    Malformed,
    /// Not an X.509 version 3 certificate.
    NotVersion3,
    /// Basic constraints say it is a CA certificate.
    CaCertificate,
    /// The subject lacks C, O or CN, or its OU is not "Authenticator Attestation".
    Subject,
    /// The FIDO AAGUID extension differs from the AAGUID in the authenticator data.
    AaguidMismatch,
    /// The FIDO AAGUID extension is marked critical.
    CriticalAaguidExtension,
    /// `now` is before the certificate's notBefore.
    NotYetValid,
    /// `now` is after the certificate's notAfter.
    Expired,
    /// The certificate's key does not fit the statement's algorithm (or is not P-256 / RSA).
    KeyMismatch,
}

/// A refused WebAuthn registration or assertion.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebauthnError {
    /// A binary field is neither base64 nor base64url.
    #[error("{0:?} is not base64 or base64url")]
    BadEncoding(Field),
    /// clientDataJSON is not a JSON object with string `type`, `challenge` and `origin`.
    #[error("clientDataJSON is malformed")]
    MalformedClientData,
    /// clientDataJSON has the wrong `type` for this ceremony.
    #[error("clientDataJSON type is not {expected}")]
    WrongType {
        /// `webauthn.create` or `webauthn.get`.
        expected: &'static str,
    },
    /// clientDataJSON's challenge is not the one issued.
    #[error("the challenge does not match")]
    ChallengeMismatch,
    /// clientDataJSON's origin is not one of the allowed origins.
    #[error("origin {0:?} is not allowed")]
    OriginNotAllowed(String),
    /// clientDataJSON says the request came from a cross-origin frame.
    #[error("cross-origin requests are not accepted")]
    CrossOrigin,
    /// The authenticator data's RP ID hash is not SHA-256 of the RP ID.
    #[error("the RP ID hash does not match")]
    RpIdMismatch,
    /// The user-present flag is not set.
    #[error("the user was not present")]
    UserNotPresent,
    /// User verification was required and the user-verified flag is not set.
    #[error("the user was not verified")]
    UserNotVerified,
    /// The authenticator data is truncated, has trailing bytes or inconsistent flags.
    #[error("the authenticator data is malformed")]
    MalformedAuthenticatorData,
    /// The registration's authenticator data carries no attested credential data.
    #[error("the authenticator data has no attested credential")]
    MissingCredentialData,
    /// The attestation object is not a CBOR map with `fmt`, `attStmt` and `authData`.
    #[error("the attestation object is malformed")]
    MalformedAttestationObject,
    /// The attestation statement lacks or mistypes a field its format requires.
    #[error("the attestation statement is malformed")]
    MalformedAttestationStatement,
    /// The attestation statement format is not one this relying party verifies.
    #[error("attestation format {0:?} is not supported")]
    UnsupportedFormat(String),
    /// The credential public key is not a well-formed COSE key.
    #[error("the COSE key is malformed")]
    MalformedCoseKey,
    /// A COSE algorithm other than ES256 (-7) or RS256 (-257).
    #[error("COSE algorithm {0} is not supported")]
    UnsupportedAlgorithm(i64),
    /// The attestation certificate fails a basic check.
    #[error("the attestation certificate is refused: {0:?}")]
    Certificate(CertificateProblem),
    /// A signature does not verify (for an assertion: with none of the given credentials).
    #[error("the signature does not verify")]
    BadSignature,
    /// The new credential's id is already registered.
    #[error("the credential is already registered")]
    CredentialAlreadyRegistered,
    /// The signature counter did not increase (a replay or a cloned authenticator).
    #[error("the signature counter went from {stored} to {received}")]
    SignCountNotIncreased {
        /// The counter stored with the credential.
        stored: u32,
        /// The counter in the assertion.
        received: u32,
    },
}
