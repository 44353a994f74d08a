//! Events (`ready` before the first `afterRender`, Okta's controller names, `afterError` with the
//! server's error), `on` / `off`, `hide` / `show`, and `remove` leaving nothing behind.

use authn_web::js_api::JsSignIn;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{Log, common, element, get, json, message, recorder, render, text};

#[wasm_bindgen_test]
async fn ready_comes_before_the_first_after_render() {
    let w = render(&common::env(), "{}").await;
    assert_eq!(w.view(), "primary-auth");
    assert_eq!(
        w.log.names(),
        ["ready:primary-auth", "afterRender:primary-auth"]
    );
    w.click("[data-action=forgot-password]").await;
    assert_eq!(
        w.log.names(),
        [
            "ready:primary-auth",
            "afterRender:primary-auth",
            "afterRender:forgot-password"
        ],
        "ready only once per rendering"
    );
    w.finish().await;
}

#[wasm_bindgen_test]
async fn a_wrong_password_reaches_after_error_with_the_server_error() {
    let env = common::env();
    env.transport
        .reply("/api/v1/authn", 401, fixture!("error_E0000004"));
    let w = render(&env, "{}").await;
    w.type_into("#authn-username", "dade").await;
    w.type_into("#authn-password", "wrong").await;
    w.click(".authn-widget button[type=submit]").await;
    assert_eq!(
        w.log.names(),
        [
            "ready:primary-auth",
            "afterRender:primary-auth",
            "afterError:primary-auth"
        ],
        "no second afterRender for the error (as Okta)"
    );
    let (context, error) = w.log.calls("afterError").remove(0);
    assert_eq!(text(&context, "controller"), "primary-auth");
    assert_eq!(text(&error, "name"), "AuthApiError");
    assert_eq!(text(&error, "message"), "Authentication failed");
    assert_eq!(get(&error, "statusCode").as_f64(), Some(401.0));
    assert_eq!(get(&error, "xhr.status").as_f64(), Some(401.0));
    assert_eq!(text(&error, "xhr.responseJSON.errorCode"), "E0000004");
    assert_eq!(text(&error, "errorCode"), "E0000004");
    assert!(w.successes.borrow().is_empty());
    w.finish().await;
}

#[wasm_bindgen_test]
async fn off_removes_one_handler_or_all_and_a_throwing_handler_breaks_nothing() {
    let env = common::env();
    let options = json(&format!(r#"{{"baseUrl":"{}"}}"#, common::BASE));
    let widget = JsSignIn::with_services(options, env.services()).unwrap();
    let (kept, kept_calls) = recorder();
    let (dropped, dropped_calls) = recorder();
    let throwing = super::js_function("context", "throw new Error('page bug');");
    widget.on("afterRender".into(), throwing);
    widget.on("afterRender".into(), kept.clone());
    widget.on("afterRender".into(), dropped.clone());
    widget.on("ready".into(), dropped.clone());
    widget.off(Some("afterRender".into()), Some(dropped.clone()));
    let el = element();
    let _promise = widget.render_el(el.clone().into(), None, None).unwrap();
    common::settle().await;
    assert_eq!(
        kept_calls.borrow().len(),
        1,
        "called after a throwing handler"
    );
    assert_eq!(
        dropped_calls.borrow().len(),
        1,
        "only its ready subscription is left"
    );
    widget.off(None, None);
    widget.remove();
    let _again = widget.render_el(el.clone().into(), None, None).unwrap();
    common::settle().await;
    assert_eq!(kept_calls.borrow().len(), 1, "off() removed every handler");
    widget.remove();
    el.remove();
}

#[wasm_bindgen_test]
async fn hide_and_show_toggle_the_widget() {
    let w = render(&common::env(), "{}").await;
    let host = w.el.query_selector(".authn-host").unwrap().expect("host");
    w.widget.hide();
    assert!(host.has_attribute("hidden"));
    w.widget.show();
    assert!(!host.has_attribute("hidden"));
    assert!(
        w.el.query_selector("[style]").unwrap().is_none(),
        "no inline style"
    );
    w.finish().await;
}

#[wasm_bindgen_test]
async fn remove_twice_then_render_again_leaves_no_timer_listener_or_dom() {
    let env = common::env();
    env.transport
        .reply("/api/v1/authn", 200, fixture!("mfa_challenge_push_waiting"));
    let w = render(&env, r#"{"stateToken":"00resume"}"#).await;
    assert_eq!(w.view(), "mfa-push-wait");
    assert_eq!(
        w.log.names().last().map(String::as_str),
        Some("afterRender:mfa-verify")
    );
    assert!(env.clock.pending_timers() > 0, "the push poll is armed");
    w.widget.remove();
    w.widget.remove();
    common::settle().await;
    assert_eq!(env.clock.pending_timers(), 0, "no timer left");
    assert_eq!(env.page.listener_count(), 0, "no page listener left");
    assert_eq!(w.el.child_element_count(), 0, "no DOM left");
    env.clock.advance(std::time::Duration::from_secs(60));
    common::settle().await;
    assert_eq!(
        env.transport.count("/verify"),
        0,
        "nothing polls after remove()"
    );

    // A new rendering works and starts its events over.
    let events = w.log.names().len();
    env.transport
        .reply("/api/v1/authn", 200, fixture!("mfa_required"));
    let _promise = w.widget.render_el(w.el.clone().into(), None, None).unwrap();
    common::settle().await;
    assert_eq!(w.view(), "mfa-verify");
    let again = w.log.names()[events..].to_vec();
    assert!(
        again[0].starts_with("ready:"),
        "ready again first: {again:?}"
    );
    assert_eq!(
        again.last().map(String::as_str),
        Some("afterRender:mfa-verify")
    );
    w.finish().await;
    assert_eq!(env.clock.pending_timers(), 0);
}

#[wasm_bindgen_test]
async fn render_twice_throws_and_a_missing_element_goes_to_the_error_callback() {
    let w = render(&common::env(), "{}").await;
    let twice = w
        .widget
        .render_el(w.el.clone().into(), None, None)
        .unwrap_err();
    assert!(
        message(&twice).contains("Call remove() first"),
        "{}",
        message(&twice)
    );
    w.finish().await;

    let options = json(&format!(r#"{{"baseUrl":"{}"}}"#, common::BASE));
    let widget = JsSignIn::with_services(options, common::env().services()).unwrap();
    let (error, errors) = recorder();
    let promise = widget
        .render_el(json(r##"{"el":"#no-such-element"}"##), None, Some(error))
        .unwrap();
    let rejected = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .unwrap_err();
    assert_eq!(errors.borrow().len(), 1);
    assert_eq!(text(&errors.borrow()[0], "name"), "CONFIG_ERROR");
    assert!(message(&rejected).contains("#no-such-element"));
    let none = widget.render_el(JsValue::UNDEFINED, None, None).unwrap();
    let rejected = wasm_bindgen_futures::JsFuture::from(none)
        .await
        .unwrap_err();
    assert!(message(&rejected).contains("\"el\" is required"));
}

#[wasm_bindgen_test]
async fn the_constructor_el_and_a_selector_are_render_targets() {
    let el = element();
    el.set_id("okta-login-container");
    let options = json(&format!(
        r##"{{"baseUrl":"{}","el":"#okta-login-container"}}"##,
        common::BASE
    ));
    let widget = JsSignIn::with_services(options, common::env().services()).unwrap();
    let log = Log::default();
    log.listen(&widget);
    let _promise = widget.render_el(json("{}"), None, None).unwrap();
    common::settle().await;
    assert!(el.query_selector(".authn-widget").unwrap().is_some());
    widget.remove();
    let _promise = widget
        .render_el(json(r##"{"el":"#okta-login-container"}"##), None, None)
        .unwrap();
    common::settle().await;
    assert!(el.query_selector(".authn-widget").unwrap().is_some());
    widget.remove();
    el.remove();
}

#[wasm_bindgen_test]
async fn after_error_rebuilds_the_server_error_body_and_names_a_bodiless_rate_limit() {
    let env = common::env();
    env.transport
        .reply("/api/v1/authn", 200, fixture!("password_expired"));
    let w = render(&env, r#"{"stateToken":"00resume"}"#).await;
    w.type_into("#authn-old-password", "old").await;
    w.type_into("#authn-new-password", "Abcdefgh1").await;
    w.type_into("#authn-confirm-password", "Abcdefgh1").await;
    env.transport.reply(
        "/credentials/change_password",
        403,
        fixture!("error_E0000080"),
    );
    w.click(".authn-widget button[type=submit]").await;
    let (_, error) = w.log.calls("afterError").pop().expect("afterError");
    assert_eq!(get(&error, "statusCode").as_f64(), Some(403.0));
    let body = get(&error, "xhr.responseJSON");
    assert_eq!(text(&body, "errorCode"), "E0000080");
    assert_eq!(text(&body, "errorLink"), "E0000080");
    assert!(!text(&body, "errorSummary").is_empty());
    let causes: js_sys::Array = get(&body, "errorCauses").unchecked_into();
    assert!(causes.length() > 0, "the causes come along");
    let again = js_sys::JSON::parse(&text(&error, "xhr.responseText")).unwrap();
    assert_eq!(
        text(&again, "errorCode"),
        "E0000080",
        "responseText is the same JSON"
    );
    w.finish().await;

    // A 429 without a body: the status, no body.
    let env = common::env();
    env.transport.reply("/api/v1/authn", 429, "");
    let w = render(&env, "{}").await;
    w.type_into("#authn-username", "dade").await;
    w.type_into("#authn-password", "pw").await;
    w.click(".authn-widget button[type=submit]").await;
    let (_, error) = w.log.calls("afterError").pop().expect("afterError");
    assert_eq!(text(&error, "name"), "AuthApiError");
    assert_eq!(get(&error, "statusCode").as_f64(), Some(429.0));
    assert!(get(&error, "xhr.responseJSON").is_undefined());
    w.finish().await;
}
