//! The ONE table from a response's links to the actions they allow: [`Transitions::from_transaction`].
//!
//! | link in the response | action |
//! |---|---|
//! | `next` in UNAUTHENTICATED | `authenticate` |
//! | `next` in PASSWORD_WARN / PASSWORD_EXPIRED, Okta-hosted | `change_password` |
//! | `next` in PASSWORD_WARN / PASSWORD_EXPIRED, off the org | `follow_redirect` |
//! | `next` in RECOVERY_CHALLENGE | `verify_recovery_code` |
//! | `next` in RECOVERY named `answer` / `recovery` | `answer_recovery_question` / `verify_recovery_token` |
//! | `next` in PASSWORD_RESET | `reset_password` |
//! | `next` in LOCKED_OUT | `unlock_account` |
//! | `next` in MFA_ENROLL_ACTIVATE / MFA_CHALLENGE named `poll`, or `factorResult` WAITING | `poll` |
//! | `next` in MFA_ENROLL_ACTIVATE otherwise | `activate_factor` |
//! | `next` in MFA_CHALLENGE otherwise | `verify_factor` |
//! | `next` (GET) or `original` in SUCCESS | `follow_redirect` |
//! | `next` named `poll` in POLL | `poll` |
//! | `prev` / `skip` / `cancel` / `resend` (one or many) | `previous` / `skip` / `cancel` / `resend` |
//! | a factor's `enroll` / `questions` / `verify` link | `enroll_factor` / `list_questions` / `verify_factor` |
//! | an activation's `send` links | `send_activation_link` |
//!
//! The factor-level rows are read from each [`crate::Factor`]'s own links. FACTOR_* aliases behave like
//! their MFA_* states. An unknown status allows `cancel` only (when published); SUCCESS allows only its
//! redirect. Entry points and local actions are not derived here: [`crate::Flow::allowed_actions`] adds
//! them.
//!
//! **Off the org rule** (externally managed passwords): the `next` href is off the org when its origin
//! differs from every reference origin, where the reference origins are the origins of the response's
//! other links (`cancel`, `skip`, `prev`, ...) plus, in the flow, the configured base URL. With no
//! reference origin at all, the link is treated as Okta-hosted. A `next` href that is not an absolute URL
//! is Okta-hosted.

use crate::action::ActionKind;
use crate::href::Href;
use crate::wire::{FactorResult, Link, Links, Status, Transaction};

/// The top-level operations a response published, resolved to actions. States carry it, so that
/// building a request never reads the wire again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Transitions {
    next: Option<(ActionKind, Href)>,
    prev: Option<Href>,
    skip: Option<Href>,
    cancel: Option<Href>,
    resend: Vec<ResendLink>,
}

/// One `resend` link: its name (`sms`, `call`, `email`, `push`; none in RECOVERY_CHALLENGE).
#[derive(Debug, Clone, PartialEq)]
pub struct ResendLink {
    /// The link name.
    pub name: Option<String>,
    /// Where it goes.
    pub href: Href,
}

impl Transitions {
    /// The table above, for the top-level links of `tx`. `org_origin` is the configured Okta origin
    /// (an extra reference for the off-the-org rule).
    pub fn from_transaction(tx: &Transaction, org_origin: Option<&str>) -> Self {
        let links = &tx.links;
        if tx.status == Status::Success {
            return Self {
                next: success_redirect(tx).map(|l| (ActionKind::FollowRedirect, href(l))),
                ..Self::default()
            };
        }
        let cancel = links.cancel.as_ref().map(href);
        if let Status::Unknown(_) = tx.status {
            return Self {
                cancel,
                ..Self::default()
            };
        }
        Self {
            next: links
                .next
                .as_ref()
                .and_then(|next| Some((next_action(tx, next, org_origin)?, href(next)))),
            prev: links.prev.as_ref().map(href),
            skip: links.skip.as_ref().map(href),
            cancel,
            resend: links
                .resend
                .as_slice()
                .iter()
                .map(|l| ResendLink {
                    name: l.name.clone(),
                    href: href(l),
                })
                .collect(),
        }
    }

    /// The actions these links allow (unsorted, without duplicates).
    pub fn kinds(&self) -> Vec<ActionKind> {
        let mut out: Vec<ActionKind> = self.next.iter().map(|(kind, _)| *kind).collect();
        let present = [
            (self.prev.is_some(), ActionKind::Previous),
            (self.skip.is_some(), ActionKind::Skip),
            (self.cancel.is_some(), ActionKind::Cancel),
            (!self.resend.is_empty(), ActionKind::Resend),
        ];
        out.extend(present.into_iter().filter(|(on, _)| *on).map(|(_, k)| k));
        out
    }

    /// True when these links allow `kind`.
    pub fn allows(&self, kind: ActionKind) -> bool {
        self.kinds().contains(&kind)
    }

    /// The `next` link when it performs `kind` here.
    pub fn next(&self, kind: ActionKind) -> Option<&Href> {
        self.next
            .as_ref()
            .filter(|(action, _)| *action == kind)
            .map(|(_, href)| href)
    }

    /// The `prev` link.
    pub fn prev(&self) -> Option<&Href> {
        self.prev.as_ref()
    }

    /// The `skip` link.
    pub fn skip(&self) -> Option<&Href> {
        self.skip.as_ref()
    }

    /// The `cancel` link.
    pub fn cancel(&self) -> Option<&Href> {
        self.cancel.as_ref()
    }

    /// Every `resend` link.
    pub fn resend_links(&self) -> &[ResendLink] {
        &self.resend
    }

    /// The resend link for `name` (the current factor's type): the link with that name, else the only
    /// link when there is one.
    pub fn resend_for(&self, name: &str) -> Option<&Href> {
        let named = self.resend.iter().find(|l| {
            l.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        });
        match (named, self.resend.as_slice()) {
            (Some(link), _) => Some(&link.href),
            (None, [only]) => Some(&only.href),
            (None, _) => None,
        }
    }
}

fn href(link: &Link) -> Href {
    Href::new(link.href.clone())
}

/// What `next` does in `tx` (the `next` rows of the table).
fn next_action(tx: &Transaction, next: &Link, org_origin: Option<&str>) -> Option<ActionKind> {
    let waiting = tx.factor_result == Some(FactorResult::Waiting);
    match &tx.status {
        Status::Unauthenticated => Some(ActionKind::Authenticate),
        Status::PasswordWarn | Status::PasswordExpired => {
            if next_is_external(tx, org_origin) {
                Some(ActionKind::FollowRedirect)
            } else {
                Some(ActionKind::ChangePassword)
            }
        }
        Status::RecoveryChallenge => Some(ActionKind::VerifyRecoveryCode),
        Status::Recovery => {
            if next.is_named("answer") {
                Some(ActionKind::AnswerRecoveryQuestion)
            } else if next.is_named("recovery") {
                Some(ActionKind::VerifyRecoveryToken)
            } else {
                None
            }
        }
        Status::PasswordReset => Some(ActionKind::ResetPassword),
        Status::LockedOut => Some(ActionKind::UnlockAccount),
        Status::MfaEnrollActivate | Status::FactorEnrollActivate => {
            if next.is_named("poll") || waiting {
                Some(ActionKind::Poll)
            } else {
                Some(ActionKind::ActivateFactor)
            }
        }
        Status::MfaChallenge | Status::FactorChallenge => {
            if next.is_named("poll") || waiting {
                Some(ActionKind::Poll)
            } else {
                Some(ActionKind::VerifyFactor)
            }
        }
        Status::Poll => next.is_named("poll").then_some(ActionKind::Poll),
        // SUCCESS is read by `success_redirect`; unknown statuses allow cancel only.
        Status::Success
        | Status::MfaEnroll
        | Status::FactorEnroll
        | Status::MfaRequired
        | Status::FactorRequired
        | Status::Unknown(_) => None,
    }
}

/// The origin (`scheme://host[:port]`) of an absolute `http` / `https` URL, serialised the way browsers do:
/// lowercase scheme and host, the default port dropped, user info ignored. `None` for other schemes,
/// relative references, and hosts this simple reading does not accept (non-ASCII or percent-encoded
/// hosts, a bad port).
///
/// Hand-written rather than with the `url` crate: its parser is ~23 KB gzip of the widget's wasm, and
/// Okta's links are plain absolute `https` URLs.
pub fn origin_of(href: &str) -> Option<String> {
    let (scheme, rest) = href.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => 443,
        "http" => 80,
        _ => return None,
    };
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or_default();
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host_port)| host_port);
    let (host, port) = if host_port.starts_with('[') {
        // IPv6 literal: `[..]` then an optional `:port`.
        let end = host_port.find(']')? + 1;
        let (host, after) = host_port.split_at(end);
        let port = if after.is_empty() {
            ""
        } else {
            after.strip_prefix(':')?
        };
        let literal = &host[1..end - 1];
        let valid = !literal.is_empty()
            && literal
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        (valid.then_some(host)?, port)
    } else {
        let (host, port) = host_port.split_once(':').unwrap_or((host_port, ""));
        let valid = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        (valid.then_some(host)?, port)
    };
    let port = match port {
        "" => default_port,
        digits if digits.bytes().all(|b| b.is_ascii_digit()) => digits.parse::<u16>().ok()?,
        _ => return None,
    };
    let host = host.to_ascii_lowercase();
    Some(if port == default_port {
        format!("{scheme}://{host}")
    } else {
        format!("{scheme}://{host}:{port}")
    })
}

/// True when `next` points off the org (see the module docs for the rule).
pub fn next_is_external(tx: &Transaction, org_origin: Option<&str>) -> bool {
    let Some(next_origin) = tx.links.next.as_ref().and_then(|l| origin_of(&l.href)) else {
        return false;
    };
    let others = Links {
        next: None,
        ..tx.links.clone()
    };
    let mut references: Vec<String> = others
        .all()
        .into_iter()
        .filter_map(|l| origin_of(&l.href))
        .collect();
    references.extend(org_origin.map(str::to_owned));
    !references.is_empty() && !references.contains(&next_origin)
}

/// The step-up redirect link of a SUCCESS response: GET `next`, else `original`.
fn success_redirect(tx: &Transaction) -> Option<&Link> {
    tx.links
        .next
        .as_ref()
        .filter(|l| l.is_get())
        .or(tx.links.original.as_ref())
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origins_of_http_urls_are_normalised() {
        let origin = |href| origin_of(href);
        assert_eq!(
            origin("https://Acme.Okta.com/api/v1/authn?x=1#y").as_deref(),
            Some("https://acme.okta.com")
        );
        assert_eq!(
            origin("HTTPS://acme.okta.com").as_deref(),
            Some("https://acme.okta.com")
        );
        assert_eq!(
            origin("https://acme.okta.com:443/").as_deref(),
            Some("https://acme.okta.com")
        );
        assert_eq!(
            origin("http://localhost:80/x").as_deref(),
            Some("http://localhost")
        );
        assert_eq!(
            origin("http://127.0.0.1:8080/x").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            origin("https://user:pw@idp.example/x").as_deref(),
            Some("https://idp.example")
        );
        assert_eq!(
            origin("https://a.example\\@b.example/").as_deref(),
            Some("https://a.example")
        );
        assert_eq!(
            origin("http://[::1]:3000/x").as_deref(),
            Some("http://[::1]:3000")
        );
        assert_eq!(
            origin("https://a.example?q").as_deref(),
            Some("https://a.example")
        );
    }

    #[test]
    fn non_http_relative_and_malformed_urls_have_no_origin() {
        for href in [
            "/api/v1/authn",
            "acme.okta.com",
            "javascript:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "https://",
            "https://:443/",
            "https://a.example:99999/",
            "https://a.example:8x/",
            "https://bücher.example/",
            "https://a%2eexample/",
            "http://[::1/",
            "",
        ] {
            assert_eq!(origin_of(href), None, "{href}");
        }
    }
}
