use authn_core::{
    Action, ActionKind, Answer, Factor, FactorCredential, FactorResult, FactorType, MfaChallenge,
    PassCode, Password, RememberDevicePolicy, Verification, VerifyFactor,
};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::{
    TextField, alert, cancel_link, check_box, link_button, notice, submit_button,
};
use crate::factors::{default_factor, label_of, remember_factor};
use crate::hooks::Step;
use crate::messages::{Msg, fill};
use crate::route::can_verify;
use crate::services::Services;
use crate::views::header;
use crate::views::recovery::{CodeForm, ResendButton};

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
    /// The outstanding challenge (MFA_CHALLENGE for a code factor).
    #[prop_or_default]
    pub challenge: Option<MfaChallenge>,
}

/// Verify a factor: factor picker (last used first), code / answer entry, send code or push,
/// remember device when the policy allows; in MFA_CHALLENGE the code entry with resend.
#[component]
pub fn MfaVerify(props: &MfaVerifyProps) -> Html {
    let step = &props.step;
    let services = use_context::<Services>();
    let factors = match &props.challenge {
        Some(challenge) => vec![challenge.factor.clone()],
        None => props.factors.clone(),
    };
    let initial = {
        let factors = factors.clone();
        let services = services.clone();
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
    let secret = use_state(String::new);
    {
        let secret = secret.clone();
        use_effect_with((step.error_seq, *selected), move |_| {
            secret.set(String::new())
        });
    }
    let index = (*selected).min(factors.len().saturating_sub(1));
    let Some(factor) = factors.get(index).cloned() else {
        return html! {
            <>
                { header(Msg::VerifyTitle.text(), Msg::VerifyUnsupported.text()) }
                { alert(step.error.as_ref(), true) }
                <nav class="authn-links">{ cancel_link(step, Msg::BackToSignIn) }</nav>
            </>
        };
    };
    let remember_device = remember_policy.allow.then_some(*remember);
    let remember_box = remember_policy.allow.then(|| {
        let remember = remember.clone();
        html! {
            { check_box("authn-remember-device", Msg::RememberDevice, *remember,
                Callback::from(move |v: bool| remember.set(v))) }
        }
    });
    let in_challenge = props.challenge.is_some();
    let factor_id = if in_challenge {
        None
    } else {
        factor.id.clone()
    };
    let remembered = {
        let services = services.clone();
        let factor = factor.clone();
        move || {
            if let Some(services) = &services {
                remember_factor(&factor, services.local_store.as_ref());
            }
        }
    };

    let picker = (!in_challenge && factors.len() > 1).then(|| {
        let selected = selected.clone();
        let onchange = Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            selected.set(value.parse().unwrap_or(0));
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

    let target = factor
        .profile
        .phone_number
        .clone()
        .or(factor.profile.email.clone())
        .or(factor.profile.device_name.clone());
    let body = if in_challenge {
        // MFA_CHALLENGE for sms / call / email / totp ...: enter the code that was sent.
        let resend = step.can(ActionKind::Resend).then(|| {
            let wanted = factor.factor_type.as_str();
            let names = props
                .challenge
                .as_ref()
                .map(|c| c.resend.clone())
                .unwrap_or_default();
            let channel = names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(wanted))
                .or_else(|| names.first())
                .cloned();
            Action::Resend { channel }
        });
        let submit = {
            let remembered = remembered.clone();
            Callback::from(move |code: String| {
                remembered();
                Action::VerifyFactor(VerifyFactor {
                    factor_id: None,
                    credential: Some(FactorCredential::PassCode(PassCode::new(code))),
                    remember_device,
                    auto_push: None,
                })
            })
        };
        if can_verify(&factor.factor_type) {
            html! {
                <>
                    if let Some(target) = target.clone() { <p class="authn-text">{ fill(Msg::CodeSentTo, &[&target]) }</p> }
                    { for remember_box.clone() }
                    <CodeForm step={step.clone()} {submit} {resend} />
                </>
            }
        } else {
            html! { <p class="authn-text">{ Msg::VerifyUnsupported.text() }</p> }
        }
    } else {
        match factor.factor_type.verification() {
            None => {
                html! { <p class="authn-text">{ Msg::VerifyUnsupported.text() }</p> }
            }
            Some(Verification::SentCode) | Some(Verification::Push) => {
                let push = matches!(factor.factor_type, FactorType::Push);
                let factor_id = factor_id.clone();
                let remembered = remembered.clone();
                let onsubmit = step.dispatch.reform(move |e: SubmitEvent| {
                    e.prevent_default();
                    remembered();
                    Action::VerifyFactor(VerifyFactor {
                        factor_id: factor_id.clone(),
                        credential: None,
                        remember_device,
                        auto_push: None,
                    })
                });
                html! {
                    <form class="authn-form" {onsubmit}>
                        if let Some(target) = target.clone() { <p class="authn-text">{ target }</p> }
                        { for remember_box.clone() }
                        { submit_button(if push { Msg::SendPush } else { Msg::SendCodeBy }, step.busy, false) }
                    </form>
                }
            }
            need @ (Some(Verification::Passcode)
            | Some(Verification::Question)
            | Some(Verification::Password)) => {
                let (label, input_type, autocomplete) = match need {
                    Some(Verification::Question) => (Msg::Answer, "password", "off"),
                    Some(Verification::Password) => (Msg::Password, "password", "current-password"),
                    Some(Verification::Passcode)
                    | Some(Verification::SentCode)
                    | Some(Verification::Push)
                    | None => (Msg::VerificationCode, "text", "one-time-code"),
                };
                let question = matches!(need, Some(Verification::Question))
                    .then(|| factor.profile.question_text.clone())
                    .flatten();
                let onsubmit = {
                    let (secret, factor_id, factor_type) = (
                        secret.clone(),
                        factor_id.clone(),
                        factor.factor_type.clone(),
                    );
                    let dispatch = step.dispatch.clone();
                    let remembered = remembered.clone();
                    Callback::from(move |e: SubmitEvent| {
                        e.prevent_default();
                        let value = (*secret).clone();
                        if value.trim().is_empty() {
                            return;
                        }
                        remembered();
                        let credential = match factor_type.verification() {
                            Some(Verification::Question) => {
                                FactorCredential::Answer(Answer::new(value))
                            }
                            Some(Verification::Password) => {
                                FactorCredential::Password(Password::new(value))
                            }
                            Some(Verification::Passcode)
                            | Some(Verification::SentCode)
                            | Some(Verification::Push)
                            | None => FactorCredential::PassCode(PassCode::new(value.trim())),
                        };
                        dispatch.emit(Action::VerifyFactor(VerifyFactor {
                            factor_id: factor_id.clone(),
                            credential: Some(credential),
                            remember_device,
                            auto_push: None,
                        }));
                    })
                };
                let oninput = {
                    let secret = secret.clone();
                    Callback::from(move |v: String| secret.set(v))
                };
                html! {
                    <form class="authn-form" {onsubmit}>
                        <TextField id="authn-verify-input" {label} label_text={question} value={(*secret).clone()} {oninput}
                            input_type={input_type} autocomplete={autocomplete}
                            inputmode={matches!(factor.factor_type.verification(), Some(Verification::Passcode)).then_some(AttrValue::Static("numeric"))}
                            invalid={step.error.is_some()} />
                        { for remember_box.clone() }
                        { submit_button(Msg::Verify, step.busy, secret.trim().is_empty()) }
                    </form>
                }
            }
        }
    };
    let back = (in_challenge && step.can(ActionKind::Previous)).then(|| {
        html! {
            { link_button(Msg::BackToFactors, "back", step.dispatch.reform(|()| Action::Previous), step.busy) }
        }
    });
    html! {
        <>
            { header(Msg::VerifyTitle.text(), AttrValue::from(label_of(&factor))) }
            { alert(step.error.as_ref(), true) }
            { notice(step.notice) }
            { for picker }
            { body }
            <nav class="authn-links">{ for back }{ cancel_link(step, Msg::BackToSignIn) }</nav>
        </>
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

/// Push sent: wait (the runner polls), show the number challenge, handle reject / timeout.
#[component]
pub fn PushWait(props: &PushWaitProps) -> Html {
    let step = &props.step;
    let data = &props.data;
    let remember_device = data
        .remember_device
        .allow
        .then_some(data.remember_device.by_default);
    let retry_verify = step.dispatch.reform(move |_: MouseEvent| {
        Action::VerifyFactor(VerifyFactor {
            factor_id: None,
            credential: None,
            remember_device,
            auto_push: None,
        })
    });
    let resend_push = step.can(ActionKind::Resend).then(|| {
        let channel = data
            .resend
            .iter()
            .find(|n| n.eq_ignore_ascii_case("push"))
            .cloned();
        Action::Resend { channel }
    });
    let problem = match &data.factor_result {
        None | Some(FactorResult::Waiting | FactorResult::Challenge | FactorResult::Success) => {
            None
        }
        Some(FactorResult::Rejected) => Some(Msg::PushRejected),
        Some(FactorResult::Timeout | FactorResult::TimeWindowExceeded) => Some(Msg::PushTimeout),
        Some(
            FactorResult::Cancelled
            | FactorResult::Error
            | FactorResult::Failed
            | FactorResult::PasscodeReplayed
            | FactorResult::Unknown(_),
        ) => Some(Msg::PushFailed),
    };
    let number = data.correct_answer.or(data
        .factor
        .challenge
        .as_ref()
        .and_then(|c| c.correct_answer));
    let retry = match (&problem, resend_push) {
        (None, _) => html! {},
        (Some(Msg::PushTimeout), Some(action)) => html! {
            <ResendButton step={step.clone()} {action} label={Msg::PushResend} />
        },
        (Some(_), _) => html! {
            <button type="button" class="authn-button authn-button-primary authn-button-wide" data-action="retry"
                disabled={step.busy || !step.can(ActionKind::VerifyFactor)} onclick={retry_verify}>
                { Msg::PushResend.text() }
            </button>
        },
    };
    html! {
        <>
            { header(Msg::PushSentTitle.text(), AttrValue::from(label_of(&data.factor))) }
            { alert(step.error.as_ref(), true) }
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
