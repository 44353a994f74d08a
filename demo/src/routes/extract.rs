//! Request extraction: bodies with Okta's error codes (malformed JSON or wrong types are 400
//! E0000003, bodies over the limit are 413), and the origin a request came to.

use std::convert::Infallible;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::store::AppState;
use crate::urls::Urls;

/// A JSON object body deserialised into `T` (an empty body counts as `{}`).
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.into_response().status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::too_large()
            } else {
                ApiError::malformed()
            }
        })?;
        let value: serde_json::Value = if bytes.iter().all(u8::is_ascii_whitespace) {
            serde_json::Value::Object(serde_json::Map::new())
        } else {
            serde_json::from_slice(&bytes).map_err(|_| ApiError::malformed())?
        };
        if !value.is_object() {
            return Err(ApiError::malformed());
        }
        serde_json::from_value(value)
            .map(JsonBody)
            .map_err(|_| ApiError::malformed())
    }
}

/// The addresses a response publishes: under the emulator's own origin the request came to (its
/// `Host`: `http://localhost:PORT` or the base URL), as Okta publishes links on the domain a request
/// used. A page on `localhost` (where WebAuthn works) then follows links on its own origin, which
/// its CSP (`connect-src 'self'`) allows.
#[derive(Debug, Clone)]
pub struct RequestUrls(pub Urls);

impl FromRequestParts<AppState> for RequestUrls {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok());
        Ok(Self(state.urls_for_host(host)))
    }
}
