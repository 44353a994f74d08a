//! Secret newtypes: passwords, passcodes, answers and every token.
//!
//! `Debug` prints `Name([redacted])`; there is deliberately no `Display`. Serde is transparent so that
//! snapshots can be stored, which is the only place a shell should persist one of these.

use serde::{Deserialize, Serialize};

macro_rules! secret {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a secret value.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The secret itself, for putting on the wire. Never log it.
            pub fn expose(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($name), "([redacted])"))
            }
        }
    };
}

secret!(
    /// A user's password (primary auth, change and reset).
    Password
);
secret!(
    /// A one-time passcode (SMS, call, email, TOTP, hardware token, recovery SMS).
    PassCode
);
secret!(
    /// An answer to a security question.
    Answer
);
secret!(
    /// The ephemeral token of one authn transaction.
    StateToken
);
secret!(
    /// The one-time, 5-minute token issued on SUCCESS, exchanged for a session.
    SessionToken
);
secret!(
    /// The one-time recovery token sent out of band (email / SMS link).
    RecoveryToken
);
secret!(
    /// An activation token used instead of username and password in primary auth.
    ActivationToken
);
secret!(
    /// The shared secret of a TOTP enrollment (shown once, in the setup view).
    TotpSecret
);

/// Query parameters whose values are tokens (the step-up redirect carries `stateToken`).
const TOKEN_PARAMS: [&str; 4] = ["stateToken", "token", "sessionToken", "recoveryToken"];

/// A URL for `Debug` output: values of token query parameters are replaced by `[redacted]`.
pub fn redact_url(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if TOKEN_PARAMS.iter().any(|p| p.eq_ignore_ascii_case(key)) => {
                format!("{key}=[redacted]")
            }
            _ => pair.to_owned(),
        })
        .collect();
    let mut out = format!("{base}?{}", pairs.join("&"));
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// A JSON value for `Debug` output: secret-bearing keys (`sharedSecret`, tokens, passwords, codes,
/// answers) are replaced by `"[redacted]"`, at any depth.
pub fn redact_json(value: &serde_json::Value) -> serde_json::Value {
    const KEYS: [&str; 10] = [
        "sharedSecret",
        "stateToken",
        "sessionToken",
        "recoveryToken",
        "token",
        "password",
        "oldPassword",
        "newPassword",
        "passCode",
        "answer",
    ];
    match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.iter()
                .map(|(k, v)| {
                    if KEYS.iter().any(|s| s.eq_ignore_ascii_case(k)) {
                        (k.clone(), serde_json::Value::String("[redacted]".into()))
                    } else {
                        (k.clone(), redact_json(v))
                    }
                })
                .collect(),
        ),
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.iter().map(redact_json).collect())
        }
        serde_json::Value::String(s) if s.contains('?') => serde_json::Value::String(redact_url(s)),
        other => other.clone(),
    }
}
