//! The widget and the CLI get every factor form and verification kind from the core, and so agree on
//! every factor of every fixture: what each can enroll, activate and verify differs only where a
//! browser API is needed (WebAuthn), which a terminal cannot use.

use std::path::PathBuf;

use authn_core::{EnrollForm, State, Transaction, Verification};
use authn_web::ViewId;
use authn_web::route::{activate_view, enroll_view};

fn fixtures() -> Vec<(String, State)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../authn-core/tests/fixtures");
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    index["fixtures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "transaction")
        .map(|f| {
            let file = f["file"].as_str().unwrap().to_owned();
            let body = std::fs::read_to_string(dir.join(&file)).unwrap();
            let tx = Transaction::parse(&body).unwrap();
            (file, State::from_transaction(&tx, None))
        })
        .collect()
}

/// Forms only a browser can use.
fn browser_only(form: EnrollForm) -> bool {
    matches!(form, EnrollForm::WebAuthn)
}

#[test]
fn the_widget_and_the_cli_offer_the_same_factors() {
    let mut checked = 0;
    for (file, state) in fixtures() {
        for factor in state.factors() {
            checked += 1;
            let form = factor.enroll_form();
            let what = format!("{file}: {:?}/{:?}", factor.factor_type, factor.provider);
            let core_unsupported = matches!(form, EnrollForm::Unsupported(_));
            // Enrollment.
            let widget_enrolls = enroll_view(form) != ViewId::EnrollUnsupported;
            let cli_enrolls = authn_cli::describe::enrolls_here(form).is_ok();
            assert!(
                !(core_unsupported && (widget_enrolls || cli_enrolls)),
                "{what}"
            );
            if !browser_only(form) {
                assert_eq!(widget_enrolls, cli_enrolls, "{what}: {form:?}");
                assert_eq!(cli_enrolls, !core_unsupported, "{what}");
            }
            // Activation: the same forms need a step after enrolling in both shells.
            let widget_activates = activate_view(form) != ViewId::EnrollUnsupported;
            let needs_activation = matches!(
                form,
                EnrollForm::Phone { .. } | EnrollForm::Email | EnrollForm::Totp | EnrollForm::Push
            );
            if !browser_only(form) {
                assert_eq!(widget_activates, needs_activation, "{what}");
            }
            // Verification: the CLI leaves out exactly what the core marks unsupported (with the
            // core's reason) and WebAuthn.
            let verification = factor.verification();
            let cli = authn_cli::describe::verifies_here(verification);
            match verification {
                Verification::Unsupported(reason) => assert_eq!(cli, Err(Some(reason)), "{what}"),
                Verification::WebAuthn => assert_eq!(cli, Err(None), "{what}"),
                Verification::Passcode
                | Verification::SentCode
                | Verification::Question
                | Verification::Password
                | Verification::Push => assert_eq!(cli, Ok(()), "{what}"),
            }
        }
    }
    assert!(checked > 40, "every factor of every fixture: {checked}");
}
