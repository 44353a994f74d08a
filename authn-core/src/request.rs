//! Requests as data: the core builds them, the shell sends them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::secret::StateToken;

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
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

/// A request for the shell to send. `Debug` redacts the body (it carries secrets).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct HttpRequest {
    /// Method.
    pub method: Method,
    /// Absolute URL, query included.
    pub url: String,
    /// Headers (`Accept`, `Content-Type`, plus the configured extra headers).
    pub headers: Vec<(String, String)>,
    /// JSON body (None for GET).
    pub body: Option<Value>,
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body_keys: Option<Vec<&String>> = self
            .body
            .as_ref()
            .and_then(Value::as_object)
            .map(|m| m.keys().collect());
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &crate::secret::redact_url(&self.url))
            .field("headers", &self.headers)
            .field("body_keys", &body_keys)
            .finish()
    }
}

impl HttpRequest {
    /// The body as a JSON string (empty for no body).
    pub fn body_string(&self) -> String {
        self.body.as_ref().map(Value::to_string).unwrap_or_default()
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
    pub(crate) fn post(&self, url: String, body: Map<String, Value>) -> HttpRequest {
        HttpRequest {
            method: Method::Post,
            url,
            headers: self.headers(true),
            body: Some(Value::Object(body)),
        }
    }

    /// A POST whose body carries the stateToken plus `fields`.
    pub(crate) fn post_with_token(
        &self,
        url: String,
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
    pub(crate) fn get(&self, url: String) -> HttpRequest {
        HttpRequest {
            method: Method::Get,
            url,
            headers: self.headers(false),
            body: None,
        }
    }
}

/// Appends query parameters to a URL (keeps existing ones; replaces same-named ones).
pub(crate) fn with_query(href: &str, params: &[(&str, String)]) -> String {
    if params.is_empty() {
        return href.to_owned();
    }
    match url::Url::parse(href) {
        Ok(mut url) => {
            let kept: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(k, _)| !params.iter().any(|(p, _)| p == k))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            {
                let mut query = url.query_pairs_mut();
                query.clear();
                for (k, v) in &kept {
                    query.append_pair(k, v);
                }
                for (k, v) in params {
                    query.append_pair(k, v);
                }
            }
            url.to_string()
        }
        Err(_) => {
            let sep = if href.contains('?') { '&' } else { '?' };
            let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("{href}{sep}{}", query.join("&"))
        }
    }
}
