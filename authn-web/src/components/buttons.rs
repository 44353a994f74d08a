use authn_core::{Action, ActionKind};
use yew::prelude::*;

use crate::hooks::{Step, UiEvent};
use crate::messages::Msg;

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

/// "Back to sign in" (or `label`): cancels the transaction on the server when a `cancel` link exists,
/// else drops it locally.
pub fn cancel_link(step: &Step, label: Msg) -> Html {
    let onclick = if step.can(ActionKind::Cancel) {
        step.dispatch.reform(|()| Action::Cancel)
    } else {
        step.ui.reform(|()| UiEvent::BackToSignIn)
    };
    html! {
        { link_button(label, "cancel", onclick, step.busy) }
    }
}
