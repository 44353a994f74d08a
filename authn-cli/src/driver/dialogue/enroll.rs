//! MFA_ENROLL: choosing a factor to set up and filling in its form. The form is the core's
//! [`Factor::enroll_form`]; factors it marks WebAuthn or unsupported (HOTP: enrolled by an
//! administrator; U2F, Duo, IdP) are named and left out.

use authn_core::{
    Action, ActionKind, EnrollFactor, EnrollForm, EnrollProfile, Factor, FactorKey, MfaEnroll,
    SecurityQuestion,
};

use super::step::{CodeReply, Ctx, Step, act, auto, unusable};
use crate::answers::Key;
use crate::describe;
use crate::driver::ask::Halt;
use crate::driver::outcome::Failure;
use crate::exit::Exit;
use crate::prompt::Choice;

/// MFA_ENROLL: pick a factor (or skip), then its form.
pub(crate) async fn choose(ctx: &mut Ctx<'_>, enroll: &MfaEnroll) -> Result<Step, Halt> {
    if let (Some(key), Some(questions)) = (ctx.view.enroll_choice.take(), &enroll.questions) {
        return question(ctx, key, questions).await;
    }
    let mut candidates = Vec::new();
    for factor in enroll.factors.iter().filter(|f| !f.is_active()) {
        match describe::enrolls_here(factor.enroll_form()) {
            Ok(()) => candidates.push(factor),
            Err(reason) => ctx.ask.say(&describe::not_offered(factor, reason)),
        }
    }
    let can_skip = ctx.allows(ActionKind::Skip);
    if candidates.is_empty() && !can_skip {
        return Ok(Step::Abort(unusable(&enroll.factors, "enroll")));
    }
    let mut options: Vec<Choice> = candidates
        .iter()
        .map(|f| {
            let mut label = describe::factor_label(f);
            if f.is_required() {
                label.push_str(" (required)");
            }
            Choice::new(describe::type_and_provider(f), label).with_aliases(describe::aliases(f))
        })
        .collect();
    if can_skip {
        options.push(Choice::new("skip", "Skip for now"));
    }
    options.push(Choice::new("cancel", "Cancel sign-in"));
    let chosen = ctx
        .ask
        .choice(Key::Enroll, "Set up a factor", options, None)
        .await?;
    if chosen == "skip" {
        return Ok(act(Action::Skip));
    }
    let Some(factor) = candidates
        .iter()
        .find(|f| describe::type_and_provider(f) == chosen)
    else {
        return Ok(Step::Cancel);
    };
    form(ctx, factor, enroll.questions.as_deref()).await
}

/// The form of `factor` (`questions`: the security questions, once listed).
async fn form(
    ctx: &mut Ctx<'_>,
    factor: &Factor,
    questions: Option<&[SecurityQuestion]>,
) -> Result<Step, Halt> {
    let key = factor.key();
    let enroll_with = |profile, update_phone| {
        act(Action::EnrollFactor(EnrollFactor {
            factor: key.clone(),
            profile,
            update_phone,
        }))
    };
    match factor.enroll_form() {
        EnrollForm::Question => match questions {
            Some(questions) => question(ctx, key.clone(), questions).await,
            None => {
                ctx.view.enroll_choice = Some(key.clone());
                Ok(auto(Action::ListQuestions))
            }
        },
        EnrollForm::Phone { voice } => {
            if factor.replaces_phone() {
                ctx.ask
                    .say(&format!("Phone on file: {}", factor.phones.join(", ")));
            }
            let phone_number = ctx
                .ask
                .text(Key::Phone, "Phone number (e.g. +1 555 555 0100)", None)
                .await?;
            let extension = if voice {
                let label = "Extension (Enter for none)";
                let text = ctx
                    .ask
                    .text(Key::Extension, label, Some(String::new()))
                    .await?;
                Some(text).filter(|e| !e.is_empty())
            } else {
                None
            };
            let profile = EnrollProfile::Phone {
                phone_number,
                extension,
            };
            Ok(enroll_with(profile, factor.replaces_phone()))
        }
        EnrollForm::Email | EnrollForm::Totp | EnrollForm::Push => {
            Ok(enroll_with(EnrollProfile::None, false))
        }
        EnrollForm::Token { two_codes } => {
            let label = "Token credential id (username on the token)";
            let credential_id = ctx.ask.text(Key::CredentialId, label, None).await?;
            let CodeReply::Code(pass_code) = ctx.code("Code from the token", false, false).await?
            else {
                return Ok(Step::Cancel);
            };
            let next_pass_code = if two_codes {
                let label = "Next code from the token (wait for it to change)";
                let CodeReply::Code(next) = ctx.code(label, false, false).await? else {
                    return Ok(Step::Cancel);
                };
                Some(next)
            } else {
                None
            };
            let profile = EnrollProfile::Token {
                credential_id,
                pass_code,
                next_pass_code,
            };
            Ok(enroll_with(profile, false))
        }
        EnrollForm::YubiKey => match ctx.code("YubiKey code", false, false).await? {
            CodeReply::Code(pass_code) => {
                Ok(enroll_with(EnrollProfile::Hardware { pass_code }, false))
            }
            CodeReply::Resend | CodeReply::Back | CodeReply::Cancel => Ok(Step::Cancel),
        },
        EnrollForm::WebAuthn | EnrollForm::Unsupported(_) => Ok(Step::Abort(unusable(
            std::slice::from_ref(factor),
            "enroll",
        ))),
    }
}

/// The security question to enroll and its answer.
async fn question(
    ctx: &mut Ctx<'_>,
    key: FactorKey,
    questions: &[SecurityQuestion],
) -> Result<Step, Halt> {
    if questions.is_empty() {
        return Ok(Step::Abort(Failure::new(
            Exit::Protocol,
            "the server offered no security questions",
        )));
    }
    let options = questions
        .iter()
        .map(|q| Choice::new(q.key.clone(), q.text.clone()))
        .collect();
    let question = ctx
        .ask
        .choice(Key::Question, "Choose a security question", options, None)
        .await?;
    let answer = ctx.ask.secret(Key::Answer, "Answer", false).await?;
    Ok(act(Action::EnrollFactor(EnrollFactor {
        factor: key,
        profile: EnrollProfile::Question {
            question,
            answer: authn_core::Answer::new(answer.into_inner()),
        },
        update_phone: false,
    })))
}
