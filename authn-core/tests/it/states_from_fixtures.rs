//! Every documented state (plus POLL, the FACTOR_* aliases and unknown statuses) becomes its typed
//! variant with the data views need.

use std::time::Duration;

use crate::common::*;
use authn_core::*;

fn state(name: &str) -> State {
    flow_at(name).state().clone()
}

#[test]
fn every_fixture_maps_to_the_expected_kind() {
    let expected = [
        ("UNAUTHENTICATED", StateKind::Unauthenticated),
        ("PASSWORD_WARN", StateKind::PasswordWarn),
        ("PASSWORD_EXPIRED", StateKind::PasswordExpired),
        ("RECOVERY_CHALLENGE", StateKind::RecoveryChallenge),
        ("RECOVERY", StateKind::Recovery),
        ("PASSWORD_RESET", StateKind::PasswordReset),
        ("LOCKED_OUT", StateKind::LockedOut),
        ("MFA_ENROLL", StateKind::MfaEnroll),
        ("MFA_ENROLL_ACTIVATE", StateKind::MfaEnrollActivate),
        ("MFA_REQUIRED", StateKind::MfaRequired),
        ("MFA_CHALLENGE", StateKind::MfaChallenge),
        ("SUCCESS", StateKind::Success),
        ("POLL", StateKind::Poll),
        ("FACTOR_REQUIRED", StateKind::MfaRequired),
        ("FACTOR_CHALLENGE", StateKind::MfaChallenge),
        ("FACTOR_ENROLL", StateKind::MfaEnroll),
        ("FACTOR_ENROLL_ACTIVATE", StateKind::MfaEnrollActivate),
        ("PROFILE_REQUIRED", StateKind::Unknown),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for fixture in fixtures_of("transaction") {
        let status = fixture.status.clone().unwrap();
        let kind = expected
            .iter()
            .find(|(s, _)| *s == status)
            .unwrap_or_else(|| panic!("unexpected status {status}"))
            .1;
        assert_eq!(state(&fixture.file).kind(), kind, "{}", fixture.file);
        seen.insert(status);
    }
    assert_eq!(
        seen.len(),
        expected.len(),
        "a fixture for every status and alias"
    );
}

#[test]
fn unauthenticated_step_up_and_factor_sequencing() {
    let State::Unauthenticated(s) = state("unauthenticated_step_up.json") else {
        panic!()
    };
    assert_eq!(
        s.target.unwrap().logo_href.as_deref(),
        Some("https://acme.okta.com/img/logos/salesforce_logo.png")
    );
    assert_eq!(
        s.authentication.unwrap().issuer_name.as_deref(),
        Some("Salesforce.com")
    );
    assert_eq!(
        s.relay_state.as_deref(),
        Some("/myapp/some/deep/link/i/want/to/return/to")
    );
    let State::Unauthenticated(s) = state("unauthenticated_factor_sequencing.json") else {
        panic!()
    };
    let types: Vec<FactorType> = s.factors.iter().map(|f| f.factor_type.clone()).collect();
    assert_eq!(
        types,
        vec![FactorType::Password, FactorType::Push, FactorType::Sms]
    );
    assert!(s.remember_device.allow);
}

#[test]
fn password_warn_expired_and_external() {
    let State::PasswordWarn(s) = state("password_warn.json") else {
        panic!()
    };
    assert_eq!(s.days_left, Some(5));
    assert!(s.links.allows(ActionKind::Skip));
    assert_eq!(s.external_url, None);
    assert_eq!(s.policy.min_length, Some(8));
    assert_eq!(s.user.unwrap().first_name.as_deref(), Some("Dade"));

    let State::PasswordExpired(s) = state("password_expired.json") else {
        panic!()
    };
    assert!(!s.links.allows(ActionKind::Skip));
    assert_eq!(s.policy.exclude_username, Some(true));

    let State::PasswordExpired(s) = state("password_expired_external.json") else {
        panic!()
    };
    assert_eq!(
        s.external_url.as_ref().map(Href::as_str),
        Some("https://password.example.com/change?user=dade")
    );
}

#[test]
fn recovery_states() {
    let State::RecoveryChallenge(s) = state("recovery_challenge_sms.json") else {
        panic!()
    };
    assert_eq!(s.factor_type, Some(RecoveryFactor::Sms));
    assert_eq!(s.recovery_type, Some(RecoveryType::Password));
    assert!(!s.email_sent);
    assert!(s.links.allows(ActionKind::Resend));

    let State::RecoveryChallenge(s) = state("recovery_challenge_call.json") else {
        panic!()
    };
    assert_eq!(
        s.factor_type,
        Some(RecoveryFactor::Call),
        "lowercase `call`"
    );
    assert_eq!(s.recovery_type, Some(RecoveryType::Unlock));

    let State::RecoveryChallenge(s) = state("recovery_challenge_email.json") else {
        panic!()
    };
    assert!(s.email_sent);
    assert!(!s.links.allows(ActionKind::Resend));

    let State::Recovery(s) = state("recovery_question.json") else {
        panic!()
    };
    assert_eq!(
        s.question.as_deref(),
        Some("Who's a major player in the cowboy scene?")
    );

    let State::PasswordReset(s) = state("password_reset_activation.json") else {
        panic!()
    };
    assert_eq!(s.recovery_type, Some(RecoveryType::AccountActivation));
    assert_eq!(s.policy.min_upper_case, Some(1));

    let State::LockedOut(s) = state("locked_out.json") else {
        panic!()
    };
    assert!(s.links.allows(ActionKind::UnlockAccount));
}

#[test]
fn mfa_enroll_lists_factors_with_status_enrollment_and_phones() {
    let State::MfaEnroll(s) = state("mfa_enroll.json") else {
        panic!()
    };
    assert_eq!(s.factors.len(), 13);
    assert!(!s.links.allows(ActionKind::Skip));
    assert!(s.questions.is_none());
    let question = &s.factors[0];
    assert_eq!(question.id, None);
    assert_eq!(question.enrollment, Some(Enrollment::Required));
    assert_eq!(question.status, Some(FactorStatus::NotSetup));
    let sms = &s.factors[1];
    assert_eq!(sms.phones, vec!["+1 XXX-XXX-1337".to_owned()]);
    assert_eq!(
        sms.key(),
        FactorKey {
            factor_type: FactorType::Sms,
            provider: Provider::Okta
        }
    );
    let State::MfaEnroll(s) = state("mfa_enroll_optional_skip.json") else {
        panic!()
    };
    assert!(s.links.allows(ActionKind::Skip));
    assert_eq!(s.factors[0].status, Some(FactorStatus::Active));
    assert!(s.factors[0].is_active());
}

#[test]
fn mfa_enroll_activate_exposes_activation_data() {
    let State::MfaEnrollActivate(s) = state("mfa_enroll_activate_totp.json") else {
        panic!()
    };
    let Some(Activation::Totp(activation)) = s.factor.activation.clone() else {
        panic!("a TOTP activation")
    };
    assert_eq!(activation.shared_secret.expose(), "JBSWY3DPEHPK3PXP");
    assert_eq!(activation.digits, Some(6));
    assert_eq!(activation.time_step, Some(30));
    assert_eq!(activation.encoding.as_deref(), Some("base32"));
    assert!(activation.qr_code.unwrap().as_str().contains("/qr/"));
    assert!(
        !format!("{:?}", s.factor).contains("JBSWY3DPEHPK3PXP"),
        "the secret is redacted in Debug"
    );
    assert!(s.links.allows(ActionKind::Previous));
    assert_eq!(s.factor.enroll_form(), EnrollForm::Totp);

    let State::MfaEnrollActivate(s) = state("mfa_enroll_activate_push_waiting.json") else {
        panic!()
    };
    assert_eq!(s.factor_result, Some(FactorResult::Waiting));
    assert_eq!(s.push_phase(), Some(PushPhase::Waiting { number: None }));
    let Some(Activation::Push(activation)) = s.factor.activation.clone() else {
        panic!("a push activation")
    };
    let channels: Vec<_> = activation.send.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        channels,
        vec![ActivationChannel::Email, ActivationChannel::Sms]
    );
    assert!(activation.expires_at.is_some());
    assert!(activation.qr_code.is_some());

    let State::MfaEnrollActivate(s) = state("mfa_enroll_activate_sms.json") else {
        panic!()
    };
    let names: Vec<_> = s
        .links
        .resend_links()
        .iter()
        .map(|l| l.name.clone())
        .collect();
    assert_eq!(names, vec![Some("sms".to_owned())]);
    assert_eq!(
        s.factor.profile.phone_number.as_deref(),
        Some("+1 XXX-XXX-1337")
    );
    assert_eq!(s.factor.destination(), Some("+1 XXX-XXX-1337"));

    let State::MfaEnrollActivate(s) = state("mfa_enroll_activate_webauthn.json") else {
        panic!()
    };
    let Some(Activation::WebAuthn(options)) = s.factor.activation.clone() else {
        panic!("WebAuthn creation options")
    };
    assert_eq!(options.challenge, "cdsZ1XWpNa1UH5rxFzaE");
    assert_eq!(options.rp_name, "Acme");
}

#[test]
fn mfa_required_lists_enrolled_factors_and_remember_device() {
    let State::MfaRequired(s) = state("mfa_required.json") else {
        panic!()
    };
    assert_eq!(s.factors.len(), 14);
    assert!(s.factors.iter().all(|f| f.id.is_some()));
    assert!(s.remember_device.allow);
    assert!(!s.remember_device.by_default);
    assert_eq!(s.remember_device.lifetime_minutes, Some(0));
    assert_eq!(
        s.remember_device.auto_push.get("opfh52xcuft3J4uZc0g3"),
        Some(&true)
    );
    let push = s
        .factors
        .iter()
        .find(|f| f.factor_type == FactorType::Push)
        .unwrap();
    assert_eq!(push.profile.device_name.as_deref(), Some("Gibson"));
    assert!(push.is_polled());
}

#[test]
fn mfa_challenge_data() {
    let State::MfaChallenge(s) = state("mfa_challenge_push_number_challenge.json") else {
        panic!()
    };
    assert_eq!(
        s.push_phase(),
        Some(PushPhase::Waiting { number: Some(92) })
    );
    assert_eq!(s.factor_result, Some(FactorResult::Waiting));
    assert_eq!(s.factor.factor_type, FactorType::Push);
    let names: Vec<_> = s
        .links
        .resend_links()
        .iter()
        .map(|l| l.name.clone())
        .collect();
    assert_eq!(names, vec![Some("push".to_owned())]);
    assert!(s.links.allows(ActionKind::Previous));

    let State::MfaChallenge(s) = state("mfa_challenge_push_rejected.json") else {
        panic!()
    };
    assert_eq!(s.factor_result, Some(FactorResult::Rejected));
    assert_eq!(s.push_phase(), Some(PushPhase::Rejected));

    let State::MfaChallenge(s) = state("mfa_challenge_u2f.json") else {
        panic!()
    };
    let Some(Challenge::U2f(u2f)) = s.factor.challenge.clone() else {
        panic!("a U2F challenge")
    };
    assert_eq!(u2f.nonce.as_deref(), Some("vsAbRjL6cQaMpSWGJQBs"));

    let State::MfaChallenge(s) = state("mfa_challenge_duo.json") else {
        panic!()
    };
    let Some(Challenge::Duo(duo)) = s.factor.challenge.clone() else {
        panic!("Duo frame data")
    };
    assert_eq!(duo.host.as_deref(), Some("api-1234abcd.duosecurity.com"));

    let State::MfaChallenge(s) = state("mfa_challenge_webauthn_by_type.json") else {
        panic!()
    };
    assert_eq!(s.factor.factor_type, FactorType::Webauthn);
    let Some(Challenge::WebAuthn(request)) = s.factor.challenge.clone() else {
        panic!("WebAuthn request options")
    };
    assert_eq!(request.challenge, "qQDxmjnW7dW1ztLWiGW6");
}

#[test]
fn success_poll_and_unknown() {
    let State::Success(s) = state("success.json") else {
        panic!()
    };
    assert!(s.session_token.is_some());
    assert_eq!(s.kind, SuccessKind::SessionSso);
    assert_eq!(s.redirect, None);
    assert_eq!(s.outcome(), SuccessOutcome::SignedIn);

    let State::Success(s) = state("success_step_up.json") else {
        panic!()
    };
    assert_eq!(s.kind, SuccessKind::SessionStepUp);
    assert!(
        s.redirect
            .clone()
            .unwrap()
            .as_str()
            .starts_with("https://acme.okta.com/login/step-up/redirect")
    );
    assert!(matches!(s.outcome(), SuccessOutcome::StepUp(_)));

    let State::Success(s) = state("success_unlock.json") else {
        panic!()
    };
    assert_eq!(s.recovery_type, Some(RecoveryType::Unlock));
    assert!(s.session_token.is_none());
    assert_eq!(s.outcome(), SuccessOutcome::Unlocked);

    let State::Poll(s) = state("poll_waiting_room.json") else {
        panic!()
    };
    assert_eq!(s.refresh, Duration::from_millis(3000));

    let State::Unknown(s) = state("unknown_status_profile_required.json") else {
        panic!()
    };
    assert_eq!(s.status, "PROFILE_REQUIRED");
    assert_eq!(s.links.kinds(), vec![ActionKind::Cancel]);
}

#[test]
fn poll_refresh_defaults_and_lower_bound() {
    let none = Transaction::parse(r#"{"status":"POLL"}"#).unwrap();
    let State::Poll(s) = State::from_transaction(&none, None) else {
        panic!()
    };
    assert_eq!(s.refresh, PollWait::DEFAULT_REFRESH);
    let zero = Transaction::parse(
        r#"{"status":"POLL","_embedded":{"transaction":{"profile":{"refresh":0}}}}"#,
    )
    .unwrap();
    let State::Poll(s) = State::from_transaction(&zero, None) else {
        panic!()
    };
    assert_eq!(s.refresh, PollWait::MIN_REFRESH);
}

#[test]
fn kinds_have_snake_case_names_and_only_success_is_terminal() {
    for kind in StateKind::ALL {
        let name = kind.as_str();
        assert_eq!(name.parse::<StateKind>(), Ok(kind));
        assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{name}\""));
        assert_eq!(kind.is_terminal(), kind == StateKind::Success);
    }
    assert_eq!(StateKind::MfaChallenge.as_str(), "mfa_challenge");
    assert!(!state("locked_out.json").is_terminal());
}
