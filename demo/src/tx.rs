//! Authentication transactions: one per stateToken, each behind its own async mutex so concurrent
//! requests on one transaction are serialised.

use time::OffsetDateTime;

use crate::secrets::Secret;
use crate::store::{AuthFacts, Channel, RecoveryKind};

/// Transaction states the emulator produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Verify an enrolled factor.
    MfaRequired,
    /// A challenge is outstanding.
    MfaChallenge,
    /// Enroll factors.
    MfaEnroll,
    /// Activate an enrolled factor.
    MfaEnrollActivate,
    /// Password expired.
    PasswordExpired,
    /// Password about to expire.
    PasswordWarn,
    /// Set a new password.
    PasswordReset,
    /// Answer the recovery question.
    Recovery,
    /// Prove the recovery channel.
    RecoveryChallenge,
    /// Done.
    Success,
}

impl Status {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::MfaRequired => "MFA_REQUIRED",
            Status::MfaChallenge => "MFA_CHALLENGE",
            Status::MfaEnroll => "MFA_ENROLL",
            Status::MfaEnrollActivate => "MFA_ENROLL_ACTIVATE",
            Status::PasswordExpired => "PASSWORD_EXPIRED",
            Status::PasswordWarn => "PASSWORD_WARN",
            Status::PasswordReset => "PASSWORD_RESET",
            Status::Recovery => "RECOVERY",
            Status::RecoveryChallenge => "RECOVERY_CHALLENGE",
            Status::Success => "SUCCESS",
        }
    }
}

/// Options from primary auth / recovery token.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Return to MFA_ENROLL while optional factors remain.
    pub multi_optional_factor_enroll: bool,
    /// Show PASSWORD_WARN in the warn window.
    pub warn_before_password_expired: bool,
}

/// Why the transaction exists (recovery flows and activation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Sign-in.
    SignIn,
    /// Recovery (forgot password / unlock) through `channel`.
    Recovery(RecoveryKind, Channel),
    /// Recovery started from an emailed recovery token.
    RecoveryToken(RecoveryKind),
    /// Activation token for a user without a password.
    Activation,
}

/// A one-time code sent for a challenge.
#[derive(Debug, Clone)]
pub struct SentCode {
    /// Factor id (or the recovery channel name).
    pub target: String,
    /// The code.
    pub code: Secret,
    /// Expiry.
    pub expires: OffsetDateTime,
}

/// A transaction.
#[derive(Debug, Clone)]
pub struct Tx {
    /// The stateToken.
    pub token: String,
    /// User id (`None`: recovery for an unknown username, which can never succeed).
    pub user_id: Option<String>,
    /// Current state.
    pub status: Status,
    /// Expiry (slides with each request).
    pub expires: OffsetDateTime,
    /// Closed (cancelled, finished or failed): any later use is E0000011.
    pub closed: bool,
    /// Echoed relayState.
    pub relay_state: Option<String>,
    /// Options.
    pub options: Options,
    /// Why.
    pub purpose: Purpose,
    /// Sign-on MFA satisfied (verified, remembered device, or recovery).
    pub mfa_done: bool,
    /// Password changed/reset in this transaction.
    pub password_done: bool,
    /// PASSWORD_WARN skipped.
    pub warn_done: bool,
    /// MFA_ENROLL skipped.
    pub enroll_done: bool,
    /// A factor was enrolled in this transaction.
    pub enrolled_any: bool,
    /// Factor being challenged or activated.
    pub factor_id: Option<String>,
    /// Outstanding one-time code.
    pub code: Option<SentCode>,
    /// When the last code was sent (resend throttle).
    pub last_sent: Option<OffsetDateTime>,
    /// Outstanding push id.
    pub push_id: Option<String>,
    /// `factorResult` to report with the next response.
    pub factor_result: Option<&'static str>,
    /// What was proven so far.
    pub facts: Option<AuthFacts>,
}

impl Tx {
    /// A new transaction.
    pub fn new(
        token: String,
        user_id: Option<String>,
        status: Status,
        expires: OffsetDateTime,
    ) -> Self {
        Self {
            token,
            user_id,
            status,
            expires,
            closed: false,
            relay_state: None,
            options: Options::default(),
            purpose: Purpose::SignIn,
            mfa_done: false,
            password_done: false,
            warn_done: false,
            enroll_done: false,
            enrolled_any: false,
            factor_id: None,
            code: None,
            last_sent: None,
            push_id: None,
            factor_result: None,
            facts: None,
        }
    }

    /// The recovery kind, if this is a recovery transaction.
    pub fn recovery_kind(&self) -> Option<RecoveryKind> {
        match self.purpose {
            Purpose::Recovery(kind, _) | Purpose::RecoveryToken(kind) => Some(kind),
            Purpose::SignIn | Purpose::Activation => None,
        }
    }
}
