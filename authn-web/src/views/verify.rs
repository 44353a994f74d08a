//! Factor verification: pick a factor and verify it (MFA_REQUIRED, UNAUTHENTICATED with factors), the
//! code entry of a challenge (MFA_CHALLENGE), and the push wait. How a factor is verified is the core's
//! decision ([`Factor::verification`]); where a push stands and how to retry it too
//! ([`MfaChallenge::push_phase`], [`MfaChallenge::push_retry`]).

use authn_core::{
    Action, ActionKind, Answer, Factor, FactorCredential, MfaChallenge, PassCode, Password,
    PushPhase, PushRetry, RememberDevicePolicy, Verification, VerifyFactor,
};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::{
    CodeForm, ResendButton, TextField, alert, cancel_link, check_box, factor_icon, header,
    link_button, notice, setter, submit_button,
};
use crate::config::SignInConfig;
use crate::factors::{default_factor, label_of, remember_factor};
use crate::hooks::use_secret;
use crate::messages::{Msg, fill};
use crate::model::Step;
use crate::services::Services;
use crate::views::enroll::unsupported_reason;
use crate::views::webauthn::{shown_error, webauthn_verify};

/// Props of [`MfaVerify`].
#[derive(Properties, PartialEq)]
pub struct MfaVerifyProps {
    /// Shared step inputs.
    pub step: Step,
    /// Factors to choose from (MFA_REQUIRED, UNAUTHENTICATED factor sequencing).
    #[prop_or_default]
    pub factors: Vec<Factor>,
    /// Remember-device policy.
    #[prop_or_default]
    pub remember: RememberDevicePolicy,
    /// The outstanding challenge (MFA_CHALLENGE of a factor that is not a push).
    #[prop_or_default]
    pub challenge: Option<MfaChallenge>,
}

/// The credential a typed value is, for a factor verified this way (`None`: nothing is typed).
pub fn credential(verification: Verification, value: String) -> Option<FactorCredential> {
    match verification {
        Verification::Passcode | Verification::SentCode => Some(FactorCredential::PassCode(
            PassCode::new(value.trim().to_owned()),
        )),
        Verification::Question => Some(FactorCredential::Answer(Answer::new(value))),
        Verification::Password => Some(FactorCredential::Password(Password::new(value))),
        Verification::Push | Verification::WebAuthn | Verification::Unsupported(_) => None,
    }
}

pub(super) fn unsupported_text(reason: Msg) -> Html {
    html! {
        <>
            <p class="authn-text">{ Msg::VerifyUnsupported.text() }</p>
            <p class="authn-text">{ reason.text() }</p>
        </>
    }
}

/// Verify a factor: factor picker (last used first), code / answer / password entry, send code or
/// push, remember device when the policy allows; in MFA_CHALLENGE the code entry with resend.
#[component]
pub fn MfaVerify(props: &MfaVerifyProps) -> Html {
    let step = &props.step;
    let services = use_context::<Services>();
    let config = use_context::<SignInConfig>().unwrap_or_else(|| SignInConfig::new(""));
    let factors = match &props.challenge {
        Some(challenge) => vec![challenge.factor.clone()],
        None => props.factors.clone(),
    };
    let initial = {
        let (factors, services) = (factors.clone(), services.clone());
        move || {
            services
                .as_ref()
                .map(|s| default_factor(&factors, s.local_store.as_ref()))
                .unwrap_or(0)
        }
    };
    let selected = use_state(initial);
    let remember_policy = match &props.challenge {
        Some(challenge) => challenge.remember_device.clone(),
        None => props.remember.clone(),
    };
    let remember = use_state(|| remember_policy.by_default);
    let in_challenge = props.challenge.is_some();
    // Okta's `features.autoPush`: "send push automatically", remembered by the server per factor
    // (`factorsPolicyInfo`); when it is on, the push goes out as soon as the factor shows.
    let auto_push_offered = |f: &Factor| {
        config.features.auto_push && !in_challenge && f.verification() == Verification::Push
    };
    let auto_push_remembered = |f: &Factor| {
        f.id.as_ref()
            .is_some_and(|id| remember_policy.auto_push.get(id) == Some(&true))
    };
    let auto_push = use_state(|| {
        factors
            .get(*selected)
            .is_some_and(|f| auto_push_offered(f) && auto_push_remembered(f))
    });
    let index = (*selected).min(factors.len().saturating_sub(1));
    let remember_device = remember_policy.allow.then_some(*remember);
    {
        let send_now = factors
            .get(index)
            .filter(|f| auto_push_offered(f) && auto_push_remembered(f))
            .filter(|_| !step.auto_pushed && step.can(ActionKind::VerifyFactor))
            .map(|f| {
                Action::VerifyFactor(VerifyFactor {
                    factor_id: f.id.clone(),
                    credential: None,
                    remember_device,
                    auto_push: Some(true),
                })
            });
        let dispatch = step.dispatch.clone();
        use_effect_with(index, move |_| {
            if let Some(action) = send_now {
                dispatch.emit(action);
            }
        });
    }
    let Some(factor) = factors.get(index).cloned() else {
        return html! {
            <>
                { header(Msg::VerifyTitle.text(), Msg::VerifyUnsupported.text()) }
                { alert(step.error.as_ref(), None) }
                <nav class="authn-links">{ cancel_link(step, Msg::BackToSignIn) }</nav>
            </>
        };
    };
    let remember_box = remember_policy.allow.then(|| {
        let remember = remember.clone();
        check_box(
            "authn-remember-device",
            Msg::RememberDevice,
            *remember,
            Callback::from(move |v: bool| remember.set(v)),
        )
    });
    let offered = auto_push_offered(&factor);
    let auto_push_box = offered.then(|| {
        let auto_push = auto_push.clone();
        check_box(
            "authn-auto-push",
            Msg::AutoPush,
            *auto_push,
            Callback::from(move |v: bool| auto_push.set(v)),
        )
    });
    let auto_push_sent = offered.then_some(*auto_push);
    // Verifying remembers the factor as the last used one.
    let verify = {
        let services = services.clone();
        let factor = factor.clone();
        // A factor by its id, a verify-by-type entry by its type; the challenge's own `next`.
        let factor_id = if in_challenge {
            None
        } else {
            VerifyFactor::of(&factor).factor_id
        };
        Callback::from(move |credential: Option<FactorCredential>| {
            if let Some(services) = &services {
                remember_factor(&factor, services.local_store.as_ref());
            }
            Action::VerifyFactor(VerifyFactor {
                factor_id: factor_id.clone(),
                credential,
                remember_device,
                auto_push: auto_push_sent,
            })
        })
    };

    let picker = (!in_challenge && factors.len() > 1).then(|| {
        let (selected, auto_push) = (selected.clone(), auto_push.clone());
        let remembered: Vec<bool> = factors.iter().map(auto_push_remembered).collect();
        let onchange = Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let index = value.parse().unwrap_or(0);
            selected.set(index);
            auto_push.set(remembered.get(index).copied().unwrap_or(false));
        });
        html! {
            <div class="authn-field">
                <label class="authn-label" for="authn-factor">{ Msg::VerifyChooseFactor.text() }</label>
                <select class="authn-select" id="authn-factor" name="authn-factor" {onchange}>
                    { for factors.iter().enumerate().map(|(i, f)| html! {
                        <option value={i.to_string()} selected={i == index}>{ label_of(f) }</option>
                    }) }
                </select>
            </div>
        }
    });

    let verification = factor.verification();
    let error = match verification {
        Verification::WebAuthn => shown_error(step.error.as_ref()),
        Verification::Passcode
        | Verification::SentCode
        | Verification::Question
        | Verification::Password
        | Verification::Push
        | Verification::Unsupported(_) => step.error.clone(),
    };
    let destination = factor.destination().map(str::to_owned);
    let typed = |id: &'static str| {
        html! {
            <SecretForm step={step.clone()} {id} {verification} submit={verify.clone()}
                question={factor.profile.question_text.clone()} remember={remember_box.clone()} reset={index} />
        }
    };
    let body = match (&props.challenge, verification) {
        (_, Verification::WebAuthn) => webauthn_verify(
            step,
            &factor,
            in_challenge,
            verify.clone(),
            remember_box.clone(),
            factors.len() > 1,
        ),
        (_, Verification::Unsupported(reason)) => unsupported_text(unsupported_reason(reason)),
        // MFA_CHALLENGE: enter the code that was sent (or that the app shows).
        (Some(_), Verification::Passcode | Verification::SentCode) => {
            let submit = verify.reform(move |code: String| credential(verification, code));
            html! {
                <>
                    if let (Verification::SentCode, Some(to)) = (verification, &destination) {
                        <p class="authn-text">{ fill(Msg::CodeSentTo, &[to]) }</p>
                    }
                    { for remember_box.clone() }
                    <CodeForm step={step.clone()} {submit} />
                </>
            }
        }
        (Some(challenge), Verification::Push) => {
            html! { <PushWait step={step.clone()} data={challenge.clone()} /> }
        }
        (Some(_), Verification::Question | Verification::Password) => typed("authn-code"),
        (None, Verification::Passcode | Verification::Question | Verification::Password) => {
            typed("authn-verify-input")
        }
        // Verifying without a credential sends the code or the push.
        (None, Verification::SentCode | Verification::Push) => {
            let label = if verification == Verification::Push {
                Msg::SendPush
            } else {
                Msg::SendCode
            };
            let verify = verify.clone();
            let onsubmit = step.dispatch.reform(move |e: SubmitEvent| {
                e.prevent_default();
                verify.emit(None)
            });
            html! {
                <form class="authn-form" {onsubmit}>
                    if let Some(to) = destination.clone() { <p class="authn-text">{ to }</p> }
                    { for auto_push_box }
                    { for remember_box.clone() }
                    { submit_button(label, step.busy, false) }
                </form>
            }
        }
    };
    let back = (in_challenge && step.can(ActionKind::Previous)).then(|| {
        link_button(
            Msg::BackToFactors,
            "back",
            step.dispatch.reform(|()| Action::Previous),
            step.busy,
        )
    });
    // The picked factor's icon (a challenge's shows above the view already).
    let icon = (!in_challenge)
        .then(|| html! { <div class="authn-beacon">{ factor_icon(&factor.key()) }</div> });
    html! {
        <>
            { for icon }
            { header(Msg::VerifyTitle.text(), AttrValue::from(label_of(&factor))) }
            { alert(error.as_ref(), None) }
            { notice(step.notice) }
            { for picker }
            { body }
            <nav class="authn-links">{ for back }{ cancel_link(step, Msg::BackToSignIn) }</nav>
        </>
    }
}

/// Props of [`SecretForm`].
#[derive(Properties, PartialEq)]
struct SecretProps {
    step: Step,
    /// The input's id.
    id: AttrValue,
    /// How the factor is verified (passcode, question or password).
    verification: Verification,
    /// Builds the action from the credential.
    submit: Callback<Option<FactorCredential>, Action>,
    /// The security question (label).
    question: Option<String>,
    /// The remember-device checkbox, when offered.
    remember: Option<Html>,
    /// The value is cleared when this changes (another factor picked).
    reset: usize,
}

/// One typed credential: a code, the answer to the factor's question, or a password. Cleared after
/// each error and when another factor is picked.
#[component]
fn SecretForm(props: &SecretProps) -> Html {
    let step = &props.step;
    let secret = use_secret((step.error_seq, props.reset));
    let verification = props.verification;
    let (label, input_type, autocomplete, inputmode) = match verification {
        Verification::Question => (Msg::Answer, "password", "off", None),
        Verification::Password => (Msg::Password, "password", "current-password", None),
        Verification::Passcode
        | Verification::SentCode
        | Verification::Push
        | Verification::WebAuthn
        | Verification::Unsupported(_) => (
            Msg::VerificationCode,
            "text",
            "one-time-code",
            Some(AttrValue::Static("numeric")),
        ),
    };
    let question = (verification == Verification::Question)
        .then(|| props.question.clone())
        .flatten();
    let onsubmit = {
        let (secret, submit) = (secret.clone(), props.submit.clone());
        let dispatch = step.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = (*secret).clone();
            if value.trim().is_empty() {
                return;
            }
            if let Some(credential) = credential(verification, value) {
                dispatch.emit(submit.emit(Some(credential)));
            }
        })
    };
    html! {
        <form class="authn-form" {onsubmit}>
            <TextField id={props.id.clone()} {label} label_text={question} value={(*secret).clone()}
                oninput={setter(&secret)} {input_type} {autocomplete} {inputmode}
                invalid={step.error.is_some()} />
            { for props.remember.clone() }
            { submit_button(Msg::Verify, step.busy, secret.trim().is_empty()) }
        </form>
    }
}

/// Props of [`PushWait`].
#[derive(Properties, PartialEq)]
pub struct PushWaitProps {
    /// Shared step inputs.
    pub step: Step,
    /// The challenge.
    pub data: MfaChallenge,
}

/// Push sent: wait (the core polls), show the number challenge; after a rejection, a timeout or a
/// failure, retry the way the core says (a new push through resend, or verifying again).
#[component]
pub fn PushWait(props: &PushWaitProps) -> Html {
    let step = &props.step;
    let data = &props.data;
    let remember_device = data
        .remember_device
        .allow
        .then_some(data.remember_device.by_default);
    let (problem, number) = match data.push_phase() {
        Some(PushPhase::Waiting { number }) => (None, number),
        Some(PushPhase::Rejected) => (Some(Msg::PushRejected), None),
        Some(PushPhase::TimedOut) => (Some(Msg::PushTimeout), None),
        Some(PushPhase::Failed) => (Some(Msg::PushFailed), None),
        // Not a push (never routed here): nothing to wait for.
        None => (None, None),
    };
    let retry = match data.push_retry() {
        Some(PushRetry::Resend) => html! {
            <ResendButton step={step.clone()} label={Msg::PushResend} />
        },
        Some(PushRetry::VerifyAgain) => {
            let onclick = step.dispatch.reform(move |_: MouseEvent| {
                Action::VerifyFactor(VerifyFactor {
                    factor_id: None,
                    credential: None,
                    remember_device,
                    auto_push: None,
                })
            });
            html! {
                <button type="button" class="authn-button authn-button-primary authn-button-wide" data-action="retry"
                    disabled={step.busy} {onclick}>{ Msg::PushResend.text() }</button>
            }
        }
        None => html! {},
    };
    html! {
        <>
            { header(Msg::PushSentTitle.text(), AttrValue::from(label_of(&data.factor))) }
            { alert(step.error.as_ref(), None) }
            { notice(step.notice) }
            if let Some(problem) = problem {
                <div class="authn-alert" role="alert" tabindex="-1" data-factor-result={data.factor_result.as_ref().map(|r| r.as_str().to_owned())}>
                    <p class="authn-alert-message">{ problem.text() }</p>
                    // `factorResultMessage` (e.g. OKTA_VERIFY_UPGRADE_REQUIRED), as text.
                    if let Some(detail) = data.factor_result_message.clone() { <p>{ detail }</p> }
                </div>
                { retry }
            } else {
                <p class="authn-text" role="status">{ Msg::PushSentText.text() }</p>
                if let Some(number) = number {
                    <p class="authn-text">{ Msg::PushNumberText.text() }</p>
                    <p class="authn-number" data-number={number.to_string()}>{ number }</p>
                }
                <div class="authn-spinner" aria-hidden="true"></div>
            }
            <nav class="authn-links">
                if step.can(ActionKind::Previous) {
                    { link_button(Msg::BackToFactors, "back", step.dispatch.reform(|()| Action::Previous), step.busy) }
                }
                { cancel_link(step, Msg::BackToSignIn) }
            </nav>
        </>
    }
}
