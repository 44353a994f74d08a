//! Checking what a user types for a factor: security answers, TOTP codes (once each), hardware
//! token codes, and the phone numbers given for SMS and voice factors.

use time::OffsetDateTime;

use crate::model::{TotpSecret, User};
use crate::scenario::FactorKind;
use crate::secrets::{self, Secret};

/// Whether `given` answers a security question whose answer is `expected` (trimmed,
/// case-insensitive, constant time; an empty answer never matches).
pub fn answer_matches(expected: Option<&Secret>, given: &Secret) -> bool {
    let expected = expected.map(|e| e.expose().trim().to_lowercase());
    let given = given.expose().trim().to_lowercase();
    !given.is_empty() && secrets::ct_eq(&expected.unwrap_or_default(), &given)
}

/// The TOTP step (within one step of `now`) whose code is `code`.
pub fn totp_step(secret: &TotpSecret, code: &str, now: OffsetDateTime) -> Option<u64> {
    let unix = u64::try_from(now.unix_timestamp()).unwrap_or(0);
    secrets::totp_match(secret.expose(), code, unix)
}

/// A TOTP step is accepted once: only steps after the last accepted one are fresh.
pub fn totp_fresh(last_accepted: Option<u64>, step: u64) -> bool {
    last_accepted.is_none_or(|last| step > last)
}

/// Whether `code` is one of the scenario's codes for the user's hardware token of `kind`.
pub fn hardware_code_ok(user: &User, kind: FactorKind, code: &str) -> bool {
    let mut ok = false;
    for accepted in user.hardware_codes.get(&kind).into_iter().flatten() {
        ok |= secrets::ct_eq(accepted, code.trim());
    }
    ok
}

/// A plausible E.164 phone number: `+`, then 8 to 15 digits (spaces, dashes, dots and parentheses
/// are ignored).
pub fn valid_phone(phone: &str) -> bool {
    let Some(rest) = phone.trim().strip_prefix('+') else {
        return false;
    };
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || " -.()".contains(c))
    {
        return false;
    }
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    (8..=15).contains(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_trimmed_and_case_insensitive() {
        let expected = Secret::new("Blue");
        assert!(answer_matches(Some(&expected), &Secret::new(" blue ")));
        assert!(!answer_matches(Some(&expected), &Secret::new("red")));
        assert!(!answer_matches(None, &Secret::new("")));
        assert!(!answer_matches(Some(&Secret::new("")), &Secret::new("  ")));
    }

    #[test]
    fn totp_steps_are_accepted_once() {
        assert!(totp_fresh(None, 5));
        assert!(totp_fresh(Some(4), 5));
        assert!(!totp_fresh(Some(5), 5));
        assert!(!totp_fresh(Some(6), 5));
    }

    #[test]
    fn phone_numbers() {
        assert!(valid_phone("+1 555 0100 0999"));
        assert!(valid_phone("+44 (20) 7946-0958"));
        assert!(!valid_phone("555 0100 0999"));
        assert!(!valid_phone("+12"));
        assert!(!valid_phone("+1 555 <script>"));
    }
}
