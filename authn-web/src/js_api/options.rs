//! From the JavaScript options object to [`SignInConfig`]: the names and types are checked by
//! `authn-web/npm/src/options.js` (the one table of options, shared with the npm package's facade),
//! then read here into typed values.

use std::collections::BTreeMap;

use authn_core::{ActivationToken, RecoveryToken, StateToken};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::hooks;
use super::payload::config_error;
use crate::config::{Branding, CustomHelpLink, Features, HelpLinks, SignInConfig};

#[wasm_bindgen(module = "/npm/src/options.js")]
extern "C" {
    /// Throws an `Error` naming the first option with a wrong type; warns once about ignored ones.
    #[wasm_bindgen(catch, js_name = checkOptions)]
    fn check_options(options: &JsValue) -> Result<JsValue, JsValue>;
}

/// `features` (Okta names; ours: `warnBeforePasswordExpired`, `snapshotStorage`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct RawFeatures {
    remember_me: Option<bool>,
    auto_push: Option<bool>,
    sms_recovery: Option<bool>,
    call_recovery: Option<bool>,
    email_recovery: Option<bool>,
    self_service_unlock: Option<bool>,
    multi_optional_factor_enroll: Option<bool>,
    show_password_toggle_on_sign_in_page: Option<bool>,
    #[serde(rename = "hideSignOutLinkInMFA")]
    hide_sign_out_link_in_mfa: Option<bool>,
    hide_back_to_sign_in_for_reset: Option<bool>,
    webauthn: Option<bool>,
    warn_before_password_expired: Option<bool>,
    snapshot_storage: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct RawLink {
    text: String,
    href: String,
    #[serde(default)]
    target: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct RawHelpLinks {
    help: Option<String>,
    forgot_password: Option<String>,
    unlock: Option<String>,
    custom: Option<Vec<RawLink>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawColors {
    brand: Option<String>,
}

/// The data options (functions and elements are read separately).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct RawOptions {
    base_url: String,
    username: Option<String>,
    state_token: Option<String>,
    recovery_token: Option<String>,
    activation_token: Option<String>,
    relay_state: Option<String>,
    redirect_uri: Option<String>,
    logo: Option<String>,
    logo_text: Option<String>,
    brand_name: Option<String>,
    colors: Option<RawColors>,
    i18n: Option<BTreeMap<String, BTreeMap<String, String>>>,
    features: Option<RawFeatures>,
    help_links: Option<RawHelpLinks>,
}

/// Everything the constructor options say.
pub(super) struct ApiOptions {
    /// The widget configuration.
    pub(super) config: SignInConfig,
    /// `redirectUri`, used by `session.setCookieAndRedirect()` without an argument.
    pub(super) redirect_uri: Option<String>,
    /// `el`: where `renderEl` renders when its own options name no element.
    pub(super) el: JsValue,
}

/// The languages the widget has texts for (what a `language` function is offered).
pub const SUPPORTED_LANGUAGES: [&str; 1] = ["en"];

/// Okta's defaults for `features.*` (classic engine), where they differ from the Rust widget's.
fn okta_features(raw: RawFeatures) -> Features {
    let ours = Features::default();
    Features {
        remember_me: raw.remember_me.unwrap_or(true),
        self_service_unlock: raw.self_service_unlock.unwrap_or(false),
        email_recovery: raw.email_recovery.unwrap_or(true),
        sms_recovery: raw.sms_recovery.unwrap_or(false),
        call_recovery: raw.call_recovery.unwrap_or(false),
        multi_optional_factor_enroll: raw.multi_optional_factor_enroll.unwrap_or(false),
        warn_before_password_expired: raw
            .warn_before_password_expired
            .unwrap_or(ours.warn_before_password_expired),
        snapshot_storage: raw.snapshot_storage.unwrap_or(ours.snapshot_storage),
        show_password_toggle: raw.show_password_toggle_on_sign_in_page.unwrap_or(false),
        auto_push: raw.auto_push.unwrap_or(false),
        hide_sign_out_link_in_mfa: raw.hide_sign_out_link_in_mfa.unwrap_or(false),
        hide_back_to_sign_in_for_reset: raw.hide_back_to_sign_in_for_reset.unwrap_or(false),
        webauthn: raw.webauthn.unwrap_or(false),
    }
}

/// A function-valued option, if set.
fn function(options: &JsValue, name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(options, &JsValue::from_str(name))
        .ok()
        .and_then(|value| value.dyn_into().ok())
}

/// `language`: a code, or a function of (supported languages, the browser's languages).
fn language(options: &JsValue) -> Result<Option<String>, JsValue> {
    let value = js_sys::Reflect::get(options, &JsValue::from_str("language"))?;
    if let Some(code) = value.as_string() {
        return Ok(Some(code));
    }
    let Some(pick) = value.dyn_ref::<js_sys::Function>() else {
        return Ok(None);
    };
    let supported: js_sys::Array = SUPPORTED_LANGUAGES
        .iter()
        .map(|l| JsValue::from_str(l))
        .collect();
    let preferred = web_sys::window()
        .map(|w| w.navigator().languages())
        .unwrap_or_default();
    let chosen = pick
        .call2(&JsValue::NULL, &supported, &preferred)
        .map_err(|_| config_error("OktaSignIn: option \"language\": the function threw"))?;
    Ok(chosen.as_string())
}

/// Checks and reads the constructor options.
pub(super) fn parse(options: &JsValue) -> Result<ApiOptions, JsValue> {
    check_options(options)?;
    let raw: RawOptions = serde_wasm_bindgen::from_value(options.clone())
        .map_err(|e| config_error(&format!("OktaSignIn: invalid options: {e}")))?;
    let help = raw.help_links.unwrap_or_default();
    let config = SignInConfig {
        base_url: raw.base_url,
        username: raw.username,
        state_token: raw.state_token.map(StateToken::new),
        recovery_token: raw.recovery_token.map(RecoveryToken::new),
        activation_token: raw.activation_token.map(ActivationToken::new),
        relay_state: raw.relay_state,
        read_page_url: true,
        features: okta_features(raw.features.unwrap_or_default()),
        help_links: HelpLinks {
            help: help.help,
            forgot_password: help.forgot_password,
            unlock: help.unlock,
            custom: help
                .custom
                .unwrap_or_default()
                .into_iter()
                .map(|link| CustomHelpLink {
                    text: link.text,
                    href: link.href,
                    target: link.target,
                })
                .collect(),
        },
        branding: Branding {
            logo: raw.logo,
            logo_text: raw.logo_text,
            brand_name: raw.brand_name,
            brand_color: raw.colors.and_then(|c| c.brand),
        },
        language: language(options)?,
        i18n: raw.i18n.unwrap_or_default(),
        process_creds: function(options, "processCreds").map(hooks::process_creds),
        transform_username: function(options, "transformUsername").map(hooks::transform_username),
    };
    Ok(ApiOptions {
        config,
        redirect_uri: raw.redirect_uri.filter(|uri| !uri.is_empty()),
        el: js_sys::Reflect::get(options, &JsValue::from_str("el")).unwrap_or_default(),
    })
}
