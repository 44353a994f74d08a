//! The presentation state: what the dialogue remembers between states. The core owns the protocol
//! state; this is only what the terminal shows or reuses.

use authn_core::{FactorKey, Password};

use super::outcome::Failure;

/// What the dialogue remembers between states.
#[derive(Debug, Default)]
pub(crate) struct View {
    /// The username given (`--username`) or typed, reused by later prompts.
    pub(crate) username: Option<String>,
    /// The sign-in password, offered once as the current password of a password change.
    pub(crate) password: Option<Password>,
    /// The remember-device answer, repeated on the verifies that follow.
    pub(crate) remember_device: Option<bool>,
    /// The question factor chosen for enrollment while its question list loads.
    pub(crate) enroll_choice: Option<FactorKey>,
    /// The id of the factor whose activation instructions (QR code, key) were shown.
    pub(crate) activation_shown: Option<String>,
    /// The number challenge of the current push was shown.
    pub(crate) push_number_shown: bool,
    /// The entry action (recovery token, resume, recovery start) was sent.
    pub(crate) entry_used: bool,
    /// The failure a missing scripted answer is blamed on (see the failure policy).
    pub(crate) pending: Option<Failure>,
}

impl View {
    /// The view of a run that knows `username` in advance.
    pub(crate) fn new(username: Option<String>) -> Self {
        Self {
            username,
            ..Self::default()
        }
    }
}
