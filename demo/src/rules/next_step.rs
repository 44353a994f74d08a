//! Which state comes next once the current step is satisfied: MFA before an expired password, then
//! the password warning, then enrollment, then SUCCESS.

use time::OffsetDateTime;

use crate::model::{Purpose, Status, Transaction, User};
use crate::rules::password;
use crate::scenario::{FactorKind, OptionalEnrollment};

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

/// Whether MFA_ENROLL is offered now: while a required factor is missing; for optional factors,
/// after an activation in this transaction with `multiOptionalFactorEnroll`, else when the policy
/// prompts for them and `optional` says it is time.
fn enroll_prompt(tx: &Transaction, user: &User, optional: OptionalEnrollment) -> bool {
    if !required_missing(user).is_empty() {
        return true;
    }
    if tx.progress.enroll_skipped || optional_missing(user).is_empty() {
        return false;
    }
    if tx.progress.enrolled_any {
        return tx.options.multi_optional_factor_enroll;
    }
    user.policy.enroll.prompt_optional
        && match optional {
            OptionalEnrollment::UntilFirstFactor => !user.has_any_active(),
            OptionalEnrollment::EverySignIn => true,
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
pub fn next_status(
    tx: &Transaction,
    user: &User,
    optional: OptionalEnrollment,
    now: OffsetDateTime,
) -> Status {
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
    if enroll_prompt(tx, user, optional) {
        return Status::MfaEnroll;
    }
    Status::Success
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::model::{Factor, FactorStatus};
    use crate::scenario::{EnrollPolicy, PolicySpec};
    use crate::secrets::Secret;

    const NOW: OffsetDateTime = datetime!(2024-01-01 00:00 UTC);

    /// An MFA user whose policy offers optional TOTP and email, with `active` factors.
    fn user(active: &[FactorKind]) -> User {
        User {
            id: "00u1".into(),
            login: "olive@example.com".into(),
            first_name: "Olive".into(),
            last_name: "Optional".into(),
            email: "olive@example.com".into(),
            phone: None,
            shows: String::new(),
            shown_password: None,
            password_hash: Some("$argon2id$stub".into()),
            password_changed: NOW,
            password_history: Vec::new(),
            password_expired: false,
            locked_at: None,
            failed_attempts: 0,
            recovery_question: None,
            factors: active
                .iter()
                .map(|k| Factor::new(*k, FactorStatus::Active))
                .collect(),
            activation_token: None,
            push_number_challenge: false,
            hardware_codes: Default::default(),
            policy: PolicySpec {
                mfa_required: true,
                enroll: EnrollPolicy {
                    required: Vec::new(),
                    optional: vec![FactorKind::OktaTotp, FactorKind::Email],
                    prompt_optional: true,
                },
                ..PolicySpec::default()
            },
        }
    }

    fn sign_in() -> Transaction {
        Transaction::new(
            Secret::new("00tx"),
            Some("00u1".into()),
            Purpose::SignIn,
            Status::Success,
            NOW,
        )
    }

    fn is_enroll(status: &Status) -> bool {
        matches!(status, Status::MfaEnroll)
    }

    #[test]
    fn optional_factors_are_offered_until_the_first_one_is_active() {
        let okta = OptionalEnrollment::UntilFirstFactor;
        let tx = sign_in();
        assert!(is_enroll(&next_status(&tx, &user(&[]), okta, NOW)));
        // A later sign-in: MFA first, then SUCCESS (not MFA_ENROLL) once verified.
        let enrolled = user(&[FactorKind::OktaTotp]);
        assert!(matches!(
            next_status(&tx, &enrolled, okta, NOW),
            Status::MfaRequired
        ));
        let mut verified = sign_in();
        verified.progress.mfa_done = true;
        assert!(next_status(&verified, &enrolled, okta, NOW).is_success());
        // The old rule offers them again.
        let every = OptionalEnrollment::EverySignIn;
        assert!(is_enroll(&next_status(&verified, &enrolled, every, NOW)));
    }

    #[test]
    fn multi_optional_enroll_returns_to_enrollment_after_each_activation() {
        let okta = OptionalEnrollment::UntilFirstFactor;
        let enrolled = user(&[FactorKind::OktaTotp]);
        let mut tx = sign_in();
        tx.progress.mfa_done = true;
        tx.progress.enrolled_any = true;
        assert!(next_status(&tx, &enrolled, okta, NOW).is_success());
        tx.options.multi_optional_factor_enroll = true;
        assert!(is_enroll(&next_status(&tx, &enrolled, okta, NOW)));
        tx.progress.enroll_skipped = true;
        assert!(next_status(&tx, &enrolled, okta, NOW).is_success());
        // Nothing optional left: done.
        let all = user(&[FactorKind::OktaTotp, FactorKind::Email]);
        tx.progress.enroll_skipped = false;
        assert!(next_status(&tx, &all, okta, NOW).is_success());
    }
}
