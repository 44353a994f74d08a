//! MFA verification (`/api/v1/authn/factors/{id}/verify`): challenges, code checks, push polls,
//! remember-device and autoPush, and resends.

use time::Duration;

use crate::error::{ApiError, ApiResult};
use crate::model::{
    Device, DeviceCookie, Factor, FactorResult, Pending, PushPurpose, PushWait, Transaction,
    TxView, User,
};
use crate::rules::codes::{check_resend, code_matches, destination};
use crate::rules::credentials::{answer_matches, hardware_code_ok, totp_fresh, totp_step};
use crate::rules::verify::{VerifyAction, check_can_verify, factor_for_verify, verify_action};
use crate::rules::{lockout, push, transition};
use crate::scenario::FactorKind;
use crate::secrets::{self, Secret};
use crate::store::AppState;
use crate::webauthn::AssertionResponse;

/// A verify request.
#[derive(Debug, Default)]
pub struct VerifyRequest {
    /// The stateToken.
    pub state_token: Option<String>,
    /// The path segment: a factor id or a factor type.
    pub factor: String,
    /// `passCode`.
    pub pass_code: Option<Secret>,
    /// `answer` (security question).
    pub answer: Option<Secret>,
    /// `rememberDevice`.
    pub remember_device: bool,
    /// `autoPush` (push only).
    pub auto_push: Option<bool>,
    /// The body carries a WebAuthn assertion (any of `clientData`, `authenticatorData`,
    /// `signatureData`).
    pub assertion_given: bool,
    /// That assertion, when all three fields are there.
    pub assertion: Option<AssertionResponse>,
    /// The request's `Origin` header (a WebAuthn challenge's RP ID is its host when trusted).
    pub origin: Option<String>,
}

/// The answer to a verify: the transaction, and the remember-device cookie to set.
#[derive(Debug)]
pub struct Verified {
    /// The transaction as it is now.
    pub view: TxView,
    /// The `DT` cookie to set when the user asked to remember the device.
    pub device_cookie: Option<DeviceCookie>,
}

impl Verified {
    fn without_cookie(view: TxView) -> Self {
        Self {
            view,
            device_cookie: None,
        }
    }
}

/// `POST /api/v1/authn/factors/{id}/verify[?rememberDevice=&autoPush=]`: verify or challenge a
/// factor; also the push poll.
pub async fn verify(state: &AppState, request: VerifyRequest) -> ApiResult<Verified> {
    let mut tx = state.open_tx(request.state_token.as_deref()).await?;
    check_can_verify(&tx.status)?;
    let user = state.tx_user(&tx)?;
    let factor = factor_for_verify(&user, &request.factor)?.clone();
    // The path named a factor type (`/factors/webauthn/verify`): every factor of the type.
    let by_type = factor.id != request.factor;
    let pass_code = request.pass_code.clone().unwrap_or_default();
    let pass_code_given = !pass_code.expose().trim().is_empty();
    match verify_action(&tx, &factor, pass_code_given, request.assertion_given) {
        VerifyAction::SendCode { resend } => {
            let (channel, to) = destination(&user, &factor).ok_or_else(ApiError::wrong_state)?;
            if resend {
                let interval = state.resend_interval(channel);
                check_resend(tx.status.last_sent(), channel, interval, state.now())?;
            } else {
                super::cancel_push(state, &tx);
            }
            let delivery = super::send_code(state, channel, &to, "verification");
            transition::challenge(&mut tx, &factor.id, Pending::Code(delivery));
            return Ok(Verified::without_cookie(super::view(state, &mut tx)));
        }
        VerifyAction::CheckCode => {
            let sent = tx
                .status
                .challenge()
                .filter(|step| step.factor_id == factor.id)
                .and_then(|step| match &step.pending {
                    Pending::Code(delivery) => Some(delivery),
                    Pending::Nothing | Pending::Push(_) | Pending::WebAuthn(_) => None,
                });
            if !sent.is_some_and(|d| code_matches(d, pass_code.expose(), state.now())) {
                return Err(super::factor_failure(state, &mut tx));
            }
        }
        VerifyAction::SendPush => {
            super::cancel_push(state, &tx);
            let push_id = super::create_push(state, &user, &factor.id, PushPurpose::Verify);
            let wait = PushWait {
                push_id: Some(push_id),
                result: FactorResult::Waiting,
                link_sent_at: None,
            };
            transition::challenge(&mut tx, &factor.id, Pending::Push(wait));
            return Ok(Verified::without_cookie(super::view(state, &mut tx)));
        }
        VerifyAction::PollPush { push_id } => {
            if let Some(result) = push::factor_result(super::push_result(state, &push_id)) {
                transition::push_polled(&mut tx, result);
                return Ok(Verified::without_cookie(super::view(state, &mut tx)));
            }
        }
        VerifyAction::CheckCredential => {
            check_credential(state, &mut tx, &user, &factor, &request, &pass_code)?;
        }
        VerifyAction::IssueChallenge => {
            super::cancel_push(state, &tx);
            let origin = request.origin.as_deref();
            let step = super::webauthn::new_step(state, origin, by_type);
            transition::challenge(&mut tx, &factor.id, Pending::WebAuthn(step));
            return Ok(Verified::without_cookie(super::view(state, &mut tx)));
        }
        VerifyAction::CheckAssertion => {
            let assertion = request.assertion.as_ref();
            let signer =
                super::webauthn::assert(state, &mut tx, &user, &factor, by_type, assertion)?;
            return Ok(verified(state, &mut tx, &user, &signer, &request));
        }
    }
    Ok(verified(state, &mut tx, &user, &factor, &request))
}

/// Checks a security answer, TOTP code (accepted once) or hardware token code.
fn check_credential(
    state: &AppState,
    tx: &mut Transaction,
    user: &User,
    factor: &Factor,
    request: &VerifyRequest,
    pass_code: &Secret,
) -> ApiResult<()> {
    let ok = match factor.kind {
        FactorKind::Question => answer_matches(
            factor.answer.as_ref(),
            &request.answer.clone().unwrap_or_default(),
        ),
        FactorKind::OktaTotp | FactorKind::GoogleTotp => {
            let step = factor
                .secret
                .as_ref()
                .and_then(|secret| totp_step(secret, pass_code.expose(), state.now()));
            let Some(step) = step else {
                return Err(super::factor_failure(state, tx));
            };
            // Check and record the step under one lock: a code is accepted once.
            let fresh = state
                .with_user(&user.id, |u| match u.factor_mut(&factor.id) {
                    Some(f) if totp_fresh(f.last_totp_step, step) => {
                        f.last_totp_step = Some(step);
                        true
                    }
                    Some(_) | None => false,
                })
                .unwrap_or(false);
            if !fresh {
                return Err(ApiError::replayed());
            }
            true
        }
        FactorKind::Rsa | FactorKind::Symantec | FactorKind::Yubikey => {
            hardware_code_ok(user, factor.kind, pass_code.expose())
        }
        FactorKind::Sms
        | FactorKind::Call
        | FactorKind::Email
        | FactorKind::Push
        | FactorKind::Webauthn => false,
    };
    if ok {
        Ok(())
    } else {
        Err(super::factor_failure(state, tx))
    }
}

/// The factor is verified: the failure count resets, the facts record it, the autoPush choice and
/// the remembered device are stored, and the transaction moves on.
fn verified(
    state: &AppState,
    tx: &mut Transaction,
    user: &User,
    factor: &Factor,
    request: &VerifyRequest,
) -> Verified {
    let now = state.now();
    state.with_user(&user.id, lockout::register_success);
    transition::factor_verified(tx, user, factor.kind, now);
    let mut device_cookie = None;
    {
        let mut store = state.store();
        if factor.kind == FactorKind::Push
            && let Some(auto) = request.auto_push
        {
            store.auto_push.insert(factor.id.clone(), auto);
        }
        let policy = &user.policy.remember_device;
        if request.remember_device && policy.allow {
            let token = secrets::random_token("", 32);
            let minutes = i64::from(policy.lifetime_minutes);
            let until = (minutes > 0).then(|| now + Duration::minutes(minutes));
            store.devices.insert(
                token.clone(),
                Device {
                    user_id: user.id.clone(),
                    until,
                },
            );
            device_cookie = Some(DeviceCookie {
                token: Secret::new(token),
                max_age_seconds: if minutes > 0 {
                    minutes * 60
                } else {
                    60 * 60 * 24 * 365
                },
            });
        }
    }
    super::advance(state, tx);
    Verified {
        view: super::view(state, tx),
        device_cookie,
    }
}

/// `POST /api/v1/authn/factors/{id}/verify/resend`: resends the code or the push of the factor
/// being challenged.
pub async fn resend(state: &AppState, token: Option<&str>, factor_id: &str) -> ApiResult<TxView> {
    let mut tx = state.open_tx(token).await?;
    if tx
        .status
        .challenge()
        .is_none_or(|step| step.factor_id != factor_id)
    {
        return Err(ApiError::wrong_state());
    }
    let user = state.tx_user(&tx)?;
    let factor = user
        .factor(factor_id)
        .cloned()
        .ok_or_else(ApiError::wrong_state)?;
    match factor.kind {
        FactorKind::Sms | FactorKind::Call | FactorKind::Email => {
            let (channel, to) = destination(&user, &factor).ok_or_else(ApiError::wrong_state)?;
            let interval = state.resend_interval(channel);
            check_resend(tx.status.last_sent(), channel, interval, state.now())?;
            let delivery = super::send_code(state, channel, &to, "verification");
            transition::code_sent(&mut tx, delivery);
        }
        FactorKind::Push => {
            super::cancel_push(state, &tx);
            let push_id = super::create_push(state, &user, factor_id, PushPurpose::Verify);
            transition::push_sent(&mut tx, push_id);
        }
        FactorKind::Question
        | FactorKind::OktaTotp
        | FactorKind::GoogleTotp
        | FactorKind::Rsa
        | FactorKind::Symantec
        | FactorKind::Yubikey
        | FactorKind::Webauthn => return Err(ApiError::wrong_state()),
    }
    Ok(super::view(state, &mut tx))
}
