//! Model of the raw `/api/v1/authn` JSON.
//!
//! Tolerant by construction: every field except `status` is optional, unknown fields are ignored, and an
//! optional field holding the wrong JSON type degrades to `None` (or an empty list) instead of failing the
//! whole response. Enumerations keep unknown wire strings in an `Unknown(String)` variant.
//!
//! The types implement `Deserialize` by reading a `serde_json::Value` and converting it with one
//! hand-written, non-generic `from_json` per type (see "Tolerant conversion from JSON"): derived serde
//! visitors with per-field `deserialize_with` helpers cost ~115 KB of the widget's wasm.

use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
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

/// How a factor is verified in MFA_REQUIRED / MFA_CHALLENGE, for shells to pick the right form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verification {
    /// A code the user reads from an app or token (TOTP, HOTP, RSA / Symantec, YubiKey OTP): `passCode`.
    Passcode,
    /// Verifying without a code sends one (SMS, voice call, email); then `passCode`.
    SentCode,
    /// The security question: `answer`.
    Question,
    /// A password factor (factor sequencing): `password`.
    Password,
    /// Okta Verify push: verify, then poll until answered.
    Push,
}

impl FactorType {
    /// How this factor type is verified, or `None` when it needs a browser or device API or an external
    /// IdP (Duo, U2F, WebAuthn, SAML / OIDC assertions, claims providers) or the type is unknown.
    pub fn verification(&self) -> Option<Verification> {
        match self {
            Self::TokenSoftwareTotp | Self::Token | Self::TokenHardware | Self::TokenHotp => {
                Some(Verification::Passcode)
            }
            Self::Sms | Self::Call | Self::Email => Some(Verification::SentCode),
            Self::Question => Some(Verification::Question),
            Self::Password => Some(Verification::Password),
            Self::Push => Some(Verification::Push),
            Self::Web
            | Self::U2f
            | Self::Webauthn
            | Self::AssertionSaml2
            | Self::AssertionOidc
            | Self::ClaimsProvider
            | Self::Unknown(_) => None,
        }
    }
}

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
