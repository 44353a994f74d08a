//! Password changes: PASSWORD_WARN (change now or skip), PASSWORD_EXPIRED (change) and PASSWORD_RESET
//! (a new password after recovery).

use authn_core::{Action, ActionKind, Password, PasswordChange, PasswordReset, redact_url};

use super::step::{Ctx, Step, act};
use crate::answers::Key;
use crate::driver::ask::Halt;
use crate::driver::outcome::Failure;
use crate::exit::Exit;
use crate::prompt::Choice;

/// PASSWORD_WARN: days left, then change now, skip, or cancel. A password managed outside Okta can't
/// be changed here: the user is told where.
pub(crate) async fn warn(ctx: &mut Ctx<'_>, change: &PasswordChange) -> Result<Step, Halt> {
    match change.days_left {
        Some(days) => ctx
            .ask
            .say(&format!("Your password expires in {days} day(s).")),
        None => ctx.ask.say("Your password expires soon."),
    }
    let mut options = Vec::new();
    if let Some(url) = &change.external_url {
        let url = redact_url(url.as_str());
        ctx.ask
            .say(&format!("It is managed elsewhere: change it at {url}"));
    } else if ctx.allows(ActionKind::ChangePassword) {
        options.push(Choice::new("change", "Change it now"));
    }
    if ctx.allows(ActionKind::Skip) {
        options.push(Choice::new("skip", "Remind me later"));
    }
    options.push(Choice::new("cancel", "Cancel sign-in"));
    let chosen = ctx
        .ask
        .choice(Key::PasswordWarn, "Change your password?", options, None)
        .await?;
    match chosen.as_str() {
        "change" => change_password(ctx, change).await,
        "skip" => Ok(act(Action::Skip)),
        _ => Ok(Step::Cancel),
    }
}

/// PASSWORD_EXPIRED: a new password now; one managed outside Okta ends the run (exit `unsupported`).
pub(crate) async fn expired(ctx: &mut Ctx<'_>, change: &PasswordChange) -> Result<Step, Halt> {
    if let Some(url) = &change.external_url {
        let url = redact_url(url.as_str());
        return Ok(Step::Abort(Failure::new(
            Exit::Unsupported,
            format!("the password has expired; it is managed elsewhere: change it at {url}"),
        )));
    }
    ctx.ask.say("Your password has expired; choose a new one.");
    change_password(ctx, change).await
}

/// PASSWORD_RESET: a new password, checked against the policy before it is sent.
pub(crate) async fn reset(ctx: &mut Ctx<'_>, reset: &PasswordReset) -> Result<Step, Halt> {
    ctx.ask.say("Choose a new password.");
    let login = reset.user.as_ref().and_then(|u| u.login.clone());
    let new_password = ctx.new_password(&reset.policy, login).await?;
    Ok(act(Action::ResetPassword {
        new_password,
        revoke_sessions: false,
    }))
}

/// The current password (the sign-in password, once; else asked) and a new one.
async fn change_password(ctx: &mut Ctx<'_>, change: &PasswordChange) -> Result<Step, Halt> {
    let old_password = match ctx.view.password.take() {
        Some(password) => password,
        None => Password::new(
            ctx.ask
                .secret(Key::OldPassword, "Current password", false)
                .await?
                .into_inner(),
        ),
    };
    let login = change.user.as_ref().and_then(|u| u.login.clone());
    let new_password = ctx.new_password(&change.policy, login).await?;
    Ok(act(Action::ChangePassword {
        old_password,
        new_password,
        revoke_sessions: false,
    }))
}
