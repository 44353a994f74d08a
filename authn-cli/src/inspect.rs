//! `authn inspect`: what the core makes of one `/api/v1/authn` response body.
//!
//! Output (one JSON object, always the same keys):
//! `status` (wire status string or null), `state` (the core's state kind or null), `actions` (the
//! snake_case action kinds the response's links allow, sorted alphabetically), `factors` (`id`,
//! `factorType`, `provider`, `status`, `enrollment` per factor present), `factorResult`, `expiresAt`
//! (RFC 3339), `httpStatus` (the `--status` given, or null) and `error` (null, or `errorCode`,
//! `recovery`, `summary`, `causes` for an error body). Tokens are never printed.

use authn_core::wire::{Transaction, WireFactor};
use authn_core::{ApiError, State};
use serde_json::{Map, Value, json};
use time::format_description::well_known::Rfc3339;

/// Why the input can't be inspected (exit status 2). The message is one line.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InspectError {
    /// The body is not a JSON object.
    #[error("malformed input: {0}")]
    Malformed(String),
    /// An error body without its HTTP status.
    #[error("this is an error body (it has errorCode): pass its HTTP status with --status CODE")]
    ErrorNeedsStatus,
}

/// Inspects `body`, received with HTTP `status` (`None` = not given, treated as 200).
pub fn inspect(body: &str, status: Option<u16>) -> Result<Value, InspectError> {
    let value: Value = serde_json::from_str(body).map_err(|err| {
        InspectError::Malformed(format!(
            "not JSON (line {}, column {})",
            err.line(),
            err.column()
        ))
    })?;
    let Value::Object(object) = &value else {
        return Err(InspectError::Malformed("not a JSON object".to_owned()));
    };
    let is_error_status = status.is_some_and(|s| !(200..300).contains(&s));
    if is_error_status {
        return Ok(error_output(body, object, status.unwrap_or_default()));
    }
    if !object.contains_key("status") && object.contains_key("errorCode") {
        return Err(InspectError::ErrorNeedsStatus);
    }
    let tx = Transaction::from_value(value.clone())
        .map_err(|err| InspectError::Malformed(err.to_string()))?;
    Ok(transaction_output(&tx, status))
}

fn transaction_output(tx: &Transaction, http_status: Option<u16>) -> Value {
    let state = State::from_transaction(tx, None);
    // The state's own links (no entry points): the core sorts them by kind; the output sorts names.
    let mut actions: Vec<&str> = state
        .allowed_actions()
        .into_iter()
        .map(|a| a.as_str())
        .collect();
    actions.sort_unstable();
    json!({
        "status": tx.status.as_str(),
        "state": state.kind().as_str(),
        "actions": actions,
        "factors": tx.every_factor().map(factor_output).collect::<Vec<_>>(),
        "factorResult": tx.factor_result.as_ref().map(|r| r.as_str()),
        "expiresAt": tx.expires_at.and_then(|t| t.format(&Rfc3339).ok()),
        "httpStatus": http_status,
        "error": Value::Null,
    })
}

fn factor_output(factor: &WireFactor) -> Value {
    json!({
        "id": factor.id,
        "factorType": factor.factor_type.as_ref().map(|t| t.as_str()),
        "provider": factor.provider.as_ref().map(|p| p.as_str()),
        "status": factor.status.as_ref().map(|s| s.as_str()),
        "enrollment": factor.enrollment.as_ref().map(|e| e.as_str()),
    })
}

fn error_output(body: &str, object: &Map<String, Value>, http_status: u16) -> Value {
    let error = ApiError::from_body(http_status, body, None);
    let code = object
        .get("errorCode")
        .and_then(Value::as_str)
        .map(|_| error.code.as_str().to_owned());
    json!({
        "status": Value::Null,
        "state": Value::Null,
        "actions": Vec::<&str>::new(),
        "factors": Vec::<Value>::new(),
        "factorResult": Value::Null,
        "expiresAt": Value::Null,
        "httpStatus": http_status,
        "error": {
            "errorCode": code,
            "recovery": error.recovery().as_str(),
            "summary": error.summary,
            "causes": error.causes,
        },
    })
}
