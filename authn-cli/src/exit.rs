//! Exit codes: one per recovery class of the core, plus usage, cancel and "needs another client".
//! The numbers are part of the CLI's interface (documented in the README).

use std::fmt;

use authn_core::Recovery;

/// How a run of `authn` ended. `code()` is the process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Exit {
    /// Signed in (or the requested recovery step is done).
    Success,
    /// Unexpected local failure (writing the result failed).
    Internal,
    /// Bad arguments, bad answers, a prompt without an answer, or malformed `inspect` input.
    Usage,
    /// `retry_step`: wrong code, answer or new password; the same step can be retried.
    RetryStep,
    /// `auth_failed`: sign-in failed (bad credentials or policy).
    AuthFailed,
    /// `restart`: the transaction is gone (expired or revoked state token); start again.
    Restart,
    /// `refresh`: the client's view was stale (operation not allowed now); re-read the state.
    Refresh,
    /// `locked`: the account is locked.
    Locked,
    /// `rate_limited`: too many requests; wait and retry.
    RateLimited,
    /// `server`: the server failed (5xx).
    Server,
    /// `network`: the server could not be reached.
    Network,
    /// `protocol`: the response made no sense to the client (unknown state, malformed body).
    Protocol,
    /// The flow needs something a terminal can't do (WebAuthn, U2F, Duo, an externally managed password).
    Unsupported,
    /// Cancelled by the user (Ctrl-C, Escape or a `cancel` answer); the transaction was cancelled.
    Cancelled,
}

impl Exit {
    /// Every exit, in documentation order.
    pub const ALL: [Exit; 14] = [
        Exit::Success,
        Exit::Internal,
        Exit::Usage,
        Exit::RetryStep,
        Exit::AuthFailed,
        Exit::Restart,
        Exit::Refresh,
        Exit::Locked,
        Exit::RateLimited,
        Exit::Server,
        Exit::Network,
        Exit::Protocol,
        Exit::Unsupported,
        Exit::Cancelled,
    ];

    /// The process exit status.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Internal => 1,
            Exit::Usage => 2,
            Exit::RetryStep => 10,
            Exit::AuthFailed => 11,
            Exit::Restart => 12,
            Exit::Refresh => 13,
            Exit::Locked => 14,
            Exit::RateLimited => 15,
            Exit::Server => 16,
            Exit::Network => 17,
            Exit::Protocol => 18,
            Exit::Unsupported => 20,
            Exit::Cancelled => 130,
        }
    }

    /// A short snake_case name (the core's recovery class name where there is one), used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Exit::Success => "success",
            Exit::Internal => "internal",
            Exit::Usage => "usage",
            Exit::RetryStep => "retry_step",
            Exit::AuthFailed => "auth_failed",
            Exit::Restart => "restart",
            Exit::Refresh => "refresh",
            Exit::Locked => "locked",
            Exit::RateLimited => "rate_limited",
            Exit::Server => "server",
            Exit::Network => "network",
            Exit::Protocol => "protocol",
            Exit::Unsupported => "unsupported",
            Exit::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for Exit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Recovery> for Exit {
    fn from(recovery: Recovery) -> Self {
        match recovery {
            Recovery::RetryStep => Exit::RetryStep,
            Recovery::AuthFailed => Exit::AuthFailed,
            Recovery::Restart => Exit::Restart,
            Recovery::Refresh => Exit::Refresh,
            Recovery::Locked => Exit::Locked,
            Recovery::RateLimited => Exit::RateLimited,
            Recovery::Server => Exit::Server,
            Recovery::Network => Exit::Network,
            Recovery::Protocol => Exit::Protocol,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_distinct() {
        let codes: HashSet<u8> = Exit::ALL.iter().map(|e| e.code()).collect();
        let names: HashSet<&str> = Exit::ALL.iter().map(|e| e.as_str()).collect();
        assert_eq!(codes.len(), Exit::ALL.len());
        assert_eq!(names.len(), Exit::ALL.len());
        assert_eq!(Exit::Usage.code(), 2);
    }

    #[test]
    fn every_recovery_class_has_its_own_exit_named_after_it() {
        let exits: HashSet<Exit> = Recovery::ALL.iter().map(|r| Exit::from(*r)).collect();
        assert_eq!(exits.len(), Recovery::ALL.len());
        for recovery in Recovery::ALL {
            assert_eq!(Exit::from(recovery).as_str(), recovery.as_str());
            assert!(![0, 1, 2, 130].contains(&Exit::from(recovery).code()));
        }
    }
}
