//! HTTP only: the router, request extraction, the cross-cutting middleware, and one handler module
//! per API area. Handlers parse the request, call the engine and render what it returns.

pub mod authn;
pub mod credentials;
pub mod emulator;
pub mod extract;
pub mod factors;
pub mod middleware;
pub mod recovery;
pub mod reply;
pub mod sessions;
pub mod site;
pub mod step_up;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tower::ServiceBuilder;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::store::AppState;

/// The emulator's routes with its state and middleware.
pub fn router(state: AppState) -> Router {
    let mut app = Router::new()
        .route("/api/v1/authn", post(authn::primary))
        .route("/api/v1/authn/introspect", post(authn::introspect))
        .route(
            "/api/v1/authn/credentials/change_password",
            post(credentials::change_password),
        )
        .route(
            "/api/v1/authn/credentials/reset_password",
            post(credentials::reset_password),
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
        .route("/emulator/step-up", post(step_up::start))
        .route("/login/step-up/redirect", get(step_up::redirect))
        .route("/emulator/apps/{app}", get(step_up::app_page))
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
            middleware::common,
        ))
        .with_state(state)
}
