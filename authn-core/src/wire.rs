//! Serde model of the raw `/api/v1/authn` JSON.
//!
//! Tolerant by construction: every field except `status` is optional, unknown fields are ignored, and an
//! optional field holding the wrong JSON type degrades to `None` (or an empty list) instead of failing the
//! whole response. Enumerations keep unknown wire strings in an `Unknown(String)` variant.

use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use time::OffsetDateTime;

use crate::secret::{RecoveryToken, SessionToken, StateToken, redact_json, redact_url};

/// Declares a string enum with an `Unknown(String)` fallback, case-insensitive parsing and `as_str`.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this client does not know; keeps the wire string.
            Unknown(String),
        }

        impl $name {
            /// The wire string.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(other) => other,
                }
            }

            /// Parses a wire string, ignoring ASCII case; unknown strings become `Unknown`.
            pub fn parse(value: &str) -> Self {
                $(if value.eq_ignore_ascii_case($wire) { return Self::$variant; })+
                Self::Unknown(value.to_owned())
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::parse(value)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(Self::parse(&value))
            }
        }
    };
}

wire_enum!(
    /// Transaction `status`.
    Status {
        /// `UNAUTHENTICATED`
        Unauthenticated = "UNAUTHENTICATED",
        /// `PASSWORD_WARN`
        PasswordWarn = "PASSWORD_WARN",
        /// `PASSWORD_EXPIRED`
        PasswordExpired = "PASSWORD_EXPIRED",
        /// `RECOVERY_CHALLENGE`
        RecoveryChallenge = "RECOVERY_CHALLENGE",
        /// `RECOVERY`
        Recovery = "RECOVERY",
        /// `PASSWORD_RESET`
        PasswordReset = "PASSWORD_RESET",
        /// `LOCKED_OUT`
        LockedOut = "LOCKED_OUT",
        /// `MFA_ENROLL`
        MfaEnroll = "MFA_ENROLL",
        /// `MFA_ENROLL_ACTIVATE`
        MfaEnrollActivate = "MFA_ENROLL_ACTIVATE",
        /// `MFA_REQUIRED`
        MfaRequired = "MFA_REQUIRED",
        /// `MFA_CHALLENGE`
        MfaChallenge = "MFA_CHALLENGE",
        /// `SUCCESS`
        Success = "SUCCESS",
        /// `POLL` (waiting room, observed in the widget)
        Poll = "POLL",
        /// `FACTOR_REQUIRED` (alias of MFA_REQUIRED)
        FactorRequired = "FACTOR_REQUIRED",
        /// `FACTOR_CHALLENGE` (alias of MFA_CHALLENGE)
        FactorChallenge = "FACTOR_CHALLENGE",
        /// `FACTOR_ENROLL` (alias of MFA_ENROLL)
        FactorEnroll = "FACTOR_ENROLL",
        /// `FACTOR_ENROLL_ACTIVATE` (alias of MFA_ENROLL_ACTIVATE)
        FactorEnrollActivate = "FACTOR_ENROLL_ACTIVATE",
    }
);

wire_enum!(
    /// `factorType`.
    FactorType {
        /// Security question.
        Question = "question",
        /// SMS one-time code.
        Sms = "sms",
        /// Voice call one-time code.
        Call = "call",
        /// Email one-time code.
        Email = "email",
        /// Software TOTP (Okta Verify OTP, Google Authenticator).
        TokenSoftwareTotp = "token:software:totp",
        /// Okta Verify push.
        Push = "push",
        /// RSA SecurID / Symantec VIP token.
        Token = "token",
        /// YubiKey OTP.
        TokenHardware = "token:hardware",
        /// Custom HOTP.
        TokenHotp = "token:hotp",
        /// Duo.
        Web = "web",
        /// FIDO U2F.
        U2f = "u2f",
        /// WebAuthn.
        Webauthn = "webauthn",
        /// Password (factor sequencing).
        Password = "password",
        /// Custom SAML IdP factor.
        AssertionSaml2 = "assertion:saml2",
        /// Custom OIDC IdP factor.
        AssertionOidc = "assertion:oidc",
        /// Claims provider.
        ClaimsProvider = "claims_provider",
    }
);

wire_enum!(
    /// Factor `provider`.
    Provider {
        /// `OKTA`
        Okta = "OKTA",
        /// `GOOGLE`
        Google = "GOOGLE",
        /// `RSA`
        Rsa = "RSA",
        /// `SYMANTEC`
        Symantec = "SYMANTEC",
        /// `YUBICO`
        Yubico = "YUBICO",
        /// `DUO`
        Duo = "DUO",
        /// `FIDO`
        Fido = "FIDO",
        /// `CUSTOM`
        Custom = "CUSTOM",
        /// `GENERIC_SAML`
        GenericSaml = "GENERIC_SAML",
        /// `GENERIC_OIDC`
        GenericOidc = "GENERIC_OIDC",
    }
);

wire_enum!(
    /// `factorResult` of an asynchronous factor.
    FactorResult {
        /// `WAITING`: keep polling.
        Waiting = "WAITING",
        /// `SUCCESS`
        Success = "SUCCESS",
        /// `REJECTED`: the user denied the push.
        Rejected = "REJECTED",
        /// `TIMEOUT`
        Timeout = "TIMEOUT",
        /// `TIME_WINDOW_EXCEEDED`
        TimeWindowExceeded = "TIME_WINDOW_EXCEEDED",
        /// `PASSCODE_REPLAYED`
        PasscodeReplayed = "PASSCODE_REPLAYED",
        /// `ERROR`
        Error = "ERROR",
        /// `CANCELLED`
        Cancelled = "CANCELLED",
        /// `CHALLENGE` (WebAuthn, email)
        Challenge = "CHALLENGE",
        /// `FAILED` (custom / IdP factors)
        Failed = "FAILED",
    }
);

wire_enum!(
    /// A factor's `status` in MFA_ENROLL.
    FactorStatus {
        /// `NOT_SETUP`
        NotSetup = "NOT_SETUP",
        /// `ACTIVE`
        Active = "ACTIVE",
        /// `PENDING_ACTIVATION`
        PendingActivation = "PENDING_ACTIVATION",
        /// `ENROLLED`
        Enrolled = "ENROLLED",
        /// `INACTIVE`
        Inactive = "INACTIVE",
        /// `EXPIRED`
        Expired = "EXPIRED",
    }
);

wire_enum!(
    /// A factor's `enrollment` requirement in MFA_ENROLL.
    Enrollment {
        /// `REQUIRED`
        Required = "REQUIRED",
        /// `OPTIONAL`
        Optional = "OPTIONAL",
    }
);

wire_enum!(
    /// Top-level `recoveryType`.
    RecoveryType {
        /// `PASSWORD`
        Password = "PASSWORD",
        /// `UNLOCK`
        Unlock = "UNLOCK",
        /// `ACCOUNT_ACTIVATION`
        AccountActivation = "ACCOUNT_ACTIVATION",
    }
);

/// The channel used to start a recovery (forgot password / unlock); serialises uppercase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RecoveryFactor {
    /// `EMAIL`
    Email,
    /// `SMS`
    Sms,
    /// `CALL`
    Call,
}

impl RecoveryFactor {
    /// The wire string (`EMAIL`, `SMS`, `CALL`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "EMAIL",
            Self::Sms => "SMS",
            Self::Call => "CALL",
        }
    }

    /// Case-insensitive parse; `None` for anything else.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::Email, Self::Sms, Self::Call]
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(value))
    }
}

// ---------------------------------------------------------------------------------------------------
// Lenient field helpers

/// Deserializes `T`, or `None` when the value is null or of the wrong shape.
fn lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    Ok(T::deserialize(value).ok())
}

/// Deserializes a list, dropping elements of the wrong shape; anything but an array gives an empty list.
fn lenient_vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    Ok(vec_from_value(value))
}

fn vec_from_value<T: DeserializeOwned>(value: Value) -> Vec<T> {
    match value {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| T::deserialize(item).ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// An ISO-8601 / RFC 3339 timestamp, or `None`.
fn lenient_time<'de, D>(deserializer: D) -> Result<Option<OffsetDateTime>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Value::deserialize(deserializer)?;
    Ok(value.as_str().and_then(parse_time))
}

/// Parses an RFC 3339 timestamp as Okta sends it (`2015-11-03T10:15:57.000Z`).
pub fn parse_time(value: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339).ok()
}

/// A number or a numeric string as `u32`.
fn lenient_u32<'de, D>(deserializer: D) -> Result<Option<u32>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Value::deserialize(deserializer)?;
    Ok(value_to_u64(&value).and_then(|n| u32::try_from(n).ok()))
}

/// A number or a numeric string as `u64`.
fn lenient_u64<'de, D>(deserializer: D) -> Result<Option<u64>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Value::deserialize(deserializer)?;
    Ok(value_to_u64(&value))
}

fn value_to_u64(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A bool, or the strings `"true"` / `"false"` (one Okta doc sample quotes `excludeUsername`).
fn lenient_bool<'de, D>(deserializer: D) -> Result<Option<bool>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Value::deserialize(deserializer)?;
    Ok(match value {
        Value::Bool(b) => Some(b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    })
}

// ---------------------------------------------------------------------------------------------------
// Links

/// One HAL link. `Debug` redacts token query parameters in `href`.
#[derive(Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    /// Target URL (absolute).
    pub href: String,
    /// Operation hint (`next.name` such as `poll`, or a resend channel such as `sms`).
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
    /// `hints.allow`, e.g. `["POST"]`.
    #[serde(default, deserialize_with = "lenient")]
    pub hints: Option<Hints>,
    /// A title (externally managed password links carry one).
    #[serde(default, deserialize_with = "lenient")]
    pub title: Option<String>,
    /// A media type (`image/png` for `qrcode`).
    #[serde(default, rename = "type", deserialize_with = "lenient")]
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
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
pub struct Hints {
    /// Allowed HTTP methods.
    #[serde(default, deserialize_with = "lenient_vec")]
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

fn lenient_links<'de, D>(deserializer: D) -> Result<OneOrMany<Link>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Value::deserialize(deserializer)?;
    Ok(match value {
        Value::Array(_) => OneOrMany::Many(vec_from_value(value)),
        other => Link::deserialize(other)
            .map(OneOrMany::One)
            .unwrap_or_default(),
    })
}

/// `_links` of a transaction, a factor, an activation or a target. Unknown relations are ignored.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Links {
    /// The next operation.
    #[serde(deserialize_with = "lenient")]
    pub next: Option<Link>,
    /// Back one step.
    #[serde(deserialize_with = "lenient")]
    pub prev: Option<Link>,
    /// Cancel the transaction.
    #[serde(deserialize_with = "lenient")]
    pub cancel: Option<Link>,
    /// Skip the optional step.
    #[serde(deserialize_with = "lenient")]
    pub skip: Option<Link>,
    /// Resend a code or push: one object (recovery) or an array (MFA).
    #[serde(deserialize_with = "lenient_links")]
    pub resend: OneOrMany<Link>,
    /// Enroll this factor.
    #[serde(deserialize_with = "lenient")]
    pub enroll: Option<Link>,
    /// Verify this factor.
    #[serde(deserialize_with = "lenient")]
    pub verify: Option<Link>,
    /// List security questions (GET).
    #[serde(deserialize_with = "lenient")]
    pub questions: Option<Link>,
    /// QR code image of an activation.
    #[serde(deserialize_with = "lenient")]
    pub qrcode: Option<Link>,
    /// Activation-link senders (push: email, sms).
    #[serde(deserialize_with = "lenient_links")]
    pub send: OneOrMany<Link>,
    /// Restart an activation.
    #[serde(deserialize_with = "lenient")]
    pub activate: Option<Link>,
    /// Duo script.
    #[serde(deserialize_with = "lenient")]
    pub script: Option<Link>,
    /// Duo completion callback.
    #[serde(deserialize_with = "lenient")]
    pub complete: Option<Link>,
    /// Step-up original resource redirect.
    #[serde(deserialize_with = "lenient")]
    pub original: Option<Link>,
    /// Logo of a target app.
    #[serde(deserialize_with = "lenient_links")]
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transaction {
    /// `status` (the only required field).
    pub status: Status,
    /// `stateToken`.
    #[serde(default, deserialize_with = "lenient")]
    pub state_token: Option<StateToken>,
    /// `type` (e.g. `SESSION_STEP_UP`, `SESSION_SSO`).
    #[serde(default, rename = "type", deserialize_with = "lenient")]
    pub kind: Option<String>,
    /// `expiresAt`.
    #[serde(default, deserialize_with = "lenient_time")]
    pub expires_at: Option<OffsetDateTime>,
    /// `relayState`.
    #[serde(default, deserialize_with = "lenient")]
    pub relay_state: Option<String>,
    /// `factorResult`.
    #[serde(default, deserialize_with = "lenient")]
    pub factor_result: Option<FactorResult>,
    /// `factorResultMessage` (observed).
    #[serde(default, deserialize_with = "lenient")]
    pub factor_result_message: Option<String>,
    /// `factorType` (recovery: `EMAIL`/`SMS`/`CALL`, any case; WebAuthn verify by type).
    #[serde(default, deserialize_with = "lenient")]
    pub factor_type: Option<FactorType>,
    /// `recoveryType`.
    #[serde(default, deserialize_with = "lenient")]
    pub recovery_type: Option<RecoveryType>,
    /// `recoveryToken` (trusted apps).
    #[serde(default, deserialize_with = "lenient")]
    pub recovery_token: Option<RecoveryToken>,
    /// `sessionToken`.
    #[serde(default, deserialize_with = "lenient")]
    pub session_token: Option<SessionToken>,
    /// `challengeType` (`FACTOR` | `FACTOR_TYPE`, WebAuthn).
    #[serde(default, deserialize_with = "lenient")]
    pub challenge_type: Option<String>,
    /// `_embedded`.
    #[serde(default, rename = "_embedded", deserialize_with = "lenient_default")]
    pub embedded: Embedded,
    /// `_links`.
    #[serde(default, rename = "_links", deserialize_with = "lenient_default")]
    pub links: Links,
}

fn lenient_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    Ok(lenient(deserializer)?.unwrap_or_default())
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
        Self::deserialize(value).map_err(|_| ParseError::MissingStatus)
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
    pub(crate) fn every_factor(&self) -> impl Iterator<Item = &WireFactor> {
        self.embedded
            .factors
            .iter()
            .chain(self.embedded.factor.as_ref())
    }
}

/// `_embedded` of a transaction.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(from = "RawEmbedded")]
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
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawEmbedded {
    #[serde(deserialize_with = "lenient")]
    user: Option<WireUser>,
    factors: Option<Value>,
    factor: Option<Value>,
    #[serde(deserialize_with = "lenient")]
    policy: Option<WirePolicy>,
    #[serde(deserialize_with = "lenient")]
    target: Option<WireTarget>,
    #[serde(deserialize_with = "lenient")]
    authentication: Option<WireAuthentication>,
    #[serde(deserialize_with = "lenient")]
    transaction: Option<WirePollTransaction>,
    #[serde(deserialize_with = "lenient")]
    challenge: Option<Value>,
}

impl From<RawEmbedded> for Embedded {
    fn from(raw: RawEmbedded) -> Self {
        let mut factors = Vec::new();
        let mut factor = None;
        match raw.factors {
            Some(value @ Value::Array(_)) => factors = vec_from_value(value),
            Some(value @ Value::Object(_)) => factors.extend(WireFactor::deserialize(value).ok()),
            _ => {}
        }
        match raw.factor {
            Some(value @ Value::Array(_)) if factors.is_empty() => factors = vec_from_value(value),
            Some(value @ Value::Object(_)) => factor = WireFactor::deserialize(value).ok(),
            _ => {}
        }
        Self {
            user: raw.user,
            factors,
            factor,
            policy: raw.policy,
            target: raw.target,
            authentication: raw.authentication,
            transaction: raw.transaction,
            challenge: raw.challenge,
        }
    }
}

/// `_embedded.user`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WireUser {
    /// User id.
    #[serde(deserialize_with = "lenient")]
    pub id: Option<String>,
    /// `passwordChanged`.
    #[serde(deserialize_with = "lenient_time")]
    pub password_changed: Option<OffsetDateTime>,
    /// `profile`.
    #[serde(deserialize_with = "lenient_default")]
    pub profile: WireUserProfile,
    /// `recovery_question` (RECOVERY).
    #[serde(rename = "recovery_question", deserialize_with = "lenient")]
    pub recovery_question: Option<WireRecoveryQuestion>,
}

/// `_embedded.user.profile`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WireUserProfile {
    /// `login`.
    #[serde(deserialize_with = "lenient")]
    pub login: Option<String>,
    /// `firstName`.
    #[serde(deserialize_with = "lenient")]
    pub first_name: Option<String>,
    /// `lastName`.
    #[serde(deserialize_with = "lenient")]
    pub last_name: Option<String>,
    /// `locale`.
    #[serde(deserialize_with = "lenient")]
    pub locale: Option<String>,
    /// `timeZone`.
    #[serde(deserialize_with = "lenient")]
    pub time_zone: Option<String>,
}

/// `recovery_question`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct WireRecoveryQuestion {
    /// The question text.
    #[serde(deserialize_with = "lenient")]
    pub question: Option<String>,
}

/// One factor object (`_embedded.factors[]` / `_embedded.factor`).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WireFactor {
    /// Factor id (absent before enrollment).
    #[serde(deserialize_with = "lenient")]
    pub id: Option<String>,
    /// `factorType`.
    #[serde(deserialize_with = "lenient")]
    pub factor_type: Option<FactorType>,
    /// `provider`.
    #[serde(deserialize_with = "lenient")]
    pub provider: Option<Provider>,
    /// `vendorName`.
    #[serde(deserialize_with = "lenient")]
    pub vendor_name: Option<String>,
    /// `status` (MFA_ENROLL).
    #[serde(deserialize_with = "lenient")]
    pub status: Option<FactorStatus>,
    /// `enrollment` (MFA_ENROLL).
    #[serde(deserialize_with = "lenient")]
    pub enrollment: Option<Enrollment>,
    /// `profile`.
    #[serde(deserialize_with = "lenient_default")]
    pub profile: WireFactorProfile,
    /// `_links`.
    #[serde(rename = "_links", deserialize_with = "lenient_default")]
    pub links: Links,
    /// `_embedded`.
    #[serde(rename = "_embedded", deserialize_with = "lenient_default")]
    pub embedded: WireFactorEmbedded,
}

/// A factor's `profile`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WireFactorProfile {
    /// Masked phone number.
    #[serde(deserialize_with = "lenient")]
    pub phone_number: Option<String>,
    /// Phone extension.
    #[serde(deserialize_with = "lenient")]
    pub phone_extension: Option<String>,
    /// Masked email.
    #[serde(deserialize_with = "lenient")]
    pub email: Option<String>,
    /// Question key.
    #[serde(deserialize_with = "lenient")]
    pub question: Option<String>,
    /// Question text.
    #[serde(deserialize_with = "lenient")]
    pub question_text: Option<String>,
    /// Credential id.
    #[serde(deserialize_with = "lenient")]
    pub credential_id: Option<String>,
    /// Push device name.
    #[serde(deserialize_with = "lenient")]
    pub name: Option<String>,
    /// WebAuthn authenticator name.
    #[serde(deserialize_with = "lenient")]
    pub authenticator_name: Option<String>,
}

/// A factor's `_embedded`. `Debug` redacts secrets inside the raw objects (the TOTP `sharedSecret`).
#[derive(Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct WireFactorEmbedded {
    /// Activation data (MFA_ENROLL_ACTIVATE), kept raw as well for WebAuthn/U2F/Duo.
    #[serde(deserialize_with = "lenient")]
    pub activation: Option<Value>,
    /// Challenge data (MFA_CHALLENGE): `correctAnswer`, U2F nonce, WebAuthn options.
    #[serde(deserialize_with = "lenient")]
    pub challenge: Option<Value>,
    /// Duo verification data.
    #[serde(deserialize_with = "lenient")]
    pub verification: Option<Value>,
    /// Phones already on file (MFA_ENROLL sms/call).
    #[serde(deserialize_with = "lenient_vec")]
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
#[derive(Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WireActivation {
    /// TOTP shared secret.
    #[serde(deserialize_with = "lenient")]
    pub shared_secret: Option<String>,
    /// `base32` | `base64`.
    #[serde(deserialize_with = "lenient")]
    pub encoding: Option<String>,
    /// TOTP step in seconds.
    #[serde(deserialize_with = "lenient_u32")]
    pub time_step: Option<u32>,
    /// Number of digits.
    #[serde(deserialize_with = "lenient_u32")]
    pub key_length: Option<u32>,
    /// Activation expiry.
    #[serde(deserialize_with = "lenient_time")]
    pub expires_at: Option<OffsetDateTime>,
    /// Push / Duo activation result.
    #[serde(deserialize_with = "lenient")]
    pub factor_result: Option<FactorResult>,
    /// `_links` (`qrcode`, `send`, `activate`, `script`, `complete`).
    #[serde(rename = "_links", deserialize_with = "lenient_default")]
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
        Self::deserialize(value.clone()).unwrap_or_default()
    }
}

/// A phone on file.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct WirePhone {
    /// Phone id.
    #[serde(deserialize_with = "lenient")]
    pub id: Option<String>,
    /// Profile with the masked phone number.
    #[serde(deserialize_with = "lenient_default")]
    pub profile: WireFactorProfile,
    /// `ACTIVE` | `INACTIVE`.
    #[serde(deserialize_with = "lenient")]
    pub status: Option<String>,
}

/// `_embedded.policy`: two shapes under one key.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum WirePolicy {
    /// Remember-device policy (MFA_REQUIRED / MFA_CHALLENGE / UNAUTHENTICATED).
    RememberDevice(WireRememberDevicePolicy),
    /// Password policy (PASSWORD_WARN / EXPIRED / RESET).
    Password(WirePasswordPolicy),
}

/// Remember-device policy; requires `allowRememberDevice` to tell it apart from a password policy.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireRememberDevicePolicy {
    /// `allowRememberDevice`.
    pub allow_remember_device: bool,
    /// `rememberDeviceByDefault`.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub remember_device_by_default: Option<bool>,
    /// `rememberDeviceLifetimeInMinutes`.
    #[serde(default, deserialize_with = "lenient_u64")]
    pub remember_device_lifetime_in_minutes: Option<u64>,
    /// `factorsPolicyInfo` (per factor id: `autoPushEnabled`).
    #[serde(default, deserialize_with = "lenient")]
    pub factors_policy_info: Option<Value>,
}

/// Password policy.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct WirePasswordPolicy {
    /// `expiration`.
    #[serde(deserialize_with = "lenient_default")]
    pub expiration: WireExpiration,
    /// `complexity`.
    #[serde(deserialize_with = "lenient_default")]
    pub complexity: WireComplexity,
    /// `age`.
    #[serde(deserialize_with = "lenient_default")]
    pub age: WireAge,
}

/// `policy.expiration`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WireExpiration {
    /// Days until (PASSWORD_WARN) the password expires.
    #[serde(deserialize_with = "lenient_u32")]
    pub password_expire_days: Option<u32>,
}

/// `policy.complexity`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WireComplexity {
    /// `minLength`.
    #[serde(deserialize_with = "lenient_u32")]
    pub min_length: Option<u32>,
    /// `minLowerCase`.
    #[serde(deserialize_with = "lenient_u32")]
    pub min_lower_case: Option<u32>,
    /// `minUpperCase`.
    #[serde(deserialize_with = "lenient_u32")]
    pub min_upper_case: Option<u32>,
    /// `minNumber`.
    #[serde(deserialize_with = "lenient_u32")]
    pub min_number: Option<u32>,
    /// `minSymbol`.
    #[serde(deserialize_with = "lenient_u32")]
    pub min_symbol: Option<u32>,
    /// `excludeUsername` (bool or `"true"`).
    #[serde(deserialize_with = "lenient_bool")]
    pub exclude_username: Option<bool>,
}

/// `policy.age`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WireAge {
    /// `minAgeMinutes`.
    #[serde(deserialize_with = "lenient_u32")]
    pub min_age_minutes: Option<u32>,
    /// `historyCount`.
    #[serde(deserialize_with = "lenient_u32")]
    pub history_count: Option<u32>,
}

/// `_embedded.target` (step-up).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct WireTarget {
    /// `type` (e.g. `APP`).
    #[serde(rename = "type", deserialize_with = "lenient")]
    pub kind: Option<String>,
    /// `name`.
    #[serde(deserialize_with = "lenient")]
    pub name: Option<String>,
    /// `label`.
    #[serde(deserialize_with = "lenient")]
    pub label: Option<String>,
    /// `_links` (logo).
    #[serde(rename = "_links", deserialize_with = "lenient_default")]
    pub links: Links,
}

/// `_embedded.authentication` (step-up).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct WireAuthentication {
    /// `protocol` (`SAML2.0`, `SAML1.1`, `WS-FED`).
    #[serde(deserialize_with = "lenient")]
    pub protocol: Option<String>,
    /// `issuer`.
    #[serde(deserialize_with = "lenient_default")]
    pub issuer: WireIssuer,
}

/// `authentication.issuer`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct WireIssuer {
    /// `id`.
    #[serde(deserialize_with = "lenient")]
    pub id: Option<String>,
    /// `name`.
    #[serde(deserialize_with = "lenient")]
    pub name: Option<String>,
    /// `uri`.
    #[serde(deserialize_with = "lenient")]
    pub uri: Option<String>,
}

/// `_embedded.transaction` of the POLL waiting room.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct WirePollTransaction {
    /// `profile`.
    #[serde(deserialize_with = "lenient_default")]
    pub profile: WirePollProfile,
}

/// `_embedded.transaction.profile`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct WirePollProfile {
    /// Poll interval in milliseconds.
    #[serde(deserialize_with = "lenient_u64")]
    pub refresh: Option<u64>,
}

/// One entry of the security-question list (`GET .../factors/questions`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireQuestion {
    /// Question key.
    pub question: String,
    /// Display text.
    #[serde(default, deserialize_with = "lenient")]
    pub question_text: Option<String>,
}

/// An error body (`errorCode`, `errorSummary`, ...).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WireError {
    /// `errorCode`.
    #[serde(deserialize_with = "lenient")]
    pub error_code: Option<String>,
    /// `errorSummary`.
    #[serde(deserialize_with = "lenient")]
    pub error_summary: Option<String>,
    /// `errorLink`.
    #[serde(deserialize_with = "lenient")]
    pub error_link: Option<String>,
    /// `errorId`.
    #[serde(deserialize_with = "lenient")]
    pub error_id: Option<String>,
    /// `errorCauses`.
    #[serde(deserialize_with = "lenient_vec")]
    pub error_causes: Vec<WireErrorCause>,
}

/// One `errorCauses[]` entry.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WireErrorCause {
    /// `errorSummary`.
    #[serde(deserialize_with = "lenient")]
    pub error_summary: Option<String>,
}
