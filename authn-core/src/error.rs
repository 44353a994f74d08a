//! Errors: the server's [`ApiError`], its [`ErrorCode`], the [`Recovery`] class shells act on, and the
//! flow's [`FlowError`].
//!
//! # Recovery table (every code of authn-protocol.md §4)
//!
//! | code | meaning | recovery |
//! |---|---|---|
//! | E0000004 | authentication failed | `auth_failed` |
//! | E0000011 | invalid / expired token | `restart` |
//! | E0000079 | operation not allowed in this state | `refresh` |
//! | E0000068 | invalid passcode / answer / assertion | `retry_step` |
//! | E0000069 | user locked | `locked` |
//! | E0000119 | account locked, contact admin | `locked` |
//! | E0000014 | credential update failed | `retry_step` |
//! | E0000080 | new password fails complexity | `retry_step` |
//! | E0000087 | wrong recovery answer | `retry_step` |
//! | E0000095 | recovery not allowed for unknown user | `retry_step` |
//! | E0000105 | recovery link expired or used | `restart` |
//! | E0000082 / E0000083 | passcode replayed / outside time window | `retry_step` |
//! | E0000113 | extra challenge (RSA new PIN) | `retry_step` |
//! | E0000006 | no permission | `retry_step` |
//! | E0000098 | invalid phone number | `retry_step` |
//! | E0000001 | API validation failed | `retry_step` |
//! | E0000003 | malformed JSON body (a client bug) | `protocol` |
//! | E0000047 | rate limit exceeded | `rate_limited` |
//! | E0000109 / E0000133 / E0000118 | SMS / call / email sent too recently | `rate_limited` |
//! | E0000146 / E0000147 / E0000150 / E0000151 / E0000204 / E0000205 | SMS / call quotas | `retry_step` (choose another factor) |
//! | E0000064 | password expired | `restart` |
//! | E0000009 / E0000010 | internal error / read-only org | `server` |
//! | other codes | - | by HTTP status: 429 `rate_limited`, 5xx `server`, 401 `auth_failed`, else `retry_step` |
//!
//! Independently of the code, any 429 response yields [`FlowError::RateLimited`] (`rate_limited`) and any
//! 5xx yields [`FlowError::Server`] (`server`).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::action::ActionKind;
use crate::state::StateKind;
use crate::wire::WireError;

macro_rules! error_codes {
    ($($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)?) => {
        /// An Okta `errorCode`. `Other` keeps codes this client does not know.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[$vmeta])* $variant,)+
            /// Any other code, as sent.
            Other(String),
        }

        impl ErrorCode {
            /// Every known code (not `Other`).
            pub const KNOWN: &'static [ErrorCode] = &[$(Self::$variant),+];

            /// The wire code, e.g. `E0000004`.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Other(code) => code,
                }
            }

            /// Parses a wire code; unknown codes become `Other`.
            pub fn parse(code: &str) -> Self {
                match code {
                    $($wire => Self::$variant,)+
                    other => Self::Other(other.to_owned()),
                }
            }
        }
    };
}

error_codes! {
    /// E0000001: API validation failed.
    ApiValidationFailed = "E0000001",
    /// E0000003: malformed JSON body.
    MalformedRequest = "E0000003",
    /// E0000004: authentication failed.
    AuthenticationFailed = "E0000004",
    /// E0000006: no permission.
    AccessDenied = "E0000006",
    /// E0000009: internal server error.
    InternalServerError = "E0000009",
    /// E0000010: org in read-only mode.
    ReadOnlyOrg = "E0000010",
    /// E0000011: invalid token (expired / revoked stateToken, bad recoveryToken).
    InvalidToken = "E0000011",
    /// E0000014: update of credentials failed.
    CredentialsUpdateFailed = "E0000014",
    /// E0000047: rate limit exceeded.
    RateLimitExceeded = "E0000047",
    /// E0000064: password expired.
    PasswordExpired = "E0000064",
    /// E0000068: invalid passcode / answer.
    InvalidPasscode = "E0000068",
    /// E0000069: user locked.
    UserLocked = "E0000069",
    /// E0000079: operation not allowed in the current state.
    InvalidState = "E0000079",
    /// E0000080: new password does not meet complexity.
    PasswordComplexity = "E0000080",
    /// E0000082: passcode replayed.
    PasscodeReplayed = "E0000082",
    /// E0000083: passcode outside the time window.
    PasscodeOutsideWindow = "E0000083",
    /// E0000087: wrong recovery answer.
    InvalidRecoveryAnswer = "E0000087",
    /// E0000095: recovery not allowed for an unknown user.
    RecoveryForbiddenUnknownUser = "E0000095",
    /// E0000098: invalid phone number.
    InvalidPhoneNumber = "E0000098",
    /// E0000105: recovery link expired or used.
    RecoveryLinkExpired = "E0000105",
    /// E0000109: SMS sent too recently.
    SmsTooRecent = "E0000109",
    /// E0000113: factor needs an extra challenge (RSA new PIN).
    ExtraChallengeRequired = "E0000113",
    /// E0000118: email sent too recently.
    EmailTooRecent = "E0000118",
    /// E0000119: account locked, contact the administrator.
    AccountLockedContactAdmin = "E0000119",
    /// E0000133: call made too recently.
    CallTooRecent = "E0000133",
    /// E0000146: org SMS quota reached.
    OrgSmsQuota = "E0000146",
    /// E0000147: user SMS quota reached.
    UserSmsQuota = "E0000147",
    /// E0000150: org call quota reached.
    OrgCallQuota = "E0000150",
    /// E0000151: user call quota reached.
    UserCallQuota = "E0000151",
    /// E0000204: org telephony quota reached.
    OrgTelephonyQuota = "E0000204",
    /// E0000205: user telephony quota reached.
    UserTelephonyQuota = "E0000205",
}

impl ErrorCode {
    /// The recovery class of this code (see the module table); `http_status` decides for `Other`.
    pub fn recovery(&self, http_status: u16) -> Recovery {
        match self {
            Self::AuthenticationFailed => Recovery::AuthFailed,
            Self::InvalidToken | Self::RecoveryLinkExpired | Self::PasswordExpired => {
                Recovery::Restart
            }
            Self::InvalidState => Recovery::Refresh,
            Self::UserLocked | Self::AccountLockedContactAdmin => Recovery::Locked,
            Self::InvalidPasscode
            | Self::CredentialsUpdateFailed
            | Self::PasswordComplexity
            | Self::InvalidRecoveryAnswer
            | Self::RecoveryForbiddenUnknownUser
            | Self::PasscodeReplayed
            | Self::PasscodeOutsideWindow
            | Self::ExtraChallengeRequired
            | Self::AccessDenied
            | Self::InvalidPhoneNumber
            | Self::ApiValidationFailed
            | Self::OrgSmsQuota
            | Self::UserSmsQuota
            | Self::OrgCallQuota
            | Self::UserCallQuota
            | Self::OrgTelephonyQuota
            | Self::UserTelephonyQuota => Recovery::RetryStep,
            Self::MalformedRequest => Recovery::Protocol,
            Self::RateLimitExceeded
            | Self::SmsTooRecent
            | Self::EmailTooRecent
            | Self::CallTooRecent => Recovery::RateLimited,
            Self::InternalServerError | Self::ReadOnlyOrg => Recovery::Server,
            Self::Other(_) => match http_status {
                429 => Recovery::RateLimited,
                500..=599 => Recovery::Server,
                401 => Recovery::AuthFailed,
                _ => Recovery::RetryStep,
            },
        }
    }
}

impl ErrorCode {
    /// True when the server has ended the transaction with this error: the stateToken is invalid or
    /// expired (E0000011), or the user got locked during it (E0000069, E0000119).
    pub fn ends_transaction(&self) -> bool {
        matches!(
            self,
            Self::InvalidToken | Self::UserLocked | Self::AccountLockedContactAdmin
        )
    }

    /// The documented resend window of a "sent too recently" code (SMS and call 30 s, email 5 s): the
    /// least a client must wait before it resends, whatever the rate-limit headers say.
    pub fn resend_window(&self) -> Option<std::time::Duration> {
        match self {
            Self::SmsTooRecent | Self::CallTooRecent => Some(std::time::Duration::from_secs(30)),
            Self::EmailTooRecent => Some(std::time::Duration::from_secs(5)),
            _ => None,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(deserializer)?))
    }
}

/// What the user (or the shell) should do after an error. The widget and the CLI reuse these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recovery {
    /// Stay in the state and let the user correct the input (bad passcode, password rules, ...).
    RetryStep,
    /// Generic "sign-in failed" (E0000004); do not reveal which part was wrong.
    AuthFailed,
    /// The transaction is gone (E0000011 / local expiry): start again from sign-in.
    Restart,
    /// The state changed under us (E0000079): re-fetch the state.
    Refresh,
    /// The account is locked (E0000069, E0000119).
    Locked,
    /// Too many requests: wait, then retry.
    RateLimited,
    /// Server error (5xx): retry later.
    Server,
    /// The request did not reach the server: retry.
    Network,
    /// The response was malformed: a bug on one side.
    Protocol,
}

impl Recovery {
    /// Every class.
    pub const ALL: [Recovery; 9] = [
        Self::RetryStep,
        Self::AuthFailed,
        Self::Restart,
        Self::Refresh,
        Self::Locked,
        Self::RateLimited,
        Self::Server,
        Self::Network,
        Self::Protocol,
    ];

    /// snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RetryStep => "retry_step",
            Self::AuthFailed => "auth_failed",
            Self::Restart => "restart",
            Self::Refresh => "refresh",
            Self::Locked => "locked",
            Self::RateLimited => "rate_limited",
            Self::Server => "server",
            Self::Network => "network",
            Self::Protocol => "protocol",
        }
    }
}

impl std::fmt::Display for Recovery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error response from Okta.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// `errorCode` (`Other("")` when the body had none).
    pub code: ErrorCode,
    /// `errorSummary` (untrusted text: render as text).
    pub summary: String,
    /// `errorCauses[].errorSummary` (field-level reasons such as password rules).
    pub causes: Vec<String>,
    /// `errorId`.
    pub error_id: Option<String>,
    /// `X-Okta-Request-Id` header.
    pub request_id: Option<String>,
}

impl ApiError {
    /// Builds from a status, a body (may be anything) and the request id header.
    pub fn from_body(status: u16, body: &str, request_id: Option<String>) -> Self {
        let wire: WireError = serde_json::from_str(body).unwrap_or_default();
        Self::from_wire(status, wire, request_id)
    }

    /// Builds from a parsed error body.
    pub fn from_wire(status: u16, wire: WireError, request_id: Option<String>) -> Self {
        Self {
            status,
            code: ErrorCode::parse(wire.error_code.as_deref().unwrap_or("")),
            summary: wire.error_summary.unwrap_or_default(),
            causes: wire
                .error_causes
                .into_iter()
                .filter_map(|c| c.error_summary)
                .filter(|s| !s.is_empty())
                .collect(),
            error_id: wire.error_id,
            request_id,
        }
    }

    /// The recovery class (see the module table).
    pub fn recovery(&self) -> Recovery {
        self.code.recovery(self.status)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP {} {}", self.status, self.code)?;
        if !self.summary.is_empty() {
            write!(f, ": {}", self.summary)?;
        }
        Ok(())
    }
}

/// Everything that can go wrong while driving a flow. The flow stays usable after any of these.
///
/// Server errors are boxed so that `Result<_, FlowError>` stays small for every caller.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FlowError {
    /// The action is not offered in this state (no published link, or not an entry point now).
    #[error("{action} is not allowed in state {state}")]
    NotAllowed {
        /// Current state.
        state: StateKind,
        /// Refused action.
        action: ActionKind,
    },
    /// The server answered with an error.
    #[error("the server refused the request ({0})")]
    Api(Box<ApiError>),
    /// The stateToken passed its `expiresAt` (detected locally).
    #[error("the sign-in transaction expired; start again")]
    Expired,
    /// Too many requests; retry after `retry_after`.
    #[error("too many requests; retry in {} s", retry_after.as_secs())]
    RateLimited {
        /// How long to wait.
        retry_after: Duration,
        /// The error body, when there was one.
        error: Option<Box<ApiError>>,
    },
    /// The request did not complete.
    #[error("network error: {0}")]
    Network(String),
    /// The response could not be understood.
    #[error("unexpected response: {0}")]
    Protocol(String),
    /// The server failed (5xx).
    #[error("server error ({0})")]
    Server(Box<ApiError>),
    /// The action needs data the user did not supply or the state lacks (e.g. an unknown factor id).
    #[error("invalid input: {0}")]
    InvalidInput(String),
}

impl FlowError {
    /// The recovery class.
    pub fn recovery(&self) -> Recovery {
        match self {
            Self::NotAllowed { .. } => Recovery::RetryStep,
            Self::Api(error) => error.recovery(),
            Self::Expired => Recovery::Restart,
            Self::RateLimited { .. } => Recovery::RateLimited,
            Self::Network(_) => Recovery::Network,
            Self::Protocol(_) => Recovery::Protocol,
            Self::Server(_) => Recovery::Server,
            Self::InvalidInput(_) => Recovery::RetryStep,
        }
    }

    /// The HTTP status of the response that failed, when the server answered: the error body's status,
    /// or 429 for a rate limit without a body. `None` when nothing (or nothing understandable) came
    /// back, and for errors found before sending.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Self::RateLimited { error, .. } => Some(error.as_ref().map_or(429, |e| e.status)),
            Self::Api(error) | Self::Server(error) => Some(error.status),
            Self::NotAllowed { .. }
            | Self::Expired
            | Self::Network(_)
            | Self::Protocol(_)
            | Self::InvalidInput(_) => None,
        }
    }

    /// The server's error, if any.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Api(error) | Self::Server(error) => Some(error),
            Self::RateLimited { error, .. } => error.as_deref(),
            Self::NotAllowed { .. }
            | Self::Expired
            | Self::Network(_)
            | Self::Protocol(_)
            | Self::InvalidInput(_) => None,
        }
    }
}

/// The message a shell shows for an error: one key per meaning, so that no shell matches error codes.
/// [`ErrorMessage::ServerSummary`] means "show the server's `errorSummary` as text" (codes without a
/// stable meaning of their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorMessage {
    /// E0000004: sign-in failed (never says which part was wrong).
    AuthFailed,
    /// E0000068: the code (or assertion) was not accepted.
    InvalidCode,
    /// E0000087: the recovery answer was not accepted.
    InvalidAnswer,
    /// E0000082 / E0000083: the code was used already or is outside its time window: wait for the next.
    CodeTimeWindow,
    /// E0000069: the user is locked.
    Locked,
    /// E0000119: locked; only an administrator can unlock.
    LockedAdmin,
    /// E0000098: the phone number is not valid.
    InvalidPhone,
    /// E0000011 or a local expiry: the transaction expired; start again.
    SessionExpired,
    /// E0000105: the recovery link expired or was used.
    RecoveryLinkExpired,
    /// E0000014 / E0000080 without a summary: the new password was refused (see the causes).
    PasswordRejected,
    /// Too many requests; [`FlowError::RateLimited`] says how long to wait.
    RateLimited,
    /// The server could not be reached, or did not answer in time.
    Network,
    /// The server's answer could not be understood.
    Protocol,
    /// The server failed (5xx), or an error without a summary.
    Server,
    /// The action is not possible in this state.
    NotAllowed,
    /// The action lacked data (e.g. no factor chosen).
    InvalidInput,
    /// Show the server's `errorSummary` (as text: it may echo user input).
    ServerSummary,
}

/// The form field an error's causes belong under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorField {
    /// The new password (policy rules: E0000014, E0000080).
    NewPassword,
    /// The phone number (E0000098).
    PhoneNumber,
}

impl FlowError {
    /// The message to show (see [`ErrorMessage`]).
    pub fn message(&self) -> ErrorMessage {
        match self {
            Self::NotAllowed { .. } => ErrorMessage::NotAllowed,
            Self::Expired => ErrorMessage::SessionExpired,
            Self::RateLimited { .. } => ErrorMessage::RateLimited,
            Self::Network(_) => ErrorMessage::Network,
            Self::Protocol(_) => ErrorMessage::Protocol,
            Self::Server(_) => ErrorMessage::Server,
            Self::InvalidInput(_) => ErrorMessage::InvalidInput,
            Self::Api(error) => error.message(),
        }
    }

    /// The field the server's causes belong under, if any.
    pub fn field(&self) -> Option<ErrorField> {
        match &self.api_error()?.code {
            ErrorCode::CredentialsUpdateFailed | ErrorCode::PasswordComplexity => {
                Some(ErrorField::NewPassword)
            }
            ErrorCode::InvalidPhoneNumber => Some(ErrorField::PhoneNumber),
            _ => None,
        }
    }

    /// The server's `errorSummary` (untrusted text), or "" when there is none.
    pub fn summary(&self) -> &str {
        self.api_error().map_or("", |e| e.summary.as_str())
    }

    /// The server's `errorCauses` summaries (untrusted text).
    pub fn causes(&self) -> &[String] {
        self.api_error().map_or(&[], |e| e.causes.as_slice())
    }
}

impl ApiError {
    /// The message for this server error (see [`ErrorMessage`]).
    pub fn message(&self) -> ErrorMessage {
        let summary = if self.summary.is_empty() {
            ErrorMessage::Server
        } else {
            ErrorMessage::ServerSummary
        };
        match &self.code {
            ErrorCode::AuthenticationFailed => ErrorMessage::AuthFailed,
            ErrorCode::InvalidPasscode => ErrorMessage::InvalidCode,
            ErrorCode::InvalidRecoveryAnswer => ErrorMessage::InvalidAnswer,
            ErrorCode::PasscodeReplayed | ErrorCode::PasscodeOutsideWindow => {
                ErrorMessage::CodeTimeWindow
            }
            ErrorCode::UserLocked => ErrorMessage::Locked,
            ErrorCode::AccountLockedContactAdmin => ErrorMessage::LockedAdmin,
            ErrorCode::InvalidPhoneNumber => ErrorMessage::InvalidPhone,
            ErrorCode::InvalidToken => ErrorMessage::SessionExpired,
            ErrorCode::RecoveryLinkExpired => ErrorMessage::RecoveryLinkExpired,
            ErrorCode::CredentialsUpdateFailed | ErrorCode::PasswordComplexity
                if self.summary.is_empty() =>
            {
                ErrorMessage::PasswordRejected
            }
            ErrorCode::InternalServerError | ErrorCode::ReadOnlyOrg => ErrorMessage::Server,
            ErrorCode::RateLimitExceeded
            | ErrorCode::SmsTooRecent
            | ErrorCode::EmailTooRecent
            | ErrorCode::CallTooRecent => ErrorMessage::RateLimited,
            ErrorCode::ApiValidationFailed
            | ErrorCode::MalformedRequest
            | ErrorCode::AccessDenied
            | ErrorCode::CredentialsUpdateFailed
            | ErrorCode::PasswordExpired
            | ErrorCode::InvalidState
            | ErrorCode::PasswordComplexity
            | ErrorCode::RecoveryForbiddenUnknownUser
            | ErrorCode::ExtraChallengeRequired
            | ErrorCode::OrgSmsQuota
            | ErrorCode::UserSmsQuota
            | ErrorCode::OrgCallQuota
            | ErrorCode::UserCallQuota
            | ErrorCode::OrgTelephonyQuota
            | ErrorCode::UserTelephonyQuota
            | ErrorCode::Other(_) => summary,
        }
    }
}

/// A failed action or request, as the flow reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The action that failed (`None` for a timed-out or failed poll the core started itself).
    pub action: Option<ActionKind>,
    /// What went wrong.
    pub error: FlowError,
}

impl Failure {
    /// The recovery class (what to offer next).
    pub fn recovery(&self) -> Recovery {
        self.error.recovery()
    }

    /// The message to show.
    pub fn message(&self) -> ErrorMessage {
        self.error.message()
    }
}
