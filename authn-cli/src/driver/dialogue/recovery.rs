//! Recovery: RECOVERY_CHALLENGE (the emailed link, or an SMS / voice code), RECOVERY (the recovery
//! question) and LOCKED_OUT (unlock now?).

use authn_core::{
    Action, ActionKind, Answer, LockedOut, RecoveryChallenge, RecoveryFactor, RecoveryState,
};

use super::step::{CodeReply, Ctx, Step, act};
use crate::answers::Key;
use crate::driver::ask::Halt;
use crate::driver::outcome::{Failure, Outcome};
use crate::exit::Exit;

/// RECOVERY_CHALLENGE: an email ends the run with instructions; a code is asked (with `resend`).
pub(crate) async fn challenge(
    ctx: &mut Ctx<'_>,
    challenge: &RecoveryChallenge,
) -> Result<Step, Halt> {
    if challenge.email_sent {
        return Ok(Step::Finish(Outcome::EmailSent {
            recovery_type: challenge.recovery_type.clone(),
        }));
    }
    let via = match challenge.factor_type {
        Some(RecoveryFactor::Call) => "by voice call",
        Some(RecoveryFactor::Sms | RecoveryFactor::Email) | None => "by SMS",
    };
    let resend = ctx.resend_offered();
    match ctx.code(&format!("Code sent {via}"), resend, false).await? {
        CodeReply::Code(pass_code) => Ok(act(Action::VerifyRecoveryCode { pass_code })),
        CodeReply::Resend => Ok(act(Action::Resend)),
        CodeReply::Back | CodeReply::Cancel => Ok(Step::Cancel),
    }
}

/// RECOVERY: the recovery question's answer.
pub(crate) async fn question(ctx: &mut Ctx<'_>, recovery: &RecoveryState) -> Result<Step, Halt> {
    if !ctx.allows(ActionKind::AnswerRecoveryQuestion) {
        return Ok(Step::Abort(Failure::new(
            Exit::Protocol,
            "the recovery step offers no question to answer",
        )));
    }
    let label = recovery
        .question
        .clone()
        .unwrap_or_else(|| "Answer to your recovery question".to_owned());
    let answer = ctx.ask.secret(Key::RecoveryAnswer, &label, false).await?;
    Ok(act(Action::AnswerRecoveryQuestion {
        answer: Answer::new(answer.into_inner()),
    }))
}

/// LOCKED_OUT: offers self-service unlock when the state's links do; otherwise (or on `no`) the run
/// ends with exit `locked`.
pub(crate) async fn locked(ctx: &mut Ctx<'_>, locked: &LockedOut) -> Result<Step, Halt> {
    let failure = Failure::new(Exit::Locked, "the account is locked");
    ctx.ask.say("Your account is locked.");
    if !locked.links.allows(ActionKind::UnlockAccount) {
        return Ok(Step::Finish(Outcome::Failed(failure)));
    }
    ctx.blame(failure.clone());
    if !ctx
        .ask
        .confirm(Key::Unlock, "Unlock it now?", false)
        .await?
    {
        return Ok(Step::Finish(Outcome::Failed(failure)));
    }
    let username = ctx.username(None).await?;
    let factor = ctx.recovery_channel(false).await?;
    Ok(act(Action::UnlockAccount {
        username,
        factor,
        relay_state: None,
    }))
}
