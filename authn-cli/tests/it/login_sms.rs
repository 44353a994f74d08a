//! MFA_REQUIRED by SMS, answered while the flow runs (`--answers -`): the test waits for the code prompt,
//! reads the code from the emulator's outbox, and sends it.

use crate::common::emulator::{Emu, Session};

const USER: &str = "mfa.sms@example.com";

/// A login of the SMS user (with `extra` arguments) that chose SMS and waits for the code; and the
/// user's phone number.
fn at_the_code_prompt(emu: &Emu, extra: &[&str]) -> (Session, String) {
    let mut session = emu.login_session_with(USER, extra);
    session.send("factor=sms");
    session.wait_for("`passcode=...`");
    (session, emu.sms_phone(USER))
}

#[test]
fn sms_code_from_the_outbox_signs_in() {
    let emu = Emu::start();
    let (mut session, phone) = at_the_code_prompt(&emu, &[]);
    let code = emu
        .emulator()
        .last_code(&phone)
        .expect("the SMS was sent before the prompt");
    session.send(&format!("passcode={code}"));
    session.finish().assert_signed_in();
}

#[test]
fn resend_sends_a_second_sms() {
    let emu = Emu::start_with(demo::EmulatorConfig {
        resend_interval: Some(std::time::Duration::ZERO),
        ..demo::EmulatorConfig::default()
    });
    let (mut session, phone) = at_the_code_prompt(&emu, &["--resend-interval", "0"]);
    session.send("passcode=resend");
    session.wait_for("`passcode=...`");
    assert_eq!(emu.emulator().outbox_to(&phone).len(), 2, "two messages");
    let code = emu.emulator().last_code(&phone).expect("second code");
    session.send(&format!("passcode={code}"));
    let done = session.finish();
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
}

#[test]
fn resend_before_the_countdown_ends_says_how_long_to_wait() {
    let emu = Emu::start();
    let (mut session, phone) = at_the_code_prompt(&emu, &[]);
    session.send("passcode=resend");
    session.wait_for("You can resend in ");
    session.wait_for("`passcode=...`");
    assert_eq!(emu.emulator().outbox_to(&phone).len(), 1, "nothing resent");
    let code = emu.emulator().last_code(&phone).expect("the code");
    session.send(&format!("passcode={code}"));
    session.finish().assert_signed_in();
}
