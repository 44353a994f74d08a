//! Primary authentication: username and password (also the `next` of a step-up transaction).

use authn_core::{Action, ActionKind, AuthOptions, Credentials, Password, PrimaryAuth};
use yew::prelude::*;

use crate::components::{
    PasswordField, TextField, alert, cancel_link, check_box, header, link_button, setter,
    submit_button,
};
use crate::config::{CustomHelpLink, SignInConfig, safe_url};
use crate::hooks::use_secret;
use crate::messages::Msg;
use crate::model::{StartPage, Step, UiEvent};
use crate::services::Services;

/// localStorage key of the remembered username ("Remember me").
pub const USERNAME_KEY: &str = "authn-web:username";

/// Props of [`PrimaryAuthForm`].
#[derive(Properties, PartialEq)]
pub struct PrimaryAuthProps {
    /// Shared step inputs.
    pub step: Step,
}

/// Username + password sign-in (also the `next` of a step-up UNAUTHENTICATED transaction).
#[component]
pub fn PrimaryAuthForm(props: &PrimaryAuthProps) -> Html {
    let step = &props.step;
    let config = use_context::<SignInConfig>().unwrap_or_else(|| SignInConfig::new(""));
    let services = use_context::<Services>();
    let remembered = services
        .as_ref()
        .and_then(|s| s.local_store.get(USERNAME_KEY));
    let initial_username = if step.username.is_empty() {
        remembered.clone().unwrap_or_default()
    } else {
        step.username.clone()
    };
    let username = use_state(|| initial_username);
    // The password never survives an error; the username does.
    let password = use_secret(step.error_seq);
    let remember = use_state(|| remembered.is_some());
    let missing = use_state(|| false);

    let onsubmit = {
        let (username, password, remember, missing) = (
            username.clone(),
            password.clone(),
            remember.clone(),
            missing.clone(),
        );
        let dispatch = step.dispatch.clone();
        let features = config.features.clone();
        let relay_state = config.relay_state.clone();
        let services = services.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = username.trim().to_owned();
            if name.is_empty() || password.is_empty() {
                missing.set(true);
                return;
            }
            missing.set(false);
            if let Some(services) = &services {
                if features.remember_me && *remember {
                    services.local_store.set(USERNAME_KEY, &name);
                } else {
                    services.local_store.remove(USERNAME_KEY);
                }
            }
            dispatch.emit(Action::Authenticate(PrimaryAuth {
                credentials: Credentials::Password {
                    username: name,
                    password: Password::new((*password).clone()),
                },
                options: AuthOptions {
                    multi_optional_factor_enroll: Some(features.multi_optional_factor_enroll),
                    warn_before_password_expired: Some(features.warn_before_password_expired),
                },
                device_token: None,
                relay_state: relay_state.clone(),
            }));
        })
    };

    let set_username = setter(&username);
    let set_password = setter(&password);
    let set_remember = {
        let remember = remember.clone();
        Callback::from(move |v: bool| remember.set(v))
    };
    let features = &config.features;
    let links = &config.help_links;
    let forgot = match links.forgot_password.as_deref().map(safe_url) {
        Some(Some(url)) => {
            html! { <a class="authn-link" href={url.to_owned()}>{ Msg::ForgotPassword.text() }</a> }
        }
        Some(None) => html! {},
        None if features.any_password_recovery() => html! {
            { link_button(Msg::ForgotPassword, "forgot-password", step.ui.reform(|()| UiEvent::ShowStart(StartPage::ForgotPassword)), false) }
        },
        None => html! {},
    };
    let unlock = match links.unlock.as_deref().map(safe_url) {
        Some(Some(url)) if features.self_service_unlock => {
            html! { <a class="authn-link" href={url.to_owned()}>{ Msg::UnlockAccount.text() }</a> }
        }
        None if features.unlock_available() => html! {
            { link_button(Msg::UnlockAccount, "unlock", step.ui.reform(|()| UiEvent::ShowStart(StartPage::AccountUnlock)), false) }
        },
        _ => html! {},
    };
    let help = links.help.as_deref().and_then(safe_url).map(|url| {
        html! {
            <a class="authn-link" href={url.to_owned()}>{ Msg::Help.text() }</a>
        }
    });
    let custom = links.custom.iter().filter_map(custom_link);
    let blank = *missing;
    html! {
        <>
            { header(Msg::SignInTitle.text(), None::<AttrValue>) }
            { alert(step.error.as_ref(), None) }
            if blank {
                <div class="authn-alert" role="alert" tabindex="-1">{ Msg::FieldRequired.text() }</div>
            }
            <form class="authn-form" onsubmit={onsubmit} novalidate=true>
                <TextField id="authn-username" label={Msg::Username} value={(*username).clone()}
                    oninput={set_username} autocomplete="username" invalid={blank && username.trim().is_empty()} />
                <PasswordField id="authn-password" label={Msg::Password} value={(*password).clone()}
                    oninput={set_password} autocomplete="current-password"
                    toggle={features.show_password_toggle} invalid={blank && password.is_empty()} />
                if features.remember_me {
                    { check_box("authn-remember", Msg::RememberMe, *remember, set_remember) }
                }
                { submit_button(Msg::SignIn, step.busy, false) }
            </form>
            <nav class="authn-links">
                { forgot }{ unlock }{ for help }{ for custom }
                // Step-up (UNAUTHENTICATED with a state token): the transaction can be cancelled.
                if step.can(ActionKind::Cancel) { { cancel_link(step, Msg::Cancel) } }
            </nav>
        </>
    }
}

/// One of Okta's `helpLinks.custom`: its text as text, its `href` only when safe ([`safe_url`]),
/// its `target`, and `rel="noopener"`; a link opening a new tab says so to screen readers.
fn custom_link(link: &CustomHelpLink) -> Option<Html> {
    let href = safe_url(&link.href)?.to_owned();
    let new_tab = link.target.as_deref() == Some("_blank");
    Some(html! {
        <a class="authn-link" {href} target={link.target.clone()} rel="noopener">
            { link.text.clone() }
            if new_tab { <span class="authn-sr-only">{ " " }{ Msg::OpensInNewTab.text() }</span> }
        </a>
    })
}
