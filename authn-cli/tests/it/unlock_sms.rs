//! `authn unlock` by SMS: the code from the outbox, SUCCESS with recoveryType UNLOCK (no session token on
//! stdout), and the account signs in again.

use crate::common::emulator::{Emu, PASSWORD, Session};

#[test]
fn unlock_by_sms_then_sign_in() {
    let emu = Emu::start();
    let user = "unlock.sms@example.com";
    let phone = emu.user(user)["phone"].as_str().expect("phone").to_owned();
    let mut session = Session::spawn(emu.authn(&[
        "unlock",
        "--json",
        "--username",
        user,
        "--channel",
        "SMS",
        "--answers",
        "-",
    ]));
    session.wait_for("`passcode=...`");
    let code = emu.emulator().last_code(&phone).expect("unlock SMS");
    session.send(&format!("passcode={code}"));
    let done = session.finish();
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    let json: serde_json::Value = serde_json::from_str(&done.stdout).expect("JSON");
    assert_eq!(json["result"], "success");
    assert_eq!(json["recoveryType"], "UNLOCK");
    assert!(json["sessionToken"].is_null());
    assert!(done.stderr.contains("unlocked"));
    emu.assert_signs_in(user, PASSWORD);
}
