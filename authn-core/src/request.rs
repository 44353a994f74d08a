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

/// Appends query parameters to a URL (keeps existing ones; replaces same-named ones). The query is
/// re-serialised as `application/x-www-form-urlencoded`; the rest of the URL is kept as is.
pub(crate) fn with_query(href: &str, params: &[(&str, String)]) -> String {
    if params.is_empty() {
        return href.to_owned();
    }
    let (before_fragment, fragment) = match href.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (href, None),
    };
    let (base, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if !params.iter().any(|(name, _)| *name == key) {
            serializer.append_pair(&key, &value);
        }
    }
    for (key, value) in params {
        serializer.append_pair(key, value);
    }
    let mut url = format!("{base}?{}", serializer.finish());
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::with_query;

    #[test]
    fn query_parameters_are_appended_replaced_and_encoded() {
        let rd = [("rememberDevice", "true".to_owned())];
        assert_eq!(
            with_query("https://a.example/v", &[]),
            "https://a.example/v"
        );
        assert_eq!(
            with_query("https://a.example/v", &rd),
            "https://a.example/v?rememberDevice=true"
        );
        assert_eq!(
            with_query("https://a.example/v?x=1&rememberDevice=false", &rd),
            "https://a.example/v?x=1&rememberDevice=true"
        );
        assert_eq!(
            with_query("https://a.example/v?#frag", &[("q", "a b&c".to_owned())]),
            "https://a.example/v?q=a+b%26c#frag"
        );
    }
}
