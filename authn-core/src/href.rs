//! [`Href`]: a URL the server published in `_links` (or an entry point built from the base URL).

use serde::{Deserialize, Serialize};

use crate::secret::redact_url;

/// An absolute URL to call or navigate to. `Debug` redacts the values of token query parameters (a
/// step-up redirect carries the stateToken in its query).
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Href(String);

impl Href {
    /// Wraps a URL.
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL without its query string and fragment, for comparisons.
    pub fn without_query(&self) -> &str {
        self.0.split(['?', '#']).next().unwrap_or(&self.0)
    }

    /// The URL with `params` appended to its query (same-named parameters are replaced). The query is
    /// re-serialised as `application/x-www-form-urlencoded`; the rest of the URL is kept as is.
    pub fn with_query(&self, params: &[(&str, String)]) -> Href {
        if params.is_empty() {
            return self.clone();
        }
        let (before_fragment, fragment) = match self.0.split_once('#') {
            Some((before, fragment)) => (before, Some(fragment)),
            None => (self.0.as_str(), None),
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
        Href(url)
    }
}

impl std::fmt::Debug for Href {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Href({:?})", redact_url(&self.0))
    }
}

impl From<&str> for Href {
    fn from(url: &str) -> Self {
        Self::new(url)
    }
}

impl From<String> for Href {
    fn from(url: String) -> Self {
        Self(url)
    }
}

#[cfg(test)]
mod tests {
    use super::Href;

    #[test]
    fn query_parameters_are_appended_replaced_and_encoded() {
        let rd = [("rememberDevice", "true".to_owned())];
        let href = |s: &str| Href::new(s);
        assert_eq!(
            href("https://a.example/v").with_query(&[]).as_str(),
            "https://a.example/v"
        );
        assert_eq!(
            href("https://a.example/v").with_query(&rd).as_str(),
            "https://a.example/v?rememberDevice=true"
        );
        assert_eq!(
            href("https://a.example/v?x=1&rememberDevice=false")
                .with_query(&rd)
                .as_str(),
            "https://a.example/v?x=1&rememberDevice=true"
        );
        assert_eq!(
            href("https://a.example/v?#frag")
                .with_query(&[("q", "a b&c".to_owned())])
                .as_str(),
            "https://a.example/v?q=a+b%26c#frag"
        );
    }

    #[test]
    fn debug_redacts_tokens() {
        let href = Href::new("https://a.example/login/step-up/redirect?stateToken=00secret");
        let shown = format!("{href:?}");
        assert!(!shown.contains("00secret"), "{shown}");
        assert_eq!(
            href.without_query(),
            "https://a.example/login/step-up/redirect"
        );
    }
}
