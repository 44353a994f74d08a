//! WebAuthn (security keys and biometrics, Okta's `features.webauthn`): the one place verifying and
//! enrolling it plugs in. Routing, view ids and Okta's controller names already cover it (the core's
//! `Verification::WebAuthn` shows [`WebAuthnVerify`] inside `mfa-verify`, `EnrollForm::WebAuthn`
//! shows [`WebAuthnEnroll`] as `enroll-unsupported`), and the core builds the requests
//! (`Challenge::WebAuthn`, `Activation::WebAuthn`, `FactorCredential` assertions). Not supported
//! yet: both say so and offer another factor. The root carries `data-webauthn` with the feature
//! switch, which an implementation checks before calling `navigator.credentials`.

use authn_core::{EnrollForm, Factor};
use yew::prelude::*;

use super::enroll::enroll_unsupported;
use super::verify::unsupported_text;
use crate::config::SignInConfig;
use crate::messages::Msg;
use crate::model::Step;

/// Props of the WebAuthn views.
#[derive(Properties, PartialEq)]
pub struct WebAuthnProps {
    /// Shared step inputs.
    pub step: Step,
    /// The WebAuthn factor.
    pub factor: Factor,
    /// Enrolling: in MFA_ENROLL_ACTIVATE (rather than MFA_ENROLL).
    #[prop_or_default]
    pub activating: bool,
}

/// `features.webauthn`, as the `data-webauthn` value.
#[hook]
fn use_webauthn_enabled() -> AttrValue {
    let config = use_context::<SignInConfig>();
    let on = config.is_some_and(|c| c.features.webauthn);
    AttrValue::Static(if on { "true" } else { "false" })
}

/// Verifying a WebAuthn factor (MFA_REQUIRED / MFA_CHALLENGE).
#[component]
pub fn WebAuthnVerify(_props: &WebAuthnProps) -> Html {
    let enabled = use_webauthn_enabled();
    html! {
        <div class="authn-webauthn" data-webauthn={enabled}>
            { unsupported_text(Msg::UnsupportedWebAuthn) }
        </div>
    }
}

/// Enrolling a WebAuthn factor (MFA_ENROLL, MFA_ENROLL_ACTIVATE).
#[component]
pub fn WebAuthnEnroll(props: &WebAuthnProps) -> Html {
    let enabled = use_webauthn_enabled();
    html! {
        <div class="authn-webauthn" data-webauthn={enabled}>
            { enroll_unsupported(&props.step, &props.factor, EnrollForm::WebAuthn, props.activating) }
        </div>
    }
}
