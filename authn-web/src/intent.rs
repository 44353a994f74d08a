//! What a user action carries for the page's hooks and the model, in one exhaustive match
//! ([`carries`]), and the hooks as Okta's widget calls them: `transformUsername(username, operation)`
//! rewrites the username of primary auth, forgot password and unlock account; `processCreds(creds)`
//! sees the credentials of primary auth and of a new password before they are sent. Pure (the hooks
//! are called, nothing else); the executor (`hooks::use_sign_in`) holds the action while
//! `processCreds` runs.

use authn_core::{Action, Credentials as AuthCredentials, Password, PrimaryAuth, State};

use crate::config::{Credentials, HookError, TransformUsername, UsernameOperation};
use crate::model::Loading;

/// What an action carries that the page's hooks or the model look at.
pub enum Carries<'a> {
    /// Primary auth with a password: its username (rewritten by `transformUsername`,
    /// `PRIMARY_AUTH`) and password (with it, `processCreds`).
    Credentials {
        /// The username.
        username: &'a mut String,
        /// The password.
        password: &'a Password,
    },
    /// A username only (passwordless primary auth, forgot password, unlock), and Okta's name for
    /// what it does.
    Username(UsernameOperation, &'a mut String),
    /// A new password (`processCreds` with the user's login).
    NewPassword(&'a Password),
    /// A token from the page or a reload starts the transaction: this loading view shows.
    Token(Loading),
    /// Nothing of the above.
    Nothing,
}

/// What `action` carries.
pub fn carries(action: &mut Action) -> Carries<'_> {
    match action {
        Action::Authenticate(PrimaryAuth { credentials, .. }) => match credentials {
            AuthCredentials::Password { username, password } => {
                Carries::Credentials { username, password }
            }
            AuthCredentials::Username(username) => {
                Carries::Username(UsernameOperation::PrimaryAuth, username)
            }
            AuthCredentials::ActivationToken(_) => Carries::Token(Loading::RecoveryToken),
        },
        Action::ForgotPassword { username, .. } => {
            Carries::Username(UsernameOperation::ForgotPassword, username)
        }
        Action::UnlockAccount { username, .. } => {
            Carries::Username(UsernameOperation::UnlockAccount, username)
        }
        Action::ChangePassword { new_password, .. }
        | Action::ResetPassword { new_password, .. } => Carries::NewPassword(new_password),
        Action::Resume(_) => Carries::Token(Loading::Resume),
        Action::VerifyRecoveryToken { .. } => Carries::Token(Loading::RecoveryToken),
        Action::AnswerRecoveryQuestion { .. }
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
        | Action::Restart => Carries::Nothing,
    }
}

/// `action` with its username rewritten by `hook` (the typed one when there is no hook, when the
/// action carries no username, or when the hook fails: its error is returned to be reported).
pub fn transform_username(
    mut action: Action,
    hook: Option<&TransformUsername>,
) -> (Action, Option<HookError>) {
    let Some(hook) = hook else {
        return (action, None);
    };
    let (operation, username) = match carries(&mut action) {
        Carries::Credentials { username, .. } => (UsernameOperation::PrimaryAuth, username),
        Carries::Username(operation, username) => (operation, username),
        Carries::NewPassword(_) | Carries::Token(_) | Carries::Nothing => return (action, None),
    };
    let failure = match hook.call(username.as_str(), operation) {
        Ok(transformed) => {
            *username = transformed;
            None
        }
        Err(error) => Some(error),
    };
    (action, failure)
}

/// What `processCreds` is called with for `typed` (the action as the user made it) in `state`:
/// primary auth's typed username and password; a new password with the user's login (password
/// reset, expired or expiring password). `None`: the hook is not called for this action.
pub fn credentials(typed: &Action, state: &State) -> Option<Credentials> {
    let mut typed = typed.clone();
    match carries(&mut typed) {
        Carries::Credentials { username, password } => Some(Credentials {
            username: username.clone(),
            password: password.clone(),
        }),
        Carries::NewPassword(password) => Some(Credentials {
            username: login(state).unwrap_or_default(),
            password: password.clone(),
        }),
        Carries::Username(..) | Carries::Token(_) | Carries::Nothing => None,
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
