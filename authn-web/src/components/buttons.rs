use authn_core::{Action, ActionKind};
use yew::prelude::*;

use crate::hooks::{Step, UiEvent};
use crate::messages::Msg;

/// Props of [`SubmitButton`].
#[derive(Properties, PartialEq)]
pub struct SubmitButtonProps {
    /// Button text.
    pub label: Msg,
    /// Disabled while a request is in flight.
    pub busy: bool,
    /// Extra disabled condition (e.g. unmet requirements).
    #[prop_or_default]
    pub disabled: bool,
}

/// The primary submit button of a form; disabled (and `aria-busy`) while busy.
#[component]
pub fn SubmitButton(props: &SubmitButtonProps) -> Html {
    html! {
        <button type="submit" class="authn-button authn-button-primary authn-button-wide"
            disabled={props.busy || props.disabled} aria-busy={props.busy.to_string()}>
            { props.label.text() }
        </button>
    }
}

/// Props of [`LinkButton`].
#[derive(Properties, PartialEq)]
pub struct LinkButtonProps {
    /// Text.
    pub label: Msg,
    /// Click handler.
    pub onclick: Callback<()>,
    /// Disabled.
    #[prop_or_default]
    pub disabled: bool,
    /// Stable hook for tests and styling (`data-action`).
    #[prop_or_default]
    pub action: Option<AttrValue>,
}

/// A button styled as a link (keyboard reachable, no `href="#"`).
#[component]
pub fn LinkButton(props: &LinkButtonProps) -> Html {
    let onclick = props.onclick.reform(|_: MouseEvent| ());
    html! {
        <button type="button" class="authn-link" {onclick} disabled={props.disabled} data-action={props.action.clone()}>
            { props.label.text() }
        </button>
    }
}

/// Props of [`CancelLink`].
#[derive(Properties, PartialEq)]
pub struct CancelLinkProps {
    /// The view's step.
    pub step: Step,
    /// Text (defaults to "Back to sign in").
    #[prop_or(Msg::BackToSignIn)]
    pub label: Msg,
}

/// "Back to sign in": cancels the transaction on the server when a `cancel` link exists,
/// else drops it locally.
#[component]
pub fn CancelLink(props: &CancelLinkProps) -> Html {
    let step = &props.step;
    let onclick = if step.can(ActionKind::Cancel) {
        step.dispatch.reform(|()| Action::Cancel)
    } else {
        step.ui.reform(|()| UiEvent::BackToSignIn)
    };
    html! {
        <LinkButton label={props.label} {onclick} disabled={step.busy} action="cancel" />
    }
}
