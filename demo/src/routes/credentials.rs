//! `/api/v1/authn/credentials`: changing an expired (or expiring) password, setting a new one.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use crate::engine::credentials::{self, NewPassword};
use crate::routes::extract::{JsonBody, RequestUrls};
use crate::routes::reply::respond;
use crate::secrets::Secret;
use crate::store::AppState;

/// Body of change_password / reset_password.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PasswordBody {
    state_token: Option<String>,
    old_password: Option<Secret>,
    new_password: Option<Secret>,
    revoke_sessions: Option<bool>,
}

impl PasswordBody {
    fn into_request(self) -> NewPassword {
        NewPassword {
            state_token: self.state_token,
            old_password: self.old_password,
            new_password: self.new_password,
            revoke_sessions: self.revoke_sessions.unwrap_or(false),
        }
    }
}

/// `POST /api/v1/authn/credentials/change_password` (PASSWORD_EXPIRED, PASSWORD_WARN).
pub async fn change_password(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    JsonBody(body): JsonBody<PasswordBody>,
) -> Response {
    respond(
        &urls,
        credentials::change(&state, body.into_request()).await,
    )
}

/// `POST /api/v1/authn/credentials/reset_password` (PASSWORD_RESET).
pub async fn reset_password(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    JsonBody(body): JsonBody<PasswordBody>,
) -> Response {
    respond(&urls, credentials::reset(&state, body.into_request()).await)
}
