//! The objects handed to the page, in Okta's classic shapes (`dist/esm/src/v1/util/RouterUtil.js`
//! of `@okta/okta-signin-widget` 7.49): the success data and the `afterError` error.

use std::rc::Rc;

use authn_core::{ApiError, Success, SuccessKind};
use wasm_bindgen::prelude::*;

use crate::config::safe_url;
use crate::errors::UiError;
use crate::services::Page;

/// `encodeURIComponent`: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )` percent-encoded (UTF-8).
pub fn encode_uri_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Where Okta's `session.setCookieAndRedirect(redirectUri)` sends the browser: the org sets its
/// session cookie from the one-time `token`, then redirects to `redirect_uri`.
pub fn session_cookie_redirect_url(base_url: &str, token: &str, redirect_uri: &str) -> String {
    format!(
        "{}/login/sessionCookieRedirect?checkAccountSetupComplete=true&token={}&redirectUrl={}",
        base_url.trim_end_matches('/'),
        encode_uri_component(token),
        encode_uri_component(redirect_uri)
    )
}

/// Okta's `ConfigError`: an `Error` named `CONFIG_ERROR`.
pub(super) fn config_error(message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("CONFIG_ERROR");
    error.into()
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

/// `{ key: value }` for the values that are set.
fn object_of(fields: &[(&str, Option<&str>)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        if let Some(value) = value {
            set(&object, key, &JsValue::from_str(value));
        }
    }
    object
}

/// What a success needs besides the core's data.
pub(super) struct SuccessContext {
    /// `baseUrl`.
    pub(super) base_url: String,
    /// `redirectUri`.
    pub(super) redirect_uri: Option<String>,
    /// Navigation (the browser, or a fake in tests).
    pub(super) page: Rc<dyn Page>,
}

/// A JS function that sends the browser to `url` (a server link, so checked first).
fn redirect_function(page: Rc<dyn Page>, url: String) -> JsValue {
    Closure::<dyn Fn() -> Result<(), JsValue>>::new(move || match safe_url(&url) {
        Some(url) => {
            page.navigate(url);
            Ok(())
        }
        None => Err(js_sys::Error::new("OktaSignIn: unsafe redirect URL").into()),
    })
    .into_js_value()
}

/// `session.setCookieAndRedirect(redirectUri?)`.
fn set_cookie_and_redirect(context: &SuccessContext, token: String) -> JsValue {
    let base_url = context.base_url.clone();
    let configured = context.redirect_uri.clone();
    let page = context.page.clone();
    Closure::<dyn Fn(JsValue) -> Result<(), JsValue>>::new(move |argument: JsValue| {
        let redirect_uri = argument
            .as_string()
            .filter(|uri| !uri.is_empty())
            .or_else(|| configured.clone())
            .ok_or_else(|| config_error("\"redirectUri\" is required"))?;
        page.navigate(&session_cookie_redirect_url(
            &base_url,
            &token,
            &redirect_uri,
        ));
        Ok(())
    })
    .into_js_value()
}

/// Okta's `SUCCESS` data: `{ status, type, user, relayState?, session?: { token,
/// setCookieAndRedirect }, next?, stepUp?: { url, finish } }`.
pub(super) fn success_data(success: &Success, context: &SuccessContext) -> JsValue {
    let res = js_sys::Object::new();
    set(&res, "status", &"SUCCESS".into());
    // Okta passes `_embedded.user`: `id` and `profile`.
    if let Some(user) = &success.user {
        let profile = object_of(&[
            ("login", user.login.as_deref()),
            ("firstName", user.first_name.as_deref()),
            ("lastName", user.last_name.as_deref()),
            ("locale", user.locale.as_deref()),
            ("timeZone", user.time_zone.as_deref()),
        ]);
        let js_user = object_of(&[("id", user.id.as_deref())]);
        set(&js_user, "profile", &profile);
        set(&res, "user", &js_user);
    }
    if let Some(relay_state) = &success.relay_state {
        set(&res, "relayState", &relay_state.as_str().into());
    }
    let kind = success.kind.as_str();
    let redirect = success.redirect.as_ref().map(|h| h.as_str().to_owned());
    let step_up = success.kind == SuccessKind::SessionStepUp;
    if step_up {
        let step_up = js_sys::Object::new();
        let url = redirect.clone().unwrap_or_default();
        set(&step_up, "url", &url.as_str().into());
        set(
            &step_up,
            "finish",
            &redirect_function(context.page.clone(), url),
        );
        set(&res, "stepUp", &step_up);
    } else if let Some(next) = &redirect {
        set(
            &res,
            "next",
            &redirect_function(context.page.clone(), next.clone()),
        );
    }
    // Okta: without a link to follow, the type is SESSION_SSO.
    let kind = if step_up || redirect.is_some() {
        kind
    } else {
        "SESSION_SSO"
    };
    set(&res, "type", &kind.into());
    if !step_up && let Some(token) = &success.session_token {
        let session = js_sys::Object::new();
        set(&session, "token", &token.expose().into());
        set(
            &session,
            "setCookieAndRedirect",
            &set_cookie_and_redirect(context, token.expose().to_owned()),
        );
        set(&res, "session", &session);
    }
    res.into()
}

/// `{ status: 'FORGOT_PASSWORD_EMAIL_SENT' | 'UNLOCK_ACCOUNT_EMAIL_SENT', username }`.
pub(super) fn email_sent_data(status: &str, username: Option<&str>) -> JsValue {
    let res = js_sys::Object::new();
    set(&res, "status", &status.into());
    set(
        &res,
        "username",
        &username.map_or(JsValue::UNDEFINED, JsValue::from_str),
    );
    res.into()
}

/// The `afterError` error: Okta's `{ name, message, statusCode, xhr: { status, responseText,
/// responseJSON } }` (okta-auth-js `AuthApiError` when the server answered, Okta's
/// `WEB_AUTHN_ERROR` when the browser's WebAuthn prompt failed, else `AuthSdkError`), plus
/// `errorCode`, `errorSummary` and `errorCauses` at the top as okta-auth-js has them. `responseJSON`
/// is the server's error body as the core read it (`errorCode`, `errorSummary`, `errorLink`,
/// `errorId`, `errorCauses`).
pub(super) fn error_data(error: &UiError) -> JsValue {
    let object = js_sys::Object::new();
    let api = error.api.as_ref();
    let summary = api
        .map(|api| api.summary.clone())
        .filter(|summary| !summary.is_empty())
        .unwrap_or_else(|| error.message.clone());
    let name = match (&error.ceremony, error.status) {
        (Some(_), _) => "WEB_AUTHN_ERROR",
        (None, Some(_)) => "AuthApiError",
        (None, None) => "AuthSdkError",
    };
    set(&object, "name", &name.into());
    if error.ceremony.is_some() {
        // Okta's `WebAuthnError`: `xhr.responseJSON.errorSummary` is the message.
        let xhr = js_sys::Object::new();
        set(
            &xhr,
            "responseJSON",
            &object_of(&[("errorSummary", Some(&summary))]),
        );
        set(&object, "xhr", &xhr);
    }
    set(&object, "message", &summary.as_str().into());
    set(&object, "errorSummary", &summary.as_str().into());
    if let Some(code) = &error.code {
        set(&object, "errorCode", &code.as_str().into());
    }
    set(&object, "errorCauses", &causes_array(&error.causes));
    if let Some(status) = error.status {
        set(&object, "statusCode", &status.into());
        let xhr = js_sys::Object::new();
        set(&xhr, "status", &status.into());
        let body = api.map(response_json);
        let text = body
            .as_ref()
            .and_then(|body| js_sys::JSON::stringify(body).ok())
            .map(String::from)
            .unwrap_or_default();
        set(&xhr, "responseText", &text.into());
        if let Some(body) = &body {
            set(&xhr, "responseJSON", body);
        }
        set(&object, "xhr", &xhr);
    }
    object.into()
}

/// `[{ errorSummary }]`.
fn causes_array(causes: &[String]) -> js_sys::Array {
    causes
        .iter()
        .map(|cause| JsValue::from(object_of(&[("errorSummary", Some(cause))])))
        .collect()
}

/// Okta's error body, from what the core read of it.
fn response_json(api: &ApiError) -> JsValue {
    let code = api.code.as_str();
    let code = (!code.is_empty()).then_some(code);
    let body = object_of(&[
        ("errorCode", code),
        ("errorSummary", Some(api.summary.as_str())),
        ("errorLink", code),
        ("errorId", api.error_id.as_deref()),
    ]);
    set(&body, "errorCauses", &causes_array(&api.causes));
    body.into()
}
