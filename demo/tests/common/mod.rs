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
        let resp = self
            .client
            .post(self.url(path))
            .header("accept", "application/json")
            .json(&body)
            .send()
            .await
            .expect("request");
        reply(resp).await
    }

    /// POST a raw body.
    pub async fn post_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> Reply {
        let resp = self
            .client
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("request");
        reply(resp).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        let resp = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("request");
        reply(resp).await
    }

    pub async fn get_text(&self, path: &str) -> (u16, HeaderMap, String) {
        let resp = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("request");
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

    /// The newest code sent to `to`.
    pub fn code_for(&self, to: &str) -> String {
        self.emu.last_code(to).expect("a code was sent")
    }

    /// The TOTP secret (base32) of a user from users.json.
    pub async fn totp_secret(&self, username: &str) -> String {
        let users = self.get("/emulator/users.json").await.body;
        users
            .as_array()
            .and_then(|a| a.iter().find(|u| u["username"] == username))
            .and_then(|u| u["totp"][0]["secret"].as_str())
            .expect("user has a TOTP secret")
            .to_string()
    }

    /// The emulator's current unix time.
    pub fn now_unix(&self) -> u64 {
        u64::try_from(self.emu.state().now().unix_timestamp()).unwrap_or(0)
    }
}

/// A TOTP code for `secret` (base32) at unix time `t`.
pub fn totp_code(secret_b32: &str, t: u64) -> String {
    let bytes = totp_rs::Secret::Encoded(secret_b32.to_string())
        .to_bytes()
        .expect("base32");
    let totp =
        totp_rs::TOTP::new_unchecked(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes, None, "x".into());
    totp.generate(t)
}
