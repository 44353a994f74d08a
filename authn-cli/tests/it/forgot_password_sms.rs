//! `authn forgot-password` by SMS: the code from the outbox, then PASSWORD_RESET with the policy checked,
//! then the new password signs in.

use crate::common::emulator::{Emu, Session, run_to_end};

const USER: &str = "forgot.sms@example.com";

#[test]
fn reset_by_sms_code_then_sign_in_with_the_new_password() {
    let emu = Emu::start();
    let phone = emu.user(USER)["phone"].as_str().expect("phone").to_owned();
    let mut session = Session::spawn(emu.authn(&[
        "forgot-password",
        "--username",
        USER,
        "--channel",
        "sms",
        "--answers",
        "-",
    ]));
    session.wait_for("`passcode=...`");
    let code = emu.emulator().last_code(&phone).expect("recovery SMS");
    session.send(&format!("passcode={code}"));
    session.wait_for("`new_password=...`");
    session.send("new_password=Recovered-2026");
    let done = session.finish();
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    emu.assert_signs_in(USER, "Recovered-2026");
}

#[test]
fn forgot_password_by_email_tells_the_user_to_follow_the_link() {
    let emu = Emu::start();
    let command = emu.authn(&[
        "forgot-password",
        "--json",
        "--username",
        "forgot.email@example.com",
        "--channel",
        "EMAIL",
    ]);
    let done = run_to_end(command, "");
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    let json: serde_json::Value = serde_json::from_str(&done.stdout).expect("JSON");
    assert_eq!(json["result"], "email_sent");
    assert!(done.stderr.contains("authn recover --recovery-token"));
}
