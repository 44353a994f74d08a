//! The ONE mapping from a parsed response to the actions its links allow.
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
//! FACTOR_* aliases behave like their MFA_* states. An unknown status allows `cancel` only (when
//! published). Entry points are not derived here: [`crate::Flow::allowed_actions`] adds them.
//!
//! **Off the org rule** (externally managed passwords): the `next` href is off the org when its origin
//! differs from every reference origin, where the reference origins are the origins of the response's
//! other links (`cancel`, `skip`, `prev`, ...) plus, in the flow, the configured base URL. With no
//! reference origin at all, the link is treated as Okta-hosted. A `next` href that is not an absolute URL
//! is Okta-hosted.

use crate::action::ActionKind;
use crate::wire::{FactorResult, Link, Links, Status, Transaction};

/// The actions a response's links allow: the table above, sorted and deduplicated, nothing else.
pub fn allowed_actions(tx: &Transaction) -> Vec<ActionKind> {
    allowed_actions_for(tx, None)
}

/// Same as [`allowed_actions`], with the configured org origin as an extra reference for the
/// off-the-org rule.
pub fn allowed_actions_for(tx: &Transaction, org_origin: Option<&str>) -> Vec<ActionKind> {
    let mut out = Vec::new();
    let links = &tx.links;
    let next = links.next.as_ref();
    let waiting = tx.factor_result == Some(FactorResult::Waiting);
    let known = !matches!(tx.status, Status::Unknown(_));

    if let Some(next) = next {
        let kind = match &tx.status {
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
            // SUCCESS redirects through `next` (GET) or `original`: see below.
            Status::Success => None,
            Status::Poll => next.is_named("poll").then_some(ActionKind::Poll),
            Status::MfaEnroll
            | Status::FactorEnroll
            | Status::MfaRequired
            | Status::FactorRequired => None,
            Status::Unknown(_) => None,
        };
        out.extend(kind);
    }
    if success_redirect(tx).is_some() {
        out.push(ActionKind::FollowRedirect);
    }
    if links.cancel.is_some() {
        out.push(ActionKind::Cancel);
    }
    if known {
        if links.prev.is_some() {
            out.push(ActionKind::Previous);
        }
        if links.skip.is_some() {
            out.push(ActionKind::Skip);
        }
        if !links.resend.is_empty() {
            out.push(ActionKind::Resend);
        }
        for factor in tx.every_factor() {
            if factor.links.enroll.is_some() {
                out.push(ActionKind::EnrollFactor);
            }
            if factor.links.questions.is_some() {
                out.push(ActionKind::ListQuestions);
            }
            if factor.links.verify.is_some() {
                out.push(ActionKind::VerifyFactor);
            }
            let activation = factor
                .embedded
                .activation
                .as_ref()
                .map(crate::wire::WireActivation::from_value);
            if activation.is_some_and(|a| !a.links.send.is_empty()) {
                out.push(ActionKind::SendActivationLink);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The origin (`scheme://host:port`) of an absolute URL.
pub fn origin_of(href: &str) -> Option<String> {
    let url = url::Url::parse(href).ok()?;
    match url.origin() {
        origin @ url::Origin::Tuple(..) => Some(origin.ascii_serialization()),
        url::Origin::Opaque(_) => None,
    }
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
pub fn success_redirect(tx: &Transaction) -> Option<&Link> {
    if tx.status != Status::Success {
        return None;
    }
    tx.links
        .next
        .as_ref()
        .filter(|l| l.is_get())
        .or(tx.links.original.as_ref())
}
