//! MFA enrollment (`/api/v1/authn/factors` and the `lifecycle` endpoints): enroll, activate with a
//! code or a push, send an Okta Verify activation link, resend, and the activation QR code.

use crate::error::{ApiError, ApiResult};
use crate::model::{
    Channel, Factor, FactorResult, FactorStatus, NewMessage, Pending, PushPurpose, PushWait,
    StatusKind, TotpSecret, Transaction, TxView, User,
};
use crate::rules::codes::{check_resend, destination};
use crate::rules::credentials::{hardware_code_ok, totp_step, valid_phone};
use crate::rules::enroll::{EnrollRequest, Setup, already_set_up, kind_to_enroll, setup};
use crate::rules::{push, transition};
use crate::scenario::FactorKind;
use crate::secrets::{self, Secret};
use crate::store::AppState;
use crate::webauthn::ActivationResponse;

/// What a `lifecycle/activate` request carries.
#[derive(Debug, Default)]
pub struct ActivateRequest {
    /// `passCode` (SMS, call, email, TOTP).
    pub pass_code: Option<Secret>,
    /// `attestation` + `clientData` (+ `transports`) of a WebAuthn registration; `None` when the
    /// body lacks them.
    pub registration: Option<ActivationResponse>,
}

/// `POST /api/v1/authn/factors`: enroll a factor (MFA_ENROLL). `origin`: the request's `Origin`
/// header (a WebAuthn enrollment's RP ID is its host when trusted).
pub async fn enroll(
    state: &AppState,
    token: Option<&str>,
    request: EnrollRequest,
    origin: Option<&str>,
) -> ApiResult<TxView> {
    let mut tx = state.open_tx(token).await?;
    transition::require(&tx.status, &[StatusKind::MfaEnroll])?;
    let user = state.tx_user(&tx)?;
    let kind = kind_to_enroll(&user, &request)?;
    let now = state.now();
    let mut factor = Factor::new(kind, FactorStatus::PendingActivation);
    match setup(kind, &request)? {
        Setup::Question { question, answer } => {
            factor.question = Some(question);
            factor.answer = Some(answer);
            factor.status = FactorStatus::Active;
        }
        Setup::Phone(phone) => factor.phone = Some(phone),
        Setup::Email => {}
        Setup::Totp => {
            let mut secret = vec![0u8; 20];
            secrets::random_bytes(&mut secret);
            factor.secret = Some(TotpSecret::new(secret));
            factor.qr_token = Some(secrets::random_token("", 40));
        }
        Setup::Push => factor.qr_token = Some(secrets::random_token("", 40)),
        Setup::WebAuthn => {}
        Setup::Hardware { pass_code } => {
            if !hardware_code_ok(&user, kind, pass_code.expose()) {
                return Err(super::factor_failure(state, &mut tx));
            }
            factor.status = FactorStatus::Active;
        }
    }
    let active_now = factor.status == FactorStatus::Active;
    if !active_now {
        factor.activation_expires = Some(now + state.push_timeout());
    }
    // Re-checked under the store lock: concurrent transactions of one user cannot both add it.
    let added = state
        .with_user(&user.id, |u| {
            if u.has_active(kind) && !kind.is_multi_instance() {
                return false;
            }
            u.factors
                .retain(|f| !(f.kind == kind && f.status == FactorStatus::PendingActivation));
            u.factors.push(factor.clone());
            true
        })
        .unwrap_or(false);
    if !added {
        return Err(already_set_up());
    }
    if active_now {
        transition::factor_enrolled(&mut tx, &user, kind, now);
        super::advance(state, &mut tx);
        return Ok(super::view(state, &mut tx));
    }
    let pending = match destination(&user, &factor) {
        Some((channel, to)) => Pending::Code(super::send_code(state, channel, &to, "enrollment")),
        None if kind == FactorKind::Push => {
            Pending::Push(activation_push(state, &user, &factor.id))
        }
        None if kind == FactorKind::Webauthn => {
            Pending::WebAuthn(super::webauthn::new_step(state, origin, false))
        }
        None => Pending::Nothing,
    };
    transition::activation(&mut tx, &factor.id, pending);
    Ok(super::view(state, &mut tx))
}

/// Sends the activation push of the pending factor `factor_id` (to the user as stored now, so the
/// push sees the factor's current state).
fn activation_push(state: &AppState, user: &User, factor_id: &str) -> PushWait {
    let user = state.user(&user.id).unwrap_or_else(|| user.clone());
    PushWait {
        push_id: Some(super::create_push(
            state,
            &user,
            factor_id,
            PushPurpose::Activate,
        )),
        result: FactorResult::Waiting,
        link_sent_at: None,
    }
}

/// The user of an MFA_ENROLL_ACTIVATE transaction and its pending factor `factor_id`.
fn pending_activation(
    state: &AppState,
    tx: &Transaction,
    factor_id: &str,
) -> ApiResult<(User, Factor)> {
    let user = state.tx_user(tx)?;
    if tx
        .status
        .activation()
        .is_none_or(|step| step.factor_id != factor_id)
    {
        return Err(ApiError::wrong_state());
    }
    let factor = user
        .factor(factor_id)
        .filter(|f| f.status == FactorStatus::PendingActivation)
        .cloned()
        .ok_or_else(ApiError::wrong_state)?;
    Ok((user, factor))
}

/// The factor is active: the enrollment counts as MFA, and the transaction moves on.
fn complete_activation(
    state: &AppState,
    tx: &mut Transaction,
    user: &User,
    factor: &Factor,
) -> TxView {
    let now = state.now();
    state.with_user(&user.id, |u| {
        if let Some(f) = u.factor_mut(&factor.id) {
            f.status = FactorStatus::Active;
            f.qr_token = None;
            f.activation_expires = None;
        }
    });
    transition::factor_enrolled(tx, user, factor.kind, now);
    super::advance(state, tx);
    super::view(state, tx)
}

/// `POST /api/v1/authn/factors/{id}/lifecycle/activate`: the code sent (SMS, call, email), a code
/// from the app (TOTP), a restart of the push activation, or a WebAuthn registration.
pub async fn activate(
    state: &AppState,
    token: Option<&str>,
    factor_id: &str,
    request: ActivateRequest,
) -> ApiResult<TxView> {
    let mut tx = state.open_tx(token).await?;
    let (user, factor) = pending_activation(state, &tx, factor_id)?;
    let now = state.now();
    let pass_code = request.pass_code.unwrap_or_default();
    match factor.kind {
        FactorKind::Sms | FactorKind::Call | FactorKind::Email => {
            let sent = tx.status.activation().and_then(|step| match &step.pending {
                Pending::Code(delivery) => Some(delivery),
                Pending::Nothing | Pending::Push(_) | Pending::WebAuthn(_) => None,
            });
            if !sent.is_some_and(|d| crate::rules::codes::code_matches(d, pass_code.expose(), now))
            {
                return Err(super::factor_failure(state, &mut tx));
            }
        }
        FactorKind::OktaTotp | FactorKind::GoogleTotp => {
            let step = factor
                .secret
                .as_ref()
                .and_then(|secret| totp_step(secret, pass_code.expose(), now));
            let Some(step) = step else {
                return Err(super::factor_failure(state, &mut tx));
            };
            state.with_user(&user.id, |u| {
                if let Some(f) = u.factor_mut(factor_id) {
                    f.last_totp_step = Some(step);
                }
            });
        }
        FactorKind::Push => {
            // Restarts the activation: a new push and a fresh expiry.
            super::cancel_push(state, &tx);
            state.with_user(&user.id, |u| {
                if let Some(f) = u.factor_mut(factor_id) {
                    f.activation_expires = Some(now + state.push_timeout());
                }
            });
            let wait = activation_push(state, &user, factor_id);
            if let Some(push_id) = wait.push_id {
                transition::push_sent(&mut tx, push_id);
            }
            return Ok(super::view(state, &mut tx));
        }
        FactorKind::Webauthn => {
            let step = tx
                .status
                .webauthn()
                .cloned()
                .ok_or_else(ApiError::wrong_state)?;
            let credential = super::webauthn::register(
                state,
                &mut tx,
                &user,
                &step,
                request.registration.as_ref(),
            )?;
            state.with_user(&user.id, |u| {
                if let Some(f) = u.factor_mut(factor_id) {
                    f.credential = Some(credential);
                }
            });
        }
        FactorKind::Question | FactorKind::Rsa | FactorKind::Symantec | FactorKind::Yubikey => {
            return Err(ApiError::wrong_state());
        }
    }
    Ok(complete_activation(state, &mut tx, &user, &factor))
}

/// `POST /api/v1/authn/factors/{id}/lifecycle/activate/poll` (Okta Verify push enrollment).
pub async fn poll(state: &AppState, token: Option<&str>, factor_id: &str) -> ApiResult<TxView> {
    let mut tx = state.open_tx(token).await?;
    let (user, factor) = pending_activation(state, &tx, factor_id)?;
    if factor.kind != FactorKind::Push {
        return Err(ApiError::wrong_state());
    }
    let result = match tx.status.push_wait().and_then(|w| w.push_id.clone()) {
        Some(push_id) => super::push_result(state, &push_id),
        None => crate::model::PushResult::TimedOut,
    };
    match push::factor_result(result) {
        None => Ok(complete_activation(state, &mut tx, &user, &factor)),
        Some(pending) => {
            transition::push_polled(&mut tx, pending);
            Ok(super::view(state, &mut tx))
        }
    }
}

/// `POST /api/v1/authn/factors/{id}/lifecycle/activate/{email|sms}`: sends an Okta Verify
/// activation link (to the primary email, or to `phone_number`).
pub async fn send_activation_link(
    state: &AppState,
    token: Option<&str>,
    factor_id: &str,
    channel: &str,
    phone_number: Option<String>,
) -> ApiResult<TxView> {
    let mut tx = state.open_tx(token).await?;
    let (user, factor) = pending_activation(state, &tx, factor_id)?;
    if factor.kind != FactorKind::Push {
        return Err(ApiError::wrong_state());
    }
    let (channel, to) = match channel.to_ascii_lowercase().as_str() {
        "email" => (Channel::Email, user.email.clone()),
        "sms" => {
            let phone = phone_number.unwrap_or_default();
            if !valid_phone(&phone) {
                return Err(ApiError::invalid_phone());
            }
            (Channel::Sms, phone)
        }
        _ => return Err(ApiError::not_found("activation channel")),
    };
    let now = state.now();
    check_resend(
        tx.status.last_sent(),
        channel,
        state.resend_interval(channel),
        now,
    )?;
    let link = state.urls.push_page();
    let org = &state.config.scenario.settings.org_name;
    state.store().send(
        NewMessage {
            channel,
            to,
            code: None,
            link: Some(link.clone()),
            subject: (channel == Channel::Email).then(|| format!("Activate Okta Verify for {org}")),
            body: format!("Open this link on your phone to activate Okta Verify: {link}"),
        },
        now,
    );
    transition::activation_link_sent(&mut tx, now);
    Ok(super::view(state, &mut tx))
}

/// `POST /api/v1/authn/factors/{id}/lifecycle/resend`: resends the enrollment code (SMS, call,
/// email).
pub async fn resend(state: &AppState, token: Option<&str>, factor_id: &str) -> ApiResult<TxView> {
    let mut tx = state.open_tx(token).await?;
    let (user, factor) = pending_activation(state, &tx, factor_id)?;
    let (channel, to) = destination(&user, &factor).ok_or_else(ApiError::wrong_state)?;
    check_resend(
        tx.status.last_sent(),
        channel,
        state.resend_interval(channel),
        state.now(),
    )?;
    let delivery = super::send_code(state, channel, &to, "enrollment");
    transition::code_sent(&mut tx, delivery);
    Ok(super::view(state, &mut tx))
}

/// What the activation QR code of a pending factor encodes: the `otpauth://` URI (TOTP) or the
/// push activation page. 404 unless `qr_token` is the factor's.
pub fn qr_code_data(
    state: &AppState,
    user_id: &str,
    factor_id: &str,
    qr_token: &str,
) -> ApiResult<String> {
    let not_found = || ApiError::not_found("qr code");
    let user = state.user(user_id).ok_or_else(not_found)?;
    let factor = user
        .factor(factor_id)
        .filter(|f| f.status == FactorStatus::PendingActivation)
        .filter(|f| {
            f.qr_token
                .as_deref()
                .is_some_and(|t| secrets::ct_eq(t, qr_token))
        })
        .ok_or_else(not_found)?;
    let org = &state.config.scenario.settings.org_name;
    Ok(match (&factor.secret, factor.kind.is_totp()) {
        (Some(secret), true) => secrets::totp(secret.expose(), &user.login, org).get_url(),
        (Some(_) | None, _) => state.url(&format!("/emulator/push?activate={}", factor.id)),
    })
}
