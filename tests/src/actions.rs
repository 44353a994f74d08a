//! Builders for the [`Action`]s several test files send, with the options the tests don't vary set
//! to their defaults (`revoke_sessions: false`, no relay state).

use authn_core::{
    Action, Answer, AuthOptions, PassCode, Password, PrimaryAuth, RecoveryFactor, RecoveryToken,
};

/// Primary authentication with username + password and the given `options`.
pub fn sign_in_with_options(username: &str, password: &str, options: AuthOptions) -> Action {
    Action::Authenticate(PrimaryAuth {
        options,
        ..PrimaryAuth::password(username, Password::new(password))
    })
}

/// `ChangePassword` (PASSWORD_EXPIRED / PASSWORD_WARN) without revoking other sessions.
pub fn change_password(old: &str, new: &str) -> Action {
    Action::ChangePassword {
        old_password: Password::new(old),
        new_password: Password::new(new),
        revoke_sessions: false,
    }
}

/// `ResetPassword` (PASSWORD_RESET) without revoking other sessions.
pub fn reset_password(new: &str) -> Action {
    Action::ResetPassword {
        new_password: Password::new(new),
        revoke_sessions: false,
    }
}

/// `ForgotPassword` for `username` by `factor`, no relay state.
pub fn forgot_password(username: &str, factor: RecoveryFactor) -> Action {
    Action::ForgotPassword {
        username: username.into(),
        factor,
        relay_state: None,
    }
}

/// `UnlockAccount` for `username` by `factor`, no relay state.
pub fn unlock_account(username: &str, factor: RecoveryFactor) -> Action {
    Action::UnlockAccount {
        username: username.into(),
        factor,
        relay_state: None,
    }
}

/// The recovery token at the end of an emailed `.../{token}` link (or of any path).
pub fn recovery_token_from_link(link: &str) -> RecoveryToken {
    RecoveryToken::new(link.rsplit('/').next().unwrap_or(link))
}

/// `VerifyRecoveryToken` with the token of an emailed link (the user opened the link).
pub fn open_recovery_link(link: &str) -> Action {
    Action::VerifyRecoveryToken {
        recovery_token: recovery_token_from_link(link),
        options: AuthOptions::default(),
    }
}

/// `VerifyRecoveryCode` with an SMS / voice recovery code.
pub fn recovery_code(code: impl Into<String>) -> Action {
    Action::VerifyRecoveryCode {
        pass_code: PassCode::new(code),
    }
}

/// `AnswerRecoveryQuestion` with `answer`.
pub fn recovery_answer(answer: &str) -> Action {
    Action::AnswerRecoveryQuestion {
        answer: Answer::new(answer),
    }
}

/// A six-digit code that is certainly not `code` (for wrong-code tests).
pub fn wrong_code(code: &str) -> &'static str {
    if code == "000000" { "111111" } else { "000000" }
}
