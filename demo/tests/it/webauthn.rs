//! The WebAuthn factor on the wire, in the shapes Okta's own widget reads: MFA_ENROLL offers it,
//! MFA_ENROLL_ACTIVATE carries the creation options, MFA_REQUIRED lists each key plus a
//! `factorTypes` entry, MFA_CHALLENGE carries the challenge (in the factor, or at the top level
//! with every key when verified by type). Refusals are 403 E0000068; resend is E0000079. (Signed
//! ceremonies run in the cross-crate tests, with the software authenticator.)

use serde_json::{Value, json};

use crate::common::{Harness, PASSWORD, Reply, start};

const DEMO_KEY_USER: &str = "mfa.webauthn@example.com";
const ENROLL: &str = "enroll.webauthn@example.com";
const DEMO_KEY_ID: &str = "o1sbNxViQgUqpDMzZfj2qH4QJs1AbWiNaYIkYdlBe2c";

/// POSTs `{stateToken} + extra` to `href` as a page on `origin` would.
async fn from_page(h: &Harness, origin: &str, href: &str, token: &str, extra: Value) -> Reply {
    let mut body = json!({"stateToken": token});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let response = h
        .client
        .post(h.url(href))
        .header("origin", origin)
        .json(&body)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.json().await.unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        body,
    }
}

fn localhost(h: &Harness) -> String {
    h.emu
        .localhost_url()
        .expect("listening on 127.0.0.1")
        .to_string()
}

async fn enroll(h: &Harness) -> Reply {
    let r = h.sign_in(ENROLL, PASSWORD).await;
    r.expect_status("MFA_ENROLL");
    let entry = &r.body["_embedded"]["factors"][0];
    assert_eq!(entry["factorType"], "webauthn");
    assert_eq!(entry["provider"], "FIDO");
    assert_eq!(entry["status"], "NOT_SETUP");
    assert_eq!(entry["enrollment"], "REQUIRED");
    let href = r.factor_link("webauthn", Some("FIDO"), "enroll");
    let body = json!({"factorType": "webauthn", "provider": "FIDO"});
    let a = from_page(h, &localhost(h), &href, &r.token(), body).await;
    a.expect_status("MFA_ENROLL_ACTIVATE");
    a
}

#[tokio::test]
async fn enrollment_carries_creation_options_for_the_page_s_host() {
    let h = start().await;
    let a = enroll(&h).await;
    let factor = &a.body["_embedded"]["factor"];
    assert_eq!(factor["factorType"], "webauthn");
    assert!(
        factor["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("fwf"))
    );
    let activation = &factor["_embedded"]["activation"];
    let user_id = h.user_json(ENROLL).await["id"].clone();
    assert_eq!(
        activation["rp"],
        json!({"name": "Demo Org", "id": "localhost"})
    );
    assert_eq!(
        activation["user"],
        json!({"id": user_id, "name": ENROLL, "displayName": "Kim Keys"})
    );
    assert_eq!(
        activation["pubKeyCredParams"],
        json!([{"type": "public-key", "alg": -7}, {"type": "public-key", "alg": -257}])
    );
    assert_eq!(activation["attestation"], "none");
    assert_eq!(
        activation["authenticatorSelection"],
        json!({"userVerification": "preferred", "requireResidentKey": false, "residentKey": "discouraged"})
    );
    assert_eq!(activation["excludeCredentials"], json!([]));
    let challenge = activation["challenge"].as_str().unwrap();
    assert_eq!(challenge.len(), 43, "32 bytes, base64url without padding");
    assert!(!challenge.contains(['+', '/', '=']));
    assert_eq!(a.body["_links"]["next"]["name"], "activate");
    assert!(a.link("next").ends_with("/lifecycle/activate"));
    assert!(a.link("prev").ends_with("/api/v1/authn/previous"));
    assert!(a.body["_links"]["resend"].is_null());
    // Get-state shows the same options.
    let again = h.get_state(&a.token()).await;
    assert_eq!(
        again.body["_embedded"]["factor"]["_embedded"]["activation"],
        *activation
    );
}

#[tokio::test]
async fn a_bad_registration_is_e0000068_and_the_options_stay() {
    let h = start().await;
    let a = enroll(&h).await;
    let href = a.link("next");
    for body in [
        json!({}),
        json!({"attestation": "o2Nm"}),
        json!({"attestation": "not base64!", "clientData": "e30"}),
        json!({"attestation": "o2Nm", "clientData": "e30", "transports": "[\"usb\"]",
               "clientExtensions": "{\"credProps\":{\"rk\":true}}"}),
        json!({"attestation": "o2Nm", "clientData": "e30", "transports": ["usb", 7],
               "clientExtensions": {"credProps": {"rk": true}}}),
    ] {
        let r = from_page(&h, &localhost(&h), &href, &a.token(), body.clone()).await;
        r.expect_error(403, "E0000068");
    }
    let wrong_type = h
        .step(
            &href,
            &a.token(),
            json!({"attestation": 1, "clientData": "e30"}),
        )
        .await;
    wrong_type.expect_error(400, "E0000003");
    let again = h.get_state(&a.token()).await;
    again.expect_status("MFA_ENROLL_ACTIVATE");
    assert_eq!(
        again.body["_embedded"]["factor"]["_embedded"]["activation"]["challenge"],
        a.body["_embedded"]["factor"]["_embedded"]["activation"]["challenge"]
    );
    // Resend has nothing to send.
    let resend = h
        .step(
            &href.replace("lifecycle/activate", "lifecycle/resend"),
            &a.token(),
            json!({}),
        )
        .await;
    resend.expect_error(403, "E0000079");
}

#[tokio::test]
async fn mfa_required_lists_each_key_and_a_factor_types_entry_for_all_of_them() {
    let h = start().await;
    let r = h.sign_in(DEMO_KEY_USER, PASSWORD).await;
    r.expect_status("MFA_REQUIRED");
    let key = &r.body["_embedded"]["factors"][0];
    assert_eq!(key["factorType"], "webauthn");
    assert_eq!(key["provider"], "FIDO");
    assert_eq!(key["vendorName"], "FIDO");
    assert_eq!(
        key["profile"],
        json!({"credentialId": DEMO_KEY_ID, "authenticatorName": "Demo Security Key"})
    );
    let verify = h.url("/api/v1/authn/factors/webauthn/verify");
    assert_eq!(
        r.body["_embedded"]["factorTypes"],
        json!([{"factorType": "webauthn", "_links": {"next": {
            "name": "verify", "href": verify, "hints": {"allow": ["POST"]}}}}])
    );
    // Users without a key get no factorTypes.
    let other = h.sign_in("mfa.sms@example.com", PASSWORD).await;
    assert!(other.body["_embedded"]["factorTypes"].is_null());
}

#[tokio::test]
async fn verifying_one_key_challenges_it_in_the_factor() {
    let h = start().await;
    let r = h.sign_in(DEMO_KEY_USER, PASSWORD).await;
    let href = r.factor_link("webauthn", None, "verify");
    let c = from_page(&h, &localhost(&h), &href, &r.token(), json!({})).await;
    c.expect_status("MFA_CHALLENGE");
    assert_eq!(c.body["factorResult"], "CHALLENGE");
    let factor = &c.body["_embedded"]["factor"];
    assert_eq!(factor["profile"]["credentialId"], DEMO_KEY_ID);
    let challenge = &factor["_embedded"]["challenge"];
    assert_eq!(challenge["userVerification"], "preferred");
    assert_eq!(challenge["extensions"], json!({}));
    assert_eq!(challenge["challenge"].as_str().map(str::len), Some(43));
    assert!(c.body["_embedded"]["challenge"].is_null());
    assert_eq!(c.body["_links"]["next"]["name"], "verify");
    assert_eq!(c.link("next"), href);
    assert!(c.link("prev").ends_with("/previous"));
    // Verifying again without an assertion issues a new challenge.
    let again = h.step(&href, &r.token(), json!({})).await;
    assert_ne!(
        again.body["_embedded"]["factor"]["_embedded"]["challenge"]["challenge"],
        challenge["challenge"]
    );
    // prev goes back to MFA_REQUIRED.
    h.step(&c.link("prev"), &r.token(), json!({}))
        .await
        .expect_status("MFA_REQUIRED");
}

#[tokio::test]
async fn verifying_by_type_puts_the_challenge_on_top_with_every_key() {
    let h = start().await;
    let r = h.sign_in(DEMO_KEY_USER, PASSWORD).await;
    let href = r.str_at("/_embedded/factorTypes/0/_links/next/href");
    let c = h.step(&href, &r.token(), json!({})).await;
    c.expect_status("MFA_CHALLENGE");
    assert_eq!(c.body["factorResult"], "CHALLENGE");
    assert!(c.body["_embedded"]["factor"].is_null());
    let challenge = &c.body["_embedded"]["challenge"];
    assert_eq!(challenge["challenge"].as_str().map(str::len), Some(43));
    let keys = c.body["_embedded"]["factors"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["profile"]["credentialId"], DEMO_KEY_ID);
    assert_eq!(c.link("next"), href);
}

#[tokio::test]
async fn a_bad_assertion_is_e0000068_and_counts_as_a_failed_attempt() {
    let h = start().await;
    let r = h.sign_in(DEMO_KEY_USER, PASSWORD).await;
    let href = r.factor_link("webauthn", None, "verify");
    // An assertion without a challenge outstanding.
    let early = h
        .step(
            &href,
            &r.token(),
            json!({"clientData": "e30", "authenticatorData": "AA", "signatureData": "AA"}),
        )
        .await;
    early.expect_error(403, "E0000068");
    h.step(&href, &r.token(), json!({}))
        .await
        .expect_status("MFA_CHALLENGE");
    for body in [
        json!({"clientData": "e30"}),
        json!({"clientData": "e30", "authenticatorData": "AA", "signatureData": "AA"}),
        json!({"clientData": "!!", "authenticatorData": "AA", "signatureData": "AA"}),
    ] {
        h.step(&href, &r.token(), body)
            .await
            .expect_error(403, "E0000068");
    }
    // Resend has nothing to send.
    h.step(&format!("{href}/resend"), &r.token(), json!({}))
        .await
        .expect_error(403, "E0000079");
    // Four failures so far; the policy locks at ten.
    let failed = h
        .emu
        .state()
        .store()
        .user_by_login(DEMO_KEY_USER)
        .map(|u| u.failed_attempts);
    assert_eq!(failed, Some(4));
}

#[tokio::test]
async fn users_json_shows_the_registered_key() {
    let h = start().await;
    let user = h.user_json(DEMO_KEY_USER).await;
    let factor = &user["factors"][0];
    assert_eq!(factor["factorType"], "webauthn");
    assert_eq!(factor["provider"], "FIDO");
    assert_eq!(factor["credentialId"], DEMO_KEY_ID);
    assert_eq!(factor["signCount"], 0);
}

#[tokio::test]
async fn a_page_on_localhost_gets_its_links_on_localhost_and_localhost_as_rp_id() {
    let h = start().await;
    let local = localhost(&h);
    // Same-origin requests from the page: no Origin header needed, the Host says where it came.
    let r = h
        .client
        .post(format!("{local}/api/v1/authn"))
        .json(&json!({"username": ENROLL, "password": PASSWORD}))
        .send()
        .await
        .expect("localhost answers");
    let r: Value = r.json().await.expect("JSON");
    let enroll = r["_embedded"]["factors"][0]["_links"]["enroll"]["href"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(enroll, format!("{local}/api/v1/authn/factors"));
    assert_eq!(
        r["_links"]["cancel"]["href"],
        format!("{local}/api/v1/authn/cancel")
    );
    let a = h
        .client
        .post(&enroll)
        .json(&json!({"stateToken": r["stateToken"], "factorType": "webauthn", "provider": "FIDO"}))
        .send()
        .await
        .expect("localhost answers");
    let a: Value = a.json().await.expect("JSON");
    assert_eq!(
        a["_embedded"]["factor"]["_embedded"]["activation"]["rp"]["id"],
        "localhost"
    );
    assert!(
        a["_links"]["next"]["href"]
            .as_str()
            .unwrap()
            .starts_with(&local)
    );
    // The base URL's own requests keep their links.
    let r = h.sign_in(ENROLL, PASSWORD).await;
    assert!(r.link("cancel").starts_with(h.emu.base_url()));
}
