//! How a run ends: [`Outcome`], and the [`Failure`] that ends it with an exit status.

use authn_core::{ApiError, FlowError, RecoveryType, Success};

use crate::describe;
use crate::exit::Exit;

/// A failure that ends the run (or would, if the step isn't retried).
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// The exit status it maps to.
    pub exit: Exit,
    /// One English sentence, no secrets.
    pub message: String,
    /// The server's error, when there was one (boxed: it is large and rare).
    pub error: Option<Box<ApiError>>,
}

impl Failure {
    /// A failure without a server error.
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self {
            exit,
            message: message.into(),
            error: None,
        }
    }
}

impl From<&FlowError> for Failure {
    /// The exit status of the core's recovery class, the worded message, the server's error.
    fn from(error: &FlowError) -> Self {
        Self {
            exit: Exit::from(error.recovery()),
            message: describe::error_text(error),
            error: error.api_error().cloned().map(Box::new),
        }
    }
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// SUCCESS: signed in (session token), account unlocked, password reset, or a step-up done.
    Success(Box<Success>),
    /// Recovery by email started: the user continues from the emailed link.
    EmailSent {
        /// PASSWORD or UNLOCK.
        recovery_type: Option<RecoveryType>,
    },
    /// The run failed.
    Failed(Failure),
    /// The user cancelled (the transaction was cancelled on the server when it had one).
    Cancelled,
}

impl Outcome {
    /// The exit status of this outcome.
    pub fn exit(&self) -> Exit {
        match self {
            Outcome::Success(_) | Outcome::EmailSent { .. } => Exit::Success,
            Outcome::Failed(failure) => failure.exit,
            Outcome::Cancelled => Exit::Cancelled,
        }
    }
}
