//! Sessions: exchanging a sessionToken, reading, refreshing and ending a session, the user of a
//! session, and the browser's sessionCookieRedirect.

use crate::error::{ApiError, ApiResult};
use crate::model::{Session, User};
use crate::rules::facts::SESSION_LIFETIME;
use crate::store::AppState;

/// `POST /api/v1/sessions`: exchanges a one-time sessionToken for a session (E0000004 when it is
/// unknown, used or expired).
pub fn create(state: &AppState, session_token: &str) -> ApiResult<Session> {
    let now = state.now();
    state
        .store()
        .exchange_session_token(session_token, now)
        .ok_or_else(ApiError::auth_failed)
}

/// A live session (404 E0000007 otherwise).
pub fn get(state: &AppState, id: &str) -> ApiResult<Session> {
    let now = state.now();
    state
        .store()
        .live_session(id, now)
        .cloned()
        .ok_or_else(|| ApiError::not_found("session"))
}

/// Extends a live session by the session lifetime.
pub fn refresh(state: &AppState, id: &str) -> ApiResult<Session> {
    let now = state.now();
    let mut store = state.store();
    let session = store
        .sessions
        .get_mut(id)
        .filter(|s| s.expires > now)
        .ok_or_else(|| ApiError::not_found("session"))?;
    session.expires = now + SESSION_LIFETIME;
    Ok(session.clone())
}

/// Ends a live session.
pub fn delete(state: &AppState, id: &str) -> ApiResult<()> {
    let now = state.now();
    let mut store = state.store();
    if store.live_session(id, now).is_none() {
        return Err(ApiError::not_found("session"));
    }
    store.sessions.remove(id);
    Ok(())
}

/// The user of the live session `session_id`, if `user_id` (or `me`) names them.
pub fn user_of_session(state: &AppState, session_id: &str, user_id: &str) -> ApiResult<User> {
    let now = state.now();
    let owner = state
        .store()
        .live_session(session_id, now)
        .map(|s| s.facts.user_id.clone())
        .ok_or_else(|| ApiError::not_found("user"))?;
    if user_id != "me" && user_id != owner {
        return Err(ApiError::not_found("user"));
    }
    state
        .user(&owner)
        .ok_or_else(|| ApiError::not_found("user"))
}

/// The origin (`scheme://host[:port]`) of an absolute http(s) URL.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.is_empty() || authority.contains('@') || authority.contains('\\') {
        return None;
    }
    Some(format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        authority.to_ascii_lowercase()
    ))
}

/// The `redirectUrl` of `/login/sessionCookieRedirect` must be on a trusted origin (403 E0000001
/// otherwise).
pub fn check_redirect(state: &AppState, redirect_url: &str) -> ApiResult<()> {
    if origin_of(redirect_url).is_some_and(|o| state.is_trusted_origin(&o)) {
        Ok(())
    } else {
        Err(ApiError::untrusted_redirect())
    }
}
