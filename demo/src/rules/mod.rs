//! The emulator's decisions as pure functions of the model (time is an input): the next state,
//! transitions, passwords, lockout, one-time codes, credentials, enrollment, verification, pushes,
//! the rate limit, WebAuthn ceremonies and what a sign-in proved.

pub mod codes;
pub mod credentials;
pub mod enroll;
pub mod facts;
pub mod lockout;
pub mod next_step;
pub mod password;
pub mod push;
pub mod rate_limit;
pub mod transition;
pub mod verify;
pub mod webauthn;
