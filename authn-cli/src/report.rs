//! The result of a run: standard output carries only the result (the session token, or one JSON
//! object with `--json`); standard error gets the explanation.

use std::io::{self, Write};

use authn_core::{RecoveryType, SuccessOutcome};
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;

use crate::driver::Outcome;
use crate::exit::Exit;

/// Prints the outcome (result on stdout, explanation on stderr) and returns the exit status.
pub fn report(outcome: &Outcome, json: bool) -> Exit {
    let exit = outcome.exit();
    let (message, result) = describe_outcome(outcome);
    if let Some(message) = message {
        eprintln!("{message}");
    }
    let printed = if json {
        print_json(&result)
    } else {
        match outcome {
            Outcome::Success(success) => match &success.session_token {
                Some(token) => print_line(token.expose()),
                None => Exit::Success,
            },
            Outcome::EmailSent { .. } | Outcome::Failed(_) | Outcome::Cancelled => Exit::Success,
        }
    };
    if printed == Exit::Internal && exit == Exit::Success {
        Exit::Internal
    } else {
        exit
    }
}

/// The stderr message and the JSON result of an outcome. What a success means is the core's
/// [`authn_core::Success::outcome`].
pub fn describe_outcome(outcome: &Outcome) -> (Option<String>, Value) {
    match outcome {
        Outcome::Success(success) => {
            let message = match (success.outcome(), &success.session_token) {
                (SuccessOutcome::Unlocked, _) => {
                    Some("Your account is unlocked; sign in with `authn login`.".to_owned())
                }
                (SuccessOutcome::SignedIn, None) => Some(
                    "Done, but the server issued no session token; sign in with `authn login`."
                        .to_owned(),
                ),
                // A step-up's redirect was shown when the core asked to navigate.
                (SuccessOutcome::SignedIn, Some(_)) | (SuccessOutcome::StepUp(_), _) => None,
            };
            let user = success
                .user
                .as_ref()
                .map(|u| json!({ "id": u.id, "login": u.login }));
            let result = json!({
                "result": "success",
                "sessionToken": success.session_token.as_ref().map(|t| t.expose()),
                "expiresAt": success.expires_at.and_then(|t| t.format(&Rfc3339).ok()),
                "recoveryType": success.recovery_type.as_ref().map(|r| r.as_str()),
                "user": user,
            });
            (message, result)
        }
        Outcome::EmailSent { recovery_type } => {
            let what = match recovery_type {
                Some(RecoveryType::Unlock) => "unlock your account",
                Some(
                    RecoveryType::Password
                    | RecoveryType::AccountActivation
                    | RecoveryType::Unknown(_),
                )
                | None => "reset your password",
            };
            let message = format!(
                "Check your email and follow the link to {what}. To continue here instead, take the \
                 recovery token from the link and run `authn recover --recovery-token TOKEN` (or \
                 `authn login --recovery-token TOKEN`)."
            );
            let result = json!({
                "result": "email_sent",
                "recoveryType": recovery_type.as_ref().map(|r| r.as_str()),
            });
            (Some(message), result)
        }
        Outcome::Failed(failure) => {
            let error = failure.error.as_ref().map(|e| {
                json!({
                    "errorCode": e.code.as_str(),
                    "summary": e.summary,
                    "causes": e.causes,
                })
            });
            let result = json!({
                "result": "failed",
                "exit": failure.exit.as_str(),
                "exitCode": failure.exit.code(),
                "message": failure.message,
                "error": error,
            });
            (Some(format!("error: {}", failure.message)), result)
        }
        Outcome::Cancelled => (
            Some("Cancelled.".to_owned()),
            json!({
                "result": "cancelled",
                "exit": "cancelled",
                "exitCode": Exit::Cancelled.code(),
            }),
        ),
    }
}

/// Prints `value` as pretty JSON on standard output.
pub fn print_json(value: &Value) -> Exit {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string());
    print_line(&text)
}

/// Writes one line to standard output; `Internal` when that fails (e.g. a closed pipe).
fn print_line(text: &str) -> Exit {
    let mut stdout = io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Ok(()) => Exit::Success,
        Err(_) => Exit::Internal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::driver::Failure;

    #[test]
    fn failures_report_the_exit_class_in_json() {
        let (message, value) = describe_outcome(&Outcome::Failed(Failure::new(
            Exit::AuthFailed,
            "bad credentials",
        )));
        assert_eq!(message.as_deref(), Some("error: bad credentials"));
        assert_eq!(value["exit"], "auth_failed");
        assert_eq!(value["exitCode"], 11);
    }
}
