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

pub mod clock;
pub mod error;
pub mod extract;
pub mod flow;
pub mod http;
pub mod pages;
pub mod qr;
pub mod routes;
pub mod scenario;
pub mod secrets;
pub mod state;
pub mod store;
pub mod tx;
pub mod webauthn;
pub mod wire;

use std::net::SocketAddr;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower::ServiceBuilder;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub use routes::emulator::{PushDecision, PushOutcome};
pub use scenario::Scenario;
pub use state::{AppState, EmulatorConfig};
pub use store::OutboxMessage;

/// The emulator's routes with its state and middleware.
pub fn router(state: AppState) -> Router {
    use routes::{authn, emulator, factors, recovery, sessions, site};
    let mut app = Router::new()
        .route("/api/v1/authn", post(authn::primary))
        .route("/api/v1/authn/introspect", post(authn::introspect))
        .route(
            "/api/v1/authn/credentials/change_password",
            post(authn::change_password),
        )
        .route(
            "/api/v1/authn/credentials/reset_password",
            post(authn::reset_password),
        )
        .route("/api/v1/authn/previous", post(authn::previous))
        .route("/api/v1/authn/skip", post(authn::skip))
        .route("/api/v1/authn/cancel", post(authn::cancel))
        .route("/api/v1/authn/factors", post(factors::enroll))
        .route(
            "/api/v1/authn/factors/{fid}/lifecycle/activate",
            post(factors::activate),
        )
        .route(
            "/api/v1/authn/factors/{fid}/lifecycle/activate/poll",
            post(factors::activate_poll),
        )
        .route(
            "/api/v1/authn/factors/{fid}/lifecycle/activate/{channel}",
            post(factors::activate_send),
        )
        .route(
            "/api/v1/authn/factors/{fid}/lifecycle/resend",
            post(factors::activate_resend),
        )
        .route("/api/v1/authn/factors/{fid}/verify", post(factors::verify))
        .route(
            "/api/v1/authn/factors/{fid}/verify/resend",
            post(factors::verify_resend),
        )
        .route(
            "/api/v1/authn/recovery/password",
            post(recovery::forgot_password),
        )
        .route("/api/v1/authn/recovery/unlock", post(recovery::unlock))
        .route(
            "/api/v1/authn/recovery/factors/{factor}/verify",
            post(recovery::factor_verify),
        )
        .route(
            "/api/v1/authn/recovery/factors/{factor}/resend",
            post(recovery::factor_resend),
        )
        .route("/api/v1/authn/recovery/token", post(recovery::token))
        .route("/api/v1/authn/recovery/answer", post(recovery::answer))
        .route(
            "/api/v1/users/{uid}/factors/questions",
            get(factors::questions),
        )
        .route(
            "/api/v1/users/{uid}/factors/{fid}/qr/{token}",
            get(factors::qrcode),
        )
        .route("/api/v1/users/{uid}", get(sessions::user))
        .route("/api/v1/sessions", post(sessions::create))
        .route(
            "/api/v1/sessions/{id}",
            get(sessions::get).delete(sessions::delete),
        )
        .route(
            "/api/v1/sessions/{id}/lifecycle/refresh",
            post(sessions::refresh),
        )
        .route(
            "/login/sessionCookieRedirect",
            get(sessions::cookie_redirect),
        )
        .route("/emulator/outbox.json", get(emulator::outbox_json))
        .route("/emulator/outbox", get(emulator::outbox_page))
        .route("/emulator/style.css", get(emulator::style))
        .route("/emulator/push", get(emulator::push_page))
        .route("/emulator/push/approve", post(emulator::push_approve))
        .route("/emulator/push/reject", post(emulator::push_reject))
        .route("/emulator/push/timeout", post(emulator::push_timeout))
        .route("/emulator/clock", post(emulator::clock))
        .route("/emulator/users.json", get(emulator::users))
        .route("/emulator/reset", post(emulator::reset))
        .route("/signin/reset-password/{token}", get(site::recovery_link))
        .route("/signin/user-unlock/{token}", get(site::recovery_link))
        .route("/signin/recovery/{token}", get(site::recovery_link));
    for (prefix, dir) in &state.config.mounts {
        let prefix = format!("/{}", prefix.trim_matches('/'));
        app = app.nest_service(&prefix, ServeDir::new(dir));
    }
    app = match &state.config.static_dir {
        Some(dir) => app.route("/", get(site::root)).fallback_service(
            ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    axum::http::header::CONTENT_SECURITY_POLICY,
                    axum::http::HeaderValue::from_static(site::DEMO_CSP),
                ))
                .service(ServeDir::new(dir)),
        ),
        None => app.route("/", get(site::root)),
    };
    app.layer(DefaultBodyLimit::max(state.config.body_limit))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::common,
        ))
        .with_state(state)
}

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
        routes::emulator::filter_outbox(&self.state, None, None)
    }

    /// Outbox messages sent to `to` (email, or phone number compared by digits), oldest first.
    pub fn outbox_to(&self, to: &str) -> Vec<OutboxMessage> {
        routes::emulator::filter_outbox(&self.state, Some(to), None)
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
        routes::emulator::resolve_push(&self.state, username, decision, number)
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
