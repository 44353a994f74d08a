//! `processCreds` (both of Okta's forms, told apart by arity) and `transformUsername` as the
//! typed hooks of the configuration. The views call them in phase 2; here they are called as the
//! widget will.

use std::cell::Cell;
use std::rc::Rc;

use authn_core::Password;
use authn_web::js_api::JsSignIn;
use authn_web::{Credentials, UsernameOperation};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{common, js_function, json};

fn with_hook(name: &str, hook: &js_sys::Function) -> authn_web::SignInConfig {
    let options = json(r#"{"baseUrl":"https://acme.okta.com"}"#);
    js_sys::Reflect::set(&options, &name.into(), hook).unwrap();
    JsSignIn::new(options).unwrap().config()
}

fn creds() -> Credentials {
    Credentials {
        username: "dade".into(),
        password: Password::new("Demo1234"),
    }
}

fn global(name: &str) -> JsValue {
    js_sys::Reflect::get(&js_sys::global(), &name.into()).unwrap()
}

#[wasm_bindgen_test]
async fn process_creds_synchronous_form_is_done_when_it_returns() {
    let hook = js_function(
        "creds",
        "globalThis.__creds1 = creds.username + ':' + creds.password;",
    );
    let config = with_hook("processCreds", &hook);
    assert!(
        format!("{config:?}").contains("ProcessCreds(..)"),
        "Debug shows no function or secret"
    );
    config.process_creds.unwrap().call(creds()).await.unwrap();
    assert_eq!(
        global("__creds1").as_string().as_deref(),
        Some("dade:Demo1234")
    );
}

#[wasm_bindgen_test]
async fn process_creds_callback_form_waits_for_the_callback() {
    let hook = js_function(
        "creds, callback",
        "globalThis.__done = callback; globalThis.__user = creds.username;",
    );
    let config = with_hook("processCreds", &hook);
    let finished = Rc::new(Cell::new(false));
    let future = config.process_creds.unwrap().call(creds());
    wasm_bindgen_futures::spawn_local({
        let finished = finished.clone();
        async move {
            future.await.unwrap();
            finished.set(true);
        }
    });
    common::settle().await;
    assert_eq!(global("__user").as_string().as_deref(), Some("dade"));
    assert!(!finished.get(), "two parameters: waits for the callback");
    let done: js_sys::Function = global("__done").unchecked_into();
    done.call0(&JsValue::NULL).unwrap();
    common::settle().await;
    assert!(finished.get(), "continues once the callback is called");
}

#[wasm_bindgen_test]
async fn a_throwing_process_creds_is_an_error_naming_it() {
    for hook in [
        js_function("creds", "throw new Error('no');"),
        js_function("creds, callback", "throw new Error('no');"),
    ] {
        let error = with_hook("processCreds", &hook)
            .process_creds
            .unwrap()
            .call(creds())
            .await
            .unwrap_err();
        assert_eq!(error.hook, "processCreds");
        assert!(
            !error.to_string().contains("Demo1234"),
            "no credential in {error}"
        );
    }
}

#[wasm_bindgen_test]
fn transform_username_gets_the_operation_and_must_return_a_string() {
    let hook = js_function(
        "username, operation",
        "return username.toUpperCase() + '@' + operation;",
    );
    let transform = with_hook("transformUsername", &hook)
        .transform_username
        .unwrap();
    for (operation, expected) in [
        (UsernameOperation::PrimaryAuth, "DADE@PRIMARY_AUTH"),
        (UsernameOperation::ForgotPassword, "DADE@FORGOT_PASSWORD"),
        (UsernameOperation::UnlockAccount, "DADE@UNLOCK_ACCOUNT"),
    ] {
        assert_eq!(transform.call("dade", operation).unwrap(), expected);
    }
    let not_a_string = with_hook("transformUsername", &js_function("u", "return 42;"))
        .transform_username
        .unwrap()
        .call("dade", UsernameOperation::PrimaryAuth)
        .unwrap_err();
    assert_eq!(not_a_string.hook, "transformUsername");
    assert!(not_a_string.message.contains("number"), "{not_a_string}");
    let throws = with_hook(
        "transformUsername",
        &js_function("u", "throw new Error('x');"),
    )
    .transform_username
    .unwrap()
    .call("dade", UsernameOperation::PrimaryAuth);
    assert!(throws.is_err());
}
