//! Step-up: `POST /emulator/step-up` starts one as an app would, `GET /login/step-up/redirect`
//! ends it, and `GET /emulator/apps/{app}` is the app's page the user lands on.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use crate::engine::step_up;
use crate::error::{ApiError, ApiResult};
use crate::render::app::StepUpStarted;
use crate::render::pages;
use crate::routes::extract::JsonBody;
use crate::routes::middleware::cookie;
use crate::routes::sessions::{SESSION_COOKIE, session_cookie};
use crate::routes::site::with_csp;
use crate::store::AppState;

/// Body of `POST /emulator/step-up`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StepUpBody {
    username: Option<String>,
    app: Option<String>,
    session: Option<bool>,
}

/// `POST /emulator/step-up` `{"username", "app", "session"}`: starts a step-up for the user as if
/// the app had redirected to the custom sign-in page; answers `{stateToken, url}`.
pub async fn start(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<StepUpBody>,
) -> ApiResult<Json<StepUpStarted>> {
    let username = body
        .username
        .filter(|u| !u.trim().is_empty())
        .ok_or_else(|| ApiError::validation("username: The field cannot be left blank"))?;
    let app = body
        .app
        .filter(|a| !a.trim().is_empty())
        .ok_or_else(|| ApiError::validation("app: The field cannot be left blank"))?;
    let started = step_up::start(&state, &username, &app, body.session.unwrap_or(false)).await?;
    Ok(Json(StepUpStarted {
        state_token: started.state_token.expose().to_string(),
        url: started.url,
    }))
}

/// `GET /login/step-up/redirect?stateToken=`: back to the app (302 to `/emulator/apps/{app}`),
/// with the session cookie.
pub async fn redirect(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let done = step_up::redirect(&state, query.get("stateToken").map(String::as_str)).await?;
    let location =
        HeaderValue::from_str(&state.urls.app_page(&done.app)).map_err(|_| ApiError::internal())?;
    let mut response = StatusCode::FOUND.into_response();
    response.headers_mut().insert(header::LOCATION, location);
    if let Some(c) = session_cookie(&done.session) {
        response.headers_mut().insert(header::SET_COOKIE, c);
    }
    Ok(response)
}

/// `GET /emulator/apps/{app}`: the app's page: who reached it (from the session cookie).
pub async fn app_page(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let app = state
        .config
        .scenario
        .app(&name)
        .ok_or_else(|| ApiError::not_found("app"))?;
    let now = state.now();
    let signed_in = cookie(&headers, SESSION_COOKIE).and_then(|sid| {
        let store = state.store();
        store
            .live_session(sid, now)
            .map(|s| (s.facts.name.clone(), s.facts.login.clone()))
    });
    let html = pages::app(
        &app.label,
        &app.name,
        signed_in.as_ref().map(|(n, l)| (n.as_str(), l.as_str())),
    );
    Ok(with_csp(Html(html).into_response()))
}
