//! `/api/v1/authn/factors`: enroll, activate, verify and their resends; the security questions
//! list and the activation QR codes.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::engine::enroll::{self, ActivateRequest};
use crate::engine::verify::{self, VerifyRequest};
use crate::error::{ApiError, ApiResult};
use crate::render::emulator::{QuestionItem, questions as question_list};
use crate::render::qr;
use crate::routes::extract::{JsonBody, RequestUrls};
use crate::routes::reply::{respond, tx_response};
use crate::rules::enroll::EnrollRequest;
use crate::secrets::Secret;
use crate::store::AppState;
use crate::urls::Urls;
use crate::webauthn::{ActivationResponse, AssertionResponse};

/// Body of the factor endpoints.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FactorBody {
    state_token: Option<String>,
    factor_type: Option<String>,
    provider: Option<String>,
    profile: Option<serde_json::Value>,
    pass_code: Option<Secret>,
    next_pass_code: Option<Secret>,
    answer: Option<Secret>,
    remember_device: Option<bool>,
    auto_push: Option<bool>,
    // WebAuthn: registration (`attestation`, `clientData`, `transports` as an array or as Okta's
    // widget sends it, a JSON string; `clientExtensions`, like any unknown field, is ignored) and
    // assertion (`clientData`, `authenticatorData`, `signatureData`).
    attestation: Option<String>,
    client_data: Option<String>,
    transports: Option<serde_json::Value>,
    authenticator_data: Option<String>,
    signature_data: Option<String>,
}

impl FactorBody {
    /// A string field of `profile` (any other type counts as absent, as does a `profile` that is
    /// not an object).
    fn profile_str(&self, key: &str) -> Option<String> {
        self.profile
            .as_ref()
            .and_then(|p| p.get(key))
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
    }

    fn enroll_request(&self) -> EnrollRequest {
        EnrollRequest {
            factor_type: self.factor_type.clone(),
            provider: self.provider.clone(),
            question: self.profile_str("question"),
            answer: self.profile_str("answer").map(Secret::new),
            phone_number: self.profile_str("phoneNumber"),
            credential_id: self.profile_str("credentialId"),
            pass_code: self.pass_code.clone(),
            next_pass_code_given: self.next_pass_code.is_some(),
        }
    }

    /// The WebAuthn registration of an activation body, when it has both parts.
    fn registration(&self) -> Option<ActivationResponse> {
        Some(ActivationResponse::new(
            self.attestation.clone()?,
            self.client_data.clone()?,
            self.transports.clone(),
        ))
    }

    /// Whether a verify body carries any part of a WebAuthn assertion.
    fn assertion_given(&self) -> bool {
        self.client_data.is_some()
            || self.authenticator_data.is_some()
            || self.signature_data.is_some()
    }

    /// The WebAuthn assertion of a verify body, when it has all three parts.
    fn assertion(&self) -> Option<AssertionResponse> {
        Some(AssertionResponse {
            client_data: self.client_data.clone()?,
            authenticator_data: self.authenticator_data.clone()?,
            signature_data: self.signature_data.clone()?,
        })
    }
}

type QueryMap = Query<HashMap<String, String>>;

/// The origin of the page a WebAuthn ceremony runs on: the request's `Origin` header, or (a
/// same-origin request without one) the emulator's origin the request came to.
fn page_origin(headers: &HeaderMap, urls: &Urls) -> String {
    headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map_or_else(|| urls.base().to_string(), str::to_string)
}

fn flag(query: &HashMap<String, String>, name: &str) -> Option<bool> {
    query.get(name).map(|v| v.eq_ignore_ascii_case("true"))
}

/// `POST /api/v1/authn/factors`: enroll a factor (MFA_ENROLL).
pub async fn enroll(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    headers: HeaderMap,
    JsonBody(body): JsonBody<FactorBody>,
) -> Response {
    let request = body.enroll_request();
    let origin = page_origin(&headers, &urls);
    let enrolled =
        enroll::enroll(&state, body.state_token.as_deref(), request, Some(&origin)).await;
    respond(&urls, enrolled)
}

/// `POST /api/v1/authn/factors/{fid}/lifecycle/activate`.
pub async fn activate(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    Path(fid): Path<String>,
    JsonBody(body): JsonBody<FactorBody>,
) -> Response {
    let request = ActivateRequest {
        registration: body.registration(),
        pass_code: body.pass_code,
    };
    let activated = enroll::activate(&state, body.state_token.as_deref(), &fid, request).await;
    respond(&urls, activated)
}

/// `POST /api/v1/authn/factors/{fid}/lifecycle/activate/poll` (Okta Verify push enrollment).
pub async fn activate_poll(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    Path(fid): Path<String>,
    JsonBody(body): JsonBody<FactorBody>,
) -> Response {
    respond(
        &urls,
        enroll::poll(&state, body.state_token.as_deref(), &fid).await,
    )
}

/// `POST /api/v1/authn/factors/{fid}/lifecycle/activate/{email|sms}`: sends an Okta Verify
/// activation link.
pub async fn activate_send(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    Path((fid, channel)): Path<(String, String)>,
    JsonBody(body): JsonBody<FactorBody>,
) -> Response {
    let phone = body.profile_str("phoneNumber");
    let sent =
        enroll::send_activation_link(&state, body.state_token.as_deref(), &fid, &channel, phone)
            .await;
    respond(&urls, sent)
}

/// `POST /api/v1/authn/factors/{fid}/lifecycle/resend`.
pub async fn activate_resend(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    Path(fid): Path<String>,
    JsonBody(body): JsonBody<FactorBody>,
) -> Response {
    respond(
        &urls,
        enroll::resend(&state, body.state_token.as_deref(), &fid).await,
    )
}

/// `POST /api/v1/authn/factors/{fid}/verify[?rememberDevice=&autoPush=]`: verify or challenge a
/// factor; also the push poll. Remembering the device sets the `DT` cookie.
pub async fn verify(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    Path(fid): Path<String>,
    Query(query): QueryMap,
    headers: HeaderMap,
    JsonBody(body): JsonBody<FactorBody>,
) -> Response {
    let request = VerifyRequest {
        assertion_given: body.assertion_given(),
        assertion: body.assertion(),
        origin: Some(page_origin(&headers, &urls)),
        state_token: body.state_token,
        factor: fid,
        pass_code: body.pass_code,
        answer: body.answer,
        remember_device: flag(&query, "rememberDevice")
            .or(body.remember_device)
            .unwrap_or(false),
        auto_push: flag(&query, "autoPush").or(body.auto_push),
    };
    let verified = match verify::verify(&state, request).await {
        Ok(verified) => verified,
        Err(e) => return e.into_response(),
    };
    let mut response = tx_response(&urls, &verified.view);
    if let Some(device) = verified.device_cookie {
        let cookie = format!(
            "DT={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax",
            device.token.expose(),
            device.max_age_seconds
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// `POST /api/v1/authn/factors/{fid}/verify/resend`: resends the code or the push.
pub async fn verify_resend(
    State(state): State<AppState>,
    RequestUrls(urls): RequestUrls,
    Path(fid): Path<String>,
    JsonBody(body): JsonBody<FactorBody>,
) -> Response {
    respond(
        &urls,
        verify::resend(&state, body.state_token.as_deref(), &fid).await,
    )
}

/// `GET /api/v1/users/{uid}/factors/questions`.
pub async fn questions(
    State(state): State<AppState>,
    Path(uid): Path<String>,
) -> ApiResult<Json<Vec<QuestionItem>>> {
    if state.user(&uid).is_none() {
        return Err(ApiError::not_found("user"));
    }
    Ok(Json(question_list()))
}

/// `GET /api/v1/users/{uid}/factors/{fid}/qr/{token}`: the activation QR code (PNG).
pub async fn qrcode(
    State(state): State<AppState>,
    Path((uid, fid, token)): Path<(String, String, String)>,
) -> ApiResult<Response> {
    let data = enroll::qr_code_data(&state, &uid, &fid, &token)?;
    let png = qr::png(&data).ok_or_else(ApiError::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        png,
    )
        .into_response())
}
