//! authn-core integration tests: one binary, one module per behaviour.

mod common;

mod contract;

mod action_matrix;
mod error_codes;
mod expiry;
mod factor_types;
mod fixtures_index;
mod links_table;
mod password_policy;
mod polling;
mod proptest_flow;
mod rate_limit;
mod requests;
mod scenario_enroll_totp;
mod scenario_forgot_password_sms;
mod scenario_password_expired;
mod scenario_push_rejected_retry;
mod scenario_rate_limit_backoff;
mod scenario_recovery_question;
mod scenario_restart_e0000011;
mod scenario_sms_resend;
mod scenario_unlock;
mod secrets_redacted;
mod snapshot_resume;
mod states_from_fixtures;
mod step_up_context;
mod webauthn;
mod wire_parsing;
