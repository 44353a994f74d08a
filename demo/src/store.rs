//! The emulator's in-memory state (everything except live transactions): users, outbox, pushes,
//! sessions, recovery tokens, remembered devices and rate-limit buckets. Seeded from the scenario and
//! restored by `/emulator/reset`.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use crate::scenario::{FactorKind, PolicySpec, Scenario};
use crate::secrets::{self, Secret};

/// Lifetime of a recovery token sent by email.
pub const RECOVERY_TOKEN_LIFETIME: Duration = Duration::hours(1);
/// Lifetime of a sessionToken.
pub const SESSION_TOKEN_LIFETIME: Duration = Duration::minutes(5);
/// Lifetime of a session.
pub const SESSION_LIFETIME: Duration = Duration::hours(2);

/// A user at run time.
#[derive(Debug, Clone)]
pub struct User {
    /// `00u…` id.
    pub id: String,
    /// Username.
    pub login: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Primary email.
    pub email: String,
    /// Recovery phone.
    pub phone: Option<String>,
    /// What the user demonstrates.
    pub shows: String,
    /// Demo password for display.
    pub shown_password: Option<String>,
    /// PHC string, or `None` until activated.
    pub password_hash: Option<String>,
    /// When the password was last changed.
    pub password_changed: OffsetDateTime,
    /// PHC strings of previous passwords, newest first (at most the policy's history count).
    pub password_history: Vec<String>,
    /// Expired regardless of age.
    pub password_expired: bool,
    /// Locked since.
    pub locked_at: Option<OffsetDateTime>,
    /// Failed attempts since the last success.
    pub failed_attempts: u32,
    /// Recovery question and answer.
    pub recovery_question: Option<(String, Secret)>,
    /// Factors, enrolled or pending activation.
    pub factors: Vec<Factor>,
    /// One-time activation token.
    pub activation_token: Option<Secret>,
    /// Pushes carry a number challenge.
    pub push_number_challenge: bool,
    /// Hardware token codes.
    pub hardware_codes: BTreeMap<FactorKind, Vec<String>>,
    /// Resolved policy.
    pub policy: PolicySpec,
}

impl User {
    /// Active factors.
    pub fn active_factors(&self) -> impl Iterator<Item = &Factor> {
        self.factors
            .iter()
            .filter(|f| f.status == FactorStatus::Active)
    }
    /// A factor by id.
    pub fn factor(&self, id: &str) -> Option<&Factor> {
        self.factors.iter().find(|f| f.id == id)
    }
    /// A factor by id, mutable.
    pub fn factor_mut(&mut self, id: &str) -> Option<&mut Factor> {
        self.factors.iter_mut().find(|f| f.id == id)
    }
    /// Whether an active factor of this kind exists.
    pub fn has_active(&self, kind: FactorKind) -> bool {
        self.active_factors().any(|f| f.kind == kind)
    }
    /// Whether the account is locked at `now` (auto-unlock applied).
    pub fn is_locked(&self, now: OffsetDateTime) -> bool {
        match self.locked_at {
            None => false,
            Some(at) => {
                let minutes = self.policy.lockout.auto_unlock_minutes;
                minutes == 0 || now < at + Duration::minutes(i64::from(minutes))
            }
        }
    }
    /// The phone used for SMS/voice recovery: the profile phone, else an SMS or call factor's phone.
    pub fn recovery_phone(&self) -> Option<String> {
        self.phone.clone().or_else(|| {
            self.active_factors()
                .find(|f| matches!(f.kind, FactorKind::Sms | FactorKind::Call))
                .and_then(|f| f.phone.clone())
        })
    }
    /// Days until the password expires (negative once expired), if the policy expires passwords.
    pub fn password_days_left(&self, now: OffsetDateTime) -> Option<i64> {
        let days = self.policy.password.expire_days;
        if days == 0 {
            return None;
        }
        let expires = self.password_changed + Duration::days(i64::from(days));
        // Rounded up: a password that expires in 4.9 days has 5 days left.
        let seconds = (expires - now).whole_seconds();
        Some(seconds.div_euclid(86_400) + i64::from(seconds.rem_euclid(86_400) > 0))
    }
    /// Whether the password must be changed now.
    pub fn password_is_expired(&self, now: OffsetDateTime) -> bool {
        if self.password_hash.is_none() {
            return false;
        }
        let days = self.policy.password.expire_days;
        let aged_out = days > 0 && self.password_changed + Duration::days(i64::from(days)) <= now;
        self.password_expired || aged_out
    }
    /// Whether the password is inside the warn window (and not expired).
    pub fn password_in_warn_window(&self, now: OffsetDateTime) -> bool {
        let warn = i64::from(self.policy.password.warn_days);
        !self.password_is_expired(now)
            && warn > 0
            && self.password_days_left(now).is_some_and(|d| d <= warn)
    }
}

/// Factor status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactorStatus {
    /// Enrolled and usable.
    Active,
    /// Enrolled, waiting for activation.
    PendingActivation,
}

/// A factor on a user.
#[derive(Debug, Clone)]
pub struct Factor {
    /// Factor id.
    pub id: String,
    /// Which factor.
    pub kind: FactorKind,
    /// Status.
    pub status: FactorStatus,
    /// Phone (sms/call).
    pub phone: Option<String>,
    /// Security question key.
    pub question: Option<String>,
    /// Security question answer.
    pub answer: Option<Secret>,
    /// TOTP secret.
    pub secret: Option<Vec<u8>>,
    /// Last accepted TOTP step (replay protection).
    pub last_totp_step: Option<u64>,
    /// Token for the activation QR code URL.
    pub qr_token: Option<String>,
    /// When the pending activation expires.
    pub activation_expires: Option<OffsetDateTime>,
}

impl Factor {
    /// A new factor.
    pub fn new(kind: FactorKind, status: FactorStatus) -> Self {
        Self {
            id: secrets::random_id(kind.id_prefix()),
            kind,
            status,
            phone: None,
            question: None,
            answer: None,
            secret: None,
            last_totp_step: None,
            qr_token: None,
            activation_expires: None,
        }
    }
}

/// A message in the outbox.
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
    /// Wire name.
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
    /// Authentication methods (`pwd`, `sms`, `otp`, `mfa`, …).
    pub amr: Vec<&'static str>,
}

/// A one-time sessionToken.
#[derive(Debug, Clone)]
pub struct SessionToken {
    /// What the sign-in proved.
    pub facts: AuthFacts,
    /// Expiry.
    pub expires: OffsetDateTime,
}

/// A session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Session id.
    pub id: String,
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

/// A token bucket for the per-username rate limit on `/api/v1/authn`.
#[derive(Debug, Clone)]
pub struct Bucket {
    /// Tokens left.
    pub tokens: f64,
    /// Last refill.
    pub updated: OffsetDateTime,
}

/// Capacity of the per-username bucket.
pub const BUCKET_CAPACITY: f64 = 4.0;
/// Refill per second.
pub const BUCKET_REFILL_PER_SECOND: f64 = 4.0;

/// The mutable state.
#[derive(Debug, Default)]
pub struct Store {
    /// Users by id.
    pub users: BTreeMap<String, User>,
    /// Outbox, oldest first.
    pub outbox: Vec<OutboxMessage>,
    /// Pushes by id.
    pub pushes: BTreeMap<String, Push>,
    /// sessionTokens.
    pub session_tokens: HashMap<String, SessionToken>,
    /// Sessions by id.
    pub sessions: HashMap<String, Session>,
    /// Recovery tokens.
    pub recovery_tokens: HashMap<String, RecoveryToken>,
    /// Remembered devices by DT cookie value.
    pub devices: HashMap<String, Device>,
    /// Stored "send push automatically" choices by factor id.
    pub auto_push: HashMap<String, bool>,
    /// Rate-limit buckets by lowercase username.
    pub buckets: HashMap<String, Bucket>,
    /// Counter for outbox ids.
    pub next_message: u64,
}

impl Store {
    /// Builds the seeded state from a scenario at `now`.
    pub fn seed(scenario: &Scenario, now: OffsetDateTime) -> Self {
        let mut store = Store::default();
        for spec in &scenario.users {
            let id = spec
                .id
                .clone()
                .unwrap_or_else(|| stable_id("00u", &spec.login));
            let factors = spec
                .factors
                .iter()
                .map(|f| Factor {
                    id: f.id.clone().unwrap_or_else(|| {
                        stable_id(f.kind.id_prefix(), &format!("{}/{:?}", spec.login, f.kind))
                    }),
                    kind: f.kind,
                    status: FactorStatus::Active,
                    phone: f.phone.clone(),
                    question: f.question.clone(),
                    answer: f.answer.clone().map(Secret::new),
                    secret: f.secret.as_deref().and_then(secrets::base32_decode),
                    last_totp_step: None,
                    qr_token: None,
                    activation_expires: None,
                })
                .collect();
            let user = User {
                id: id.clone(),
                login: spec.login.clone(),
                first_name: spec.first_name.clone(),
                last_name: spec.last_name.clone(),
                email: spec.email.clone().unwrap_or_else(|| spec.login.clone()),
                phone: spec.phone.clone(),
                shows: spec.shows.clone(),
                shown_password: spec.shown_password.clone(),
                password_hash: spec.password_hash.clone(),
                password_changed: now - Duration::days(i64::from(spec.password_age_days)),
                password_history: Vec::new(),
                password_expired: spec.password_expired,
                locked_at: spec.locked.then_some(now),
                failed_attempts: 0,
                recovery_question: spec
                    .recovery_question
                    .as_ref()
                    .map(|q| (q.question.clone(), Secret::new(q.answer.clone()))),
                factors,
                activation_token: spec.activation_token.clone().map(Secret::new),
                push_number_challenge: spec.push_number_challenge,
                hardware_codes: spec.hardware_codes.clone(),
                policy: scenario.policy_for(spec),
            };
            store.users.insert(id, user);
        }
        store
    }

    /// A user by login (case-insensitive).
    pub fn user_by_login(&self, login: &str) -> Option<&User> {
        self.users
            .values()
            .find(|u| u.login.eq_ignore_ascii_case(login.trim()))
    }

    /// Appends a message to the outbox and logs it on the `outbox` target.
    pub fn send(&mut self, message: NewMessage, now: OffsetDateTime) -> OutboxMessage {
        self.next_message += 1;
        let msg = OutboxMessage {
            id: format!("msg{:06}", self.next_message),
            channel: message.channel.as_str(),
            to: message.to,
            code: message.code,
            link: message.link,
            subject: message.subject,
            body: message.body,
            created_at: crate::wire::iso(now),
            created: now,
        };
        tracing::info!(target: "outbox", channel = msg.channel, to = %msg.to, "{}", msg.body.replace('\n', " "));
        self.outbox.push(msg.clone());
        msg
    }

    /// Takes one token from `username`'s bucket. `Err(reset_epoch_seconds)` when empty; `Ok(remaining)`.
    pub fn take_rate_token(&mut self, username: &str, now: OffsetDateTime) -> Result<u32, i64> {
        let bucket = self
            .buckets
            .entry(username.trim().to_lowercase())
            .or_insert(Bucket {
                tokens: BUCKET_CAPACITY,
                updated: now,
            });
        let elapsed = (now - bucket.updated).as_seconds_f64().max(0.0);
        bucket.tokens = (bucket.tokens + elapsed * BUCKET_REFILL_PER_SECOND).min(BUCKET_CAPACITY);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(bucket.tokens.floor() as u32)
        } else {
            let wait = (1.0 - bucket.tokens) / BUCKET_REFILL_PER_SECOND;
            let reset = now + Duration::seconds_f64(wait);
            Err(reset.unix_timestamp() + 1)
        }
    }

    /// Issues a one-time sessionToken.
    pub fn issue_session_token(
        &mut self,
        facts: AuthFacts,
        now: OffsetDateTime,
    ) -> (String, OffsetDateTime) {
        let token = secrets::random_token("20111", 37);
        let expires = now + SESSION_TOKEN_LIFETIME;
        self.session_tokens
            .insert(token.clone(), SessionToken { facts, expires });
        (token, expires)
    }

    /// Consumes a sessionToken (one-time) into a new session.
    pub fn exchange_session_token(&mut self, token: &str, now: OffsetDateTime) -> Option<Session> {
        let record = self.session_tokens.remove(token)?;
        if record.expires <= now {
            return None;
        }
        let session = Session {
            id: secrets::random_token("102", 22),
            facts: record.facts,
            created: now,
            expires: now + SESSION_LIFETIME,
        };
        self.sessions.insert(session.id.clone(), session.clone());
        Some(session)
    }

    /// A live session by id.
    pub fn live_session(&self, id: &str, now: OffsetDateTime) -> Option<&Session> {
        self.sessions.get(id).filter(|s| s.expires > now)
    }

    /// Pending (waiting) pushes at `now`.
    pub fn pending_pushes(&self, now: OffsetDateTime) -> Vec<&Push> {
        self.pushes
            .values()
            .filter(|p| p.result_at(now) == PushResult::Waiting)
            .collect()
    }
}

/// A message to send.
#[derive(Debug)]
pub struct NewMessage {
    /// Channel.
    pub channel: Channel,
    /// Recipient.
    pub to: String,
    /// Code.
    pub code: Option<String>,
    /// Link.
    pub link: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Body.
    pub body: String,
}

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
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Voice => "voice",
            Channel::Email => "email",
        }
    }
}

/// A deterministic Okta-style id derived from a name (so seeded ids survive a reset).
pub fn stable_id(prefix: &str, name: &str) -> String {
    // FNV-1a, expanded to 17 base62 characters; ids are not secrets.
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut out = String::from(prefix);
    let mut state = hash;
    while out.len() < 20 {
        out.push(char::from(ALPHABET[(state % 62) as usize]));
        state = (state / 62) ^ hash.rotate_left(out.len() as u32);
    }
    out
}
