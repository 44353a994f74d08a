//! MFA enrollment of an authenticator app: the CLI prints the key and a terminal QR code; the test reads
//! the key from standard error, computes the code with totp-rs and activates the factor.

mod common;

use common::emulator::{Emu, PASSWORD, Session};

#[test]
fn totp_enrollment_shows_key_and_qr_then_activates() {
    let emu = Emu::start();
    let user = "enroll.optional@example.com";
    let mut session = Session::spawn(emu.authn(&["login", "--username", user, "--answers", "-"]));
    session.send(&format!("password={PASSWORD}"));
    session.send("enroll=token:software:totp/GOOGLE");
    let key_line = session.wait_for("Key: ");
    let secret = key_line
        .split("Key: ")
        .nth(1)
        .expect("the key")
        .trim()
        .to_owned();
    session.wait_for("`passcode=...`");
    let bytes = totp_rs::Secret::Encoded(secret.clone())
        .to_bytes()
        .expect("base32 key");
    let totp = totp_rs::TOTP::new_unchecked(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        None,
        String::new(),
    );
    let now = emu.emulator().state().clock.now().unix_timestamp();
    let code = totp.generate(u64::try_from(now).expect("after 1970"));
    session.send(&format!("passcode={code}"));
    let done = session.finish();
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    assert_eq!(done.stdout.lines().count(), 1, "signed in");
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
    let done = common::emulator::run_to_end(
        emu.authn(&[
            "login",
            "--username",
            user,
            "--answer",
            &format!("password={PASSWORD}"),
            "--answer",
            "enroll=skip",
        ]),
        "",
    );
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    assert_eq!(done.stdout.lines().count(), 1);
}
