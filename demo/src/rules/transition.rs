//! The only place a transaction's status and progress change: each function is one transition,
//! with `now` as an input.

use time::OffsetDateTime;

use crate::error::{ApiError, ApiResult};
use crate::model::{
    Delivery, FactorResult, FactorStep, Pending, PushWait, RecoveryKind, Status, StatusKind,
    Transaction, User,
};
use crate::rules::facts::{facts_for, record_factor};
use crate::rules::next_step::{enroll_skip_allowed, next_status};
use crate::scenario::{FactorKind, OptionalEnrollment};
use crate::webauthn::Challenge;

/// Moves to the state after the current step (SUCCESS when the transaction has no user).
pub fn advance(
    tx: &mut Transaction,
    user: Option<&User>,
    optional: OptionalEnrollment,
    now: OffsetDateTime,
) {
    tx.status = match user {
        Some(user) => next_status(tx, user, optional, now),
        None => Status::Success,
    };
}

/// The password was verified: the sign-in's facts start here.
pub fn password_verified(tx: &mut Transaction, user: &User, now: OffsetDateTime) {
    tx.facts = Some(facts_for(user, Some(now)));
}

/// A remembered device (or a recovery, or an activation) stands in for sign-on MFA.
pub fn mfa_waived(tx: &mut Transaction) {
    tx.progress.mfa_done = true;
}

/// A factor of `kind` was verified: sign-on MFA is done and the facts record it.
pub fn factor_verified(tx: &mut Transaction, user: &User, kind: FactorKind, now: OffsetDateTime) {
    let facts = tx.facts.get_or_insert_with(|| facts_for(user, None));
    record_factor(facts, kind, now);
    tx.progress.mfa_done = true;
}

/// A factor of `kind` was enrolled and is active: as verified, and the enrollment is remembered.
pub fn factor_enrolled(tx: &mut Transaction, user: &User, kind: FactorKind, now: OffsetDateTime) {
    tx.progress.enrolled_any = true;
    factor_verified(tx, user, kind, now);
}

/// The password was changed or reset in this transaction.
pub fn password_changed(tx: &mut Transaction) {
    tx.progress.password_done = true;
}

/// MFA_CHALLENGE for `factor_id`, waiting for `pending`.
pub fn challenge(tx: &mut Transaction, factor_id: &str, pending: Pending) {
    tx.status = Status::MfaChallenge(FactorStep {
        factor_id: factor_id.to_string(),
        pending,
    });
}

/// MFA_ENROLL_ACTIVATE for `factor_id`, waiting for `pending`.
pub fn activation(tx: &mut Transaction, factor_id: &str, pending: Pending) {
    tx.status = Status::MfaEnrollActivate(FactorStep {
        factor_id: factor_id.to_string(),
        pending,
    });
}

/// A new code went out in the current step (MFA_CHALLENGE, MFA_ENROLL_ACTIVATE or
/// RECOVERY_CHALLENGE).
pub fn code_sent(tx: &mut Transaction, delivery: Delivery) {
    if let Status::RecoveryChallenge(current) = &mut tx.status {
        *current = delivery;
    } else if let Some(step) = factor_step_mut(tx) {
        step.pending = Pending::Code(delivery);
    }
}

/// A push `push_id` went out in the current factor step; it waits (an activation link sent
/// earlier in the step is remembered for the throttle).
pub fn push_sent(tx: &mut Transaction, push_id: String) {
    if let Some(step) = factor_step_mut(tx) {
        let link_sent_at = match &step.pending {
            Pending::Push(wait) => wait.link_sent_at,
            Pending::Nothing | Pending::Code(_) | Pending::WebAuthn(_) => None,
        };
        step.pending = Pending::Push(PushWait {
            push_id: Some(push_id),
            result: FactorResult::Waiting,
            link_sent_at,
        });
    }
}

/// The outstanding push reported `result` on a poll: still waiting, or ended (rejected / timed out),
/// in which case verifying again sends a new one.
pub fn push_polled(tx: &mut Transaction, result: FactorResult) {
    if let Some(Pending::Push(wait)) = factor_step_mut(tx).map(|s| &mut s.pending) {
        wait.result = result;
        match result {
            FactorResult::Waiting => {}
            FactorResult::Rejected | FactorResult::Timeout => wait.push_id = None,
        }
    }
}

/// Re-reading the state found the waiting push timed out: report TIMEOUT (the next poll ends it).
pub fn push_expired(tx: &mut Transaction) {
    if let Some(Pending::Push(wait)) = factor_step_mut(tx).map(|s| &mut s.pending)
        && wait.push_id.is_some()
        && wait.result == FactorResult::Waiting
    {
        wait.result = FactorResult::Timeout;
    }
}

/// The outstanding WebAuthn challenge is replaced by `challenge` (after a refused assertion: a
/// verify challenge answers once).
pub fn webauthn_challenge_replaced(tx: &mut Transaction, challenge: Challenge) {
    if let Some(Pending::WebAuthn(step)) = factor_step_mut(tx).map(|s| &mut s.pending) {
        step.challenge = challenge;
    }
}

/// An Okta Verify activation link went out at `now` (throttled like other sends).
pub fn activation_link_sent(tx: &mut Transaction, now: OffsetDateTime) {
    if let Some(Pending::Push(wait)) = factor_step_mut(tx).map(|s| &mut s.pending) {
        wait.link_sent_at = Some(now);
    }
}

fn factor_step_mut(tx: &mut Transaction) -> Option<&mut FactorStep> {
    match &mut tx.status {
        Status::MfaChallenge(step) | Status::MfaEnrollActivate(step) => Some(step),
        _ => None,
    }
}

/// The recovery channel is proven and the user has a recovery question: RECOVERY.
pub fn ask_recovery_question(tx: &mut Transaction) {
    tx.status = Status::Recovery;
}

/// Recovery is done: PASSWORD_RESET for a forgotten password, SUCCESS for an unlock. Returns what
/// was recovered.
pub fn recovery_finished(tx: &mut Transaction) -> RecoveryKind {
    let kind = tx.recovery_kind().unwrap_or(RecoveryKind::Password);
    tx.status = match kind {
        RecoveryKind::Password => Status::PasswordReset,
        RecoveryKind::Unlock => Status::Success,
    };
    kind
}

/// E0000079 unless the transaction is in one of the `allowed` states.
pub fn require(status: &Status, allowed: &[StatusKind]) -> ApiResult<()> {
    if allowed.contains(&status.kind()) {
        Ok(())
    } else {
        Err(ApiError::wrong_state())
    }
}

/// `prev`: MFA_CHALLENGE back to MFA_REQUIRED, MFA_ENROLL_ACTIVATE back to MFA_ENROLL. Returns the
/// factor whose pending activation is dropped. E0000079 elsewhere.
pub fn previous(tx: &mut Transaction) -> ApiResult<Option<String>> {
    require(
        &tx.status,
        &[StatusKind::MfaChallenge, StatusKind::MfaEnrollActivate],
    )?;
    let dropped = tx.status.activation().map(|step| step.factor_id.clone());
    tx.status = match dropped {
        Some(_) => Status::MfaEnroll,
        None => Status::MfaRequired,
    };
    Ok(dropped)
}

/// `skip`: PASSWORD_WARN, or MFA_ENROLL once nothing required is missing (E0000079 elsewhere).
pub fn skip(tx: &mut Transaction, user: &User) -> ApiResult<()> {
    match tx.status.kind() {
        StatusKind::PasswordWarn => tx.progress.warn_skipped = true,
        StatusKind::MfaEnroll if enroll_skip_allowed(user) => tx.progress.enroll_skipped = true,
        _ => return Err(ApiError::wrong_state()),
    }
    Ok(())
}
