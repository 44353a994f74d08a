//! MFA enrollment of an authenticator app: the CLI prints the key and a terminal QR code; the test reads
//! the key from standard error, computes the code with totp-rs and activates the factor.

use crate::common::emulator::{Emu, run_to_end};

#[test]
fn totp_enrollment_shows_key_and_qr_then_activates() {
    let emu = Emu::start();
    let user = "enroll.optional@example.com";
    let mut session = emu.login_session(user);
    session.send("enroll=token:software:totp/GOOGLE");
    let key_line = session.wait_for("Key: ");
    let secret = key_line
        .split("Key: ")
        .nth(1)
        .expect("the key")
        .trim()
        .to_owned();
    session.wait_for("`passcode=...`");
    let code = emu.totp_for_secret(&secret);
    session.send(&format!("passcode={code}"));
    let done = session.finish();
    done.assert_signed_in();
    assert!(
        done.stderr.contains('█') || done.stderr.contains('▀') || done.stderr.contains('▄'),
        "a QR code was drawn"
    );
    assert!(!done.stdout.contains(&secret));
}

#[test]
fn optional_enrollment_can_be_skipped() {
    let emu = Emu::start();
    let user = "enroll.optional@example.com";
    run_to_end(emu.login(user, &["enroll=skip"]), "").assert_signed_in();
}
