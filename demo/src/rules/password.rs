//! Password rules: expiry and the warn window, complexity, minimum age.

use time::{Duration, OffsetDateTime};

use crate::model::User;
use crate::scenario::PasswordPolicy;

/// Days until the password expires (negative once expired), if the policy expires passwords.
/// Rounded up: a password that expires in 4.9 days has 5 days left.
pub fn days_left(user: &User, now: OffsetDateTime) -> Option<i64> {
    let days = user.policy.password.expire_days;
    if days == 0 {
        return None;
    }
    let expires = user.password_changed + Duration::days(i64::from(days));
    let seconds = (expires - now).whole_seconds();
    Some(seconds.div_euclid(86_400) + i64::from(seconds.rem_euclid(86_400) > 0))
}

/// Whether the password must be changed now.
pub fn is_expired(user: &User, now: OffsetDateTime) -> bool {
    if user.password_hash.is_none() {
        return false;
    }
    let days = user.policy.password.expire_days;
    let aged_out = days > 0 && user.password_changed + Duration::days(i64::from(days)) <= now;
    user.password_expired || aged_out
}

/// Whether the password is inside the warn window (and not expired).
pub fn in_warn_window(user: &User, now: OffsetDateTime) -> bool {
    let warn = i64::from(user.policy.password.warn_days);
    !is_expired(user, now) && warn > 0 && days_left(user, now).is_some_and(|d| d <= warn)
}

/// The policy's minimum password age refuses a voluntary change (PASSWORD_WARN) of a password
/// changed too recently; an expired password must always be changeable.
pub fn too_recent(user: &User, voluntary: bool, now: OffsetDateTime) -> Option<String> {
    let minutes = i64::from(user.policy.password.min_age_minutes);
    let young = now < user.password_changed + Duration::minutes(minutes);
    (voluntary && minutes > 0 && young)
        .then(|| "password: Password has been changed too recently".to_string())
}

/// The password requirements as text.
pub fn requirements(p: &PasswordPolicy) -> String {
    let mut parts = vec![format!("at least {} characters", p.min_length)];
    if p.min_lower_case > 0 {
        parts.push("a lowercase letter".into());
    }
    if p.min_upper_case > 0 {
        parts.push("an uppercase letter".into());
    }
    if p.min_number > 0 {
        parts.push("a number".into());
    }
    if p.min_symbol > 0 {
        parts.push("a symbol".into());
    }
    if p.exclude_username {
        parts.push("no parts of your username".into());
    }
    let mut text = format!("Password requirements: {}.", parts.join(", "));
    if p.history_count > 0 {
        text.push_str(&format!(
            " Your password cannot be any of your last {} passwords.",
            p.history_count
        ));
    }
    text
}

/// Checks a new password against the policy; `Err(causes)` when it fails.
pub fn check_complexity(
    p: &PasswordPolicy,
    login: &str,
    password: &str,
) -> Result<(), Vec<String>> {
    let count = |f: fn(&char) -> bool| password.chars().filter(f).count() as u32;
    let mut ok = password.chars().count() as u32 >= p.min_length
        && count(char::is_ascii_lowercase) >= p.min_lower_case
        && count(char::is_ascii_uppercase) >= p.min_upper_case
        && count(char::is_ascii_digit) >= p.min_number
        && count(|c| !c.is_alphanumeric()) >= p.min_symbol;
    if p.exclude_username {
        let local = login.split('@').next().unwrap_or(login).to_lowercase();
        if !local.is_empty() && password.to_lowercase().contains(&local) {
            ok = false;
        }
    }
    if ok {
        Ok(())
    } else {
        Err(vec![format!(
            "Password requirements were not met. {}",
            requirements(p)
        )])
    }
}

/// The message refusing a reused password.
pub fn reuse_cause(history_count: u32) -> String {
    if history_count > 0 {
        format!(
            "password: Password cannot be your current password or any of your last {history_count} passwords"
        )
    } else {
        "password: Password cannot be your current password".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complexity_rules() {
        let p = PasswordPolicy::default();
        assert!(check_complexity(&p, "fern@example.com", "Changed5678").is_ok());
        assert!(check_complexity(&p, "fern@example.com", "short1A").is_err());
        assert!(check_complexity(&p, "fern@example.com", "alllower123").is_err());
        assert!(check_complexity(&p, "fern@example.com", "ALLUPPER123").is_err());
        assert!(check_complexity(&p, "fern@example.com", "NoDigitsHere").is_err());
        let causes = check_complexity(&p, "fern@example.com", "MyFern1234").unwrap_err();
        assert!(causes[0].contains("no parts of your username"));
    }
}
