//! Transaction responses: the rendered transaction as JSON, or the error.

use axum::Json;
use axum::response::{IntoResponse, Response};

use crate::error::ApiResult;
use crate::model::TxView;
use crate::render::transaction;
use crate::urls::Urls;

/// The JSON response for a transaction, its links under `urls` (the request's own origin).
pub fn tx_response(urls: &Urls, view: &TxView) -> Response {
    Json(transaction::body(urls, view)).into_response()
}

/// The JSON response for a transaction, or the error.
pub fn respond(urls: &Urls, result: ApiResult<TxView>) -> Response {
    match result {
        Ok(view) => tx_response(urls, &view),
        Err(e) => e.into_response(),
    }
}
