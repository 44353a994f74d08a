//! Reading the wire types from JSON, tolerantly: a wrong shape degrades to `None` or an empty list.

use serde::Deserialize;
use serde::de::{Deserializer, Error as _};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::*;
use crate::secret::{RecoveryToken, SessionToken, StateToken};

// ---------------------------------------------------------------------------------------------------
// Tolerant conversion from JSON
//
// Every wire type is read from a parsed `serde_json::Value` by one non-generic `from_json` function:
// much less code in the browser build than a serde visitor per type and per deserializer, and each
// field's tolerance rule is explicit.

/// Conversion from a JSON value that never fails the enclosing value: `None` for the wrong shape.
pub(crate) trait FromJson: Sized {
    /// The value as `Self`, or `None` when it has the wrong JSON type or lacks a required field.
    fn from_json(value: &Value) -> Option<Self>;
}

/// Implements `Deserialize` through [`Value`] and [`FromJson`] (a wrong shape is a serde error).
macro_rules! deserialize_from_json {
    ($($name:ident),+ $(,)?) => {$(
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = Value::deserialize(deserializer)?;
                Self::from_json(&value)
                    .ok_or_else(|| D::Error::custom(concat!("invalid ", stringify!($name))))
            }
        }
    )+};
}

impl FromJson for String {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
}

impl FromJson for Value {
    fn from_json(value: &Value) -> Option<Self> {
        Some(value.clone())
    }
}

/// Wire enums and secret tokens: from a JSON string.
macro_rules! from_json_string {
    ($($name:ty => $make:expr),+ $(,)?) => {$(
        impl FromJson for $name {
            fn from_json(value: &Value) -> Option<Self> {
                value.as_str().map($make)
            }
        }
    )+};
}

from_json_string!(
    Status => Status::parse,
    FactorType => FactorType::parse,
    Provider => Provider::parse,
    FactorResult => FactorResult::parse,
    FactorStatus => FactorStatus::parse,
    Enrollment => Enrollment::parse,
    RecoveryType => RecoveryType::parse,
    StateToken => StateToken::new,
    SessionToken => SessionToken::new,
    RecoveryToken => RecoveryToken::new,
);

/// `map[key]` as `T`, or `None` when absent or of the wrong shape.
fn field<T: FromJson>(map: &Map<String, Value>, key: &str) -> Option<T> {
    map.get(key).and_then(T::from_json)
}

/// `map[key]` as `T`, or `T::default()` when absent or of the wrong shape.
fn field_or_default<T: FromJson + Default>(map: &Map<String, Value>, key: &str) -> T {
    field(map, key).unwrap_or_default()
}

/// `map[key]` as a list, dropping elements of the wrong shape; anything but an array gives an empty list.
fn list<T: FromJson>(map: &Map<String, Value>, key: &str) -> Vec<T> {
    map.get(key).map(list_from_json).unwrap_or_default()
}

fn list_from_json<T: FromJson>(value: &Value) -> Vec<T> {
    match value {
        Value::Array(items) => items.iter().filter_map(T::from_json).collect(),
        _ => Vec::new(),
    }
}

/// `map[key]` as an ISO-8601 / RFC 3339 timestamp, or `None`.
fn time_field(map: &Map<String, Value>, key: &str) -> Option<OffsetDateTime> {
    map.get(key).and_then(Value::as_str).and_then(parse_time)
}

/// Parses an RFC 3339 timestamp as Okta sends it (`2015-11-03T10:15:57.000Z`).
pub fn parse_time(value: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339).ok()
}

/// `map[key]` as a number or a numeric string, as `u32`.
fn u32_field(map: &Map<String, Value>, key: &str) -> Option<u32> {
    u64_field(map, key).and_then(|n| u32::try_from(n).ok())
}

/// `map[key]` as a number or a numeric string, as `u64`.
fn u64_field(map: &Map<String, Value>, key: &str) -> Option<u64> {
    match map.get(key)? {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `map[key]` as a bool, or the strings `"true"` / `"false"` (one Okta doc sample quotes
/// `excludeUsername`).
fn bool_field(map: &Map<String, Value>, key: &str) -> Option<bool> {
    match map.get(key)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------------
// Reading the wire types (every field but the few required ones is optional and tolerant)

deserialize_from_json!(
    Link,
    Hints,
    Links,
    Transaction,
    Embedded,
    WireUser,
    WireUserProfile,
    WireRecoveryQuestion,
    WireFactor,
    WireFactorProfile,
    WireFactorEmbedded,
    WireActivation,
    WirePhone,
    WirePolicy,
    WireRememberDevicePolicy,
    WirePasswordPolicy,
    WireExpiration,
    WireComplexity,
    WireAge,
    WireTarget,
    WireAuthentication,
    WireIssuer,
    WirePollTransaction,
    WirePollProfile,
    WireQuestion,
    WireError,
    WireErrorCause,
);

impl FromJson for Link {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            href: field(map, "href")?,
            name: field(map, "name"),
            hints: field(map, "hints"),
            title: field(map, "title"),
            media_type: field(map, "type"),
        })
    }
}

impl FromJson for Hints {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            allow: list(map, "allow"),
        })
    }
}

/// A link relation holding one link or an array of links (`resend`, `send`, `logo`).
fn links_field(map: &Map<String, Value>, key: &str) -> OneOrMany<Link> {
    match map.get(key) {
        Some(value @ Value::Array(_)) => OneOrMany::Many(list_from_json(value)),
        Some(value) => Link::from_json(value)
            .map(OneOrMany::One)
            .unwrap_or_default(),
        None => OneOrMany::default(),
    }
}

impl FromJson for Links {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            next: field(map, "next"),
            prev: field(map, "prev"),
            cancel: field(map, "cancel"),
            skip: field(map, "skip"),
            resend: links_field(map, "resend"),
            enroll: field(map, "enroll"),
            verify: field(map, "verify"),
            questions: field(map, "questions"),
            qrcode: field(map, "qrcode"),
            send: links_field(map, "send"),
            activate: field(map, "activate"),
            script: field(map, "script"),
            complete: field(map, "complete"),
            original: field(map, "original"),
            logo: links_field(map, "logo"),
        })
    }
}

impl FromJson for Transaction {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            status: field(map, "status")?,
            state_token: field(map, "stateToken"),
            kind: field(map, "type"),
            expires_at: time_field(map, "expiresAt"),
            relay_state: field(map, "relayState"),
            factor_result: field(map, "factorResult"),
            factor_result_message: field(map, "factorResultMessage"),
            factor_type: field(map, "factorType"),
            recovery_type: field(map, "recoveryType"),
            recovery_token: field(map, "recoveryToken"),
            session_token: field(map, "sessionToken"),
            challenge_type: field(map, "challengeType"),
            embedded: field_or_default(map, "_embedded"),
            links: field_or_default(map, "_links"),
        })
    }
}

impl FromJson for Embedded {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        let mut factors = Vec::new();
        let mut factor = None;
        match map.get("factors") {
            Some(value @ Value::Array(_)) => factors = list_from_json(value),
            Some(value @ Value::Object(_)) => factors.extend(WireFactor::from_json(value)),
            _ => {}
        }
        match map.get("factor") {
            Some(value @ Value::Array(_)) if factors.is_empty() => factors = list_from_json(value),
            Some(value @ Value::Object(_)) => factor = WireFactor::from_json(value),
            _ => {}
        }
        Some(Self {
            user: field(map, "user"),
            factors,
            factor,
            policy: field(map, "policy"),
            target: field(map, "target"),
            authentication: field(map, "authentication"),
            transaction: field(map, "transaction"),
            challenge: field(map, "challenge"),
            factor_types: list(map, "factorTypes"),
        })
    }
}

impl FromJson for WireUser {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            id: field(map, "id"),
            password_changed: time_field(map, "passwordChanged"),
            profile: field_or_default(map, "profile"),
            recovery_question: field(map, "recovery_question"),
        })
    }
}

impl FromJson for WireUserProfile {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            login: field(map, "login"),
            first_name: field(map, "firstName"),
            last_name: field(map, "lastName"),
            locale: field(map, "locale"),
            time_zone: field(map, "timeZone"),
        })
    }
}

impl FromJson for WireRecoveryQuestion {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            question: field(map, "question"),
        })
    }
}

impl FromJson for WireFactor {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            id: field(map, "id"),
            factor_type: field(map, "factorType"),
            provider: field(map, "provider"),
            vendor_name: field(map, "vendorName"),
            status: field(map, "status"),
            enrollment: field(map, "enrollment"),
            profile: field_or_default(map, "profile"),
            links: field_or_default(map, "_links"),
            embedded: field_or_default(map, "_embedded"),
        })
    }
}

impl FromJson for WireFactorProfile {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            phone_number: field(map, "phoneNumber"),
            phone_extension: field(map, "phoneExtension"),
            email: field(map, "email"),
            question: field(map, "question"),
            question_text: field(map, "questionText"),
            credential_id: field(map, "credentialId"),
            name: field(map, "name"),
            authenticator_name: field(map, "authenticatorName"),
        })
    }
}

impl FromJson for WireFactorEmbedded {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            activation: field(map, "activation"),
            challenge: field(map, "challenge"),
            verification: field(map, "verification"),
            phones: list(map, "phones"),
        })
    }
}

impl FromJson for WireActivation {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            shared_secret: field(map, "sharedSecret"),
            encoding: field(map, "encoding"),
            time_step: u32_field(map, "timeStep"),
            key_length: u32_field(map, "keyLength"),
            expires_at: time_field(map, "expiresAt"),
            factor_result: field(map, "factorResult"),
            links: field_or_default(map, "_links"),
        })
    }
}

impl FromJson for WirePhone {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            id: field(map, "id"),
            profile: field_or_default(map, "profile"),
            status: field(map, "status"),
        })
    }
}

impl FromJson for WirePolicy {
    /// A remember-device policy when `allowRememberDevice` is a bool, else a password policy.
    fn from_json(value: &Value) -> Option<Self> {
        WireRememberDevicePolicy::from_json(value)
            .map(Self::RememberDevice)
            .or_else(|| WirePasswordPolicy::from_json(value).map(Self::Password))
    }
}

impl FromJson for WireRememberDevicePolicy {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            allow_remember_device: map.get("allowRememberDevice")?.as_bool()?,
            remember_device_by_default: bool_field(map, "rememberDeviceByDefault"),
            remember_device_lifetime_in_minutes: u64_field(map, "rememberDeviceLifetimeInMinutes"),
            factors_policy_info: field(map, "factorsPolicyInfo"),
        })
    }
}

impl FromJson for WirePasswordPolicy {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            expiration: field_or_default(map, "expiration"),
            complexity: field_or_default(map, "complexity"),
            age: field_or_default(map, "age"),
        })
    }
}

impl FromJson for WireExpiration {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            password_expire_days: u32_field(map, "passwordExpireDays"),
        })
    }
}

impl FromJson for WireComplexity {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            min_length: u32_field(map, "minLength"),
            min_lower_case: u32_field(map, "minLowerCase"),
            min_upper_case: u32_field(map, "minUpperCase"),
            min_number: u32_field(map, "minNumber"),
            min_symbol: u32_field(map, "minSymbol"),
            exclude_username: bool_field(map, "excludeUsername"),
        })
    }
}

impl FromJson for WireAge {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            min_age_minutes: u32_field(map, "minAgeMinutes"),
            history_count: u32_field(map, "historyCount"),
        })
    }
}

impl FromJson for WireTarget {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            kind: field(map, "type"),
            name: field(map, "name"),
            label: field(map, "label"),
            links: field_or_default(map, "_links"),
        })
    }
}

impl FromJson for WireAuthentication {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            protocol: field(map, "protocol"),
            issuer: field_or_default(map, "issuer"),
        })
    }
}

impl FromJson for WireIssuer {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            id: field(map, "id"),
            name: field(map, "name"),
            uri: field(map, "uri"),
        })
    }
}

impl FromJson for WirePollTransaction {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            profile: field_or_default(map, "profile"),
        })
    }
}

impl FromJson for WirePollProfile {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            refresh: u64_field(map, "refresh"),
        })
    }
}

impl FromJson for WireQuestion {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            question: field(map, "question")?,
            question_text: field(map, "questionText"),
        })
    }
}

impl FromJson for WireError {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            error_code: field(map, "errorCode"),
            error_summary: field(map, "errorSummary"),
            error_link: field(map, "errorLink"),
            error_id: field(map, "errorId"),
            error_causes: list(map, "errorCauses"),
        })
    }
}

impl FromJson for WireErrorCause {
    fn from_json(value: &Value) -> Option<Self> {
        let map = value.as_object()?;
        Some(Self {
            error_summary: field(map, "errorSummary"),
        })
    }
}
