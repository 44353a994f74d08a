//! `processCreds` (both of Okta's forms, told apart by arity) and `transformUsername`: as the typed
//! hooks of the configuration, and through the rendered widget (what is sent, when, and what the
//! user sees when a hook fails).

use std::cell::Cell;
use std::rc::Rc;

use authn_core::Password;
use authn_web::js_api::JsSignIn;
use authn_web::{Credentials, UsernameOperation};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{Rendered, common, get, js_function, json, render_value, text};

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

/// Renders with Okta's self-service unlock and SMS recovery, and the function option `name`.
async fn render_with(name: &str, hook: &js_sys::Function) -> Rendered {
    let options = r#"{"features":{"selfServiceUnlock":true,"smsRecovery":true}}"#;
    render_hooked(&common::env(), options, name, hook).await
}

/// Renders `options` (JSON) plus the function option `name` = `hook` on `env`.
async fn render_hooked(
    env: &authn_web::testing::FakeEnv,
    options: &str,
    name: &str,
    hook: &js_sys::Function,
) -> Rendered {
    let options = json(options);
    js_sys::Reflect::set(&options, &name.into(), hook).unwrap();
    render_value(env, options).await
}

async fn sign_in(w: &Rendered, username: &str) {
    w.type_into("#authn-username", username).await;
    w.type_into("#authn-password", "Demo1234").await;
    w.click(".authn-widget button[type=submit]").await;
}

#[wasm_bindgen_test]
async fn process_creds_callback_form_sends_nothing_until_the_callback_runs() {
    let hook = js_function(
        "creds, callback",
        "globalThis.__later = callback; globalThis.__seen = creds.username + ':' + creds.password;",
    );
    let w = render_with("processCreds", &hook).await;
    w.env
        .transport
        .reply("/api/v1/authn", 200, fixture!("success"));
    sign_in(&w, "dade").await;
    assert_eq!(
        global("__seen").as_string().as_deref(),
        Some("dade:Demo1234")
    );
    assert_eq!(
        w.env.transport.count("/api/v1/authn"),
        0,
        "waits for the callback"
    );
    let busy = w.el.query_selector(".authn-widget").unwrap().unwrap();
    assert_eq!(busy.get_attribute("data-busy").as_deref(), Some("true"));
    let submit = w.el.query_selector("button[type=submit]").unwrap().unwrap();
    assert!(
        submit.has_attribute("disabled"),
        "a second submit is not possible"
    );
    let later: js_sys::Function = global("__later").unchecked_into();
    later.call0(&JsValue::NULL).unwrap();
    common::settle().await;
    assert_eq!(w.env.transport.count("/api/v1/authn"), 1);
    let sent = w.env.transport.last_body("/api/v1/authn").unwrap();
    assert_eq!(sent["username"], "dade");
    assert_eq!(w.view(), "success");
    w.finish().await;
}

#[wasm_bindgen_test]
async fn process_creds_synchronous_form_sends_at_once() {
    let hook = js_function("creds", "globalThis.__sync = creds.username;");
    let w = render_with("processCreds", &hook).await;
    w.env
        .transport
        .reply("/api/v1/authn", 401, fixture!("error_E0000004"));
    w.type_into("#authn-username", "dade").await;
    w.type_into("#authn-password", "Demo1234").await;
    // One task: no settling between the click and the check.
    let button: web_sys::HtmlElement =
        w.el.query_selector("button[type=submit]")
            .unwrap()
            .unwrap()
            .unchecked_into();
    button.click();
    assert_eq!(
        w.env.transport.count("/api/v1/authn"),
        1,
        "sent in the same event"
    );
    assert_eq!(global("__sync").as_string().as_deref(), Some("dade"));
    w.finish().await;
}

#[wasm_bindgen_test]
async fn a_throwing_process_creds_shows_an_error_and_sends_nothing() {
    for hook in [
        js_function("creds", "throw new Error('page bug');"),
        js_function("creds, callback", "throw new Error('page bug');"),
    ] {
        let w = render_with("processCreds", &hook).await;
        sign_in(&w, "dade").await;
        assert_eq!(w.env.transport.count("/api/v1/authn"), 0);
        let alert =
            w.el.query_selector(".authn-alert[role=alert]")
                .unwrap()
                .expect("an alert");
        assert_eq!(
            alert.text_content().unwrap(),
            authn_web::Msg::ErrPageHook.text()
        );
        let input = |id: &str| -> web_sys::HtmlInputElement {
            w.el.query_selector(id).unwrap().unwrap().unchecked_into()
        };
        assert_eq!(input("#authn-username").value(), "dade");
        assert_eq!(
            input("#authn-password").value(),
            "",
            "the password is cleared"
        );
        let (_, error) = w.log.calls("afterError").pop().expect("afterError");
        assert_eq!(text(&error, "name"), "AuthSdkError");
        assert!(get(&error, "statusCode").is_undefined());
        w.finish().await;
    }
}

#[wasm_bindgen_test]
async fn process_creds_sees_the_new_password_of_a_reset() {
    let hook = js_function(
        "creds",
        "globalThis.__reset = creds.username + ':' + creds.password;",
    );
    let env = common::env();
    env.transport
        .reply("/api/v1/authn", 200, fixture!("password_reset"));
    let w = render_hooked(&env, r#"{"stateToken":"00resume"}"#, "processCreds", &hook).await;
    assert_eq!(w.view(), "password-reset");
    w.type_into("#authn-new-password", "N3w-Password-1").await;
    w.type_into("#authn-confirm-password", "N3w-Password-1")
        .await;
    env.transport
        .reply("/credentials/reset_password", 200, fixture!("success"));
    w.click(".authn-widget button[type=submit]").await;
    let seen = global("__reset").as_string().unwrap_or_default();
    assert!(
        seen.ends_with(":N3w-Password-1") && !seen.starts_with(':'),
        "{seen}"
    );
    w.finish().await;
}

/// A `transformUsername` that appends its operation, so each request shows which one it was.
fn tagging() -> js_sys::Function {
    js_function("username, operation", "return username + '+' + operation;")
}

#[wasm_bindgen_test]
async fn transform_username_rewrites_what_each_operation_sends() {
    let w = render_with("transformUsername", &tagging()).await;
    w.env
        .transport
        .reply("/api/v1/authn", 401, fixture!("error_E0000004"));
    sign_in(&w, "dade").await;
    let sent = w.env.transport.last_body("/api/v1/authn").unwrap();
    assert_eq!(sent["username"], "dade+PRIMARY_AUTH");
    let field: web_sys::HtmlInputElement =
        w.el.query_selector("#authn-username")
            .unwrap()
            .unwrap()
            .unchecked_into();
    assert_eq!(field.value(), "dade", "the field keeps what was typed");

    // Forgot password, its email sent again, and the untransformed username in Okta's success data.
    w.click("[data-action=forgot-password]").await;
    w.env.transport.reply(
        "/recovery/password",
        200,
        fixture!("recovery_challenge_email"),
    );
    w.click("button[data-factor=EMAIL]").await;
    let sent = w.env.transport.last_body("/recovery/password").unwrap();
    assert_eq!(sent["username"], "dade+FORGOT_PASSWORD");
    assert_eq!(w.view(), "password-reset-email-sent");
    let res = w.successes.borrow().last().cloned().expect("email sent");
    assert_eq!(text(&res, "status"), "FORGOT_PASSWORD_EMAIL_SENT");
    assert_eq!(
        text(&res, "username"),
        "dade",
        "Okta reports the typed username"
    );
    w.env.transport.reply(
        "/recovery/password",
        200,
        fixture!("recovery_challenge_email"),
    );
    w.click("[data-action=resend-email]").await;
    assert_eq!(w.env.transport.count("/recovery/password"), 2);
    let sent = w.env.transport.last_body("/recovery/password").unwrap();
    assert_eq!(sent["username"], "dade+FORGOT_PASSWORD");

    // Unlock.
    w.click("[data-action=cancel]").await;
    w.click("[data-action=unlock]").await;
    w.env
        .transport
        .reply("/recovery/unlock", 200, fixture!("recovery_challenge_sms"));
    w.click("button[data-factor=SMS]").await;
    let sent = w.env.transport.last_body("/recovery/unlock").unwrap();
    assert_eq!(sent["username"], "dade+UNLOCK_ACCOUNT");
    w.finish().await;
}

#[wasm_bindgen_test]
async fn a_failing_transform_username_sends_the_typed_one() {
    let w = render_with("transformUsername", &js_function("u", "return 42;")).await;
    w.env
        .transport
        .reply("/api/v1/authn", 401, fixture!("error_E0000004"));
    sign_in(&w, "dade").await;
    let sent = w.env.transport.last_body("/api/v1/authn").unwrap();
    assert_eq!(sent["username"], "dade");
    w.finish().await;
}
