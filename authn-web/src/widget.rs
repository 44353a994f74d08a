//! The `<SignIn>` component: the language, context, the model and its executor, focus management
//! and rendering of the routed screen.

use authn_core::{Factor, FactorKey, Success};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::{beacon, logo, target_line};
use crate::config::SignInConfig;
use crate::hooks::{SharedCatalogue, use_brand_style, use_catalogue, use_sign_in};
use crate::i18n;
use crate::messages::Msg;
use crate::model::Step;
use crate::route::{Screen, ViewId, back_link_shown, route};
use crate::services::Services;
use crate::theme::BrandColors;
use crate::views::{
    ChangePassword, EmailSent, EnrollChoices, LockedOutView, MfaVerify, PasswordMode,
    PrimaryAuthForm, PushWait, RecoveryChallengeForm, RecoveryQuestionForm, RecoveryStart,
    account_unlocked, activate_form, custom_password_expired, enroll_form, error_view,
    loading_view, poll_wait_view, session_expired, success_view, unknown_state_view,
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
// One event per view change or error: boxing the success would only change the public API.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum WidgetEvent {
    /// Another view was rendered (once per view change, not when a view shows an error).
    AfterRender {
        /// The view id (`data-view`).
        view: ViewId,
        /// The factor the view is about (being enrolled, activated or challenged), if one.
        factor: Option<FactorKey>,
        /// The username the user last typed, as typed (before the page's `transformUsername`).
        username: Option<String>,
    },
    /// An error was shown (with the HTTP status and the server's error body, when there was one).
    AfterError {
        /// The view showing it.
        view: ViewId,
        /// The factor the view is about, if one.
        factor: Option<FactorKey>,
        /// The error as shown.
        error: crate::errors::UiError,
    },
    /// The transaction succeeded (also passed to `on_success`).
    Success(Success),
}

/// The sign-in widget. Its root carries `data-view` with the current view id, and `lang` and `dir`
/// of its language. While a language file loads, the root is empty and busy (no `data-view`).
#[component]
pub fn SignIn(props: &SignInProps) -> Html {
    let services = use_memo((), {
        let services = props.services.clone();
        move |()| services.unwrap_or_else(Services::browser)
    });
    let services: Services = (*services).clone();
    let catalogue = use_catalogue(&props.config, &services);
    let Some(catalogue) = catalogue else {
        // The language's tag is not known for sure yet: the widget's text waits, invisibly.
        return html! { <div class="authn-widget" data-busy="true" aria-busy="true"></div> };
    };
    html! {
        <Widget config={props.config.clone()} {services} {catalogue}
            on_success={props.on_success.clone()} on_event={props.on_event.clone()} />
    }
}

#[derive(Properties, PartialEq)]
struct WidgetProps {
    config: SignInConfig,
    services: Services,
    catalogue: SharedCatalogue,
    on_success: Callback<Success>,
    on_event: Callback<WidgetEvent>,
}

/// The widget in its language.
#[component]
fn Widget(props: &WidgetProps) -> Html {
    let catalogue = props.catalogue.0.clone();
    // Before anything renders: the views read their texts from the active catalogue.
    i18n::set_active(catalogue.clone());
    let services = props.services.clone();
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
    let signed = use_sign_in(&config, &services, &on_success);
    let brand = use_brand_style(
        config
            .branding
            .brand_color
            .as_deref()
            .and_then(BrandColors::of),
    );
    let screen = route(&signed.model);
    let view = screen.id();
    let factor = screen.factor().map(Factor::key);
    let mut step = signed.step;
    step.back_link = back_link_shown(view, &config.features);
    let root = use_node_ref();
    {
        let (root, on_event) = (root.clone(), props.on_event.clone());
        let username = Some(step.username.clone()).filter(|u| !u.is_empty());
        use_effect_with((view, factor.clone()), move |(view, factor)| {
            focus_first(&root);
            on_event.emit(WidgetEvent::AfterRender {
                view: *view,
                factor: factor.clone(),
                username,
            });
        });
    }
    {
        let (root, on_event) = (root.clone(), props.on_event.clone());
        let (error, factor) = (step.error.clone(), factor.clone());
        use_effect_with(step.error_seq, move |_| {
            if let Some(error) = error {
                focus_first(&root);
                on_event.emit(WidgetEvent::AfterError {
                    view,
                    factor,
                    error,
                });
            }
        });
    }
    let busy = step.busy.to_string();
    let branding = &config.branding;
    let header = html! {
        <>
            { logo(branding) }
            { target_line(signed.model.target.as_ref()) }
            { beacon(screen.factor()) }
        </>
    };
    let scheme = branding.color_scheme.as_str();
    html! {
        <ContextProvider<Services> context={services}>
            <ContextProvider<SignInConfig> context={config.clone()}>
                <div class="authn-widget" data-view={view.as_str()} data-busy={busy.clone()}
                    aria-busy={busy} data-color-scheme={scheme} data-authn-brand={brand}
                    lang={catalogue.tag().to_owned()} dir={catalogue.dir()} ref={root}>
                    { header }
                    { render(screen, step, &config) }
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

/// The view of `screen`.
fn render(screen: Screen<'_>, step: Step, config: &SignInConfig) -> Html {
    match screen {
        Screen::PrimaryAuth => html! { <PrimaryAuthForm {step} /> },
        Screen::ForgotPassword => html! { <RecoveryStart {step} unlock={false} /> },
        Screen::AccountUnlock => html! { <RecoveryStart {step} unlock={true} /> },
        Screen::EmailSent { unlock } => html! { <EmailSent {step} {unlock} /> },
        Screen::RecoveryChallenge(data) => {
            html! { <RecoveryChallengeForm {step} data={data.clone()} /> }
        }
        Screen::RecoveryQuestion(data) => {
            html! { <RecoveryQuestionForm {step} data={data.clone()} /> }
        }
        Screen::PasswordReset(data) => html! {
            <ChangePassword {step} mode={PasswordMode::of_reset(data)} policy={data.policy.clone()}
                user={data.user.clone()} />
        },
        Screen::PasswordExpired(data) => html! {
            <ChangePassword {step} mode={PasswordMode::Expired} policy={data.policy.clone()}
                user={data.user.clone()} />
        },
        Screen::PasswordWarn(data) => html! {
            <ChangePassword {step} mode={PasswordMode::Warn} policy={data.policy.clone()}
                user={data.user.clone()} days_left={data.days_left} />
        },
        Screen::CustomPassword(data) => {
            custom_password_expired(&step, data, config.branding.brand_name.as_deref())
        }
        Screen::LockedOut(data) => html! { <LockedOutView {step} data={data.clone()} /> },
        Screen::AccountUnlocked => account_unlocked(&step),
        Screen::EnrollChoices(data) => html! { <EnrollChoices {step} data={data.clone()} /> },
        Screen::Enroll {
            factor,
            form,
            questions,
        } => enroll_form(&step, factor, form, questions),
        Screen::Activate { data, form } => activate_form(&step, data, form),
        Screen::Verify { factors, remember } => html! {
            <MfaVerify {step} factors={factors.into_iter().cloned().collect::<Vec<_>>()}
                remember={remember.clone()} />
        },
        Screen::Challenge(data) => html! { <MfaVerify {step} challenge={Some(data.clone())} /> },
        Screen::PushWait(data) => html! { <PushWait {step} data={data.clone()} /> },
        Screen::Loading(_) => loading_view(Msg::Loading),
        Screen::SessionExpired => session_expired(&step),
        Screen::ErrorState => error_view(&step),
        Screen::Success(data) => success_view(&step, data),
        Screen::PollWait => poll_wait_view(&step),
        Screen::Unknown(data) => unknown_state_view(&step, data),
    }
}
