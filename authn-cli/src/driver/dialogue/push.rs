//! Okta Verify push: waiting for approval (the core polls; the number challenge is shown), what to do
//! after a rejected or timed-out push, and the activation of a new Okta Verify enrollment. Where a
//! push stands is the core's `push_phase()`; how to retry is its `push_retry()`.

use authn_core::{
    Action, ActionKind, ActivationChannel, MfaChallenge, MfaEnrollActivate, PushActivation,
    PushPhase, PushRetry, redact_url,
};

use super::step::{Ctx, Step, act, verify_current};
use crate::answers::Key;
use crate::driver::ask::Halt;
use crate::driver::outcome::Failure;
use crate::exit::Exit;
use crate::prompt::Choice;

/// MFA_CHALLENGE of a push: wait while the core polls, else offer another push, another factor or
/// cancel.
pub(crate) async fn challenge(ctx: &mut Ctx<'_>, challenge: &MfaChallenge) -> Result<Step, Halt> {
    let Some(phase) = challenge.push_phase() else {
        return Ok(Step::Abort(not_a_push()));
    };
    if let PushPhase::Waiting { number } = phase
        && ctx.allows(ActionKind::Poll)
    {
        if let Some(number) = number
            && !ctx.view.push_number_shown
        {
            ctx.view.push_number_shown = true;
            ctx.ask
                .say(&format!("On your phone, tap {number} to approve."));
        }
        let text = match number {
            Some(number) => format!("Waiting for approval (tap {number})"),
            None => "Waiting for approval".to_owned(),
        };
        ctx.ask.wait_start(&text);
        return Ok(Step::Wait);
    }
    ctx.view.push_number_shown = false;
    let why = match phase {
        PushPhase::Rejected => "The push was rejected.",
        PushPhase::TimedOut => "The push timed out.",
        PushPhase::Failed => "The push failed.",
        PushPhase::Waiting { .. } => "The push is not pending.",
    };
    not_pending(ctx, why, challenge.factor_result_message.as_deref());
    let retry = challenge.push_retry();
    loop {
        let mut options = Vec::new();
        match retry {
            Some(PushRetry::Resend) => options.push(Choice::new("resend", "Send another push")),
            Some(PushRetry::VerifyAgain) => {
                options.push(Choice::new("resend", "Send another push").with_aliases(["verify"]));
            }
            None => {}
        }
        if ctx.allows(ActionKind::Previous) {
            options.push(Choice::new("back", "Choose another factor"));
        }
        options.push(Choice::new("cancel", "Cancel sign-in"));
        let chosen = ctx
            .ask
            .choice(Key::Push, "What now?", options, None)
            .await?;
        return Ok(match (chosen.as_str(), retry) {
            ("resend", Some(PushRetry::Resend)) => {
                if !ctx.resend_ready() {
                    continue;
                }
                act(Action::Resend)
            }
            ("resend", Some(PushRetry::VerifyAgain)) => verify_current(ctx.view, None),
            ("back", _) => act(Action::Previous),
            _ => Step::Cancel,
        });
    }
}

/// MFA_ENROLL_ACTIVATE of Okta Verify: show where the QR code is (or send an activation link), then
/// wait while the core polls; after a timeout, offer to start again.
pub(crate) async fn activation(
    ctx: &mut Ctx<'_>,
    activate: &MfaEnrollActivate,
) -> Result<Step, Halt> {
    let Some(phase) = activate.push_phase() else {
        return Ok(Step::Abort(not_a_push()));
    };
    if let PushPhase::Waiting { .. } = phase
        && ctx.allows(ActionKind::Poll)
    {
        let id = activate.factor.id.clone().unwrap_or_default();
        if ctx.view.activation_shown.as_deref() != Some(id.as_str()) {
            ctx.view.activation_shown = Some(id);
            let push = activate.factor.push_activation();
            if let Some(step) = instructions(ctx, push).await? {
                return Ok(step);
            }
        }
        ctx.ask
            .wait_start("Waiting for Okta Verify to be activated");
        return Ok(Step::Wait);
    }
    ctx.view.activation_shown = None;
    let why = match phase {
        PushPhase::TimedOut => "The activation timed out.",
        PushPhase::Rejected => "The activation was rejected.",
        PushPhase::Failed => "The activation failed.",
        PushPhase::Waiting { .. } => "The activation is not pending.",
    };
    not_pending(ctx, why, None);
    let mut options = Vec::new();
    if ctx.allows(ActionKind::ActivateFactor) {
        options.push(Choice::new("wait", "Start the activation again").with_aliases(["retry"]));
    }
    if ctx.allows(ActionKind::Previous) {
        options.push(Choice::new("back", "Choose another factor"));
    }
    options.push(Choice::new("cancel", "Cancel sign-in"));
    let chosen = ctx
        .ask
        .choice(Key::Activation, "What now?", options, None)
        .await?;
    Ok(match chosen.as_str() {
        "wait" => act(Action::ActivateFactor {
            pass_code: None,
            registration: None,
        }),
        "back" => act(Action::Previous),
        _ => Step::Cancel,
    })
}

/// The activation instructions, once per activation: the QR code's address and the choice to wait
/// (the default), get a link by email or SMS, go back or cancel. `None`: wait.
async fn instructions(
    ctx: &mut Ctx<'_>,
    push: Option<&PushActivation>,
) -> Result<Option<Step>, Halt> {
    ctx.ask.wait_end();
    ctx.ask
        .say("Set up Okta Verify on your phone and add this account.");
    if let Some(href) = push.and_then(|p| p.qr_code.as_ref()) {
        let href = redact_url(href.as_str());
        ctx.ask.say(&format!(
            "Open this QR code and scan it with Okta Verify: {href}"
        ));
    }
    let mut options = vec![Choice::new("wait", "I scanned it: wait for activation")];
    if ctx.allows(ActionKind::SendActivationLink) {
        for (channel, _) in push.map(|p| p.send.as_slice()).unwrap_or_default() {
            options.push(match channel {
                ActivationChannel::Email => Choice::new("email", "Email me an activation link"),
                ActivationChannel::Sms => Choice::new("sms", "Text me an activation link"),
            });
        }
    }
    if ctx.allows(ActionKind::Previous) {
        options.push(Choice::new("back", "Choose another factor"));
    }
    options.push(Choice::new("cancel", "Cancel sign-in"));
    let chosen = ctx
        .ask
        .choice(Key::Activation, "Activate Okta Verify", options, Some(0))
        .await?;
    Ok(match chosen.as_str() {
        "wait" => None,
        "email" => Some(act(Action::SendActivationLink {
            channel: ActivationChannel::Email,
            phone_number: None,
        })),
        "sms" => {
            let phone = ctx
                .ask
                .text(Key::Phone, "Phone number for the link", None)
                .await?;
            Some(act(Action::SendActivationLink {
                channel: ActivationChannel::Sms,
                phone_number: Some(phone),
            }))
        }
        "back" => Some(act(Action::Previous)),
        _ => Some(Step::Cancel),
    })
}

/// Says why nothing is pending (and the server's `factorResultMessage`, as text), and blames a
/// missing answer to the next question on it (exit `retry_step`).
fn not_pending(ctx: &mut Ctx<'_>, why: &str, detail: Option<&str>) {
    ctx.ask.say(why);
    if let Some(detail) = detail {
        ctx.ask.say(detail);
    }
    ctx.blame(Failure::new(Exit::RetryStep, why.trim_end_matches('.')));
}

fn not_a_push() -> Failure {
    Failure::new(Exit::Protocol, "the factor of this step is not a push")
}
