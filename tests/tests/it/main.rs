//! Cross-crate tests: native flows through authn-core against the emulator, one module per behaviour.

mod activation;
mod error_codes;
mod lockout;
mod mfa_codes;
mod mfa_enroll;
mod mfa_push;
mod mfa_question_hardware;
mod mfa_totp;
mod password_change;
mod password_recovery;
mod poll_backoff;
mod primary_auth;
mod rate_limit;
mod remember_device;
mod secret_redaction;
mod shells_agree;
mod step_up;
mod token_expiry;
mod webauthn;
