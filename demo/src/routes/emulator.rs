//! The emulator's own control endpoints: outbox, push approvals, clock, users and reset.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::pages;
use crate::state::AppState;
use crate::store::{OutboxMessage, PushResult};
use crate::wire::iso;

/// Messages filtered by recipient (`to`, digits-only match for phones) and `since` (a message id,
/// exclusive, or an ISO-8601 time, inclusive).
pub fn filter_outbox(
    state: &AppState,
    to: Option<&str>,
    since: Option<&str>,
) -> Vec<OutboxMessage> {
    let store = state.store();
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let since_time = since.and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok());
    let since_index = since
        .filter(|_| since_time.is_none())
        .and_then(|id| store.outbox.iter().position(|m| m.id == id));
    store
        .outbox
        .iter()
        .enumerate()
        .filter(|(i, m)| match (since_time, since_index, since) {
            (Some(t), _, _) => m.created >= t,
            (None, Some(idx), _) => *i > idx,
            (None, None, Some(_)) => false,
            (None, None, None) => true,
        })
        .map(|(_, m)| m)
        .filter(|m| match to {
            None | Some("") => true,
            Some(to) => {
                m.to.eq_ignore_ascii_case(to.trim())
                    || (!digits(to).is_empty()
                        && digits(&m.to) == digits(to)
                        && m.channel != "email")
            }
        })
        .cloned()
        .collect()
}

/// `GET /emulator/outbox.json?to=&since=`.
pub async fn outbox_json(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Json<Vec<OutboxMessage>> {
    Json(filter_outbox(
        &state,
        q.get("to").map(String::as_str),
        q.get("since").map(String::as_str),
    ))
}

/// `GET /emulator/outbox`.
pub async fn outbox_page(State(state): State<AppState>) -> Response {
    let messages = state.store().outbox.clone();
    crate::routes::site::with_csp(Html(pages::outbox(&messages)).into_response())
}

/// `GET /emulator/style.css`.
pub async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::STYLE_CSS,
    )
        .into_response()
}

/// `GET /emulator/push`.
pub async fn push_page(State(state): State<AppState>) -> Response {
    let now = state.now();
    let pending: Vec<_> = state
        .store()
        .pending_pushes(now)
        .into_iter()
        .cloned()
        .collect();
    crate::routes::site::with_csp(Html(pages::pushes(&pending)).into_response())
}

/// Body of the push actions.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PushAction {
    username: Option<String>,
    number: Option<NumberField>,
}

/// A number given as JSON number or form string.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum NumberField {
    Int(u32),
    Text(String),
}

impl NumberField {
    fn value(&self) -> Option<u32> {
        match self {
            NumberField::Int(n) => Some(*n),
            NumberField::Text(t) => t.trim().parse().ok(),
        }
    }
}

/// What to do with a pending push.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushDecision {
    /// Approve (with the number, if a number challenge is shown).
    Approve,
    /// Reject.
    Reject,
    /// Let it time out now.
    Timeout,
}

/// Outcome of resolving a push.
#[derive(Debug, Clone, Serialize)]
pub struct PushOutcome {
    /// `SUCCESS`, `REJECTED` or `TIMEOUT`.
    pub result: &'static str,
    /// Why it was not approved, if it was meant to be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
}

/// Resolves the newest pending push of `username`. `None` if there is none.
pub fn resolve_push(
    state: &AppState,
    username: &str,
    decision: PushDecision,
    number: Option<u32>,
) -> Option<PushOutcome> {
    let now = state.now();
    let mut store = state.store();
    let push = store
        .pushes
        .values_mut()
        .filter(|p| {
            p.login.eq_ignore_ascii_case(username.trim()) && p.result_at(now) == PushResult::Waiting
        })
        .max_by_key(|p| p.created)?;
    let mut error = None;
    push.result = match decision {
        PushDecision::Approve => match push.correct_answer {
            Some(correct) if number != Some(correct) => {
                error =
                    Some("the number does not match the number challenge; the push was rejected");
                PushResult::Rejected
            }
            _ => PushResult::Approved,
        },
        PushDecision::Reject => PushResult::Rejected,
        PushDecision::Timeout => PushResult::TimedOut,
    };
    tracing::info!(user = %push.login, result = push.result.as_str(), "push resolved on the approval page");
    Some(PushOutcome {
        result: push.result.as_str(),
        error,
    })
}

async fn push_action(state: AppState, req: Request, decision: PushDecision) -> Response {
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let action = if is_form {
        match axum::Form::<PushAction>::from_request(req, &()).await {
            Ok(axum::Form(a)) => a,
            Err(_) => return ApiError::malformed().into_response(),
        }
    } else {
        match JsonBody::<PushAction>::from_request(req, &()).await {
            Ok(JsonBody(a)) => a,
            Err(e) => return e.into_response(),
        }
    };
    let Some(username) = action.username.filter(|u| !u.trim().is_empty()) else {
        return ApiError::validation("username: The field cannot be left blank").into_response();
    };
    let number = action.number.as_ref().and_then(NumberField::value);
    let outcome = resolve_push(&state, &username, decision, number);
    if is_form {
        return Redirect::to("/emulator/push").into_response();
    }
    match outcome {
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"error": "no pending push for this user"})),
        )
            .into_response(),
        Some(o) if o.error.is_some() => (StatusCode::CONFLICT, Json(o)).into_response(),
        Some(o) => Json(o).into_response(),
    }
}

/// `POST /emulator/push/approve`.
pub async fn push_approve(State(state): State<AppState>, req: Request) -> Response {
    push_action(state, req, PushDecision::Approve).await
}

/// `POST /emulator/push/reject`.
pub async fn push_reject(State(state): State<AppState>, req: Request) -> Response {
    push_action(state, req, PushDecision::Reject).await
}

/// `POST /emulator/push/timeout`.
pub async fn push_timeout(State(state): State<AppState>, req: Request) -> Response {
    push_action(state, req, PushDecision::Timeout).await
}

/// Body of `POST /emulator/clock`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClockBody {
    advance_seconds: Option<i64>,
    freeze: Option<bool>,
}

/// `POST /emulator/clock` `{"advanceSeconds": N, "freeze"?: bool}`: moves the clock forward
/// (and optionally stops or restarts the passing of real time).
pub async fn clock(State(state): State<AppState>, JsonBody(body): JsonBody<ClockBody>) -> Response {
    let invalid = || ApiError::validation("advanceSeconds: a non-negative integer is required");
    match (body.advance_seconds, body.freeze) {
        (None, None) => return invalid().into_response(),
        (Some(s), _) if s < 0 => return invalid().into_response(),
        (Some(s), _) => state.clock.advance(s),
        (None, Some(_)) => {}
    }
    if let Some(freeze) = body.freeze {
        state.clock.freeze(freeze);
    }
    Json(json!({
        "now": iso(state.now()),
        "offsetSeconds": state.clock.offset_seconds(),
        "frozen": state.clock.is_frozen(),
    }))
    .into_response()
}

/// The demo users as JSON.
pub fn users_json(state: &AppState) -> Value {
    let store = state.store();
    let mut users: Vec<Value> = Vec::new();
    for spec in &state.config.scenario.users {
        let Some(u) = store.user_by_login(&spec.login) else {
            continue;
        };
        let totp = u
            .factors
            .iter()
            .filter(|f| f.kind.is_totp())
            .filter_map(|f| f.secret.as_ref().map(|s| (f, s)))
            .map(|(f, s)| json!({"factorId": f.id, "provider": f.kind.provider(), "secret": crate::secrets::base32(s),
                "otpauthUri": crate::secrets::totp(s, &u.login, &state.config.scenario.settings.org_name).get_url()}))
            .collect::<Vec<_>>();
        let factors: Vec<Value> = u
            .factors
            .iter()
            .map(|f| json!({"id": f.id, "factorType": f.kind.factor_type(), "provider": f.kind.provider(),
                "status": if f.status == crate::store::FactorStatus::Active {"ACTIVE"} else {"PENDING_ACTIVATION"},
                "phoneNumber": f.phone, "question": f.question, "answer": f.answer.as_ref().map(|a| a.expose().to_string())}))
            .collect();
        users.push(json!({
            "id": u.id,
            "username": u.login,
            "password": u.shown_password,
            "shows": u.shows,
            "email": u.email,
            "phone": u.phone,
            "locked": u.is_locked(state.now()),
            "activationToken": spec.activation_token,
            "recoveryQuestion": spec.recovery_question.as_ref().map(|q| json!({"question": q.question, "answer": q.answer})),
            "factors": factors,
            "totp": totp,
            "hardwareCodes": u.hardware_codes,
        }));
    }
    Value::Array(users)
}

/// `GET /emulator/users.json`.
pub async fn users(State(state): State<AppState>) -> Json<Value> {
    Json(users_json(&state))
}

/// `POST /emulator/reset`.
pub async fn reset(State(state): State<AppState>) -> StatusCode {
    state.reset();
    tracing::info!("emulator state reset to the scenario");
    StatusCode::NO_CONTENT
}
