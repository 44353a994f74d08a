//! CORS as Okta does it: trusted origins (the server's own by default, plus --trusted-origin) get
//! their origin echoed with credentials; untrusted origins get no CORS headers; preflight.

use crate::common::{PASSWORD, start_with};
use serde_json::json;

const APP: &str = "http://app.example.test:3000";

async fn harness() -> crate::common::Harness {
    start_with(demo::EmulatorConfig {
        trusted_origins: vec![APP.into()],
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn trusted_origin_is_echoed_with_credentials_and_exposed_headers() {
    let h = harness().await;
    let resp = h
        .client
        .post(h.url("/api/v1/authn"))
        .header("origin", APP)
        .json(&json!({"username": "success@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let hd = resp.headers();
    assert_eq!(hd["access-control-allow-origin"], APP);
    assert_eq!(hd["access-control-allow-credentials"], "true");
    let exposed = hd["access-control-expose-headers"].to_str().unwrap();
    for name in [
        "X-Rate-Limit-Limit",
        "X-Rate-Limit-Remaining",
        "X-Rate-Limit-Reset",
        "X-Okta-Request-Id",
        "Date",
    ] {
        assert!(exposed.contains(name), "{name}");
    }
    assert!(hd["vary"].to_str().unwrap().contains("Origin"));
}

#[tokio::test]
async fn own_origin_is_trusted_by_default() {
    let h = harness().await;
    let own = h.emu.base_url().to_string();
    let resp = h
        .client
        .get(h.url("/emulator/users.json"))
        .header("origin", &own)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["access-control-allow-origin"], own.as_str());
}

#[tokio::test]
async fn untrusted_origin_gets_no_cors_headers() {
    let h = harness().await;
    let resp = h
        .client
        .post(h.url("/api/v1/authn"))
        .header("origin", "https://evil.example.net")
        .json(&json!({"username": "success@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert!(resp.headers().get("access-control-allow-origin").is_none());
    assert!(
        resp.headers()
            .get("access-control-allow-credentials")
            .is_none()
    );
}

#[tokio::test]
async fn preflight_for_trusted_and_untrusted_origins() {
    let h = harness().await;
    let ok = h
        .client
        .request(reqwest::Method::OPTIONS, h.url("/api/v1/authn"))
        .header("origin", APP)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,x-okta-user-agent-extended",
        )
        .send()
        .await
        .unwrap();
    assert!(ok.status().is_success());
    let hd = ok.headers();
    assert_eq!(hd["access-control-allow-origin"], APP);
    assert_eq!(hd["access-control-allow-credentials"], "true");
    assert!(
        hd["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("POST")
    );
    let allowed = hd["access-control-allow-headers"].to_str().unwrap();
    for name in [
        "Content-Type",
        "Accept",
        "Accept-Language",
        "X-Okta-User-Agent-Extended",
        "X-Device-Fingerprint",
    ] {
        assert!(allowed.contains(name), "{name}");
    }
    assert_ne!(hd["access-control-allow-origin"], "*");
    let bad = h
        .client
        .request(reqwest::Method::OPTIONS, h.url("/api/v1/authn"))
        .header("origin", "https://evil.example.net")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(bad.headers().get("access-control-allow-origin").is_none());
    assert!(!bad.status().is_success());
}
