//! Self-service recovery: forgot password and unlock (by email link, SMS or voice call), recovery
//! tokens and the recovery question.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::flow;
use crate::routes::authn::{OptionsBody, check_relay_state};
use crate::secrets::{self, Secret};
use crate::state::AppState;
use crate::store::{
    Channel, NewMessage, RECOVERY_TOKEN_LIFETIME, RecoveryKind, RecoveryToken, User,
};
use crate::tx::{Purpose, Status, Tx};

const RECOVERY_TARGET: &str = "recovery";

/// Body of the recovery endpoints.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RecoveryBody {
    username: Option<String>,
    factor_type: Option<String>,
    relay_state: Option<String>,
    state_token: Option<String>,
    pass_code: Option<Secret>,
    recovery_token: Option<Secret>,
    answer: Option<Secret>,
    options: Option<OptionsBody>,
}

/// `POST /api/v1/authn/recovery/password`.
pub async fn forgot_password(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<RecoveryBody>,
) -> ApiResult<Response> {
    start(&state, &body, RecoveryKind::Password).await
}

/// `POST /api/v1/authn/recovery/unlock`.
pub async fn unlock(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<RecoveryBody>,
) -> ApiResult<Response> {
    start(&state, &body, RecoveryKind::Unlock).await
}

fn parse_channel(factor_type: Option<&str>, kind: RecoveryKind) -> ApiResult<Channel> {
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

async fn start(state: &AppState, body: &RecoveryBody, kind: RecoveryKind) -> ApiResult<Response> {
    check_relay_state(&body.relay_state)?;
    let username = body
        .username
        .clone()
        .filter(|u| !u.trim().is_empty())
        .ok_or_else(|| ApiError::validation("username: The field cannot be left blank"))?;
    let channel = parse_channel(body.factor_type.as_deref(), kind)?;
    let user = state.store().user_by_login(&username).cloned();
    let now = state.now();
    if channel == Channel::Email {
        if let Some(user) = &user {
            email_recovery_link(state, user, kind);
        }
        let mut out = Map::new();
        out.insert("status".into(), json!("RECOVERY_CHALLENGE"));
        out.insert("factorResult".into(), json!("WAITING"));
        out.insert("factorType".into(), json!("EMAIL"));
        out.insert("recoveryType".into(), json!(kind.as_str()));
        if let Some(rs) = &body.relay_state {
            out.insert("relayState".into(), json!(rs));
        }
        return Ok(Json(Value::Object(out)).into_response());
    }
    // SMS or voice: a transaction exists even for unknown users (it can never succeed), so the
    // answer does not reveal whether the username exists.
    let phone = user.as_ref().and_then(User::recovery_phone);
    let mut tx = Tx::new(
        secrets::random_token("00", 40),
        user.as_ref()
            .filter(|_| phone.is_some())
            .map(|u| u.id.clone()),
        Status::RecoveryChallenge,
        now + state.token_lifetime(),
    );
    tx.purpose = Purpose::Recovery(kind, channel);
    tx.relay_state = body.relay_state.clone();
    tx.mfa_done = true;
    let mut tx = state.insert_tx(tx).await;
    if let (Some(_), Some(phone)) = (&tx.user_id, phone) {
        let why = match kind {
            RecoveryKind::Password => "password reset",
            RecoveryKind::Unlock => "account unlock",
        };
        flow::send_code(state, &mut tx, channel, &phone, RECOVERY_TARGET, why);
    } else {
        tx.last_sent = Some(now);
    }
    Ok(flow::respond(state, &mut tx))
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
    let link = state.url(&format!("/signin/{path}/{token}"));
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
fn after_proof(state: &AppState, tx: &mut Tx, user: &User) -> Response {
    flow::clear_step(tx);
    let kind = tx.recovery_kind().unwrap_or(RecoveryKind::Password);
    if user.recovery_question.is_some() {
        tx.status = Status::Recovery;
    } else {
        finish_recovery(state, tx, user, kind);
    }
    flow::respond(state, tx)
}

fn finish_recovery(state: &AppState, tx: &mut Tx, user: &User, kind: RecoveryKind) {
    match kind {
        RecoveryKind::Password => tx.status = Status::PasswordReset,
        RecoveryKind::Unlock => {
            state.with_user(&user.id, |u| {
                u.locked_at = None;
                u.failed_attempts = 0;
            });
            tracing::info!(user = %user.login, "account unlocked by self-service recovery");
            tx.status = Status::Success;
        }
    }
}

fn channel_name(channel: Channel) -> &'static str {
    match channel {
        Channel::Sms => "SMS",
        Channel::Voice => "CALL",
        Channel::Email => "EMAIL",
    }
}

/// `POST /api/v1/authn/recovery/factors/{SMS|CALL}/verify`.
pub async fn factor_verify(
    State(state): State<AppState>,
    Path(factor): Path<String>,
    JsonBody(body): JsonBody<RecoveryBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    let Purpose::Recovery(_, channel) = tx.purpose else {
        return Err(ApiError::wrong_state());
    };
    if tx.status != Status::RecoveryChallenge || !factor.eq_ignore_ascii_case(channel_name(channel))
    {
        return Err(ApiError::wrong_state());
    }
    let code = body.pass_code.clone().unwrap_or_default();
    let user = flow::tx_user(&state, &tx).ok();
    match user {
        Some(user) if flow::check_code(&state, &tx, RECOVERY_TARGET, code.expose()) => {
            Ok(after_proof(&state, &mut tx, &user))
        }
        _ => Err(ApiError::invalid_passcode()),
    }
}

/// `POST /api/v1/authn/recovery/factors/{SMS|CALL}/resend`.
pub async fn factor_resend(
    State(state): State<AppState>,
    Path(factor): Path<String>,
    JsonBody(body): JsonBody<RecoveryBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    let Purpose::Recovery(kind, channel) = tx.purpose else {
        return Err(ApiError::wrong_state());
    };
    if tx.status != Status::RecoveryChallenge || !factor.eq_ignore_ascii_case(channel_name(channel))
    {
        return Err(ApiError::wrong_state());
    }
    flow::check_resend(&state, &tx, channel)?;
    let phone = tx
        .user_id
        .as_deref()
        .and_then(|id| state.user(id))
        .and_then(|u| u.recovery_phone());
    match phone {
        Some(phone) => {
            let why = match kind {
                RecoveryKind::Password => "password reset",
                RecoveryKind::Unlock => "account unlock",
            };
            flow::send_code(&state, &mut tx, channel, &phone, RECOVERY_TARGET, why);
        }
        None => tx.last_sent = Some(state.now()),
    }
    Ok(flow::respond(&state, &mut tx))
}

/// `POST /api/v1/authn/recovery/token`: starts recovery from an emailed recovery token.
pub async fn token(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<RecoveryBody>,
) -> ApiResult<Response> {
    let token = body.recovery_token.clone().unwrap_or_default();
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
    let mut tx = Tx::new(
        secrets::random_token("00", 40),
        Some(user.id.clone()),
        Status::Recovery,
        now + state.token_lifetime(),
    );
    tx.purpose = Purpose::RecoveryToken(record.kind);
    tx.options = body
        .options
        .as_ref()
        .map(OptionsBody::to_options)
        .unwrap_or_default();
    tx.mfa_done = true;
    let mut tx = state.insert_tx(tx).await;
    Ok(after_proof(&state, &mut tx, &user))
}

/// `POST /api/v1/authn/recovery/answer`.
pub async fn answer(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<RecoveryBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    if tx.status != Status::Recovery {
        return Err(ApiError::wrong_state());
    }
    let user = flow::tx_user(&state, &tx)?;
    let given = body.answer.clone().unwrap_or_default();
    let expected = user
        .recovery_question
        .as_ref()
        .map(|(_, a)| a.expose().trim().to_lowercase())
        .unwrap_or_default();
    if given.expose().trim().is_empty()
        || !secrets::ct_eq(&expected, &given.expose().trim().to_lowercase())
    {
        return Err(ApiError::wrong_answer());
    }
    let kind = tx.recovery_kind().unwrap_or(RecoveryKind::Password);
    finish_recovery(&state, &mut tx, &user, kind);
    Ok(flow::respond(&state, &mut tx))
}
