//! Self-service recovery: forgot password and unlock (by email link, SMS or voice call), recovery
//! tokens and the recovery question.

use crate::error::{ApiError, ApiResult};
use crate::model::{
    Channel, Delivery, NewMessage, Options, Purpose, RecoveryKind, RecoveryToken, Status,
    StatusKind, Transaction, TxView, User,
};
use crate::rules::codes::{check_resend, code_matches};
use crate::rules::credentials::answer_matches;
use crate::rules::facts::RECOVERY_TOKEN_LIFETIME;
use crate::rules::{lockout, transition};
use crate::secrets::{self, Secret};
use crate::store::AppState;

/// How a recovery starts.
#[derive(Debug)]
pub enum RecoveryStarted {
    /// By email: a link was sent if the user exists; no transaction (no stateToken, no links).
    EmailSent {
        /// What is recovered.
        kind: RecoveryKind,
        /// `relayState`, echoed.
        relay_state: Option<String>,
    },
    /// By SMS or voice call: RECOVERY_CHALLENGE.
    Challenge(Box<TxView>),
}

/// The recovery channel named by `factorType` (`EMAIL`, `SMS`, and `CALL` for a password).
pub fn channel(factor_type: Option<&str>, kind: RecoveryKind) -> ApiResult<Channel> {
    let Some(ft) = factor_type else {
        return Err(ApiError::validation(
            "factorType: The field cannot be left blank",
        ));
    };
    match (ft.to_ascii_uppercase().as_str(), kind) {
        ("EMAIL", _) => Ok(Channel::Email),
        ("SMS", _) => Ok(Channel::Sms),
        ("CALL", RecoveryKind::Password) => Ok(Channel::Voice),
        _ => Err(ApiError::validation("factorType: Invalid Factor Type")),
    }
}

fn why(kind: RecoveryKind) -> &'static str {
    match kind {
        RecoveryKind::Password => "password reset",
        RecoveryKind::Unlock => "account unlock",
    }
}

/// `POST /api/v1/authn/recovery/{password|unlock}`. The answer never reveals whether the username
/// exists: an email is only sent to a known user, and an SMS / voice challenge for an unknown user
/// can never succeed.
pub async fn start(
    state: &AppState,
    username: &str,
    channel: Channel,
    kind: RecoveryKind,
    relay_state: Option<String>,
) -> ApiResult<RecoveryStarted> {
    let user = state.store().user_by_login(username).cloned();
    let now = state.now();
    if channel == Channel::Email {
        if let Some(user) = &user {
            email_recovery_link(state, user, kind);
        }
        return Ok(RecoveryStarted::EmailSent { kind, relay_state });
    }
    let phone = user.as_ref().and_then(User::recovery_phone);
    let user_id = user
        .as_ref()
        .filter(|_| phone.is_some())
        .map(|u| u.id.clone());
    let delivery = match (&user_id, &phone) {
        (Some(_), Some(phone)) => super::send_code(state, channel, phone, why(kind)),
        _ => Delivery {
            sent_at: now,
            code: None,
        },
    };
    let mut tx = Transaction::new(
        Secret::new(secrets::random_token("00", 40)),
        user_id,
        Purpose::Recovery(kind, channel),
        Status::RecoveryChallenge(delivery),
        now + state.token_lifetime(),
    );
    tx.relay_state = relay_state;
    transition::mfa_waived(&mut tx);
    let mut tx = state.insert_tx(tx).await;
    Ok(RecoveryStarted::Challenge(Box::new(super::view(
        state, &mut tx,
    ))))
}

fn email_recovery_link(state: &AppState, user: &User, kind: RecoveryKind) {
    let now = state.now();
    let token = secrets::random_token("", 20);
    state.store().recovery_tokens.insert(
        token.clone(),
        RecoveryToken {
            user_id: user.id.clone(),
            kind,
            expires: now + RECOVERY_TOKEN_LIFETIME,
            used: false,
        },
    );
    let org = &state.config.scenario.settings.org_name;
    let (path, subject, text) = match kind {
        RecoveryKind::Password => (
            "reset-password",
            format!("{org} password reset requested"),
            "A password reset was requested for your account. Reset your password",
        ),
        RecoveryKind::Unlock => (
            "user-unlock",
            format!("{org} account unlock requested"),
            "An account unlock was requested for your account. Unlock your account",
        ),
    };
    let link = state.urls.recovery_link(path, &token);
    state.store().send(
        NewMessage {
            channel: Channel::Email,
            to: user.email.clone(),
            code: None,
            link: Some(link.clone()),
            subject: Some(subject),
            body: format!("{text} within 1 hour: {link}"),
        },
        now,
    );
}

/// After the recovery channel is proven: RECOVERY (question), PASSWORD_RESET, or SUCCESS (unlock).
fn after_proof(state: &AppState, tx: &mut Transaction, user: &User) -> TxView {
    if user.recovery_question.is_some() {
        transition::ask_recovery_question(tx);
    } else {
        finish_recovery(state, tx, user);
    }
    super::view(state, tx)
}

/// PASSWORD_RESET for a forgotten password; SUCCESS (and the account unlocked) for an unlock.
fn finish_recovery(state: &AppState, tx: &mut Transaction, user: &User) {
    match transition::recovery_finished(tx) {
        RecoveryKind::Password => {}
        RecoveryKind::Unlock => {
            state.with_user(&user.id, lockout::unlock);
            tracing::info!(user = %user.login, "account unlocked by self-service recovery");
        }
    }
}

/// The channel of a RECOVERY_CHALLENGE transaction, if `segment` (`SMS`, `CALL`) names it.
fn challenged_channel(tx: &Transaction, segment: &str) -> ApiResult<Channel> {
    let channel = tx.recovery_channel().ok_or_else(ApiError::wrong_state)?;
    if tx.status.recovery_delivery().is_some()
        && segment.eq_ignore_ascii_case(channel.recovery_name())
    {
        Ok(channel)
    } else {
        Err(ApiError::wrong_state())
    }
}

/// `POST /api/v1/authn/recovery/factors/{SMS|CALL}/verify`.
pub async fn verify(
    state: &AppState,
    token: Option<&str>,
    segment: &str,
    pass_code: Option<Secret>,
) -> ApiResult<TxView> {
    let mut tx = state.open_tx(token).await?;
    challenged_channel(&tx, segment)?;
    let pass_code = pass_code.unwrap_or_default();
    let proven = tx
        .status
        .recovery_delivery()
        .is_some_and(|delivery| code_matches(delivery, pass_code.expose(), state.now()));
    match state.tx_user(&tx).ok() {
        Some(user) if proven => Ok(after_proof(state, &mut tx, &user)),
        Some(_) | None => Err(ApiError::invalid_passcode()),
    }
}

/// `POST /api/v1/authn/recovery/factors/{SMS|CALL}/resend`.
pub async fn resend(state: &AppState, token: Option<&str>, segment: &str) -> ApiResult<TxView> {
    let mut tx = state.open_tx(token).await?;
    let channel = challenged_channel(&tx, segment)?;
    let now = state.now();
    check_resend(
        tx.status.last_sent(),
        channel,
        state.resend_interval(channel),
        now,
    )?;
    let kind = tx.recovery_kind().unwrap_or(RecoveryKind::Password);
    let phone = tx
        .user_id
        .as_deref()
        .and_then(|id| state.user(id))
        .and_then(|u| u.recovery_phone());
    let delivery = match phone {
        Some(phone) => super::send_code(state, channel, &phone, why(kind)),
        None => Delivery {
            sent_at: now,
            code: None,
        },
    };
    transition::code_sent(&mut tx, delivery);
    Ok(super::view(state, &mut tx))
}

/// `POST /api/v1/authn/recovery/token`: starts recovery from an emailed recovery token (one-time;
/// unknown is E0000011, used or expired is E0000105).
pub async fn token(state: &AppState, token: &Secret, options: Options) -> ApiResult<TxView> {
    let now = state.now();
    let record = {
        let mut store = state.store();
        let record = store
            .recovery_tokens
            .get_mut(token.expose())
            .ok_or_else(ApiError::invalid_token)?;
        if record.used || record.expires <= now {
            return Err(ApiError::recovery_link_used());
        }
        record.used = true;
        record.clone()
    };
    let user = state
        .user(&record.user_id)
        .ok_or_else(ApiError::invalid_token)?;
    let mut tx = Transaction::new(
        Secret::new(secrets::random_token("00", 40)),
        Some(user.id.clone()),
        Purpose::RecoveryToken(record.kind),
        Status::Recovery,
        now + state.token_lifetime(),
    );
    tx.options = options;
    transition::mfa_waived(&mut tx);
    let mut tx = state.insert_tx(tx).await;
    Ok(after_proof(state, &mut tx, &user))
}

/// `POST /api/v1/authn/recovery/answer`: the recovery question (E0000087 when wrong).
pub async fn answer(
    state: &AppState,
    token: Option<&str>,
    given: Option<Secret>,
) -> ApiResult<TxView> {
    let mut tx = state.open_tx(token).await?;
    transition::require(&tx.status, &[StatusKind::Recovery])?;
    let user = state.tx_user(&tx)?;
    let expected = user.recovery_question.as_ref().map(|(_, answer)| answer);
    if !answer_matches(expected, &given.unwrap_or_default()) {
        return Err(ApiError::wrong_answer());
    }
    finish_recovery(state, &mut tx, &user);
    Ok(super::view(state, &mut tx))
}
