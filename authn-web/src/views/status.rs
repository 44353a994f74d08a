//! Views without a form: loading, session expired, error with retry, success, the waiting room and
//! unknown statuses.

use authn_core::{ActionKind, ErrorMessage, Success, SuccessOutcome, UnknownState};
use yew::prelude::*;

use crate::components::{alert, back_button, cancel_link, header};
use crate::messages::{Msg, fill};
use crate::model::{Step, UiEvent};

/// A busy indicator (resuming a transaction, verifying a recovery link).
pub fn loading_view(message: Msg) -> Html {
    html! {
        <>
            <h2 class="authn-title" tabindex="-1">{ message.text() }</h2>
            <div class="authn-spinner" role="progressbar" aria-label={message.text()}></div>
        </>
    }
}

/// The transaction expired (invalid state token, local expiry) or the recovery link is no longer valid.
pub fn session_expired(step: &Step) -> Html {
    let link_expired = step
        .error
        .as_ref()
        .is_some_and(|e| e.key == ErrorMessage::RecoveryLinkExpired);
    let text = if link_expired {
        Msg::RecoveryLinkExpired
    } else {
        Msg::SessionExpiredText
    };
    html! {
        <>
            { header(Msg::SessionExpiredTitle.text(), None::<AttrValue>) }
            <div class="authn-alert" role="alert" tabindex="-1" data-error-code={step.error.as_ref().and_then(|e| e.code.clone())}>
                { text.text() }
            </div>
            { back_button(step, Msg::BackToSignIn) }
        </>
    }
}

/// Generic error with retry (starting or resuming failed).
pub fn error_view(step: &Step) -> Html {
    html! {
        <>
            { header(Msg::ErrorTitle.text(), None::<AttrValue>) }
            { alert(step.error.as_ref(), None) }
            <div class="authn-actions">
                <button type="button" class="authn-button authn-button-primary authn-button-wide" data-action="retry"
                    disabled={step.busy} onclick={step.ui.reform(|_: MouseEvent| UiEvent::Retry)}>{ Msg::TryAgain.text() }</button>
                { back_button(step, Msg::StartOver) }
            </div>
        </>
    }
}

/// Signed in: the page received the session token (or the step-up redirect is followed).
pub fn success_view(step: &Step, data: &Success) -> Html {
    let text = match data.outcome() {
        SuccessOutcome::StepUp(_) => Msg::RedirectingText,
        SuccessOutcome::SignedIn | SuccessOutcome::Unlocked => Msg::SuccessText,
    };
    html! {
        <>
            { header(Msg::SuccessTitle.text(), None::<AttrValue>) }
            <p class="authn-text" role="status">{ text.text() }</p>
            { alert(step.error.as_ref(), None) }
        </>
    }
}

/// The POLL waiting room; the core polls at the server's refresh interval.
pub fn poll_wait_view(step: &Step) -> Html {
    html! {
        <>
            { header(Msg::PollWaitTitle.text(), Msg::PollWaitText.text()) }
            { alert(step.error.as_ref(), None) }
            <div class="authn-spinner" aria-hidden="true"></div>
            <nav class="authn-links">{ cancel_link(step, Msg::BackToSignIn) }</nav>
        </>
    }
}

/// A status this widget does not know: message and start over (cancels when possible).
pub fn unknown_state_view(step: &Step, data: &UnknownState) -> Html {
    html! {
        <>
            { header(Msg::UnknownStateTitle.text(), fill(Msg::UnknownStateText, &[&data.status])) }
            { alert(step.error.as_ref(), None) }
            if step.can(ActionKind::Cancel) {
                <nav class="authn-links">{ cancel_link(step, Msg::StartOver) }</nav>
            } else {
                { back_button(step, Msg::StartOver) }
            }
        </>
    }
}
