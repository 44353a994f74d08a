//! `PasswordPolicy::check` lists and live-checks the server's rules so views need not re-implement them.

use crate::common::*;
use authn_core::*;

fn policy_of(name: &str) -> PasswordPolicy {
    match flow_at(name).state() {
        State::PasswordWarn(s) | State::PasswordExpired(s) => s.policy.clone(),
        State::PasswordReset(s) => s.policy.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn requirements_come_from_the_policy_and_zero_counts_are_skipped() {
    let policy = policy_of("password_warn.json");
    assert_eq!(policy.expire_days, Some(5));
    assert_eq!(policy.min_age_minutes, Some(0));
    assert_eq!(policy.history_count, Some(4));
    assert_eq!(
        policy.requirements(),
        vec![
            Requirement::MinLength(8),
            Requirement::MinLowerCase(1),
            Requirement::MinUpperCase(1),
            Requirement::MinNumber(1),
            Requirement::ExcludeUsername,
        ]
    );
    assert!(PasswordPolicy::default().requirements().is_empty());
    assert!(PasswordPolicy::default().is_satisfied("", None));
}

#[test]
fn check_reports_each_requirement() {
    let policy = policy_of("password_reset.json");
    let user = Some("dade.murphy@example.com");
    assert_eq!(
        policy.check("short", user),
        vec![
            (Requirement::MinLength(8), false),
            (Requirement::MinLowerCase(1), true),
            (Requirement::MinUpperCase(1), false),
            (Requirement::MinNumber(1), false),
            (Requirement::ExcludeUsername, true),
        ]
    );
    assert!(policy.is_satisfied("Gibson-1995", user));
    assert!(
        !policy.is_satisfied("Dade.Murphy1", user),
        "contains the username"
    );
    assert!(
        policy.is_satisfied("Dade.Murphy1", None),
        "no username, nothing to exclude"
    );
}

#[test]
fn symbols_and_unicode_are_counted_by_character() {
    let policy = PasswordPolicy {
        min_length: Some(4),
        min_symbol: Some(2),
        min_upper_case: Some(1),
        ..PasswordPolicy::default()
    };
    assert!(policy.is_satisfied("Éé!?", None));
    assert!(
        !policy.is_satisfied("Éé! ", None),
        "a space is not a symbol"
    );
    assert!(!policy.is_satisfied("É!?", None), "three characters");
}
