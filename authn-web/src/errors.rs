//! Turns `authn-core` failures into what a view shows. The core names the meaning of every error
//! ([`FlowError::message`]) and the field its causes belong under ([`FlowError::field`]); this module
//! maps each [`ErrorMessage`] to the catalogue in one place. No error code is matched here or anywhere
//! else in the widget.

use authn_core::{ApiError, ErrorField, ErrorMessage, Failure, FlowError, Recovery};

use crate::messages::Msg;
use crate::services::CeremonyError;

/// An error as shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UiError {
    /// The main sentence (plain text).
    pub message: String,
    /// The core's message key.
    pub key: ErrorMessage,
    /// Field-level reasons from `errorCauses` (plain text).
    pub causes: Vec<String>,
    /// The form field the causes belong under, when the core names one.
    pub field: Option<ErrorField>,
    /// The Okta error code (`E0000…`), when the server sent one: shown as `data-error-code` and
    /// handed to the page (`afterError`), never interpreted.
    pub code: Option<String>,
    /// What the user can do about it.
    pub recovery: Recovery,
    /// The HTTP status, when the server answered ([`FlowError::http_status`]).
    pub status: Option<u16>,
    /// The server's error body, when it sent one (handed to the page: `afterError`'s
    /// `xhr.responseJSON`).
    pub api: Option<ApiError>,
    /// The browser's WebAuthn call failed (not the server): handed to the page as Okta's
    /// `WEB_AUTHN_ERROR`.
    pub ceremony: Option<CeremonyError>,
}

impl UiError {
    /// The user-facing form of `error`.
    pub fn new(error: &FlowError) -> Self {
        Self {
            message: message_text(error),
            key: error.message(),
            causes: error.causes().to_vec(),
            field: error.field(),
            code: error.api_error().map(|e| e.code.as_str().to_owned()),
            recovery: error.recovery(),
            status: error.http_status(),
            api: error.api_error().cloned(),
            ceremony: None,
        }
    }

    /// The page's `processCreds` hook failed: nothing was sent, and the user may try again. The
    /// hook's own message goes to the page's console, never to the user.
    pub fn page_hook_failed() -> Self {
        Self::in_page(Msg::ErrPageHook, None)
    }

    /// A WebAuthn prompt that gave no credential, as shown: `None` for an abort the widget made
    /// itself (the user left the view), which shows nothing.
    pub fn ceremony(error: &CeremonyError) -> Option<Self> {
        let msg = match error {
            CeremonyError::NotAllowed => Msg::WebAuthnNotAllowed,
            CeremonyError::InvalidState => Msg::WebAuthnAlreadyRegistered,
            CeremonyError::Security => Msg::WebAuthnWrongSite,
            CeremonyError::BadOptions | CeremonyError::Other(_) => Msg::WebAuthnFailed,
            CeremonyError::Aborted => return None,
        };
        Some(Self::in_page(msg, Some(error.clone())))
    }

    /// An error in the page rather than on the server: nothing was sent, and the user may try
    /// again. The key is the nearest the core has (the request could not be built from what the
    /// page or the browser gave).
    fn in_page(msg: Msg, ceremony: Option<CeremonyError>) -> Self {
        Self {
            message: msg.text().to_owned(),
            key: ErrorMessage::InvalidInput,
            causes: Vec::new(),
            field: None,
            code: None,
            recovery: Recovery::RetryStep,
            status: None,
            api: None,
            ceremony,
        }
    }

    /// The user-facing form of a failed action or request.
    pub fn from_failure(failure: &Failure) -> Self {
        Self::new(&failure.error)
    }

    /// Whether this error ended the transaction (expired state token or recovery link).
    pub fn is_restart(&self) -> bool {
        self.recovery == Recovery::Restart
    }

    /// The causes that belong under `field` (empty when they belong elsewhere).
    pub fn causes_for(&self, field: ErrorField) -> &[String] {
        if self.field == Some(field) {
            &self.causes
        } else {
            &[]
        }
    }
}

/// The catalogue entry for each message key (the one place that maps them); the server's summary
/// ([`ErrorMessage::ServerSummary`]) has none.
pub fn catalogue_entry(key: ErrorMessage) -> Option<Msg> {
    Some(match key {
        ErrorMessage::AuthFailed => Msg::ErrAuthFailed,
        ErrorMessage::InvalidCode => Msg::ErrInvalidCode,
        ErrorMessage::InvalidAnswer => Msg::ErrInvalidAnswer,
        ErrorMessage::CodeTimeWindow => Msg::ErrCodeTimeWindow,
        ErrorMessage::Locked => Msg::ErrLocked,
        ErrorMessage::LockedAdmin => Msg::ErrLockedAdmin,
        ErrorMessage::InvalidPhone => Msg::ErrInvalidPhone,
        ErrorMessage::SessionExpired => Msg::SessionExpiredTitle,
        ErrorMessage::RecoveryLinkExpired => Msg::RecoveryLinkExpired,
        ErrorMessage::PasswordRejected => Msg::ErrPasswordUpdate,
        ErrorMessage::RateLimited => Msg::ErrRateLimited,
        ErrorMessage::Network => Msg::ErrNetwork,
        ErrorMessage::Protocol => Msg::ErrProtocol,
        ErrorMessage::Server => Msg::ErrServer,
        ErrorMessage::NotAllowed => Msg::ErrNotAllowed,
        ErrorMessage::InvalidInput => Msg::ErrInvalidInput,
        ErrorMessage::ServerSummary => return None,
    })
}

/// The sentence shown for `error`: the catalogue entry of its key, with the wait of a rate limit
/// counted in, or the server's summary (as text) for [`ErrorMessage::ServerSummary`].
pub fn message_text(error: &FlowError) -> String {
    match (error, catalogue_entry(error.message())) {
        (FlowError::RateLimited { retry_after, .. }, _) if retry_after.as_secs() > 0 => {
            Msg::ErrRateLimitedSeconds.count(retry_after.as_secs())
        }
        (_, Some(msg)) => msg.text(),
        (_, None) => error.summary().to_owned(),
    }
}
