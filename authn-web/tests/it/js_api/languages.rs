//! The language options: `language` (a function is offered every language), `i18n` with plural
//! objects, Okta's `assets.baseUrl` / `assets.rewrite`, and where the language files are
//! (`languagesUrl`, else next to `wasmUrl`).

use std::collections::BTreeMap;

use authn_web::i18n::I18nText;
use authn_web::js_api::JsSignIn;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{js_function, json, message};

#[wasm_bindgen_test]
fn a_language_function_is_offered_every_language() {
    let options = json(r#"{"baseUrl":"https://acme.okta.com"}"#);
    let pick = js_function(
        "supported, preferred",
        "return supported.join(',') + '|' + Array.isArray(preferred);",
    );
    js_sys::Reflect::set(&options, &"language".into(), &pick).unwrap();
    let config = JsSignIn::new(options).unwrap().config();
    assert_eq!(
        config.language.as_deref(),
        Some("en,de,fr,es,pt-BR,ja,zh-CN,ar|true")
    );
}

#[wasm_bindgen_test]
fn i18n_texts_may_be_plural_objects() {
    let options = json(
        r#"{"baseUrl":"https://acme.okta.com","i18n":{"fr":{
            "primaryauth.title":"Connexion Acme",
            "password.complexity.length.description":{"one":"{0} caractère","other":"{0} caractères"}}}}"#,
    );
    let config = JsSignIn::new(options).unwrap().config();
    let fr = &config.i18n["fr"];
    assert_eq!(
        fr["primaryauth.title"],
        I18nText::Text("Connexion Acme".to_owned())
    );
    assert_eq!(
        fr["password.complexity.length.description"],
        I18nText::Plural(BTreeMap::from([
            ("one".to_owned(), "{0} caractère".to_owned()),
            ("other".to_owned(), "{0} caractères".to_owned()),
        ]))
    );
    for bad in [
        r#"{"baseUrl":"https://a","i18n":{"fr":{"help":{"one":1}}}}"#,
        r#"{"baseUrl":"https://a","i18n":{"fr":["x"]}}"#,
        r#"{"baseUrl":"https://a","assets":{"baseUrl":"javascript:x"}}"#,
        r#"{"baseUrl":"https://a","assets":{"rewrite":"x"}}"#,
        r#"{"baseUrl":"https://a","languagesUrl":5}"#,
    ] {
        let error = JsSignIn::new(json(bad)).err().expect(bad);
        let name = if bad.contains("i18n") {
            "\"i18n\""
        } else if bad.contains("rewrite") {
            "\"assets.rewrite\""
        } else if bad.contains("assets") {
            "\"assets.baseUrl\""
        } else {
            "\"languagesUrl\""
        };
        assert!(message(&error).contains(name), "{bad}: {}", message(&error));
    }
}

#[wasm_bindgen_test]
fn okta_assets_options_reach_the_configuration() {
    let options =
        json(r#"{"baseUrl":"https://acme.okta.com","assets":{"baseUrl":"/okta-assets"}}"#);
    let assets = js_sys::Reflect::get(&options, &"assets".into()).unwrap();
    let rewrite = js_function("path", "return path.replace('.json', '.abc123.json');");
    js_sys::Reflect::set(&assets, &"rewrite".into(), &rewrite).unwrap();
    let config = JsSignIn::new(options).unwrap().config();
    assert_eq!(config.assets.base_url.as_deref(), Some("/okta-assets"));
    let rewrite = config.assets.rewrite.expect("assets.rewrite");
    assert_eq!(
        rewrite.call("/labels/json/login_fr.json").unwrap(),
        "/labels/json/login_fr.abc123.json"
    );
    // A rewrite that returns no string is reported, not fatal.
    let options = json(r#"{"baseUrl":"https://acme.okta.com","assets":{}}"#);
    let assets = js_sys::Reflect::get(&options, &"assets".into()).unwrap();
    js_sys::Reflect::set(
        &assets,
        &"rewrite".into(),
        &js_function("path", "return 1;"),
    )
    .unwrap();
    let config = JsSignIn::new(options).unwrap().config();
    let failure = config.assets.rewrite.unwrap().call("/x").unwrap_err();
    assert_eq!(failure.hook, "assets.rewrite");
}

#[wasm_bindgen_test]
fn language_files_are_found_from_languages_url_or_wasm_url() {
    let page = web_sys::window().unwrap().location().origin().unwrap();
    let config = JsSignIn::new(json(r#"{"baseUrl":"https://a"}"#))
        .unwrap()
        .config();
    assert_eq!(config.languages_url, None, "default: next to the script");
    let config = JsSignIn::new(json(
        r#"{"baseUrl":"https://a","languagesUrl":"/static/lang/"}"#,
    ))
    .unwrap()
    .config();
    assert_eq!(config.languages_url, Some(format!("{page}/static/lang/")));
    let options = json(r#"{"baseUrl":"https://a"}"#);
    let wasm = web_sys::Url::new("https://cdn.example/widget/1.0/authn_web_bg.wasm").unwrap();
    js_sys::Reflect::set(&options, &"wasmUrl".into(), &wasm).unwrap();
    let config = JsSignIn::new(options).unwrap().config();
    assert_eq!(
        config.languages_url.as_deref(),
        Some("https://cdn.example/widget/1.0/i18n/")
    );
}
