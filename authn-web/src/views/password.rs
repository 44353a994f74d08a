//! Passwords: change (expired, expiring soon), reset or first password, and the external password page.

use authn_core::{
    Action, ActionKind, ErrorField, Password, PasswordChange, PasswordPolicy, PasswordReset,
    RecoveryType, User,
};
use yew::prelude::*;

use crate::components::{
    PasswordField, alert, cancel_link, header, link_button, requirements, setter, submit_button,
};
use crate::config::{SignInConfig, safe_url};
use crate::hooks::use_secret;
use crate::messages::{Msg, fill};
use crate::model::Step;

/// Which password form this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordMode {
    /// PASSWORD_EXPIRED: old + new, must change.
    Expired,
    /// PASSWORD_WARN: old + new, may skip.
    Warn,
    /// PASSWORD_RESET after recovery: new only.
    Reset,
    /// PASSWORD_RESET of an account activation (`recoveryType` ACCOUNT_ACTIVATION): the first password.
    Activate,
}

impl PasswordMode {
    /// The form of a PASSWORD_RESET: an account activation sets the first password.
    pub fn of_reset(data: &PasswordReset) -> Self {
        match data.recovery_type {
            Some(RecoveryType::AccountActivation) => Self::Activate,
            Some(RecoveryType::Password | RecoveryType::Unlock | RecoveryType::Unknown(_))
            | None => Self::Reset,
        }
    }
}

/// Props of [`ChangePassword`].
#[derive(Properties, PartialEq)]
pub struct ChangePasswordProps {
    /// Shared step inputs.
    pub step: Step,
    /// Which form.
    pub mode: PasswordMode,
    /// The password policy (`_embedded.policy`).
    pub policy: PasswordPolicy,
    /// The user (for the username rule).
    pub user: Option<User>,
    /// Days until expiry (warn).
    #[prop_or_default]
    pub days_left: Option<u32>,
}

/// `generic`, or `specific` naming the organisation (Okta's `brandName`) when it is set.
fn branded(generic: Msg, specific: Msg, brand: Option<&str>) -> String {
    match brand {
        Some(brand) => fill(specific, &[brand]),
        None => generic.text().to_owned(),
    }
}

fn title(mode: PasswordMode, days_left: Option<u32>, brand: Option<&str>) -> String {
    match (mode, days_left) {
        (PasswordMode::Expired, _) => branded(
            Msg::PasswordExpiredTitle,
            Msg::PasswordExpiredTitleBrand,
            brand,
        ),
        (PasswordMode::Reset, _) => {
            branded(Msg::ResetPasswordTitle, Msg::ResetPasswordTitleBrand, brand)
        }
        (PasswordMode::Activate, _) => Msg::SetPasswordTitle.text().to_owned(),
        (PasswordMode::Warn, Some(0)) => Msg::PasswordWarnToday.text().to_owned(),
        (PasswordMode::Warn, Some(days)) => Msg::PasswordWarnTitle.count(days.into()),
        (PasswordMode::Warn, None) => Msg::PasswordWarnSoon.text().to_owned(),
    }
}

/// Splits the causes the core places under the new-password form ([`ErrorField::NewPassword`]) by the
/// input they name (Okta prefixes them with the property, e.g. `oldPassword: ...`): `(old-password
/// causes, new-password causes)`, prefixes removed. Causes without a known prefix belong to the new
/// password.
pub(crate) fn route_causes(causes: &[String]) -> (Vec<String>, Vec<String>) {
    let mut old = Vec::new();
    let mut new = Vec::new();
    for cause in causes {
        let (field, text) = cause
            .split_once(':')
            .map(|(f, t)| (f.trim(), t.trim()))
            .unwrap_or(("", cause.as_str()));
        match field {
            "oldPassword" => old.push(text.to_owned()),
            "newPassword" | "password" => new.push(text.to_owned()),
            _ => new.push(cause.clone()),
        }
    }
    (old, new)
}

/// Change (expired / warn) or reset the password, with the policy's requirements checked live
/// and the server's `errorCauses` under the field they name.
#[component]
pub fn ChangePassword(props: &ChangePasswordProps) -> Html {
    let step = &props.step;
    let config = use_context::<SignInConfig>().unwrap_or_else(|| SignInConfig::new(""));
    let brand = config.branding.brand_name.as_deref();
    let old = use_secret(step.error_seq);
    let new = use_secret(step.error_seq);
    let confirm = use_secret(step.error_seq);
    let mismatch = use_state(|| false);
    let username = props.user.as_ref().and_then(|u| u.login.clone());
    let satisfied = props.policy.is_satisfied(&new, username.as_deref());
    let needs_old = matches!(props.mode, PasswordMode::Expired | PasswordMode::Warn);

    let onsubmit = {
        let (old, new, confirm, mismatch) =
            (old.clone(), new.clone(), confirm.clone(), mismatch.clone());
        let dispatch = step.dispatch.clone();
        let mode = props.mode;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *new != *confirm {
                mismatch.set(true);
                return;
            }
            mismatch.set(false);
            let new_password = Password::new((*new).clone());
            dispatch.emit(match mode {
                PasswordMode::Reset | PasswordMode::Activate => Action::ResetPassword {
                    new_password,
                    revoke_sessions: false,
                },
                PasswordMode::Expired | PasswordMode::Warn => Action::ChangePassword {
                    old_password: Password::new((*old).clone()),
                    new_password,
                    revoke_sessions: false,
                },
            });
        })
    };
    let (old_causes, causes) = step
        .error
        .as_ref()
        .map(|e| route_causes(e.causes_for(ErrorField::NewPassword)))
        .unwrap_or_default();
    // Without an old-password field (reset), every cause goes under the new password.
    let (old_causes, causes) = if needs_old {
        (old_causes, causes)
    } else {
        (Vec::new(), [old_causes, causes].concat())
    };
    let mut confirm_errors = Vec::new();
    if *mismatch {
        confirm_errors.push(Msg::PasswordsDontMatch.text().to_owned());
    }
    let subtitle = match props.mode {
        PasswordMode::Expired => Some(Msg::PasswordExpiredSubtitle.text()),
        PasswordMode::Warn => Some(Msg::PasswordWarnSubtitle.text()),
        PasswordMode::Reset | PasswordMode::Activate => None,
    };
    let button = match props.mode {
        PasswordMode::Reset => Msg::ResetPassword,
        PasswordMode::Activate => Msg::SetPassword,
        PasswordMode::Expired | PasswordMode::Warn => Msg::ChangePassword,
    };
    html! {
        <>
            { header(title(props.mode, props.days_left, brand), subtitle.map(AttrValue::from)) }
            { alert(step.error.as_ref(), Some(ErrorField::NewPassword)) }
            <form class="authn-form" {onsubmit} novalidate=true>
                if needs_old {
                    <PasswordField id="authn-old-password" label={Msg::OldPassword} value={(*old).clone()}
                        oninput={setter(&old)} autocomplete="current-password" errors={old_causes} />
                }
                { requirements("authn-requirements", &props.policy, &new, username.as_deref()) }
                <PasswordField id="authn-new-password" label={Msg::NewPassword} value={(*new).clone()}
                    oninput={setter(&new)} autocomplete="new-password" describedby="authn-requirements"
                    errors={causes} />
                <PasswordField id="authn-confirm-password" label={Msg::ConfirmPassword} value={(*confirm).clone()}
                    oninput={setter(&confirm)} autocomplete="new-password" errors={confirm_errors} />
                { submit_button(button, step.busy, !satisfied || new.is_empty() || (needs_old && old.is_empty())) }
            </form>
            <nav class="authn-links">
                if props.mode == PasswordMode::Warn && step.can(ActionKind::Skip) {
                    { link_button(Msg::Skip, "skip", step.dispatch.reform(|()| Action::Skip), step.busy) }
                }
                { cancel_link(step, Msg::BackToSignIn) }
            </nav>
        </>
    }
}

/// The password is managed outside Okta: link to the external page (and skip when allowed). `brand`:
/// Okta's `brandName`.
pub fn custom_password_expired(step: &Step, data: &PasswordChange, brand: Option<&str>) -> Html {
    let url = data
        .external_url
        .as_ref()
        .and_then(|href| safe_url(href.as_str()))
        .map(str::to_owned);
    html! {
        <>
            { header(branded(Msg::PasswordCustomExpiredTitle, Msg::PasswordCustomExpiredTitleBrand, brand), None::<AttrValue>) }
            { alert(step.error.as_ref(), None) }
            if let Some(url) = url {
                <a class="authn-button authn-button-primary authn-button-wide" href={url}>
                    { Msg::PasswordCustomExpiredLink.text() }
                </a>
            }
            <nav class="authn-links">
                if step.can(ActionKind::Skip) {
                    { link_button(Msg::Skip, "skip", step.dispatch.reform(|()| Action::Skip), step.busy) }
                }
                { cancel_link(step, Msg::BackToSignIn) }
            </nav>
        </>
    }
}
