//! Okta's success data: `SUCCESS` with `session.setCookieAndRedirect` (its URL and its error when
//! no redirect URI is known), step-up, and `FORGOT_PASSWORD_EMAIL_SENT`.

use authn_web::js_api::{encode_uri_component, session_cookie_redirect_url};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{common, get, message, render, text};

const TOKEN: &str = "20111VKvxdgS6sCU9Ux_j0Z7O3yj3HAXpbbgwD76HVoSDTRODMq33zn";

fn call(function: &JsValue, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: &js_sys::Function = function.unchecked_ref();
    function.apply(&JsValue::NULL, &args.iter().collect())
}

#[wasm_bindgen_test]
fn the_session_cookie_redirect_url_is_okta_s() {
    assert_eq!(
        session_cookie_redirect_url(
            "https://acme.okta.com/",
            "20t/k+n",
            "https://app.example/a b?x=1&y=é"
        ),
        "https://acme.okta.com/login/sessionCookieRedirect?checkAccountSetupComplete=true\
         &token=20t%2Fk%2Bn&redirectUrl=https%3A%2F%2Fapp.example%2Fa%20b%3Fx%3D1%26y%3D%C3%A9"
    );
    let tricky = "a-_.!~*'() /?#&=+é😀";
    assert_eq!(
        encode_uri_component(tricky),
        String::from(js_sys::encode_uri_component(tricky)),
        "the same as the browser's encodeURIComponent"
    );
}

#[wasm_bindgen_test]
async fn success_has_okta_s_shape_and_set_cookie_and_redirect_needs_a_redirect_uri() {
    let env = common::env();
    env.transport
        .reply("/api/v1/authn", 200, fixture!("success"));
    let w = render(&env, r#"{"stateToken":"00resume"}"#).await;
    assert_eq!(w.successes.borrow().len(), 1, "the success callback, once");
    let res = w.successes.borrow()[0].clone();
    assert_eq!(text(&res, "status"), "SUCCESS");
    assert_eq!(text(&res, "type"), "SESSION_SSO");
    assert_eq!(text(&res, "session.token"), TOKEN);
    assert_eq!(text(&res, "relayState"), "/myapp/some/deep/link");
    assert_eq!(text(&res, "user.id"), "00ub0oNGTSWTBKOLGLNR");
    assert_eq!(text(&res, "user.profile.login"), "dade.murphy@example.com");
    assert_eq!(text(&res, "user.profile.firstName"), "Dade");
    assert!(get(&res, "stepUp").is_undefined() && get(&res, "next").is_undefined());
    let resolved = JsFuture::from(w.promise.clone()).await.unwrap();
    assert_eq!(
        text(&resolved, "session.token"),
        TOKEN,
        "the promise resolves with it too"
    );
    assert_eq!(w.log.calls("success").len(), 1, "and the success event");

    // No redirectUri option and no argument: Okta's ConfigError, and no navigation.
    let redirect = get(&res, "session.setCookieAndRedirect");
    let error = call(&redirect, &[]).unwrap_err();
    assert_eq!(message(&error), "\"redirectUri\" is required");
    assert_eq!(text(&error, "name"), "CONFIG_ERROR");
    assert!(env.page.navigations().is_empty());
    call(&redirect, &["https://app.example/after".into()]).unwrap();
    assert_eq!(
        env.page.navigations(),
        [format!(
            "{}/login/sessionCookieRedirect?checkAccountSetupComplete=true&token={TOKEN}\
             &redirectUrl=https%3A%2F%2Fapp.example%2Fafter",
            common::BASE
        )]
    );
    w.finish().await;
}

#[wasm_bindgen_test]
async fn set_cookie_and_redirect_uses_the_redirect_uri_option() {
    let env = common::env();
    env.transport
        .reply("/api/v1/authn", 200, fixture!("success"));
    let w = render(
        &env,
        r#"{"stateToken":"00resume","redirectUri":"https://app.example/home"}"#,
    )
    .await;
    let res = w.successes.borrow()[0].clone();
    call(&get(&res, "session.setCookieAndRedirect"), &[]).unwrap();
    let navigations = env.page.navigations();
    assert_eq!(navigations.len(), 1);
    assert!(
        navigations[0].ends_with("&redirectUrl=https%3A%2F%2Fapp.example%2Fhome"),
        "{navigations:?}"
    );
    w.finish().await;
}

#[wasm_bindgen_test]
async fn step_up_success_has_step_up_url_and_finish() {
    let env = common::env();
    env.transport
        .reply("/api/v1/authn", 200, fixture!("success_step_up"));
    let w = render(&env, r#"{"stateToken":"00resume"}"#).await;
    let res = w.successes.borrow()[0].clone();
    assert_eq!(text(&res, "type"), "SESSION_STEP_UP");
    let url = text(&res, "stepUp.url");
    assert!(
        url.starts_with("https://acme.okta.com/login/step-up/redirect?stateToken="),
        "{url}"
    );
    assert!(
        get(&res, "session").is_undefined(),
        "no session object on step-up (as Okta)"
    );
    assert_eq!(
        env.page.navigations(),
        std::slice::from_ref(&url),
        "the widget follows the redirect by itself, to stepUp.url"
    );
    let before = env.page.navigations().len();
    call(&get(&res, "stepUp.finish"), &[]).unwrap();
    assert_eq!(env.page.navigations()[before..], [url]);
    w.finish().await;
}

#[wasm_bindgen_test]
async fn a_recovery_email_reports_forgot_password_email_sent_with_the_username() {
    let env = common::env();
    env.transport.reply(
        "/api/v1/authn/recovery/password",
        200,
        fixture!("recovery_challenge_email"),
    );
    let w = render(&env, "{}").await;
    w.click("[data-action=forgot-password]").await;
    w.type_into("#authn-recovery-username", "dade.murphy@example.com")
        .await;
    w.click("button[data-factor]").await;
    assert_eq!(w.view(), "password-reset-email-sent");
    assert_eq!(
        w.log.names().last().map(String::as_str),
        Some("afterRender:password-reset-email-sent")
    );
    let res = w
        .successes
        .borrow()
        .last()
        .cloned()
        .expect("success callback");
    assert_eq!(text(&res, "status"), "FORGOT_PASSWORD_EMAIL_SENT");
    assert_eq!(text(&res, "username"), "dade.murphy@example.com");
    w.finish().await;
}
