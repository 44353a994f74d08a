//! Which state comes next once the current step is satisfied: MFA before an expired password, then
//! the password warning, then enrollment, then SUCCESS.

use time::OffsetDateTime;

use crate::model::{Purpose, Status, Transaction, User};
use crate::rules::password;
use crate::scenario::FactorKind;

/// Required factor kinds the user has not activated yet.
pub fn required_missing(user: &User) -> Vec<FactorKind> {
    not_active(user, &user.policy.enroll.required)
}

/// Optional factor kinds the user has not activated yet.
pub fn optional_missing(user: &User) -> Vec<FactorKind> {
    not_active(user, &user.policy.enroll.optional)
}

fn not_active(user: &User, kinds: &[FactorKind]) -> Vec<FactorKind> {
    kinds
        .iter()
        .copied()
        .filter(|k| !user.has_active(*k))
        .collect()
}

/// The kinds offered in MFA_ENROLL, in display order, with whether each is required.
pub fn enroll_kinds(user: &User) -> Vec<(FactorKind, bool)> {
    let e = &user.policy.enroll;
    FactorKind::ALL
        .into_iter()
        .filter_map(|k| {
            if e.required.contains(&k) {
                Some((k, true))
            } else if e.optional.contains(&k) {
                Some((k, false))
            } else {
                None
            }
        })
        .collect()
}

/// `skip` is published in MFA_ENROLL once nothing required is missing.
pub fn enroll_skip_allowed(user: &User) -> bool {
    required_missing(user).is_empty()
}

/// Whether MFA_ENROLL is offered now.
fn enroll_prompt(tx: &Transaction, user: &User) -> bool {
    if !required_missing(user).is_empty() {
        return true;
    }
    if tx.progress.enroll_skipped || optional_missing(user).is_empty() {
        return false;
    }
    if tx.progress.enrolled_any {
        tx.options.multi_optional_factor_enroll
    } else {
        user.policy.enroll.prompt_optional
    }
}

/// Whether sign-on MFA applies: the user's policy says so, and a step-up always asks for it (that is
/// what an app steps up for).
fn mfa_applies(tx: &Transaction, user: &User) -> bool {
    match tx.purpose {
        Purpose::StepUp(_) => true,
        Purpose::SignIn
        | Purpose::Recovery(..)
        | Purpose::RecoveryToken(_)
        | Purpose::Activation => user.policy.mfa_required,
    }
}

/// The state after the current step is satisfied. A step-up without a session signs in first; MFA
/// comes before an expired password when the user has an active factor.
pub fn next_status(tx: &Transaction, user: &User, now: OffsetDateTime) -> Status {
    if matches!(tx.purpose, Purpose::Activation) && user.password_hash.is_none() {
        return Status::PasswordReset;
    }
    if tx.step_up().is_some() && !tx.authenticated() {
        return Status::Unauthenticated;
    }
    if mfa_applies(tx, user) && user.has_any_active() && !tx.progress.mfa_done {
        return Status::MfaRequired;
    }
    if password::is_expired(user, now) && !tx.progress.password_done {
        return Status::PasswordExpired;
    }
    if tx.options.warn_before_password_expired
        && password::in_warn_window(user, now)
        && !tx.progress.password_done
        && !tx.progress.warn_skipped
    {
        return Status::PasswordWarn;
    }
    if enroll_prompt(tx, user) {
        return Status::MfaEnroll;
    }
    Status::Success
}
