//! Hardware token enrollment with the forms the core gives: Symantec VIP asks for two consecutive
//! codes (the emulator refuses one), after the required SMS factor is set up.

use crate::common::emulator::{Emu, Session};

const USER: &str = "enroll.required@example.com";

/// A login of the user who must enroll SMS first (multi-factor enrollment on), with SMS enrolled on
/// `phone`; the next prompt is the enrollment menu again.
fn sms_enrolled(emu: &Emu, phone: &str) -> Session {
    let mut session = emu.login_session_with(USER, &["--multi-optional-factor-enroll"]);
    session.send("enroll=sms");
    session.send(&format!("phone={phone}"));
    session.wait_for("`passcode=...`");
    let code = emu.emulator().last_code(phone).expect("the activation SMS");
    session.send(&format!("passcode={code}"));
    session.send("enroll=token/SYMANTEC");
    session.send("credential_id=VSST12345678");
    session
}

#[test]
fn symantec_enrollment_sends_two_codes() {
    let emu = Emu::start();
    let mut session = sms_enrolled(&emu, "+1 555 0100 0077");
    session.send("passcode=246810");
    session.send("passcode=135790");
    session.send("enroll=skip");
    let done = session.finish();
    done.assert_signed_in();
    assert!(!done.stderr.contains("135790"), "codes are not echoed");
    let factors = emu.user(USER)["factors"].clone();
    let symantec = factors
        .as_array()
        .expect("factors")
        .iter()
        .find(|f| f["factorType"] == "token" && f["provider"] == "SYMANTEC")
        .unwrap_or_else(|| panic!("a Symantec factor in {factors}"));
    assert_eq!(symantec["status"], "ACTIVE");
}

#[test]
fn symantec_asks_for_the_next_code_by_name() {
    let emu = Emu::start();
    let mut session = sms_enrolled(&emu, "+1 555 0100 0078");
    session.send("passcode=246810");
    session.wait_for("`passcode=...` on standard input (Next code from the token");
    session.send("passcode=135790");
    session.send("enroll=skip");
    session.finish().assert_signed_in();
}
