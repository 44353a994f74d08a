//! Turns `authn-core` errors into what a view shows: one message from the catalogue (or the
//! server's summary, as text) plus the server's `errorCauses`.

use authn_core::{FlowError, Recovery};

use crate::messages::{Msg, fill};

/// An error as shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UiError {
    /// The main sentence (plain text).
    pub message: String,
    /// Field-level reasons from `errorCauses` (plain text; shown under the fields they concern).
    pub causes: Vec<String>,
    /// The Okta error code (`E0000011`...), when the server sent one.
    pub code: Option<String>,
    /// What the user can do about it.
    pub recovery: Recovery,
}

impl UiError {
    /// The user-facing form of `error`.
    pub fn from_flow(error: &FlowError) -> Self {
        let api = error.api_error();
        let code = api.map(|e| e.code.as_str().to_owned());
        let causes = api.map(|e| e.causes.clone()).unwrap_or_default();
        let summary = api.map(|e| e.summary.as_str()).unwrap_or("");
        let message = match error {
            FlowError::RateLimited { retry_after, .. } if retry_after.as_secs() > 0 => fill(
                Msg::ErrRateLimitedSeconds,
                &[&retry_after.as_secs().to_string()],
            ),
            FlowError::RateLimited { .. } => Msg::ErrRateLimited.text().to_owned(),
            FlowError::Network(_) => Msg::ErrNetwork.text().to_owned(),
            FlowError::Protocol(_) => Msg::ErrProtocol.text().to_owned(),
            FlowError::Server(_) => Msg::ErrServer.text().to_owned(),
            FlowError::Expired => Msg::SessionExpiredTitle.text().to_owned(),
            FlowError::NotAllowed { .. } => Msg::ErrNotAllowed.text().to_owned(),
            FlowError::Api(_) => api_message(code.as_deref().unwrap_or(""), summary),
            // FlowError is non-exhaustive (a foreign error enum): new variants show their own
            // short, secret-free sentence.
            other => other.to_string(),
        };
        Self {
            message,
            causes,
            code,
            recovery: error.recovery(),
        }
    }

    /// Whether this error ended the transaction (expired state token or recovery link).
    pub fn is_restart(&self) -> bool {
        self.recovery == Recovery::Restart
    }

    /// Whether the server rejected a password rule (shown under the new-password field).
    pub fn is_password_rule(&self) -> bool {
        matches!(self.code.as_deref(), Some("E0000014" | "E0000080"))
    }
}

/// Our own sentence for the codes whose meaning is stable, else the server's summary as text.
fn api_message(code: &str, summary: &str) -> String {
    let msg = match code {
        "E0000004" => Msg::ErrAuthFailed,
        "E0000068" => Msg::ErrInvalidCode,
        "E0000087" => Msg::ErrInvalidAnswer,
        "E0000082" | "E0000083" => Msg::ErrCodeTimeWindow,
        "E0000069" => Msg::ErrLocked,
        "E0000119" => Msg::ErrLockedAdmin,
        "E0000098" => Msg::ErrInvalidPhone,
        "E0000011" => Msg::SessionExpiredTitle,
        "E0000105" => Msg::RecoveryLinkExpired,
        "E0000014" | "E0000080" if summary.is_empty() => Msg::ErrPasswordUpdate,
        _ if summary.is_empty() => Msg::ErrServer,
        _ => return summary.to_owned(),
    };
    msg.text().to_owned()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use authn_core::{ApiError, ErrorCode};

    use super::*;

    fn api(status: u16, code: &str, summary: &str, causes: &[&str]) -> Box<ApiError> {
        Box::new(ApiError {
            status,
            code: ErrorCode::parse(code),
            summary: summary.into(),
            causes: causes.iter().map(|c| (*c).to_owned()).collect(),
            error_id: None,
            request_id: None,
        })
    }

    #[test]
    fn stable_codes_use_the_catalogue_others_the_summary_as_text() {
        let e = UiError::from_flow(&FlowError::Api(api(
            401,
            "E0000004",
            "Authentication failed",
            &[],
        )));
        assert_eq!(e.message, Msg::ErrAuthFailed.text());
        assert_eq!(e.code.as_deref(), Some("E0000004"));
        let e = UiError::from_flow(&FlowError::Api(api(
            403,
            "E0000006",
            "<b>No</b> permission",
            &[],
        )));
        assert_eq!(e.message, "<b>No</b> permission");
        let e = UiError::from_flow(&FlowError::Api(api(403, "E0009999", "", &[])));
        assert_eq!(e.message, Msg::ErrServer.text());
    }

    #[test]
    fn password_rules_keep_their_causes() {
        let e = UiError::from_flow(&FlowError::Api(api(
            403,
            "E0000080",
            "Password requirements were not met",
            &["Password requirements: at least 8 characters"],
        )));
        assert!(e.is_password_rule());
        assert_eq!(e.causes.len(), 1);
    }

    #[test]
    fn restart_rate_limit_and_network() {
        let e = UiError::from_flow(&FlowError::Api(api(401, "E0000011", "Invalid token", &[])));
        assert!(e.is_restart());
        let e = UiError::from_flow(&FlowError::Expired);
        assert!(e.is_restart());
        let e = UiError::from_flow(&FlowError::RateLimited {
            retry_after: Duration::from_secs(9),
            error: None,
        });
        assert_eq!(e.message, fill(Msg::ErrRateLimitedSeconds, &["9"]));
        let e = UiError::from_flow(&FlowError::Network("reset".into()));
        assert_eq!(e.message, Msg::ErrNetwork.text());
        assert_eq!(e.recovery, Recovery::Network);
    }
}
