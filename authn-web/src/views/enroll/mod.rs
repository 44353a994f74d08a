//! MFA enrollment: the choices, one form per [`EnrollForm`] the core names, and the activation of
//! the factor just enrolled. Which form a factor gets is the core's decision
//! ([`authn_core::Factor::enroll_form`]); the views only render it.

mod activate;
mod setup;

use authn_core::{
    Action, ActionKind, EnrollFactor, EnrollForm, EnrollProfile, Factor, MfaEnroll,
    MfaEnrollActivate, SecurityQuestion, Unsupported,
};
use yew::prelude::*;

use crate::components::{alert, cancel_link, factor_icon, header, link_button};
use crate::config::SignInConfig;
use crate::factors::label_of;
use crate::messages::{Msg, fill};
use crate::model::{Step, UiEvent};
use crate::views::webauthn::webauthn_enroll;

pub use activate::{ActivateCode, ActivatePush, ActivateTotp};
pub use setup::{EnrollPhone, EnrollQuestion, EnrollToken, e164, enroll_start};

/// Props of [`EnrollChoices`].
#[derive(Properties, PartialEq)]
pub struct EnrollChoicesProps {
    /// Shared step inputs.
    pub step: Step,
    /// The state data.
    pub data: MfaEnroll,
}

/// The factors to set up: required first, already-enrolled marked, skip / finish when offered.
#[component]
pub fn EnrollChoices(props: &EnrollChoicesProps) -> Html {
    let step = &props.step;
    let config = use_context::<SignInConfig>().unwrap_or_else(|| SignInConfig::new(""));
    let subtitle = match &config.branding.brand_name {
        Some(brand) => fill(Msg::EnrollChoicesSubtitleBrand, &[brand]),
        None => Msg::EnrollChoicesSubtitle.text().to_owned(),
    };
    let factors = &props.data.factors;
    let (required, optional): (Vec<&Factor>, Vec<&Factor>) =
        factors.iter().partition(|f| f.is_required());
    let item = |factor: &Factor| {
        let key = factor.key();
        let active = factor.is_active();
        let label = label_of(factor);
        let onclick = step
            .ui
            .reform(move |_: MouseEvent| UiEvent::PickFactor(Some(key.clone())));
        let badge = if active {
            Msg::EnrollEnrolled
        } else if factor.is_required() {
            Msg::EnrollRequired
        } else {
            Msg::EnrollOptional
        };
        html! {
            <li>
                <div class="authn-factor" data-factor={factor.factor_type.as_str().to_owned()}
                    data-provider={factor.provider.as_str().to_owned()}>
                    <span class="authn-factor-label">
                        { factor_icon(&factor.key()) }
                        <span class="authn-factor-name">{ label.clone() }</span>
                        <span class="authn-badge">{ badge.text() }</span>
                    </span>
                    if !active {
                        <button type="button" class="authn-button authn-button-small" {onclick}
                            disabled={step.busy} aria-label={format!("{} {}", Msg::EnrollSetup.text(), label)}>
                            { Msg::EnrollSetup.text() }
                        </button>
                    }
                </div>
            </li>
        }
    };
    let all_required_done = required.iter().all(|f| f.is_active());
    let skip_label = if factors.iter().any(Factor::is_active) && all_required_done {
        Msg::EnrollFinish
    } else {
        Msg::Skip
    };
    html! {
        <>
            { header(Msg::EnrollChoicesTitle.text(), subtitle) }
            { alert(step.error.as_ref(), None) }
            if !required.is_empty() {
                <h3 class="authn-heading">{ Msg::EnrollRequired.text() }</h3>
                <ul class="authn-factors">{ for required.iter().map(|f| item(f)) }</ul>
            }
            if !optional.is_empty() {
                <h3 class="authn-heading">{ Msg::EnrollOptional.text() }</h3>
                <ul class="authn-factors">{ for optional.iter().map(|f| item(f)) }</ul>
            }
            if step.can(ActionKind::Skip) {
                <div class="authn-actions">
                    <button type="button" class="authn-button authn-button-primary authn-button-wide"
                        data-action="skip" disabled={step.busy}
                        onclick={step.dispatch.reform(|_: MouseEvent| Action::Skip)}>{ skip_label.text() }</button>
                </div>
            }
            <nav class="authn-links">{ cancel_link(step, Msg::BackToSignIn) }</nav>
        </>
    }
}

/// The form of the factor picked in MFA_ENROLL.
pub fn enroll_form(
    step: &Step,
    factor: &Factor,
    form: EnrollForm,
    questions: Option<&[SecurityQuestion]>,
) -> Html {
    let (step, factor) = (step.clone(), factor.clone());
    match form {
        EnrollForm::Question => {
            let questions = questions.map(<[SecurityQuestion]>::to_vec);
            html! { <EnrollQuestion {step} {factor} {questions} /> }
        }
        EnrollForm::Phone { voice } => html! { <EnrollPhone {step} {factor} {voice} /> },
        EnrollForm::Email => {
            let title = Msg::EnrollEmailTitle.text().to_owned();
            enroll_start(&step, &factor, title, Msg::EnrollEmailText, Msg::SendCode)
        }
        EnrollForm::Totp => {
            let title = fill(Msg::EnrollTotpTitle, &[&label_of(&factor)]);
            enroll_start(&step, &factor, title, Msg::EnrollTotpScan, Msg::Next)
        }
        EnrollForm::Push => {
            let title = Msg::EnrollPushTitle.text().to_owned();
            enroll_start(&step, &factor, title, Msg::EnrollPushScan, Msg::Next)
        }
        EnrollForm::Token { two_codes } => {
            html! { <EnrollToken {step} {factor} yubikey={false} {two_codes} /> }
        }
        EnrollForm::YubiKey => {
            html! { <EnrollToken {step} {factor} yubikey={true} two_codes={false} /> }
        }
        EnrollForm::WebAuthn => webauthn_enroll(&step, &factor, false),
        EnrollForm::Unsupported(reason) => {
            enroll_unsupported(&step, &factor, Some(unsupported_reason(reason)), false)
        }
    }
}

/// The activation of the factor just enrolled (MFA_ENROLL_ACTIVATE).
pub fn activate_form(step: &Step, data: &MfaEnrollActivate, form: EnrollForm) -> Html {
    let (step, data) = (step.clone(), data.clone());
    match form {
        EnrollForm::Phone { voice: false } => {
            html! { <ActivateCode {step} {data} title={Msg::EnrollSmsTitle} /> }
        }
        EnrollForm::Phone { voice: true } => {
            html! { <ActivateCode {step} {data} title={Msg::EnrollCallTitle} /> }
        }
        EnrollForm::Email => {
            html! { <ActivateCode {step} {data} title={Msg::EnrollEmailTitle} /> }
        }
        EnrollForm::Totp => html! { <ActivateTotp {step} {data} /> },
        EnrollForm::Push => html! { <ActivatePush {step} {data} /> },
        EnrollForm::WebAuthn => webauthn_enroll(&step, &data.factor, true),
        // Active at once, or not activatable here: never a blank view.
        EnrollForm::Unsupported(reason) => {
            enroll_unsupported(&step, &data.factor, Some(unsupported_reason(reason)), true)
        }
        EnrollForm::Question | EnrollForm::Token { .. } | EnrollForm::YubiKey => {
            enroll_unsupported(&step, &data.factor, None, true)
        }
    }
}

/// "Choose another factor" and cancel links for the enroll views. `activating`: in
/// MFA_ENROLL_ACTIVATE, "choose another" goes back through the server (`prev`).
pub(crate) fn enroll_links(step: &Step, activating: bool) -> Html {
    let back = if activating {
        step.can(ActionKind::Previous)
            .then(|| step.dispatch.reform(|()| Action::Previous))
    } else {
        Some(step.ui.reform(|()| UiEvent::PickFactor(None)))
    };
    html! {
        <nav class="authn-links">
            if let Some(onclick) = back {
                { link_button(Msg::ChooseAnother, "back", onclick, step.busy) }
            }
            { cancel_link(step, Msg::BackToSignIn) }
        </nav>
    }
}

/// The enroll action for `factor` with `profile`.
pub(crate) fn enroll_action(factor: &Factor, profile: EnrollProfile, update_phone: bool) -> Action {
    Action::EnrollFactor(EnrollFactor {
        factor: factor.key(),
        profile,
        update_phone,
    })
}

/// Why a factor cannot be set up or used here (the core's reason).
pub fn unsupported_reason(reason: Unsupported) -> Msg {
    match reason {
        Unsupported::AdminEnrolled => Msg::UnsupportedAdminEnrolled,
        Unsupported::NotEnrollable => Msg::UnsupportedNotEnrollable,
        Unsupported::U2fRemoved => Msg::UnsupportedU2f,
        Unsupported::DuoFrame => Msg::UnsupportedDuo,
        Unsupported::IdentityProvider => Msg::UnsupportedIdentityProvider,
        Unsupported::UnknownType => Msg::UnsupportedUnknownType,
    }
}

/// A factor this widget cannot set up (or activate): say so and why (`reason`), and offer another
/// choice.
pub(super) fn enroll_unsupported(
    step: &Step,
    factor: &Factor,
    reason: Option<Msg>,
    activating: bool,
) -> Html {
    let name = label_of(factor);
    html! {
        <>
            { header(Msg::UnsupportedTitle.text(), fill(Msg::UnsupportedText, &[&name])) }
            if let Some(reason) = reason {
                <p class="authn-text">{ reason.text() }</p>
            }
            { alert(step.error.as_ref(), None) }
            { enroll_links(step, activating) }
        </>
    }
}
