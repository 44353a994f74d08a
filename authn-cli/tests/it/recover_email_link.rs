//! Forgot password by email, then `authn recover --recovery-token` with the token from the emailed link:
//! recovery question, new password, signed in.

use crate::common::emulator::{Emu, run_to_end};

#[test]
fn recovery_token_from_the_email_resets_the_password() {
    let emu = Emu::start();
    let user = "forgot.email@example.com";
    let started = run_to_end(
        emu.authn(&["forgot-password", "--username", user, "--channel", "email"]),
        "",
    );
    assert_eq!(started.code, 0, "stderr: {}", started.stderr);
    assert!(started.stdout.is_empty());
    let email = emu.user(user)["email"].as_str().unwrap_or(user).to_owned();
    let token = emu.emailed_recovery_token(&email);
    assert!(
        !started.stderr.contains(&token),
        "the token only travels by email"
    );

    let recover = emu.authn(&[
        "recover",
        "--recovery-token",
        &token,
        "--answer",
        "recovery_answer=paris",
        "--answer",
        "new_password=Via-Email-2026",
    ]);
    let done = run_to_end(recover, "");
    done.assert_signed_in();
    assert!(done.stderr.contains("Choose a new password"));
    emu.assert_signs_in(user, "Via-Email-2026");
}

#[test]
fn a_wrong_recovery_answer_exits_retry_step() {
    let emu = Emu::start();
    let user = "forgot.email@example.com";
    run_to_end(
        emu.authn(&["forgot-password", "--username", user, "--channel", "EMAIL"]),
        "",
    );
    let email = emu.user(user)["email"].as_str().unwrap_or(user).to_owned();
    let token = emu.emailed_recovery_token(&email);
    let done = run_to_end(
        emu.authn(&[
            "recover",
            "--recovery-token",
            &token,
            "--answer",
            "recovery_answer=rome",
        ]),
        "",
    );
    assert_eq!(done.code, 10, "stderr: {}", done.stderr);
    assert!(done.stderr.contains("E0000087"));
}
