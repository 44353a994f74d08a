//! The in-memory store: users, outbox, pushes, sessions and sessionTokens, recovery tokens,
//! remembered devices and rate-limit buckets (everything except live transactions).

use std::collections::{BTreeMap, HashMap};

use time::{Duration, OffsetDateTime};

use crate::model::time::iso;
use crate::model::{
    Bucket, Device, Factor, FactorStatus, IssuedToken, NewMessage, OutboxMessage, Push, PushResult,
    RecoveryToken, Session, SessionToken, TotpSecret, User,
};
use crate::rules::facts::{SESSION_LIFETIME, SESSION_TOKEN_LIFETIME};
use crate::rules::rate_limit;
use crate::scenario::{FactorKind, FactorSpec, Scenario};
use crate::secrets::{self, Secret};
use crate::webauthn::{AttestationKind, Credential, UNKNOWN_AUTHENTICATOR};

/// The mutable state (everything except live transactions).
#[derive(Default)]
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

/// Counts only: the maps are keyed by tokens and session ids, which must never reach a log.
impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("users", &self.users.len())
            .field("outbox", &self.outbox.len())
            .field("pushes", &self.pushes.len())
            .field("session_tokens", &self.session_tokens.len())
            .field("sessions", &self.sessions.len())
            .field("recovery_tokens", &self.recovery_tokens.len())
            .field("devices", &self.devices.len())
            .finish_non_exhaustive()
    }
}

/// The registered key of a scenario WebAuthn factor (validated: both parts are present).
fn seeded_credential(spec: &FactorSpec) -> Option<Credential> {
    let (Some(id), Some(public_key)) = (&spec.credential_id, &spec.public_key) else {
        return None;
    };
    (spec.kind == FactorKind::Webauthn).then(|| Credential {
        id: id.clone(),
        public_key: public_key.clone(),
        sign_count: spec.sign_count,
        transports: Vec::new(),
        aaguid: Default::default(),
        authenticator_name: spec
            .authenticator_name
            .clone()
            .unwrap_or_else(|| UNKNOWN_AUTHENTICATOR.to_string()),
        attestation: AttestationKind::None,
    })
}

impl Store {
    /// Builds the seeded state from a scenario at `now`.
    pub fn seed(scenario: &Scenario, now: OffsetDateTime) -> Self {
        let mut store = Store::default();
        for spec in &scenario.users {
            let id = spec
                .id
                .clone()
                .unwrap_or_else(|| secrets::stable_id("00u", &spec.login));
            let factors = spec
                .factors
                .iter()
                .enumerate()
                .map(|(i, f)| Factor {
                    id: f.id.clone().unwrap_or_else(|| {
                        // Several keys of one kind need an index; other ids stay as they were.
                        let name = if f.kind.is_multi_instance() {
                            format!("{}/{:?}/{i}", spec.login, f.kind)
                        } else {
                            format!("{}/{:?}", spec.login, f.kind)
                        };
                        secrets::stable_id(f.kind.id_prefix(), &name)
                    }),
                    kind: f.kind,
                    status: FactorStatus::Active,
                    phone: f.phone.clone(),
                    question: f.question.clone(),
                    answer: f.answer.clone().map(Secret::new),
                    secret: f
                        .secret
                        .as_deref()
                        .and_then(secrets::base32_decode)
                        .map(TotpSecret::new),
                    last_totp_step: None,
                    qr_token: None,
                    activation_expires: None,
                    credential: seeded_credential(f),
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

    /// Appends a message to the outbox and logs it on the `outbox` target (the one place a code
    /// is logged: the outbox is the demo's stand-in for a phone or a mailbox).
    pub fn send(&mut self, message: NewMessage, now: OffsetDateTime) -> OutboxMessage {
        self.next_message += 1;
        let msg = OutboxMessage {
            id: format!("msg{:06}", self.next_message),
            channel: message.channel.as_str(),
            to: message.to,
            code: message.code.map(|c| c.expose().to_string()),
            link: message.link,
            subject: message.subject,
            body: message.body,
            created_at: iso(now),
            created: now,
        };
        tracing::info!(target: "outbox", channel = msg.channel, to = %msg.to, "{}", msg.body.replace('\n', " "));
        self.outbox.push(msg.clone());
        msg
    }

    /// Messages filtered by recipient (`to`: an email, or a phone number compared by digits) and
    /// `since` (a message id, exclusive, or an RFC 3339 time, inclusive), oldest first.
    pub fn outbox_filtered(&self, to: Option<&str>, since: Option<&str>) -> Vec<OutboxMessage> {
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        let since_time = since.and_then(|s| {
            OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
        });
        let since_index = since
            .filter(|_| since_time.is_none())
            .and_then(|id| self.outbox.iter().position(|m| m.id == id));
        self.outbox
            .iter()
            .enumerate()
            .filter(|(i, m)| match (since_time, since_index, since) {
                (Some(t), _, _) => m.created >= t,
                (None, Some(idx), _) => *i > idx,
                (None, None, Some(_)) => false,
                (None, None, None) => true,
            })
            .map(|(_, m)| m)
            .filter(|m| match to {
                None | Some("") => true,
                Some(to) => {
                    m.to.eq_ignore_ascii_case(to.trim())
                        || (!digits(to).is_empty()
                            && digits(&m.to) == digits(to)
                            && m.channel != "email")
                }
            })
            .cloned()
            .collect()
    }

    /// Takes one token from `username`'s bucket: `Ok(remaining)`, or `Err(reset_epoch_seconds)`.
    pub fn take_rate_token(&mut self, username: &str, now: OffsetDateTime) -> Result<u32, i64> {
        let bucket = self
            .buckets
            .entry(username.trim().to_lowercase())
            .or_insert_with(|| rate_limit::full_bucket(now));
        rate_limit::take(bucket, now)
    }

    /// Issues a one-time sessionToken for what a sign-in proved.
    pub fn issue_session_token(
        &mut self,
        facts: crate::model::AuthFacts,
        now: OffsetDateTime,
    ) -> IssuedToken {
        let token = secrets::random_token("20111", 37);
        let expires = now + SESSION_TOKEN_LIFETIME;
        self.session_tokens
            .insert(token.clone(), SessionToken { facts, expires });
        IssuedToken {
            token: Secret::new(token),
            expires,
        }
    }

    /// Consumes a sessionToken (one-time) into a new session.
    pub fn exchange_session_token(&mut self, token: &str, now: OffsetDateTime) -> Option<Session> {
        let record = self.session_tokens.remove(token)?;
        if record.expires <= now {
            return None;
        }
        Some(self.create_session(record.facts, now))
    }

    /// A new session for what a sign-in proved.
    pub fn create_session(
        &mut self,
        facts: crate::model::AuthFacts,
        now: OffsetDateTime,
    ) -> Session {
        let session = Session {
            id: Secret::new(secrets::random_token("102", 22)),
            facts,
            created: now,
            expires: now + SESSION_LIFETIME,
        };
        self.sessions
            .insert(session.id.expose().to_string(), session.clone());
        session
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

    /// The current result of a push (a missing push counts as timed out).
    pub fn push_result(&self, push_id: &str, now: OffsetDateTime) -> PushResult {
        self.pushes
            .get(push_id)
            .map_or(PushResult::TimedOut, |p| p.result_at(now))
    }

    /// Marks a waiting push as timed out (the transaction moved on or was cancelled).
    pub fn cancel_push(&mut self, push_id: &str) {
        if let Some(p) = self.pushes.get_mut(push_id)
            && p.result == PushResult::Waiting
        {
            p.result = PushResult::TimedOut;
        }
    }

    /// Adds a push; it replaces the older waiting pushes of the same factor.
    pub fn add_push(&mut self, push: Push) {
        for p in self.pushes.values_mut() {
            if p.factor_id == push.factor_id && p.result == PushResult::Waiting {
                p.result = PushResult::TimedOut;
            }
        }
        self.pushes.insert(push.id.clone(), push);
    }
}
