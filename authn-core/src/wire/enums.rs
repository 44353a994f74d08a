//! The wire's string enumerations: each keeps an unknown value in `Unknown(String)`, parses
//! ignoring ASCII case and serialises as the wire string.

use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

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
