//! Cross-cutting HTTP behaviour: `X-Okta-Request-Id` and `Date` on every response, CORS for trusted
//! origins exactly as Okta does it, and no caching of API responses.

use std::time::SystemTime;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::secrets;
use crate::store::AppState;

/// Request headers a trusted origin may send.
pub const ALLOWED_HEADERS: &str = "Accept, Accept-Language, Content-Type, Authorization, X-Okta-User-Agent-Extended, X-Device-Fingerprint, X-Requested-With, X-Okta-XsrfToken";
/// Response headers exposed to a trusted origin.
pub const EXPOSED_HEADERS: &str =
    "X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Reset, X-Okta-Request-Id, Date";
/// Allowed methods.
pub const ALLOWED_METHODS: &str = "GET, POST, PUT, DELETE, OPTIONS";

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn set(response: &mut Response, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, v);
    }
}

/// The middleware.
pub async fn common(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let trusted = origin.filter(|o| state.is_trusted_origin(o));
    let preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let is_api = req.uri().path().starts_with("/api/");
    let mut response = if preflight {
        if trusted.is_some() {
            let mut r = StatusCode::NO_CONTENT.into_response();
            set(&mut r, "access-control-allow-methods", ALLOWED_METHODS);
            set(&mut r, "access-control-allow-headers", ALLOWED_HEADERS);
            set(&mut r, "access-control-max-age", "600");
            r
        } else {
            StatusCode::FORBIDDEN.into_response()
        }
    } else {
        next.run(req).await
    };
    if let Some(origin) = &trusted {
        set(&mut response, "access-control-allow-origin", origin);
        set(&mut response, "access-control-allow-credentials", "true");
        if !preflight {
            set(
                &mut response,
                "access-control-expose-headers",
                EXPOSED_HEADERS,
            );
        }
    }
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("Origin"));
    set(
        &mut response,
        "x-okta-request-id",
        &secrets::random_token("", 27),
    );
    let now: SystemTime = state.now().into();
    set(&mut response, "date", &httpdate::fmt_http_date(now));
    if is_api && !response.headers().contains_key(header::CACHE_CONTROL) {
        set(&mut response, "cache-control", "no-cache, no-store");
        set(&mut response, "pragma", "no-cache");
    }
    response
}
