//! Sessions: `/api/v1/sessions` (exchange a sessionToken, read, refresh, end), the user of the
//! session, and the browser's `/login/sessionCookieRedirect`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::engine::sessions;
use crate::error::{ApiError, ApiResult};
use crate::model::Session;
use crate::render::user::{SessionObject, UserObject, session_object, user_object};
use crate::routes::extract::JsonBody;
use crate::routes::middleware::cookie;
use crate::rules::facts::SESSION_LIFETIME;
use crate::secrets::Secret;
use crate::store::AppState;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "sid";

/// Body of `POST /api/v1/sessions`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionBody {
    session_token: Option<Secret>,
}

/// `POST /api/v1/sessions`: exchanges a one-time sessionToken for a session.
pub async fn create(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<SessionBody>,
) -> ApiResult<Json<SessionObject>> {
    let token = body.session_token.unwrap_or_default();
    let session = sessions::create(&state, token.expose())?;
    Ok(Json(session_object(&state.urls, &session)))
}

/// The session id from the path, or from the `sid` cookie when the path says `me`.
fn session_id(id: String, headers: &HeaderMap) -> ApiResult<String> {
    if id == "me" {
        cookie(headers, SESSION_COOKIE)
            .map(str::to_string)
            .ok_or_else(|| ApiError::not_found("session"))
    } else {
        Ok(id)
    }
}

/// `GET /api/v1/sessions/{id}` (`me`: the session of the `sid` cookie).
pub async fn get(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Json<SessionObject>> {
    let session = sessions::get(&state, &session_id(id, &headers)?)?;
    Ok(Json(session_object(&state.urls, &session)))
}

/// `POST /api/v1/sessions/{id}/lifecycle/refresh` (`me` allowed).
pub async fn refresh(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Json<SessionObject>> {
    let session = sessions::refresh(&state, &session_id(id, &headers)?)?;
    Ok(Json(session_object(&state.urls, &session)))
}

/// `DELETE /api/v1/sessions/{id}` (`me` allowed; also clears the cookie).
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    sessions::delete(&state, &session_id(id, &headers)?)?;
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
) -> ApiResult<Json<UserObject>> {
    let sid = cookie(&headers, SESSION_COOKIE).ok_or_else(|| ApiError::not_found("user"))?;
    let user = sessions::user_of_session(&state, sid, &uid)?;
    Ok(Json(user_object(&state.urls, &user, state.now())))
}

/// The `Set-Cookie` value that carries a session to the browser.
pub fn session_cookie(session: &Session) -> Option<HeaderValue> {
    let cookie = format!(
        "{SESSION_COOKIE}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax",
        session.id.expose(),
        SESSION_LIFETIME.whole_seconds()
    );
    HeaderValue::from_str(&cookie).ok()
}

/// `GET /login/sessionCookieRedirect?token=&redirectUrl=`: exchanges the sessionToken, sets the
/// session cookie and redirects (302) to a trusted origin only.
pub async fn cookie_redirect(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let redirect = query.get("redirectUrl").cloned().unwrap_or_default();
    sessions::check_redirect(&state, &redirect)?;
    let location = HeaderValue::from_str(&redirect)
        .map_err(|_| ApiError::validation("redirectUrl: invalid URL"))?;
    let token = query.get("token").cloned().unwrap_or_default();
    let session = sessions::create(&state, &token)?;
    let mut response = StatusCode::FOUND.into_response();
    response.headers_mut().insert(header::LOCATION, location);
    if let Some(c) = session_cookie(&session) {
        response.headers_mut().insert(header::SET_COOKIE, c);
    }
    Ok(response)
}
