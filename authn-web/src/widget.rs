//! The `<SignIn>` component: context, the flow hook, focus management and view selection.

use authn_core::{FactorKey, MfaEnroll, RecoveryType, State, Success};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::config::SignInConfig;
use crate::hooks::{FlowView, Step, use_flow};
use crate::messages::Msg;
use crate::route::ViewId;
use crate::services::Services;
use crate::views::{
    ChangePassword, EnrollChoices, EnrollEmail, EnrollPhone, EnrollPush, EnrollQuestion,
    EnrollToken, EnrollTotp, LockedOutView, MfaVerify, PasswordMode, PrimaryAuthForm, PushWait,
    RecoveryChallengeForm, RecoveryQuestionForm, RecoveryStart, account_unlocked,
    custom_password_expired, email_sent, enroll_unsupported, error_view, loading_view,
    poll_wait_view, session_expired, success_view, unknown_state_view,
};

/// Props of [`SignIn`].
#[derive(Properties, PartialEq)]
pub struct SignInProps {
    /// Configuration (read once, when the widget mounts).
    pub config: SignInConfig,
    /// Called once per successful sign-in with the SUCCESS data (session token, relay state,
    /// user). Not called for an account unlock, which signs nobody in.
    #[prop_or_default]
    pub on_success: Callback<Success>,
    /// The environment; defaults to the real browser services.
    #[prop_or_default]
    pub services: Option<Services>,
    /// Lifecycle events (after each view change, after each error, success).
    #[prop_or_default]
    pub on_event: Callback<WidgetEvent>,
}

/// What the widget reports to its host page besides `on_success`.
#[derive(Clone, Debug, PartialEq)]
pub enum WidgetEvent {
    /// A view was rendered (`data-view` id).
    AfterRender {
        /// The view id.
        view: ViewId,
    },
    /// An error was shown.
    AfterError {
        /// The view showing it.
        view: ViewId,
        /// The error as shown.
        error: crate::errors::UiError,
    },
    /// The transaction succeeded (also passed to `on_success`).
    Success(Success),
}

/// The sign-in widget. Its root carries `data-view` with the current view id.
#[component]
pub fn SignIn(props: &SignInProps) -> Html {
    let services = use_memo((), {
        let services = props.services.clone();
        move |()| services.unwrap_or_else(Services::browser)
    });
    let services: Services = (*services).clone();
    let config = props.config.clone();
    let on_success = {
        let (on_success, on_event) = (props.on_success.clone(), props.on_event.clone());
        use_callback(
            (on_success, on_event),
            |success: Success, (on_success, on_event)| {
                on_success.emit(success.clone());
                on_event.emit(WidgetEvent::Success(success));
            },
        )
    };
    let flow = use_flow(&config, &services, &on_success);
    let root = use_node_ref();
    {
        let root = root.clone();
        let on_event = props.on_event.clone();
        let error = flow.step.error.clone();
        use_effect_with((flow.view, flow.step.error_seq), move |(view, _)| {
            focus_first(&root);
            on_event.emit(WidgetEvent::AfterRender { view: *view });
            if let Some(error) = error {
                on_event.emit(WidgetEvent::AfterError { view: *view, error });
            }
        });
    }
    let view = flow.view;
    html! {
        <ContextProvider<Services> context={services}>
            <ContextProvider<SignInConfig> context={config}>
                <div class="authn-widget" data-view={view.as_str()} data-busy={flow.step.busy.to_string()}
                    aria-busy={flow.step.busy.to_string()} ref={root}>
                    { render(&flow) }
                </div>
            </ContextProvider<SignInConfig>>
        </ContextProvider<Services>>
    }
}

/// Moves focus to the error (if shown), else the first field, else the view title.
fn focus_first(root: &NodeRef) {
    let Some(root) = root.cast::<web_sys::Element>() else {
        return;
    };
    for selector in [
        ".authn-alert",
        "input:not([type=hidden]):not([disabled]), select, textarea",
        ".authn-title",
    ] {
        if let Ok(Some(element)) = root.query_selector(selector)
            && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = element.focus();
            return;
        }
    }
}

/// The factor the user picked in the enroll choices.
fn picked(data: &MfaEnroll, key: Option<&FactorKey>) -> Option<authn_core::Factor> {
    let key = key?;
    data.factors.iter().find(|f| f.key() == *key).cloned()
}

fn render(flow: &FlowView) -> Html {
    let step: Step = flow.step.clone();
    let state: &State = &flow.state;
    let enroll_pick = flow.enroll_pick.as_ref();
    match (flow.view, state) {
        (ViewId::PrimaryAuth, _) => html! { <PrimaryAuthForm {step} /> },
        (ViewId::ForgotPassword, _) => html! { <RecoveryStart {step} unlock={false} /> },
        (ViewId::AccountUnlock, _) => html! { <RecoveryStart {step} unlock={true} /> },
        (ViewId::PasswordResetEmailSent, _) => email_sent(&step, false),
        (ViewId::UnlockEmailSent, _) => email_sent(&step, true),
        (ViewId::RecoveryChallenge, State::RecoveryChallenge(data)) => {
            html! { <RecoveryChallengeForm {step} data={data.clone()} /> }
        }
        (ViewId::RecoveryQuestion, State::Recovery(data)) => {
            html! { <RecoveryQuestionForm {step} data={data.clone()} /> }
        }
        (ViewId::PasswordReset, State::PasswordReset(data)) => {
            let mode = if data.recovery_type == Some(RecoveryType::AccountActivation) {
                PasswordMode::Activate
            } else {
                PasswordMode::Reset
            };
            html! {
                <ChangePassword {step} {mode} policy={data.policy.clone()} user={data.user.clone()} />
            }
        }
        (ViewId::PasswordExpired, State::PasswordExpired(data)) => html! {
            <ChangePassword {step} mode={PasswordMode::Expired} policy={data.policy.clone()} user={data.user.clone()} />
        },
        (ViewId::PasswordExpiryWarning, State::PasswordWarn(data)) => html! {
            <ChangePassword {step} mode={PasswordMode::Warn} policy={data.policy.clone()}
                user={data.user.clone()} days_left={data.days_left} />
        },
        (
            ViewId::CustomPasswordExpired,
            State::PasswordWarn(data) | State::PasswordExpired(data),
        ) => custom_password_expired(&step, data),
        (ViewId::LockedOut, State::LockedOut(data)) => {
            html! { <LockedOutView {step} data={data.clone()} /> }
        }
        (ViewId::AccountUnlocked, _) => account_unlocked(&step),
        (ViewId::EnrollChoices, State::MfaEnroll(data)) => {
            html! { <EnrollChoices {step} data={data.clone()} /> }
        }
        (
            ViewId::EnrollQuestion
            | ViewId::EnrollSms
            | ViewId::EnrollCall
            | ViewId::EnrollEmail
            | ViewId::EnrollTotp
            | ViewId::EnrollPush
            | ViewId::EnrollToken
            | ViewId::EnrollUnsupported,
            State::MfaEnroll(data),
        ) => match picked(data, enroll_pick) {
            Some(factor) => enroll_view(flow.view, step, factor, None, data.questions.clone()),
            None => html! { <EnrollChoices {step} data={data.clone()} /> },
        },
        (
            ViewId::EnrollSms
            | ViewId::EnrollCall
            | ViewId::EnrollEmail
            | ViewId::EnrollTotp
            | ViewId::EnrollPush
            | ViewId::EnrollUnsupported,
            State::MfaEnrollActivate(data),
        ) => enroll_view(
            flow.view,
            step,
            data.factor.clone(),
            Some(data.clone()),
            None,
        ),
        (ViewId::MfaVerify, State::MfaRequired(data)) => html! {
            <MfaVerify {step} factors={data.factors.clone()} remember={data.remember_device.clone()} />
        },
        (ViewId::MfaVerify, State::Unauthenticated(data)) => html! {
            <MfaVerify {step} factors={data.factors.clone()} remember={data.remember_device.clone()} />
        },
        (ViewId::MfaVerify, State::MfaChallenge(data)) => html! {
            <MfaVerify {step} challenge={Some(data.clone())} />
        },
        (ViewId::MfaPushWait, State::MfaChallenge(data)) => {
            html! { <PushWait {step} data={data.clone()} /> }
        }
        (ViewId::RefreshAuthState, _) => loading_view(Msg::Loading),
        (ViewId::RecoveryLoading, _) => loading_view(Msg::Loading),
        (ViewId::SessionExpired, _) => session_expired(&step),
        (ViewId::ErrorState, _) => error_view(&step),
        (ViewId::Success, State::Success(data)) => success_view(&step, data),
        (ViewId::PollWait, _) => poll_wait_view(&step),
        (ViewId::UnknownState, State::Unknown(data)) => unknown_state_view(&step, data),
        // The router only pairs views with their own states; anything else is a bug that still
        // must not leave a blank widget.
        (_, other) => unknown_state_view(
            &step,
            &authn_core::UnknownState {
                status: other.kind().as_str().to_owned(),
                can_cancel: false,
            },
        ),
    }
}

fn enroll_view(
    view: ViewId,
    step: Step,
    factor: authn_core::Factor,
    activate: Option<authn_core::MfaEnrollActivate>,
    questions: Option<Vec<authn_core::SecurityQuestion>>,
) -> Html {
    match view {
        ViewId::EnrollQuestion => {
            html! { <EnrollQuestion {step} {factor} {activate} {questions} /> }
        }
        ViewId::EnrollSms | ViewId::EnrollCall => {
            html! { <EnrollPhone {step} {factor} {activate} /> }
        }
        ViewId::EnrollEmail => html! { <EnrollEmail {step} {factor} {activate} /> },
        ViewId::EnrollTotp => html! { <EnrollTotp {step} {factor} {activate} /> },
        ViewId::EnrollPush => html! { <EnrollPush {step} {factor} {activate} /> },
        ViewId::EnrollToken => html! { <EnrollToken {step} {factor} {activate} /> },
        // and (never routed here) any non-enroll view: never a blank widget.
        _ => enroll_unsupported(&step, &factor, activate.is_some()),
    }
}
