//! MFA verification: which factor a verify path names, and what a verify request asks for given the
//! transaction's current step (send a code, check it, send or poll a push, check a credential).

use crate::error::{ApiError, ApiResult};
use crate::model::{Factor, Pending, Status, StatusKind, Transaction, User};
use crate::rules::transition::require;
use crate::scenario::FactorKind;

/// Okta factor type names (a verify path may name a type instead of a factor id).
const FACTOR_TYPES: &[&str] = &[
    "question",
    "sms",
    "call",
    "email",
    "push",
    "token",
    "token:software:totp",
    "token:hardware",
    "token:hotp",
    "web",
    "u2f",
    "webauthn",
    "password",
    "assertion:saml2",
    "assertion:oidc",
    "claims_provider",
];

/// The active factor a verify path segment names: its id, or its `factorType`. An unknown type
/// name is 400 E0000001; anything else unknown is 404 E0000007.
pub fn factor_for_verify<'a>(user: &'a User, segment: &str) -> ApiResult<&'a Factor> {
    user.active_factors()
        .find(|f| f.id == segment)
        .or_else(|| {
            user.active_factors()
                .find(|f| f.kind.factor_type() == segment)
        })
        .ok_or_else(|| {
            if FACTOR_TYPES.iter().any(|t| t.eq_ignore_ascii_case(segment)) {
                ApiError::validation("factorType: Invalid Factor Type")
            } else {
                ApiError::not_found("factor")
            }
        })
}

/// Verify is allowed in MFA_REQUIRED and MFA_CHALLENGE (E0000079 elsewhere).
pub fn check_can_verify(status: &Status) -> ApiResult<()> {
    require(status, &[StatusKind::MfaRequired, StatusKind::MfaChallenge])
}

/// What a verify request for `factor` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyAction {
    /// No passcode for an SMS / call / email factor: send a code and wait in MFA_CHALLENGE. A
    /// `resend` (the factor is already challenged) is throttled.
    SendCode {
        /// The factor is already challenged.
        resend: bool,
    },
    /// A passcode for an SMS / call / email factor: check it against the code sent.
    CheckCode,
    /// Okta Verify push without an outstanding push: send one and wait in MFA_CHALLENGE.
    SendPush,
    /// The push's poll: report its result, or verify it once approved.
    PollPush {
        /// The outstanding push.
        push_id: String,
    },
    /// Check the answer, TOTP code or hardware token code given.
    CheckCredential,
    /// WebAuthn without an assertion: issue a challenge (a new one each time) and wait in
    /// MFA_CHALLENGE.
    IssueChallenge,
    /// WebAuthn with an assertion: check it against the outstanding challenge.
    CheckAssertion,
}

/// The action a verify request for `factor` asks for in `tx`'s current step. `pass_code_given`:
/// the request carries a passcode; `assertion_given`: a WebAuthn assertion (any of its fields).
pub fn verify_action(
    tx: &Transaction,
    factor: &Factor,
    pass_code_given: bool,
    assertion_given: bool,
) -> VerifyAction {
    let step = tx.status.challenge().filter(|s| s.factor_id == factor.id);
    match factor.kind {
        FactorKind::Sms | FactorKind::Call | FactorKind::Email => {
            if pass_code_given {
                VerifyAction::CheckCode
            } else {
                VerifyAction::SendCode {
                    resend: step.is_some(),
                }
            }
        }
        FactorKind::Push => match step.map(|s| &s.pending) {
            Some(Pending::Push(wait)) => match &wait.push_id {
                Some(push_id) => VerifyAction::PollPush {
                    push_id: push_id.clone(),
                },
                None => VerifyAction::SendPush,
            },
            Some(Pending::Code(_) | Pending::Nothing | Pending::WebAuthn(_)) | None => {
                VerifyAction::SendPush
            }
        },
        FactorKind::Webauthn if assertion_given => VerifyAction::CheckAssertion,
        FactorKind::Webauthn => VerifyAction::IssueChallenge,
        FactorKind::Question
        | FactorKind::OktaTotp
        | FactorKind::GoogleTotp
        | FactorKind::Rsa
        | FactorKind::Symantec
        | FactorKind::Yubikey => VerifyAction::CheckCredential,
    }
}
