//! One module per view family. Views receive typed state from `authn-core` and emit actions; none of
//! them builds a URL, parses JSON, chooses a link or classifies a result.

mod enroll;
mod password;
mod primary;
mod recovery;
mod status;
mod verify;
mod webauthn;

pub use enroll::{
    ActivateCode, ActivatePush, ActivateTotp, EnrollChoices, EnrollPhone, EnrollQuestion,
    EnrollToken, activate_form, e164, enroll_form, enroll_start, unsupported_reason,
};
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) use password::route_causes;
pub use password::{ChangePassword, PasswordMode, custom_password_expired};
pub use primary::{PrimaryAuthForm, USERNAME_KEY};
pub use recovery::{
    EmailSent, LockedOutView, RecoveryChallengeForm, RecoveryQuestionForm, RecoveryStart,
    account_unlocked,
};
pub use status::{
    error_view, loading_view, poll_wait_view, session_expired, success_view, unknown_state_view,
};
pub use verify::{MfaVerify, PushWait, credential};
pub use webauthn::{KeyStep, WebAuthnView, webauthn_enroll, webauthn_verify};
