//! The browser of the WebAuthn tests: the emulator's software authenticator answering the core's
//! typed options, as `navigator.credentials.create` / `get` would, plus scenario users with soft
//! keys.

use authn_core::webauthn::decode_binary;
use authn_core::{FactorCredential, Registration, WebAuthnCreation, WebAuthnRequest};
use demo::webauthn::testing::{Client, Format, SoftKey, Wire};
use demo::webauthn::{Challenge, CredentialId, encode_binary};

/// Why a browser refuses a ceremony before the authenticator is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    /// `InvalidStateError`: the key is in `excludeCredentials` (already registered).
    InvalidState,
    /// `NotAllowedError`: no allowed credential is on this authenticator.
    NotAllowed,
}

fn challenge(text: &str) -> Challenge {
    Challenge::from_bytes(decode_binary(text).expect("the challenge is base64url"))
}

/// `navigator.credentials.create` with `key` on `client`'s page: the registration to activate with,
/// as Okta's widget posts it (transports and client extensions as JSON text).
pub(super) fn create(
    key: &SoftKey,
    creation: &WebAuthnCreation,
    client: &Client,
) -> Result<Registration, Refusal> {
    let id = key.id().to_base64url();
    if creation.exclude_credentials.iter().any(|c| c.id == id) {
        return Err(Refusal::InvalidState);
    }
    let response = key.register(&challenge(&creation.challenge), client, &Format::None);
    let transports = response
        .transports
        .iter()
        .filter_map(|t| serde_json::to_value(t).ok())
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    Ok(Registration::WebAuthn {
        attestation: response.attestation,
        client_data: response.client_data,
        transports,
        client_extensions: Some(r#"{"credProps":{"rk":false}}"#.to_owned()),
    })
}

/// `navigator.credentials.get` with `key` on `client`'s page: the assertion to verify with.
pub(super) fn get(
    key: &mut SoftKey,
    request: &WebAuthnRequest,
    client: &Client,
) -> Result<FactorCredential, Refusal> {
    let id = key.id().to_base64url();
    if !request.allow_credentials.iter().any(|c| c.id == id) {
        return Err(Refusal::NotAllowed);
    }
    Ok(sign(key, &challenge(&request.challenge), client))
}

/// The assertion `key` makes over any `challenge` (a browser never lets a page pick it: this is
/// an attacker's or a replay's answer).
pub(super) fn sign(key: &mut SoftKey, challenge: &Challenge, client: &Client) -> FactorCredential {
    let response = key.assert(challenge, client);
    FactorCredential::WebAuthn {
        client_data: response.client_data,
        authenticator_data: response.authenticator_data,
        signature_data: response.signature_data,
    }
}

/// A browser on `origin` whose RP ID is `rp_id`, sending binary values in `wire`.
pub(super) fn client(origin: &str, rp_id: &str, wire: Wire) -> Client {
    Client {
        wire,
        ..Client::new(origin, rp_id)
    }
}

/// The demo user's key: the README's private key (PKCS#8, base64), as a virtual authenticator
/// holds it.
pub(super) fn readme_key() -> SoftKey {
    const CREDENTIAL_ID: &str = "o1sbNxViQgUqpDMzZfj2qH4QJs1AbWiNaYIkYdlBe2c";
    const PRIVATE_KEY: &str = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgsSWQISdknKqmqkO7OgBora8sTvN09WRJXpUTT6ctu6yhRANCAAQbsPdYY8IJwAnraG382qxFnGHxmyVDZ74ugH5Ubne7ogX4uwAug3PmKVg3YZbzbUzvCeYva+td9met12T3Wkye";
    let id = CredentialId::from_bytes(decode_binary(CREDENTIAL_ID).expect("base64url"));
    let der = decode_binary(PRIVATE_KEY).expect("base64");
    SoftKey::es256_from_pkcs8(id, &der).expect("a P-256 PKCS#8 key")
}

/// A scenario user (password `Demo1234`) with `keys` registered, each with its counter as stored,
/// under the policy `policy`.
pub(super) fn user_toml(login: &str, policy: &str, keys: &[(&SoftKey, u32)]) -> String {
    let factors: Vec<String> = keys
        .iter()
        .map(|(key, sign_count)| {
            format!(
                r#"{{ kind = "webauthn", credential_id = "{}", public_key = "{}", sign_count = {sign_count} }}"#,
                key.id().to_base64url(),
                encode_binary(&key.public_key().to_cose()),
            )
        })
        .collect();
    format!(
        r#"
[[users]]
login = "{login}"
first_name = "Test"
last_name = "Keys"
shows = "WebAuthn test user"
policy = "{policy}"
password_hash = "$argon2id$v=19$m=19456,t=2,p=1$zdYxJrqgaSwduAx8nopeTA$VTmWfuRSGguvtNwin7IN7+FKxNLT0+UEZgxaysIazQ4"
factors = [{}]
"#,
        factors.join(", ")
    )
}
