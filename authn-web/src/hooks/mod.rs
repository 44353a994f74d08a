//! Hooks: the UI model with its executor, and the resend countdown.

pub mod use_countdown;
pub mod use_sign_in;

pub use use_countdown::use_countdown;
pub use use_sign_in::{SNAPSHOT_KEY, SignInState, core_config, use_sign_in};
