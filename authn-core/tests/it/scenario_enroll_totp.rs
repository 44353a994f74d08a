//! Scenario: MFA enrollment of a TOTP factor (Okta Verify OTP): enroll, see the secret, mistype the
//! code, activate, finish; and the multi-optional path that returns to MFA_ENROLL and skips.

use crate::common::*;
use authn_core::*;

fn totp() -> FactorKey {
    FactorKey {
        factor_type: FactorType::TokenSoftwareTotp,
        provider: Provider::Okta,
    }
}

fn enroll_totp() -> Action {
    Action::EnrollFactor(EnrollFactor {
        factor: totp(),
        profile: EnrollProfile::None,
        update_phone: false,
    })
}

fn activate(code: &str) -> Action {
    Action::ActivateFactor {
        pass_code: Some(PassCode::new(code)),
        registration: None,
    }
}

#[test]
fn enroll_and_activate_totp() {
    let mut flow = signed_in("mfa_enroll.json");
    let State::MfaEnroll(enroll) = flow.state() else {
        panic!()
    };
    assert!(
        !enroll.links.allows(ActionKind::Skip),
        "a required factor remains"
    );
    assert!(enroll.factors.iter().any(|f| f.key() == totp()));

    step(&mut flow, enroll_totp(), "mfa_enroll_activate_totp.json");
    let State::MfaEnrollActivate(activate_state) = flow.state() else {
        panic!()
    };
    let Some(Activation::Totp(activation)) = activate_state.factor.activation.as_ref() else {
        panic!("a TOTP activation")
    };
    assert_eq!(activation.shared_secret.expose(), "JBSWY3DPEHPK3PXP");
    assert_eq!(activation.digits, Some(6));
    assert!(activation.qr_code.is_some());
    assert!(activate_state.links.allows(ActionKind::Previous));

    let error = step_err(&mut flow, activate("000000"), "error_E0000068.json");
    assert_eq!(error.recovery(), Recovery::RetryStep);
    assert_eq!(flow.state().kind(), StateKind::MfaEnrollActivate);

    step(&mut flow, activate("123456"), "success.json");
    assert_eq!(flow.state().kind(), StateKind::Success);
}

#[test]
fn going_back_from_activation_and_skipping_optional_factors() {
    let mut flow = flow_at("mfa_enroll_optional_skip.json");
    step(&mut flow, enroll_totp(), "mfa_enroll_activate_totp.json");
    step(&mut flow, Action::Previous, "mfa_enroll_optional_skip.json");
    let State::MfaEnroll(enroll) = flow.state() else {
        panic!()
    };
    assert!(enroll.links.allows(ActionKind::Skip));
    step(&mut flow, Action::Skip, "success.json");
    assert_eq!(flow.state().kind(), StateKind::Success);
}

#[test]
fn security_question_enrollment_lists_questions_first() {
    let mut flow = flow_at("mfa_enroll.json");
    let published = published_hrefs(flow.state());
    let request = send(&mut flow, Action::ListQuestions);
    assert_targets_published_link(&flow, &published, &request);
    reply(&mut flow, "questions_list.json");
    let State::MfaEnroll(enroll) = flow.state() else {
        panic!()
    };
    let key = enroll.questions.as_ref().unwrap()[1].key.clone();
    step(
        &mut flow,
        Action::EnrollFactor(EnrollFactor {
            factor: FactorKey {
                factor_type: FactorType::Question,
                provider: Provider::Okta,
            },
            profile: EnrollProfile::Question {
                question: key,
                answer: Answer::new("Mr. Fluffy"),
            },
            update_phone: false,
        }),
        "mfa_enroll_optional_skip.json",
    );
    assert_eq!(flow.state().kind(), StateKind::MfaEnroll);
}
