use authn_core::{
    Action, ActionKind, Answer, LockedOut, PassCode, RecoveryChallenge, RecoveryFactor as Channel,
    RecoveryState,
};
use yew::prelude::*;

use crate::components::{TextField, alert, cancel_link, link_button, notice, submit_button};
use crate::config::SignInConfig;
use crate::hooks::{Step, UiEvent, use_countdown};
use crate::messages::{Msg, fill};
use crate::route::StartPage;
use crate::views::header;

/// Seconds before a code can be resent (Okta allows one SMS / call per 30 s).
pub const RESEND_SECONDS: u32 = 30;

/// "Check your email": the user continues from the emailed link.
pub fn email_sent(step: &Step, unlock: bool) -> Html {
    let text = if unlock {
        Msg::UnlockEmailSentText
    } else {
        Msg::ResetEmailSentText
    };
    html! {
        <>
            { header(Msg::EmailSentTitle.text(), fill(text, &[&step.username])) }
            { alert(step.error.as_ref(), true) }
            <nav class="authn-links">{ cancel_link(step, Msg::BackToSignIn) }</nav>
        </>
    }
}

/// Props of [`ResendButton`].
#[derive(Properties, PartialEq)]
pub struct ResendProps {
    /// Shared step inputs.
    pub step: Step,
    /// What to dispatch.
    pub action: Action,
    /// Button text.
    #[prop_or(Msg::ResendCode)]
    pub label: Msg,
}

/// A resend button that unlocks 30 s after each send (countdown shown while locked).
#[component]
pub fn ResendButton(props: &ResendProps) -> Html {
    let step = &props.step;
    let left = use_countdown(step.sent_seq, RESEND_SECONDS);
    let action = props.action.clone();
    let onclick = step.dispatch.reform(move |_: MouseEvent| action.clone());
    html! {
        <button type="button" class="authn-button authn-button-wide" data-action="resend"
            disabled={step.busy || left > 0} {onclick}>
            if left > 0 { { fill(Msg::ResendIn, &[&left.to_string()]) } } else { { props.label.text() } }
        </button>
    }
}

/// Props of [`CodeForm`].
#[derive(Properties, PartialEq)]
pub struct CodeFormProps {
    /// Shared step inputs.
    pub step: Step,
    /// Builds the action from the typed code.
    pub submit: Callback<String, Action>,
    /// Field label.
    #[prop_or(Msg::VerificationCode)]
    pub label: Msg,
    /// Submit button text.
    #[prop_or(Msg::Verify)]
    pub button: Msg,
    /// Optional resend action.
    #[prop_or_default]
    pub resend: Option<Action>,
}

/// A one-time code field (`autocomplete="one-time-code"`) with submit and optional resend.
#[component]
pub fn CodeForm(props: &CodeFormProps) -> Html {
    let step = &props.step;
    let code = use_state(String::new);
    {
        let code = code.clone();
        use_effect_with(step.error_seq, move |_| code.set(String::new()));
    }
    let onsubmit = {
        let code = code.clone();
        let submit = props.submit.clone();
        let dispatch = step.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = code.trim().to_owned();
            if !value.is_empty() {
                dispatch.emit(submit.emit(value));
            }
        })
    };
    let oninput = {
        let code = code.clone();
        Callback::from(move |v: String| code.set(v))
    };
    html! {
        <form class="authn-form" {onsubmit}>
            <TextField id="authn-code" label={props.label} value={(*code).clone()} {oninput}
                autocomplete="one-time-code" inputmode="numeric" invalid={step.error.is_some()} />
            { submit_button(props.button, step.busy, code.trim().is_empty()) }
            if let Some(action) = &props.resend {
                <ResendButton step={step.clone()} action={action.clone()} />
            }
        </form>
    }
}

/// Props of [`RecoveryChallengeForm`].
#[derive(Properties, PartialEq)]
pub struct RecoveryChallengeProps {
    /// Shared step inputs.
    pub step: Step,
    /// The state data.
    pub data: RecoveryChallenge,
}

/// SMS / voice call recovery code entry with resend.
#[component]
pub fn RecoveryChallengeForm(props: &RecoveryChallengeProps) -> Html {
    let step = &props.step;
    let title = match props.data.factor_type {
        Some(Channel::Call) => Msg::RecoveryChallengeTitleCall,
        Some(Channel::Sms | Channel::Email) | None => Msg::RecoveryChallengeTitleSms,
    };
    let submit = Callback::from(|code: String| Action::VerifyRecoveryCode {
        pass_code: PassCode::new(code),
    });
    let resend = (props.data.can_resend && step.can(ActionKind::Resend))
        .then_some(Action::Resend { channel: None });
    html! {
        <>
            { header(title.text(), Msg::RecoveryChallengeText.text()) }
            { alert(step.error.as_ref(), true) }
            { notice(step.notice) }
            <CodeForm step={step.clone()} {submit} {resend} />
            <nav class="authn-links">{ cancel_link(step, Msg::BackToSignIn) }</nav>
        </>
    }
}

/// Props of [`RecoveryQuestionForm`].
#[derive(Properties, PartialEq)]
pub struct RecoveryQuestionProps {
    /// Shared step inputs.
    pub step: Step,
    /// The state data.
    pub data: RecoveryState,
}

/// The recovery question.
#[component]
pub fn RecoveryQuestionForm(props: &RecoveryQuestionProps) -> Html {
    let step = &props.step;
    let answer = use_state(String::new);
    {
        let answer = answer.clone();
        use_effect_with(step.error_seq, move |_| answer.set(String::new()));
    }
    let onsubmit = {
        let answer = answer.clone();
        let dispatch = step.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !answer.is_empty() {
                dispatch.emit(Action::AnswerRecoveryQuestion {
                    answer: Answer::new((*answer).clone()),
                });
            }
        })
    };
    let oninput = {
        let answer = answer.clone();
        Callback::from(move |v: String| answer.set(v))
    };
    let question = props.data.question.clone().filter(|q| !q.trim().is_empty());
    html! {
        <>
            { header(Msg::RecoveryQuestionTitle.text(), None::<AttrValue>) }
            { alert(step.error.as_ref(), true) }
            <form class="authn-form" {onsubmit}>
                <TextField id="authn-answer" label={Msg::Answer} label_text={question} value={(*answer).clone()} {oninput}
                    input_type="password" autocomplete="off" invalid={step.error.is_some()} />
                { submit_button(Msg::Submit, step.busy, answer.is_empty()) }
            </form>
            <nav class="authn-links">{ cancel_link(step, Msg::BackToSignIn) }</nav>
        </>
    }
}

/// Props of [`LockedOutView`].
#[derive(Properties, PartialEq)]
pub struct LockedOutProps {
    /// Shared step inputs.
    pub step: Step,
    /// The state data.
    pub data: LockedOut,
}

/// Account locked: offers self-service unlock when the server and the configuration allow it.
#[component]
pub fn LockedOutView(props: &LockedOutProps) -> Html {
    let step = &props.step;
    let config = use_context::<SignInConfig>().unwrap_or_else(|| SignInConfig::new(""));
    let unlock = props.data.can_unlock && config.features.unlock_available();
    let text = if unlock {
        Msg::LockedOutText
    } else {
        Msg::LockedOutContactAdmin
    };
    let go_unlock = {
        let ui = step.ui.clone();
        Callback::from(move |_: MouseEvent| {
            ui.emit(UiEvent::BackToSignIn);
            ui.emit(UiEvent::ShowStart(StartPage::AccountUnlock));
        })
    };
    html! {
        <>
            { header(Msg::LockedOutTitle.text(), text.text()) }
            { alert(step.error.as_ref(), true) }
            if unlock {
                <button type="button" class="authn-button authn-button-primary authn-button-wide"
                    data-action="unlock" onclick={go_unlock}>{ Msg::UnlockAccount.text() }</button>
            }
            <nav class="authn-links">
                { link_button(Msg::BackToSignIn, "back", step.ui.reform(|()| UiEvent::BackToSignIn), false) }
            </nav>
        </>
    }
}

/// The account was unlocked (SUCCESS with recovery type UNLOCK).
pub fn account_unlocked(step: &Step) -> Html {
    html! {
        <>
            { header(Msg::AccountUnlockedTitle.text(), Msg::AccountUnlockedText.text()) }
            <button type="button" class="authn-button authn-button-primary authn-button-wide" data-action="back"
                onclick={step.ui.reform(|_: MouseEvent| UiEvent::BackToSignIn)}>{ Msg::BackToSignIn.text() }</button>
        </>
    }
}
