//! One component (or, for views without state of their own, one function) per view. Views receive typed state from `authn-core` and emit actions; none
//! of them builds a URL or parses JSON.

mod enroll;
mod frame;
mod password;
mod primary;
mod recovery;
mod status;
mod verify;

pub use enroll::{
    EnrollChoices, EnrollEmail, EnrollPhone, EnrollPush, EnrollQuestion, EnrollToken, EnrollTotp,
    e164, enroll_unsupported,
};
pub use frame::header;
pub use password::{ChangePassword, PasswordMode, custom_password_expired};
pub use primary::{PrimaryAuthForm, RecoveryStart, USERNAME_KEY};
pub use recovery::{
    CodeForm, LockedOutView, RESEND_SECONDS, RecoveryChallengeForm, RecoveryQuestionForm,
    ResendButton, account_unlocked, email_sent,
};
pub use status::{
    error_view, loading_view, poll_wait_view, session_expired, success_view, unknown_state_view,
};
pub use verify::{MfaVerify, PushWait};
