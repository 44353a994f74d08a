//! A wrong password ends a scripted login with the `auth_failed` exit status (11), a one-object JSON
//! result with the server's error code, and no token anywhere.

use crate::common::emulator::{Emu, run_to_end};

#[test]
fn wrong_password_exits_auth_failed() {
    let emu = Emu::start();
    let command = emu.login_stdin("success@example.com");
    let done = run_to_end(command, "Wrong-password-1\n");
    assert_eq!(done.code, 11, "stderr: {}", done.stderr);
    assert!(
        done.stdout.is_empty(),
        "nothing on stdout: {:?}",
        done.stdout
    );
    assert!(done.stderr.contains("E0000004"));
    assert!(!done.stderr.contains("Wrong-password-1"));
}

#[test]
fn wrong_password_with_json_reports_the_error() {
    let emu = Emu::start();
    let command = emu.authn(&[
        "login",
        "--json",
        "--username",
        "success@example.com",
        "--answer",
        "password=nope",
    ]);
    let done = run_to_end(command, "");
    assert_eq!(done.code, 11);
    let json: serde_json::Value = serde_json::from_str(&done.stdout).expect("JSON result");
    assert_eq!(json["result"], "failed");
    assert_eq!(json["exit"], "auth_failed");
    assert_eq!(json["exitCode"], 11);
    assert_eq!(json["error"]["errorCode"], "E0000004");
    assert!(json.get("sessionToken").is_none());
}

#[test]
fn a_second_password_answer_is_used_after_a_failure() {
    let emu = Emu::start();
    let command = emu.authn(&[
        "login",
        "--username",
        "success@example.com",
        "--answer",
        "password=nope",
        "--answer",
        &format!("password={}", crate::common::emulator::PASSWORD),
    ]);
    run_to_end(command, "").assert_signed_in();
}
