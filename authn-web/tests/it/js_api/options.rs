//! Options: Okta's names into the widget configuration; wrong types throw naming the option;
//! Identity Engine / OIDC options warn once.

use authn_web::js_api::JsSignIn;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{js_function, json, message, text};

#[wasm_bindgen_test]
fn okta_options_fill_the_configuration() {
    let options = json(
        r##"{
        "baseUrl": "https://acme.okta.com", "username": "dade", "stateToken": "00st",
        "relayState": "/app", "redirectUri": "https://app.example/after", "useClassicEngine": true,
        "logo": "https://acme.example/logo.png", "logoText": "Acme", "brandName": "Acme Corp",
        "colors": { "brand": "#1a2B3c" },
        "i18n": { "en": { "primaryauth.title": "Sign in to Acme" } },
        "helpLinks": { "help": "https://acme.example/help", "forgotPassword": "/forgot",
            "custom": [ { "text": "FAQ", "href": "https://acme.example/faq", "target": "_blank" },
                        { "text": "Status", "href": "/status" } ] },
        "features": { "rememberMe": false, "autoPush": true, "smsRecovery": true, "callRecovery": true,
            "selfServiceUnlock": true, "multiOptionalFactorEnroll": true,
            "showPasswordToggleOnSignInPage": true, "hideSignOutLinkInMFA": true,
            "hideBackToSignInForReset": true, "webauthn": true, "router": true }
    }"##,
    );
    let language = js_function("supported, preferred", "return supported[0];");
    js_sys::Reflect::set(&options, &"language".into(), &language).unwrap();
    let config = JsSignIn::new(options).unwrap().config();
    assert_eq!(config.base_url, "https://acme.okta.com");
    assert_eq!(config.username.as_deref(), Some("dade"));
    assert_eq!(
        config.state_token.as_ref().map(|t| t.expose()),
        Some("00st")
    );
    assert_eq!(config.relay_state.as_deref(), Some("/app"));
    assert_eq!(
        config.branding.logo.as_deref(),
        Some("https://acme.example/logo.png")
    );
    assert_eq!(config.branding.logo_text.as_deref(), Some("Acme"));
    assert_eq!(config.branding.brand_name.as_deref(), Some("Acme Corp"));
    assert_eq!(config.branding.brand_color.as_deref(), Some("#1a2B3c"));
    assert_eq!(
        config.language.as_deref(),
        Some("en"),
        "the language function's choice"
    );
    assert_eq!(
        config.i18n["en"]["primaryauth.title"],
        authn_web::i18n::I18nText::Text("Sign in to Acme".to_owned())
    );
    assert_eq!(
        config.help_links.help.as_deref(),
        Some("https://acme.example/help")
    );
    assert_eq!(
        config.help_links.forgot_password.as_deref(),
        Some("/forgot")
    );
    let custom: Vec<_> = config
        .help_links
        .custom
        .iter()
        .map(|l| (l.text.as_str(), l.href.as_str(), l.target.as_deref()))
        .collect();
    assert_eq!(
        custom,
        vec![
            ("FAQ", "https://acme.example/faq", Some("_blank")),
            ("Status", "/status", None)
        ]
    );
    let f = &config.features;
    assert!(!f.remember_me);
    assert!(f.auto_push && f.sms_recovery && f.call_recovery && f.self_service_unlock);
    assert!(f.multi_optional_factor_enroll && f.show_password_toggle);
    assert!(f.hide_sign_out_link_in_mfa && f.hide_back_to_sign_in_for_reset && f.webauthn);
    assert!(config.process_creds.is_none() && config.transform_username.is_none());
}

#[wasm_bindgen_test]
fn unset_features_take_okta_defaults() {
    let config = JsSignIn::new(json(
        r#"{"baseUrl":"https://acme.okta.com","language":"fr"}"#,
    ))
    .unwrap()
    .config();
    let f = &config.features;
    assert!(f.remember_me && f.email_recovery, "Okta: on by default");
    assert!(!f.self_service_unlock && !f.sms_recovery && !f.call_recovery);
    assert!(!f.show_password_toggle && !f.auto_push && !f.webauthn);
    assert!(!f.hide_sign_out_link_in_mfa && !f.hide_back_to_sign_in_for_reset);
    assert!(
        f.warn_before_password_expired && f.snapshot_storage,
        "ours keep the widget's"
    );
    assert_eq!(config.language.as_deref(), Some("fr"));
    assert!(config.help_links.custom.is_empty());
}

/// Every rejected option, with the path its error must name.
const INVALID: &[(&str, &str)] = &[
    (r#"{"baseUrl":42}"#, "\"baseUrl\""),
    (r#"{"username":"x"}"#, "\"baseUrl\" is required"),
    (r#"{"baseUrl":"  "}"#, "\"baseUrl\" is required"),
    (r#"{"baseUrl":"https://a","username":7}"#, "\"username\""),
    (
        r#"{"baseUrl":"https://a","stateToken":{}}"#,
        "\"stateToken\"",
    ),
    (
        r#"{"baseUrl":"https://a","recoveryToken":1}"#,
        "\"recoveryToken\"",
    ),
    (
        r#"{"baseUrl":"https://a","relayState":[]}"#,
        "\"relayState\"",
    ),
    (
        r#"{"baseUrl":"https://a","redirectUri":false}"#,
        "\"redirectUri\"",
    ),
    (
        r#"{"baseUrl":"https://a","useClassicEngine":"yes"}"#,
        "\"useClassicEngine\"",
    ),
    (r#"{"baseUrl":"https://a","el":5}"#, "\"el\""),
    (
        r#"{"baseUrl":"https://a","logo":"javascript:alert(1)"}"#,
        "\"logo\"",
    ),
    (r#"{"baseUrl":"https://a","logoText":1}"#, "\"logoText\""),
    (
        r#"{"baseUrl":"https://a","brandName":true}"#,
        "\"brandName\"",
    ),
    (
        r#"{"baseUrl":"https://a","colors":{"brand":"red"}}"#,
        "\"colors.brand\"",
    ),
    (r#"{"baseUrl":"https://a","colors":"red"}"#, "\"colors\""),
    (r#"{"baseUrl":"https://a","language":5}"#, "\"language\""),
    (
        r#"{"baseUrl":"https://a","i18n":{"en":{"a":1}}}"#,
        "\"i18n\"",
    ),
    (
        r#"{"baseUrl":"https://a","processCreds":"x"}"#,
        "\"processCreds\"",
    ),
    (
        r#"{"baseUrl":"https://a","transformUsername":1}"#,
        "\"transformUsername\"",
    ),
    (
        r#"{"baseUrl":"https://a","helpLinks":{"help":5}}"#,
        "\"helpLinks.help\"",
    ),
    (
        r#"{"baseUrl":"https://a","helpLinks":{"unlock":"data:x"}}"#,
        "\"helpLinks.unlock\"",
    ),
    (
        r#"{"baseUrl":"https://a","helpLinks":{"custom":[{"text":"a"}]}}"#,
        "\"helpLinks.custom\"",
    ),
    (
        r#"{"baseUrl":"https://a","features":"all"}"#,
        "\"features\"",
    ),
    (
        r#"{"baseUrl":"https://a","features":{"rememberMe":"yes"}}"#,
        "\"features.rememberMe\"",
    ),
    (
        r#"{"baseUrl":"https://a","features":{"router":1}}"#,
        "\"features.router\"",
    ),
    (
        r#"{"baseUrl":"https://a","assets":{"baseUrl":1}}"#,
        "\"assets.baseUrl\"",
    ),
    (r#"{"baseUrl":"https://a","wasmUrl":5}"#, "\"wasmUrl\""),
    (r#""nope""#, "options must be an object"),
];

#[wasm_bindgen_test]
fn wrong_types_throw_an_error_naming_the_option() {
    for (options, names) in INVALID {
        let error = match JsSignIn::new(json(options)) {
            Ok(_) => panic!("accepted {options}"),
            Err(error) => error,
        };
        assert!(
            error.is_instance_of::<js_sys::Error>(),
            "{options}: an Error"
        );
        assert!(
            message(&error).contains(names),
            "{options}: {} should name {names}",
            message(&error)
        );
        assert_eq!(text(&error, "name"), "CONFIG_ERROR", "{options}");
    }
}

/// Replaces `console.warn` while `run` runs; returns the warnings.
fn warnings(run: impl FnOnce()) -> Vec<String> {
    let console = js_sys::Reflect::get(&js_sys::global(), &"console".into()).unwrap();
    let original = js_sys::Reflect::get(&console, &"warn".into()).unwrap();
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let record = {
        let seen = seen.clone();
        Closure::<dyn Fn(JsValue)>::new(move |m: JsValue| {
            seen.borrow_mut().push(m.as_string().unwrap_or_default());
        })
        .into_js_value()
    };
    js_sys::Reflect::set(&console, &"warn".into(), &record).unwrap();
    run();
    js_sys::Reflect::set(&console, &"warn".into(), &original).unwrap();
    seen.take()
}

#[wasm_bindgen_test]
fn identity_engine_options_warn_once_naming_them() {
    let options = json(
        r#"{"baseUrl":"https://a","clientId":"0oa1","authParams":{"issuer":"x"},"scopes":["openid"],
            "useInteractionCodeFlow":true,"features":{"registration":true,"rememberMe":true},"fooBar":1}"#,
    );
    let seen = warnings(|| {
        JsSignIn::new(options.clone()).unwrap();
        JsSignIn::new(options.clone()).unwrap();
    });
    assert_eq!(seen.len(), 1, "one warning per options object: {seen:?}");
    for name in [
        "clientId",
        "authParams",
        "scopes",
        "useInteractionCodeFlow",
        "features.registration",
        "fooBar (unknown)",
    ] {
        assert!(seen[0].contains(name), "{name} in {}", seen[0]);
    }
    assert!(!seen[0].contains("rememberMe"));
    let quiet = warnings(|| {
        JsSignIn::new(json(
            r#"{"baseUrl":"https://a","features":{"router":false}}"#,
        ))
        .unwrap();
    });
    assert!(quiet.is_empty(), "supported options: no warning {quiet:?}");
}
