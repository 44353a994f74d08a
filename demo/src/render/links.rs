//! HAL links as Okta writes them: `{name?, href, hints: {allow: [METHOD]}}`, or `{href, type}` for
//! the QR code image.

use serde::Serialize;

/// One link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// `name` (e.g. `activate`, `poll`, `sms`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `href`.
    pub href: String,
    /// `hints.allow`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hints: Option<Hints>,
    /// Media type (the QR code image), instead of hints.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub media_type: Option<&'static str>,
}

/// `hints`: the one method a link allows.
#[derive(Debug, Clone, Serialize)]
pub struct Hints {
    /// `allow`.
    pub allow: [&'static str; 1],
}

impl Link {
    /// A link allowing `method`.
    pub fn new(href: String, method: &'static str) -> Self {
        Self {
            name: None,
            href,
            hints: Some(Hints { allow: [method] }),
            media_type: None,
        }
    }

    /// A POST link.
    pub fn post(href: String) -> Self {
        Self::new(href, "POST")
    }

    /// A named POST link.
    pub fn named(name: &str, href: String) -> Self {
        Self {
            name: Some(name.to_string()),
            ..Self::post(href)
        }
    }

    /// A named link allowing `method`.
    pub fn named_with(name: &str, href: String, method: &'static str) -> Self {
        Self {
            name: Some(name.to_string()),
            ..Self::new(href, method)
        }
    }

    /// An image link (no hints).
    pub fn image(href: String) -> Self {
        Self {
            name: None,
            href,
            hints: None,
            media_type: Some("image/png"),
        }
    }
}

/// `resend`: an array of named links in MFA states, a single link in RECOVERY_CHALLENGE.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One link.
    One(Link),
    /// Several links.
    Many(Vec<Link>),
}

/// A transaction's `_links`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Links {
    /// `next`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Link>,
    /// `prev`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev: Option<Link>,
    /// `skip`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip: Option<Link>,
    /// `cancel`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel: Option<Link>,
    /// `resend`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resend: Option<OneOrMany>,
}
