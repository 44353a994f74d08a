//! Shared helpers for the emulator's tests: an in-process emulator on port 0 and a JSON client.
#![allow(dead_code, unreachable_pub)]

use demo::{Emulator, EmulatorConfig};
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

pub const PASSWORD: &str = "Demo1234";

/// A running emulator plus a cookie-keeping client.
pub struct Harness {
    pub emu: Emulator,
    pub client: reqwest::Client,
}

/// A response: status, headers and JSON body (`Value::Null` when the body is not JSON).
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
    pub fn status_str(&self) -> &str {
        self.body["status"].as_str().unwrap_or("")
    }
    pub fn token(&self) -> String {
        self.body["stateToken"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
    pub fn error_code(&self) -> &str {
        self.body["errorCode"].as_str().unwrap_or("")
    }
    /// The string at JSON pointer `pointer` (e.g. `/_links/resend/0/href`); panics when it is absent.
    #[track_caller]
    pub fn str_at(&self, pointer: &str) -> String {
        self.body
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no string at {pointer} in {}", self.body))
            .to_string()
    }
    /// The first error cause's summary.
    #[track_caller]
    pub fn cause(&self) -> String {
        self.str_at("/errorCauses/0/errorSummary")
    }
    /// `_links.<rel>.href`.
    pub fn link(&self, rel: &str) -> String {
        self.body["_links"][rel]["href"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
    /// The verify href of the first factor of `factor_type` (and `provider` if given).
    pub fn factor_link(&self, factor_type: &str, provider: Option<&str>, rel: &str) -> String {
        let factors = self.body["_embedded"]["factors"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        factors
            .iter()
            .find(|f| f["factorType"] == factor_type && provider.is_none_or(|p| f["provider"] == p))
            .and_then(|f| f["_links"][rel]["href"].as_str())
            .unwrap_or_default()
            .to_string()
    }
    #[track_caller]
    pub fn expect_error(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(self.error_code(), code, "body: {}", self.body);
        assert!(self.body["errorSummary"].is_string());
        assert_eq!(self.body["errorLink"], code);
        assert!(self.body["errorId"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(self.body["errorCauses"].is_array());
    }
    #[track_caller]
    pub fn expect_status(&self, status: &str) {
        assert_eq!(self.status, 200, "body: {}", self.body);
        assert_eq!(self.status_str(), status, "body: {}", self.body);
    }
}

pub async fn start() -> Harness {
    start_with(EmulatorConfig::default()).await
}

/// Starts an emulator whose clock is frozen: time moves only through the clock API, so expiry,
/// throttle, TOTP-window and rate-limit assertions never depend on how fast the machine is.
pub async fn start_with(config: EmulatorConfig) -> Harness {
    let emu = Emulator::start(config).await.expect("emulator starts");
    emu.freeze_clock(true);
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    Harness { emu, client }
}

async fn send(request: reqwest::RequestBuilder) -> reqwest::Response {
    request.send().await.expect("request")
}

async fn reply(resp: reqwest::Response) -> Reply {
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let text = resp.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        body,
    }
}

impl Harness {
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            self.emu.url(path)
        }
    }

    /// POST JSON to a path or absolute href.
    pub async fn post(&self, path: &str, body: Value) -> Reply {
        let resp = send(
            self.client
                .post(self.url(path))
                .header("accept", "application/json")
                .json(&body),
        )
        .await;
        reply(resp).await
    }

    /// POST a raw body.
    pub async fn post_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> Reply {
        let resp = send(
            self.client
                .post(self.url(path))
                .header("content-type", "application/json")
                .body(body),
        )
        .await;
        reply(resp).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        let resp = send(self.client.get(self.url(path))).await;
        reply(resp).await
    }

    pub async fn get_text(&self, path: &str) -> (u16, HeaderMap, String) {
        let resp = send(self.client.get(self.url(path))).await;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        (status, headers, resp.text().await.unwrap_or_default())
    }

    pub async fn sign_in(&self, username: &str, password: &str) -> Reply {
        self.post(
            "/api/v1/authn",
            json!({"username": username, "password": password}),
        )
        .await
    }

    pub async fn sign_in_with(&self, username: &str, options: Value) -> Reply {
        self.post(
            "/api/v1/authn",
            json!({"username": username, "password": PASSWORD, "options": options}),
        )
        .await
    }

    /// Get-state: POST `{stateToken}` to `/api/v1/authn`.
    pub async fn get_state(&self, token: &str) -> Reply {
        self.post("/api/v1/authn", json!({"stateToken": token}))
            .await
    }

    /// POST `{stateToken}` plus `extra` fields to `href`.
    pub async fn step(&self, href: &str, token: &str, extra: Value) -> Reply {
        let mut body = json!({"stateToken": token});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                b.insert(k.clone(), v.clone());
            }
        }
        self.post(href, body).await
    }

    /// The sessionToken of a password-only sign-in of `username`.
    pub async fn session_token(&self, username: &str) -> String {
        self.sign_in(username, PASSWORD)
            .await
            .str_at("/sessionToken")
    }

    /// DELETE a path; the status.
    pub async fn delete(&self, path: &str) -> u16 {
        let resp = send(self.client.delete(self.url(path))).await;
        resp.status().as_u16()
    }

    /// GET an HTML page: asserts 200 and a `text/html` content type; the page text.
    pub async fn get_html(&self, path: &str) -> String {
        let (status, headers, html) = self.get_text(path).await;
        assert_eq!(status, 200, "{path}: {html}");
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            content_type.starts_with("text/html"),
            "{path}: {content_type}"
        );
        html
    }

    /// POST `/api/v1/authn/recovery/<kind>` (`password` or `unlock`) for `username` by `factor_type`.
    pub async fn recover(&self, kind: &str, username: &str, factor_type: &str) -> Reply {
        self.post(
            &format!("/api/v1/authn/recovery/{kind}"),
            json!({"username": username, "factorType": factor_type}),
        )
        .await
    }

    /// POST `/api/v1/authn/recovery/token` with `recoveryToken`.
    pub async fn redeem_recovery_token(&self, token: &str) -> Reply {
        self.post(
            "/api/v1/authn/recovery/token",
            json!({"recoveryToken": token}),
        )
        .await
    }

    /// Changes the password (from [`PASSWORD`]) through the `next` link of a PASSWORD_WARN/EXPIRED reply.
    pub async fn change_password(&self, r: &Reply, new_password: &str) -> Reply {
        self.step(
            &r.link("next"),
            &r.token(),
            json!({"oldPassword": PASSWORD, "newPassword": new_password}),
        )
        .await
    }

    /// Sets `new_password` on a PASSWORD_RESET reply: SUCCESS with a sessionToken, and `username`
    /// then signs in with it.
    pub async fn finish_reset(&self, reset: &Reply, username: &str, new_password: &str) {
        let done = self
            .step(
                &reset.link("next"),
                &reset.token(),
                json!({"newPassword": new_password}),
            )
            .await;
        done.expect_status("SUCCESS");
        assert!(done.body["sessionToken"].is_string());
        self.sign_in(username, new_password)
            .await
            .expect_status("SUCCESS");
    }

    /// A resend at `href` is refused with 429 `code` until `wait_secs` pass on the emulator clock, then
    /// answers `status`.
    pub async fn expect_resend_throttled(
        &self,
        href: &str,
        token: &str,
        code: &str,
        wait_secs: i64,
        status: &str,
    ) {
        self.step(href, token, json!({}))
            .await
            .expect_error(429, code);
        self.emu.advance_clock(wait_secs);
        self.step(href, token, json!({}))
            .await
            .expect_status(status);
    }

    /// The link in the newest message sent to `to` (a recovery or unlock email).
    pub fn emailed_link(&self, to: &str) -> String {
        let mail = self.emu.outbox_to(to).pop().expect("a message was sent");
        mail.link.expect("the message has a link")
    }

    /// The recovery token of the newest emailed link to `to`.
    pub fn emailed_token(&self, to: &str) -> String {
        link_token(&self.emailed_link(to))
    }

    /// The newest code sent to `to`.
    pub fn code_for(&self, to: &str) -> String {
        self.emu.last_code(to).expect("a code was sent")
    }

    /// The `/emulator/users.json` entry of `username`.
    pub async fn user_json(&self, username: &str) -> Value {
        let users = self.get("/emulator/users.json").await.body;
        users
            .as_array()
            .and_then(|a| a.iter().find(|u| u["username"] == username))
            .cloned()
            .unwrap_or_else(|| panic!("{username} is in users.json"))
    }

    /// The TOTP secret (base32) of a user from users.json.
    pub async fn totp_secret(&self, username: &str) -> String {
        self.user_json(username).await["totp"][0]["secret"]
            .as_str()
            .expect("user has a TOTP secret")
            .to_string()
    }

    /// The emulator's current unix time.
    pub fn now_unix(&self) -> u64 {
        u64::try_from(self.emu.state().now().unix_timestamp()).unwrap_or(0)
    }
}

/// The recovery token of an emailed link: its last path segment.
pub fn link_token(link: &str) -> String {
    link.rsplit('/').next().unwrap_or_default().to_string()
}

/// A TOTP code for `secret` (base32) at unix time `t`.
pub fn totp_code(secret_b32: &str, t: u64) -> String {
    demo::secrets::totp_code(secret_b32, t).expect("base32")
}
