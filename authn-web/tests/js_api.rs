//! The `OktaSignIn` JavaScript class (feature `js-api`): options, events, render and remove.
#![cfg(all(target_arch = "wasm32", feature = "js-api"))]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use authn_web::js_api::JsSignIn;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

/// A JS function recording the `controller` of its first argument.
fn recorder(log: &Rc<RefCell<Vec<String>>>) -> js_sys::Function {
    let log = log.clone();
    let closure = Closure::<dyn Fn(JsValue)>::new(move |ctx: JsValue| {
        let controller = js_sys::Reflect::get(&ctx, &"controller".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        log.borrow_mut().push(controller);
    });
    closure.into_js_value().into()
}

#[wasm_bindgen_test]
async fn renders_emits_ready_and_after_render_then_removes() {
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&element).unwrap();

    let mut widget = JsSignIn::new(options(
        r#"{"baseUrl":"https://acme.okta.com","username":"dade","features":{"rememberMe":false,"selfServiceUnlock":false}}"#,
    ))
    .unwrap();
    let ready = Rc::new(RefCell::new(Vec::new()));
    let rendered = Rc::new(RefCell::new(Vec::new()));
    widget.on("ready".into(), recorder(&ready));
    widget.on("afterRender".into(), recorder(&rendered));
    widget.render_el(element.clone());
    common::settle().await;

    let root = element
        .query_selector(".authn-widget")
        .unwrap()
        .expect("rendered");
    assert_eq!(
        root.get_attribute("data-view").as_deref(),
        Some("primary-auth")
    );
    assert_eq!(*ready.borrow(), vec!["primary-auth".to_owned()]);
    assert_eq!(*rendered.borrow(), vec!["primary-auth".to_owned()]);
    assert!(
        element.query_selector("#authn-remember").unwrap().is_none(),
        "features.rememberMe honoured"
    );
    assert!(
        element
            .query_selector("[data-action=unlock]")
            .unwrap()
            .is_none()
    );
    use wasm_bindgen::JsCast;
    let username: web_sys::HtmlInputElement = element
        .query_selector("#authn-username")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(username.value(), "dade");

    // Forgot password renders a new view: afterRender again.
    let link: web_sys::HtmlElement = element
        .query_selector("[data-action=forgot-password]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    link.click();
    common::settle().await;
    assert_eq!(
        rendered.borrow().last().map(String::as_str),
        Some("forgot-password")
    );

    widget.remove();
    common::settle().await;
    assert!(element.query_selector(".authn-widget").unwrap().is_none());
    element.remove();
}

#[wasm_bindgen_test]
fn invalid_options_are_a_js_error() {
    assert!(
        JsSignIn::new(options(r#"{"username":"x"}"#)).is_err(),
        "baseUrl is required"
    );
    assert!(
        JsSignIn::new(options(
            r#"{"baseUrl":"https://a","features":{"rememberMe":"yes"}}"#
        ))
        .is_err()
    );
    assert!(JsSignIn::new(JsValue::from_str("nope")).is_err());
}
