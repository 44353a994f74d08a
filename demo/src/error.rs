//! Okta-shaped API errors: `{errorCode, errorSummary, errorLink, errorId, errorCauses}`.

use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::secrets;

/// An error response.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// `errorCode`.
    pub code: &'static str,
    /// `errorSummary`.
    pub summary: String,
    /// `errorCauses[].errorSummary`.
    pub causes: Vec<String>,
    /// Extra headers (rate-limit headers).
    pub headers: Vec<(&'static str, String)>,
}

impl ApiError {
    /// A new error.
    pub fn new(status: StatusCode, code: &'static str, summary: impl Into<String>) -> Self {
        Self {
            status,
            code,
            summary: summary.into(),
            causes: Vec::new(),
            headers: Vec::new(),
        }
    }

    /// Adds causes.
    pub fn with_causes(mut self, causes: Vec<String>) -> Self {
        self.causes = causes;
        self
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    /// E0000001 API validation failed.
    pub fn validation(cause: impl Into<String>) -> Self {
        let cause = cause.into();
        Self::new(
            StatusCode::BAD_REQUEST,
            "E0000001",
            format!("Api validation failed: {cause}"),
        )
        .with_causes(vec![cause])
    }
    /// E0000001 (403) a redirect to an origin that is not trusted.
    pub fn untrusted_redirect() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "E0000001",
            "Api validation failed: redirectUrl is not a trusted origin",
        )
    }
    /// E0000009 internal error.
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "E0000009",
            "Internal Server Error",
        )
    }
    /// E0000003 malformed body.
    pub fn malformed() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "E0000003",
            "The request body was not well-formed.",
        )
    }
    /// 413 body too large.
    pub fn too_large() -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "E0000003",
            "The request body was too large.",
        )
    }
    /// E0000004 authentication failed.
    pub fn auth_failed() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "E0000004",
            "Authentication failed",
        )
    }
    /// E0000007 not found.
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "E0000007",
            format!("Not found: Resource not found: {what}"),
        )
    }
    /// E0000011 invalid token.
    pub fn invalid_token() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "E0000011",
            "Invalid token provided",
        )
    }
    /// E0000014 update of credentials failed.
    pub fn credentials(causes: Vec<String>) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "E0000014",
            "Update of credentials failed",
        )
        .with_causes(causes)
    }
    /// E0000047 rate limit.
    pub fn rate_limited() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "E0000047",
            "API call exceeded rate limit due to too many requests.",
        )
    }
    /// E0000068 invalid passcode/answer.
    pub fn invalid_passcode() -> Self {
        Self::new(StatusCode::FORBIDDEN, "E0000068", "Invalid Passcode/Answer").with_causes(vec![
            "Your passcode doesn't match our records. Please try again.".into(),
        ])
    }
    /// E0000069 user locked.
    pub fn user_locked() -> Self {
        Self::new(StatusCode::FORBIDDEN, "E0000069", "User Locked")
    }
    /// E0000079 operation not allowed in this state.
    pub fn wrong_state() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "E0000079",
            "This operation is not allowed in the current authentication state.",
        )
    }
    /// E0000080 password complexity.
    pub fn complexity(causes: Vec<String>) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "E0000080",
            "The password does not meet the complexity requirements of the current password policy.",
        )
        .with_causes(causes)
    }
    /// E0000082 TOTP code replayed.
    pub fn replayed() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "E0000082",
            "Each code can only be used once. Please wait for a new code and try again.",
        )
    }
    /// E0000087 wrong recovery answer.
    pub fn wrong_answer() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "E0000087",
            "The recovery question answer did not match our records.",
        )
    }
    /// E0000098 invalid phone number.
    pub fn invalid_phone() -> Self {
        Self::new(StatusCode::BAD_REQUEST, "E0000098", "Invalid Phone Number.")
            .with_causes(vec!["Invalid Phone Number.".into()])
    }
    /// E0000105 recovery link used or expired.
    pub fn recovery_link_used() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "E0000105",
            "You have accessed an account recovery link that has expired or been previously used.",
        )
    }
    /// Resend throttles: E0000109 (sms), E0000133 (call), E0000118 (email).
    pub fn resend_too_soon(code: &'static str, what: &str, seconds: i64) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            code,
            format!("{what} was recently sent. Please wait {seconds} seconds before trying again."),
        )
    }
}

/// The error body on the wire.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody<'a> {
    error_code: &'static str,
    error_summary: &'a str,
    error_link: &'static str,
    error_id: String,
    error_causes: Vec<ErrorCause<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorCause<'a> {
    error_summary: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error_code: self.code,
            error_summary: &self.summary,
            error_link: self.code,
            error_id: secrets::random_token("oae", 22),
            error_causes: self
                .causes
                .iter()
                .map(|c| ErrorCause { error_summary: c })
                .collect(),
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                response
                    .headers_mut()
                    .insert(HeaderName::from_static(name), v);
            }
        }
        response
    }
}

/// Result alias for handlers.
pub type ApiResult<T> = Result<T, ApiError>;
