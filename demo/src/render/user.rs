//! Users and sessions on the wire: `_embedded.user` of a transaction, the Users API object and the
//! Sessions API object.

use serde::Serialize;
use time::OffsetDateTime;

use crate::model::time::iso;
use crate::model::{Session, User};
use crate::render::links::Link;
use crate::rules::{lockout, password};
use crate::urls::Urls;

/// `_embedded.user`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbeddedUser {
    /// User id.
    pub id: String,
    /// When the password was last changed.
    pub password_changed: String,
    /// Profile.
    pub profile: EmbeddedProfile,
    /// The recovery question (RECOVERY only).
    #[serde(rename = "recovery_question", skip_serializing_if = "Option::is_none")]
    pub recovery_question: Option<RecoveryQuestion>,
}

/// `_embedded.user.profile`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbeddedProfile {
    /// Username.
    pub login: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Locale.
    pub locale: &'static str,
    /// Time zone.
    pub time_zone: &'static str,
}

/// `recovery_question`.
#[derive(Debug, Serialize)]
pub struct RecoveryQuestion {
    /// The question text.
    pub question: String,
}

/// `_embedded.user` (with the recovery question when asked for).
pub fn embedded(user: &User, with_recovery_question: bool) -> EmbeddedUser {
    EmbeddedUser {
        id: user.id.clone(),
        password_changed: iso(user.password_changed),
        profile: EmbeddedProfile {
            login: user.login.clone(),
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
            locale: "en_US",
            time_zone: "America/Los_Angeles",
        },
        recovery_question: with_recovery_question
            .then_some(user.recovery_question.as_ref())
            .flatten()
            .map(|(question, _)| RecoveryQuestion {
                question: question.clone(),
            }),
    }
}

/// The Users API object (`GET /api/v1/users/{id}`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserObject {
    /// User id.
    pub id: String,
    /// `ACTIVE`, `LOCKED_OUT`, `PASSWORD_EXPIRED`.
    pub status: &'static str,
    /// When the password was last changed.
    pub password_changed: String,
    /// Profile.
    pub profile: UserProfile,
    /// `self`.
    #[serde(rename = "_links")]
    pub links: SelfLink,
}

/// The Users API profile.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserProfile {
    /// Username.
    pub login: String,
    /// Email.
    pub email: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
}

/// `_links.self`.
#[derive(Debug, Serialize)]
pub struct SelfLink {
    /// The object's own address.
    #[serde(rename = "self")]
    pub this: Link,
}

/// The Users API object of `user` at `now`.
pub fn user_object(urls: &Urls, user: &User, now: OffsetDateTime) -> UserObject {
    let status = if lockout::is_locked(user, now) {
        "LOCKED_OUT"
    } else if password::is_expired(user, now) {
        "PASSWORD_EXPIRED"
    } else {
        "ACTIVE"
    };
    UserObject {
        id: user.id.clone(),
        status,
        password_changed: iso(user.password_changed),
        profile: UserProfile {
            login: user.login.clone(),
            email: user.email.clone(),
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
        },
        links: SelfLink {
            this: Link::new(urls.user(&user.id), "GET"),
        },
    }
}

/// The Sessions API object.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionObject {
    /// Session id.
    pub id: String,
    /// Username.
    pub login: String,
    /// User id.
    pub user_id: String,
    /// Created at.
    pub created_at: String,
    /// Expires at.
    pub expires_at: String,
    /// `ACTIVE`.
    pub status: &'static str,
    /// When the password was last verified.
    pub last_password_verification: Option<String>,
    /// When a factor was last verified.
    pub last_factor_verification: Option<String>,
    /// Authentication methods.
    pub amr: Vec<&'static str>,
    /// The identity provider.
    pub idp: Idp,
    /// Whether MFA was done.
    pub mfa_active: bool,
    /// `self`, `refresh`, `user`.
    #[serde(rename = "_links")]
    pub links: SessionLinks,
}

/// The session's identity provider.
#[derive(Debug, Serialize)]
pub struct Idp {
    /// Its id.
    pub id: &'static str,
    /// `OKTA`.
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// The session's links.
#[derive(Debug, Serialize)]
pub struct SessionLinks {
    /// `self` (GET, DELETE).
    #[serde(rename = "self")]
    pub this: SessionSelf,
    /// `refresh`.
    pub refresh: Link,
    /// `user`.
    pub user: Link,
}

/// A link allowing GET and DELETE.
#[derive(Debug, Serialize)]
pub struct SessionSelf {
    /// The session's address.
    pub href: String,
    /// `{allow: [GET, DELETE]}`.
    pub hints: ReadDelete,
}

/// `hints` of the session's own link.
#[derive(Debug, Serialize)]
pub struct ReadDelete {
    /// `[GET, DELETE]`.
    pub allow: [&'static str; 2],
}

/// The Sessions API object of `session`.
pub fn session_object(urls: &Urls, session: &Session) -> SessionObject {
    let href = urls.session(session.id.expose());
    let facts = &session.facts;
    SessionObject {
        id: session.id.expose().to_string(),
        login: facts.login.clone(),
        user_id: facts.user_id.clone(),
        created_at: iso(session.created),
        expires_at: iso(session.expires),
        status: "ACTIVE",
        last_password_verification: facts.password_verified.map(iso),
        last_factor_verification: facts.factor_verified.map(iso),
        amr: facts.amr.iter().map(|m| m.as_str()).collect(),
        idp: Idp {
            id: "00o1demoidp0okta0000",
            kind: "OKTA",
        },
        mfa_active: facts.factor_verified.is_some(),
        links: SessionLinks {
            refresh: Link::post(format!("{href}/lifecycle/refresh")),
            user: Link::named_with(&facts.name, urls.user(&facts.user_id), "GET"),
            this: SessionSelf {
                href,
                hints: ReadDelete {
                    allow: ["GET", "DELETE"],
                },
            },
        },
    }
}
