//! The demo page (from `--static`, with a strict CSP) and the recovery-link routes that serve it.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::render::pages;
use crate::store::AppState;

/// The Content-Security-Policy of the demo page.
pub const DEMO_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/// Adds the demo page's CSP.
pub fn with_csp(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(DEMO_CSP),
    );
    response
}

/// The demo page's `index.html`, or a small built-in page when no `--static` dir is configured.
pub async fn index_page(state: &AppState, what: &str) -> Response {
    if let Some(dir) = &state.config.static_dir {
        return match tokio::fs::read(dir.join("index.html")).await {
            Ok(bytes) => with_csp(
                ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes).into_response(),
            ),
            Err(_) => (
                StatusCode::NOT_FOUND,
                "index.html not found in the --static directory",
            )
                .into_response(),
        };
    }
    with_csp(Html(pages::no_demo_page(what)).into_response())
}

/// `GET /` without `--static`.
pub async fn root(State(state): State<AppState>) -> Response {
    index_page(
        &state,
        "No demo page is configured (start with --static DIR).",
    )
    .await
}

/// `GET /signin/reset-password/{token}`, `/signin/user-unlock/{token}`, `/signin/recovery/{token}`:
/// the demo page, which reads the recovery token from the path (or `?recoveryToken=`).
pub async fn recovery_link(State(state): State<AppState>, Path(_token): Path<String>) -> Response {
    index_page(
        &state,
        "Recovery link received. Open the demo page (--static) to continue with this recovery token.",
    )
    .await
}
