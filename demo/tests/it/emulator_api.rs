//! The emulator's control API: outbox (JSON with to/since filters, HTML page), users.json, clock,
//! reset, questions list, and outbox log lines.

use crate::common::{PASSWORD, start};
use serde_json::json;

#[tokio::test]
async fn outbox_json_has_the_documented_shape_and_filters() {
    let h = start().await;
    assert_eq!(h.get("/emulator/outbox.json").await.body, json!([]));
    h.recover("password", "forgot.sms@example.com", "SMS").await;
    h.recover("password", "forgot.email@example.com", "EMAIL")
        .await;
    let all = h.get("/emulator/outbox.json").await.body;
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 2);
    let sms = &all[0];
    for k in [
        "id",
        "channel",
        "to",
        "code",
        "link",
        "subject",
        "body",
        "createdAt",
    ] {
        assert!(sms.get(k).is_some(), "{k}");
    }
    assert_eq!(sms["channel"], "sms");
    assert_eq!(sms["to"], "+1 555 0100 0020");
    assert!(
        sms["body"]
            .as_str()
            .unwrap()
            .contains(sms["code"].as_str().unwrap())
    );
    assert_eq!(all[1]["channel"], "email");
    assert!(
        all[1]["link"]
            .as_str()
            .unwrap()
            .contains("/signin/reset-password/")
    );
    let to_email = h
        .get("/emulator/outbox.json?to=forgot.email@example.com")
        .await
        .body;
    assert_eq!(to_email.as_array().unwrap().len(), 1);
    let to_phone = h.get("/emulator/outbox.json?to=%2B155501000020").await.body;
    assert_eq!(to_phone.as_array().unwrap().len(), 1);
    let first_id = sms["id"].as_str().unwrap();
    let since = h
        .get(&format!("/emulator/outbox.json?since={first_id}"))
        .await
        .body;
    assert_eq!(since.as_array().unwrap().len(), 1);
    assert_eq!(since[0]["channel"], "email");
    let created = sms["createdAt"].as_str().unwrap();
    let since_time = h
        .get(&format!("/emulator/outbox.json?since={created}"))
        .await
        .body;
    assert_eq!(since_time.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn outbox_page_is_escaped_html_without_inline_code() {
    let h = start().await;
    h.recover("password", "forgot.email@example.com", "EMAIL")
        .await;
    let html = h.get_html("/emulator/outbox").await;
    assert!(html.contains("forgot.email@example.com"));
    assert!(html.contains("href=\"/emulator/style.css\""));
    assert!(!html.contains("<script") && !html.contains("<style") && !html.contains("style="));
    let (status, headers, css) = h.get_text("/emulator/style.css").await;
    assert_eq!(status, 200);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(css.contains("body"));
}

#[tokio::test]
async fn users_json_lists_every_demo_user() {
    let h = start().await;
    let users = h.get("/emulator/users.json").await.body;
    let users = users.as_array().unwrap();
    assert!(users.len() >= 25);
    for u in users {
        assert!(u["username"].as_str().unwrap().ends_with("@example.com"));
        assert!(u["shows"].as_str().is_some_and(|s| !s.is_empty()));
    }
    let totp = users
        .iter()
        .find(|u| u["username"] == "mfa.okta-totp@example.com")
        .unwrap();
    assert_eq!(totp["password"], PASSWORD);
    assert!(
        totp["totp"][0]["otpauthUri"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/")
    );
    let act = users
        .iter()
        .find(|u| u["username"] == "activate@example.com")
        .unwrap();
    assert_eq!(act["activationToken"], "actDemo0ActivationToken1");
    assert!(act["password"].is_null());
}

#[tokio::test]
async fn clock_api_validates_and_advances() {
    let h = start().await;
    let before = h.emu.state().now();
    let r = h
        .post("/emulator/clock", json!({"advanceSeconds": 120}))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["offsetSeconds"], 120);
    assert!(h.emu.state().now() - before >= time::Duration::seconds(120));
    h.post("/emulator/clock", json!({"advanceSeconds": -5}))
        .await
        .expect_error(400, "E0000001");
    h.post("/emulator/clock", json!({}))
        .await
        .expect_error(400, "E0000001");
    h.post("/emulator/clock", json!({"advanceSeconds": "ten"}))
        .await
        .expect_error(400, "E0000003");
}

#[tokio::test]
async fn reset_restores_everything() {
    let h = start().await;
    // Change a password, fill the outbox, start a transaction, advance the clock.
    let r = h.sign_in("password.expired@example.com", PASSWORD).await;
    h.change_password(&r, "Changed5678")
        .await
        .expect_status("SUCCESS");
    h.recover("password", "forgot.sms@example.com", "SMS").await;
    let pending = h.sign_in("mfa.sms@example.com", PASSWORD).await;
    h.post("/emulator/clock", json!({"advanceSeconds": 50}))
        .await;
    let reset = h.post("/emulator/reset", json!({})).await;
    assert_eq!(reset.status, 204);
    assert!(h.emu.outbox().is_empty());
    assert_eq!(h.emu.state().clock.offset_seconds(), 0);
    h.get_state(&pending.token())
        .await
        .expect_error(401, "E0000011");
    h.sign_in("password.expired@example.com", PASSWORD)
        .await
        .expect_status("PASSWORD_EXPIRED");
}

#[tokio::test]
async fn questions_list_for_known_users_only() {
    let h = start().await;
    let users = h.get("/emulator/users.json").await.body;
    let id = users[0]["id"].as_str().unwrap();
    let q = h
        .get(&format!("/api/v1/users/{id}/factors/questions"))
        .await;
    assert_eq!(q.status, 200);
    assert!(q.body.as_array().unwrap().len() > 10);
    h.get("/api/v1/users/00unknown/factors/questions")
        .await
        .expect_error(404, "E0000007");
}
