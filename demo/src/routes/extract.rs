//! Request-body extraction with Okta's error codes: malformed JSON or wrong types are 400 E0000003,
//! bodies over the limit are 413.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

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
