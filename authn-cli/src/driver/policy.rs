//! The failure policy: what the run does after each failure the core reports, and after a prompt that
//! got no answer.
//!
//! A failure of a step the user answered (`prompted`) that the user can fix in place (`retry_step`,
//! `auth_failed`, `restart`) is shown and the step is asked again; `refresh` (E0000079) re-reads the
//! state first. Scripted runs then need another answer; when there is none the run ends with the exit
//! status of that failure, so scripts see *why* they stopped. Every other failure ends the run with the
//! exit status of its [`Recovery`] class.

use authn_core::{ActionKind, Recovery};

use super::outcome::Failure;
use crate::exit::Exit;
use crate::prompt::PromptError;

/// What to do after a failure.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verdict {
    /// Ask the same step again; a missing answer then ends the run with this failure.
    Retry(Failure),
    /// Re-read the state (get-state), then ask again.
    Refresh(Failure),
    /// End the run.
    Exit(Failure),
}

/// The last action the run fed to the core, and whether the user supplied it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attempt {
    /// What was attempted.
    pub(crate) action: ActionKind,
    /// The user answered a prompt for it (not an entry, a refresh or the core's own poll).
    pub(crate) prompted: bool,
}

/// The verdict on a `failure` the core reported while `last` was the run's latest attempt.
pub(crate) fn judge(failure: &authn_core::Failure, last: Option<Attempt>) -> Verdict {
    let prompted = last.is_some_and(|last| last.prompted && failure.action == Some(last.action));
    let shown = Failure::from(&failure.error);
    match failure.recovery() {
        Recovery::RetryStep | Recovery::AuthFailed | Recovery::Restart if prompted => {
            Verdict::Retry(shown)
        }
        Recovery::Refresh if prompted => Verdict::Refresh(shown),
        Recovery::RetryStep
        | Recovery::AuthFailed
        | Recovery::Restart
        | Recovery::Refresh
        | Recovery::Locked
        | Recovery::RateLimited
        | Recovery::Server
        | Recovery::Network
        | Recovery::Protocol => Verdict::Exit(shown),
    }
}

/// The failure that ends a run whose prompt failed: a missing answer is blamed on the failure that made
/// the run ask again (`pending`), else it is a usage error.
pub(crate) fn unanswered(error: PromptError, pending: Option<Failure>) -> Failure {
    match error {
        PromptError::NoAnswer(key) => match pending {
            Some(pending) => Failure {
                message: format!("{} (no further answer for `{key}`)", pending.message),
                ..pending
            },
            None => Failure::new(Exit::Usage, PromptError::NoAnswer(key).to_string()),
        },
        PromptError::Invalid { .. } => Failure::new(Exit::Usage, error.to_string()),
        PromptError::Io(_) => Failure::new(Exit::Internal, error.to_string()),
        PromptError::Interrupted => Failure::new(Exit::Cancelled, "interrupted"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Key;
    use authn_core::{FlowError, HttpResponse, error_of};

    fn failure(action: Option<ActionKind>, status: u16, code: &str) -> authn_core::Failure {
        let body = format!(r#"{{"errorCode":"{code}","errorSummary":"x"}}"#);
        authn_core::Failure {
            action,
            error: error_of(&HttpResponse::json(status, body)),
        }
    }

    const VERIFY: Attempt = Attempt {
        action: ActionKind::VerifyFactor,
        prompted: true,
    };

    #[test]
    fn fixable_failures_of_answered_steps_are_asked_again() {
        let bad_code = failure(Some(ActionKind::VerifyFactor), 403, "E0000068");
        assert!(
            matches!(judge(&bad_code, Some(VERIFY)), Verdict::Retry(f) if f.exit == Exit::RetryStep)
        );
        let stale = failure(Some(ActionKind::VerifyFactor), 403, "E0000079");
        assert!(
            matches!(judge(&stale, Some(VERIFY)), Verdict::Refresh(f) if f.exit == Exit::Refresh)
        );
        let expired = failure(Some(ActionKind::VerifyFactor), 401, "E0000011");
        assert!(
            matches!(judge(&expired, Some(VERIFY)), Verdict::Retry(f) if f.exit == Exit::Restart)
        );
    }

    #[test]
    fn other_failures_end_the_run_with_their_class() {
        let entry = Attempt {
            action: ActionKind::VerifyRecoveryToken,
            prompted: false,
        };
        let used = failure(Some(ActionKind::VerifyRecoveryToken), 401, "E0000011");
        assert!(matches!(judge(&used, Some(entry)), Verdict::Exit(f) if f.exit == Exit::Restart));
        let locked = failure(Some(ActionKind::VerifyFactor), 403, "E0000069");
        assert!(matches!(judge(&locked, Some(VERIFY)), Verdict::Exit(f) if f.exit == Exit::Locked));
        // A poll the core started is nothing the user answered, even right after a verify.
        let poll = authn_core::Failure {
            action: Some(ActionKind::Poll),
            error: FlowError::Network("reset".into()),
        };
        assert!(matches!(judge(&poll, Some(VERIFY)), Verdict::Exit(f) if f.exit == Exit::Network));
    }

    #[test]
    fn a_missing_answer_is_blamed_on_the_pending_failure() {
        let pending = Failure::new(Exit::AuthFailed, "bad credentials");
        let failure = unanswered(PromptError::NoAnswer(Key::Password), Some(pending));
        assert_eq!(failure.exit, Exit::AuthFailed);
        assert!(
            failure
                .message
                .ends_with("(no further answer for `password`)")
        );
        let failure = unanswered(PromptError::NoAnswer(Key::Password), None);
        assert_eq!(failure.exit, Exit::Usage);
    }
}
