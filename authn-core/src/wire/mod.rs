//! Model of the raw `/api/v1/authn` JSON.
//!
//! Tolerant by construction: every field except `status` is optional, unknown fields are ignored, and an
//! optional field holding the wrong JSON type degrades to `None` (or an empty list) instead of failing the
//! whole response. Enumerations keep unknown wire strings in an `Unknown(String)` variant.
//!
//! The types implement `Deserialize` by reading a `serde_json::Value` and converting it with one
//! hand-written, non-generic `from_json` per type (see "Tolerant conversion from JSON"): derived serde
//! visitors with per-field `deserialize_with` helpers cost ~115 KB of the widget's wasm.

mod enums;
mod json;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

pub use enums::{
    Enrollment, FactorResult, FactorStatus, FactorType, Provider, RecoveryFactor, RecoveryType,
    Status,
};
pub(crate) use json::FromJson;
pub use json::parse_time;

use crate::secret::{RecoveryToken, SessionToken, StateToken, redact_json, redact_url};

// ---------------------------------------------------------------------------------------------------
// Links

/// One HAL link. `Debug` redacts token query parameters in `href`.
#[derive(Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    /// Target URL (absolute).
    pub href: String,
    /// Operation hint (`next.name` such as `poll`, or a resend channel such as `sms`).
    pub name: Option<String>,
    /// `hints.allow`, e.g. `["POST"]`.
    pub hints: Option<Hints>,
    /// A title (externally managed password links carry one).
    pub title: Option<String>,
    /// A media type (`image/png` for `qrcode`).
    #[serde(rename = "type")]
    pub media_type: Option<String>,
}

impl std::fmt::Debug for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Link")
            .field("href", &redact_url(&self.href))
            .field("name", &self.name)
            .field("hints", &self.hints)
            .field("title", &self.title)
            .field("media_type", &self.media_type)
            .finish()
    }
}

impl Link {
    /// True when `hints.allow` lists GET (and not POST).
    pub fn is_get(&self) -> bool {
        self.hints.as_ref().is_some_and(|h| {
            h.allow.iter().any(|m| m.eq_ignore_ascii_case("GET"))
                && !h.allow.iter().any(|m| m.eq_ignore_ascii_case("POST"))
        })
    }

    /// True when the link's name equals `name`, ignoring ASCII case.
    pub fn is_named(&self, name: &str) -> bool {
        self.name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    }
}

/// `hints` of a link.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Hints {
    /// Allowed HTTP methods.
    pub allow: Vec<String>,
}

/// A value that Okta sends either as one object or as an array.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A single object.
    One(T),
    /// An array.
    Many(Vec<T>),
}

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        Self::Many(Vec::new())
    }
}

impl<T> OneOrMany<T> {
    /// All items as a slice.
    pub fn as_slice(&self) -> &[T] {
        match self {
            Self::One(item) => std::slice::from_ref(item),
            Self::Many(items) => items,
        }
    }

    /// True when there is no item.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }
}

/// `_links` of a transaction, a factor, an activation or a target. Unknown relations are ignored.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Links {
    /// The next operation.
    pub next: Option<Link>,
    /// Back one step.
    pub prev: Option<Link>,
    /// Cancel the transaction.
    pub cancel: Option<Link>,
    /// Skip the optional step.
    pub skip: Option<Link>,
    /// Resend a code or push: one object (recovery) or an array (MFA).
    pub resend: OneOrMany<Link>,
    /// Enroll this factor.
    pub enroll: Option<Link>,
    /// Verify this factor.
    pub verify: Option<Link>,
    /// List security questions (GET).
    pub questions: Option<Link>,
    /// QR code image of an activation.
    pub qrcode: Option<Link>,
    /// Activation-link senders (push: email, sms).
    pub send: OneOrMany<Link>,
    /// Restart an activation.
    pub activate: Option<Link>,
    /// Duo script.
    pub script: Option<Link>,
    /// Duo completion callback.
    pub complete: Option<Link>,
    /// Step-up original resource redirect.
    pub original: Option<Link>,
    /// Logo of a target app.
    pub logo: OneOrMany<Link>,
}

impl Links {
    /// Every link present, for origin comparisons and link checks.
    pub fn all(&self) -> Vec<&Link> {
        let singles = [
            &self.next,
            &self.prev,
            &self.cancel,
            &self.skip,
            &self.enroll,
            &self.verify,
            &self.questions,
            &self.qrcode,
            &self.activate,
            &self.script,
            &self.complete,
            &self.original,
        ];
        singles
            .into_iter()
            .flatten()
            .chain(self.resend.as_slice())
            .chain(self.send.as_slice())
            .chain(self.logo.as_slice())
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------------
// Transaction

/// A parsed `/api/v1/authn` response body.
#[derive(Debug, Clone, PartialEq)]
pub struct Transaction {
    /// `status` (the only required field).
    pub status: Status,
    /// `stateToken`.
    pub state_token: Option<StateToken>,
    /// `type` (e.g. `SESSION_STEP_UP`, `SESSION_SSO`).
    pub kind: Option<String>,
    /// `expiresAt`.
    pub expires_at: Option<OffsetDateTime>,
    /// `relayState`.
    pub relay_state: Option<String>,
    /// `factorResult`.
    pub factor_result: Option<FactorResult>,
    /// `factorResultMessage` (observed).
    pub factor_result_message: Option<String>,
    /// `factorType` (recovery: `EMAIL`/`SMS`/`CALL`, any case; WebAuthn verify by type).
    pub factor_type: Option<FactorType>,
    /// `recoveryType`.
    pub recovery_type: Option<RecoveryType>,
    /// `recoveryToken` (trusted apps).
    pub recovery_token: Option<RecoveryToken>,
    /// `sessionToken`.
    pub session_token: Option<SessionToken>,
    /// `challengeType` (`FACTOR` | `FACTOR_TYPE`, WebAuthn).
    pub challenge_type: Option<String>,
    /// `_embedded`.
    pub embedded: Embedded,
    /// `_links`.
    pub links: Links,
}

/// Why a body is not a transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The body is not JSON.
    NotJson,
    /// The body is JSON but not an object.
    NotAnObject,
    /// There is no string `status`.
    MissingStatus,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NotJson => "the response body is not JSON",
            Self::NotAnObject => "the response body is not a JSON object",
            Self::MissingStatus => "the response has no status",
        })
    }
}

impl Transaction {
    /// Parses a response body. Never panics; only a missing/non-string `status` or non-JSON fails.
    pub fn parse(body: &str) -> Result<Self, ParseError> {
        let value: Value = serde_json::from_str(body).map_err(|_| ParseError::NotJson)?;
        Self::from_value(value)
    }

    /// Parses an already decoded JSON value.
    pub fn from_value(value: Value) -> Result<Self, ParseError> {
        let Value::Object(map) = &value else {
            return Err(ParseError::NotAnObject);
        };
        match map.get("status") {
            Some(Value::String(_)) => {}
            _ => return Err(ParseError::MissingStatus),
        }
        Self::from_json(&value).ok_or(ParseError::MissingStatus)
    }

    /// The factor a challenge or activation is about: `_embedded.factor`, or `_embedded.factors` when it
    /// holds exactly one factor (Okta's push samples).
    pub fn current_factor(&self) -> Option<&WireFactor> {
        self.embedded
            .factor
            .as_ref()
            .or(match self.embedded.factors.as_slice() {
                [only] => Some(only),
                _ => None,
            })
    }

    /// Every factor of the response: `_embedded.factors`, then `_embedded.factor`.
    pub fn every_factor(&self) -> impl Iterator<Item = &WireFactor> {
        self.embedded
            .factors
            .iter()
            .chain(self.embedded.factor.as_ref())
    }
}

/// `_embedded` of a transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Embedded {
    /// `user`.
    pub user: Option<WireUser>,
    /// `factors` (array, single object, or the key `factor` holding an array).
    pub factors: Vec<WireFactor>,
    /// `factor` (object).
    pub factor: Option<WireFactor>,
    /// `policy` (password or remember-device).
    pub policy: Option<WirePolicy>,
    /// `target` (step-up).
    pub target: Option<WireTarget>,
    /// `authentication` (step-up).
    pub authentication: Option<WireAuthentication>,
    /// `transaction` (POLL waiting room).
    pub transaction: Option<WirePollTransaction>,
    /// Top-level WebAuthn `challenge` (verify by factor type).
    pub challenge: Option<Value>,
    /// `factorTypes`: factor types verified as a whole (`{factorType, _links{next|verify}}`, e.g.
    /// WebAuthn: any of the user's keys), MFA_REQUIRED.
    pub factor_types: Vec<WireFactor>,
}

/// `_embedded.user`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireUser {
    /// User id.
    pub id: Option<String>,
    /// `passwordChanged`.
    pub password_changed: Option<OffsetDateTime>,
    /// `profile`.
    pub profile: WireUserProfile,
    /// `recovery_question` (RECOVERY).
    pub recovery_question: Option<WireRecoveryQuestion>,
}

/// `_embedded.user.profile`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireUserProfile {
    /// `login`.
    pub login: Option<String>,
    /// `firstName`.
    pub first_name: Option<String>,
    /// `lastName`.
    pub last_name: Option<String>,
    /// `locale`.
    pub locale: Option<String>,
    /// `timeZone`.
    pub time_zone: Option<String>,
}

/// `recovery_question`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireRecoveryQuestion {
    /// The question text.
    pub question: Option<String>,
}

/// One factor object (`_embedded.factors[]` / `_embedded.factor`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireFactor {
    /// Factor id (absent before enrollment).
    pub id: Option<String>,
    /// `factorType`.
    pub factor_type: Option<FactorType>,
    /// `provider`.
    pub provider: Option<Provider>,
    /// `vendorName`.
    pub vendor_name: Option<String>,
    /// `status` (MFA_ENROLL).
    pub status: Option<FactorStatus>,
    /// `enrollment` (MFA_ENROLL).
    pub enrollment: Option<Enrollment>,
    /// `profile`.
    pub profile: WireFactorProfile,
    /// `_links`.
    pub links: Links,
    /// `_embedded`.
    pub embedded: WireFactorEmbedded,
}

/// A factor's `profile`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireFactorProfile {
    /// Masked phone number.
    pub phone_number: Option<String>,
    /// Phone extension.
    pub phone_extension: Option<String>,
    /// Masked email.
    pub email: Option<String>,
    /// Question key.
    pub question: Option<String>,
    /// Question text.
    pub question_text: Option<String>,
    /// Credential id.
    pub credential_id: Option<String>,
    /// Push device name.
    pub name: Option<String>,
    /// WebAuthn authenticator name.
    pub authenticator_name: Option<String>,
}

/// A factor's `_embedded`. `Debug` redacts secrets inside the raw objects (the TOTP `sharedSecret`).
#[derive(Clone, PartialEq, Default)]
pub struct WireFactorEmbedded {
    /// Activation data (MFA_ENROLL_ACTIVATE), kept raw as well for WebAuthn/U2F/Duo.
    pub activation: Option<Value>,
    /// Challenge data (MFA_CHALLENGE): `correctAnswer`, U2F nonce, WebAuthn options.
    pub challenge: Option<Value>,
    /// Duo verification data.
    pub verification: Option<Value>,
    /// Phones already on file (MFA_ENROLL sms/call).
    pub phones: Vec<WirePhone>,
}

impl std::fmt::Debug for WireFactorEmbedded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WireFactorEmbedded")
            .field("activation", &self.activation.as_ref().map(redact_json))
            .field("challenge", &self.challenge.as_ref().map(redact_json))
            .field("verification", &self.verification.as_ref().map(redact_json))
            .field("phones", &self.phones)
            .finish()
    }
}

/// The typed part of an `activation` object. `Debug` redacts the shared secret.
#[derive(Clone, PartialEq, Default)]
pub struct WireActivation {
    /// TOTP shared secret.
    pub shared_secret: Option<String>,
    /// `base32` | `base64`.
    pub encoding: Option<String>,
    /// TOTP step in seconds.
    pub time_step: Option<u32>,
    /// Number of digits.
    pub key_length: Option<u32>,
    /// Activation expiry.
    pub expires_at: Option<OffsetDateTime>,
    /// Push / Duo activation result.
    pub factor_result: Option<FactorResult>,
    /// `_links` (`qrcode`, `send`, `activate`, `script`, `complete`).
    pub links: Links,
}

impl std::fmt::Debug for WireActivation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WireActivation")
            .field(
                "shared_secret",
                &self.shared_secret.as_ref().map(|_| "[redacted]"),
            )
            .field("encoding", &self.encoding)
            .field("time_step", &self.time_step)
            .field("key_length", &self.key_length)
            .field("expires_at", &self.expires_at)
            .field("factor_result", &self.factor_result)
            .field("links", &self.links)
            .finish()
    }
}

impl WireActivation {
    /// Reads the typed part of a raw activation value (never fails).
    pub fn from_value(value: &Value) -> Self {
        Self::from_json(value).unwrap_or_default()
    }
}

/// A phone on file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WirePhone {
    /// Phone id.
    pub id: Option<String>,
    /// Profile with the masked phone number.
    pub profile: WireFactorProfile,
    /// `ACTIVE` | `INACTIVE`.
    pub status: Option<String>,
}

/// `_embedded.policy`: two shapes under one key.
#[derive(Debug, Clone, PartialEq)]
pub enum WirePolicy {
    /// Remember-device policy (MFA_REQUIRED / MFA_CHALLENGE / UNAUTHENTICATED).
    RememberDevice(WireRememberDevicePolicy),
    /// Password policy (PASSWORD_WARN / EXPIRED / RESET).
    Password(WirePasswordPolicy),
}

/// Remember-device policy; requires `allowRememberDevice` to tell it apart from a password policy.
#[derive(Debug, Clone, PartialEq)]
pub struct WireRememberDevicePolicy {
    /// `allowRememberDevice`.
    pub allow_remember_device: bool,
    /// `rememberDeviceByDefault`.
    pub remember_device_by_default: Option<bool>,
    /// `rememberDeviceLifetimeInMinutes`.
    pub remember_device_lifetime_in_minutes: Option<u64>,
    /// `factorsPolicyInfo` (per factor id: `autoPushEnabled`).
    pub factors_policy_info: Option<Value>,
}

/// Password policy.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WirePasswordPolicy {
    /// `expiration`.
    pub expiration: WireExpiration,
    /// `complexity`.
    pub complexity: WireComplexity,
    /// `age`.
    pub age: WireAge,
}

/// `policy.expiration`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireExpiration {
    /// Days until (PASSWORD_WARN) the password expires.
    pub password_expire_days: Option<u32>,
}

/// `policy.complexity`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireComplexity {
    /// `minLength`.
    pub min_length: Option<u32>,
    /// `minLowerCase`.
    pub min_lower_case: Option<u32>,
    /// `minUpperCase`.
    pub min_upper_case: Option<u32>,
    /// `minNumber`.
    pub min_number: Option<u32>,
    /// `minSymbol`.
    pub min_symbol: Option<u32>,
    /// `excludeUsername` (bool or `"true"`).
    pub exclude_username: Option<bool>,
}

/// `policy.age`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireAge {
    /// `minAgeMinutes`.
    pub min_age_minutes: Option<u32>,
    /// `historyCount`.
    pub history_count: Option<u32>,
}

/// `_embedded.target` (step-up).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireTarget {
    /// `type` (e.g. `APP`).
    pub kind: Option<String>,
    /// `name`.
    pub name: Option<String>,
    /// `label`.
    pub label: Option<String>,
    /// `_links` (logo).
    pub links: Links,
}

/// `_embedded.authentication` (step-up).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireAuthentication {
    /// `protocol` (`SAML2.0`, `SAML1.1`, `WS-FED`).
    pub protocol: Option<String>,
    /// `issuer`.
    pub issuer: WireIssuer,
}

/// `authentication.issuer`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireIssuer {
    /// `id`.
    pub id: Option<String>,
    /// `name`.
    pub name: Option<String>,
    /// `uri`.
    pub uri: Option<String>,
}

/// `_embedded.transaction` of the POLL waiting room.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WirePollTransaction {
    /// `profile`.
    pub profile: WirePollProfile,
}

/// `_embedded.transaction.profile`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WirePollProfile {
    /// Poll interval in milliseconds.
    pub refresh: Option<u64>,
}

/// One entry of the security-question list (`GET .../factors/questions`).
#[derive(Debug, Clone, PartialEq)]
pub struct WireQuestion {
    /// Question key.
    pub question: String,
    /// Display text.
    pub question_text: Option<String>,
}

/// An error body (`errorCode`, `errorSummary`, ...).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireError {
    /// `errorCode`.
    pub error_code: Option<String>,
    /// `errorSummary`.
    pub error_summary: Option<String>,
    /// `errorLink`.
    pub error_link: Option<String>,
    /// `errorId`.
    pub error_id: Option<String>,
    /// `errorCauses`.
    pub error_causes: Vec<WireErrorCause>,
}

/// One `errorCauses[]` entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WireErrorCause {
    /// `errorSummary`.
    pub error_summary: Option<String>,
}
