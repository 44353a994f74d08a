//! The HTTP shell: sends the core's [`HttpRequest`] values and returns [`HttpResponse`] values.

use std::future::Future;
use std::time::Duration;

use authn_core::{HttpRequest, HttpResponse, Method};

/// Sends one request. A transport error (no HTTP response at all) is a short message without secrets.
///
/// The returned future owns what it needs (`'static`), so the executor can keep it while it feeds
/// other inputs to the core, and drop it to abort the request.
pub trait Transport: Send + Sync {
    /// Sends `request` and returns the response, whatever its status.
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, String>> + Send + 'static;
}

/// reqwest with rustls and a cookie jar (so remember-device `DT` cookies persist for the run).
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

/// The `User-Agent` the CLI sends (Okta parses it for policy and the System Log).
pub fn user_agent() -> String {
    format!(
        "authn-cli/{} ({}; {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

impl ReqwestTransport {
    /// A client that gives up on a request after `timeout` (the core fails it at the same deadline).
    pub fn new(timeout: Duration) -> Result<Self, String> {
        reqwest::Client::builder()
            .cookie_store(true)
            .user_agent(user_agent())
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .build()
            .map(|client| Self { client })
            .map_err(|err| format!("cannot build the HTTP client: {err}"))
    }
}

impl Transport for ReqwestTransport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, String>> + Send + 'static {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut builder = self.client.request(method, &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.to_bytes());
        }
        async move {
            // `without_url`: URLs may carry query parameters we don't want in diagnostics.
            let response = builder
                .send()
                .await
                .map_err(|err| describe(&err.without_url()))?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(name, value)| {
                    (
                        name.as_str().to_owned(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let body = response
                .bytes()
                .await
                .map_err(|err| describe(&err.without_url()))?;
            Ok(HttpResponse::new(status, headers, body.to_vec()))
        }
    }
}

fn describe(err: &reqwest::Error) -> String {
    let kind = if err.is_timeout() {
        "timed out"
    } else if err.is_connect() {
        "cannot connect"
    } else {
        "request failed"
    };
    let mut message = format!("{kind}: {err}");
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
