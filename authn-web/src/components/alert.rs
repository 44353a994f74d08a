use yew::prelude::*;

use crate::errors::UiError;
use crate::messages::Msg;

/// Props of [`Alert`].
#[derive(Properties, PartialEq)]
pub struct AlertProps {
    /// The error to show; nothing is rendered without one.
    pub error: Option<UiError>,
    /// Show the server's `errorCauses` here (views with per-field causes pass `false`).
    #[prop_or(true)]
    pub with_causes: bool,
}

/// An error box announced to screen readers (`role="alert"`); focusable so focus can move to it.
#[component]
pub fn Alert(props: &AlertProps) -> Html {
    let Some(error) = &props.error else {
        return html! {};
    };
    let causes = if props.with_causes {
        error.causes.as_slice()
    } else {
        &[]
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

/// Props of [`Notice`].
#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    /// The notice; an empty live region is rendered without one (so later notices are announced).
    pub notice: Option<Msg>,
}

/// A polite status message (`role="status"`).
#[component]
pub fn Notice(props: &NoticeProps) -> Html {
    html! {
        <div class="authn-notice" role="status" aria-live="polite">
            if let Some(notice) = props.notice { { notice.text() } }
        </div>
    }
}
