//! WebAuthn decisions around the relying-party module ([`crate::webauthn`]): which RP ID a ceremony
//! is for, which keys may answer a verify, and the user handle of the creation options.

use crate::model::{Factor, User, WebAuthnStep};
use crate::webauthn::{Credential, UserVerification, decode_binary};

/// What the emulator asks of the authenticator, as Okta does by default: user verification
/// preferred, so a key without a PIN or biometrics still signs in (the user must be present).
pub const USER_VERIFICATION: UserVerification = UserVerification::Preferred;

/// Okta's user handle for a user: the user id read as base64url (so `user.id` on the wire is the
/// user id itself, as Okta sends it), or the id's bytes when it is not base64url.
pub fn user_handle(user_id: &str) -> Vec<u8> {
    decode_binary(user_id)
        .filter(|bytes| !bytes.is_empty())
        .unwrap_or_else(|| user_id.as_bytes().to_vec())
}

/// The host of an `http(s)://host[:port]` origin (lowercase; an IPv6 literal keeps its brackets).
pub fn host_of(origin: &str) -> Option<String> {
    let (scheme, rest) = origin.trim().split_once("://")?;
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = if authority.starts_with('[') {
        &authority[..=authority.find(']')?]
    } else {
        authority.split(':').next()?
    };
    (!host.is_empty() && !host.contains('@')).then(|| host.to_ascii_lowercase())
}

/// The RP ID of a ceremony: the host of the page's origin (the request's `Origin` header) when
/// that origin is trusted, else the host of the emulator's own base URL. Browsers refuse an IP
/// address as RP ID, so pages must be loaded from a host name (`http://localhost:PORT`).
pub fn rp_id(origin: Option<&str>, is_trusted: impl Fn(&str) -> bool, base_url: &str) -> String {
    origin
        .filter(|o| is_trusted(o))
        .and_then(host_of)
        .or_else(|| host_of(base_url))
        .unwrap_or_else(|| "localhost".to_string())
}

/// The keys that may answer `step` for `factor`: every active WebAuthn key of the user when the
/// challenge was issued by type, else the factor's own key.
pub fn allowed_keys(user: &User, factor: &Factor, step: &WebAuthnStep) -> Vec<Credential> {
    if step.by_type {
        user.webauthn_credentials()
    } else {
        factor.credential.iter().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rp_id_is_the_host_of_a_trusted_page_origin_else_of_the_base_url() {
        let trusted = |o: &str| o == "http://localhost:8080" || o == "https://app.example.com";
        let base = "http://127.0.0.1:8080";
        assert_eq!(
            rp_id(Some("http://localhost:8080"), trusted, base),
            "localhost"
        );
        assert_eq!(
            rp_id(Some("https://app.example.com"), trusted, base),
            "app.example.com"
        );
        assert_eq!(
            rp_id(Some("https://evil.example"), trusted, base),
            "127.0.0.1"
        );
        assert_eq!(rp_id(None, trusted, base), "127.0.0.1");
        assert_eq!(rp_id(None, trusted, "not a url"), "localhost");
    }

    #[test]
    fn hosts_of_origins() {
        assert_eq!(host_of("HTTP://LocalHost:80").as_deref(), Some("localhost"));
        assert_eq!(host_of("http://[::1]:3000").as_deref(), Some("[::1]"));
        assert_eq!(host_of("ftp://x"), None);
        assert_eq!(host_of("http://"), None);
        assert_eq!(host_of("http://a@b"), None);
    }

    #[test]
    fn the_user_handle_is_the_user_id_read_as_base64url() {
        assert_eq!(
            crate::webauthn::encode_binary(&user_handle("00ub0oNGTSWTBKOLGLNR")),
            "00ub0oNGTSWTBKOLGLNR"
        );
        assert_eq!(user_handle("a"), b"a".to_vec());
        assert_eq!(user_handle(""), Vec::<u8>::new());
    }
}
