//! Sessions: exchange a sessionToken, read, refresh and end the session; sessionCookieRedirect
//! redirects only to trusted origins and sets the session cookie.

use crate::common::{Harness, PASSWORD, start, start_with};
use serde_json::json;

impl Harness {
    /// GET `/login/sessionCookieRedirect` with a sessionToken and a redirect URL.
    async fn cookie_redirect(&self, token: &str, redirect_url: &str) -> reqwest::Response {
        self.client
            .get(self.url("/login/sessionCookieRedirect"))
            .query(&[("token", token), ("redirectUrl", redirect_url)])
            .send()
            .await
            .expect("request")
    }
}

#[tokio::test]
async fn session_object_has_okta_shape() {
    let h = start().await;
    let r = h.sign_in("mfa.question@example.com", PASSWORD).await;
    let verify = r.factor_link("question", None, "verify");
    let done = h.step(&verify, &r.token(), json!({"answer": "blue"})).await;
    let token = done.body["sessionToken"].as_str().unwrap();
    let s = h
        .post("/api/v1/sessions", json!({"sessionToken": token}))
        .await;
    assert_eq!(s.status, 200);
    let b = &s.body;
    assert_eq!(b["status"], "ACTIVE");
    assert_eq!(b["login"], "mfa.question@example.com");
    assert!(b["userId"].as_str().unwrap().starts_with("00u"));
    for k in [
        "id",
        "expiresAt",
        "createdAt",
        "lastPasswordVerification",
        "lastFactorVerification",
    ] {
        assert!(b[k].as_str().is_some_and(|v| !v.is_empty()), "{k}");
    }
    assert_eq!(b["amr"], json!(["pwd", "kba", "mfa"]));
    assert_eq!(b["idp"]["type"], "OKTA");
    assert_eq!(b["mfaActive"], true);
    assert_eq!(
        b["_links"]["self"]["hints"]["allow"],
        json!(["GET", "DELETE"])
    );
    assert!(
        b["_links"]["refresh"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/lifecycle/refresh")
    );
    assert!(b["_links"]["user"]["href"].is_string());
    let id = b["id"].as_str().unwrap();
    let got = h.get(&format!("/api/v1/sessions/{id}")).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body["id"], id);
    let refreshed = h
        .post(b["_links"]["refresh"]["href"].as_str().unwrap(), json!({}))
        .await;
    assert_eq!(refreshed.status, 200);
    assert_eq!(h.delete(&format!("/api/v1/sessions/{id}")).await, 204);
    h.get(&format!("/api/v1/sessions/{id}"))
        .await
        .expect_error(404, "E0000007");
}

#[tokio::test]
async fn password_only_session_is_not_mfa() {
    let h = start().await;
    let token = h.session_token("success@example.com").await;
    let s = h
        .post("/api/v1/sessions", json!({"sessionToken": token}))
        .await;
    assert_eq!(s.body["amr"], json!(["pwd"]));
    assert_eq!(s.body["mfaActive"], false);
    assert!(s.body["lastFactorVerification"].is_null());
}

#[tokio::test]
async fn sessions_expire_after_two_hours() {
    let h = start().await;
    let token = h.session_token("success@example.com").await;
    let s = h
        .post("/api/v1/sessions", json!({"sessionToken": token}))
        .await;
    let id = s.body["id"].as_str().unwrap().to_string();
    h.emu.advance_clock(2 * 3600 + 1);
    h.get(&format!("/api/v1/sessions/{id}"))
        .await
        .expect_error(404, "E0000007");
}

#[tokio::test]
async fn cookie_redirect_goes_to_trusted_origins_only() {
    let h = start_with(demo::EmulatorConfig {
        trusted_origins: vec!["http://app.example.test:3000".into()],
        ..Default::default()
    })
    .await;
    let token = h.session_token("success@example.com").await;
    // Untrusted: refused, and the token is not consumed.
    let bad = h.cookie_redirect(&token, "https://evil.example.net/").await;
    assert_eq!(bad.status().as_u16(), 403);
    assert!(bad.headers().get("location").is_none());
    for tricky in [
        "javascript:alert(1)",
        "//evil.example.net",
        "http://app.example.test:3000@evil.example.net/",
    ] {
        let r = h.cookie_redirect(&token, tricky).await;
        assert_eq!(r.status().as_u16(), 403, "{tricky}");
    }
    let ok = h
        .cookie_redirect(&token, "http://app.example.test:3000/home?x=1")
        .await;
    assert_eq!(ok.status().as_u16(), 302);
    assert_eq!(
        ok.headers()["location"],
        "http://app.example.test:3000/home?x=1"
    );
    let cookie = ok.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("sid=") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    // The cookie identifies the session (as auth-js's session API uses it).
    let me = h.get("/api/v1/sessions/me").await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["login"], "success@example.com");
    let user = h.get("/api/v1/users/me").await;
    assert_eq!(user.status, 200);
    assert_eq!(user.body["profile"]["login"], "success@example.com");
    let refreshed = h
        .post("/api/v1/sessions/me/lifecycle/refresh", json!({}))
        .await;
    assert_eq!(refreshed.status, 200);
    assert_eq!(h.delete("/api/v1/sessions/me").await, 204);
    h.get("/api/v1/sessions/me")
        .await
        .expect_error(404, "E0000007");
    h.get("/api/v1/users/me")
        .await
        .expect_error(404, "E0000007");
    // The token was consumed.
    let again = h
        .cookie_redirect(&token, "http://app.example.test:3000/")
        .await;
    assert_eq!(again.status().as_u16(), 401);
}

#[tokio::test]
async fn own_origin_is_trusted_for_redirects() {
    let h = start().await;
    let token = h.session_token("success@example.com").await;
    let target = h.url("/app");
    let r = h
        .client
        .get(h.url("/login/sessionCookieRedirect"))
        .query(&[("token", token.as_str()), ("redirectUrl", target.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 302);
}
