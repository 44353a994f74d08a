//! `authn resume --state-token`: continue a transaction another client started (here: primary auth posted
//! directly to the emulator), answer the security question, and get the session token.

use crate::common::emulator::{Emu, PASSWORD, run_to_end};
use serde_json::json;

#[test]
fn resume_continues_an_mfa_transaction() {
    let emu = Emu::start();
    let started = emu.post(
        "/api/v1/authn",
        &json!({ "username": "mfa.question@example.com", "password": PASSWORD }),
    );
    assert_eq!(started["status"], "MFA_REQUIRED");
    let token = started["stateToken"]
        .as_str()
        .expect("a state token")
        .to_owned();
    let done = run_to_end(
        emu.authn(&[
            "resume",
            "--state-token",
            &token,
            "--answer",
            "factor=question",
            "--answer",
            "answer=blue",
        ]),
        "",
    );
    done.assert_signed_in();
    assert!(!done.stdout.contains(&token) && !done.stderr.contains(&token));
}

#[test]
fn resume_with_an_unknown_token_exits_restart() {
    let emu = Emu::start();
    let done = run_to_end(emu.authn(&["resume", "--state-token", "00bogus"]), "");
    assert_eq!(done.code, 12, "stderr: {}", done.stderr);
}
