//! The shared server state: configuration, base URL, clock, the store and the live transactions.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration as StdDuration;

use time::{Duration, OffsetDateTime};

use crate::clock::Clock;
use crate::error::{ApiError, ApiResult};
use crate::model::{Channel, Transaction, User};
use crate::rules::codes::{clamp, resend_interval};
use crate::scenario::Scenario;
use crate::store::memory::Store;
use crate::store::transactions::{Transactions, TxGuard};
use crate::urls::Urls;

/// Emulator settings (the binary's flags map onto these).
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// Users and policies.
    pub scenario: Scenario,
    /// Address to bind.
    pub bind: IpAddr,
    /// Port (0 = any free port).
    pub port: u16,
    /// Directory of the demo page (served at `/` with a strict CSP).
    pub static_dir: Option<PathBuf>,
    /// Extra static mounts: (`/prefix`, directory), no CSP.
    pub mounts: Vec<(String, PathBuf)>,
    /// Trusted origins for CORS and sessionCookieRedirect (the server's own origin is always trusted).
    pub trusted_origins: Vec<String>,
    /// stateToken lifetime (slides with each request).
    pub state_token_lifetime: StdDuration,
    /// How long a push waits before TIMEOUT.
    pub push_timeout: StdDuration,
    /// Overrides the resend throttles (30 s SMS, 30 s call, 5 s email) when set.
    pub resend_interval: Option<StdDuration>,
    /// Largest accepted request body in bytes (larger: 413).
    pub body_limit: usize,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            scenario: Scenario::default_scenario(),
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 0,
            static_dir: None,
            mounts: Vec::new(),
            trusted_origins: Vec::new(),
            state_token_lifetime: StdDuration::from_secs(300),
            push_timeout: StdDuration::from_secs(300),
            resend_interval: None,
            body_limit: 64 * 1024,
        }
    }
}

/// Cheaply cloneable handle to the shared state.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

/// The shared state.
#[derive(Debug)]
pub struct Inner {
    /// Settings.
    pub config: EmulatorConfig,
    /// `http://host:port` of this server (links, emails).
    pub base_url: String,
    /// The addresses under `base_url`.
    pub urls: Urls,
    /// Trusted origins (configured plus the server's own). They are also the origins WebAuthn
    /// ceremonies accept.
    pub trusted: Vec<String>,
    /// `http://localhost:PORT` when the server is reached at `http://127.0.0.1:PORT`: the address
    /// WebAuthn pages must use (browsers refuse an IP address as RP ID).
    pub localhost_url: Option<String>,
    /// The clock.
    pub clock: Clock,
    store: Mutex<Store>,
    txs: Transactions,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// State for a server reachable at `base_url` (e.g. `http://127.0.0.1:8080`).
    pub fn new(config: EmulatorConfig, base_url: &str) -> Self {
        let urls = Urls::new(base_url);
        let base_url = urls.base().to_string();
        let mut trusted: Vec<String> = config
            .trusted_origins
            .iter()
            .map(|o| o.trim_end_matches('/').to_string())
            .collect();
        trusted.push(base_url.clone());
        let localhost_url = base_url
            .strip_prefix("http://127.0.0.1:")
            .map(|port| format!("http://localhost:{port}"));
        trusted.extend(localhost_url.clone());
        let clock = Clock::default();
        let store = Store::seed(&config.scenario, clock.now());
        Self(Arc::new(Inner {
            config,
            base_url,
            urls,
            trusted,
            localhost_url,
            clock,
            store: Mutex::new(store),
            txs: Transactions::default(),
        }))
    }

    /// The emulator's current time.
    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// Locks the store (briefly; never across an await).
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A copy of a user.
    pub fn user(&self, id: &str) -> Option<User> {
        self.store().users.get(id).cloned()
    }

    /// Applies `f` to a user.
    pub fn with_user<R>(&self, id: &str, f: impl FnOnce(&mut User) -> R) -> Option<R> {
        self.store().users.get_mut(id).map(f)
    }

    /// The user of a transaction; a transaction without a (still existing) user is an invalid token.
    pub fn tx_user(&self, tx: &Transaction) -> ApiResult<User> {
        tx.user_id
            .as_deref()
            .and_then(|id| self.user(id))
            .ok_or_else(ApiError::invalid_token)
    }

    /// The stateToken lifetime (at most a year).
    pub fn token_lifetime(&self) -> Duration {
        clamp(self.config.state_token_lifetime)
    }

    /// The push timeout (at most a year).
    pub fn push_timeout(&self) -> Duration {
        clamp(self.config.push_timeout)
    }

    /// Minimum time between sends on a channel.
    pub fn resend_interval(&self, channel: Channel) -> Duration {
        resend_interval(channel, self.config.resend_interval)
    }

    /// Registers a new transaction and returns it locked.
    pub async fn insert_tx(&self, tx: Transaction) -> TxGuard {
        self.txs.insert(tx, self.now()).await
    }

    /// Opens the transaction for `token`, serialised against other requests on it. Unknown, closed
    /// or expired tokens are E0000011. The lifetime slides forward.
    pub async fn open_tx(&self, token: Option<&str>) -> ApiResult<TxGuard> {
        self.txs
            .open(token, || self.now(), self.token_lifetime())
            .await
    }

    /// Forgets a transaction (after SUCCESS, cancel or a terminal failure).
    pub fn close_tx(&self, tx: &mut Transaction) {
        self.txs.close(tx);
    }

    /// Restores the seeded state: users, transactions, outbox, pushes, sessions, devices, buckets,
    /// and the clock.
    pub fn reset(&self) {
        self.clock.reset();
        let fresh = Store::seed(&self.config.scenario, self.clock.now());
        *self.store() = fresh;
        self.txs.clear();
    }

    /// Whether `origin` is trusted (CORS, redirects).
    pub fn is_trusted_origin(&self, origin: &str) -> bool {
        let origin = origin.trim_end_matches('/');
        self.trusted.iter().any(|t| t.eq_ignore_ascii_case(origin))
    }

    /// `base_url` + `path`.
    pub fn url(&self, path: &str) -> String {
        self.urls.url(path)
    }

    /// The addresses under the emulator's own origin a request came to (its `Host` header): the
    /// `localhost` alias when it came there, else the base URL.
    pub fn urls_for_host(&self, host: Option<&str>) -> Urls {
        let came_to = host.map(|h| format!("http://{h}"));
        match &self.localhost_url {
            Some(local) if came_to.is_some_and(|o| o.eq_ignore_ascii_case(local)) => {
                Urls::new(local)
            }
            Some(_) | None => self.urls.clone(),
        }
    }
}
