//! Sessions: exchanging a sessionToken (`POST /api/v1/sessions`), reading, refreshing and ending a
//! session, and the browser's `/login/sessionCookieRedirect`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::state::AppState;
use crate::store::{SESSION_LIFETIME, Session};
use crate::wire::{iso, link};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "sid";

/// Body of `POST /api/v1/sessions`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionBody {
    session_token: Option<crate::secrets::Secret>,
}

/// The Session object.
pub fn session_json(state: &AppState, s: &Session) -> Value {
    let href = state.url(&format!("/api/v1/sessions/{}", s.id));
    json!({
        "id": s.id,
        "login": s.facts.login,
        "userId": s.facts.user_id,
        "createdAt": iso(s.created),
        "expiresAt": iso(s.expires),
        "status": "ACTIVE",
        "lastPasswordVerification": s.facts.password_verified.map(iso),
        "lastFactorVerification": s.facts.factor_verified.map(iso),
        "amr": s.facts.amr,
        "idp": {"id": "00o1demoidp0okta0000", "type": "OKTA"},
        "mfaActive": s.facts.factor_verified.is_some(),
        "_links": {
            "self": {"href": href, "hints": {"allow": ["GET", "DELETE"]}},
            "refresh": link(format!("{href}/lifecycle/refresh"), "POST"),
            "user": {"name": s.facts.name, "href": state.url(&format!("/api/v1/users/{}", s.facts.user_id)), "hints": {"allow": ["GET"]}},
        },
    })
}

/// `POST /api/v1/sessions`: exchanges a one-time sessionToken for a session.
pub async fn create(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<SessionBody>,
) -> ApiResult<Json<Value>> {
    let token = body.session_token.unwrap_or_default();
    let now = state.now();
    let session = state
        .store()
        .exchange_session_token(token.expose(), now)
        .ok_or_else(ApiError::auth_failed)?;
    Ok(Json(session_json(&state, &session)))
}

/// The session id from the path, or from the `sid` cookie when the path says `me`.
fn session_id(id: String, headers: &HeaderMap) -> ApiResult<String> {
    if id == "me" {
        cookie(headers, SESSION_COOKIE).ok_or_else(|| ApiError::not_found("session"))
    } else {
        Ok(id)
    }
}

/// `GET /api/v1/sessions/{id}` (`me`: the session of the `sid` cookie).
pub async fn get(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    let id = session_id(id, &headers)?;
    let now = state.now();
    let session = state
        .store()
        .live_session(&id, now)
        .cloned()
        .ok_or_else(|| ApiError::not_found("session"))?;
    Ok(Json(session_json(&state, &session)))
}

/// `POST /api/v1/sessions/{id}/lifecycle/refresh` (`me` allowed).
pub async fn refresh(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    let id = session_id(id, &headers)?;
    let now = state.now();
    let mut store = state.store();
    let session = store
        .sessions
        .get_mut(&id)
        .filter(|s| s.expires > now)
        .ok_or_else(|| ApiError::not_found("session"))?;
    session.expires = now + SESSION_LIFETIME;
    let session = session.clone();
    drop(store);
    Ok(Json(session_json(&state, &session)))
}

/// `DELETE /api/v1/sessions/{id}` (`me` allowed; also clears the cookie).
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let id = session_id(id, &headers)?;
    let now = state.now();
    let mut store = state.store();
    if store.live_session(&id, now).is_none() {
        return Err(ApiError::not_found("session"));
    }
    store.sessions.remove(&id);
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"),
    );
    Ok(response)
}

/// `GET /api/v1/users/{uid}` (`me` allowed): the user of the caller's session only.
pub async fn user(
    State(state): State<AppState>,
    Path(uid): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    let now = state.now();
    let sid = cookie(&headers, SESSION_COOKIE).ok_or_else(|| ApiError::not_found("user"))?;
    let owner = state
        .store()
        .live_session(&sid, now)
        .map(|s| s.facts.user_id.clone())
        .ok_or_else(|| ApiError::not_found("user"))?;
    if uid != "me" && uid != owner {
        return Err(ApiError::not_found("user"));
    }
    let u = state
        .user(&owner)
        .ok_or_else(|| ApiError::not_found("user"))?;
    Ok(Json(json!({
        "id": u.id,
        "status": if u.is_locked(now) { "LOCKED_OUT" } else if u.password_is_expired(now) { "PASSWORD_EXPIRED" } else { "ACTIVE" },
        "passwordChanged": iso(u.password_changed),
        "profile": {
            "login": u.login,
            "email": u.email,
            "firstName": u.first_name,
            "lastName": u.last_name,
        },
        "_links": {"self": link(state.url(&format!("/api/v1/users/{}", u.id)), "GET")},
    })))
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    crate::http::cookie(headers, name).map(str::to_string)
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

/// `GET /login/sessionCookieRedirect?token=&redirectUrl=`: exchanges the sessionToken, sets the
/// session cookie and redirects (302) to a trusted origin only.
pub async fn cookie_redirect(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let redirect = query.get("redirectUrl").cloned().unwrap_or_default();
    let trusted = origin_of(&redirect).is_some_and(|o| state.is_trusted_origin(&o));
    if !trusted {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "E0000001",
            "Api validation failed: redirectUrl is not a trusted origin",
        )
        .into_response();
    }
    let Ok(location) = HeaderValue::from_str(&redirect) else {
        return ApiError::validation("redirectUrl: invalid URL").into_response();
    };
    let token = query.get("token").cloned().unwrap_or_default();
    let now = state.now();
    let Some(session) = state.store().exchange_session_token(&token, now) else {
        return ApiError::auth_failed().into_response();
    };
    let cookie = format!(
        "{SESSION_COOKIE}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax",
        session.id,
        SESSION_LIFETIME.whole_seconds()
    );
    let mut response = StatusCode::FOUND.into_response();
    response.headers_mut().insert(header::LOCATION, location);
    if let Ok(c) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, c);
    }
    response
}
