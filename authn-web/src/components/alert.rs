use authn_core::ErrorField;
use yew::prelude::*;

use crate::errors::UiError;
use crate::messages::Msg;

/// An error box announced to screen readers (`role="alert"`); focusable so focus can move to it.
/// Nothing is rendered without an error. The server's `errorCauses` are listed here unless they
/// belong under `placed`, a field the view renders them under itself.
pub fn alert(error: Option<&UiError>, placed: Option<ErrorField>) -> Html {
    let Some(error) = error else {
        return html! {};
    };
    let elsewhere = placed.is_some() && error.field == placed;
    let causes = if elsewhere {
        &[]
    } else {
        error.causes.as_slice()
    };
    html! {
        <div class="authn-alert" role="alert" aria-live="assertive" tabindex="-1" data-error-code={error.code.clone()}>
            <p class="authn-alert-message">{ error.message.clone() }</p>
            if !causes.is_empty() {
                <ul>{ for causes.iter().map(|c| html! { <li>{ c.clone() }</li> }) }</ul>
            }
        </div>
    }
}

/// A polite status message (`role="status"`); an empty live region without a notice (so later
/// notices are announced).
pub fn notice(notice: Option<Msg>) -> Html {
    html! {
        <div class="authn-notice" role="status" aria-live="polite">
            if let Some(notice) = notice { { notice.text() } }
        </div>
    }
}
