//! Authentication transactions: one per stateToken. The [`Status`] carries the data of the current
//! step (the factor being challenged or activated, the code or push outstanding); [`Progress`] says
//! what the transaction has proven so far. Only `rules::transition` changes either.

use time::OffsetDateTime;

use crate::model::records::{AuthFacts, Channel, RecoveryKind};
use crate::scenario::AppSpec;
use crate::secrets::Secret;
use crate::webauthn::Challenge;

/// A transaction.
#[derive(Debug, Clone)]
pub struct Transaction {
    /// The stateToken.
    pub token: Secret,
    /// User id (`None`: recovery for an unknown username, which can never succeed).
    pub user_id: Option<String>,
    /// Current state and its data.
    pub status: Status,
    /// Expiry (slides with each request).
    pub expires: OffsetDateTime,
    /// Closed (cancelled, finished or failed): any later use is E0000011.
    pub closed: bool,
    /// Echoed relayState.
    pub relay_state: Option<String>,
    /// Options from primary auth or the recovery token.
    pub options: Options,
    /// Why the transaction exists.
    pub purpose: Purpose,
    /// What has been proven or decided so far.
    pub progress: Progress,
    /// What the sign-in proved (carried into the sessionToken).
    pub facts: Option<AuthFacts>,
}

impl Transaction {
    /// A new transaction for `purpose` in `status`.
    pub fn new(
        token: Secret,
        user_id: Option<String>,
        purpose: Purpose,
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
            purpose,
            progress: Progress::default(),
            facts: None,
        }
    }

    /// The recovery kind, if this is a recovery transaction.
    pub fn recovery_kind(&self) -> Option<RecoveryKind> {
        match self.purpose {
            Purpose::Recovery(kind, _) | Purpose::RecoveryToken(kind) => Some(kind),
            Purpose::SignIn | Purpose::StepUp(_) | Purpose::Activation => None,
        }
    }

    /// The step-up, if an app started this transaction.
    pub fn step_up(&self) -> Option<&StepUp> {
        match &self.purpose {
            Purpose::StepUp(step_up) => Some(step_up),
            Purpose::SignIn
            | Purpose::Recovery(..)
            | Purpose::RecoveryToken(_)
            | Purpose::Activation => None,
        }
    }

    /// Whether the user proved who they are in this transaction, or came with a session.
    pub fn authenticated(&self) -> bool {
        self.facts
            .as_ref()
            .is_some_and(|f| f.password_verified.is_some())
    }

    /// The channel a forgot-password / unlock by SMS or voice call proves.
    pub fn recovery_channel(&self) -> Option<Channel> {
        match self.purpose {
            Purpose::Recovery(_, channel) => Some(channel),
            Purpose::SignIn
            | Purpose::StepUp(_)
            | Purpose::RecoveryToken(_)
            | Purpose::Activation => None,
        }
    }
}

/// Transaction states the emulator produces, each with the data of its step.
#[derive(Debug, Clone)]
pub enum Status {
    /// Step-up without a session: sign in with username and password first.
    Unauthenticated,
    /// Verify an enrolled factor.
    MfaRequired,
    /// A challenge is outstanding for one factor.
    MfaChallenge(FactorStep),
    /// Enroll factors.
    MfaEnroll,
    /// Activate an enrolled factor.
    MfaEnrollActivate(FactorStep),
    /// Password expired.
    PasswordExpired,
    /// Password about to expire.
    PasswordWarn,
    /// Set a new password.
    PasswordReset,
    /// Answer the recovery question.
    Recovery,
    /// Prove the recovery channel with the code sent to it.
    RecoveryChallenge(Delivery),
    /// Done.
    Success,
}

/// The state of a transaction without its data (for allow-lists and wire names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// UNAUTHENTICATED.
    Unauthenticated,
    /// MFA_REQUIRED.
    MfaRequired,
    /// MFA_CHALLENGE.
    MfaChallenge,
    /// MFA_ENROLL.
    MfaEnroll,
    /// MFA_ENROLL_ACTIVATE.
    MfaEnrollActivate,
    /// PASSWORD_EXPIRED.
    PasswordExpired,
    /// PASSWORD_WARN.
    PasswordWarn,
    /// PASSWORD_RESET.
    PasswordReset,
    /// RECOVERY.
    Recovery,
    /// RECOVERY_CHALLENGE.
    RecoveryChallenge,
    /// SUCCESS.
    Success,
}

impl Status {
    /// The state without its data.
    pub fn kind(&self) -> StatusKind {
        match self {
            Status::Unauthenticated => StatusKind::Unauthenticated,
            Status::MfaRequired => StatusKind::MfaRequired,
            Status::MfaChallenge(_) => StatusKind::MfaChallenge,
            Status::MfaEnroll => StatusKind::MfaEnroll,
            Status::MfaEnrollActivate(_) => StatusKind::MfaEnrollActivate,
            Status::PasswordExpired => StatusKind::PasswordExpired,
            Status::PasswordWarn => StatusKind::PasswordWarn,
            Status::PasswordReset => StatusKind::PasswordReset,
            Status::Recovery => StatusKind::Recovery,
            Status::RecoveryChallenge(_) => StatusKind::RecoveryChallenge,
            Status::Success => StatusKind::Success,
        }
    }

    /// Whether the transaction is done (SUCCESS).
    pub fn is_success(&self) -> bool {
        self.kind() == StatusKind::Success
    }

    /// The factor step of MFA_CHALLENGE.
    pub fn challenge(&self) -> Option<&FactorStep> {
        if let Status::MfaChallenge(step) = self {
            Some(step)
        } else {
            None
        }
    }

    /// The factor step of MFA_ENROLL_ACTIVATE.
    pub fn activation(&self) -> Option<&FactorStep> {
        if let Status::MfaEnrollActivate(step) = self {
            Some(step)
        } else {
            None
        }
    }

    /// The factor step of MFA_CHALLENGE and MFA_ENROLL_ACTIVATE.
    pub fn factor_step(&self) -> Option<&FactorStep> {
        self.challenge().or_else(|| self.activation())
    }

    /// The code sent in RECOVERY_CHALLENGE.
    pub fn recovery_delivery(&self) -> Option<&Delivery> {
        if let Status::RecoveryChallenge(delivery) = self {
            Some(delivery)
        } else {
            None
        }
    }

    /// The outstanding push, if the current step waits on one.
    pub fn push_wait(&self) -> Option<&PushWait> {
        match &self.factor_step()?.pending {
            Pending::Push(wait) => Some(wait),
            Pending::Nothing | Pending::Code(_) | Pending::WebAuthn(_) => None,
        }
    }

    /// The outstanding WebAuthn ceremony, if the current step waits on one.
    pub fn webauthn(&self) -> Option<&WebAuthnStep> {
        match &self.factor_step()?.pending {
            Pending::WebAuthn(step) => Some(step),
            Pending::Nothing | Pending::Code(_) | Pending::Push(_) => None,
        }
    }

    /// When the last message of this step went out (the resend throttle counts from there).
    pub fn last_sent(&self) -> Option<OffsetDateTime> {
        if let Some(delivery) = self.recovery_delivery() {
            return Some(delivery.sent_at);
        }
        match &self.factor_step()?.pending {
            Pending::Code(delivery) => Some(delivery.sent_at),
            Pending::Push(wait) => wait.link_sent_at,
            Pending::Nothing | Pending::WebAuthn(_) => None,
        }
    }
}

/// The factor being challenged (MFA_CHALLENGE) or activated (MFA_ENROLL_ACTIVATE).
#[derive(Debug, Clone)]
pub struct FactorStep {
    /// The factor.
    pub factor_id: String,
    /// What is outstanding for it.
    pub pending: Pending,
}

/// What a factor step waits for.
#[derive(Debug, Clone)]
pub enum Pending {
    /// Nothing was sent: the user types a code from an app (TOTP activation).
    Nothing,
    /// A one-time code went out by SMS, voice call or email.
    Code(Delivery),
    /// An Okta Verify push is out, or just ended without approval.
    Push(PushWait),
    /// A WebAuthn challenge is out: creation options (enrollment) or request options (verify).
    WebAuthn(WebAuthnStep),
}

/// A WebAuthn ceremony in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebAuthnStep {
    /// The challenge the browser must sign. A verify challenge answers once: a refused assertion
    /// replaces it. An enrollment keeps it until the key is registered (Okta's widget retries with
    /// the options it already has).
    pub challenge: Challenge,
    /// The RP ID the options were issued for (the host of the page's origin).
    pub rp_id: String,
    /// Issued for every WebAuthn factor of the user (verify by type), not just the step's factor.
    pub by_type: bool,
}

/// A message sent in this step.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// When it went out.
    pub sent_at: OffsetDateTime,
    /// The code it carried; `None` when nothing could be sent (recovery of an unknown username).
    pub code: Option<SentCode>,
}

/// A one-time code and its expiry.
#[derive(Debug, Clone)]
pub struct SentCode {
    /// The code.
    pub code: Secret,
    /// Expiry.
    pub expires: OffsetDateTime,
}

/// An Okta Verify push step.
#[derive(Debug, Clone)]
pub struct PushWait {
    /// The push sent; `None` once it was rejected or timed out (verifying again sends a new one).
    pub push_id: Option<String>,
    /// The `factorResult` reported.
    pub result: FactorResult,
    /// When an activation link was last sent by email or SMS (enrollment only).
    pub link_sent_at: Option<OffsetDateTime>,
}

/// `factorResult` of an asynchronous factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactorResult {
    /// The push waits for the user.
    Waiting,
    /// The user rejected the push.
    Rejected,
    /// The push timed out.
    Timeout,
}

/// Options from primary auth / recovery token.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Return to MFA_ENROLL while optional factors remain.
    pub multi_optional_factor_enroll: bool,
    /// Show PASSWORD_WARN in the warn window.
    pub warn_before_password_expired: bool,
}

/// Why the transaction exists.
#[derive(Debug, Clone)]
pub enum Purpose {
    /// Sign-in.
    SignIn,
    /// An app asked for a step-up (SP-initiated, through the custom sign-in page).
    StepUp(StepUp),
    /// Recovery (forgot password / unlock) through `channel`.
    Recovery(RecoveryKind, Channel),
    /// Recovery started from an emailed recovery token.
    RecoveryToken(RecoveryKind),
    /// Activation token for a user without a password.
    Activation,
}

/// A step-up: the app it signs in to and the session it raises, if the user had one.
#[derive(Debug, Clone)]
pub struct StepUp {
    /// The app (from the scenario).
    pub app: AppSpec,
    /// The session the user already had (`None`: sign in with a password first).
    pub session_id: Option<Secret>,
}

/// What the transaction has proven or decided so far.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Sign-on MFA satisfied (verified, enrolled, remembered device, or recovery).
    pub mfa_done: bool,
    /// Password changed/reset in this transaction.
    pub password_done: bool,
    /// PASSWORD_WARN skipped.
    pub warn_skipped: bool,
    /// MFA_ENROLL skipped.
    pub enroll_skipped: bool,
    /// A factor was enrolled in this transaction.
    pub enrolled_any: bool,
}
