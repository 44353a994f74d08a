//! Transaction flow rules shared by the handlers: which state comes next, SUCCESS, failure counting,
//! password rules, one-time codes and pushes.

use axum::Json;
use axum::response::{IntoResponse, Response};
use time::{Duration, OffsetDateTime};

use crate::error::{ApiError, ApiResult};
use crate::scenario::{FactorKind, PasswordPolicy};
use crate::secrets::{self, Secret};
use crate::state::AppState;
use crate::store::{AuthFacts, Channel, NewMessage, Push, PushPurpose, PushResult, User};
use crate::tx::{Purpose, SentCode, Status, Tx};
use crate::wire::{self, View};

/// How long a one-time code stays valid.
pub const CODE_LIFETIME: Duration = Duration::minutes(5);

/// Required factor kinds the user has not activated yet.
pub fn required_missing(user: &User) -> Vec<FactorKind> {
    not_active(user, &user.policy.enroll.required)
}

/// Optional factor kinds the user has not activated yet.
pub fn optional_missing(user: &User) -> Vec<FactorKind> {
    not_active(user, &user.policy.enroll.optional)
}

fn not_active(user: &User, kinds: &[FactorKind]) -> Vec<FactorKind> {
    kinds
        .iter()
        .copied()
        .filter(|k| !user.has_active(*k))
        .collect()
}

/// `skip` is published in MFA_ENROLL once nothing required is missing.
pub fn enroll_skip_allowed(user: &User) -> bool {
    required_missing(user).is_empty()
}

fn enroll_prompt(tx: &Tx, user: &User) -> bool {
    if !required_missing(user).is_empty() {
        return true;
    }
    if tx.enroll_done || optional_missing(user).is_empty() {
        return false;
    }
    if tx.enrolled_any {
        tx.options.multi_optional_factor_enroll
    } else {
        user.policy.enroll.prompt_optional
    }
}

/// The state after the current step is satisfied. MFA comes before an expired password when the user
/// has an active factor.
pub fn next_status(tx: &Tx, user: &User, now: OffsetDateTime) -> Status {
    if tx.purpose == Purpose::Activation && user.password_hash.is_none() {
        return Status::PasswordReset;
    }
    if user.policy.mfa_required && user.active_factors().next().is_some() && !tx.mfa_done {
        return Status::MfaRequired;
    }
    if user.password_is_expired(now) && !tx.password_done {
        return Status::PasswordExpired;
    }
    if tx.options.warn_before_password_expired
        && user.password_in_warn_window(now)
        && !tx.password_done
        && !tx.warn_done
    {
        return Status::PasswordWarn;
    }
    if enroll_prompt(tx, user) {
        return Status::MfaEnroll;
    }
    Status::Success
}

/// Clears the per-step challenge data.
pub fn clear_step(tx: &mut Tx) {
    tx.factor_id = None;
    tx.code = None;
    tx.push_id = None;
    tx.factor_result = None;
    tx.last_sent = None;
}

/// Moves the transaction to its next state.
pub fn advance(state: &AppState, tx: &mut Tx) {
    clear_step(tx);
    let now = state.now();
    tx.status = match tx_user(state, tx).ok() {
        Some(user) => next_status(tx, &user, now),
        None => Status::Success,
    };
}

/// The user of a transaction; a transaction without a (still existing) user is an invalid token.
pub fn tx_user(state: &AppState, tx: &Tx) -> ApiResult<User> {
    tx.user_id
        .as_deref()
        .and_then(|id| state.user(id))
        .ok_or_else(ApiError::invalid_token)
}

/// Renders the transaction; SUCCESS issues the sessionToken and closes the transaction.
pub fn respond(state: &AppState, tx: &mut Tx) -> Response {
    let now = state.now();
    let user = tx_user(state, tx).ok();
    if tx.status == Status::Success {
        state.close_tx(tx);
        let unlock = tx.recovery_kind() == Some(crate::store::RecoveryKind::Unlock);
        let token = match (&user, unlock) {
            (Some(u), false) => {
                let facts = tx.facts.clone().unwrap_or_else(|| facts_for(u, None));
                Some(state.store().issue_session_token(facts, now))
            }
            _ => None,
        };
        return Json(wire::success(tx, user.as_ref(), token, now)).into_response();
    }
    let view = View {
        state,
        user: user.as_ref(),
        now,
    };
    Json(wire::transaction(&view, tx)).into_response()
}

/// Starting facts for a user.
pub fn facts_for(user: &User, password_verified: Option<OffsetDateTime>) -> AuthFacts {
    AuthFacts {
        user_id: user.id.clone(),
        login: user.login.clone(),
        name: format!("{} {}", user.first_name, user.last_name),
        password_verified,
        factor_verified: None,
        amr: if password_verified.is_some() {
            vec!["pwd"]
        } else {
            Vec::new()
        },
    }
}

/// Records a verified factor in the transaction's facts.
pub fn record_factor(tx: &mut Tx, user: &User, kind: FactorKind, now: OffsetDateTime) {
    let facts = tx.facts.get_or_insert_with(|| facts_for(user, None));
    facts.factor_verified = Some(now);
    let method = match kind {
        FactorKind::Question => "kba",
        FactorKind::Sms => "sms",
        FactorKind::Call => "tel",
        FactorKind::Email => "email",
        FactorKind::OktaTotp | FactorKind::GoogleTotp => "otp",
        FactorKind::Push => "swk",
        FactorKind::Rsa | FactorKind::Symantec | FactorKind::Yubikey => "hwk",
    };
    for m in [method, "mfa"] {
        if !facts.amr.contains(&m) {
            facts.amr.push(m);
        }
    }
}

/// Counts a failed attempt; returns true when this failure locked the account.
pub fn register_failure(state: &AppState, user_id: &str, now: OffsetDateTime) -> bool {
    state
        .with_user(user_id, |u| {
            let threshold = u.policy.lockout.threshold;
            if threshold == 0 || u.is_locked(now) {
                return false;
            }
            if u.locked_at.is_some() {
                // The lock lifted by itself (auto-unlock): start counting afresh.
                u.locked_at = None;
                u.failed_attempts = 0;
            }
            u.failed_attempts += 1;
            if u.failed_attempts >= threshold {
                u.locked_at = Some(now);
                tracing::info!(user = %u.login, "account locked after failed attempts");
                true
            } else {
                false
            }
        })
        .unwrap_or(false)
}

/// Clears the failure counter after a success.
pub fn register_success(state: &AppState, user_id: &str) {
    state.with_user(user_id, |u| u.failed_attempts = 0);
}

/// A failed factor check: E0000068, or E0000069 (and the transaction ends) when it locks the user.
pub fn factor_failure(state: &AppState, tx: &mut Tx) -> ApiError {
    let now = state.now();
    if let Some(uid) = tx.user_id.clone()
        && register_failure(state, &uid, now)
    {
        state.close_tx(tx);
        return ApiError::user_locked();
    }
    ApiError::invalid_passcode()
}

/// The password requirements as text.
pub fn requirements(p: &PasswordPolicy) -> String {
    let mut parts = vec![format!("at least {} characters", p.min_length)];
    if p.min_lower_case > 0 {
        parts.push("a lowercase letter".into());
    }
    if p.min_upper_case > 0 {
        parts.push("an uppercase letter".into());
    }
    if p.min_number > 0 {
        parts.push("a number".into());
    }
    if p.min_symbol > 0 {
        parts.push("a symbol".into());
    }
    if p.exclude_username {
        parts.push("no parts of your username".into());
    }
    let mut text = format!("Password requirements: {}.", parts.join(", "));
    if p.history_count > 0 {
        text.push_str(&format!(
            " Your password cannot be any of your last {} passwords.",
            p.history_count
        ));
    }
    text
}

/// Checks a new password against the policy; `Err(causes)` when it fails.
pub fn check_complexity(
    p: &PasswordPolicy,
    login: &str,
    password: &str,
) -> Result<(), Vec<String>> {
    let count = |f: fn(&char) -> bool| password.chars().filter(f).count() as u32;
    let mut ok = password.chars().count() as u32 >= p.min_length
        && count(char::is_ascii_lowercase) >= p.min_lower_case
        && count(char::is_ascii_uppercase) >= p.min_upper_case
        && count(char::is_ascii_digit) >= p.min_number
        && count(|c| !c.is_alphanumeric()) >= p.min_symbol;
    if p.exclude_username {
        let local = login.split('@').next().unwrap_or(login).to_lowercase();
        if !local.is_empty() && password.to_lowercase().contains(&local) {
            ok = false;
        }
    }
    if ok {
        Ok(())
    } else {
        Err(vec![format!(
            "Password requirements were not met. {}",
            requirements(p)
        )])
    }
}

/// The throttle error for a channel.
fn throttle_error(channel: Channel, seconds: i64) -> ApiError {
    match channel {
        Channel::Sms => ApiError::resend_too_soon("E0000109", "An SMS message", seconds),
        Channel::Voice => ApiError::resend_too_soon("E0000133", "A phone call", seconds),
        Channel::Email => ApiError::resend_too_soon("E0000118", "An email", seconds),
    }
}

/// Refuses a resend within the channel's interval.
pub fn check_resend(state: &AppState, tx: &Tx, channel: Channel) -> ApiResult<()> {
    let interval = state.resend_interval(channel);
    if let Some(last) = tx.last_sent
        && state.now() < last + interval
    {
        return Err(throttle_error(channel, interval.whole_seconds()));
    }
    Ok(())
}

/// The channel a factor sends codes on.
pub fn channel_of(kind: FactorKind) -> Option<Channel> {
    match kind {
        FactorKind::Sms => Some(Channel::Sms),
        FactorKind::Call => Some(Channel::Voice),
        FactorKind::Email => Some(Channel::Email),
        _ => None,
    }
}

/// Sends a fresh one-time code to `to` and stores it in the transaction for `target`.
pub fn send_code(
    state: &AppState,
    tx: &mut Tx,
    channel: Channel,
    to: &str,
    target: &str,
    why: &str,
) {
    let now = state.now();
    let code = secrets::otp_code();
    let org = &state.config.scenario.settings.org_name;
    let (subject, body) = match channel {
        Channel::Sms => (None, format!("{org} {why} code: {code}")),
        Channel::Voice => (
            None,
            format!(
                "Voice call from {org}. Your {why} code is {}.",
                spaced(&code)
            ),
        ),
        Channel::Email => (
            Some(format!("{org} {why} code")),
            format!("Your {why} code is {code}. It expires in 5 minutes."),
        ),
    };
    state.store().send(
        NewMessage {
            channel,
            to: to.to_string(),
            code: Some(code.clone()),
            link: None,
            subject,
            body,
        },
        now,
    );
    tx.code = Some(SentCode {
        target: target.to_string(),
        code: Secret::new(code),
        expires: now + CODE_LIFETIME,
    });
    tx.last_sent = Some(now);
}

fn spaced(code: &str) -> String {
    code.chars().map(String::from).collect::<Vec<_>>().join(" ")
}

/// Checks a one-time code sent for `target` (constant time; expired codes never match).
pub fn check_code(state: &AppState, tx: &Tx, target: &str, pass_code: &str) -> bool {
    match &tx.code {
        Some(sent) => {
            sent.target == target
                && state.now() < sent.expires
                && secrets::ct_eq(sent.code.expose(), pass_code.trim())
        }
        None => false,
    }
}

/// Sends a push to the user's device; returns its id.
pub fn create_push(state: &AppState, user: &User, factor_id: &str, purpose: PushPurpose) -> String {
    let now = state.now();
    let correct = (purpose == PushPurpose::Verify && user.push_number_challenge)
        .then(|| secrets::random_below(99) + 1);
    let mut choices = Vec::new();
    if let Some(c) = correct {
        choices.push(c);
        while choices.len() < 3 {
            let d = secrets::random_below(99) + 1;
            if !choices.contains(&d) {
                choices.push(d);
            }
        }
        choices.sort_unstable();
    }
    let push = Push {
        id: secrets::random_token("push", 16),
        user_id: user.id.clone(),
        login: user.login.clone(),
        factor_id: factor_id.to_string(),
        purpose,
        created: now,
        expires: now + state.push_timeout(),
        correct_answer: correct,
        choices,
        result: PushResult::Waiting,
    };
    let id = push.id.clone();
    let mut store = state.store();
    // A new push replaces the user's older waiting pushes for the same factor.
    for p in store.pushes.values_mut() {
        if p.factor_id == factor_id && p.result == PushResult::Waiting {
            p.result = PushResult::TimedOut;
        }
    }
    store.pushes.insert(id.clone(), push);
    tracing::info!(user = %user.login, "push sent to the demo device; approve it at /emulator/push");
    id
}

/// The current result of a push (a missing push counts as timed out).
pub fn push_result(state: &AppState, push_id: &str) -> PushResult {
    let now = state.now();
    state
        .store()
        .pushes
        .get(push_id)
        .map_or(PushResult::TimedOut, |p| p.result_at(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complexity_rules() {
        let p = PasswordPolicy::default();
        assert!(check_complexity(&p, "fern@example.com", "Changed5678").is_ok());
        assert!(check_complexity(&p, "fern@example.com", "short1A").is_err());
        assert!(check_complexity(&p, "fern@example.com", "alllower123").is_err());
        assert!(check_complexity(&p, "fern@example.com", "ALLUPPER123").is_err());
        assert!(check_complexity(&p, "fern@example.com", "NoDigitsHere").is_err());
        let causes = check_complexity(&p, "fern@example.com", "MyFern1234").unwrap_err();
        assert!(causes[0].contains("no parts of your username"));
    }
}
