//! Bad input never crashes the emulator or corrupts state: malformed JSON (E0000003), wrong types,
//! non-object bodies, huge bodies (413), unknown routes, and concurrent requests on one transaction.

use crate::common::{PASSWORD, start};
use serde_json::json;

#[tokio::test]
async fn malformed_json_is_e0000003() {
    let h = start().await;
    for body in ["{", "not json", "{\"username\": }", "[1,2", "\u{0}"] {
        h.post_raw("/api/v1/authn", body.to_string())
            .await
            .expect_error(400, "E0000003");
    }
    h.post_raw("/api/v1/authn/factors/x/verify", "{{")
        .await
        .expect_error(400, "E0000003");
}

#[tokio::test]
async fn non_object_bodies_and_wrong_types_are_rejected() {
    let h = start().await;
    let bodies = [
        json!([1, 2]),
        json!("text"),
        json!(42),
        json!(null),
        json!({"username": 5, "password": PASSWORD}),
        json!({"username": "success@example.com", "password": ["x"]}),
        json!({"username": "success@example.com", "password": PASSWORD, "options": "yes"}),
        json!({"stateToken": 12}),
    ];
    for body in bodies {
        h.post("/api/v1/authn", body)
            .await
            .expect_error(400, "E0000003");
    }
}

#[tokio::test]
async fn unknown_fields_are_ignored() {
    let h = start().await;
    h.post(
        "/api/v1/authn",
        json!({"username": "success@example.com", "password": PASSWORD, "extra": {"a": 1}}),
    )
    .await
    .expect_status("SUCCESS");
}

#[tokio::test]
async fn huge_bodies_are_413() {
    let h = start().await;
    let big = format!(
        "{{\"username\":\"{}\",\"password\":\"x\"}}",
        "a".repeat(200_000)
    );
    let r = h.post_raw("/api/v1/authn", big).await;
    assert_eq!(r.status, 413);
    assert!(r.header("x-okta-request-id").is_some());
    // Still serving.
    h.sign_in("success@example.com", PASSWORD)
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn unknown_paths_are_404_and_wrong_methods_405() {
    let h = start().await;
    assert_eq!(h.get("/api/v1/nothing-here").await.status, 404);
    assert_eq!(h.get("/api/v1/authn").await.status, 405);
}

#[tokio::test]
async fn concurrent_verifies_on_one_transaction_succeed_once() {
    let h = start().await;
    let r = h.sign_in("mfa.sms@example.com", PASSWORD).await;
    let verify = r.factor_link("sms", None, "verify");
    let c = h.step(&verify, &r.token(), json!({})).await;
    c.expect_status("MFA_CHALLENGE");
    let code = h.code_for("+1 555 0100 0001");
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let client = h.client.clone();
        let url = h.url(&c.link("next"));
        let body = json!({"stateToken": c.token(), "passCode": code});
        tasks.push(tokio::spawn(async move {
            let resp = client.post(url).json(&body).send().await.unwrap();
            let status = resp.status().as_u16();
            let body: serde_json::Value = resp.json().await.unwrap();
            (status, body)
        }));
    }
    let mut successes = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        if status == 200 {
            assert_eq!(body["status"], "SUCCESS");
            successes += 1;
        } else {
            assert_eq!(body["errorCode"], "E0000011", "{body}");
        }
    }
    assert_eq!(successes, 1);
}

#[tokio::test]
async fn concurrent_enrollments_do_not_lose_updates() {
    let h = start().await;
    let r = h
        .sign_in_with(
            "enroll.optional@example.com",
            json!({"multiOptionalFactorEnroll": true}),
        )
        .await;
    r.expect_status("MFA_ENROLL");
    let token = r.token();
    let mut tasks = Vec::new();
    for (i, key) in ["favorite_toy", "first_award"].iter().enumerate() {
        let client = h.client.clone();
        let url = h.url("/api/v1/authn/factors");
        let body = json!({"stateToken": token, "factorType": "question", "provider": "OKTA",
            "profile": {"question": key, "answer": format!("answer{i}")}});
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let statuses: Vec<u16> = futures_join(tasks).await;
    // One enrolls; the other finds the factor already set up.
    assert!(statuses.contains(&200));
    let u = h.user_json("enroll.optional@example.com").await;
    let questions = u["factors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["factorType"] == "question")
        .count();
    assert_eq!(questions, 1);
}

async fn futures_join(tasks: Vec<tokio::task::JoinHandle<u16>>) -> Vec<u16> {
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

#[tokio::test]
async fn hostile_text_is_escaped_in_html_pages() {
    let h = start().await;
    let r = h.recover("password", "forgot.sms@example.com", "SMS").await;
    r.expect_status("RECOVERY_CHALLENGE");
    // Enroll a phone number that tries to inject markup: refused as an invalid phone.
    let e = h.sign_in("enroll.required@example.com", PASSWORD).await;
    h.step(
        "/api/v1/authn/factors",
        &e.token(),
        json!({"factorType": "sms", "provider": "OKTA",
        "profile": {"phoneNumber": "+1 555 <script>"}}),
    )
    .await
    .expect_error(400, "E0000098");
    let (_, _, html) = h.get_text("/emulator/outbox").await;
    assert!(!html.contains("<script"));
}

#[tokio::test]
async fn every_response_carries_request_id_and_date() {
    let h = start().await;
    let replies = [
        h.sign_in("success@example.com", PASSWORD).await,
        h.sign_in("success@example.com", "bad").await,
        h.post_raw("/api/v1/authn", "{").await,
        h.get("/api/v1/nothing-here").await,
        h.get("/emulator/users.json").await,
        h.post("/api/v1/authn/cancel", json!({})).await,
    ];
    for r in &replies {
        assert!(
            r.header("x-okta-request-id").is_some_and(|v| v.len() >= 20),
            "status {}",
            r.status
        );
        let date = r.header("date").expect("date");
        assert!(date.ends_with("GMT"), "{date}");
    }
    let ids: std::collections::HashSet<_> = replies
        .iter()
        .filter_map(|r| r.header("x-okta-request-id"))
        .collect();
    assert_eq!(ids.len(), replies.len(), "request ids are unique");
    // The Date header follows the emulator clock.
    h.emu.advance_clock(86_400 * 2);
    let later = h.get("/emulator/users.json").await.header("date").unwrap();
    let parsed = httpdate::parse_http_date(&later).unwrap();
    let ahead = parsed.duration_since(std::time::SystemTime::now()).unwrap();
    assert!(ahead.as_secs() > 86_400, "{later}");
}
