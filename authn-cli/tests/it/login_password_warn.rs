//! PASSWORD_WARN (with --warn-before-password-expired): days left are shown; `skip` signs in, `change`
//! changes the password first.

use crate::common::emulator::{Emu, run_to_end};

const USER: &str = "password.warn@example.com";

fn login(emu: &Emu, answers: &[&str]) -> crate::common::emulator::Finished {
    let mut command = emu.login(USER, answers);
    command.arg("--warn-before-password-expired");
    run_to_end(command, "")
}

#[test]
fn skip_signs_in_without_changing() {
    let emu = Emu::start();
    let done = login(&emu, &["password_warn=skip"]);
    done.assert_signed_in();
    assert!(done.stderr.contains("expires in 5 day"), "{}", done.stderr);
}

#[test]
fn change_sets_a_new_password() {
    let emu = Emu::start();
    let done = login(&emu, &["password_warn=change", "new_password=Renewed-2026"]);
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    emu.assert_signs_in(USER, "Renewed-2026");
}

#[test]
fn without_an_answer_the_warning_is_a_usage_error() {
    let emu = Emu::start();
    let done = login(&emu, &[]);
    assert_eq!(done.code, 2, "stderr: {}", done.stderr);
    assert!(done.stderr.contains("password_warn"));
}
