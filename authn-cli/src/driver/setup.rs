//! How a run is set up: where it starts ([`Entry`]), its [`Settings`], and the wall [`Clock`].

use std::fmt;

use authn_core::{AuthOptions, Config, RecoveryFactor, RecoveryToken, StateToken};
use time::OffsetDateTime;

/// How the run starts.
#[derive(Clone, PartialEq)]
pub enum Entry {
    /// Primary authentication with username and password.
    Login,
    /// Exchange a recovery token (from an emailed link).
    RecoveryToken(RecoveryToken),
    /// Start a password reset.
    ForgotPassword {
        /// Channel, asked for when `None`.
        channel: Option<RecoveryFactor>,
    },
    /// Start an account unlock.
    Unlock {
        /// Channel, asked for when `None`.
        channel: Option<RecoveryFactor>,
    },
    /// Continue a transaction by its state token.
    Resume(StateToken),
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entry::Login => f.write_str("Login"),
            Entry::RecoveryToken(_) => f.write_str("RecoveryToken([redacted])"),
            Entry::ForgotPassword { channel } => write!(f, "ForgotPassword({channel:?})"),
            Entry::Unlock { channel } => write!(f, "Unlock({channel:?})"),
            Entry::Resume(_) => f.write_str("Resume([redacted])"),
        }
    }
}

/// Settings of one run.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The core's configuration (base URL, poll intervals, request timeout, resend interval).
    pub config: Config,
    /// Options sent with primary authentication and recovery tokens.
    pub options: AuthOptions,
    /// A username known in advance (`--username`).
    pub username: Option<String>,
}

/// The wall clock, injectable for tests. Every input to the core is stamped with it, and the one timer
/// sleeps until the core's deadline by it.
pub type Clock = Box<dyn Fn() -> OffsetDateTime + Send + Sync>;
