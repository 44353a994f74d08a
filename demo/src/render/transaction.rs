//! Authn transaction bodies in Okta's wire format (HAL `_links` with `hints.allow`, `_embedded`,
//! ISO-8601 times): every state, SUCCESS, LOCKED_OUT, the email recovery challenge and cancel.

use serde::Serialize;

use crate::model::time::iso;
use crate::model::{
    Factor, FactorResult, Pending, Purpose, RecoveryKind, Status, StatusKind, TxView, User,
};
use crate::render::app::{self, Authentication, Target};
use crate::render::factors::{self, ChallengeBody, FactorBody, FactorEmbedded, NumberChallenge};
use crate::render::links::{Link, Links, OneOrMany};
use crate::render::policy::{self, Policy};
use crate::render::user::{self, EmbeddedUser};
use crate::rules::next_step::enroll_skip_allowed;
use crate::rules::password;
use crate::scenario::FactorKind;
use crate::urls::Urls;
use crate::webauthn::ChallengeOptions;

/// A transaction response (`/api/v1/authn` and its operations).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionBody {
    /// `stateToken` (live transactions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_token: Option<String>,
    /// `type`: `SESSION_STEP_UP` during a step-up.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// `expiresAt`: the stateToken's expiry, or the sessionToken's at SUCCESS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// `status`.
    pub status: &'static str,
    /// `relayState`, echoed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relay_state: Option<String>,
    /// `sessionToken` (SUCCESS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_token: Option<String>,
    /// `factorResult` (push, email recovery).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor_result: Option<&'static str>,
    /// `factorType` (RECOVERY_CHALLENGE).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor_type: Option<&'static str>,
    /// `recoveryType`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery_type: Option<&'static str>,
    /// `_embedded`.
    #[serde(rename = "_embedded", skip_serializing_if = "Embedded::is_empty")]
    pub embedded: Embedded,
    /// `_links`.
    #[serde(rename = "_links", skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
}

/// A transaction's `_embedded`.
#[derive(Debug, Default, Serialize)]
pub struct Embedded {
    /// `user`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<EmbeddedUser>,
    /// `factors` (MFA_REQUIRED, MFA_ENROLL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factors: Option<Vec<FactorBody>>,
    /// `factor` (MFA_CHALLENGE, MFA_ENROLL_ACTIVATE).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor: Option<FactorBody>,
    /// `factorTypes` (MFA_REQUIRED): factor types verified as a whole (WebAuthn).
    #[serde(rename = "factorTypes", skip_serializing_if = "Option::is_none")]
    pub factor_types: Option<Vec<FactorTypeBody>>,
    /// `challenge` (MFA_CHALLENGE of a WebAuthn verify by type).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge: Option<ChallengeOptions>,
    /// `policy`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
    /// `target`: the app of a step-up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// `authentication`: how that app signs users in (UNAUTHENTICATED, SUCCESS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authentication: Option<Authentication>,
}

/// One `factorTypes` entry: `{factorType, _links{next}}` (Okta names its verify link `next`,
/// named `verify`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FactorTypeBody {
    /// `factorType`.
    pub factor_type: &'static str,
    /// `_links.next`: verify every factor of the type.
    #[serde(rename = "_links")]
    pub links: Links,
}

impl Embedded {
    /// Nothing embedded (the key is then left out).
    pub fn is_empty(&self) -> bool {
        self.user.is_none()
            && self.factors.is_none()
            && self.factor.is_none()
            && self.factor_types.is_none()
            && self.challenge.is_none()
            && self.policy.is_none()
            && self.target.is_none()
            && self.authentication.is_none()
    }
}

impl TransactionBody {
    fn new(status: &'static str) -> Self {
        Self {
            state_token: None,
            kind: None,
            expires_at: None,
            status,
            relay_state: None,
            session_token: None,
            factor_result: None,
            factor_type: None,
            recovery_type: None,
            embedded: Embedded::default(),
            links: None,
        }
    }
}

/// `type` of every response of a step-up.
const SESSION_STEP_UP: &str = "SESSION_STEP_UP";

/// The wire name of a status.
pub fn status_name(status: &Status) -> &'static str {
    match status.kind() {
        StatusKind::Unauthenticated => "UNAUTHENTICATED",
        StatusKind::MfaRequired => "MFA_REQUIRED",
        StatusKind::MfaChallenge => "MFA_CHALLENGE",
        StatusKind::MfaEnroll => "MFA_ENROLL",
        StatusKind::MfaEnrollActivate => "MFA_ENROLL_ACTIVATE",
        StatusKind::PasswordExpired => "PASSWORD_EXPIRED",
        StatusKind::PasswordWarn => "PASSWORD_WARN",
        StatusKind::PasswordReset => "PASSWORD_RESET",
        StatusKind::Recovery => "RECOVERY",
        StatusKind::RecoveryChallenge => "RECOVERY_CHALLENGE",
        StatusKind::Success => "SUCCESS",
    }
}

/// The response for a transaction as it is now.
pub fn body(urls: &Urls, view: &TxView) -> TransactionBody {
    if view.tx.status.is_success() {
        return success(urls, view);
    }
    let tx = &view.tx;
    let mut out = TransactionBody::new(status_name(&tx.status));
    out.state_token = Some(tx.token.expose().to_string());
    if let Some(step_up) = tx.step_up() {
        out.kind = Some(SESSION_STEP_UP);
        out.embedded.target = Some(app::target(&step_up.app));
    }
    out.expires_at = Some(iso(tx.expires));
    out.relay_state = tx.relay_state.clone();
    out.factor_result = match (tx.status.push_wait(), tx.status.challenge()) {
        (Some(wait), _) => Some(factors::factor_result_name(wait.result)),
        (None, Some(_)) if tx.status.webauthn().is_some() => Some("CHALLENGE"),
        (None, Some(_) | None) => None,
    };
    out.recovery_type = match tx.purpose {
        Purpose::Recovery(kind, _) | Purpose::RecoveryToken(kind) => Some(kind.as_str()),
        Purpose::Activation => Some("ACCOUNT_ACTIVATION"),
        Purpose::SignIn | Purpose::StepUp(_) => None,
    };
    let mut links = Links {
        cancel: Some(Link::post(urls.authn_op("cancel"))),
        ..Links::default()
    };
    let prev = || Some(Link::post(urls.authn_op("previous")));
    let user = view.user.as_ref();
    let embedded = &mut out.embedded;
    match &tx.status {
        Status::Unauthenticated => {
            embedded.authentication = tx
                .step_up()
                .map(|step_up| app::authentication(urls, &step_up.app));
            links.next = Some(Link::named("authenticate", urls.authn()));
        }
        Status::MfaRequired => {
            if let Some(u) = user {
                embedded.user = Some(user::embedded(u, false));
                embedded.factors = Some(
                    u.active_factors()
                        .map(|f| factors::for_verify(urls, u, f))
                        .collect(),
                );
                if u.has_active(FactorKind::Webauthn) {
                    embedded.factor_types = Some(vec![webauthn_type(urls)]);
                }
                embedded.policy = Some(policy::remember_device(
                    &u.policy.remember_device,
                    &view.auto_push,
                ));
            }
        }
        Status::MfaChallenge(step) => {
            if let Some((u, f)) = user.and_then(|u| u.factor(&step.factor_id).map(|f| (u, f))) {
                embedded.user = Some(user::embedded(u, false));
                let mut factor = factors::base(u, f);
                let challenge = match &step.pending {
                    Pending::Push(_) => view.number_challenge.map(|correct_answer| {
                        ChallengeBody::Number(NumberChallenge { correct_answer })
                    }),
                    Pending::WebAuthn(webauthn) => Some(ChallengeBody::WebAuthn(
                        factors::webauthn_challenge(webauthn),
                    )),
                    Pending::Nothing | Pending::Code(_) => None,
                };
                factor.embedded = challenge.map(|challenge| FactorEmbedded {
                    challenge: Some(challenge),
                    ..FactorEmbedded::default()
                });
                let mut next = urls.factor_op(&f.id, "verify");
                match &step.pending {
                    Pending::WebAuthn(webauthn) if webauthn.by_type => {
                        // Verify by type: the challenge at the top, every key listed.
                        factor.embedded = None;
                        embedded.challenge = Some(factors::webauthn_challenge(webauthn));
                        embedded.factors = Some(
                            u.active_factors()
                                .filter(|k| k.kind == FactorKind::Webauthn)
                                .map(|k| factors::base(u, k))
                                .collect(),
                        );
                        next = urls.factor_op(FactorKind::Webauthn.factor_type(), "verify");
                    }
                    Pending::WebAuthn(_)
                    | Pending::Push(_)
                    | Pending::Nothing
                    | Pending::Code(_) => {
                        embedded.factor = Some(factor);
                    }
                }
                embedded.policy = Some(policy::remember_device(
                    &u.policy.remember_device,
                    &view.auto_push,
                ));
                let polling = match &step.pending {
                    Pending::Push(wait) => wait.result == FactorResult::Waiting,
                    Pending::Nothing | Pending::Code(_) | Pending::WebAuthn(_) => false,
                };
                let name = if polling { "poll" } else { "verify" };
                links.next = Some(Link::named(name, next));
                links.resend = resend(urls, f, "verify/resend");
            }
            links.prev = prev();
        }
        Status::MfaEnroll => {
            if let Some(u) = user {
                embedded.user = Some(user::embedded(u, false));
                embedded.factors = Some(factors::enroll_list(urls, u));
                if enroll_skip_allowed(u) {
                    links.skip = Some(Link::post(urls.authn_op("skip")));
                }
            }
        }
        Status::MfaEnrollActivate(step) => {
            if let Some((u, f)) = user.and_then(|u| u.factor(&step.factor_id).map(|f| (u, f))) {
                embedded.user = Some(user::embedded(u, false));
                let factor = activation_factor(urls, view, u, f, &step.pending, &mut links);
                embedded.factor = Some(factor);
            }
            links.prev = prev();
        }
        Status::PasswordExpired => {
            password_step(urls, view, PasswordStep::Expired, embedded, &mut links);
        }
        Status::PasswordWarn => {
            password_step(urls, view, PasswordStep::Warn, embedded, &mut links);
        }
        Status::PasswordReset => {
            password_step(urls, view, PasswordStep::Reset, embedded, &mut links);
        }
        Status::Recovery => {
            embedded.user = user.map(|u| user::embedded(u, true));
            links.next = Some(Link::named("answer", urls.authn_op("recovery/answer")));
        }
        Status::RecoveryChallenge(_) => {
            if let Some(channel) = tx.recovery_channel() {
                let name = channel.recovery_name();
                out.factor_type = Some(name);
                links.next = Some(Link::named(
                    "verify",
                    urls.recovery_factor_op(name, "verify"),
                ));
                links.resend = Some(OneOrMany::One(Link::named(
                    &name.to_lowercase(),
                    urls.recovery_factor_op(name, "resend"),
                )));
            }
        }
        Status::Success => {}
    }
    out.links = Some(links);
    out
}

/// The three password states.
#[derive(Clone, Copy)]
enum PasswordStep {
    Expired,
    Warn,
    Reset,
}

/// PASSWORD_EXPIRED / PASSWORD_WARN / PASSWORD_RESET: the user, the password policy (with the days
/// left when warning), `next` and, when warning, `skip`.
fn password_step(
    urls: &Urls,
    view: &TxView,
    step: PasswordStep,
    embedded: &mut Embedded,
    links: &mut Links,
) {
    let warn = match step {
        PasswordStep::Warn => true,
        PasswordStep::Expired | PasswordStep::Reset => false,
    };
    if let Some(u) = view.user.as_ref() {
        embedded.user = Some(user::embedded(u, false));
        let days = warn.then(|| password::days_left(u, view.now)).flatten();
        embedded.policy = Some(policy::password(&u.policy.password, days));
    }
    links.next = Some(match step {
        PasswordStep::Reset => {
            Link::named("resetPassword", urls.authn_op("credentials/reset_password"))
        }
        PasswordStep::Expired | PasswordStep::Warn => Link::named(
            "changePassword",
            urls.authn_op("credentials/change_password"),
        ),
    });
    if warn {
        links.skip = Some(Link::named("skip", urls.authn_op("skip")));
    }
}

/// The factor of MFA_ENROLL_ACTIVATE with its activation data, and the step's `next` / `resend`.
fn activation_factor(
    urls: &Urls,
    view: &TxView,
    u: &User,
    f: &Factor,
    pending: &Pending,
    links: &mut Links,
) -> FactorBody {
    let mut factor = factors::base(u, f);
    let activate = urls.factor_op(&f.id, "lifecycle/activate");
    let activation = match f.kind {
        FactorKind::OktaTotp | FactorKind::GoogleTotp => {
            links.next = Some(Link::named("activate", activate));
            Some(factors::totp_activation(urls, u, f))
        }
        FactorKind::Push => {
            let result = match pending {
                Pending::Push(wait) => wait.result,
                Pending::Nothing | Pending::Code(_) | Pending::WebAuthn(_) => FactorResult::Waiting,
            };
            links.next = Some(match result {
                FactorResult::Waiting => {
                    Link::named("poll", urls.factor_op(&f.id, "lifecycle/activate/poll"))
                }
                FactorResult::Rejected | FactorResult::Timeout => Link::named("activate", activate),
            });
            Some(factors::push_activation(urls, u, f, result))
        }
        FactorKind::Webauthn => {
            links.next = Some(Link::named("activate", activate));
            match pending {
                Pending::WebAuthn(step) => {
                    Some(factors::webauthn_activation(&view.org_name, u, step))
                }
                Pending::Nothing | Pending::Code(_) | Pending::Push(_) => None,
            }
        }
        FactorKind::Question
        | FactorKind::Sms
        | FactorKind::Call
        | FactorKind::Email
        | FactorKind::Rsa
        | FactorKind::Symantec
        | FactorKind::Yubikey => {
            links.next = Some(Link::named("activate", activate));
            links.resend = resend(urls, f, "lifecycle/resend");
            None
        }
    };
    factor.embedded = activation.map(|activation| FactorEmbedded {
        activation: Some(activation),
        ..FactorEmbedded::default()
    });
    factor
}

/// The `resend` links of a factor that sends codes or pushes (`{factor}/{path}`).
fn resend(urls: &Urls, factor: &Factor, path: &str) -> Option<OneOrMany> {
    let name = match factor.kind {
        FactorKind::Sms => "sms",
        FactorKind::Call => "call",
        FactorKind::Email => "email",
        FactorKind::Push => "push",
        FactorKind::Question
        | FactorKind::OktaTotp
        | FactorKind::GoogleTotp
        | FactorKind::Rsa
        | FactorKind::Symantec
        | FactorKind::Yubikey
        | FactorKind::Webauthn => return None,
    };
    Some(OneOrMany::Many(vec![Link::named(
        name,
        urls.factor_op(&factor.id, path),
    )]))
}

/// The WebAuthn `factorTypes` entry: verify with any of the user's keys.
fn webauthn_type(urls: &Urls) -> FactorTypeBody {
    let verify = urls.factor_op(FactorKind::Webauthn.factor_type(), "verify");
    FactorTypeBody {
        factor_type: FactorKind::Webauthn.factor_type(),
        links: Links {
            next: Some(Link::named("verify", verify)),
            ..Links::default()
        },
    }
}

/// SUCCESS: the sessionToken (if issued) and its expiry, the user, no links. A step-up's SUCCESS
/// keeps its stateToken and links the redirect back to the app instead.
fn success(urls: &Urls, view: &TxView) -> TransactionBody {
    let tx = &view.tx;
    let mut out = TransactionBody::new("SUCCESS");
    out.expires_at = Some(iso(view
        .session_token
        .as_ref()
        .map_or(view.now, |t| t.expires)));
    out.relay_state = tx.relay_state.clone();
    out.session_token = view
        .session_token
        .as_ref()
        .map(|t| t.token.expose().to_string());
    out.recovery_type = match tx.purpose {
        Purpose::Recovery(kind, _) | Purpose::RecoveryToken(kind) => Some(kind.as_str()),
        Purpose::Activation | Purpose::SignIn | Purpose::StepUp(_) => None,
    };
    out.embedded.user = view.user.as_ref().map(|u| user::embedded(u, false));
    if let Some(step_up) = tx.step_up() {
        let token = tx.token.expose();
        out.state_token = Some(token.to_string());
        out.kind = Some(SESSION_STEP_UP);
        out.expires_at = Some(iso(tx.expires));
        out.embedded.target = Some(app::target(&step_up.app));
        out.embedded.authentication = Some(app::authentication(urls, &step_up.app));
        out.links = Some(Links {
            next: Some(Link::named_with(
                "original",
                urls.step_up_redirect(token),
                "GET",
            )),
            cancel: Some(Link::post(urls.authn_op("cancel"))),
            ..Links::default()
        });
    }
    out
}

/// LOCKED_OUT: no stateToken; `next` unlocks the account.
pub fn locked_out(urls: &Urls) -> TransactionBody {
    let mut out = TransactionBody::new("LOCKED_OUT");
    out.links = Some(Links {
        next: Some(Link::named("unlock", urls.authn_op("recovery/unlock"))),
        ..Links::default()
    });
    out
}

/// RECOVERY_CHALLENGE by email: the link is on its way; no stateToken and no links.
pub fn email_sent(kind: RecoveryKind, relay_state: Option<String>) -> TransactionBody {
    let mut out = TransactionBody::new("RECOVERY_CHALLENGE");
    out.factor_result = Some("WAITING");
    out.factor_type = Some("EMAIL");
    out.recovery_type = Some(kind.as_str());
    out.relay_state = relay_state;
    out
}

/// The body of a cancel: the transaction's relayState, if it had one.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cancelled {
    /// `relayState`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relay_state: Option<String>,
}
