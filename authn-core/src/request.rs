//! Requests as data: the core builds them, the shell sends them.
//!
//! A request body may hold a password, passcode, answer or token, so [`HttpRequest`] is neither
//! `Serialize` nor shows its body in `Debug`: a shell gets the bytes only through [`Body::to_bytes`].

use serde_json::{Map, Value};

use crate::href::Href;
use crate::secret::{StateToken, redact_url};

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
}

impl Method {
    /// `GET` / `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
        }
    }
}

/// A JSON request body. `Debug` lists its keys only.
#[derive(Clone, PartialEq)]
pub struct Body(Map<String, Value>);

impl Body {
    /// The body's JSON text, to put on the wire. Never log it.
    pub fn to_json_string(&self) -> String {
        Value::Object(self.0.clone()).to_string()
    }

    /// The body's JSON bytes, to put on the wire. Never log them.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_json_string().into_bytes()
    }

    /// The body as a JSON object, for tests and transports that need the value. Never log it.
    pub fn expose(&self) -> &Map<String, Value> {
        &self.0
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Body")
            .field(&self.0.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// A request for the shell to send. `Debug` redacts token query parameters and the body.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// Method.
    pub method: Method,
    /// Absolute URL, query included.
    pub url: String,
    /// Headers (`Accept`, `Content-Type`, plus the configured extra headers).
    pub headers: Vec<(String, String)>,
    /// JSON body (None for GET).
    pub body: Option<Body>,
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &redact_url(&self.url))
            .field("headers", &self.headers)
            .field("body", &self.body)
            .finish()
    }
}

impl HttpRequest {
    /// The body as a JSON string (empty for no body). Never log it.
    pub fn body_string(&self) -> String {
        self.body
            .as_ref()
            .map(Body::to_json_string)
            .unwrap_or_default()
    }

    /// A header value by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The URL without its query string, for comparisons with link hrefs.
    pub fn url_without_query(&self) -> &str {
        self.url.split(['?', '#']).next().unwrap_or(&self.url)
    }
}

/// Builds requests with the standard and configured headers.
#[derive(Debug, Clone)]
pub(crate) struct RequestBuilder<'a> {
    pub(crate) extra_headers: &'a [(String, String)],
}

impl RequestBuilder<'_> {
    fn headers(&self, with_body: bool) -> Vec<(String, String)> {
        let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
        if with_body {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        for (name, value) in self.extra_headers {
            if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name)) {
                headers.push((name.clone(), value.clone()));
            }
        }
        headers
    }

    /// A POST with a JSON object body.
    pub(crate) fn post(&self, url: &Href, body: Map<String, Value>) -> HttpRequest {
        HttpRequest {
            method: Method::Post,
            url: url.as_str().to_owned(),
            headers: self.headers(true),
            body: Some(Body(body)),
        }
    }

    /// A POST whose body carries the stateToken plus `fields`.
    pub(crate) fn post_with_token(
        &self,
        url: &Href,
        token: Option<&StateToken>,
        mut fields: Map<String, Value>,
    ) -> HttpRequest {
        if let Some(token) = token {
            fields.insert(
                "stateToken".into(),
                Value::String(token.expose().to_owned()),
            );
        }
        self.post(url, fields)
    }

    /// A GET without body.
    pub(crate) fn get(&self, url: &Href) -> HttpRequest {
        HttpRequest {
            method: Method::Get,
            url: url.as_str().to_owned(),
            headers: self.headers(false),
            body: None,
        }
    }
}
