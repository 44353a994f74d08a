//! The emulator under test: [`Emu`] runs it in-process; [`EmuHandle`] reaches its clock and its
//! HTTP control API (`/emulator/...`) the way the JS tests do.

use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::{Emulator, EmulatorConfig, PushDecision};

/// A cloneable handle on a running emulator: its in-process clock plus its HTTP control API
/// (`/emulator/...`), used the way the JS tests use it.
#[derive(Debug, Clone)]
pub struct EmuHandle {
    state: demo::AppState,
    base: String,
    http: reqwest::Client,
}

/// A running emulator (stops when dropped) and its handle.
#[derive(Debug)]
pub struct Emu {
    /// The in-process server.
    pub server: Emulator,
    handle: EmuHandle,
}

impl std::ops::Deref for Emu {
    type Target = EmuHandle;
    fn deref(&self) -> &EmuHandle {
        &self.handle
    }
}

impl Emu {
    /// Starts the default scenario on 127.0.0.1, port 0.
    pub async fn start() -> Emu {
        Self::start_with(EmulatorConfig::default()).await
    }

    /// Starts the default scenario with the emulator clock frozen: time moves only by
    /// [`EmuHandle::advance_clock`], so throttles, TOTP windows and expiries are deterministic.
    pub async fn start_frozen() -> Emu {
        let emu = Self::start().await;
        emu.freeze_clock(true).await;
        emu
    }

    /// Starts with a custom configuration (port 0 is forced: tests run in parallel).
    pub async fn start_with(mut config: EmulatorConfig) -> Emu {
        config.port = 0;
        let server = Emulator::start(config)
            .await
            .expect("the emulator starts on an ephemeral port");
        let handle = EmuHandle {
            state: server.state().clone(),
            base: server.base_url().to_owned(),
            http: reqwest::Client::new(),
        };
        Emu { server, handle }
    }

    /// A cloneable handle (for spawned tasks).
    pub fn handle(&self) -> EmuHandle {
        self.handle.clone()
    }
}

/// Result of a `POST /emulator/push/{approve,reject,timeout}`.
#[derive(Debug, Clone, PartialEq)]
pub struct PushReply {
    /// HTTP status (200, 404 nothing pending, 409 wrong number).
    pub status: u16,
    /// JSON body.
    pub body: Value,
}

impl EmuHandle {
    /// A handle on an emulator whose state is `state`, reached at `base` (e.g. through a proxy).
    pub fn from_parts(state: demo::AppState, base: &str) -> EmuHandle {
        EmuHandle {
            state,
            base: base.trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// `base_url` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `http://localhost:PORT`: the origin of pages that use WebAuthn (its host is the RP ID).
    pub fn localhost_url(&self) -> String {
        self.state
            .localhost_url
            .clone()
            .expect("the emulator listens on 127.0.0.1")
    }

    /// The emulator's clock (real time plus the offset moved by the clock API). Shells pass this as
    /// `now`, so local expiry checks agree with the server.
    pub fn now(&self) -> OffsetDateTime {
        self.state.now()
    }

    /// The in-process state (scenario, store).
    pub fn state(&self) -> &demo::AppState {
        &self.state
    }

    /// `POST /emulator/clock {"advanceSeconds": seconds}`.
    pub async fn advance_clock(&self, seconds: u64) {
        self.post_clock(json!({ "advanceSeconds": seconds })).await;
    }

    /// `POST /emulator/clock {"freeze": frozen}`: stop / restart real time on the emulator clock.
    pub async fn freeze_clock(&self, frozen: bool) {
        self.post_clock(json!({ "freeze": frozen })).await;
    }

    /// `POST /emulator/clock` with `body`; panics unless the clock API answers 200.
    async fn post_clock(&self, body: Value) {
        let r = self
            .http
            .post(self.url("/emulator/clock"))
            .json(&body)
            .send()
            .await
            .expect("clock API reachable");
        assert_eq!(r.status().as_u16(), 200, "clock API refused {body}");
    }

    /// `GET /emulator/outbox.json?to=`: messages to an email or phone, oldest first.
    pub async fn outbox_to(&self, to: &str) -> Vec<Value> {
        let r = self
            .http
            .get(self.url("/emulator/outbox.json"))
            .query(&[("to", to)])
            .send()
            .await
            .expect("outbox API reachable");
        let body: Value = r.json().await.expect("outbox is JSON");
        body.as_array().cloned().expect("outbox is an array")
    }

    /// The code of the newest message to `to` (SMS, voice or email), if any.
    pub async fn last_code(&self, to: &str) -> Option<String> {
        self.outbox_to(to)
            .await
            .iter()
            .rev()
            .find_map(|m| m["code"].as_str().map(str::to_owned))
    }

    /// The newest code to `to`; panics when none was sent.
    pub async fn code(&self, to: &str) -> String {
        self.last_code(to)
            .await
            .unwrap_or_else(|| panic!("no code was sent to {to}"))
    }

    /// The link of the newest email to `to`, if any.
    pub async fn last_link(&self, to: &str) -> Option<String> {
        self.outbox_to(to)
            .await
            .iter()
            .rev()
            .find_map(|m| m["link"].as_str().map(str::to_owned))
    }

    /// `POST /emulator/push/{approve,reject,timeout}` for the user's newest pending push.
    pub async fn push(
        &self,
        decision: PushDecision,
        username: &str,
        number: Option<u32>,
    ) -> PushReply {
        let verb = match decision {
            PushDecision::Approve => "approve",
            PushDecision::Reject => "reject",
            PushDecision::Timeout => "timeout",
        };
        let mut body = json!({ "username": username });
        if let Some(n) = number {
            body["number"] = json!(n);
        }
        let r = self
            .http
            .post(self.url(&format!("/emulator/push/{verb}")))
            .json(&body)
            .send()
            .await
            .expect("push API reachable");
        let status = r.status().as_u16();
        let body = r.json().await.unwrap_or(Value::Null);
        PushReply { status, body }
    }

    /// Approves `username`'s newest pending push (no number challenge); panics unless the emulator
    /// answers 200.
    pub async fn approve_push(&self, username: &str) {
        let reply = self.push(PushDecision::Approve, username, None).await;
        assert_eq!(reply.status, 200, "approving {username}'s push: {reply:?}");
    }

    /// `GET /emulator/users.json`.
    pub async fn users(&self) -> Vec<Value> {
        let r = self
            .http
            .get(self.url("/emulator/users.json"))
            .send()
            .await
            .expect("users API reachable");
        r.json::<Value>()
            .await
            .expect("users.json is JSON")
            .as_array()
            .cloned()
            .expect("users.json is an array")
    }

    /// One user of users.json by username.
    pub async fn user(&self, username: &str) -> Value {
        self.users()
            .await
            .into_iter()
            .find(|u| u["username"] == username)
            .unwrap_or_else(|| panic!("{username} is not in users.json"))
    }

    /// The base32 TOTP secret of `username` for `provider` (OKTA or GOOGLE) from users.json.
    pub async fn totp_secret(&self, username: &str, provider: &str) -> String {
        let user = self.user(username).await;
        user["totp"]
            .as_array()
            .and_then(|list| list.iter().find(|t| t["provider"] == provider))
            .and_then(|t| t["secret"].as_str())
            .unwrap_or_else(|| panic!("{username} has no {provider} TOTP secret"))
            .to_owned()
    }

    /// The TOTP code of `username`'s scenario secret (from users.json; `provider` OKTA or GOOGLE) at
    /// the emulator's current time.
    pub async fn totp_code(&self, username: &str, provider: &str) -> String {
        let secret = self.totp_secret(username, provider).await;
        totp_at(&secret, self.now())
    }

    /// Hardware token code number `index` of `username` from users.json (`kind`: rsa, symantec or
    /// yubikey); panics when the scenario lists none.
    pub async fn hardware_code(&self, username: &str, kind: &str, index: usize) -> String {
        self.user(username).await["hardwareCodes"][kind][index]
            .as_str()
            .unwrap_or_else(|| panic!("{username} lists no {kind} code #{index}"))
            .to_owned()
    }
}

/// The 6-digit, 30-second SHA-1 TOTP code of a base32 secret at `at`.
pub fn totp_at(base32_secret: &str, at: OffsetDateTime) -> String {
    let unix_seconds = u64::try_from(at.unix_timestamp()).unwrap_or(0);
    demo::secrets::totp_code(base32_secret, unix_seconds).expect("a base32 TOTP secret")
}
