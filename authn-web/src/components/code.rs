use authn_core::Action;
use yew::prelude::*;

use crate::components::{TextField, submit_button};
use crate::hooks::{use_countdown, use_secret};
use crate::messages::Msg;
use crate::model::Step;

/// Props of [`ResendButton`].
#[derive(Properties, PartialEq)]
pub struct ResendProps {
    /// Shared step inputs (the resend window comes from the core through it).
    pub step: Step,
    /// Button text.
    #[prop_or(Msg::ResendCode)]
    pub label: Msg,
}

/// Resend (`Action::Resend`: the core picks the link), locked with a countdown until the core's
/// resend window opens. Renders nothing when the core does not offer resend.
#[component]
pub fn ResendButton(props: &ResendProps) -> Html {
    let step = &props.step;
    let left = use_countdown(step.resend);
    if step.resend.is_none() {
        return html! {};
    }
    let onclick = step.dispatch.reform(|_: MouseEvent| Action::Resend);
    html! {
        <button type="button" class="authn-button authn-button-wide" data-action="resend"
            disabled={step.busy || left > 0} {onclick}>
            if left > 0 { { Msg::ResendIn.count(left.into()) } } else { { props.label.text() } }
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
    /// Offer resend (when the core does).
    #[prop_or(true)]
    pub resend: bool,
}

/// A one-time code field (`autocomplete="one-time-code"`) with submit and, when the core offers it,
/// resend. The code is cleared after each error.
#[component]
pub fn CodeForm(props: &CodeFormProps) -> Html {
    let step = &props.step;
    let code = use_secret(step.error_seq);
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
            if props.resend {
                <ResendButton step={step.clone()} />
            }
        </form>
    }
}
