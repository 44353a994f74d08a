//! The emulator's own JSON: the demo users (`/emulator/users.json`), the clock, the security
//! questions list.

use std::collections::BTreeMap;

use serde::Serialize;
use time::OffsetDateTime;

use crate::model::questions::QUESTIONS;
use crate::model::time::iso;
use crate::model::{FactorStatus, User};
use crate::rules::lockout;
use crate::scenario::{FactorKind, UserSpec};
use crate::secrets;

/// A demo user with everything a tester needs (passwords, TOTP secrets, answers, codes).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoUser {
    /// User id.
    pub id: String,
    /// Username.
    pub username: String,
    /// The demo password.
    pub password: Option<String>,
    /// What the user demonstrates.
    pub shows: String,
    /// Email.
    pub email: String,
    /// Recovery phone.
    pub phone: Option<String>,
    /// Locked now.
    pub locked: bool,
    /// Activation token.
    pub activation_token: Option<String>,
    /// Recovery question and answer.
    pub recovery_question: Option<DemoQuestion>,
    /// Factors.
    pub factors: Vec<DemoFactor>,
    /// TOTP secrets.
    pub totp: Vec<DemoTotp>,
    /// Hardware token codes.
    pub hardware_codes: BTreeMap<FactorKind, Vec<String>>,
}

/// A recovery question and its answer.
#[derive(Debug, Serialize)]
pub struct DemoQuestion {
    /// The question.
    pub question: String,
    /// The answer.
    pub answer: String,
}

/// A factor of a demo user.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoFactor {
    /// Factor id.
    pub id: String,
    /// `factorType`.
    pub factor_type: &'static str,
    /// `provider`.
    pub provider: &'static str,
    /// `ACTIVE`, `PENDING_ACTIVATION`.
    pub status: &'static str,
    /// Phone (SMS, call).
    pub phone_number: Option<String>,
    /// Security question key.
    pub question: Option<String>,
    /// Security question answer.
    pub answer: Option<String>,
    /// The registered key's credential id, base64url (WebAuthn).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_id: Option<String>,
    /// The registered key's signature counter as last seen (WebAuthn).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_count: Option<u32>,
}

/// A TOTP factor's secret.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoTotp {
    /// Factor id.
    pub factor_id: String,
    /// `OKTA`, `GOOGLE`.
    pub provider: &'static str,
    /// Base32 secret.
    pub secret: String,
    /// `otpauth://` URI.
    pub otpauth_uri: String,
}

/// The demo users, in scenario order, as they are now.
pub fn demo_users<'a>(
    users: impl IntoIterator<Item = (&'a UserSpec, &'a User)>,
    org: &str,
    now: OffsetDateTime,
) -> Vec<DemoUser> {
    users
        .into_iter()
        .map(|(spec, u)| DemoUser {
            id: u.id.clone(),
            username: u.login.clone(),
            password: u.shown_password.clone(),
            shows: u.shows.clone(),
            email: u.email.clone(),
            phone: u.phone.clone(),
            locked: lockout::is_locked(u, now),
            activation_token: spec.activation_token.clone(),
            recovery_question: spec.recovery_question.as_ref().map(|q| DemoQuestion {
                question: q.question.clone(),
                answer: q.answer.clone(),
            }),
            factors: u
                .factors
                .iter()
                .map(|f| DemoFactor {
                    id: f.id.clone(),
                    factor_type: f.kind.factor_type(),
                    provider: f.kind.provider(),
                    status: match f.status {
                        FactorStatus::Active => "ACTIVE",
                        FactorStatus::PendingActivation => "PENDING_ACTIVATION",
                    },
                    phone_number: f.phone.clone(),
                    question: f.question.clone(),
                    answer: f.answer.as_ref().map(|a| a.expose().to_string()),
                    credential_id: f.credential.as_ref().map(|c| c.id.to_base64url()),
                    sign_count: f.credential.as_ref().map(|c| c.sign_count),
                })
                .collect(),
            totp: u
                .factors
                .iter()
                .filter(|f| f.kind.is_totp())
                .filter_map(|f| f.secret.as_ref().map(|s| (f, s)))
                .map(|(f, s)| DemoTotp {
                    factor_id: f.id.clone(),
                    provider: f.kind.provider(),
                    secret: secrets::base32(s.expose()),
                    otpauth_uri: secrets::totp(s.expose(), &u.login, org).get_url(),
                })
                .collect(),
            hardware_codes: u.hardware_codes.clone(),
        })
        .collect()
}

/// The clock's state (`POST /emulator/clock`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockState {
    /// The emulator's time.
    pub now: String,
    /// Seconds ahead of real time.
    pub offset_seconds: i64,
    /// Real time is stopped.
    pub frozen: bool,
}

/// The clock's state at `now`.
pub fn clock_state(now: OffsetDateTime, offset_seconds: i64, frozen: bool) -> ClockState {
    ClockState {
        now: iso(now),
        offset_seconds,
        frozen,
    }
}

/// A security question offered for enrollment.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionItem {
    /// The key.
    pub question: &'static str,
    /// The text.
    pub question_text: &'static str,
}

/// The security questions (`GET /api/v1/users/{id}/factors/questions`).
pub fn questions() -> Vec<QuestionItem> {
    QUESTIONS
        .iter()
        .map(|(question, question_text)| QuestionItem {
            question,
            question_text,
        })
        .collect()
}

/// An error message of the emulator's own push endpoints.
#[derive(Debug, Serialize)]
pub struct Problem {
    /// What went wrong.
    pub error: &'static str,
}
