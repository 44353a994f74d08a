//! `/api/v1/authn`: primary authentication, activation token, get state, introspect, previous,
//! skip and cancel.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::engine::sign_in::{self, PasswordSignIn, RateLimit, SignedIn};
use crate::engine::{navigation, step_up};
use crate::error::{ApiError, ApiResult};
use crate::model::Options;
use crate::render::transaction::{self, Cancelled};
use crate::routes::extract::{JsonBody, RequestUrls};
use crate::routes::middleware::cookie;
use crate::routes::reply::{respond, tx_response};
use crate::rules::rate_limit::BUCKET_CAPACITY;
use crate::secrets::Secret;
use crate::store::AppState;

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
    /// As transaction options (absent means false).
    pub fn to_options(options: Option<&Self>) -> Options {
        options.map_or_else(Options::default, |o| Options {
            multi_optional_factor_enroll: o.multi_optional_factor_enroll.unwrap_or(false),
            warn_before_password_expired: o.warn_before_password_expired.unwrap_or(false),
        })
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

/// Checks `relayState` length (at most 2048 characters).
pub fn check_relay_state(relay_state: Option<&str>) -> ApiResult<()> {
    match relay_state {
        Some(rs) if rs.chars().count() > 2048 => Err(ApiError::validation(
            "relayState: The field cannot exceed 2048 characters",
        )),
        Some(_) | None => Ok(()),
    }
}

fn rate_headers(response: &mut Response, limit: RateLimit) {
    let h = response.headers_mut();
    for (name, value) in [
        ("x-rate-limit-limit", (BUCKET_CAPACITY as u32).to_string()),
        ("x-rate-limit-remaining", limit.remaining.to_string()),
        ("x-rate-limit-reset", limit.reset.to_string()),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    }
}

/// `POST /api/v1/authn`: primary authentication, activation token, get state, or (with a
/// stateToken and a username) the sign-in step of a step-up.
pub async fn primary(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    headers: HeaderMap,
    JsonBody(body): JsonBody<AuthnBody>,
) -> Response {
    if body.state_token.is_some() && body.username.is_none() && body.token.is_none() {
        return respond(
            &urls,
            sign_in::get_state(&state, body.state_token.as_deref()).await,
        );
    }
    if let Err(e) = check_relay_state(body.relay_state.as_deref()) {
        return e.into_response();
    }
    let options = OptionsBody::to_options(body.options.as_ref());
    if let Some(token) = &body.token {
        let started = sign_in::activation(&state, token, body.relay_state, options).await;
        return respond(&urls, started);
    }
    let Some(username) = body.username.filter(|u| !u.trim().is_empty()) else {
        return ApiError::validation("username: The field cannot be left blank").into_response();
    };
    let limit = match sign_in::rate_limit(&state, &username) {
        Ok(limit) => limit,
        Err(limit) => {
            let mut r = ApiError::rate_limited().into_response();
            rate_headers(&mut r, limit);
            return r;
        }
    };
    let password = body.password.unwrap_or_default();
    let signed_in = match body.state_token.as_deref() {
        Some(token) => step_up::authenticate(&state, Some(token), &username, &password).await,
        None => {
            let request = PasswordSignIn {
                username,
                password,
                relay_state: body.relay_state,
                options,
                device_token: cookie(&headers, "DT").map(Secret::new),
            };
            sign_in::password(&state, request).await
        }
    };
    let mut response = match signed_in {
        Ok(SignedIn::Transaction(view)) => tx_response(&urls, &view),
        Ok(SignedIn::LockedOut) => Json(transaction::locked_out(&urls)).into_response(),
        Err(e) => e.into_response(),
    };
    rate_headers(&mut response, limit);
    response
}

/// `POST /api/v1/authn/introspect`.
pub async fn introspect(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    JsonBody(body): JsonBody<StateTokenBody>,
) -> Response {
    respond(
        &urls,
        sign_in::get_state(&state, body.state_token.as_deref()).await,
    )
}

/// `POST /api/v1/authn/previous`.
pub async fn previous(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    JsonBody(body): JsonBody<StateTokenBody>,
) -> Response {
    respond(
        &urls,
        navigation::previous(&state, body.state_token.as_deref()).await,
    )
}

/// `POST /api/v1/authn/skip` (PASSWORD_WARN, MFA_ENROLL when nothing required is missing).
pub async fn skip(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    JsonBody(body): JsonBody<StateTokenBody>,
) -> Response {
    respond(
        &urls,
        navigation::skip(&state, body.state_token.as_deref()).await,
    )
}

/// `POST /api/v1/authn/cancel`: revokes the stateToken.
pub async fn cancel(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<StateTokenBody>,
) -> ApiResult<Json<Cancelled>> {
    let relay_state = navigation::cancel(&state, body.state_token.as_deref()).await?;
    Ok(Json(Cancelled { relay_state }))
}
