//! `/api/v1/authn/recovery`: forgot password and unlock (by email link, SMS or voice call), the
//! recovery factor's verify and resend, recovery tokens and the recovery question.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::engine::recovery::{self, RecoveryStarted};
use crate::error::ApiError;
use crate::model::RecoveryKind;
use crate::render::transaction;
use crate::routes::authn::{OptionsBody, check_relay_state};
use crate::routes::extract::{JsonBody, RequestUrls};
use crate::routes::reply::{respond, tx_response};
use crate::secrets::Secret;
use crate::store::AppState;
use crate::urls::Urls;

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
    RequestUrls(urls): RequestUrls,
    JsonBody(body): JsonBody<RecoveryBody>,
) -> Response {
    start(&state, &urls, body, RecoveryKind::Password).await
}

/// `POST /api/v1/authn/recovery/unlock`.
pub async fn unlock(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    JsonBody(body): JsonBody<RecoveryBody>,
) -> Response {
    start(&state, &urls, body, RecoveryKind::Unlock).await
}

async fn start(state: &AppState, urls: &Urls, body: RecoveryBody, kind: RecoveryKind) -> Response {
    if let Err(e) = check_relay_state(body.relay_state.as_deref()) {
        return e.into_response();
    }
    let Some(username) = body.username.filter(|u| !u.trim().is_empty()) else {
        return ApiError::validation("username: The field cannot be left blank").into_response();
    };
    let channel = match recovery::channel(body.factor_type.as_deref(), kind) {
        Ok(channel) => channel,
        Err(e) => return e.into_response(),
    };
    match recovery::start(state, &username, channel, kind, body.relay_state).await {
        Ok(RecoveryStarted::EmailSent { kind, relay_state }) => {
            Json(transaction::email_sent(kind, relay_state)).into_response()
        }
        Ok(RecoveryStarted::Challenge(view)) => tx_response(urls, &view),
        Err(e) => e.into_response(),
    }
}

/// `POST /api/v1/authn/recovery/factors/{SMS|CALL}/verify`.
pub async fn factor_verify(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    Path(factor): Path<String>,
    JsonBody(body): JsonBody<RecoveryBody>,
) -> Response {
    let verified =
        recovery::verify(&state, body.state_token.as_deref(), &factor, body.pass_code).await;
    respond(&urls, verified)
}

/// `POST /api/v1/authn/recovery/factors/{SMS|CALL}/resend`.
pub async fn factor_resend(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    Path(factor): Path<String>,
    JsonBody(body): JsonBody<RecoveryBody>,
) -> Response {
    respond(
        &urls,
        recovery::resend(&state, body.state_token.as_deref(), &factor).await,
    )
}

/// `POST /api/v1/authn/recovery/token`: starts recovery from an emailed recovery token.
pub async fn token(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    JsonBody(body): JsonBody<RecoveryBody>,
) -> Response {
    let token = body.recovery_token.unwrap_or_default();
    let options = OptionsBody::to_options(body.options.as_ref());
    respond(&urls, recovery::token(&state, &token, options).await)
}

/// `POST /api/v1/authn/recovery/answer`.
pub async fn answer(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    JsonBody(body): JsonBody<RecoveryBody>,
) -> Response {
    respond(
        &urls,
        recovery::answer(&state, body.state_token.as_deref(), body.answer).await,
    )
}
