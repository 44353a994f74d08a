//! The per-username rate limit on /api/v1/authn: a bucket of 4 refilled at 4 per second on the
//! emulator clock; 429 E0000047 with X-Rate-Limit-* headers.

use crate::common::{PASSWORD, start};

#[tokio::test]
async fn fifth_request_within_a_second_is_429_with_headers() {
    let h = start().await;
    h.emu.freeze_clock(true);
    let mut remaining = Vec::new();
    for _ in 0..4 {
        let r = h.sign_in("success@example.com", PASSWORD).await;
        r.expect_status("SUCCESS");
        remaining.push(r.header("x-rate-limit-remaining").unwrap());
    }
    assert_eq!(remaining, ["3", "2", "1", "0"]);
    let r = h.sign_in("success@example.com", PASSWORD).await;
    r.expect_error(429, "E0000047");
    assert_eq!(r.header("x-rate-limit-limit").as_deref(), Some("4"));
    assert_eq!(r.header("x-rate-limit-remaining").as_deref(), Some("0"));
    let reset: i64 = r.header("x-rate-limit-reset").unwrap().parse().unwrap();
    let now = h.emu.state().now().unix_timestamp();
    assert!(reset > now && reset <= now + 2, "reset {reset} now {now}");
    assert!(r.header("x-okta-request-id").is_some());
    assert!(r.header("date").is_some());
    // Other usernames have their own bucket.
    h.sign_in("mfa.sms@example.com", PASSWORD)
        .await
        .expect_status("MFA_REQUIRED");
    // The bucket refills on the emulator clock.
    h.emu.advance_clock(1);
    h.sign_in("success@example.com", PASSWORD)
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn reset_refills_the_buckets() {
    let h = start().await;
    let frozen = h
        .post("/emulator/clock", serde_json::json!({"freeze": true}))
        .await;
    assert_eq!(frozen.body["frozen"], true);
    for _ in 0..4 {
        h.sign_in("success@example.com", "bad").await;
    }
    h.sign_in("success@example.com", PASSWORD)
        .await
        .expect_error(429, "E0000047");
    h.post("/emulator/reset", serde_json::json!({})).await;
    h.sign_in("success@example.com", PASSWORD)
        .await
        .expect_status("SUCCESS");
}
