//! Typed transaction states: one closed enum, each variant holding exactly the data valid there,
//! including its resolved links ([`Transitions`]) and the decisions views need (push phase, what a
//! success means, ...).
//!
//! Views render these, never raw JSON. States never hold the stateToken: the [`crate::Flow`] keeps it.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

mod factors;
mod push;

pub use push::{PushPhase, PushRetry};

use crate::action::ActionKind;
use crate::factor::{Activation, Factor, SecurityQuestion};
use crate::href::Href;
use crate::links::Transitions;
use crate::policy::{PasswordPolicy, RememberDevicePolicy};
use crate::secret::SessionToken;
use crate::wire::{
    self, FactorResult, RecoveryFactor, RecoveryType, Status, Transaction, WirePolicy,
};

use factors::{current_factor, factor_types, listed_factors};

/// The current state of a sign-in flow.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    /// No transaction: before the first call, after a terminal state or a cancel.
    Start,
    /// `UNAUTHENTICATED`: step-up sign-in or factor sequencing.
    Unauthenticated(Unauthenticated),
    /// `PASSWORD_WARN`: the password expires soon; change it or skip.
    PasswordWarn(PasswordChange),
    /// `PASSWORD_EXPIRED`: the password must be changed.
    PasswordExpired(PasswordChange),
    /// `RECOVERY_CHALLENGE`: prove possession of the recovery channel.
    RecoveryChallenge(RecoveryChallenge),
    /// `RECOVERY`: answer the recovery question (or exchange a recovery token).
    Recovery(RecoveryState),
    /// `PASSWORD_RESET`: set a new password.
    PasswordReset(PasswordReset),
    /// `LOCKED_OUT`: the account is locked.
    LockedOut(LockedOut),
    /// `MFA_ENROLL` / `FACTOR_ENROLL`: choose a factor to enroll.
    MfaEnroll(MfaEnroll),
    /// `MFA_ENROLL_ACTIVATE` / `FACTOR_ENROLL_ACTIVATE`: activate the enrolled factor.
    MfaEnrollActivate(MfaEnrollActivate),
    /// `MFA_REQUIRED` / `FACTOR_REQUIRED`: choose a factor to verify.
    MfaRequired(MfaRequired),
    /// `MFA_CHALLENGE` / `FACTOR_CHALLENGE`: answer the outstanding challenge.
    MfaChallenge(MfaChallenge),
    /// `SUCCESS`: done (terminal).
    Success(Success),
    /// `POLL`: waiting room; the core polls again after `refresh`.
    Poll(PollWait),
    /// Any other status: offer cancel / start over.
    Unknown(UnknownState),
}

/// The fieldless kind of a [`State`], for logs, errors and tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateKind {
    /// [`State::Start`]
    Start,
    /// [`State::Unauthenticated`]
    Unauthenticated,
    /// [`State::PasswordWarn`]
    PasswordWarn,
    /// [`State::PasswordExpired`]
    PasswordExpired,
    /// [`State::RecoveryChallenge`]
    RecoveryChallenge,
    /// [`State::Recovery`]
    Recovery,
    /// [`State::PasswordReset`]
    PasswordReset,
    /// [`State::LockedOut`]
    LockedOut,
    /// [`State::MfaEnroll`]
    MfaEnroll,
    /// [`State::MfaEnrollActivate`]
    MfaEnrollActivate,
    /// [`State::MfaRequired`]
    MfaRequired,
    /// [`State::MfaChallenge`]
    MfaChallenge,
    /// [`State::Success`]
    Success,
    /// [`State::Poll`]
    Poll,
    /// [`State::Unknown`]
    Unknown,
}

impl StateKind {
    /// Every kind.
    pub const ALL: [StateKind; 15] = [
        Self::Start,
        Self::Unauthenticated,
        Self::PasswordWarn,
        Self::PasswordExpired,
        Self::RecoveryChallenge,
        Self::Recovery,
        Self::PasswordReset,
        Self::LockedOut,
        Self::MfaEnroll,
        Self::MfaEnrollActivate,
        Self::MfaRequired,
        Self::MfaChallenge,
        Self::Success,
        Self::Poll,
        Self::Unknown,
    ];

    /// snake_case name, e.g. `mfa_challenge`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Unauthenticated => "unauthenticated",
            Self::PasswordWarn => "password_warn",
            Self::PasswordExpired => "password_expired",
            Self::RecoveryChallenge => "recovery_challenge",
            Self::Recovery => "recovery",
            Self::PasswordReset => "password_reset",
            Self::LockedOut => "locked_out",
            Self::MfaEnroll => "mfa_enroll",
            Self::MfaEnrollActivate => "mfa_enroll_activate",
            Self::MfaRequired => "mfa_required",
            Self::MfaChallenge => "mfa_challenge",
            Self::Success => "success",
            Self::Poll => "poll",
            Self::Unknown => "unknown",
        }
    }

    /// True for terminal kinds (only `Success`).
    pub fn is_terminal(self) -> bool {
        matches!(self, Self::Success)
    }
}

impl std::fmt::Display for StateKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for StateKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown state kind `{s}`"))
    }
}

impl State {
    /// The fieldless kind.
    pub fn kind(&self) -> StateKind {
        match self {
            Self::Start => StateKind::Start,
            Self::Unauthenticated(_) => StateKind::Unauthenticated,
            Self::PasswordWarn(_) => StateKind::PasswordWarn,
            Self::PasswordExpired(_) => StateKind::PasswordExpired,
            Self::RecoveryChallenge(_) => StateKind::RecoveryChallenge,
            Self::Recovery(_) => StateKind::Recovery,
            Self::PasswordReset(_) => StateKind::PasswordReset,
            Self::LockedOut(_) => StateKind::LockedOut,
            Self::MfaEnroll(_) => StateKind::MfaEnroll,
            Self::MfaEnrollActivate(_) => StateKind::MfaEnrollActivate,
            Self::MfaRequired(_) => StateKind::MfaRequired,
            Self::MfaChallenge(_) => StateKind::MfaChallenge,
            Self::Success(_) => StateKind::Success,
            Self::Poll(_) => StateKind::Poll,
            Self::Unknown(_) => StateKind::Unknown,
        }
    }

    /// True when the flow is finished (`Success`). `LockedOut` is not terminal: unlock is offered.
    pub fn is_terminal(&self) -> bool {
        self.kind().is_terminal()
    }

    /// The state's resolved top-level links (none in `Start`).
    pub fn links(&self) -> Option<&Transitions> {
        match self {
            Self::Start => None,
            Self::Unauthenticated(s) => Some(&s.links),
            Self::PasswordWarn(s) | Self::PasswordExpired(s) => Some(&s.links),
            Self::RecoveryChallenge(s) => Some(&s.links),
            Self::Recovery(s) => Some(&s.links),
            Self::PasswordReset(s) => Some(&s.links),
            Self::LockedOut(s) => Some(&s.links),
            Self::MfaEnroll(s) => Some(&s.links),
            Self::MfaEnrollActivate(s) => Some(&s.links),
            Self::MfaRequired(s) => Some(&s.links),
            Self::MfaChallenge(s) => Some(&s.links),
            Self::Success(s) => Some(&s.links),
            Self::Poll(s) => Some(&s.links),
            Self::Unknown(s) => Some(&s.links),
        }
    }

    /// The factors of this state: the list to choose from (MFA_REQUIRED, MFA_ENROLL, UNAUTHENTICATED)
    /// or the one being activated or challenged.
    pub fn factors(&self) -> &[Factor] {
        match self {
            Self::Unauthenticated(s) => &s.factors,
            Self::MfaEnroll(s) => &s.factors,
            Self::MfaRequired(s) => &s.factors,
            Self::MfaEnrollActivate(s) => std::slice::from_ref(&s.factor),
            Self::MfaChallenge(s) => std::slice::from_ref(&s.factor),
            Self::Start
            | Self::PasswordWarn(_)
            | Self::PasswordExpired(_)
            | Self::RecoveryChallenge(_)
            | Self::Recovery(_)
            | Self::PasswordReset(_)
            | Self::LockedOut(_)
            | Self::Success(_)
            | Self::Poll(_)
            | Self::Unknown(_) => &[],
        }
    }

    /// The factor being activated (MFA_ENROLL_ACTIVATE) or challenged (MFA_CHALLENGE).
    pub fn current_factor(&self) -> Option<&Factor> {
        match self {
            Self::MfaEnrollActivate(s) => Some(&s.factor),
            Self::MfaChallenge(s) => Some(&s.factor),
            Self::Start
            | Self::Unauthenticated(_)
            | Self::PasswordWarn(_)
            | Self::PasswordExpired(_)
            | Self::RecoveryChallenge(_)
            | Self::Recovery(_)
            | Self::PasswordReset(_)
            | Self::LockedOut(_)
            | Self::MfaEnroll(_)
            | Self::MfaRequired(_)
            | Self::Success(_)
            | Self::Poll(_)
            | Self::Unknown(_) => None,
        }
    }

    /// The actions the state's links allow (the [`crate::links`] table, top level and per factor),
    /// sorted. Entry points and local actions are added by [`crate::Flow::allowed_actions`].
    pub fn allowed_actions(&self) -> Vec<ActionKind> {
        let mut out = self.links().map(Transitions::kinds).unwrap_or_default();
        for factor in self.factors().iter().chain(self.factor_types()) {
            let links = [
                (factor.links.enroll.is_some(), ActionKind::EnrollFactor),
                (factor.links.questions.is_some(), ActionKind::ListQuestions),
                (factor.links.verify.is_some(), ActionKind::VerifyFactor),
                (
                    factor.push_activation().is_some_and(|p| !p.send.is_empty()),
                    ActionKind::SendActivationLink,
                ),
            ];
            out.extend(links.into_iter().filter(|(on, _)| *on).map(|(_, k)| k));
        }
        out.sort();
        out.dedup();
        out
    }

    /// Builds the typed state of a parsed response. `org_origin` is the configured Okta origin (used to
    /// tell an externally managed password's `next` link apart); `None` compares with the other links only.
    pub fn from_transaction(tx: &Transaction, org_origin: Option<&str>) -> State {
        let user = tx.embedded.user.as_ref().map(User::from_wire);
        let remember_device = RememberDevicePolicy::from_policy(tx.embedded.policy.as_ref());
        let password_policy = PasswordPolicy::from_policy(tx.embedded.policy.as_ref());
        let links = Transitions::from_transaction(tx, org_origin);
        match &tx.status {
            Status::Unauthenticated => State::Unauthenticated(Unauthenticated {
                user,
                factors: listed_factors(tx),
                factor_types: factor_types(tx),
                target: Target::of_transaction(tx),
                authentication: tx
                    .embedded
                    .authentication
                    .as_ref()
                    .map(AuthenticationContext::from_wire),
                relay_state: tx.relay_state.clone(),
                remember_device,
                links,
            }),
            Status::PasswordWarn | Status::PasswordExpired => {
                let change = PasswordChange {
                    user,
                    days_left: match &tx.embedded.policy {
                        Some(WirePolicy::Password(p)) => p.expiration.password_expire_days,
                        _ => None,
                    },
                    policy: password_policy,
                    external_url: links.next(ActionKind::FollowRedirect).cloned(),
                    links,
                };
                if tx.status == Status::PasswordWarn {
                    State::PasswordWarn(change)
                } else {
                    State::PasswordExpired(change)
                }
            }
            Status::RecoveryChallenge => {
                let factor_type = tx
                    .factor_type
                    .as_ref()
                    .and_then(|t| RecoveryFactor::parse(t.as_str()));
                State::RecoveryChallenge(RecoveryChallenge {
                    email_sent: factor_type == Some(RecoveryFactor::Email)
                        || (tx.state_token.is_none() && tx.links.next.is_none()),
                    factor_type,
                    recovery_type: tx.recovery_type.clone(),
                    links,
                })
            }
            Status::Recovery => State::Recovery(RecoveryState {
                question: tx
                    .embedded
                    .user
                    .as_ref()
                    .and_then(|u| u.recovery_question.as_ref())
                    .and_then(|q| q.question.clone()),
                user,
                recovery_type: tx.recovery_type.clone(),
                links,
            }),
            Status::PasswordReset => State::PasswordReset(PasswordReset {
                user,
                policy: password_policy,
                recovery_type: tx.recovery_type.clone(),
                links,
            }),
            Status::LockedOut => State::LockedOut(LockedOut { links }),
            Status::MfaEnroll | Status::FactorEnroll => State::MfaEnroll(MfaEnroll {
                user,
                factors: listed_factors(tx),
                questions: None,
                links,
            }),
            Status::MfaEnrollActivate | Status::FactorEnrollActivate => {
                let factor = current_factor(tx);
                State::MfaEnrollActivate(MfaEnrollActivate {
                    user,
                    factor_result: tx.factor_result.clone().or_else(|| {
                        factor
                            .activation
                            .as_ref()
                            .and_then(Activation::result)
                            .cloned()
                    }),
                    factor,
                    links,
                })
            }
            Status::MfaRequired | Status::FactorRequired => State::MfaRequired(MfaRequired {
                user,
                factors: listed_factors(tx),
                factor_types: factor_types(tx),
                remember_device,
                links,
            }),
            Status::MfaChallenge | Status::FactorChallenge => State::MfaChallenge(MfaChallenge {
                user,
                factor: current_factor(tx),
                factor_result: tx.factor_result.clone(),
                factor_result_message: tx.factor_result_message.clone(),
                remember_device,
                links,
            }),
            Status::Success => State::Success(Success {
                session_token: tx.session_token.clone(),
                recovery_type: tx.recovery_type.clone(),
                relay_state: tx.relay_state.clone(),
                redirect: links.next(ActionKind::FollowRedirect).cloned(),
                user,
                kind: tx
                    .kind
                    .as_deref()
                    .map(SuccessKind::parse)
                    .unwrap_or(SuccessKind::SessionSso),
                expires_at: tx.expires_at,
                links,
            }),
            Status::Poll => State::Poll(PollWait {
                refresh: tx
                    .embedded
                    .transaction
                    .as_ref()
                    .and_then(|t| t.profile.refresh)
                    .map(|ms| Duration::from_millis(ms).max(PollWait::MIN_REFRESH))
                    .unwrap_or(PollWait::DEFAULT_REFRESH),
                links,
            }),
            Status::Unknown(status) => State::Unknown(UnknownState {
                status: status.clone(),
                links,
            }),
        }
    }
}

/// `_embedded.user`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct User {
    /// User id.
    pub id: Option<String>,
    /// Login (username).
    pub login: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Locale.
    pub locale: Option<String>,
    /// Time zone.
    pub time_zone: Option<String>,
}

impl User {
    fn from_wire(user: &wire::WireUser) -> Self {
        Self {
            id: user.id.clone(),
            login: user.profile.login.clone(),
            first_name: user.profile.first_name.clone(),
            last_name: user.profile.last_name.clone(),
            locale: user.profile.locale.clone(),
            time_zone: user.profile.time_zone.clone(),
        }
    }
}

/// Step-up target app.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Target {
    /// `type` (e.g. `APP`).
    pub kind: Option<String>,
    /// App name.
    pub name: Option<String>,
    /// App label.
    pub label: Option<String>,
    /// Logo URL.
    pub logo_href: Option<String>,
}

impl Target {
    /// `_embedded.target` of a response, typed.
    pub(crate) fn of_transaction(tx: &Transaction) -> Option<Self> {
        tx.embedded.target.as_ref().map(Self::from_wire)
    }

    fn from_wire(target: &wire::WireTarget) -> Self {
        Self {
            kind: target.kind.clone(),
            name: target.name.clone(),
            label: target.label.clone(),
            logo_href: target.links.logo.as_slice().first().map(|l| l.href.clone()),
        }
    }
}

/// Step-up authentication context.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuthenticationContext {
    /// `SAML2.0`, `SAML1.1`, `WS-FED`.
    pub protocol: Option<String>,
    /// Issuer id.
    pub issuer_id: Option<String>,
    /// Issuer name.
    pub issuer_name: Option<String>,
    /// Issuer URI.
    pub issuer_uri: Option<String>,
}

impl AuthenticationContext {
    fn from_wire(auth: &wire::WireAuthentication) -> Self {
        Self {
            protocol: auth.protocol.clone(),
            issuer_id: auth.issuer.id.clone(),
            issuer_name: auth.issuer.name.clone(),
            issuer_uri: auth.issuer.uri.clone(),
        }
    }
}

/// `UNAUTHENTICATED` data.
#[derive(Debug, Clone, PartialEq)]
pub struct Unauthenticated {
    /// The user, when known.
    pub user: Option<User>,
    /// Factors to verify (factor sequencing).
    pub factors: Vec<Factor>,
    /// Verify-by-type entries (`_embedded.factorTypes`): see [`MfaRequired::factor_types`].
    pub factor_types: Vec<Factor>,
    /// Step-up target app.
    pub target: Option<Target>,
    /// Step-up authentication context.
    pub authentication: Option<AuthenticationContext>,
    /// `relayState` (untrusted text).
    pub relay_state: Option<String>,
    /// Remember-device policy.
    pub remember_device: RememberDevicePolicy,
    /// Resolved links.
    pub links: Transitions,
}

/// `PASSWORD_WARN` / `PASSWORD_EXPIRED` data.
#[derive(Debug, Clone, PartialEq)]
pub struct PasswordChange {
    /// The user.
    pub user: Option<User>,
    /// Password rules.
    pub policy: PasswordPolicy,
    /// Days until expiry (PASSWORD_WARN).
    pub days_left: Option<u32>,
    /// Set when the password is managed outside Okta: send the user there (`follow_redirect`).
    pub external_url: Option<Href>,
    /// Resolved links.
    pub links: Transitions,
}

/// `RECOVERY_CHALLENGE` data.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryChallenge {
    /// The channel (`EMAIL`, `SMS`, `CALL`).
    pub factor_type: Option<RecoveryFactor>,
    /// `PASSWORD` or `UNLOCK`.
    pub recovery_type: Option<RecoveryType>,
    /// An email was sent: no token and no links; the user follows the emailed link.
    pub email_sent: bool,
    /// Resolved links.
    pub links: Transitions,
}

/// `RECOVERY` data.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryState {
    /// The user.
    pub user: Option<User>,
    /// The recovery question.
    pub question: Option<String>,
    /// `PASSWORD` or `UNLOCK`.
    pub recovery_type: Option<RecoveryType>,
    /// Resolved links.
    pub links: Transitions,
}

/// `PASSWORD_RESET` data.
#[derive(Debug, Clone, PartialEq)]
pub struct PasswordReset {
    /// The user.
    pub user: Option<User>,
    /// Password rules.
    pub policy: PasswordPolicy,
    /// `PASSWORD` or `ACCOUNT_ACTIVATION`.
    pub recovery_type: Option<RecoveryType>,
    /// Resolved links.
    pub links: Transitions,
}

/// `LOCKED_OUT` data. Self-service unlock is offered when the links allow `unlock_account`.
#[derive(Debug, Clone, PartialEq)]
pub struct LockedOut {
    /// Resolved links.
    pub links: Transitions,
}

/// `MFA_ENROLL` data.
#[derive(Debug, Clone, PartialEq)]
pub struct MfaEnroll {
    /// The user.
    pub user: Option<User>,
    /// Factors to enroll (and already active ones).
    pub factors: Vec<Factor>,
    /// Security questions, after `list_questions`.
    pub questions: Option<Vec<SecurityQuestion>>,
    /// Resolved links.
    pub links: Transitions,
}

/// `MFA_ENROLL_ACTIVATE` data.
#[derive(Debug, Clone, PartialEq)]
pub struct MfaEnrollActivate {
    /// The user.
    pub user: Option<User>,
    /// The factor being activated.
    pub factor: Factor,
    /// Push / Duo activation result.
    pub factor_result: Option<FactorResult>,
    /// Resolved links.
    pub links: Transitions,
}

/// `MFA_REQUIRED` data.
#[derive(Debug, Clone, PartialEq)]
pub struct MfaRequired {
    /// The user.
    pub user: Option<User>,
    /// Enrolled factors to choose from (every key of a WebAuthn user is one factor).
    pub factors: Vec<Factor>,
    /// Verify-by-type entries (`_embedded.factorTypes`): factors without an id whose `verify` link
    /// verifies every enrolled factor of their type at once (WebAuthn: any of the user's keys).
    /// [`MfaRequired::choices`] merges them into the list to show.
    pub factor_types: Vec<Factor>,
    /// Remember-device policy.
    pub remember_device: RememberDevicePolicy,
    /// Resolved links.
    pub links: Transitions,
}

/// `MFA_CHALLENGE` data.
#[derive(Debug, Clone, PartialEq)]
pub struct MfaChallenge {
    /// The user.
    pub user: Option<User>,
    /// The challenged factor.
    pub factor: Factor,
    /// `factorResult` (WAITING, REJECTED, TIMEOUT, ...).
    pub factor_result: Option<FactorResult>,
    /// `factorResultMessage` (untrusted text).
    pub factor_result_message: Option<String>,
    /// Remember-device policy.
    pub remember_device: RememberDevicePolicy,
    /// Resolved links.
    pub links: Transitions,
}

/// Kind of a successful transaction (`type`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SuccessKind {
    /// `SESSION_SSO` (also when `type` is absent).
    #[default]
    SessionSso,
    /// `SESSION_STEP_UP`: follow the redirect link.
    SessionStepUp,
    /// Any other `type`.
    Other(String),
}

impl SuccessKind {
    fn parse(value: &str) -> Self {
        if value.eq_ignore_ascii_case("SESSION_SSO") {
            Self::SessionSso
        } else if value.eq_ignore_ascii_case("SESSION_STEP_UP") {
            Self::SessionStepUp
        } else {
            Self::Other(value.to_owned())
        }
    }

    /// The wire `type` (`SESSION_SSO`, `SESSION_STEP_UP`, or as sent).
    pub fn as_str(&self) -> &str {
        match self {
            Self::SessionSso => "SESSION_SSO",
            Self::SessionStepUp => "SESSION_STEP_UP",
            Self::Other(other) => other,
        }
    }
}

/// `SUCCESS` data.
#[derive(Debug, Clone, PartialEq)]
pub struct Success {
    /// One-time session token (5 minutes).
    pub session_token: Option<SessionToken>,
    /// `UNLOCK` means "account unlocked", not a sign-in; `PASSWORD` after a reset.
    pub recovery_type: Option<RecoveryType>,
    /// `relayState` (untrusted).
    pub relay_state: Option<String>,
    /// Step-up redirect (GET `next` / `original` link).
    pub redirect: Option<Href>,
    /// The user.
    pub user: Option<User>,
    /// `type`.
    pub kind: SuccessKind,
    /// `expiresAt` (session token lifetime).
    pub expires_at: Option<OffsetDateTime>,
    /// Resolved links (only the redirect, if any).
    pub links: Transitions,
}

/// What a SUCCESS means for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuccessOutcome {
    /// Signed in: hand the session token to the page (one use, 5 minutes).
    SignedIn,
    /// The account was unlocked (`recoveryType` UNLOCK): nobody is signed in; back to sign-in.
    Unlocked,
    /// Step-up: the browser follows this redirect back to the app (the core outputs it).
    StepUp(Href),
}

impl Success {
    /// What this success means.
    pub fn outcome(&self) -> SuccessOutcome {
        match (&self.redirect, &self.recovery_type) {
            (Some(redirect), _) => SuccessOutcome::StepUp(redirect.clone()),
            (None, Some(RecoveryType::Unlock)) => SuccessOutcome::Unlocked,
            (
                None,
                Some(
                    RecoveryType::Password
                    | RecoveryType::AccountActivation
                    | RecoveryType::Unknown(_),
                )
                | None,
            ) => SuccessOutcome::SignedIn,
        }
    }
}

/// `POLL` waiting-room data.
#[derive(Debug, Clone, PartialEq)]
pub struct PollWait {
    /// How long to wait before polling again.
    pub refresh: Duration,
    /// Resolved links.
    pub links: Transitions,
}

impl PollWait {
    /// Used when the server gives no `refresh`.
    pub const DEFAULT_REFRESH: Duration = Duration::from_secs(5);
    /// Lower bound on the server's `refresh`, so that a zero never busy-loops.
    pub const MIN_REFRESH: Duration = Duration::from_millis(500);
}

/// Any other status.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownState {
    /// The wire status.
    pub status: String,
    /// Resolved links (`cancel` only).
    pub links: Transitions,
}
