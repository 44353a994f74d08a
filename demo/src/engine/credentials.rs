//! Changing an expired (or expiring) password and setting a new one after recovery or activation.

use crate::error::{ApiError, ApiResult};
use crate::model::{StatusKind, TxView, User};
use crate::rules::{lockout, password, transition};
use crate::secrets::{self, Secret};
use crate::store::AppState;

/// A new password, with the old one when changing it.
#[derive(Debug, Default)]
pub struct NewPassword {
    /// The stateToken.
    pub state_token: Option<String>,
    /// `oldPassword` (change only).
    pub old_password: Option<Secret>,
    /// `newPassword`.
    pub new_password: Option<Secret>,
    /// `revokeSessions`: end the user's other sessions.
    pub revoke_sessions: bool,
}

/// `POST /api/v1/authn/credentials/change_password` (PASSWORD_EXPIRED, PASSWORD_WARN).
pub async fn change(state: &AppState, request: NewPassword) -> ApiResult<TxView> {
    let mut tx = state.open_tx(request.state_token.as_deref()).await?;
    transition::require(
        &tx.status,
        &[StatusKind::PasswordExpired, StatusKind::PasswordWarn],
    )?;
    let voluntary = tx.status.kind() == StatusKind::PasswordWarn;
    let user = state.tx_user(&tx)?;
    let old = request.old_password.unwrap_or_default();
    let new = request.new_password.unwrap_or_default();
    if new.expose().is_empty() {
        return Err(ApiError::validation(
            "newPassword: The field cannot be left blank",
        ));
    }
    let current = user.password_hash.clone().unwrap_or_default();
    if !secrets::verify_password_blocking(old, current).await {
        return Err(ApiError::credentials(vec![
            "oldPassword: Old Password is not correct".into(),
        ]));
    }
    if let Err(causes) =
        password::check_complexity(&user.policy.password, &user.login, new.expose())
    {
        return Err(ApiError::credentials(causes));
    }
    if let Some(cause) = password::too_recent(&user, voluntary, state.now()) {
        return Err(ApiError::credentials(vec![cause]));
    }
    if let Some(cause) = reused(&user, &new).await {
        return Err(ApiError::credentials(vec![cause]));
    }
    set_password(state, &user.id, new, request.revoke_sessions).await?;
    transition::password_changed(&mut tx);
    super::advance(state, &mut tx);
    Ok(super::view(state, &mut tx))
}

/// `POST /api/v1/authn/credentials/reset_password` (PASSWORD_RESET).
pub async fn reset(state: &AppState, request: NewPassword) -> ApiResult<TxView> {
    let mut tx = state.open_tx(request.state_token.as_deref()).await?;
    transition::require(&tx.status, &[StatusKind::PasswordReset])?;
    let user = state.tx_user(&tx)?;
    let new = request.new_password.unwrap_or_default();
    if let Err(causes) =
        password::check_complexity(&user.policy.password, &user.login, new.expose())
    {
        return Err(ApiError::complexity(causes));
    }
    if let Some(cause) = reused(&user, &new).await {
        return Err(ApiError::complexity(vec![cause]));
    }
    set_password(state, &user.id, new, request.revoke_sessions).await?;
    transition::password_changed(&mut tx);
    if tx.facts.is_none() {
        transition::password_verified(&mut tx, &user, state.now());
    }
    super::advance(state, &mut tx);
    Ok(super::view(state, &mut tx))
}

/// Refuses the current password and the policy's remembered previous ones.
async fn reused(user: &User, new: &Secret) -> Option<String> {
    let history = user.policy.password.history_count;
    let candidates = user
        .password_hash
        .iter()
        .chain(user.password_history.iter().take(history as usize));
    for phc in candidates {
        if secrets::verify_password_blocking(new.clone(), phc.clone()).await {
            return Some(password::reuse_cause(history));
        }
    }
    None
}

/// Stores the new password (the old one joins the history), lifts any lock, and optionally ends
/// the user's sessions.
async fn set_password(
    state: &AppState,
    user_id: &str,
    new: Secret,
    revoke_sessions: bool,
) -> ApiResult<()> {
    let cost = state.config.scenario.settings.argon2.clone();
    let hash = secrets::hash_password_blocking(new, cost)
        .await
        .map_err(|e| {
            tracing::error!("password hashing failed: {e}");
            ApiError::internal()
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
        lockout::unlock(u);
    });
    if revoke_sessions {
        state
            .store()
            .sessions
            .retain(|_, s| s.facts.user_id != user_id);
    }
    Ok(())
}
