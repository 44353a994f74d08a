use authn_core::{Action, ActionKind};
use yew::prelude::*;

use crate::messages::Msg;
use crate::model::{Step, UiEvent};

/// The primary submit button of a form; disabled (and `aria-busy`) while `busy`, and when `disabled`
/// (e.g. unmet requirements).
pub fn submit_button(label: Msg, busy: bool, disabled: bool) -> Html {
    html! {
        <button type="submit" class="authn-button authn-button-primary authn-button-wide"
            disabled={busy || disabled} aria-busy={busy.to_string()}>
            { label.text() }
        </button>
    }
}

/// A wide button that sends `action` (disabled while a request is in flight); `data_action` is its
/// stable `data-action`.
pub fn action_button(step: &Step, label: Msg, data_action: &'static str, action: Action) -> Html {
    let onclick = step.dispatch.reform(move |_: MouseEvent| action.clone());
    html! {
        <button type="button" class="authn-button authn-button-primary authn-button-wide"
            data-action={data_action} disabled={step.busy} {onclick}>{ label.text() }</button>
    }
}

/// A button styled as a link (keyboard reachable, no `href="#"`); `action` is its `data-action`, a
/// stable hook for tests and styling.
pub fn link_button(
    label: Msg,
    action: &'static str,
    onclick: Callback<()>,
    disabled: bool,
) -> Html {
    let onclick = onclick.reform(|_: MouseEvent| ());
    html! {
        <button type="button" class="authn-link" {onclick} {disabled} data-action={action}>
            { label.text() }
        </button>
    }
}

/// "Back to sign in" (or `label`): cancels the transaction on the server when the core allows
/// `cancel`, else forgets it locally. Never disabled: it supersedes a request in flight. Nothing
/// when the page hides it on this view ([`Step::back_link`]).
pub fn cancel_link(step: &Step, label: Msg) -> Html {
    if !step.back_link {
        return html! {};
    }
    let onclick = if step.can(ActionKind::Cancel) {
        step.dispatch.reform(|()| Action::Cancel)
    } else {
        step.ui.reform(|()| UiEvent::BackToSignIn)
    };
    html! {
        { link_button(label, "cancel", onclick, false) }
    }
}

/// A wide "back to sign in" button (terminal and expired views): forgets the transaction locally.
pub fn back_button(step: &Step, label: Msg) -> Html {
    html! {
        <button type="button" class="authn-button authn-button-primary authn-button-wide" data-action="back"
            onclick={step.ui.reform(|_: MouseEvent| UiEvent::BackToSignIn)}>{ label.text() }</button>
    }
}
