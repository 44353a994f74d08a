//! PASSWORD_WARN (with --warn-before-password-expired): days left are shown; `skip` signs in, `change`
//! changes the password first.

mod common;

use common::emulator::{Emu, PASSWORD, run_to_end};

const USER: &str = "password.warn@example.com";

fn login(emu: &Emu, extra: &[&str]) -> common::emulator::Finished {
    let password = format!("password={PASSWORD}");
    let mut args = vec![
        "login",
        "--warn-before-password-expired",
        "--username",
        USER,
        "--answer",
        &password,
    ];
    args.extend_from_slice(extra);
    run_to_end(emu.authn(&args), "")
}

#[test]
fn skip_signs_in_without_changing() {
    let emu = Emu::start();
    let done = login(&emu, &["--answer", "password_warn=skip"]);
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    assert_eq!(done.stdout.lines().count(), 1);
    assert!(done.stderr.contains("expires in 5 day"), "{}", done.stderr);
}

#[test]
fn change_sets_a_new_password() {
    let emu = Emu::start();
    let done = login(
        &emu,
        &[
            "--answer",
            "password_warn=change",
            "--answer",
            "new_password=Renewed-2026",
        ],
    );
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    let again = run_to_end(
        emu.authn(&["login", "--username", USER, "--password-stdin"]),
        "Renewed-2026\n",
    );
    assert_eq!(again.code, 0, "the new password works: {}", again.stderr);
}

#[test]
fn without_an_answer_the_warning_is_a_usage_error() {
    let emu = Emu::start();
    let done = login(&emu, &[]);
    assert_eq!(done.code, 2, "stderr: {}", done.stderr);
    assert!(done.stderr.contains("password_warn"));
}
