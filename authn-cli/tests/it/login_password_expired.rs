//! PASSWORD_EXPIRED: the policy's requirements are listed, a candidate that fails them is refused
//! locally, a good one is sent with the sign-in password as the old password, and the new password works.

use crate::common::emulator::{Emu, run_to_end};

const USER: &str = "password.expired@example.com";

#[test]
fn expired_password_is_changed_and_the_new_one_signs_in() {
    let emu = Emu::start();
    let command = emu.login(
        USER,
        &["new_password=short", "new_password=Fresh-Start-2026"],
    );
    let done = run_to_end(command, "");
    done.assert_signed_in();
    assert!(done.stderr.contains("expired"));
    assert!(done.stderr.contains("at least 8 characters"));
    assert!(done.stderr.contains("does not meet"));
    emu.assert_signs_in(USER, "Fresh-Start-2026");
}

#[test]
fn a_new_password_failing_the_policy_exits_retry_step() {
    let emu = Emu::start();
    let command = emu.login(USER, &["new_password=alllowercase"]);
    let done = run_to_end(command, "");
    assert_eq!(done.code, 10, "stderr: {}", done.stderr);
    assert!(done.stdout.is_empty());
    assert!(done.stderr.contains("uppercase"));
}
