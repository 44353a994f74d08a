//! MFA verification: choosing a factor (MFA_REQUIRED, factor sequencing in UNAUTHENTICATED) and
//! answering its challenge (MFA_CHALLENGE). How a factor is verified is the core's
//! [`Factor::verification`]; pushes continue in [`super::push`].

use authn_core::{
    Action, ActionKind, Answer, Factor, FactorCredential, MfaChallenge, Password,
    RememberDevicePolicy, Unsupported, Verification, VerifyFactor,
};

use super::push;
use super::step::{CodeReply, Ctx, Step, act, auto, unusable, verify_current};
use crate::answers::Key;
use crate::describe;
use crate::driver::ask::Halt;
use crate::prompt::Choice;

/// Choose a factor, then verify it. Factors the terminal can't verify (WebAuthn, U2F, Duo, IdP) are
/// named and left out; when none is left the run ends with exit `unsupported`.
pub(crate) async fn choose(
    ctx: &mut Ctx<'_>,
    factors: &[Factor],
    policy: &RememberDevicePolicy,
) -> Result<Step, Halt> {
    let mut usable = Vec::new();
    for factor in factors.iter().filter(|f| f.id.is_some()) {
        match describe::verifies_here(factor.verification()) {
            Ok(()) => usable.push(factor),
            Err(reason) => ctx.ask.say(&describe::not_offered(factor, reason)),
        }
    }
    if usable.is_empty() {
        return Ok(Step::Abort(unusable(factors, "verify")));
    }
    loop {
        let mut options: Vec<Choice> = usable
            .iter()
            .map(|f| {
                Choice::new(f.id.clone().unwrap_or_default(), describe::factor_label(f))
                    .with_aliases(describe::aliases(f))
            })
            .collect();
        let default = (usable.len() == 1).then_some(0);
        options.push(Choice::new("cancel", "Cancel sign-in"));
        let chosen = ctx
            .ask
            .choice(Key::Factor, "Verify with", options, default)
            .await?;
        let Some(factor) = usable.iter().find(|f| f.id.as_deref() == Some(&chosen)) else {
            return Ok(Step::Cancel);
        };
        ctx.view.remember_device = if policy.allow {
            let label = "Remember this device?";
            Some(
                ctx.ask
                    .confirm(Key::RememberDevice, label, policy.by_default)
                    .await?,
            )
        } else {
            None
        };
        let remember_device = ctx.view.remember_device;
        let verify = |credential, auto_push| {
            act(Action::VerifyFactor(VerifyFactor {
                factor_id: factor.id.clone(),
                credential,
                remember_device,
                auto_push,
            }))
        };
        let step = match factor.verification() {
            Verification::Passcode => {
                let label = format!("Code from {}", describe::factor_label(factor));
                match ctx.code(&label, false, true).await? {
                    CodeReply::Code(code) => verify(Some(FactorCredential::PassCode(code)), None),
                    CodeReply::Back | CodeReply::Resend => continue,
                    CodeReply::Cancel => Step::Cancel,
                }
            }
            Verification::Question => {
                let answer = question_answer(ctx, factor).await?;
                verify(Some(answer), None)
            }
            Verification::Password => {
                let password = password(ctx).await?;
                verify(Some(password), None)
            }
            Verification::SentCode => verify(None, None),
            Verification::Push => {
                ctx.view.push_number_shown = false;
                let auto_push = factor
                    .id
                    .as_ref()
                    .and_then(|id| policy.auto_push.get(id).copied());
                verify(None, auto_push)
            }
            Verification::WebAuthn | Verification::Unsupported(_) => {
                Step::Abort(unusable(std::slice::from_ref(*factor), "verify"))
            }
        };
        return Ok(step);
    }
}

/// MFA_CHALLENGE: the code (with `resend` when the core offers it, `back` when allowed), answer or
/// password of the challenged factor; a push waits in [`push::challenge`].
pub(crate) async fn challenge(ctx: &mut Ctx<'_>, challenge: &MfaChallenge) -> Result<Step, Halt> {
    let factor = &challenge.factor;
    let label = describe::factor_label(factor);
    match factor.verification() {
        Verification::Push => push::challenge(ctx, challenge).await,
        Verification::Passcode => challenge_code(ctx, &format!("Code from {label}")).await,
        Verification::SentCode => challenge_code(ctx, &format!("Code sent to {label}")).await,
        Verification::Question => {
            let answer = question_answer(ctx, factor).await?;
            Ok(verify_current(ctx.view, Some(answer)))
        }
        Verification::Password => {
            let password = password(ctx).await?;
            Ok(verify_current(ctx.view, Some(password)))
        }
        Verification::WebAuthn => Ok(leave(ctx, factor, None, "verify")),
        Verification::Unsupported(reason) => Ok(leave(ctx, factor, Some(reason), "verify")),
    }
}

async fn challenge_code(ctx: &mut Ctx<'_>, label: &str) -> Result<Step, Halt> {
    let resend = ctx.resend_offered();
    let back = ctx.allows(ActionKind::Previous);
    Ok(match ctx.code(label, resend, back).await? {
        CodeReply::Code(code) => verify_current(ctx.view, Some(FactorCredential::PassCode(code))),
        CodeReply::Resend => act(Action::Resend),
        CodeReply::Back => act(Action::Previous),
        CodeReply::Cancel => Step::Cancel,
    })
}

/// A factor the terminal can't `verb` (WebAuthn: `reason` `None`): say so by name, and go back to
/// the other factors when the core allows it; else end the run (exit `unsupported`).
pub(crate) fn leave(
    ctx: &mut Ctx<'_>,
    factor: &Factor,
    reason: Option<Unsupported>,
    verb: &str,
) -> Step {
    ctx.ask.say(&describe::not_offered(factor, reason));
    if ctx.allows(ActionKind::Previous) {
        auto(Action::Previous)
    } else {
        Step::Abort(unusable(std::slice::from_ref(factor), verb))
    }
}

async fn question_answer(ctx: &mut Ctx<'_>, factor: &Factor) -> Result<FactorCredential, Halt> {
    let label = factor
        .profile
        .question_text
        .clone()
        .unwrap_or_else(|| "Answer to your security question".to_owned());
    let answer = ctx.ask.secret(Key::Answer, &label, false).await?;
    Ok(FactorCredential::Answer(Answer::new(answer.into_inner())))
}

async fn password(ctx: &mut Ctx<'_>) -> Result<FactorCredential, Halt> {
    let password = ctx.ask.secret(Key::Password, "Password", false).await?;
    Ok(FactorCredential::Password(Password::new(
        password.into_inner(),
    )))
}
