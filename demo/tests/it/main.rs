//! The emulator's integration tests: one test binary, one module per behaviour (as cargo's own
//! repository lays out its test suite), so `cargo test -p demo` links one executable.

mod common;

mod bad_input;
mod binary;
mod cors;
mod custom_scenario;
mod emulator_api;
mod enrollment;
mod lockout;
mod mfa_push;
mod mfa_question_hardware;
mod mfa_sms_call_email;
mod mfa_totp;
mod password_expiry;
mod primary_auth;
mod rate_limit;
mod recovery_email;
mod recovery_sms_call;
mod remember_device;
mod sessions;
mod static_site;
mod step_up;
mod token_lifetimes;
mod webauthn;
