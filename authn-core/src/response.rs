//! Responses as data: the shell hands them over as bytes, the core parses them into a transaction or a
//! typed error. Nothing here panics, whatever the bytes.

use std::time::{Duration, UNIX_EPOCH};

use serde::Deserialize;
use time::OffsetDateTime;

use crate::error::{ApiError, FlowError};
use crate::wire::{ParseError, Transaction, WireError};

/// A response received by the shell. `Debug` shows the body's length only (it carries tokens).
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// HTTP status.
    pub status: u16,
    /// Headers (looked up case-insensitively).
    pub headers: Vec<(String, String)>,
    /// Body bytes (may be empty, not UTF-8, or not JSON).
    pub body: Vec<u8>,
}

impl std::fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl HttpResponse {
    /// A response with this status, headers and body.
    pub fn new(status: u16, headers: Vec<(String, String)>, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers,
            body: body.into(),
        }
    }

    /// A response with a JSON body and no other headers (handy in tests and examples).
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Self::new(
            status,
            vec![("Content-Type".into(), "application/json".into())],
            body.into().into_bytes(),
        )
    }

    /// Adds a header.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first header with this name, ignoring ASCII case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text, when it is UTF-8.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }

    /// `X-Okta-Request-Id`.
    pub fn request_id(&self) -> Option<String> {
        self.header("X-Okta-Request-Id").map(str::to_owned)
    }

    /// True for 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// How long a 429 asks to wait: `X-Rate-Limit-Reset` − `Date` + 1 s. `None` when either header is
    /// missing, unreadable, or the reset header appears more than once.
    pub fn rate_limit_wait(&self) -> Option<Duration> {
        let mut resets = self
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("X-Rate-Limit-Reset"));
        let reset = resets.next()?;
        if resets.next().is_some() {
            return None;
        }
        let reset: u64 = reset.1.trim().parse().ok()?;
        let date = u64::try_from(self.date()?.unix_timestamp()).ok()?;
        Some(Duration::from_secs(
            reset.saturating_sub(date).saturating_add(1),
        ))
    }

    /// The server's clock from the `Date` header, if readable.
    pub fn date(&self) -> Option<OffsetDateTime> {
        let date = httpdate::parse_http_date(self.header("Date")?.trim()).ok()?;
        let secs = date.duration_since(UNIX_EPOCH).ok()?.as_secs();
        OffsetDateTime::from_unix_timestamp(i64::try_from(secs).ok()?).ok()
    }

    /// The error body of a non-2xx response, as an [`ApiError`], when the body is a JSON object.
    pub fn api_error(&self) -> Option<ApiError> {
        let value: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        if !value.is_object() {
            return None;
        }
        let wire = WireError::deserialize(value).unwrap_or_default();
        Some(ApiError::from_wire(self.status, wire, self.request_id()))
    }
}

/// Parses any response into a transaction (2xx) or the typed error it carries. Never panics.
///
/// * 2xx: the body must be UTF-8 JSON: an object with a string `status`, else [`FlowError::Protocol`].
/// * 429: [`FlowError::RateLimited`] waiting [`HttpResponse::rate_limit_wait`] (1 s if unknown), and at
///   least the code's [`crate::ErrorCode::resend_window`] for "sent too recently" codes.
/// * 5xx: [`FlowError::Server`] (with the error body when there is one).
/// * other: [`FlowError::Api`] when the body is a JSON object, else [`FlowError::Protocol`].
pub fn parse_response(response: &HttpResponse) -> Result<Transaction, FlowError> {
    if !response.is_success() {
        return Err(error_of(response));
    }
    let text = response.text().ok_or_else(|| {
        FlowError::Protocol(format!(
            "HTTP {}: the response body is not UTF-8",
            response.status
        ))
    })?;
    Transaction::parse(text).map_err(|e| protocol(response, &e))
}

fn protocol(response: &HttpResponse, error: &ParseError) -> FlowError {
    FlowError::Protocol(format!("HTTP {}: {error}", response.status))
}

/// The typed error of a non-2xx response (see [`parse_response`]).
pub fn error_of(response: &HttpResponse) -> FlowError {
    let api = response.api_error();
    match response.status {
        429 => {
            let header_wait = response.rate_limit_wait().unwrap_or(Duration::from_secs(1));
            let window = api.as_ref().and_then(|api| api.code.resend_window());
            FlowError::RateLimited {
                retry_after: window.map_or(header_wait, |window| window.max(header_wait)),
                error: api.map(Box::new),
            }
        }
        500..=599 => FlowError::Server(Box::new(api.unwrap_or_else(|| {
            ApiError::from_wire(response.status, WireError::default(), response.request_id())
        }))),
        _ => match api {
            Some(api) => FlowError::Api(Box::new(api)),
            None => FlowError::Protocol(format!(
                "HTTP {}: the error body is not a JSON object",
                response.status
            )),
        },
    }
}
