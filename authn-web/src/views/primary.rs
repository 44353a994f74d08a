use authn_core::{
    Action, ActionKind, AuthOptions, Credentials, Password, PrimaryAuth, RecoveryFactor,
};
use yew::prelude::*;

use crate::components::{
    PasswordField, TextField, alert, cancel_link, check_box, link_button, notice, submit_button,
};
use crate::config::SignInConfig;
use crate::hooks::{Step, UiEvent};
use crate::messages::Msg;
use crate::route::StartPage;
use crate::services::Services;
use crate::views::header;

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
    let password = use_state(String::new);
    let remember = use_state(|| remembered.is_some());
    let missing = use_state(|| false);

    // The password never survives an error; the username does.
    {
        let password = password.clone();
        use_effect_with(step.error_seq, move |_| password.set(String::new()));
    }

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

    let set_username = {
        let username = username.clone();
        Callback::from(move |v: String| username.set(v))
    };
    let set_password = {
        let password = password.clone();
        Callback::from(move |v: String| password.set(v))
    };
    let set_remember = {
        let remember = remember.clone();
        Callback::from(move |v: bool| remember.set(v))
    };
    let features = &config.features;
    let links = &config.help_links;
    let forgot = match &links.forgot_password {
        Some(url) => {
            html! { <a class="authn-link" href={url.clone()}>{ Msg::ForgotPassword.text() }</a> }
        }
        None if features.any_password_recovery() => html! {
            { link_button(Msg::ForgotPassword, "forgot-password", step.ui.reform(|()| UiEvent::ShowStart(StartPage::ForgotPassword)), false) }
        },
        None => html! {},
    };
    let unlock = match &links.unlock {
        Some(url) if features.self_service_unlock => {
            html! { <a class="authn-link" href={url.clone()}>{ Msg::UnlockAccount.text() }</a> }
        }
        None if features.unlock_available() => html! {
            { link_button(Msg::UnlockAccount, "unlock", step.ui.reform(|()| UiEvent::ShowStart(StartPage::AccountUnlock)), false) }
        },
        _ => html! {},
    };
    let help = links.help.as_ref().map(|url| {
        html! {
            <a class="authn-link" href={url.clone()}>{ Msg::Help.text() }</a>
        }
    });
    let blank = *missing;
    html! {
        <>
            { header(Msg::SignInTitle.text(), None::<AttrValue>) }
            { alert(step.error.as_ref(), true) }
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
                { forgot }{ unlock }{ for help }
                // Step-up (UNAUTHENTICATED with a state token): the transaction can be cancelled.
                if step.can(ActionKind::Cancel) { { cancel_link(step, Msg::Cancel) } }
            </nav>
        </>
    }
}

/// Props of [`RecoveryStart`].
#[derive(Properties, PartialEq)]
pub struct RecoveryStartProps {
    /// Shared step inputs.
    pub step: Step,
    /// Unlock account instead of forgot password.
    pub unlock: bool,
}

/// Forgot password / unlock account: username, then one button per enabled channel.
#[component]
pub fn RecoveryStart(props: &RecoveryStartProps) -> Html {
    let step = &props.step;
    let config = use_context::<SignInConfig>().unwrap_or_else(|| SignInConfig::new(""));
    let username = use_state(|| step.username.clone());
    let missing = use_state(|| false);
    let features = &config.features;
    let mut channels = Vec::new();
    if features.email_recovery {
        channels.push((RecoveryFactor::Email, Msg::SendEmail));
    }
    if features.sms_recovery {
        channels.push((RecoveryFactor::Sms, Msg::SendSms));
    }
    if features.call_recovery && !props.unlock {
        channels.push((RecoveryFactor::Call, Msg::VoiceCall));
    }
    let mobile = channels.iter().any(|(f, _)| *f != RecoveryFactor::Email);

    let submit = |factor: RecoveryFactor| {
        let (username, missing) = (username.clone(), missing.clone());
        let dispatch = step.dispatch.clone();
        let relay_state = config.relay_state.clone();
        let unlock = props.unlock;
        Callback::from(move |()| {
            let name = username.trim().to_owned();
            if name.is_empty() {
                missing.set(true);
                return;
            }
            missing.set(false);
            let relay_state = relay_state.clone();
            dispatch.emit(if unlock {
                Action::UnlockAccount {
                    username: name,
                    factor,
                    relay_state,
                }
            } else {
                Action::ForgotPassword {
                    username: name,
                    factor,
                    relay_state,
                }
            });
        })
    };
    // Enter in the username field uses the first channel, like clicking its button.
    let onsubmit = {
        let first = channels.first().map(|(factor, _)| submit(*factor));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(first) = &first {
                first.emit(());
            }
        })
    };
    let set_username = {
        let username = username.clone();
        Callback::from(move |v: String| username.set(v))
    };
    let title = if props.unlock {
        Msg::UnlockTitle
    } else {
        Msg::ForgotPasswordTitle
    };
    html! {
        <>
            { header(title.text(), None::<AttrValue>) }
            { alert(step.error.as_ref(), true) }
            { notice(step.notice) }
            if channels.is_empty() {
                <div class="authn-alert" role="alert" tabindex="-1">{ Msg::RecoveryNoChannels.text() }</div>
            } else {
                <form class="authn-form" {onsubmit} novalidate=true>
                    if *missing {
                        <div class="authn-alert" role="alert" tabindex="-1">{ Msg::FieldRequired.text() }</div>
                    }
                    <TextField id="authn-recovery-username" label={Msg::EmailOrUsername}
                        value={(*username).clone()} oninput={set_username} autocomplete="username"
                        invalid={*missing} />
                    if mobile {
                        <p class="authn-hint">{ Msg::RecoveryMobileHint.text() }</p>
                    }
                    <div class="authn-actions">
                        { for channels.iter().map(|(factor, label)| html! {
                            <button type="button" class="authn-button authn-button-primary authn-button-wide"
                                data-factor={factor.as_str()} disabled={step.busy}
                                onclick={submit(*factor).reform(|_: MouseEvent| ())}>{ label.text() }</button>
                        }) }
                    </div>
                </form>
            }
            <nav class="authn-links">
                { link_button(Msg::BackToSignIn, "back", step.ui.reform(|()| UiEvent::ShowStart(StartPage::PrimaryAuth)), false) }
            </nav>
        </>
    }
}
