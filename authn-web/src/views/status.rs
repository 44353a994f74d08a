use authn_core::{ActionKind, Success, SuccessKind, UnknownState};
use yew::prelude::*;

use crate::components::{Alert, CancelLink};
use crate::hooks::{Step, UiEvent};
use crate::messages::{Msg, fill};
use crate::views::Header;

/// Props of [`LoadingView`].
#[derive(Properties, PartialEq)]
pub struct LoadingProps {
    /// What is loading.
    pub message: Msg,
}

/// A busy indicator (resuming a transaction, verifying a recovery link).
#[component]
pub fn LoadingView(props: &LoadingProps) -> Html {
    html! {
        <>
            <h2 class="authn-title" tabindex="-1">{ props.message.text() }</h2>
            <div class="authn-spinner" role="progressbar" aria-label={props.message.text()}></div>
        </>
    }
}

/// Props of the views that only need the step.
#[derive(Properties, PartialEq)]
pub struct StepProps {
    /// Shared step inputs.
    pub step: Step,
}

fn back_button(step: &Step, label: Msg) -> Html {
    html! {
        <button type="button" class="authn-button authn-button-primary authn-button-wide" data-action="back"
            onclick={step.ui.reform(|_: MouseEvent| UiEvent::BackToSignIn)}>{ label.text() }</button>
    }
}

/// The transaction expired (E0000011) or the recovery link is no longer valid.
#[component]
pub fn SessionExpired(props: &StepProps) -> Html {
    let step = &props.step;
    let recovery_link = step.error.as_ref().and_then(|e| e.code.as_deref()) == Some("E0000105");
    let text = if recovery_link {
        Msg::RecoveryLinkExpired
    } else {
        Msg::SessionExpiredText
    };
    html! {
        <>
            <Header title={Msg::SessionExpiredTitle.text()} />
            <div class="authn-alert" role="alert" tabindex="-1">{ text.text() }</div>
            { back_button(step, Msg::BackToSignIn) }
        </>
    }
}

/// Generic error with retry (starting or resuming failed).
#[component]
pub fn ErrorView(props: &StepProps) -> Html {
    let step = &props.step;
    html! {
        <>
            <Header title={Msg::ErrorTitle.text()} />
            <Alert error={step.error.clone()} />
            <div class="authn-actions">
                <button type="button" class="authn-button authn-button-primary authn-button-wide" data-action="retry"
                    disabled={step.busy} onclick={step.ui.reform(|_: MouseEvent| UiEvent::Retry)}>{ Msg::TryAgain.text() }</button>
                { back_button(step, Msg::StartOver) }
            </div>
        </>
    }
}

/// Props of [`SuccessView`].
#[derive(Properties, PartialEq)]
pub struct SuccessProps {
    /// Shared step inputs.
    pub step: Step,
    /// The state data.
    pub data: Success,
}

/// Signed in: the page received the session token (or the step-up redirect is followed).
#[component]
pub fn SuccessView(props: &SuccessProps) -> Html {
    let redirecting =
        props.data.kind == SuccessKind::SessionStepUp && props.data.redirect_url.is_some();
    let text = if redirecting {
        Msg::RedirectingText
    } else {
        Msg::SuccessText
    };
    html! {
        <>
            <Header title={Msg::SuccessTitle.text()} />
            <p class="authn-text" role="status">{ text.text() }</p>
            <Alert error={props.step.error.clone()} />
        </>
    }
}

/// Props of [`PollWaitView`].
#[derive(Properties, PartialEq)]
pub struct PollWaitProps {
    /// Shared step inputs.
    pub step: Step,
}

/// The POLL waiting room; the runner polls at the server's refresh interval.
#[component]
pub fn PollWaitView(props: &PollWaitProps) -> Html {
    let step = &props.step;
    html! {
        <>
            <Header title={Msg::PollWaitTitle.text()} subtitle={Msg::PollWaitText.text()} />
            <Alert error={step.error.clone()} />
            <div class="authn-spinner" aria-hidden="true"></div>
            <nav class="authn-links"><CancelLink step={step.clone()} /></nav>
        </>
    }
}

/// Props of [`UnknownStateView`].
#[derive(Properties, PartialEq)]
pub struct UnknownProps {
    /// Shared step inputs.
    pub step: Step,
    /// The state data.
    pub data: UnknownState,
}

/// A status this widget does not know: message and start over (cancels when possible).
#[component]
pub fn UnknownStateView(props: &UnknownProps) -> Html {
    let step = &props.step;
    html! {
        <>
            <Header title={Msg::UnknownStateTitle.text()}
                subtitle={fill(Msg::UnknownStateText, &[&props.data.status])} />
            <Alert error={step.error.clone()} />
            if step.can(ActionKind::Cancel) {
                <nav class="authn-links"><CancelLink step={step.clone()} label={Msg::StartOver} /></nav>
            } else {
                { back_button(step, Msg::StartOver) }
            }
        </>
    }
}
