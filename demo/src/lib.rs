//! A local, in-memory emulator of Okta's classic Authentication API (`/api/v1/authn`), written from
//! `authn-protocol.md` independently of `authn-core`.
//!
//! Start it in-process on an ephemeral port:
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let emulator = demo::Emulator::start(demo::EmulatorConfig::default()).await?;
//! println!("{}", emulator.base_url()); // http://127.0.0.1:PORT
//! emulator.advance_clock(30);            // TOTP windows, token expiry, throttles
//! let codes = emulator.outbox();         // SMS / voice / email messages
//! # Ok(()) }
//! ```
//!
//! Or embed the router: [`router`] with an [`AppState`]. The binary `demo` wraps the same thing.
//!
//! # Layers
//!
//! Imports go one way, from the top of this list to the bottom; nothing imports upwards:
//!
//! - [`routes`]: HTTP only (extract the request, call the engine, render, answer).
//! - [`render`]: pure: serde-derived wire types and HTML pages, from the model and the [`urls`].
//! - [`engine`]: transaction operations: open or start a transaction, decide with the rules, apply
//!   the decision to the store.
//! - [`store`]: the shared state ([`AppState`]): the store, the live transactions, the clock.
//! - [`rules`]: pure decisions (the next state, transitions, passwords, codes, pushes, ...); time
//!   is an input.
//! - [`model`]: plain data: users, factors, transactions, records, time formatting.
//!
//! Beside them, used by all: [`scenario`] (the configuration file), [`secrets`], [`clock`],
//! [`error`], [`urls`] and [`webauthn`] (the pure WebAuthn relying party).

pub mod clock;
pub mod engine;
pub mod error;
pub mod model;
pub mod render;
pub mod routes;
pub mod rules;
pub mod scenario;
pub mod secrets;
pub mod store;
pub mod urls;
pub mod webauthn;

use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use model::{OutboxMessage, PushDecision, PushOutcome};
pub use routes::router;
pub use scenario::Scenario;
pub use store::{AppState, EmulatorConfig};

/// A running emulator. Dropping it stops the server.
#[derive(Debug)]
pub struct Emulator {
    state: AppState,
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// Pending connections the listener queues: enough for a burst of a few hundred clients (the default
/// of 128 drops connections under the load benchmark, and each dropped one waits a 1 s SYN retry).
const LISTEN_BACKLOG: u32 = 1024;

fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

impl Emulator {
    /// Binds `config.bind:config.port` (0 = any free port) and serves in the background on the
    /// current tokio runtime.
    pub async fn start(config: EmulatorConfig) -> std::io::Result<Emulator> {
        let listener = listen(SocketAddr::new(config.bind, config.port))?;
        let addr = listener.local_addr()?;
        let host = if addr.ip().is_unspecified() {
            "127.0.0.1".to_string()
        } else if addr.is_ipv6() {
            format!("[{}]", addr.ip())
        } else {
            addr.ip().to_string()
        };
        let state = AppState::new(config, &format!("http://{host}:{}", addr.port()));
        let app = router(state.clone());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
            if let Err(e) = served {
                tracing::error!("server error: {e}");
            }
        });
        Ok(Emulator {
            state,
            addr,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.state.base_url
    }

    /// `base_url` + `path`.
    pub fn url(&self, path: &str) -> String {
        self.state.url(path)
    }

    /// `http://localhost:PORT` when the server listens on 127.0.0.1: the address for pages that
    /// use WebAuthn (browsers refuse an IP address as RP ID; `localhost` is a secure context).
    pub fn localhost_url(&self) -> Option<&str> {
        self.state.localhost_url.as_deref()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The shared state (for in-process inspection).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// All outbox messages, oldest first (same as `GET /emulator/outbox.json`).
    pub fn outbox(&self) -> Vec<OutboxMessage> {
        self.state.store().outbox_filtered(None, None)
    }

    /// Outbox messages sent to `to` (email, or phone number compared by digits), oldest first.
    pub fn outbox_to(&self, to: &str) -> Vec<OutboxMessage> {
        self.state.store().outbox_filtered(Some(to), None)
    }

    /// The code in the newest message to `to`.
    pub fn last_code(&self, to: &str) -> Option<String> {
        self.outbox_to(to).into_iter().rev().find_map(|m| m.code)
    }

    /// Approves / rejects / times out the user's newest pending push (same as
    /// `POST /emulator/push/{approve,reject,timeout}`). `None` when nothing is pending.
    pub fn resolve_push(
        &self,
        username: &str,
        decision: PushDecision,
        number: Option<u32>,
    ) -> Option<PushOutcome> {
        engine::pushes::resolve(&self.state, username, decision, number)
    }

    /// Moves the emulator's clock forward (same as `POST /emulator/clock`).
    pub fn advance_clock(&self, seconds: i64) {
        self.state.clock.advance(seconds);
    }

    /// Stops (true) or restarts (false) the passing of real time on the emulator clock (same as
    /// `POST /emulator/clock {"freeze": true}`), for tests that must not see time pass.
    pub fn freeze_clock(&self, frozen: bool) {
        self.state.clock.freeze(frozen);
    }

    /// Restores the seeded state (same as `POST /emulator/reset`).
    pub fn reset(&self) {
        self.state.reset();
    }

    /// Stops the server and waits for it to finish.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
