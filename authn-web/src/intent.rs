//! The page's hooks on a user action before it reaches the core, as Okta's widget calls them:
//! `transformUsername(username, operation)` rewrites the username of primary auth, forgot password
//! and unlock account; `processCreds(creds)` sees the credentials of primary auth and of a new
//! password before they are sent. Pure (the hooks are called, nothing else); the executor
//! (`hooks::use_sign_in`) holds the action while `processCreds` runs.

use authn_core::{Action, Credentials as AuthCredentials, PrimaryAuth, State};

use crate::config::{Credentials, HookError, TransformUsername, UsernameOperation};

/// `action` with its username rewritten by `hook` (the typed one when there is no hook, when the
/// action carries no username, or when the hook fails: its error is returned to be reported).
pub fn transform_username(
    mut action: Action,
    hook: Option<&TransformUsername>,
) -> (Action, Option<HookError>) {
    let Some(hook) = hook else {
        return (action, None);
    };
    let failure = match username_of(&mut action) {
        Some((operation, username)) => match hook.call(username.as_str(), operation) {
            Ok(transformed) => {
                *username = transformed;
                None
            }
            Err(error) => Some(error),
        },
        None => None,
    };
    (action, failure)
}

/// The username an action sends (to rewrite it in place) and Okta's name for what it does.
fn username_of(action: &mut Action) -> Option<(UsernameOperation, &mut String)> {
    match action {
        Action::Authenticate(PrimaryAuth {
            credentials:
                AuthCredentials::Password { username, .. } | AuthCredentials::Username(username),
            ..
        }) => Some((UsernameOperation::PrimaryAuth, username)),
        Action::ForgotPassword { username, .. } => {
            Some((UsernameOperation::ForgotPassword, username))
        }
        Action::UnlockAccount { username, .. } => {
            Some((UsernameOperation::UnlockAccount, username))
        }
        Action::Authenticate(_)
        | Action::Resume(_)
        | Action::VerifyRecoveryToken { .. }
        | Action::ChangePassword { .. }
        | Action::ResetPassword { .. }
        | Action::AnswerRecoveryQuestion { .. }
        | Action::VerifyRecoveryCode { .. }
        | Action::EnrollFactor(_)
        | Action::ListQuestions
        | Action::ActivateFactor { .. }
        | Action::SendActivationLink { .. }
        | Action::VerifyFactor(_)
        | Action::Poll
        | Action::Resend
        | Action::Previous
        | Action::Skip
        | Action::Cancel
        | Action::FollowRedirect
        | Action::Restart => None,
    }
}

/// What `processCreds` is called with for `typed` (the action as the user made it) in `state`:
/// primary auth's typed username and password; a new password with the user's login (password
/// reset, expired or expiring password). `None`: the hook is not called for this action.
pub fn credentials(typed: &Action, state: &State) -> Option<Credentials> {
    match typed {
        Action::Authenticate(PrimaryAuth {
            credentials: AuthCredentials::Password { username, password },
            ..
        }) => Some(Credentials {
            username: username.clone(),
            password: password.clone(),
        }),
        Action::ResetPassword { new_password, .. }
        | Action::ChangePassword { new_password, .. } => Some(Credentials {
            username: login(state).unwrap_or_default(),
            password: new_password.clone(),
        }),
        Action::Authenticate(_)
        | Action::Resume(_)
        | Action::VerifyRecoveryToken { .. }
        | Action::ForgotPassword { .. }
        | Action::UnlockAccount { .. }
        | Action::AnswerRecoveryQuestion { .. }
        | Action::VerifyRecoveryCode { .. }
        | Action::EnrollFactor(_)
        | Action::ListQuestions
        | Action::ActivateFactor { .. }
        | Action::SendActivationLink { .. }
        | Action::VerifyFactor(_)
        | Action::Poll
        | Action::Resend
        | Action::Previous
        | Action::Skip
        | Action::Cancel
        | Action::FollowRedirect
        | Action::Restart => None,
    }
}

/// The signed-in user's login in the states that set a new password.
fn login(state: &State) -> Option<String> {
    let user = match state {
        State::PasswordReset(reset) => reset.user.as_ref(),
        State::PasswordWarn(change) | State::PasswordExpired(change) => change.user.as_ref(),
        State::Start
        | State::Unauthenticated(_)
        | State::RecoveryChallenge(_)
        | State::Recovery(_)
        | State::LockedOut(_)
        | State::MfaEnroll(_)
        | State::MfaEnrollActivate(_)
        | State::MfaRequired(_)
        | State::MfaChallenge(_)
        | State::Success(_)
        | State::Poll(_)
        | State::Unknown(_) => None,
    };
    user.and_then(|u| u.login.clone())
}
