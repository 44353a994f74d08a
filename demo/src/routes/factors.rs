//! Factor enrollment, activation and verification (`/api/v1/authn/factors/...`), the security
//! questions list and the activation QR codes.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::flow;
use crate::qr;
use crate::routes::authn::cancel_push;
use crate::scenario::FactorKind;
use crate::secrets::{self, Secret};
use crate::state::AppState;
use crate::store::{
    Channel, Device, Factor, FactorStatus, NewMessage, PushPurpose, PushResult, User,
};
use crate::tx::{Status, Tx};
use crate::wire;

/// Body of the factor endpoints.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FactorBody {
    state_token: Option<String>,
    factor_type: Option<String>,
    provider: Option<String>,
    profile: Option<Value>,
    pass_code: Option<Secret>,
    next_pass_code: Option<Secret>,
    answer: Option<Secret>,
    remember_device: Option<bool>,
    auto_push: Option<bool>,
}

type QueryMap = Query<HashMap<String, String>>;

fn flag(query: &HashMap<String, String>, name: &str) -> Option<bool> {
    query.get(name).map(|v| v.eq_ignore_ascii_case("true"))
}

fn profile_str(profile: &Option<Value>, key: &str) -> Option<String> {
    profile
        .as_ref()
        .and_then(|p| p.get(key))
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// A plausible E.164 phone number: `+`, then 8 to 15 digits (spaces, dashes, dots and parentheses
/// are ignored).
pub fn valid_phone(phone: &str) -> bool {
    let trimmed = phone.trim();
    let Some(rest) = trimmed.strip_prefix('+') else {
        return false;
    };
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || " -.()".contains(c))
    {
        return false;
    }
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    (8..=15).contains(&digits)
}

/// Okta factor type names (a verify path may name a type instead of a factor id).
fn is_factor_type_name(segment: &str) -> bool {
    const TYPES: &[&str] = &[
        "question",
        "sms",
        "call",
        "email",
        "push",
        "token",
        "token:software:totp",
        "token:hardware",
        "token:hotp",
        "web",
        "u2f",
        "webauthn",
        "password",
        "assertion:saml2",
        "assertion:oidc",
        "claims_provider",
    ];
    TYPES.iter().any(|t| t.eq_ignore_ascii_case(segment))
}

fn hardware_ok(user: &User, kind: FactorKind, code: &str) -> bool {
    let mut ok = false;
    for accepted in user.hardware_codes.get(&kind).into_iter().flatten() {
        ok |= secrets::ct_eq(accepted, code.trim());
    }
    ok
}

/// `POST /api/v1/authn/factors`: enroll a factor (MFA_ENROLL).
pub async fn enroll(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<FactorBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    if tx.status != Status::MfaEnroll {
        return Err(ApiError::wrong_state());
    }
    let user = flow::tx_user(&state, &tx)?;
    let factor_type = body
        .factor_type
        .clone()
        .ok_or_else(|| ApiError::validation("factorType: The field cannot be left blank"))?;
    let kind = FactorKind::from_wire(&factor_type, body.provider.as_deref())
        .ok_or_else(|| ApiError::validation("factorType: Invalid Factor Type"))?;
    if !wire::enroll_kinds(&user).iter().any(|(k, _)| *k == kind) {
        return Err(ApiError::validation(
            "factorType: This factor is not enabled by the enrollment policy",
        ));
    }
    if user.has_active(kind) {
        return Err(ApiError::validation(
            "factor: A factor of this type is already set up.",
        ));
    }
    let now = state.now();
    let mut factor = Factor::new(kind, FactorStatus::PendingActivation);
    let mut active_now = false;
    match kind {
        FactorKind::Question => {
            let question = profile_str(&body.profile, "question").unwrap_or_default();
            let answer = profile_str(&body.profile, "answer").unwrap_or_default();
            if wire::question_text(&question).is_none() {
                return Err(ApiError::validation("profile.question: Invalid question"));
            }
            if answer.trim().chars().count() < 4 {
                return Err(ApiError::validation(
                    "profile.answer: The security question answer must be at least 4 characters in length",
                ));
            }
            factor.question = Some(question);
            factor.answer = Some(Secret::new(answer));
            active_now = true;
        }
        FactorKind::Sms | FactorKind::Call => {
            let phone = profile_str(&body.profile, "phoneNumber").unwrap_or_default();
            if !valid_phone(&phone) {
                return Err(ApiError::invalid_phone());
            }
            factor.phone = Some(phone);
        }
        FactorKind::Email => {}
        FactorKind::OktaTotp | FactorKind::GoogleTotp => {
            let mut secret = vec![0u8; 20];
            secrets::random_bytes(&mut secret);
            factor.secret = Some(secret);
            factor.qr_token = Some(secrets::random_token("", 40));
        }
        FactorKind::Push => {
            factor.qr_token = Some(secrets::random_token("", 40));
        }
        FactorKind::Rsa | FactorKind::Symantec | FactorKind::Yubikey => {
            if kind != FactorKind::Yubikey && profile_str(&body.profile, "credentialId").is_none() {
                return Err(ApiError::validation(
                    "profile.credentialId: The field cannot be left blank",
                ));
            }
            if kind == FactorKind::Symantec && body.next_pass_code.is_none() {
                return Err(ApiError::validation(
                    "nextPassCode: The field cannot be left blank",
                ));
            }
            let code = body.pass_code.clone().unwrap_or_default();
            if !hardware_ok(&user, kind, code.expose()) {
                return Err(flow::factor_failure(&state, &mut tx));
            }
            active_now = true;
        }
    }
    if active_now {
        factor.status = FactorStatus::Active;
    } else {
        factor.activation_expires = Some(now + state.push_timeout());
    }
    let factor_id = factor.id.clone();
    // Re-checked under the store lock: concurrent transactions of one user cannot both add it.
    let added = state
        .with_user(&user.id, |u| {
            if u.has_active(kind) {
                return false;
            }
            u.factors
                .retain(|f| !(f.kind == kind && f.status == FactorStatus::PendingActivation));
            u.factors.push(factor.clone());
            true
        })
        .unwrap_or(false);
    if !added {
        return Err(ApiError::validation(
            "factor: A factor of this type is already set up.",
        ));
    }
    if active_now {
        tx.enrolled_any = true;
        tx.mfa_done = true;
        flow::record_factor(&mut tx, &user, kind, now);
        flow::advance(&state, &mut tx);
        return Ok(flow::respond(&state, &mut tx));
    }
    flow::clear_step(&mut tx);
    tx.status = Status::MfaEnrollActivate;
    tx.factor_id = Some(factor_id.clone());
    match kind {
        FactorKind::Sms | FactorKind::Call | FactorKind::Email => {
            send_factor_code(&state, &mut tx, &user, &factor, "enrollment");
        }
        FactorKind::Push => start_activation_push(&state, &mut tx, user, &factor_id),
        FactorKind::OktaTotp
        | FactorKind::GoogleTotp
        | FactorKind::Question
        | FactorKind::Rsa
        | FactorKind::Symantec
        | FactorKind::Yubikey => {}
    }
    Ok(flow::respond(&state, &mut tx))
}

fn send_factor_code(state: &AppState, tx: &mut Tx, user: &User, factor: &Factor, why: &str) {
    let (channel, to) = match factor.kind {
        FactorKind::Sms => (Channel::Sms, factor.phone.clone().unwrap_or_default()),
        FactorKind::Call => (Channel::Voice, factor.phone.clone().unwrap_or_default()),
        _ => (Channel::Email, user.email.clone()),
    };
    flow::send_code(state, tx, channel, &to, &factor.id, why);
}

/// The user of an MFA_ENROLL_ACTIVATE transaction and its pending factor `fid`.
fn pending_activation(state: &AppState, tx: &Tx, fid: &str) -> ApiResult<(User, Factor)> {
    let user = flow::tx_user(state, tx)?;
    if tx.status != Status::MfaEnrollActivate || tx.factor_id.as_deref() != Some(fid) {
        return Err(ApiError::wrong_state());
    }
    let factor = user
        .factor(fid)
        .filter(|f| f.status == FactorStatus::PendingActivation)
        .cloned()
        .ok_or_else(ApiError::wrong_state)?;
    Ok((user, factor))
}

fn complete_activation(state: &AppState, tx: &mut Tx, user: &User, factor: &Factor) -> Response {
    let now = state.now();
    state.with_user(&user.id, |u| {
        if let Some(f) = u.factor_mut(&factor.id) {
            f.status = FactorStatus::Active;
            f.qr_token = None;
            f.activation_expires = None;
        }
    });
    tx.enrolled_any = true;
    tx.mfa_done = true;
    flow::record_factor(tx, user, factor.kind, now);
    flow::advance(state, tx);
    flow::respond(state, tx)
}

/// Sends the activation push of the pending factor `factor_id` (to the user as stored now, so the
/// push sees the factor's current state) and marks the transaction WAITING.
fn start_activation_push(state: &AppState, tx: &mut Tx, user: User, factor_id: &str) {
    let user = state.user(&user.id).unwrap_or(user);
    tx.push_id = Some(flow::create_push(
        state,
        &user,
        factor_id,
        PushPurpose::Activate,
    ));
    tx.factor_result = Some("WAITING");
}

/// `POST /api/v1/authn/factors/{fid}/lifecycle/activate`.
pub async fn activate(
    State(state): State<AppState>,
    Path(fid): Path<String>,
    JsonBody(body): JsonBody<FactorBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    let (user, factor) = pending_activation(&state, &tx, &fid)?;
    let now = state.now();
    match factor.kind {
        FactorKind::Sms | FactorKind::Call | FactorKind::Email => {
            let code = body.pass_code.clone().unwrap_or_default();
            if !flow::check_code(&state, &tx, &fid, code.expose()) {
                return Err(flow::factor_failure(&state, &mut tx));
            }
        }
        FactorKind::OktaTotp | FactorKind::GoogleTotp => {
            let code = body.pass_code.clone().unwrap_or_default();
            let secret = factor.secret.clone().unwrap_or_default();
            let unix = u64::try_from(now.unix_timestamp()).unwrap_or(0);
            match secrets::totp_match(&secret, code.expose(), unix) {
                Some(step) => {
                    state.with_user(&user.id, |u| {
                        if let Some(f) = u.factor_mut(&fid) {
                            f.last_totp_step = Some(step);
                        }
                    });
                }
                None => return Err(flow::factor_failure(&state, &mut tx)),
            }
        }
        FactorKind::Push => {
            // Restarts the activation: a new push and a fresh expiry.
            cancel_push(&state, &tx);
            state.with_user(&user.id, |u| {
                if let Some(f) = u.factor_mut(&fid) {
                    f.activation_expires = Some(now + state.push_timeout());
                }
            });
            start_activation_push(&state, &mut tx, user, &fid);
            return Ok(flow::respond(&state, &mut tx));
        }
        FactorKind::Question | FactorKind::Rsa | FactorKind::Symantec | FactorKind::Yubikey => {
            return Err(ApiError::wrong_state());
        }
    }
    Ok(complete_activation(&state, &mut tx, &user, &factor))
}

/// `POST /api/v1/authn/factors/{fid}/lifecycle/activate/poll` (Okta Verify push enrollment).
pub async fn activate_poll(
    State(state): State<AppState>,
    Path(fid): Path<String>,
    JsonBody(body): JsonBody<FactorBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    let (user, factor) = pending_activation(&state, &tx, &fid)?;
    if factor.kind != FactorKind::Push {
        return Err(ApiError::wrong_state());
    }
    let result = tx
        .push_id
        .as_deref()
        .map_or(PushResult::TimedOut, |id| flow::push_result(&state, id));
    match result {
        PushResult::Approved => Ok(complete_activation(&state, &mut tx, &user, &factor)),
        PushResult::Waiting => {
            tx.factor_result = Some("WAITING");
            Ok(flow::respond(&state, &mut tx))
        }
        PushResult::Rejected | PushResult::TimedOut => {
            tx.factor_result = Some(if result == PushResult::Rejected {
                "REJECTED"
            } else {
                "TIMEOUT"
            });
            tx.push_id = None;
            Ok(flow::respond(&state, &mut tx))
        }
    }
}

/// `POST /api/v1/authn/factors/{fid}/lifecycle/activate/{email|sms}`: sends an Okta Verify
/// activation link.
pub async fn activate_send(
    State(state): State<AppState>,
    Path((fid, channel)): Path<(String, String)>,
    JsonBody(body): JsonBody<FactorBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    let (user, factor) = pending_activation(&state, &tx, &fid)?;
    if factor.kind != FactorKind::Push {
        return Err(ApiError::wrong_state());
    }
    let (channel, to) = match channel.to_ascii_lowercase().as_str() {
        "email" => (Channel::Email, user.email.clone()),
        "sms" => {
            let phone = profile_str(&body.profile, "phoneNumber").unwrap_or_default();
            if !valid_phone(&phone) {
                return Err(ApiError::invalid_phone());
            }
            (Channel::Sms, phone)
        }
        _ => return Err(ApiError::not_found("activation channel")),
    };
    flow::check_resend(&state, &tx, channel)?;
    let now = state.now();
    let link = state.url("/emulator/push");
    let org = state.config.scenario.settings.org_name.clone();
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
    tx.last_sent = Some(now);
    Ok(flow::respond(&state, &mut tx))
}

/// `POST /api/v1/authn/factors/{fid}/lifecycle/resend`: resends the enrollment code.
pub async fn activate_resend(
    State(state): State<AppState>,
    Path(fid): Path<String>,
    JsonBody(body): JsonBody<FactorBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    let (user, factor) = pending_activation(&state, &tx, &fid)?;
    let channel = flow::channel_of(factor.kind).ok_or_else(ApiError::wrong_state)?;
    flow::check_resend(&state, &tx, channel)?;
    send_factor_code(&state, &mut tx, &user, &factor, "enrollment");
    Ok(flow::respond(&state, &mut tx))
}

fn verified_response(
    state: &AppState,
    tx: &mut Tx,
    user: &User,
    factor: &Factor,
    remember: bool,
    auto_push: Option<bool>,
) -> Response {
    let now = state.now();
    flow::register_success(state, &user.id);
    flow::record_factor(tx, user, factor.kind, now);
    tx.mfa_done = true;
    let mut cookie = None;
    {
        let mut store = state.store();
        if factor.kind == FactorKind::Push
            && let Some(auto) = auto_push
        {
            store.auto_push.insert(factor.id.clone(), auto);
        }
        let policy = &user.policy.remember_device;
        if remember && policy.allow {
            let token = secrets::random_token("", 32);
            let minutes = i64::from(policy.lifetime_minutes);
            let until = (minutes > 0).then(|| now + time::Duration::minutes(minutes));
            store.devices.insert(
                token.clone(),
                Device {
                    user_id: user.id.clone(),
                    until,
                },
            );
            let max_age = if minutes > 0 {
                minutes * 60
            } else {
                60 * 60 * 24 * 365
            };
            cookie = Some(format!(
                "DT={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax"
            ));
        }
    }
    flow::advance(state, tx);
    let mut response = flow::respond(state, tx);
    if let Some(c) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

/// `POST /api/v1/authn/factors/{fid}/verify[?rememberDevice=&autoPush=]`: verify or challenge a
/// factor; also the push poll.
pub async fn verify(
    State(state): State<AppState>,
    Path(fid): Path<String>,
    Query(query): QueryMap,
    JsonBody(body): JsonBody<FactorBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    if !matches!(tx.status, Status::MfaRequired | Status::MfaChallenge) {
        return Err(ApiError::wrong_state());
    }
    let user = flow::tx_user(&state, &tx)?;
    let factor = user
        .active_factors()
        .find(|f| f.id == fid)
        .or_else(|| {
            // The path may name a factor type instead of an id.
            user.active_factors().find(|f| f.kind.factor_type() == fid)
        })
        .cloned()
        .ok_or_else(|| {
            if is_factor_type_name(&fid) {
                ApiError::validation("factorType: Invalid Factor Type")
            } else {
                ApiError::not_found("factor")
            }
        })?;
    let remember = flag(&query, "rememberDevice")
        .or(body.remember_device)
        .unwrap_or(false);
    let auto_push = flag(&query, "autoPush").or(body.auto_push);
    let now = state.now();
    match factor.kind {
        FactorKind::Question => {
            let answer = body.answer.clone().unwrap_or_default();
            let expected = factor.answer.clone().unwrap_or_default();
            if answer.expose().is_empty()
                || !secrets::ct_eq(
                    &expected.expose().trim().to_lowercase(),
                    &answer.expose().trim().to_lowercase(),
                )
            {
                return Err(flow::factor_failure(&state, &mut tx));
            }
        }
        FactorKind::Sms | FactorKind::Call | FactorKind::Email => {
            let code = body.pass_code.clone().unwrap_or_default();
            if code.expose().trim().is_empty() {
                let same = tx.status == Status::MfaChallenge
                    && tx.factor_id.as_deref() == Some(&factor.id);
                if same {
                    if let Some(channel) = flow::channel_of(factor.kind) {
                        flow::check_resend(&state, &tx, channel)?;
                    }
                } else {
                    cancel_push(&state, &tx);
                    flow::clear_step(&mut tx);
                }
                send_factor_code(&state, &mut tx, &user, &factor, "verification");
                tx.status = Status::MfaChallenge;
                tx.factor_id = Some(factor.id.clone());
                return Ok(flow::respond(&state, &mut tx));
            }
            if !flow::check_code(&state, &tx, &factor.id, code.expose()) {
                return Err(flow::factor_failure(&state, &mut tx));
            }
        }
        FactorKind::OktaTotp | FactorKind::GoogleTotp => {
            let code = body.pass_code.clone().unwrap_or_default();
            let secret = factor.secret.clone().unwrap_or_default();
            let unix = u64::try_from(now.unix_timestamp()).unwrap_or(0);
            let Some(step) = secrets::totp_match(&secret, code.expose(), unix) else {
                return Err(flow::factor_failure(&state, &mut tx));
            };
            // Check and record the step under one lock: a code is accepted once.
            let fresh = state
                .with_user(&user.id, |u| match u.factor_mut(&factor.id) {
                    Some(f) if f.last_totp_step.is_some_and(|last| step <= last) => false,
                    Some(f) => {
                        f.last_totp_step = Some(step);
                        true
                    }
                    None => false,
                })
                .unwrap_or(false);
            if !fresh {
                return Err(ApiError::replayed());
            }
        }
        FactorKind::Push => {
            let polling = tx.status == Status::MfaChallenge
                && tx.factor_id.as_deref() == Some(&factor.id)
                && tx.push_id.is_some();
            if !polling {
                cancel_push(&state, &tx);
                flow::clear_step(&mut tx);
                tx.push_id = Some(flow::create_push(
                    &state,
                    &user,
                    &factor.id,
                    PushPurpose::Verify,
                ));
                tx.status = Status::MfaChallenge;
                tx.factor_id = Some(factor.id.clone());
                tx.factor_result = Some("WAITING");
                return Ok(flow::respond(&state, &mut tx));
            }
            let push_id = tx.push_id.clone().unwrap_or_default();
            match flow::push_result(&state, &push_id) {
                PushResult::Approved => {}
                PushResult::Waiting => {
                    tx.factor_result = Some("WAITING");
                    return Ok(flow::respond(&state, &mut tx));
                }
                PushResult::Rejected => {
                    tx.factor_result = Some("REJECTED");
                    tx.push_id = None;
                    return Ok(flow::respond(&state, &mut tx));
                }
                PushResult::TimedOut => {
                    tx.factor_result = Some("TIMEOUT");
                    tx.push_id = None;
                    return Ok(flow::respond(&state, &mut tx));
                }
            }
        }
        FactorKind::Rsa | FactorKind::Symantec | FactorKind::Yubikey => {
            let code = body.pass_code.clone().unwrap_or_default();
            if !hardware_ok(&user, factor.kind, code.expose()) {
                return Err(flow::factor_failure(&state, &mut tx));
            }
        }
    }
    Ok(verified_response(
        &state, &mut tx, &user, &factor, remember, auto_push,
    ))
}

/// `POST /api/v1/authn/factors/{fid}/verify/resend`: resends the code or the push.
pub async fn verify_resend(
    State(state): State<AppState>,
    Path(fid): Path<String>,
    JsonBody(body): JsonBody<FactorBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    if tx.status != Status::MfaChallenge || tx.factor_id.as_deref() != Some(fid.as_str()) {
        return Err(ApiError::wrong_state());
    }
    let user = flow::tx_user(&state, &tx)?;
    let factor = user
        .factor(&fid)
        .cloned()
        .ok_or_else(ApiError::wrong_state)?;
    match factor.kind {
        FactorKind::Sms | FactorKind::Call | FactorKind::Email => {
            if let Some(channel) = flow::channel_of(factor.kind) {
                flow::check_resend(&state, &tx, channel)?;
            }
            send_factor_code(&state, &mut tx, &user, &factor, "verification");
        }
        FactorKind::Push => {
            cancel_push(&state, &tx);
            tx.push_id = Some(flow::create_push(&state, &user, &fid, PushPurpose::Verify));
            tx.factor_result = Some("WAITING");
        }
        FactorKind::Question
        | FactorKind::OktaTotp
        | FactorKind::GoogleTotp
        | FactorKind::Rsa
        | FactorKind::Symantec
        | FactorKind::Yubikey => return Err(ApiError::wrong_state()),
    }
    Ok(flow::respond(&state, &mut tx))
}

/// `GET /api/v1/users/{uid}/factors/questions`.
pub async fn questions(
    State(state): State<AppState>,
    Path(uid): Path<String>,
) -> ApiResult<Json<Value>> {
    if state.user(&uid).is_none() {
        return Err(ApiError::not_found("user"));
    }
    let list: Vec<Value> = wire::QUESTIONS
        .iter()
        .map(|(q, t)| json!({"question": q, "questionText": t}))
        .collect();
    Ok(Json(Value::Array(list)))
}

/// `GET /api/v1/users/{uid}/factors/{fid}/qr/{token}`: the activation QR code (PNG).
pub async fn qrcode(
    State(state): State<AppState>,
    Path((uid, fid, token)): Path<(String, String, String)>,
) -> ApiResult<Response> {
    let user = state
        .user(&uid)
        .ok_or_else(|| ApiError::not_found("qr code"))?;
    let factor = user
        .factor(&fid)
        .filter(|f| f.status == FactorStatus::PendingActivation)
        .filter(|f| {
            f.qr_token
                .as_deref()
                .is_some_and(|t| secrets::ct_eq(t, &token))
        })
        .ok_or_else(|| ApiError::not_found("qr code"))?;
    let org = &state.config.scenario.settings.org_name;
    let data = match (&factor.secret, factor.kind) {
        (Some(secret), FactorKind::OktaTotp | FactorKind::GoogleTotp) => {
            secrets::totp(secret, &user.login, org).get_url()
        }
        _ => state.url(&format!("/emulator/push?activate={}", factor.id)),
    };
    let png = qr::png(&data).ok_or_else(|| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "E0000009",
            "Internal Server Error",
        )
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        png,
    )
        .into_response())
}
