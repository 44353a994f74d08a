//! MFA_REQUIRED with an authenticator app: the code is computed from the user's secret with totp-rs.

use crate::common::emulator::{Emu, run_to_end};

#[test]
fn google_authenticator_code_signs_in() {
    let emu = Emu::start();
    let user = "mfa.google-totp@example.com";
    let code = emu.totp_code(user);
    let command = emu.login(user, &["factor=totp", &format!("passcode={code}")]);
    let done = run_to_end(command, "");
    done.assert_signed_in();
    assert!(!done.stderr.contains(&code), "codes are not echoed");
}

#[test]
fn a_wrong_code_without_another_answer_exits_retry_step() {
    let emu = Emu::start();
    let user = "mfa.okta-totp@example.com";
    let good = emu.totp_code(user);
    let wrong = if good == "000000" { "111111" } else { "000000" };
    let command = emu.login(
        user,
        &["factor=token:software:totp", &format!("passcode={wrong}")],
    );
    let done = run_to_end(command, "");
    assert_eq!(done.code, 10, "stderr: {}", done.stderr);
    assert!(done.stderr.contains("E0000068"));
}
