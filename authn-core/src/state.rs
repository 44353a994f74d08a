//! Typed transaction states: one closed enum, each variant holding exactly the data valid there.
//!
//! Views render these, never raw JSON. States never hold the stateToken: the [`crate::Flow`] keeps it.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

use crate::links;
use crate::secret::{SessionToken, redact_json, redact_url};
use crate::wire::{
    self, Enrollment, FactorResult, FactorStatus, FactorType, Provider, RecoveryFactor,
    RecoveryType, Status, Transaction, WireActivation, WireFactor, WirePolicy,
};

/// The current state of a sign-in flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
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
    /// `POLL`: waiting room; poll again after `refresh`.
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

    /// Builds the typed state of a parsed response. `org_origin` is the configured Okta origin (used to
    /// tell an externally managed password's `next` link apart); `None` compares with the other links only.
    pub fn from_transaction(tx: &Transaction, org_origin: Option<&str>) -> State {
        let user = tx.embedded.user.as_ref().map(User::from_wire);
        let remember_device = RememberDevicePolicy::from_policy(tx.embedded.policy.as_ref());
        let password_policy = PasswordPolicy::from_policy(tx.embedded.policy.as_ref());
        let resend: Vec<String> = tx
            .links
            .resend
            .as_slice()
            .iter()
            .map(|l| l.name.clone().unwrap_or_default())
            .collect();
        match &tx.status {
            Status::Unauthenticated => State::Unauthenticated(Unauthenticated {
                user,
                factors: listed_factors(tx),
                target: tx.embedded.target.as_ref().map(Target::from_wire),
                authentication: tx
                    .embedded
                    .authentication
                    .as_ref()
                    .map(AuthenticationContext::from_wire),
                relay_state: tx.relay_state.clone(),
                remember_device,
            }),
            Status::PasswordWarn | Status::PasswordExpired => {
                let external = links::next_is_external(tx, org_origin);
                let change = PasswordChange {
                    user,
                    days_left: match &tx.embedded.policy {
                        Some(WirePolicy::Password(p)) => p.expiration.password_expire_days,
                        _ => None,
                    },
                    policy: password_policy,
                    external_url: external
                        .then(|| tx.links.next.as_ref().map(|l| l.href.clone()))
                        .flatten(),
                    can_skip: tx.links.skip.is_some(),
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
                    can_resend: !tx.links.resend.is_empty(),
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
            }),
            Status::PasswordReset => State::PasswordReset(PasswordReset {
                user,
                policy: password_policy,
                recovery_type: tx.recovery_type.clone(),
            }),
            Status::LockedOut => State::LockedOut(LockedOut {
                can_unlock: tx.links.next.is_some(),
            }),
            Status::MfaEnroll | Status::FactorEnroll => State::MfaEnroll(MfaEnroll {
                user,
                factors: listed_factors(tx),
                can_skip: tx.links.skip.is_some(),
                questions: None,
            }),
            Status::MfaEnrollActivate | Status::FactorEnrollActivate => {
                let factor = current_factor(tx);
                State::MfaEnrollActivate(MfaEnrollActivate {
                    user,
                    factor_result: tx.factor_result.clone().or_else(|| {
                        factor
                            .activation
                            .as_ref()
                            .and_then(|a| a.factor_result.clone())
                    }),
                    factor,
                    resend,
                    can_go_back: tx.links.prev.is_some(),
                })
            }
            Status::MfaRequired | Status::FactorRequired => State::MfaRequired(MfaRequired {
                user,
                factors: listed_factors(tx),
                remember_device,
            }),
            Status::MfaChallenge | Status::FactorChallenge => {
                let factor = current_factor(tx);
                State::MfaChallenge(MfaChallenge {
                    user,
                    correct_answer: factor.challenge.as_ref().and_then(|c| c.correct_answer),
                    factor,
                    factor_result: tx.factor_result.clone(),
                    factor_result_message: tx.factor_result_message.clone(),
                    remember_device,
                    resend,
                    can_go_back: tx.links.prev.is_some(),
                })
            }
            Status::Success => State::Success(Success {
                session_token: tx.session_token.clone(),
                recovery_type: tx.recovery_type.clone(),
                relay_state: tx.relay_state.clone(),
                redirect_url: links::success_redirect(tx).map(|l| l.href.clone()),
                user,
                kind: tx
                    .kind
                    .as_deref()
                    .map(SuccessKind::parse)
                    .unwrap_or(SuccessKind::SessionSso),
                expires_at: tx.expires_at,
            }),
            Status::Poll => State::Poll(PollWait {
                refresh: tx
                    .embedded
                    .transaction
                    .as_ref()
                    .and_then(|t| t.profile.refresh)
                    .map(|ms| Duration::from_millis(ms).max(PollWait::MIN_REFRESH))
                    .unwrap_or(PollWait::DEFAULT_REFRESH),
            }),
            Status::Unknown(status) => State::Unknown(UnknownState {
                status: status.clone(),
                can_cancel: tx.links.cancel.is_some(),
            }),
        }
    }
}

/// `_embedded.factors`, typed.
fn listed_factors(tx: &Transaction) -> Vec<Factor> {
    tx.embedded.factors.iter().map(Factor::from_wire).collect()
}

/// The factor of a challenge or activation; falls back to the first listed factor, then to the
/// top-level `factorType` (WebAuthn verified by type).
fn current_factor(tx: &Transaction) -> Factor {
    let mut factor = match tx.current_factor().or(tx.embedded.factors.first()) {
        Some(wire) => Factor::from_wire(wire),
        None => Factor::from_wire(&WireFactor {
            factor_type: tx.factor_type.clone(),
            ..WireFactor::default()
        }),
    };
    if factor.challenge.is_none() {
        factor.challenge = tx.embedded.challenge.as_ref().map(Challenge::from_value);
    }
    factor
}

/// `_embedded.user`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Unauthenticated {
    /// The user, when known.
    pub user: Option<User>,
    /// Factors to verify (factor sequencing).
    pub factors: Vec<Factor>,
    /// Step-up target app.
    pub target: Option<Target>,
    /// Step-up authentication context.
    pub authentication: Option<AuthenticationContext>,
    /// `relayState` (untrusted text).
    pub relay_state: Option<String>,
    /// Remember-device policy.
    pub remember_device: RememberDevicePolicy,
}

/// `PASSWORD_WARN` / `PASSWORD_EXPIRED` data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PasswordChange {
    /// The user.
    pub user: Option<User>,
    /// Password rules.
    pub policy: PasswordPolicy,
    /// Days until expiry (PASSWORD_WARN).
    pub days_left: Option<u32>,
    /// Set when the password is managed outside Okta: send the user there (`follow_redirect`).
    pub external_url: Option<String>,
    /// A `skip` link is published.
    pub can_skip: bool,
}

/// `RECOVERY_CHALLENGE` data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RecoveryChallenge {
    /// The channel (`EMAIL`, `SMS`, `CALL`).
    pub factor_type: Option<RecoveryFactor>,
    /// `PASSWORD` or `UNLOCK`.
    pub recovery_type: Option<RecoveryType>,
    /// An email was sent: no token and no links; the user follows the emailed link.
    pub email_sent: bool,
    /// A `resend` link is published.
    pub can_resend: bool,
}

/// `RECOVERY` data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RecoveryState {
    /// The user.
    pub user: Option<User>,
    /// The recovery question.
    pub question: Option<String>,
    /// `PASSWORD` or `UNLOCK`.
    pub recovery_type: Option<RecoveryType>,
}

/// `PASSWORD_RESET` data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PasswordReset {
    /// The user.
    pub user: Option<User>,
    /// Password rules.
    pub policy: PasswordPolicy,
    /// `PASSWORD` or `ACCOUNT_ACTIVATION`.
    pub recovery_type: Option<RecoveryType>,
}

/// `LOCKED_OUT` data.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LockedOut {
    /// Self-service unlock is offered.
    pub can_unlock: bool,
}

/// `MFA_ENROLL` data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MfaEnroll {
    /// The user.
    pub user: Option<User>,
    /// Factors to enroll (and already active ones).
    pub factors: Vec<Factor>,
    /// A `skip` link is published.
    pub can_skip: bool,
    /// Security questions, after `list_questions`.
    pub questions: Option<Vec<SecurityQuestion>>,
}

/// `MFA_ENROLL_ACTIVATE` data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MfaEnrollActivate {
    /// The user.
    pub user: Option<User>,
    /// The factor being activated.
    pub factor: Factor,
    /// Push / Duo activation result.
    pub factor_result: Option<FactorResult>,
    /// Names of the `resend` links (`sms`, `call`, `email`).
    pub resend: Vec<String>,
    /// A `prev` link is published.
    pub can_go_back: bool,
}

/// `MFA_REQUIRED` data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MfaRequired {
    /// The user.
    pub user: Option<User>,
    /// Enrolled factors to choose from.
    pub factors: Vec<Factor>,
    /// Remember-device policy.
    pub remember_device: RememberDevicePolicy,
}

/// `MFA_CHALLENGE` data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MfaChallenge {
    /// The user.
    pub user: Option<User>,
    /// The challenged factor.
    pub factor: Factor,
    /// `factorResult` (WAITING, REJECTED, TIMEOUT, ...).
    pub factor_result: Option<FactorResult>,
    /// `factorResultMessage` (untrusted text).
    pub factor_result_message: Option<String>,
    /// Push number challenge: the number to pick in Okta Verify.
    pub correct_answer: Option<u32>,
    /// Remember-device policy.
    pub remember_device: RememberDevicePolicy,
    /// Names of the `resend` links (`sms`, `call`, `email`, `push`).
    pub resend: Vec<String>,
    /// A `prev` link is published.
    pub can_go_back: bool,
}

/// Kind of a successful transaction (`type`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
}

/// `SUCCESS` data. `Debug` redacts the stateToken inside a step-up `redirect_url`.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Success {
    /// One-time session token (5 minutes).
    pub session_token: Option<SessionToken>,
    /// `UNLOCK` means "account unlocked", not a sign-in; `PASSWORD` after a reset.
    pub recovery_type: Option<RecoveryType>,
    /// `relayState` (untrusted).
    pub relay_state: Option<String>,
    /// Step-up redirect (GET `next` / `original` link).
    pub redirect_url: Option<String>,
    /// The user.
    pub user: Option<User>,
    /// `type`.
    pub kind: SuccessKind,
    /// `expiresAt` (session token lifetime).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
}

impl std::fmt::Debug for Success {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Success")
            .field("session_token", &self.session_token)
            .field("recovery_type", &self.recovery_type)
            .field("relay_state", &self.relay_state)
            .field(
                "redirect_url",
                &self.redirect_url.as_deref().map(redact_url),
            )
            .field("user", &self.user)
            .field("kind", &self.kind)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// `POLL` waiting-room data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollWait {
    /// How long to wait before polling again.
    pub refresh: Duration,
}

impl PollWait {
    /// Used when the server gives no `refresh`.
    pub const DEFAULT_REFRESH: Duration = Duration::from_secs(5);
    /// Lower bound on the server's `refresh`, so that a zero never busy-loops.
    pub const MIN_REFRESH: Duration = Duration::from_millis(500);
}

/// Any other status.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UnknownState {
    /// The wire status.
    pub status: String,
    /// A `cancel` link is published.
    pub can_cancel: bool,
}

/// A security question choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityQuestion {
    /// The key sent on enroll.
    pub key: String,
    /// The display text.
    pub text: String,
}

/// Remember-device policy (MFA_REQUIRED / MFA_CHALLENGE / UNAUTHENTICATED).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RememberDevicePolicy {
    /// Offer "remember this device".
    pub allow: bool,
    /// Pre-check it.
    pub by_default: bool,
    /// 0 = per device; > 0 = time window in minutes.
    pub lifetime_minutes: Option<u64>,
    /// `factorsPolicyInfo[factorId].autoPushEnabled`.
    pub auto_push: BTreeMap<String, bool>,
}

impl RememberDevicePolicy {
    fn from_policy(policy: Option<&WirePolicy>) -> Self {
        let Some(WirePolicy::RememberDevice(p)) = policy else {
            return Self::default();
        };
        let auto_push = p
            .factors_policy_info
            .as_ref()
            .and_then(Value::as_object)
            .map(|info| {
                info.iter()
                    .filter_map(|(id, v)| {
                        v.get("autoPushEnabled")
                            .and_then(Value::as_bool)
                            .map(|b| (id.clone(), b))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            allow: p.allow_remember_device,
            by_default: p.remember_device_by_default.unwrap_or(false),
            lifetime_minutes: p.remember_device_lifetime_in_minutes,
            auto_push,
        }
    }
}

/// One password rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// At least this many characters.
    MinLength(u32),
    /// At least this many lowercase letters.
    MinLowerCase(u32),
    /// At least this many uppercase letters.
    MinUpperCase(u32),
    /// At least this many digits.
    MinNumber(u32),
    /// At least this many symbols (not letters or digits).
    MinSymbol(u32),
    /// Must not contain the username (the part before `@`).
    ExcludeUsername,
}

/// Password policy (PASSWORD_WARN / EXPIRED / RESET). Only rules set by the server are checked.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PasswordPolicy {
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
    /// `excludeUsername`.
    pub exclude_username: Option<bool>,
    /// `passwordExpireDays`.
    pub expire_days: Option<u32>,
    /// `minAgeMinutes`.
    pub min_age_minutes: Option<u32>,
    /// `historyCount`.
    pub history_count: Option<u32>,
}

impl PasswordPolicy {
    fn from_policy(policy: Option<&WirePolicy>) -> Self {
        let Some(WirePolicy::Password(p)) = policy else {
            return Self::default();
        };
        Self {
            min_length: p.complexity.min_length,
            min_lower_case: p.complexity.min_lower_case,
            min_upper_case: p.complexity.min_upper_case,
            min_number: p.complexity.min_number,
            min_symbol: p.complexity.min_symbol,
            exclude_username: p.complexity.exclude_username,
            expire_days: p.expiration.password_expire_days,
            min_age_minutes: p.age.min_age_minutes,
            history_count: p.age.history_count,
        }
    }

    /// The rules that apply (non-zero), in display order.
    pub fn requirements(&self) -> Vec<Requirement> {
        let counts = [
            (
                self.min_length,
                Requirement::MinLength as fn(u32) -> Requirement,
            ),
            (self.min_lower_case, Requirement::MinLowerCase),
            (self.min_upper_case, Requirement::MinUpperCase),
            (self.min_number, Requirement::MinNumber),
            (self.min_symbol, Requirement::MinSymbol),
        ];
        let mut out: Vec<Requirement> = counts
            .into_iter()
            .filter_map(|(n, make)| n.filter(|n| *n > 0).map(make))
            .collect();
        if self.exclude_username == Some(true) {
            out.push(Requirement::ExcludeUsername);
        }
        out
    }

    /// Each requirement with whether `password` meets it, for live checklists.
    pub fn check(&self, password: &str, username: Option<&str>) -> Vec<(Requirement, bool)> {
        let count = |pred: fn(&char) -> bool| password.chars().filter(pred).count();
        self.requirements()
            .into_iter()
            .map(|req| {
                let met = match req {
                    Requirement::MinLength(n) => password.chars().count() >= n as usize,
                    Requirement::MinLowerCase(n) => count(|c| c.is_lowercase()) >= n as usize,
                    Requirement::MinUpperCase(n) => count(|c| c.is_uppercase()) >= n as usize,
                    Requirement::MinNumber(n) => count(|c| c.is_numeric()) >= n as usize,
                    Requirement::MinSymbol(n) => {
                        count(|c| !c.is_alphanumeric() && !c.is_whitespace()) >= n as usize
                    }
                    Requirement::ExcludeUsername => {
                        let local = username
                            .map(|u| u.split('@').next().unwrap_or(u).to_lowercase())
                            .unwrap_or_default();
                        local.is_empty() || !password.to_lowercase().contains(&local)
                    }
                };
                (req, met)
            })
            .collect()
    }

    /// True when every requirement is met.
    pub fn is_satisfied(&self, password: &str, username: Option<&str>) -> bool {
        self.check(password, username).iter().all(|(_, met)| *met)
    }
}

/// Identifies a factor choice: type + provider.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FactorKey {
    /// `factorType`.
    pub factor_type: FactorType,
    /// `provider`.
    pub provider: Provider,
}

/// A factor, as views render it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    /// Factor id (None for not-yet-enrolled factors in MFA_ENROLL).
    pub id: Option<String>,
    /// `factorType`.
    pub factor_type: FactorType,
    /// `provider`.
    pub provider: Provider,
    /// `vendorName`.
    pub vendor_name: Option<String>,
    /// `status` (MFA_ENROLL).
    pub status: Option<FactorStatus>,
    /// `enrollment` (MFA_ENROLL).
    pub enrollment: Option<Enrollment>,
    /// Profile (masked phone / email, question, credential id, device name).
    pub profile: FactorProfile,
    /// Masked phones already on file (MFA_ENROLL sms/call).
    pub phones: Vec<String>,
    /// Activation data (MFA_ENROLL_ACTIVATE).
    pub activation: Option<Activation>,
    /// Challenge data (MFA_CHALLENGE).
    pub challenge: Option<Challenge>,
    /// Duo verification data (`_embedded.verification`), raw.
    pub verification: Option<Value>,
}

impl Default for Factor {
    fn default() -> Self {
        Self {
            id: None,
            factor_type: FactorType::Unknown(String::new()),
            provider: Provider::Unknown(String::new()),
            vendor_name: None,
            status: None,
            enrollment: None,
            profile: FactorProfile::default(),
            phones: Vec::new(),
            activation: None,
            challenge: None,
            verification: None,
        }
    }
}

impl Factor {
    /// Builds the view of a wire factor.
    pub fn from_wire(wire: &WireFactor) -> Self {
        Self {
            id: wire.id.clone(),
            factor_type: wire
                .factor_type
                .clone()
                .unwrap_or(FactorType::Unknown(String::new())),
            provider: wire
                .provider
                .clone()
                .unwrap_or(Provider::Unknown(String::new())),
            vendor_name: wire.vendor_name.clone(),
            status: wire.status.clone(),
            enrollment: wire.enrollment.clone(),
            profile: FactorProfile {
                phone_number: wire.profile.phone_number.clone(),
                phone_extension: wire.profile.phone_extension.clone(),
                email: wire.profile.email.clone(),
                question: wire.profile.question.clone(),
                question_text: wire.profile.question_text.clone(),
                credential_id: wire.profile.credential_id.clone(),
                device_name: wire
                    .profile
                    .name
                    .clone()
                    .or_else(|| wire.profile.authenticator_name.clone()),
            },
            phones: wire
                .embedded
                .phones
                .iter()
                .filter_map(|p| p.profile.phone_number.clone())
                .collect(),
            activation: wire
                .embedded
                .activation
                .as_ref()
                .map(Activation::from_value),
            challenge: wire.embedded.challenge.as_ref().map(Challenge::from_value),
            verification: wire.embedded.verification.clone(),
        }
    }

    /// The factor's type + provider.
    pub fn key(&self) -> FactorKey {
        FactorKey {
            factor_type: self.factor_type.clone(),
            provider: self.provider.clone(),
        }
    }

    /// True for factors whose result arrives asynchronously (push, Duo): they are polled.
    pub fn is_polled(&self) -> bool {
        matches!(self.factor_type, FactorType::Push | FactorType::Web)
    }
}

/// A factor's profile fields.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FactorProfile {
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
    /// Push device / authenticator name.
    pub device_name: Option<String>,
}

/// A channel for sending an Okta Verify activation link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivationChannel {
    /// By email.
    Email,
    /// By SMS.
    Sms,
}

impl ActivationChannel {
    /// The link name (`email`, `sms`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }

    fn parse(value: &str) -> Option<Self> {
        [Self::Email, Self::Sms]
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(value))
    }
}

/// Activation data of a factor being enrolled. `Debug` redacts the TOTP shared secret.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Activation {
    /// TOTP shared secret (a secret: show it only in the setup view).
    pub shared_secret: Option<String>,
    /// `base32` | `base64`.
    pub encoding: Option<String>,
    /// TOTP step in seconds.
    pub time_step: Option<u32>,
    /// Number of digits per code.
    pub key_length: Option<u32>,
    /// QR code image URL.
    pub qr_code_href: Option<String>,
    /// Activation expiry.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    /// Push / Duo activation result.
    pub factor_result: Option<FactorResult>,
    /// Channels for which a `send` link is published.
    pub send_channels: Vec<ActivationChannel>,
    /// The raw activation object without the shared secret (WebAuthn creation options, U2F, Duo).
    pub data: Value,
}

impl std::fmt::Debug for Activation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Activation")
            .field(
                "shared_secret",
                &self.shared_secret.as_ref().map(|_| "[redacted]"),
            )
            .field("encoding", &self.encoding)
            .field("time_step", &self.time_step)
            .field("key_length", &self.key_length)
            .field("qr_code_href", &self.qr_code_href)
            .field("expires_at", &self.expires_at)
            .field("factor_result", &self.factor_result)
            .field("send_channels", &self.send_channels)
            .field("data", &redact_json(&self.data))
            .finish()
    }
}

impl Activation {
    fn from_value(value: &Value) -> Self {
        let wire = WireActivation::from_value(value);
        let mut data = value.clone();
        if let Some(map) = data.as_object_mut() {
            map.remove("sharedSecret");
        }
        Self {
            shared_secret: wire.shared_secret,
            encoding: wire.encoding,
            time_step: wire.time_step,
            key_length: wire.key_length,
            qr_code_href: wire.links.qrcode.map(|l| l.href),
            expires_at: wire.expires_at,
            factor_result: wire.factor_result,
            send_channels: wire
                .links
                .send
                .as_slice()
                .iter()
                .filter_map(|l| l.name.as_deref().and_then(ActivationChannel::parse))
                .collect(),
            data,
        }
    }
}

/// Challenge data of a factor being verified.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Challenge {
    /// Push number challenge.
    pub correct_answer: Option<u32>,
    /// The raw challenge object (U2F nonce, WebAuthn request options).
    pub data: Value,
}

impl std::fmt::Debug for Challenge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Challenge")
            .field("correct_answer", &self.correct_answer)
            .field("data", &redact_json(&self.data))
            .finish()
    }
}

impl Challenge {
    fn from_value(value: &Value) -> Self {
        Self {
            correct_answer: value
                .get("correctAnswer")
                .and_then(|v| {
                    v.as_u64()
                        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                })
                .and_then(|n| u32::try_from(n).ok()),
            data: value.clone(),
        }
    }
}
