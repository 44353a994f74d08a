//! Security keys and passkeys in the widget, with a scripted WebAuthn API (`FakeWebAuthn`): enroll,
//! verify one key and every key by type, a cancelled or timed-out prompt (retry with the same
//! options), a refused assertion (a fresh challenge), a key already registered, a browser without
//! WebAuthn, Okta's `features.webauthn` off, and a prompt aborted when the user leaves the view.

use crate::common::{Harness, body, env, mount, resume_config};
use authn_web::Msg;
use authn_web::services::{Assertion, CeremonyError, NewCredential};
use authn_web::testing::FakeEnv;
use wasm_bindgen_test::wasm_bindgen_test;

/// The mfa_required fixture's security key (factor 13 of its list).
const KEY_ID: &str = "fwf1a2b3c4d5e6f7g8h9";
const KEY_CREDENTIAL: &str =
    "l3Br0n-7H3g047NqESqJynFtIgf3Ix9OfaRoNwLoloso99Xl2zS_O7EXUkmPeAIzTVtEL4dYjicJWBz7NpqhGA";

/// Resumes the transaction `body` on a page with `features.webauthn` on, in `env`.
async fn mount_webauthn_in(env: &FakeEnv, body: &str) -> Harness {
    env.transport.reply("/api/v1/authn", 200, body);
    let mut config = resume_config("00resume");
    config.features.webauthn = true;
    mount(env, config).await
}

async fn mount_webauthn(body: &str) -> Harness {
    mount_webauthn_in(&env(), body).await
}

fn assertion() -> Assertion {
    Assertion {
        client_data_json: b"{\"type\":\"webauthn.get\"}".to_vec(),
        authenticator_data: vec![0x49, 0x96, 0x0d],
        signature: vec![0x30, 0x45],
    }
}

fn credential() -> NewCredential {
    NewCredential {
        attestation_object: vec![0xa3, 0x63, 0x66],
        client_data_json: b"{\"type\":\"webauthn.create\"}".to_vec(),
        transports: vec!["usb".into(), "internal".into()],
        client_extensions: Some(r#"{"credProps":{"rk":true}}"#.into()),
    }
}

/// `view` shows the key's instructions (`text`) and no prompt opened yet: the user's click opens it.
fn expect_before_prompt(h: &Harness, view: &str, text: Msg) {
    h.expect_view(view);
    assert!(h.text().contains(&text.text()));
    let asked = h.env.webauthn.creations().len() + h.env.webauthn.requests().len();
    assert_eq!(asked, 0, "no prompt before the click");
}

/// The prompt's announced state (`open` / `closed`).
fn prompt(h: &Harness) -> String {
    h.attr("[data-webauthn-prompt]", "data-webauthn-prompt")
        .unwrap_or_default()
}

/// The announced alert's message, asserting focus moved to it.
fn alert_text(h: &Harness) -> String {
    let alert = h
        .find(".authn-alert[role=alert]")
        .expect("an announced alert");
    let focused = h.focused().is_some_and(|f| f == alert);
    assert!(focused, "focus on the alert");
    h.text_of(".authn-alert-message")
}

#[wasm_bindgen_test]
async fn enroll_a_key_registers_it_through_the_browser_and_activates() {
    let h = mount_webauthn(fixture!("mfa_enroll")).await;
    h.click("[data-factor=webauthn] button").await;
    expect_before_prompt(&h, "enroll-webauthn", Msg::WebAuthnEnrollText);
    h.env.webauthn.answer_create(credential());
    h.env
        .transport
        .reply("/lifecycle/activate", 200, fixture!("success"));
    h.submit_answered(
        "/api/v1/authn/factors",
        200,
        fixture!("mfa_enroll_activate_webauthn"),
    )
    .await;
    let sent = body(&h, "/api/v1/authn/factors");
    assert_eq!(
        (sent["factorType"].as_str(), sent["provider"].as_str()),
        (Some("webauthn"), Some("FIDO"))
    );
    let creations = h.env.webauthn.creations();
    assert_eq!(creations.len(), 1, "the prompt opened once, by itself");
    assert_eq!(creations[0].challenge, "cdsZ1XWpNa1UH5rxFzaE");
    assert_eq!(creations[0].user_name, "dade.murphy@example.com");
    let activated = body(&h, "/lifecycle/activate");
    assert_eq!(activated["attestation"], "o2Nm");
    assert_eq!(
        activated["clientData"],
        "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0="
    );
    assert_eq!(activated["transports"], r#"["usb","internal"]"#);
    assert_eq!(
        activated["clientExtensions"],
        r#"{"credProps":{"rk":true}}"#
    );
    h.expect_view("success");
}

#[wasm_bindgen_test]
async fn a_key_already_registered_says_so_and_offers_another_try_or_factor() {
    let env = env();
    env.webauthn.fail_next(CeremonyError::InvalidState);
    let h = mount_webauthn_in(&env, fixture!("mfa_enroll_activate_webauthn")).await;
    // The prompt opened at mount and failed at once.
    assert_eq!(h.env.webauthn.creations().len(), 1);
    h.expect_view("enroll-webauthn");
    assert_eq!(alert_text(&h), Msg::WebAuthnAlreadyRegistered.text());
    assert_eq!(
        h.env.transport.count("/lifecycle/activate"),
        0,
        "nothing sent"
    );
    assert!(
        h.find("[data-action=back]").is_some(),
        "choose another factor"
    );
    // Try again asks the browser again with the same options (Okta's widget does too).
    h.env.webauthn.answer_create(credential());
    h.env
        .transport
        .reply("/lifecycle/activate", 200, fixture!("success"));
    h.click("[data-action=retry]").await;
    let creations = h.env.webauthn.creations();
    assert_eq!(creations.len(), 2);
    assert_eq!(creations[0], creations[1]);
    h.expect_view("success");
}

#[wasm_bindgen_test]
async fn the_first_enroll_fails_before_a_retry_registers() {
    // The prompt is still open right after the activation shows, and says so.
    let h = mount_webauthn(fixture!("mfa_enroll_activate_webauthn")).await;
    h.check_invariants();
    assert_eq!(prompt(&h), "open");
    assert_eq!(
        h.text_of("[data-webauthn-prompt]"),
        Msg::WebAuthnWaiting.text()
    );
    assert!(h.find("[data-action=retry]").is_none());
    assert!(
        h.env
            .webauthn
            .answer_pending(Err(CeremonyError::NotAllowed))
    );
    crate::common::settle().await;
    assert_eq!(prompt(&h), "closed");
    assert_eq!(alert_text(&h), Msg::WebAuthnNotAllowed.text());
}

#[wasm_bindgen_test]
async fn verify_one_key_opens_the_prompt_with_its_challenge_and_sends_the_assertion() {
    let h = mount_webauthn(fixture!("mfa_required")).await;
    h.choose("#authn-factor", "13").await;
    expect_before_prompt(&h, "mfa-verify", Msg::WebAuthnVerifyText);
    h.env.webauthn.answer_get(assertion());
    h.env
        .transport
        .reply("/verify", 200, fixture!("mfa_challenge_webauthn"));
    h.env.transport.reply("/verify", 200, fixture!("success"));
    h.submit().await;
    let urls = h.env.transport.urls();
    assert!(
        urls.iter()
            .any(|u| u.contains(&format!("/factors/{KEY_ID}/verify?"))),
        "{urls:?}"
    );
    let requests = h.env.webauthn.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].challenge, "vCkUqGgtPWsIZK9wB-qJ");
    let allowed: Vec<&str> = requests[0]
        .allow_credentials
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(allowed, [KEY_CREDENTIAL]);
    let sent = body(&h, "/verify");
    assert_eq!(sent["clientData"], "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0=");
    assert_eq!(sent["authenticatorData"], "SZYN");
    assert_eq!(sent["signatureData"], "MEU=");
    h.expect_view("success");
    assert_eq!(h.successes.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn verify_by_type_lists_the_keys_once_and_allows_each_of_them() {
    let h = mount_webauthn(fixture!("mfa_required_webauthn_by_type")).await;
    let options: Vec<String> = h
        .all("#authn-factor option")
        .iter()
        .map(|o| o.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        options.len(),
        2,
        "SMS and one entry for both keys: {options:?}"
    );
    assert_eq!(options[1], Msg::FactorWebauthn.text());
    h.choose("#authn-factor", "1").await;
    h.env.webauthn.answer_get(assertion());
    h.env.transport.reply(
        "/factors/webauthn/verify",
        200,
        fixture!("mfa_challenge_webauthn_by_type"),
    );
    h.env
        .transport
        .reply("/factors/webauthn/verify", 200, fixture!("success"));
    h.submit().await;
    assert_eq!(h.env.transport.count("/factors/webauthn/verify"), 2);
    let request = &h.env.webauthn.requests()[0];
    assert_eq!(request.challenge, "qQDxmjnW7dW1ztLWiGW6");
    assert_eq!(request.allow_credentials.len(), 2, "either key may answer");
    assert!(body(&h, "/factors/webauthn/verify")["signatureData"].is_string());
    h.expect_view("success");
}

#[wasm_bindgen_test]
async fn a_cancelled_or_timed_out_prompt_says_try_again_and_retries_the_same_challenge() {
    let h = mount_webauthn(fixture!("mfa_challenge_webauthn")).await;
    assert_eq!(prompt(&h), "open");
    assert!(
        h.env
            .webauthn
            .answer_pending(Err(CeremonyError::NotAllowed))
    );
    crate::common::settle().await;
    h.expect_view("mfa-verify");
    assert_eq!(alert_text(&h), Msg::WebAuthnNotAllowed.text());
    assert_eq!(h.env.transport.count("/verify"), 0, "nothing sent");
    h.env.webauthn.answer_get(assertion());
    h.env.transport.reply("/verify", 200, fixture!("success"));
    h.click("[data-action=retry]").await;
    let requests = h.env.webauthn.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].challenge, requests[1].challenge);
    assert_eq!(h.env.transport.count("/verify"), 1, "only the assertion");
    h.expect_view("success");
}

#[wasm_bindgen_test]
async fn a_refused_assertion_is_said_so_and_try_again_gets_a_fresh_challenge() {
    let h = mount_webauthn(fixture!("mfa_challenge_webauthn")).await;
    h.env
        .transport
        .reply("/verify", 403, fixture!("error_E0000068"));
    assert!(h.env.webauthn.answer_pending(Ok(assertion())));
    crate::common::settle().await;
    let alert = h.expect_alert("E0000068");
    assert_eq!(alert_text(&h), Msg::WebAuthnRejected.text());
    assert!(
        alert.query_selector("li").unwrap().is_none(),
        "no passcode cause"
    );
    // Verify again without an assertion: a new challenge, and the prompt opens with it.
    let fresh =
        fixture!("mfa_challenge_webauthn").replace("vCkUqGgtPWsIZK9wB-qJ", "bmV3LWNoYWxsZW5nZQ");
    h.env.transport.reply("/verify", 200, &fresh);
    h.click("[data-action=retry]").await;
    let again = body(&h, "/verify");
    assert!(again.get("signatureData").is_none(), "{again}");
    let requests = h.env.webauthn.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].challenge, "bmV3LWNoYWxsZW5nZQ");
    assert_eq!(prompt(&h), "open");
}

#[wasm_bindgen_test]
async fn choosing_another_factor_aborts_the_pending_prompt() {
    let h = mount_webauthn(fixture!("mfa_challenge_webauthn")).await;
    assert_eq!(h.env.webauthn.pending(), 1);
    h.env.transport.hold("/previous");
    h.click("[data-action=back]").await;
    assert_eq!(h.env.webauthn.aborted(), 1, "aborted at the click");
    assert_eq!(h.env.webauthn.pending(), 0);
    assert!(h.find(".authn-alert").is_none(), "an abort shows nothing");
    h.env
        .transport
        .answer_held(200, fixture!("mfa_required_webauthn_by_type"));
    crate::common::settle().await;
    h.expect_view("mfa-verify");
    assert!(
        h.find("#authn-factor").is_some(),
        "the factors to choose from"
    );
    assert_eq!(h.env.webauthn.requests().len(), 1, "no new prompt");

    // Back to sign in and unmounting abort too.
    let mut h = mount_webauthn(fixture!("mfa_challenge_webauthn")).await;
    h.env.transport.reply("/cancel", 200, "{}");
    h.click("[data-action=cancel]").await;
    assert_eq!(h.env.webauthn.aborted(), 1);
    let mut other = mount_webauthn(fixture!("mfa_enroll_activate_webauthn")).await;
    assert_eq!(other.env.webauthn.pending(), 1);
    other.unmount().await;
    assert_eq!(other.env.webauthn.aborted(), 1);
    h.unmount().await;
}

#[wasm_bindgen_test]
async fn a_browser_without_webauthn_is_offered_the_other_factor() {
    let no_webauthn = || {
        let env = env();
        env.webauthn.set_available(false);
        env
    };
    let h = mount_webauthn_in(&no_webauthn(), fixture!("mfa_required_webauthn_by_type")).await;
    h.expect_view("mfa-verify");
    assert!(
        h.find("#authn-factor").is_none(),
        "one factor left: no list"
    );
    assert!(!h.text().contains(&Msg::FactorWebauthn.text()));
    assert!(h.text().contains(&Msg::SendCode.text()), "SMS is offered");
    assert!(h.find("[data-webauthn]").is_none());

    // A user with keys only: they stay, and the view says the browser cannot use them.
    let mut keys_only: serde_json::Value =
        serde_json::from_str(fixture!("mfa_required_webauthn_by_type")).unwrap();
    keys_only["_embedded"]["factors"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["factorType"] == "webauthn");
    let h = mount_webauthn_in(&no_webauthn(), &keys_only.to_string()).await;
    h.expect_view("mfa-verify");
    assert_eq!(
        h.text_of("[data-webauthn=unsupported]"),
        Msg::WebAuthnNoBrowserOnly.text()
    );
    assert!(h.find("button[type=submit]").is_none());

    // Enrolling: the view says so and offers another factor.
    let h = mount_webauthn_in(&no_webauthn(), fixture!("mfa_enroll")).await;
    h.click("[data-factor=webauthn] button").await;
    h.expect_view("enroll-webauthn");
    assert!(h.text().contains(&Msg::WebAuthnNoBrowser.text()));
    assert!(h.find("[data-action=back]").is_some());
    assert!(h.env.webauthn.creations().is_empty());
}

#[wasm_bindgen_test]
async fn with_okta_s_default_features_webauthn_says_it_cannot_be_used_here() {
    let h = crate::common::mount_in_state(fixture!("mfa_required_webauthn_by_type")).await;
    h.choose("#authn-factor", "1").await;
    assert!(h.text().contains(&Msg::UnsupportedWebAuthn.text()));
    assert!(h.find("button[type=submit]").is_none());
    let h = crate::common::mount_in_state(fixture!("mfa_enroll_activate_webauthn")).await;
    h.expect_view("enroll-webauthn");
    assert!(h.text().contains(&Msg::UnsupportedWebAuthn.text()));
    assert!(h.env.webauthn.creations().is_empty(), "no prompt");
}

#[wasm_bindgen_test]
fn browser_options_are_built_from_the_typed_values() {
    use authn_core::{CredentialDescriptor, WebAuthnCreation, WebAuthnRequest};
    use authn_web::services::webauthn::{creation_options, request_options};
    use wasm_bindgen::JsValue;
    let get = |v: &JsValue, path: &str| {
        path.split('.').fold(v.clone(), |v, k| {
            js_sys::Reflect::get(&v, &k.into()).unwrap_or(JsValue::UNDEFINED)
        })
    };
    let bytes = |v: JsValue| js_sys::Uint8Array::new(&v).to_vec();
    let creation = WebAuthnCreation {
        rp_name: "Acme".into(),
        user_id: "AAEC".into(),
        user_name: "dade".into(),
        user_display_name: "Dade".into(),
        challenge: "-__-AQ".into(),
        algorithms: vec![-7, -257],
        attestation: Some("none".into()),
        user_verification: Some("preferred".into()),
        require_resident_key: Some(false),
        exclude_credentials: vec![CredentialDescriptor {
            id: "AQ".into(),
            transports: vec!["usb".into()],
        }],
        timeout_ms: Some(60_000),
        ..WebAuthnCreation::default()
    };
    let options: JsValue = creation_options(&creation).unwrap().into();
    assert_eq!(bytes(get(&options, "challenge")), [0xfb, 0xff, 0xfe, 0x01]);
    assert_eq!(bytes(get(&options, "user.id")), [0, 1, 2]);
    assert_eq!(
        get(&options, "rp.name").as_string().as_deref(),
        Some("Acme")
    );
    assert!(get(&options, "rp.id").is_undefined(), "the page's host");
    assert_eq!(
        get(&options, "pubKeyCredParams.1.alg").as_f64(),
        Some(-257.0)
    );
    assert_eq!(bytes(get(&options, "excludeCredentials.0.id")), [1]);
    assert_eq!(
        get(&options, "excludeCredentials.0.transports.0")
            .as_string()
            .as_deref(),
        Some("usb")
    );
    assert_eq!(
        get(&options, "authenticatorSelection.requireResidentKey").as_bool(),
        Some(false)
    );
    assert_eq!(get(&options, "timeout").as_f64(), Some(60_000.0));
    assert_eq!(
        get(&options, "attestation").as_string().as_deref(),
        Some("none")
    );
    // A value that is not base64url fails cleanly (no panic, nothing asked).
    let bad = WebAuthnCreation {
        challenge: "not base64!".into(),
        ..creation
    };
    assert_eq!(
        creation_options(&bad).err(),
        Some(CeremonyError::BadOptions)
    );

    let request = WebAuthnRequest {
        challenge: "AQID".into(),
        user_verification: Some("preferred".into()),
        extensions: Some(serde_json::json!({"appid": "https://acme.okta.com"})),
        allow_credentials: vec![CredentialDescriptor {
            id: "AAA".into(),
            transports: Vec::new(),
        }],
        ..WebAuthnRequest::default()
    };
    let options: JsValue = request_options(&request).unwrap().into();
    assert_eq!(bytes(get(&options, "challenge")), [1, 2, 3]);
    assert_eq!(bytes(get(&options, "allowCredentials.0.id")), [0, 0]);
    assert_eq!(
        get(&options, "allowCredentials.0.type")
            .as_string()
            .as_deref(),
        Some("public-key")
    );
    assert!(get(&options, "allowCredentials.0.transports").is_undefined());
    assert_eq!(
        get(&options, "extensions.appid").as_string().as_deref(),
        Some("https://acme.okta.com")
    );
    assert!(get(&options, "rpId").is_undefined());
}

#[wasm_bindgen_test]
fn the_browser_service_sees_this_browser_s_webauthn() {
    use authn_web::services::{BrowserWebAuthn, WebAuthn};
    let global = js_sys::global();
    let has = js_sys::Reflect::get(&global, &"PublicKeyCredential".into())
        .map(|v| v.is_function())
        .unwrap_or(false);
    assert_eq!(BrowserWebAuthn.available(), has);
}
