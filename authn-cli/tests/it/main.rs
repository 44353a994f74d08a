//! The `authn` binary end to end, one module per behaviour: against the emulator (in-process, port 0),
//! a canned local server (for what the emulator does not serve), and the core's fixtures (`inspect`).

mod common;

mod cancel_on_interrupt;
mod enroll_push;
mod enroll_token;
mod enroll_totp;
mod exit_codes;
mod forgot_password_sms;
mod inspect_actions;
mod inspect_fixtures;
mod inspect_malformed;
mod login_bad_password;
mod login_password;
mod login_password_expired;
mod login_password_warn;
mod login_push;
mod login_sms;
mod login_totp;
mod recover_email_link;
mod resume_state_token;
mod unlock_sms;
mod webauthn_only;
