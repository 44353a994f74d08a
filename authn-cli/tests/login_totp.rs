//! MFA_REQUIRED with an authenticator app: the code is computed from the user's secret with totp-rs.

mod common;

use common::emulator::{Emu, PASSWORD, run_to_end};

#[test]
fn google_authenticator_code_signs_in() {
    let emu = Emu::start();
    let user = "mfa.google-totp@example.com";
    let code = emu.totp_code(user);
    let command = emu.authn(&[
        "login",
        "--username",
        user,
        "--answer",
        &format!("password={PASSWORD}"),
        "--answer",
        "factor=totp",
        "--answer",
        &format!("passcode={code}"),
    ]);
    let done = run_to_end(command, "");
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    assert_eq!(done.stdout.lines().count(), 1);
    assert!(!done.stderr.contains(&code), "codes are not echoed");
}

#[test]
fn a_wrong_code_without_another_answer_exits_retry_step() {
    let emu = Emu::start();
    let user = "mfa.okta-totp@example.com";
    let good = emu.totp_code(user);
    let wrong = if good == "000000" { "111111" } else { "000000" };
    let command = emu.authn(&[
        "login",
        "--username",
        user,
        "--answer",
        &format!("password={PASSWORD}"),
        "--answer",
        "factor=token:software:totp",
        "--answer",
        &format!("passcode={wrong}"),
    ]);
    let done = run_to_end(command, "");
    assert_eq!(done.code, 10, "stderr: {}", done.stderr);
    assert!(done.stderr.contains("E0000068"));
}
