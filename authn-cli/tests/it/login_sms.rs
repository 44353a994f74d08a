//! MFA_REQUIRED by SMS, answered while the flow runs (`--answers -`): the test waits for the code prompt,
//! reads the code from the emulator's outbox, and sends it.

use crate::common::emulator::Emu;

#[test]
fn sms_code_from_the_outbox_signs_in() {
    let emu = Emu::start();
    let user = "mfa.sms@example.com";
    let phone = emu.sms_phone(user);
    let mut session = emu.login_session(user);
    session.send("factor=sms");
    session.wait_for("`passcode=...`");
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
    let user = "mfa.sms@example.com";
    let phone = emu.sms_phone(user);
    let mut session = emu.login_session_with(user, &["--resend-interval", "0"]);
    session.send("factor=sms");
    session.wait_for("`passcode=...`");
    session.send("passcode=resend");
    session.wait_for("`passcode=...`");
    assert_eq!(emu.emulator().outbox_to(&phone).len(), 2, "two messages");
    let code = emu.emulator().last_code(&phone).expect("second code");
    session.send(&format!("passcode={code}"));
    let done = session.finish();
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
}
