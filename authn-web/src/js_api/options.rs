//! From the JavaScript options object to [`SignInConfig`]: the names and types are checked by
//! `authn-web/npm/src/options.js` (the one table of options, shared with the npm package's facade),
//! then read here into typed values (with `Reflect`, which keeps serde out of the wasm for this).

use std::collections::BTreeMap;

use authn_core::{ActivationToken, RecoveryToken, StateToken};
use wasm_bindgen::prelude::*;

use super::hooks;
use super::payload::config_error;
use crate::config::{Assets, Branding, CustomHelpLink, Features, HelpLinks, SignInConfig};
use crate::i18n::{I18nText, LANGUAGES};
use crate::theme::ColorScheme;

#[wasm_bindgen(module = "/npm/src/options.js")]
extern "C" {
    /// Throws an `Error` naming the first option with a wrong type; warns once about ignored ones.
    #[wasm_bindgen(catch, js_name = checkOptions)]
    fn check_options(options: &JsValue) -> Result<JsValue, JsValue>;
}

/// `object[key]`, if it is set.
fn field(object: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(key))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

fn string(object: &JsValue, key: &str) -> Option<String> {
    field(object, key).and_then(|value| value.as_string())
}

/// A `features.*` flag, or Okta's default.
fn flag(features: &JsValue, key: &str, default: bool) -> bool {
    field(features, key)
        .and_then(|value| value.as_bool())
        .unwrap_or(default)
}

/// `[key, value]` pairs of a plain object.
fn entries(object: &JsValue) -> Vec<(String, JsValue)> {
    let Some(object) = object.dyn_ref::<js_sys::Object>() else {
        return Vec::new();
    };
    js_sys::Object::entries(object)
        .iter()
        .filter_map(|pair| {
            let pair: js_sys::Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1)))
        })
        .collect()
}

/// One `i18n` text: a string, or an object of plural forms (`{ one: '...', other: '...' }`).
fn i18n_text(value: &JsValue) -> Option<I18nText> {
    if let Some(text) = value.as_string() {
        return Some(I18nText::Text(text));
    }
    value.is_object().then(|| {
        let forms = entries(value)
            .into_iter()
            .filter_map(|(category, text)| Some((category, text.as_string()?)))
            .collect();
        I18nText::Plural(forms)
    })
}

/// `i18n`: language tag -> (message id -> text).
fn i18n(options: &JsValue) -> BTreeMap<String, BTreeMap<String, I18nText>> {
    let Some(i18n) = field(options, "i18n") else {
        return BTreeMap::new();
    };
    entries(&i18n)
        .into_iter()
        .map(|(language, texts)| {
            let texts = entries(&texts)
                .into_iter()
                .filter_map(|(key, text)| Some((key, i18n_text(&text)?)))
                .collect();
            (language, texts)
        })
        .collect()
}

/// A URL option given as a string or a `URL` object, resolved against the page.
fn url_option(options: &JsValue, key: &str) -> Option<String> {
    let value = field(options, key)?;
    let href = value
        .as_string()
        .or_else(|| value.dyn_ref::<web_sys::Url>().map(web_sys::Url::href))?;
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    match base {
        Some(base) => web_sys::Url::new_with_base(&href, &base)
            .ok()
            .map(|u| u.href()),
        None => Some(href),
    }
}

/// Where the language files are: `languagesUrl`, else the `i18n/` folder next to `wasmUrl` when
/// the page moved the wasm, else (`None`) next to the widget's script.
fn languages_url(options: &JsValue) -> Option<String> {
    url_option(options, "languagesUrl").or_else(|| {
        let wasm = url_option(options, "wasmUrl")?;
        web_sys::Url::new_with_base("i18n/", &wasm)
            .ok()
            .map(|u| u.href())
    })
}

/// Okta's `assets.baseUrl` and `assets.rewrite`.
fn assets(options: &JsValue) -> Assets {
    let assets = field(options, "assets").unwrap_or_default();
    Assets {
        base_url: string(&assets, "baseUrl"),
        rewrite: function(&assets, "rewrite").map(hooks::asset_rewrite),
    }
}

/// `helpLinks.custom`.
fn custom_links(help_links: &JsValue) -> Vec<CustomHelpLink> {
    let Some(links) = field(help_links, "custom").and_then(|v| v.dyn_into::<js_sys::Array>().ok())
    else {
        return Vec::new();
    };
    links
        .iter()
        .filter_map(|link| {
            Some(CustomHelpLink {
                text: string(&link, "text")?,
                href: string(&link, "href")?,
                target: string(&link, "target"),
            })
        })
        .collect()
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
pub const SUPPORTED_LANGUAGES: [&str; LANGUAGES.len()] = {
    let mut tags = [""; LANGUAGES.len()];
    let mut i = 0;
    while i < LANGUAGES.len() {
        tags[i] = LANGUAGES[i].tag;
        i += 1;
    }
    tags
};

/// `features.*` with Okta's defaults (classic engine) where they differ from the Rust widget's.
fn okta_features(options: &JsValue) -> Features {
    let ours = Features::default();
    let f = field(options, "features").unwrap_or_default();
    Features {
        remember_me: flag(&f, "rememberMe", true),
        self_service_unlock: flag(&f, "selfServiceUnlock", false),
        email_recovery: flag(&f, "emailRecovery", true),
        sms_recovery: flag(&f, "smsRecovery", false),
        call_recovery: flag(&f, "callRecovery", false),
        multi_optional_factor_enroll: flag(&f, "multiOptionalFactorEnroll", false),
        warn_before_password_expired: flag(
            &f,
            "warnBeforePasswordExpired",
            ours.warn_before_password_expired,
        ),
        snapshot_storage: flag(&f, "snapshotStorage", ours.snapshot_storage),
        show_password_toggle: flag(&f, "showPasswordToggleOnSignInPage", false),
        auto_push: flag(&f, "autoPush", false),
        hide_sign_out_link_in_mfa: flag(&f, "hideSignOutLinkInMFA", false),
        hide_back_to_sign_in_for_reset: flag(&f, "hideBackToSignInForReset", false),
        webauthn: flag(&f, "webauthn", false),
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
    let help = field(options, "helpLinks").unwrap_or_default();
    let colors = field(options, "colors").unwrap_or_default();
    let config = SignInConfig {
        base_url: string(options, "baseUrl").unwrap_or_default(),
        username: string(options, "username"),
        state_token: string(options, "stateToken").map(StateToken::new),
        recovery_token: string(options, "recoveryToken").map(RecoveryToken::new),
        activation_token: string(options, "activationToken").map(ActivationToken::new),
        relay_state: string(options, "relayState"),
        read_page_url: true,
        features: okta_features(options),
        help_links: HelpLinks {
            help: string(&help, "help"),
            forgot_password: string(&help, "forgotPassword"),
            unlock: string(&help, "unlock"),
            custom: custom_links(&help),
        },
        branding: Branding {
            logo: string(options, "logo"),
            logo_text: string(options, "logoText"),
            brand_name: string(options, "brandName"),
            brand_color: string(&colors, "brand"),
            color_scheme: string(options, "colorScheme")
                .and_then(|scheme| ColorScheme::parse(&scheme))
                .unwrap_or_default(),
        },
        language: language(options)?,
        i18n: i18n(options),
        languages_url: languages_url(options),
        assets: assets(options),
        process_creds: function(options, "processCreds").map(hooks::process_creds),
        transform_username: function(options, "transformUsername").map(hooks::transform_username),
    };
    Ok(ApiOptions {
        config,
        redirect_uri: string(options, "redirectUri").filter(|uri| !uri.is_empty()),
        el: field(options, "el").unwrap_or_default(),
    })
}
