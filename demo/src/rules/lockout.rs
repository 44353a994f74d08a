//! Lockout: failed attempts (passwords and factor codes) lock an account at the policy's threshold;
//! a lock may lift by itself after the policy's auto-unlock time.

use time::{Duration, OffsetDateTime};

use crate::model::User;

/// Whether the account is locked at `now` (auto-unlock applied).
pub fn is_locked(user: &User, now: OffsetDateTime) -> bool {
    match user.locked_at {
        None => false,
        Some(at) => {
            let minutes = user.policy.lockout.auto_unlock_minutes;
            minutes == 0 || now < at + Duration::minutes(i64::from(minutes))
        }
    }
}

/// Counts a failed attempt; returns true when this failure locked the account.
pub fn register_failure(user: &mut User, now: OffsetDateTime) -> bool {
    let threshold = user.policy.lockout.threshold;
    if threshold == 0 || is_locked(user, now) {
        return false;
    }
    if user.locked_at.is_some() {
        // The lock lifted by itself (auto-unlock): start counting afresh.
        user.locked_at = None;
        user.failed_attempts = 0;
    }
    user.failed_attempts += 1;
    if user.failed_attempts >= threshold {
        user.locked_at = Some(now);
        true
    } else {
        false
    }
}

/// Clears the failure counter after a success.
pub fn register_success(user: &mut User) {
    user.failed_attempts = 0;
}

/// Lifts a lock (unlock by recovery, new password).
pub fn unlock(user: &mut User) {
    user.locked_at = None;
    user.failed_attempts = 0;
}
