use authn_core::{Factor, FactorKey, Target};
use yew::prelude::*;

use crate::config::{Branding, safe_url};
use crate::messages::{Msg, fill};

/// The organisation's logo (Okta's `logo`, described by `logoText`, else `brandName`), when its URL
/// is safe ([`safe_url`]); nothing otherwise.
pub fn logo(branding: &Branding) -> Html {
    let Some(src) = branding.logo.as_deref().and_then(safe_url) else {
        return html! {};
    };
    let alt = branding
        .logo_text
        .clone()
        .or_else(|| branding.brand_name.clone())
        .unwrap_or_else(|| Msg::LogoAlt.text().to_owned());
    html! {
        <div class="authn-header">
            <img class="authn-logo" src={src.to_owned()} {alt} />
        </div>
    }
}

/// "Sign in to {app}": the app a step-up signs in to (its label, else its name).
pub fn target_line(target: Option<&Target>) -> Html {
    let Some(target) = target else {
        return html! {};
    };
    let Some(name) = target.label.as_deref().or(target.name.as_deref()) else {
        return html! {};
    };
    html! {
        <p class="authn-target" data-app={target.name.clone()}>{ fill(Msg::SignInToApp, &[name]) }</p>
    }
}

/// The icon of a factor type (drawn by the stylesheet from `data-factor`; decorative).
pub fn factor_icon(key: &FactorKey) -> Html {
    html! {
        <span class="authn-factor-icon" aria-hidden="true" data-factor={key.factor_type.as_str().to_owned()}
            data-provider={key.provider.as_str().to_owned()}></span>
    }
}

/// The icon of the factor a view is about, above the view (Okta's "beacon").
pub fn beacon(factor: Option<&Factor>) -> Html {
    match factor {
        Some(factor) => html! { <div class="authn-beacon">{ factor_icon(&factor.key()) }</div> },
        None => html! {},
    }
}
