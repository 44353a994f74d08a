//! Sending `authn-core` requests. The only module that uses gloo-net.

use std::future::Future;
use std::pin::Pin;

use authn_core::{HttpResponse, Method, Outgoing};

/// The future a [`Transport`] returns: the response, or a network error message.
pub type TransportFuture = Pin<Box<dyn Future<Output = Result<HttpResponse, String>>>>;

/// Sends one HTTP request and returns the whole response (any status).
pub trait Transport {
    /// Sends the request the core asked for (`outgoing.id` identifies it; the executor feeds the
    /// answer back with it). `Err` only for network-level failures (no HTTP response at all). A
    /// transport need not enforce `outgoing.deadline`: the core fails the request at its deadline.
    fn send(&self, outgoing: Outgoing) -> TransportFuture;
}

/// `fetch` with `credentials: "include"`, so the Okta session cookies travel with every call.
#[derive(Clone, Copy, Debug, Default)]
pub struct FetchTransport;

impl Transport for FetchTransport {
    fn send(&self, outgoing: Outgoing) -> TransportFuture {
        Box::pin(send_fetch(outgoing))
    }
}

async fn send_fetch(Outgoing { request, .. }: Outgoing) -> Result<HttpResponse, String> {
    use gloo_net::http::RequestBuilder;

    let method = match request.method {
        Method::Get => gloo_net::http::Method::GET,
        Method::Post => gloo_net::http::Method::POST,
    };
    let mut builder = RequestBuilder::new(&request.url)
        .method(method)
        .credentials(web_sys::RequestCredentials::Include);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let prepared = match &request.body {
        Some(body) => builder.body(body.to_json_string()),
        None => builder.build(),
    }
    .map_err(|e| e.to_string())?;
    let response = prepared.send().await.map_err(|e| e.to_string())?;
    let status = response.status();
    let headers = response.headers().entries().collect();
    let body = response.binary().await.map_err(|e| e.to_string())?;
    Ok(HttpResponse::new(status, headers, body))
}

/// Fetches a same-origin text resource with a GET (used by the demo page for its user list).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
}
