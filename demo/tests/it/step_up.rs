//! SP-initiated step-up: `POST /emulator/step-up` starts a transaction as an app's redirect to the
//! custom sign-in page would; get-state answers MFA_REQUIRED (with a session) or UNAUTHENTICATED
//! (without); SUCCESS is `SESSION_STEP_UP` with a GET `original` link whose redirect lands on the
//! app's page with a session. Expiry, cancel and bad requests.

use serde_json::{Value, json};

use crate::common::{Harness, PASSWORD, Reply, start, start_with};

const APP: &str = "demo-app";

/// Starts a step-up of `username` to the demo app; asserts the answer's shape; the stateToken.
async fn step_up(h: &Harness, username: &str, session: bool) -> String {
    step_up_to(h, username, session, "Demo App").await
}

/// [`step_up`] on an emulator whose demo app is labelled `label`.
async fn step_up_to(h: &Harness, username: &str, session: bool, label: &str) -> String {
    let r = h
        .post(
            "/emulator/step-up",
            json!({"username": username, "app": APP, "session": session}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let token = r.str_at("/stateToken");
    assert_eq!(
        r.str_at("/url"),
        format!("{}/?stateToken={token}", h.emu.base_url())
    );
    let state = h.get_state(&token).await;
    assert_eq!(state.body["_embedded"]["target"]["label"], label);
    token
}

/// Every step-up response names the app it signs in to.
#[track_caller]
fn assert_step_up(r: &Reply) {
    assert_eq!(r.body["type"], "SESSION_STEP_UP", "{}", r.body);
    assert_eq!(
        r.body["_embedded"]["target"],
        json!({"type": "APP", "name": APP, "label": "Demo App"})
    );
}

/// SUCCESS of a step-up: its stateToken, no sessionToken, and the GET `original` link.
#[track_caller]
fn assert_step_up_success(r: &Reply, token: &str) -> String {
    r.expect_status("SUCCESS");
    assert_step_up(r);
    assert_eq!(r.token(), token);
    assert!(r.body.get("sessionToken").is_none(), "{}", r.body);
    let next = &r.body["_links"]["next"];
    assert_eq!(next["name"], "original");
    assert_eq!(next["hints"]["allow"], json!(["GET"]));
    let href = next["href"].as_str().unwrap().to_string();
    assert!(
        href.ends_with(&format!("/login/step-up/redirect?stateToken={token}")),
        "{href}"
    );
    assert_eq!(r.body["_embedded"]["authentication"]["protocol"], "SAML2.0");
    href
}

/// Follows the `original` link: 302 to the app's page, whose text names the user and the app.
async fn follow_to_app(h: &Harness, href: &str, name: &str, login: &str) {
    let resp = h.client.get(href).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, h.emu.url(&format!("/emulator/apps/{APP}")));
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("sid=") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let html = h.get_html(&location).await;
    assert!(
        html.contains(name) && html.contains(login) && html.contains("Demo App"),
        "{html}"
    );
}

#[tokio::test]
async fn with_a_session_mfa_then_success_then_the_app() {
    let h = start().await;
    let user = "mfa.question@example.com";
    let token = step_up(&h, user, true).await;
    let r = h.get_state(&token).await;
    r.expect_status("MFA_REQUIRED");
    assert_step_up(&r);
    assert_eq!(r.body["_embedded"]["user"]["profile"]["login"], user);
    let verify = r.factor_link("question", None, "verify");
    h.step(&verify, &token, json!({"answer": "red"}))
        .await
        .expect_error(403, "E0000068");
    let done = h.step(&verify, &token, json!({"answer": "blue"})).await;
    let href = assert_step_up_success(&done, &token);
    // SUCCESS stays readable until the redirect uses the token up.
    assert_step_up_success(&h.get_state(&token).await, &token);
    follow_to_app(&h, &href, "Quinn Question", user).await;
    h.get_state(&token).await.expect_error(401, "E0000011");
    let again = h.client.get(&href).send().await.unwrap();
    assert_eq!(again.status().as_u16(), 401);
    // The session the user had now carries the factor.
    let session = h.get("/api/v1/sessions/me").await;
    assert_eq!(session.status, 200, "{}", session.body);
    assert_eq!(session.body["login"], user);
    assert_eq!(session.body["amr"], json!(["pwd", "kba", "mfa"]));
    assert_eq!(session.body["mfaActive"], true);
}

#[tokio::test]
async fn without_a_session_password_then_mfa_then_the_app() {
    let h = start().await;
    let user = "mfa.okta-totp@example.com";
    let token = step_up(&h, user, false).await;
    let r = h.get_state(&token).await;
    r.expect_status("UNAUTHENTICATED");
    assert_step_up(&r);
    assert!(r.body["_embedded"].get("user").is_none(), "{}", r.body);
    let auth = &r.body["_embedded"]["authentication"];
    assert_eq!(auth["protocol"], "SAML2.0");
    assert_eq!(auth["issuer"]["name"], "Demo App");
    assert!(auth["issuer"]["id"].as_str().unwrap().starts_with("0oa"));
    assert_eq!(auth["issuer"]["uri"], h.emu.url("/emulator/apps/demo-app"));
    let next = &r.body["_links"]["next"];
    assert_eq!(next["name"], "authenticate");
    assert_eq!(next["href"], h.emu.url("/api/v1/authn"));
    assert_eq!(next["hints"]["allow"], json!(["POST"]));
    assert!(r.body["_links"]["cancel"].is_object());
    let authenticate = r.link("next");
    // A wrong password, and another user's right one, fail alike.
    for (username, password) in [(user, "wrong"), ("success@example.com", PASSWORD)] {
        h.step(
            &authenticate,
            &token,
            json!({"username": username, "password": password}),
        )
        .await
        .expect_error(401, "E0000004");
    }
    // MFA verification is not allowed before the password.
    let secret = h.totp_secret(user).await;
    let factor_id = h.user_json(user).await["factors"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    h.step(
        &format!("/api/v1/authn/factors/{factor_id}/verify"),
        &token,
        json!({"passCode": crate::common::totp_code(&secret, h.now_unix())}),
    )
    .await
    .expect_error(403, "E0000079");
    let mfa = h
        .step(
            &authenticate,
            &token,
            json!({"username": user, "password": PASSWORD}),
        )
        .await;
    mfa.expect_status("MFA_REQUIRED");
    assert_step_up(&mfa);
    let code = crate::common::totp_code(&secret, h.now_unix());
    let done = h
        .step(
            &mfa.factor_link("token:software:totp", Some("OKTA"), "verify"),
            &token,
            json!({"passCode": code}),
        )
        .await;
    let href = assert_step_up_success(&done, &token);
    follow_to_app(&h, &href, "Otto Totp", user).await;
    let session = h.get("/api/v1/sessions/me").await;
    assert_eq!(session.body["amr"], json!(["pwd", "otp", "mfa"]));
}

#[tokio::test]
async fn without_a_session_a_user_without_factors_signs_in_and_is_done() {
    let h = start().await;
    let user = "success@example.com";
    let token = step_up(&h, user, false).await;
    let r = h.get_state(&token).await;
    r.expect_status("UNAUTHENTICATED");
    // The password step is the only one; a second one is not allowed.
    let done = h
        .step(
            &r.link("next"),
            &token,
            json!({"username": user, "password": PASSWORD}),
        )
        .await;
    let href = assert_step_up_success(&done, &token);
    h.step(
        &r.link("next"),
        &token,
        json!({"username": user, "password": PASSWORD}),
    )
    .await
    .expect_error(403, "E0000079");
    follow_to_app(&h, &href, "Sam Success", user).await;
}

#[tokio::test]
async fn with_a_session_and_no_factor_the_step_up_is_done_at_once() {
    let h = start().await;
    let token = step_up(&h, "success@example.com", true).await;
    let r = h.get_state(&token).await;
    let href = assert_step_up_success(&r, &token);
    follow_to_app(&h, &href, "Sam Success", "success@example.com").await;
}

#[tokio::test]
async fn an_expired_step_up_token_is_e0000011() {
    let h = start().await;
    let token = step_up(&h, "mfa.question@example.com", false).await;
    h.get_state(&token).await.expect_status("UNAUTHENTICATED");
    h.emu.advance_clock(301);
    h.get_state(&token).await.expect_error(401, "E0000011");
    h.post(
        "/api/v1/authn",
        json!({"stateToken": token, "username": "mfa.question@example.com", "password": PASSWORD}),
    )
    .await
    .expect_error(401, "E0000011");
    h.get(&format!("/login/step-up/redirect?stateToken={token}"))
        .await
        .expect_error(401, "E0000011");
}

#[tokio::test]
async fn cancel_ends_a_step_up() {
    let h = start().await;
    for session in [false, true] {
        let token = step_up(&h, "mfa.question@example.com", session).await;
        let r = h.get_state(&token).await;
        let cancelled = h.step(&r.link("cancel"), &token, json!({})).await;
        assert_eq!(cancelled.status, 200, "{}", cancelled.body);
        h.get_state(&token).await.expect_error(401, "E0000011");
        h.get(&format!("/login/step-up/redirect?stateToken={token}"))
            .await
            .expect_error(401, "E0000011");
    }
}

#[tokio::test]
async fn the_redirect_waits_for_success_and_needs_a_known_token() {
    let h = start().await;
    let token = step_up(&h, "mfa.question@example.com", true).await;
    h.get(&format!("/login/step-up/redirect?stateToken={token}"))
        .await
        .expect_error(403, "E0000079");
    h.get_state(&token).await.expect_status("MFA_REQUIRED");
    h.get("/login/step-up/redirect?stateToken=00unknown")
        .await
        .expect_error(401, "E0000011");
    h.get("/login/step-up/redirect")
        .await
        .expect_error(401, "E0000011");
    // A sign-in that is not a step-up has no redirect either.
    let plain = h.sign_in("mfa.question@example.com", PASSWORD).await;
    h.get(&format!(
        "/login/step-up/redirect?stateToken={}",
        plain.token()
    ))
    .await
    .expect_error(403, "E0000079");
}

#[tokio::test]
async fn app_pages_escape_server_text_and_need_a_session() {
    let h = start().await;
    let html = h.get_html("/emulator/apps/demo-app").await;
    assert!(html.contains("Nobody is signed in to Demo App"), "{html}");
    assert!(!html.contains("<script") && !html.contains("style="));
    let hostile = demo::scenario::DEFAULT_SCENARIO.replace(
        "label = \"Demo App\"",
        "label = \"<script>alert(1)</script> & Co\"",
    );
    let evil = start_with(demo::EmulatorConfig {
        scenario: demo::Scenario::from_toml(&hostile).unwrap(),
        ..demo::EmulatorConfig::default()
    })
    .await;
    let token = step_up_to(
        &evil,
        "success@example.com",
        true,
        "<script>alert(1)</script> & Co",
    )
    .await;
    let href = evil.get_state(&token).await.link("next");
    evil.client.get(&href).send().await.unwrap();
    let html = evil.get_html("/emulator/apps/demo-app").await;
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"),
        "{html}"
    );
    assert!(
        html.contains("Sam Success (success@example.com) reached"),
        "{html}"
    );
    h.get("/emulator/apps/nope")
        .await
        .expect_error(404, "E0000007");
    let ws_fed = h
        .post(
            "/emulator/step-up",
            json!({"username": "success@example.com", "app": "payroll"}),
        )
        .await;
    let r = h.get_state(&ws_fed.str_at("/stateToken")).await;
    r.expect_status("UNAUTHENTICATED");
    assert_eq!(r.body["_embedded"]["authentication"]["protocol"], "WS-FED");
    assert_eq!(r.body["_embedded"]["target"]["label"], "Payroll (WS-Fed)");
}

#[tokio::test]
async fn unknown_apps_and_users_are_validation_errors() {
    let h = start().await;
    let cases: [(Value, &str); 3] = [
        (
            json!({"username": "success@example.com", "app": "nope", "session": true}),
            "app:",
        ),
        (
            json!({"username": "nobody@example.com", "app": APP, "session": true}),
            "username:",
        ),
        (json!({"username": "success@example.com"}), "app:"),
    ];
    for (body, cause) in cases {
        let r = h.post("/emulator/step-up", body).await;
        r.expect_error(400, "E0000001");
        assert!(r.cause().starts_with(cause), "{}", r.body);
    }
}

#[tokio::test]
async fn bad_step_up_bodies_are_typed_400s() {
    let h = start().await;
    for raw in ["{", "not json", "[1]", "{\"username\": }"] {
        h.post_raw("/emulator/step-up", raw.to_string())
            .await
            .expect_error(400, "E0000003");
    }
    let missing = h
        .post("/emulator/step-up", json!({"app": APP, "session": true}))
        .await;
    missing.expect_error(400, "E0000001");
    assert!(missing.cause().starts_with("username:"));
    h.post(
        "/emulator/step-up",
        json!({"username": "", "app": APP, "session": true}),
    )
    .await
    .expect_error(400, "E0000001");
    for body in [
        json!({"username": 5, "app": APP}),
        json!({"username": "success@example.com", "app": APP, "session": "yes"}),
        json!({"username": "success@example.com", "app": APP, "sesion": true}),
    ] {
        h.post("/emulator/step-up", body)
            .await
            .expect_error(400, "E0000003");
    }
    // Still serving.
    step_up(&h, "success@example.com", true).await;
}
