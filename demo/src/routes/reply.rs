//! Transaction responses: the rendered transaction as JSON, or the error.

use axum::Json;
use axum::response::{IntoResponse, Response};

use crate::error::ApiResult;
use crate::model::TxView;
use crate::render::transaction;
use crate::store::AppState;

/// The JSON response for a transaction.
pub fn tx_response(state: &AppState, view: &TxView) -> Response {
    Json(transaction::body(&state.urls, view)).into_response()
}

/// The JSON response for a transaction, or the error.
pub fn respond(state: &AppState, result: ApiResult<TxView>) -> Response {
    match result {
        Ok(view) => tx_response(state, &view),
        Err(e) => e.into_response(),
    }
}
