//! What the store keeps besides users and transactions: outbox messages, pushes, sessions and
//! sessionTokens, recovery tokens, remembered devices and rate-limit buckets.

use serde::Serialize;
use time::OffsetDateTime;

use crate::secrets::Secret;

/// Outbox channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// SMS.
    Sms,
    /// Voice call.
    Voice,
    /// Email.
    Email,
}

impl Channel {
    /// The outbox's name for the channel (`sms`, `voice`, `email`).
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Voice => "voice",
            Channel::Email => "email",
        }
    }

    /// The recovery `factorType` and path segment of the channel (`SMS`, `CALL`, `EMAIL`).
    pub fn recovery_name(self) -> &'static str {
        match self {
            Channel::Sms => "SMS",
            Channel::Voice => "CALL",
            Channel::Email => "EMAIL",
        }
    }
}

/// A message in the outbox (also its JSON shape in `/emulator/outbox.json`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxMessage {
    /// Message id.
    pub id: String,
    /// `sms`, `voice` or `email`.
    pub channel: &'static str,
    /// Recipient.
    pub to: String,
    /// One-time code, if any.
    pub code: Option<String>,
    /// Link, if any.
    pub link: Option<String>,
    /// Subject (email).
    pub subject: Option<String>,
    /// Text body.
    pub body: String,
    /// When it was sent (ISO-8601).
    pub created_at: String,
    /// When it was sent.
    #[serde(skip)]
    pub created: OffsetDateTime,
}

/// A message to send.
#[derive(Debug)]
pub struct NewMessage {
    /// Channel.
    pub channel: Channel,
    /// Recipient.
    pub to: String,
    /// Code.
    pub code: Option<Secret>,
    /// Link.
    pub link: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Body.
    pub body: String,
}

/// What a push is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushPurpose {
    /// MFA verification.
    Verify,
    /// Okta Verify enrollment.
    Activate,
}

/// Outcome of a push.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushResult {
    /// Pending.
    Waiting,
    /// Approved on the device.
    Approved,
    /// Rejected on the device.
    Rejected,
    /// Timed out.
    TimedOut,
}

impl PushResult {
    /// Wire name (`WAITING`, `SUCCESS`, `REJECTED`, `TIMEOUT`).
    pub fn as_str(self) -> &'static str {
        match self {
            PushResult::Waiting => "WAITING",
            PushResult::Approved => "SUCCESS",
            PushResult::Rejected => "REJECTED",
            PushResult::TimedOut => "TIMEOUT",
        }
    }
}

/// A push sent to a (simulated) device.
#[derive(Debug, Clone)]
pub struct Push {
    /// Push id.
    pub id: String,
    /// User id.
    pub user_id: String,
    /// Username.
    pub login: String,
    /// Factor id.
    pub factor_id: String,
    /// Verify or activate.
    pub purpose: PushPurpose,
    /// Sent at.
    pub created: OffsetDateTime,
    /// Times out at.
    pub expires: OffsetDateTime,
    /// The number challenge's correct answer.
    pub correct_answer: Option<u32>,
    /// The numbers shown on the device (including the correct one).
    pub choices: Vec<u32>,
    /// Result.
    pub result: PushResult,
}

impl Push {
    /// The result at `now` (a waiting push past its expiry has timed out).
    pub fn result_at(&self, now: OffsetDateTime) -> PushResult {
        if self.result == PushResult::Waiting && now >= self.expires {
            PushResult::TimedOut
        } else {
            self.result
        }
    }
}

/// What to do with a pending push.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushDecision {
    /// Approve (with the number, if a number challenge is shown).
    Approve,
    /// Reject.
    Reject,
    /// Let it time out now.
    Timeout,
}

/// Outcome of resolving a push.
#[derive(Debug, Clone, Serialize)]
pub struct PushOutcome {
    /// `SUCCESS`, `REJECTED` or `TIMEOUT`.
    pub result: &'static str,
    /// Why it was not approved, if it was meant to be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
}

/// Authentication methods (`amr`) a sign-in proved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amr {
    /// Password.
    Pwd,
    /// Security question.
    Kba,
    /// SMS code.
    Sms,
    /// Voice-call code.
    Tel,
    /// Email code.
    Email,
    /// One-time password app.
    Otp,
    /// Software key (Okta Verify push).
    Swk,
    /// Hardware key.
    Hwk,
    /// More than one factor.
    Mfa,
}

impl Amr {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Amr::Pwd => "pwd",
            Amr::Kba => "kba",
            Amr::Sms => "sms",
            Amr::Tel => "tel",
            Amr::Email => "email",
            Amr::Otp => "otp",
            Amr::Swk => "swk",
            Amr::Hwk => "hwk",
            Amr::Mfa => "mfa",
        }
    }
}

/// Facts about a completed authentication, carried by sessionTokens and sessions.
#[derive(Debug, Clone)]
pub struct AuthFacts {
    /// User id.
    pub user_id: String,
    /// Username.
    pub login: String,
    /// Display name.
    pub name: String,
    /// When the password was verified.
    pub password_verified: Option<OffsetDateTime>,
    /// When a factor was verified.
    pub factor_verified: Option<OffsetDateTime>,
    /// Authentication methods, in the order they were proven.
    pub amr: Vec<Amr>,
}

/// A one-time sessionToken.
#[derive(Debug, Clone)]
pub struct SessionToken {
    /// What the sign-in proved.
    pub facts: AuthFacts,
    /// Expiry.
    pub expires: OffsetDateTime,
}

/// A sessionToken as issued: the token and its expiry.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    /// The one-time token.
    pub token: Secret,
    /// When it expires.
    pub expires: OffsetDateTime,
}

/// A session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Session id (also the `sid` cookie value).
    pub id: Secret,
    /// What the sign-in proved.
    pub facts: AuthFacts,
    /// Created at.
    pub created: OffsetDateTime,
    /// Expires at.
    pub expires: OffsetDateTime,
}

/// Recovery kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryKind {
    /// Forgot password.
    Password,
    /// Unlock account.
    Unlock,
}

impl RecoveryKind {
    /// Wire `recoveryType`.
    pub fn as_str(self) -> &'static str {
        match self {
            RecoveryKind::Password => "PASSWORD",
            RecoveryKind::Unlock => "UNLOCK",
        }
    }
}

/// A recovery token sent by email.
#[derive(Debug, Clone)]
pub struct RecoveryToken {
    /// User id.
    pub user_id: String,
    /// What it recovers.
    pub kind: RecoveryKind,
    /// Expiry.
    pub expires: OffsetDateTime,
    /// Already used.
    pub used: bool,
}

/// A remembered device (DT cookie).
#[derive(Debug, Clone)]
pub struct Device {
    /// User id.
    pub user_id: String,
    /// Until when MFA is skipped (`None`: as long as the cookie is presented).
    pub until: Option<OffsetDateTime>,
}

/// A remember-device cookie to hand to the browser.
#[derive(Debug, Clone)]
pub struct DeviceCookie {
    /// The `DT` cookie value.
    pub token: Secret,
    /// Its lifetime in seconds.
    pub max_age_seconds: i64,
}

/// A token bucket for the per-username rate limit on `/api/v1/authn`.
#[derive(Debug, Clone)]
pub struct Bucket {
    /// Tokens left.
    pub tokens: f64,
    /// Last refill.
    pub updated: OffsetDateTime,
}
