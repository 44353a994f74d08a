//! Secret material: random tokens from the OS RNG, constant-time comparison, argon2 password hashing
//! and RFC 6238 TOTP checks.

use std::fmt;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::TryRngCore;
use rand::rngs::OsRng;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm as TotpAlgorithm, TOTP};

use crate::scenario::Argon2Cost;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ID_ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// A secret string (password, passcode, token) whose `Debug` never prints the value.
#[derive(Clone, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    /// The secret value (only for comparison, hashing and sending it where it belongs).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// Fills `buf` from the operating system's RNG.
pub fn random_bytes(buf: &mut [u8]) {
    // The OS RNG failing is not recoverable for a security-sensitive server.
    #[allow(clippy::expect_used)]
    OsRng
        .try_fill_bytes(buf)
        .expect("the operating system's random number generator failed");
}

/// A URL-safe random token: `prefix` followed by `len` characters (6 bits of entropy each).
pub fn random_token(prefix: &str, len: usize) -> String {
    let mut bytes = vec![0u8; len];
    random_bytes(&mut bytes);
    let mut out = String::with_capacity(prefix.len() + len);
    out.push_str(prefix);
    out.extend(
        bytes
            .iter()
            .map(|b| char::from(ALPHABET[usize::from(b & 63)])),
    );
    out
}

/// An Okta-style 20-character id with a 3-character type prefix (e.g. `00u`, `mbl`, `opf`).
pub fn random_id(prefix: &str) -> String {
    let mut out = String::from(prefix);
    while out.len() < 20 {
        let mut b = [0u8; 1];
        random_bytes(&mut b);
        // Rejection sampling keeps the distribution uniform over 62 symbols.
        if b[0] < 248 {
            out.push(char::from(ID_ALPHABET[usize::from(b[0] % 62)]));
        }
    }
    out
}

/// A deterministic Okta-style id derived from a name (so seeded ids survive a reset).
pub fn stable_id(prefix: &str, name: &str) -> String {
    // FNV-1a, expanded to 17 base62 characters; ids are not secrets.
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut out = String::from(prefix);
    let mut state = hash;
    while out.len() < 20 {
        out.push(char::from(ALPHABET[(state % 62) as usize]));
        state = (state / 62) ^ hash.rotate_left(out.len() as u32);
    }
    out
}

/// A random number below `bound` (bound > 0), unbiased.
pub fn random_below(bound: u32) -> u32 {
    let zone = u32::MAX - (u32::MAX % bound);
    loop {
        let mut b = [0u8; 4];
        random_bytes(&mut b);
        let v = u32::from_le_bytes(b);
        if v < zone {
            return v % bound;
        }
    }
}

/// A 6-digit one-time code for SMS, voice and email.
pub fn otp_code() -> String {
    format!("{:06}", random_below(1_000_000))
}

/// Constant-time string equality (length may leak; contents do not).
pub fn ct_eq(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// Hashes a password into an argon2id PHC string. CPU-heavy: call from `spawn_blocking`.
pub fn hash_password(password: &str, cost: &Argon2Cost) -> Result<String, String> {
    let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None)
        .map_err(|e| format!("bad argon2 parameters: {e}"))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut salt = [0u8; 16];
    random_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| format!("salt: {e}"))?;
    argon
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("hash: {e}"))
}

/// Checks a password against a PHC string (parameters come from the string). CPU-heavy: call from
/// `spawn_blocking`. A malformed PHC string never matches.
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(hash) => Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok(),
        Err(_) => false,
    }
}

/// Runs [`verify_password`] on the blocking pool.
pub async fn verify_password_blocking(password: Secret, phc: String) -> bool {
    tokio::task::spawn_blocking(move || verify_password(password.expose(), &phc))
        .await
        .unwrap_or(false)
}

/// Runs [`hash_password`] on the blocking pool.
pub async fn hash_password_blocking(password: Secret, cost: Argon2Cost) -> Result<String, String> {
    tokio::task::spawn_blocking(move || hash_password(password.expose(), &cost))
        .await
        .map_err(|e| format!("hashing task failed: {e}"))?
}

/// TOTP time step in seconds.
pub const TOTP_STEP: u64 = 30;

/// The TOTP generator for a shared secret (SHA-1, 6 digits, 30 s, as Okta Verify and Google
/// Authenticator use).
pub fn totp(secret: &[u8], account: &str, issuer: &str) -> TOTP {
    TOTP::new_unchecked(
        TotpAlgorithm::SHA1,
        6,
        1,
        TOTP_STEP,
        secret.to_vec(),
        Some(issuer.to_string()),
        account.to_string(),
    )
}

/// The code an authenticator app shows for a base32 `secret` at `unix_seconds` (what a test or a demo
/// user types); `None` when the secret is not base32.
pub fn totp_code(base32_secret: &str, unix_seconds: u64) -> Option<String> {
    let bytes = totp_rs::Secret::Encoded(base32_secret.to_owned())
        .to_bytes()
        .ok()?;
    Some(totp(&bytes, "", "").generate(unix_seconds))
}

/// Finds the time step (within +-1 of `unix_seconds`) whose code equals `code`, comparing in constant
/// time. Returns the matching step number.
pub fn totp_match(secret: &[u8], code: &str, unix_seconds: u64) -> Option<u64> {
    let generator = totp(secret, "", "");
    let step = unix_seconds / TOTP_STEP;
    let mut found = None;
    for candidate in [step.saturating_sub(1), step, step + 1] {
        let expected = generator.generate(candidate * TOTP_STEP);
        if ct_eq(&expected, code) && found.is_none() {
            found = Some(candidate);
        }
    }
    found
}

/// Encodes bytes as unpadded RFC 4648 base32 (the TOTP shared-secret format).
pub fn base32(bytes: &[u8]) -> String {
    totp_rs::Secret::Raw(bytes.to_vec())
        .to_encoded()
        .to_string()
}

/// Decodes a base32 shared secret.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    totp_rs::Secret::Encoded(text.replace(' ', "").to_uppercase())
        .to_bytes()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_ids_have_the_expected_shape() {
        let t = random_token("00", 40);
        assert!(t.starts_with("00") && t.len() == 42);
        assert_ne!(t, random_token("00", 40));
        let id = random_id("mbl");
        assert!(
            id.starts_with("mbl")
                && id.len() == 20
                && id.chars().all(|c| c.is_ascii_alphanumeric())
        );
        let code = otp_code();
        assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()));
    }

    #[test]
    fn secret_debug_is_redacted() {
        assert_eq!(
            format!("{:?}", Secret::new("hunter2")),
            "Secret([redacted])"
        );
    }

    #[test]
    fn passwords_hash_and_verify() {
        let cost = Argon2Cost {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        };
        let phc = hash_password("Demo1234", &cost).unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify_password("Demo1234", &phc));
        assert!(!verify_password("demo1234", &phc));
        assert!(!verify_password("Demo1234", "not a phc string"));
    }

    #[test]
    fn totp_matches_rfc6238_vectors_within_one_step() {
        // RFC 6238 SHA-1 secret "12345678901234567890"; 8-digit vector 94287082 at t=59 -> 6 digits.
        let secret = b"12345678901234567890";
        assert_eq!(totp_match(secret, "287082", 59), Some(1));
        assert_eq!(totp_match(secret, "287082", 59 + 30), Some(1));
        assert_eq!(totp_match(secret, "287082", 59 + 60), None);
        assert_eq!(totp_match(secret, "000000x", 59), None);
        assert_eq!(base32_decode(&base32(secret)).unwrap(), secret.to_vec());
    }

    #[test]
    fn constant_time_equality() {
        assert!(ct_eq("123456", "123456"));
        assert!(!ct_eq("123456", "123457"));
        assert!(!ct_eq("123456", "12345"));
    }
}
