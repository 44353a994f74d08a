//! Starting a sign-in: primary authentication with a password (rate-limited per username, lockout,
//! remembered devices), an activation token, and reading a transaction's state.

use crate::error::{ApiError, ApiResult};
use crate::model::{Options, Purpose, Status, Transaction, TxView, User};
use crate::rules::{lockout, transition};
use crate::secrets::{self, Secret};
use crate::store::AppState;

/// Primary authentication with a username and password.
#[derive(Debug)]
pub struct PasswordSignIn {
    /// Username.
    pub username: String,
    /// Password.
    pub password: Secret,
    /// `relayState`.
    pub relay_state: Option<String>,
    /// `options`.
    pub options: Options,
    /// The `DT` remember-device cookie the browser sent.
    pub device_token: Option<Secret>,
}

/// How a password sign-in ends (besides an error).
#[derive(Debug)]
pub enum SignedIn {
    /// A transaction (SUCCESS, MFA_REQUIRED, ...).
    Transaction(Box<TxView>),
    /// LOCKED_OUT: the account is locked and the policy shows it.
    LockedOut,
}

/// The per-username rate limit: the requests left and when the bucket refills (epoch seconds).
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    /// Requests left now.
    pub remaining: u32,
    /// When the bucket refills.
    pub reset: i64,
}

/// Takes one request from `username`'s bucket: `Err` (with nothing left) when it is empty.
pub fn rate_limit(state: &AppState, username: &str) -> Result<RateLimit, RateLimit> {
    let now = state.now();
    match state.store().take_rate_token(username, now) {
        Ok(remaining) => Ok(RateLimit {
            remaining,
            reset: now.unix_timestamp() + 1,
        }),
        Err(reset) => {
            tracing::info!("user_rate_limited on /api/v1/authn");
            Err(RateLimit {
                remaining: 0,
                reset,
            })
        }
    }
}

/// The result of checking a username and password.
pub enum PasswordCheck {
    /// The password is right and the account usable.
    Verified(Box<User>),
    /// The account is locked and the policy shows it: LOCKED_OUT.
    LockedOut,
}

/// Checks `password` for `username` with the same hashing work for unknown users, users without a
/// password and locked users. Wrong passwords count towards lockout.
pub async fn check_password(
    state: &AppState,
    username: &str,
    password: &Secret,
) -> ApiResult<PasswordCheck> {
    let dummy = state.config.scenario.settings.dummy_password_hash.clone();
    let user = state.store().user_by_login(username).cloned();
    let phc = user
        .as_ref()
        .and_then(|u| u.password_hash.clone())
        .unwrap_or(dummy);
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
    let locked_out = || {
        if show_lockout {
            Ok(PasswordCheck::LockedOut)
        } else {
            Err(ApiError::auth_failed())
        }
    };
    if lockout::is_locked(&user, now) {
        return locked_out();
    }
    if !password_ok {
        if super::register_failure(state, &user.id) {
            return locked_out();
        }
        return Err(ApiError::auth_failed());
    }
    state.with_user(&user.id, lockout::register_success);
    Ok(PasswordCheck::Verified(Box::new(user)))
}

/// Whether the browser's `DT` cookie is a remembered device of `user`, still valid.
fn remembered_device(state: &AppState, user: &User, device_token: Option<&Secret>) -> bool {
    let now = state.now();
    let Some(dt) = device_token.filter(|_| user.policy.remember_device.allow) else {
        return false;
    };
    state
        .store()
        .devices
        .get(dt.expose())
        .is_some_and(|device| {
            device.user_id == user.id && device.until.is_none_or(|until| until > now)
        })
}

/// `POST /api/v1/authn` with a username and password.
pub async fn password(state: &AppState, request: PasswordSignIn) -> ApiResult<SignedIn> {
    let user = match check_password(state, &request.username, &request.password).await? {
        PasswordCheck::Verified(user) => *user,
        PasswordCheck::LockedOut => return Ok(SignedIn::LockedOut),
    };
    let now = state.now();
    let mut tx = Transaction::new(
        Secret::new(secrets::random_token("00", 40)),
        Some(user.id.clone()),
        Purpose::SignIn,
        Status::Success,
        now + state.token_lifetime(),
    );
    tx.relay_state = request.relay_state;
    tx.options = request.options;
    transition::password_verified(&mut tx, &user, now);
    if remembered_device(state, &user, request.device_token.as_ref()) {
        transition::mfa_waived(&mut tx);
    }
    let mut tx = state.insert_tx(tx).await;
    super::advance(state, &mut tx);
    Ok(SignedIn::Transaction(Box::new(super::view(state, &mut tx))))
}

/// `POST /api/v1/authn` with an activation `token` (one-time): PASSWORD_RESET with recoveryType
/// ACCOUNT_ACTIVATION for a user without a password.
pub async fn activation(
    state: &AppState,
    token: &Secret,
    relay_state: Option<String>,
    options: Options,
) -> ApiResult<TxView> {
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
    let mut tx = Transaction::new(
        Secret::new(secrets::random_token("00", 40)),
        Some(user_id),
        Purpose::Activation,
        Status::Success,
        now + state.token_lifetime(),
    );
    tx.relay_state = relay_state;
    tx.options = options;
    transition::mfa_waived(&mut tx);
    let mut tx = state.insert_tx(tx).await;
    super::advance(state, &mut tx);
    Ok(super::view(state, &mut tx))
}

/// Get-state (`POST /api/v1/authn {stateToken}`, introspect): the transaction as it is now; a
/// waiting push that timed out reports TIMEOUT.
pub async fn get_state(state: &AppState, token: Option<&str>) -> ApiResult<TxView> {
    let mut tx = state.open_tx(token).await?;
    let waiting_push = tx.status.push_wait().and_then(|w| w.push_id.clone());
    if let Some(push_id) = waiting_push
        && super::push_result(state, &push_id) == crate::model::PushResult::TimedOut
    {
        transition::push_expired(&mut tx);
    }
    Ok(super::view(state, &mut tx))
}
