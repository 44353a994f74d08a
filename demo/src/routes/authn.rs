//! Primary authentication, get state, password change/reset, previous, skip and cancel.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::flow;
use crate::secrets::{self, Secret};
use crate::state::AppState;
use crate::store::{BUCKET_CAPACITY, User};
use crate::tx::{Options, Purpose, Status, Tx};

/// `options` in primary auth and recovery token.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OptionsBody {
    /// `multiOptionalFactorEnroll`.
    pub multi_optional_factor_enroll: Option<bool>,
    /// `warnBeforePasswordExpired`.
    pub warn_before_password_expired: Option<bool>,
}

impl OptionsBody {
    /// As transaction options.
    pub fn to_options(&self) -> Options {
        Options {
            multi_optional_factor_enroll: self.multi_optional_factor_enroll.unwrap_or(false),
            warn_before_password_expired: self.warn_before_password_expired.unwrap_or(false),
        }
    }
}

/// Body of `POST /api/v1/authn`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AuthnBody {
    username: Option<String>,
    password: Option<Secret>,
    token: Option<Secret>,
    state_token: Option<String>,
    relay_state: Option<String>,
    options: Option<OptionsBody>,
    // `context.deviceToken` and `audience` are accepted and ignored, as Okta ignores them for
    // public clients (no API token).
}

/// Body with just a stateToken.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StateTokenBody {
    /// The stateToken.
    pub state_token: Option<String>,
}

/// Checks `relayState` length.
pub fn check_relay_state(relay_state: &Option<String>) -> ApiResult<()> {
    match relay_state {
        Some(rs) if rs.chars().count() > 2048 => Err(ApiError::validation(
            "relayState: The field cannot exceed 2048 characters",
        )),
        _ => Ok(()),
    }
}

fn rate_headers(response: &mut Response, remaining: u32, reset: i64) {
    let h = response.headers_mut();
    for (name, value) in [
        ("x-rate-limit-limit", (BUCKET_CAPACITY as u32).to_string()),
        ("x-rate-limit-remaining", remaining.to_string()),
        ("x-rate-limit-reset", reset.to_string()),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    }
}

/// `POST /api/v1/authn`: primary authentication, activation token, or get state.
pub async fn primary(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<AuthnBody>,
) -> Response {
    if body.state_token.is_some() && body.username.is_none() && body.token.is_none() {
        return get_state(&state, body.state_token.as_deref()).await;
    }
    if let Err(e) = check_relay_state(&body.relay_state) {
        return e.into_response();
    }
    if let Some(token) = body.token.clone() {
        return activation(&state, token, &body)
            .await
            .unwrap_or_else(IntoResponse::into_response);
    }
    let Some(username) = body.username.clone().filter(|u| !u.trim().is_empty()) else {
        return ApiError::validation("username: The field cannot be left blank").into_response();
    };
    let now = state.now();
    let limit = state.store().take_rate_token(&username, now);
    let (remaining, reset) = match limit {
        Ok(remaining) => (remaining, now.unix_timestamp() + 1),
        Err(reset) => {
            tracing::info!("user_rate_limited on /api/v1/authn");
            let mut r = ApiError::rate_limited().into_response();
            rate_headers(&mut r, 0, reset);
            return r;
        }
    };
    let mut response = password_sign_in(&state, &headers, &username, &body)
        .await
        .unwrap_or_else(IntoResponse::into_response);
    rate_headers(&mut response, remaining, reset);
    response
}

async fn password_sign_in(
    state: &AppState,
    headers: &HeaderMap,
    username: &str,
    body: &AuthnBody,
) -> ApiResult<Response> {
    let password = body.password.clone().unwrap_or_default();
    let dummy = state.config.scenario.settings.dummy_password_hash.clone();
    let user = state.store().user_by_login(username).cloned();
    let phc = user
        .as_ref()
        .and_then(|u| u.password_hash.clone())
        .unwrap_or(dummy);
    // Same hashing work for unknown users, users without a password and locked users.
    let password_ok = secrets::verify_password_blocking(password.clone(), phc).await
        && !password.expose().is_empty();
    let Some(user) = user else {
        return Err(ApiError::auth_failed());
    };
    let now = state.now();
    if user.password_hash.is_none() {
        return Err(ApiError::auth_failed());
    }
    let show_lockout = user.policy.lockout.show_lockout;
    if user.is_locked(now) {
        return Ok(locked_response(state, show_lockout));
    }
    if !password_ok {
        if flow::register_failure(state, &user.id, now) && show_lockout {
            return Ok(locked_response(state, true));
        }
        return Err(ApiError::auth_failed());
    }
    flow::register_success(state, &user.id);
    let mut tx = Tx::new(
        secrets::random_token("00", 40),
        Some(user.id.clone()),
        Status::Success,
        now + state.token_lifetime(),
    );
    tx.relay_state = body.relay_state.clone();
    tx.options = body
        .options
        .as_ref()
        .map(OptionsBody::to_options)
        .unwrap_or_default();
    tx.facts = Some(flow::facts_for(&user, Some(now)));
    if user.policy.remember_device.allow
        && let Some(dt) = crate::http::cookie(headers, "DT")
    {
        let store = state.store();
        if let Some(device) = store.devices.get(dt)
            && device.user_id == user.id
            && device.until.is_none_or(|until| until > now)
        {
            tx.mfa_done = true;
        }
    }
    let mut tx = state.insert_tx(tx).await;
    flow::advance(state, &mut tx);
    Ok(flow::respond(state, &mut tx))
}

/// LOCKED_OUT (shown) or 401 E0000004 (hidden).
fn locked_response(state: &AppState, show: bool) -> Response {
    if show {
        Json(locked_out_body(state)).into_response()
    } else {
        ApiError::auth_failed().into_response()
    }
}

async fn activation(state: &AppState, token: Secret, body: &AuthnBody) -> ApiResult<Response> {
    let now = state.now();
    let user_id = {
        let mut store = state.store();
        let found = store
            .users
            .values()
            .find(|u| {
                u.activation_token
                    .as_ref()
                    .is_some_and(|t| secrets::ct_eq(t.expose(), token.expose()))
            })
            .map(|u| u.id.clone());
        if let Some(id) = &found
            && let Some(u) = store.users.get_mut(id)
        {
            u.activation_token = None;
        }
        found
    };
    let Some(user_id) = user_id else {
        return Err(ApiError::auth_failed());
    };
    let mut tx = Tx::new(
        secrets::random_token("00", 40),
        Some(user_id),
        Status::Success,
        now + state.token_lifetime(),
    );
    tx.purpose = Purpose::Activation;
    tx.relay_state = body.relay_state.clone();
    tx.options = body
        .options
        .as_ref()
        .map(OptionsBody::to_options)
        .unwrap_or_default();
    tx.mfa_done = true;
    let mut tx = state.insert_tx(tx).await;
    flow::advance(state, &mut tx);
    Ok(flow::respond(state, &mut tx))
}

async fn get_state(state: &AppState, token: Option<&str>) -> Response {
    match state.open_tx(token).await {
        Ok(mut tx) => {
            refresh_push(state, &mut tx);
            flow::respond(state, &mut tx)
        }
        Err(e) => e.into_response(),
    }
}

/// Updates a push's factorResult when re-reading state.
fn refresh_push(state: &AppState, tx: &mut Tx) {
    if let Some(id) = tx.push_id.clone()
        && tx.factor_result == Some("WAITING")
    {
        let result = flow::push_result(state, &id);
        if result == crate::store::PushResult::TimedOut {
            tx.factor_result = Some("TIMEOUT");
        }
    }
}

/// `POST /api/v1/authn/introspect`.
pub async fn introspect(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<StateTokenBody>,
) -> Response {
    get_state(&state, body.state_token.as_deref()).await
}

/// Body of change_password / reset_password.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PasswordBody {
    state_token: Option<String>,
    old_password: Option<Secret>,
    new_password: Option<Secret>,
    revoke_sessions: Option<bool>,
}

/// `POST /api/v1/authn/credentials/change_password` (PASSWORD_EXPIRED, PASSWORD_WARN).
pub async fn change_password(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<PasswordBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    if !matches!(tx.status, Status::PasswordExpired | Status::PasswordWarn) {
        return Err(ApiError::wrong_state());
    }
    let user = flow::tx_user(&state, &tx)?;
    let old = body.old_password.clone().unwrap_or_default();
    let new = body.new_password.clone().unwrap_or_default();
    if new.expose().is_empty() {
        return Err(ApiError::validation(
            "newPassword: The field cannot be left blank",
        ));
    }
    let current = user.password_hash.clone().unwrap_or_default();
    if !secrets::verify_password_blocking(old.clone(), current.clone()).await {
        return Err(ApiError::credentials(vec![
            "oldPassword: Old Password is not correct".into(),
        ]));
    }
    if let Err(causes) = flow::check_complexity(&user.policy.password, &user.login, new.expose()) {
        return Err(ApiError::credentials(causes));
    }
    if let Some(cause) = too_recent(&state, &user, tx.status) {
        return Err(ApiError::credentials(vec![cause]));
    }
    if let Some(cause) = reused(&user, &new).await {
        return Err(ApiError::credentials(vec![cause]));
    }
    set_password(&state, &user.id, new, body.revoke_sessions.unwrap_or(false)).await?;
    tx.password_done = true;
    flow::advance(&state, &mut tx);
    Ok(flow::respond(&state, &mut tx))
}

/// Refuses the current password and the policy's remembered previous ones.
async fn reused(user: &User, new: &Secret) -> Option<String> {
    let history = usize::try_from(user.policy.password.history_count).unwrap_or(0);
    let candidates = user
        .password_hash
        .iter()
        .chain(user.password_history.iter().take(history));
    for phc in candidates {
        if secrets::verify_password_blocking(new.clone(), phc.clone()).await {
            return Some(if history > 0 {
                format!(
                    "password: Password cannot be your current password or any of your last {history} passwords"
                )
            } else {
                "password: Password cannot be your current password".into()
            });
        }
    }
    None
}

/// The policy's minimum password age (only a voluntary change in PASSWORD_WARN is refused; an expired
/// password must always be changeable).
fn too_recent(state: &AppState, user: &User, status: Status) -> Option<String> {
    let minutes = i64::from(user.policy.password.min_age_minutes);
    let young = state.now() < user.password_changed + time::Duration::minutes(minutes);
    (status == Status::PasswordWarn && minutes > 0 && young)
        .then(|| "password: Password has been changed too recently".to_string())
}

async fn set_password(state: &AppState, user_id: &str, new: Secret, revoke: bool) -> ApiResult<()> {
    let cost = state.config.scenario.settings.argon2.clone();
    let hash = secrets::hash_password_blocking(new, cost)
        .await
        .map_err(|e| {
            tracing::error!("password hashing failed: {e}");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "E0000009",
                "Internal Server Error",
            )
        })?;
    let now = state.now();
    state.with_user(user_id, |u| {
        if let Some(previous) = u.password_hash.take() {
            u.password_history.insert(0, previous);
            let keep = usize::try_from(u.policy.password.history_count).unwrap_or(0);
            u.password_history.truncate(keep);
        }
        u.password_hash = Some(hash);
        u.password_changed = now;
        u.password_expired = false;
        u.locked_at = None;
        u.failed_attempts = 0;
    });
    if revoke {
        state
            .store()
            .sessions
            .retain(|_, s| s.facts.user_id != user_id);
    }
    Ok(())
}

/// `POST /api/v1/authn/credentials/reset_password` (PASSWORD_RESET).
pub async fn reset_password(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<PasswordBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    if tx.status != Status::PasswordReset {
        return Err(ApiError::wrong_state());
    }
    let user = flow::tx_user(&state, &tx)?;
    let new = body.new_password.clone().unwrap_or_default();
    if let Err(causes) = flow::check_complexity(&user.policy.password, &user.login, new.expose()) {
        return Err(ApiError::complexity(causes));
    }
    if let Some(cause) = reused(&user, &new).await {
        return Err(ApiError::complexity(vec![cause]));
    }
    set_password(&state, &user.id, new, body.revoke_sessions.unwrap_or(false)).await?;
    tx.password_done = true;
    if tx.facts.is_none() {
        tx.facts = Some(flow::facts_for(&user, Some(state.now())));
    }
    flow::advance(&state, &mut tx);
    Ok(flow::respond(&state, &mut tx))
}

/// `POST /api/v1/authn/previous`.
pub async fn previous(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<StateTokenBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    match tx.status {
        Status::MfaChallenge => {
            cancel_push(&state, &tx);
            flow::clear_step(&mut tx);
            tx.status = Status::MfaRequired;
        }
        Status::MfaEnrollActivate => {
            cancel_push(&state, &tx);
            if let (Some(uid), Some(fid)) = (tx.user_id.clone(), tx.factor_id.clone()) {
                state.with_user(&uid, |u| {
                    u.factors.retain(|f| {
                        !(f.id == fid && f.status == crate::store::FactorStatus::PendingActivation)
                    });
                });
            }
            flow::clear_step(&mut tx);
            tx.status = Status::MfaEnroll;
        }
        Status::MfaRequired
        | Status::MfaEnroll
        | Status::PasswordExpired
        | Status::PasswordWarn
        | Status::PasswordReset
        | Status::Recovery
        | Status::RecoveryChallenge
        | Status::Success => return Err(ApiError::wrong_state()),
    }
    Ok(flow::respond(&state, &mut tx))
}

/// Marks the transaction's waiting push as timed out.
pub fn cancel_push(state: &AppState, tx: &Tx) {
    if let Some(id) = &tx.push_id
        && let Some(p) = state.store().pushes.get_mut(id)
        && p.result == crate::store::PushResult::Waiting
    {
        p.result = crate::store::PushResult::TimedOut;
    }
}

/// `POST /api/v1/authn/skip` (PASSWORD_WARN, MFA_ENROLL when nothing required is missing).
pub async fn skip(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<StateTokenBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    let user = flow::tx_user(&state, &tx)?;
    match tx.status {
        Status::PasswordWarn => tx.warn_done = true,
        Status::MfaEnroll if flow::enroll_skip_allowed(&user) => tx.enroll_done = true,
        Status::MfaEnroll
        | Status::MfaRequired
        | Status::MfaChallenge
        | Status::MfaEnrollActivate
        | Status::PasswordExpired
        | Status::PasswordReset
        | Status::Recovery
        | Status::RecoveryChallenge
        | Status::Success => return Err(ApiError::wrong_state()),
    }
    flow::advance(&state, &mut tx);
    Ok(flow::respond(&state, &mut tx))
}

/// `POST /api/v1/authn/cancel`: revokes the stateToken.
pub async fn cancel(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<StateTokenBody>,
) -> ApiResult<Response> {
    let mut tx = state.open_tx(body.state_token.as_deref()).await?;
    cancel_push(&state, &tx);
    state.close_tx(&mut tx);
    let body = match &tx.relay_state {
        Some(rs) => json!({"relayState": rs}),
        None => json!({}),
    };
    Ok(Json(body).into_response())
}

/// The LOCKED_OUT transaction body.
pub fn locked_out_body(state: &AppState) -> serde_json::Value {
    json!({
        "status": "LOCKED_OUT",
        "_links": {
            "next": {"name": "unlock", "href": state.url("/api/v1/authn/recovery/unlock"), "hints": {"allow": ["POST"]}}
        }
    })
}
