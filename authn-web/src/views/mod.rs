//! One component per view. Views receive typed state from `authn-core` and emit actions; none
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
    EnrollUnsupported, e164,
};
pub use frame::Header;
pub use password::{ChangePassword, CustomPasswordExpired, PasswordMode};
pub use primary::{PrimaryAuthForm, RecoveryStart, USERNAME_KEY};
pub use recovery::{
    AccountUnlocked, CodeForm, EmailSent, LockedOutView, RESEND_SECONDS, RecoveryChallengeForm,
    RecoveryQuestionForm, ResendButton,
};
pub use status::{
    ErrorView, LoadingView, PollWaitView, SessionExpired, SuccessView, UnknownStateView,
};
pub use verify::{MfaVerify, PushWait};
