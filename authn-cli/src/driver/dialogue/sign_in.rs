//! Signing in: the entry of the run (no transaction yet) and primary authentication.

use authn_core::{Action, Credentials, Password, PrimaryAuth, RecoveryFactor, Unauthenticated};

use super::step::{Ctx, Step, act, auto};
use super::verify;
use crate::answers::Key;
use crate::driver::ask::Halt;
use crate::driver::outcome::{Failure, Outcome};
use crate::driver::setup::Entry;
use crate::exit::Exit;

/// No transaction: start the entry once. A login asks for the password again after the transaction
/// ended (expired); any other entry ends the run then.
pub(crate) async fn start(ctx: &mut Ctx<'_>) -> Result<Step, Halt> {
    let first = !ctx.view.entry_used;
    ctx.view.entry_used = true;
    match ctx.entry.clone() {
        Entry::Login => primary_auth(ctx, None).await,
        Entry::RecoveryToken(recovery_token) if first => Ok(auto(Action::VerifyRecoveryToken {
            recovery_token,
            options: ctx.options,
        })),
        Entry::Resume(token) if first => Ok(auto(Action::Resume(token))),
        Entry::ForgotPassword { channel } if first => {
            let (username, factor) = recovery_start(ctx, channel, true).await?;
            Ok(auto(Action::ForgotPassword {
                username,
                factor,
                relay_state: None,
            }))
        }
        Entry::Unlock { channel } if first => {
            let (username, factor) = recovery_start(ctx, channel, false).await?;
            Ok(auto(Action::UnlockAccount {
                username,
                factor,
                relay_state: None,
            }))
        }
        Entry::RecoveryToken(_)
        | Entry::Resume(_)
        | Entry::ForgotPassword { .. }
        | Entry::Unlock { .. } => Ok(Step::Finish(Outcome::Failed(
            ctx.view.pending.take().unwrap_or_else(|| {
                Failure::new(Exit::Restart, "the transaction ended; start again")
            }),
        ))),
    }
}

/// UNAUTHENTICATED: primary authentication when the core allows it, else a factor (sequencing).
pub(crate) async fn unauthenticated(
    ctx: &mut Ctx<'_>,
    state: &Unauthenticated,
) -> Result<Step, Halt> {
    if ctx.allows(authn_core::ActionKind::Authenticate) {
        let login = state.user.as_ref().and_then(|u| u.login.clone());
        return primary_auth(ctx, login).await;
    }
    verify::choose(ctx, &state.factors, &state.remember_device).await
}

/// Username (known or asked) and password.
async fn primary_auth(ctx: &mut Ctx<'_>, login: Option<String>) -> Result<Step, Halt> {
    let username = ctx.username(login).await?;
    let password = ctx.ask.secret(Key::Password, "Password", false).await?;
    let password = Password::new(password.into_inner());
    ctx.view.password = Some(password.clone());
    Ok(act(Action::Authenticate(PrimaryAuth {
        credentials: Credentials::Password { username, password },
        options: ctx.options,
        device_token: None,
        relay_state: None,
    })))
}

/// The username and channel of a forgot-password or unlock start (`channel` asked when `None`).
async fn recovery_start(
    ctx: &mut Ctx<'_>,
    channel: Option<RecoveryFactor>,
    allow_call: bool,
) -> Result<(String, RecoveryFactor), Halt> {
    let username = ctx.username(None).await?;
    let factor = match channel {
        Some(channel) => channel,
        None => ctx.recovery_channel(allow_call).await?,
    };
    Ok((username, factor))
}
