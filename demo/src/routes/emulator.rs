//! The emulator's own control endpoints: outbox, push approvals, clock, users and reset.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::Value;

use crate::engine::pushes;
use crate::error::ApiError;
use crate::model::{OutboxMessage, PushDecision};
use crate::render::emulator::{ClockState, DemoUser, Problem, clock_state, demo_users};
use crate::render::pages;
use crate::routes::extract::JsonBody;
use crate::routes::site::with_csp;
use crate::store::AppState;

/// `GET /emulator/outbox.json?to=&since=`.
pub async fn outbox_json(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Json<Vec<OutboxMessage>> {
    Json(state.store().outbox_filtered(
        q.get("to").map(String::as_str),
        q.get("since").map(String::as_str),
    ))
}

/// `GET /emulator/outbox`.
pub async fn outbox_page(State(state): State<AppState>) -> Response {
    let messages = state.store().outbox.clone();
    with_csp(Html(pages::outbox(&messages)).into_response())
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
    with_csp(Html(pages::pushes(&pending)).into_response())
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
    let outcome = pushes::resolve(&state, &username, decision, number);
    if is_form {
        return Redirect::to("/emulator/push").into_response();
    }
    match outcome {
        None => (
            StatusCode::NOT_FOUND,
            Json(Problem {
                error: "no pending push for this user",
            }),
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
pub async fn clock(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<ClockBody>,
) -> Result<Json<ClockState>, ApiError> {
    let invalid = || ApiError::validation("advanceSeconds: a non-negative integer is required");
    match (body.advance_seconds, body.freeze) {
        (None, None) => return Err(invalid()),
        (Some(s), _) if s < 0 => return Err(invalid()),
        (Some(s), _) => state.clock.advance(s),
        (None, Some(_)) => {}
    }
    if let Some(freeze) = body.freeze {
        state.clock.freeze(freeze);
    }
    Ok(Json(clock_state(
        state.now(),
        state.clock.offset_seconds(),
        state.clock.is_frozen(),
    )))
}

/// The demo users, in scenario order, with their current factors and TOTP secrets (the body of
/// `GET /emulator/users.json`).
pub fn demo_user_list(state: &AppState) -> Vec<DemoUser> {
    let store = state.store();
    let scenario = &state.config.scenario;
    let users = scenario
        .users
        .iter()
        .filter_map(|spec| store.user_by_login(&spec.login).map(|u| (spec, u)));
    demo_users(users, &scenario.settings.org_name, state.now())
}

/// The demo users as JSON (same as `GET /emulator/users.json`).
pub fn users_json(state: &AppState) -> Value {
    serde_json::to_value(demo_user_list(state)).unwrap_or(Value::Null)
}

/// `GET /emulator/users.json`.
pub async fn users(State(state): State<AppState>) -> Json<Vec<DemoUser>> {
    Json(demo_user_list(&state))
}

/// `POST /emulator/reset`.
pub async fn reset(State(state): State<AppState>) -> StatusCode {
    state.reset();
    tracing::info!("emulator state reset to the scenario");
    StatusCode::NO_CONTENT
}
