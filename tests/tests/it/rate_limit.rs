//! The per-username rate limit of /api/v1/authn (4 requests per second): the fifth sign-in within a
//! second is 429 E0000047, which the core turns into `RateLimited { retry_after }` from the
//! X-Rate-Limit-Reset and Date headers; waiting that long on the emulator clock lets the user in.

use std::time::Duration;

use authn_core::{FlowError, Recovery, StateKind};
use authn_tests::{Emu, PASSWORD, Shell, expect_api_error};

#[tokio::test]
async fn fifth_sign_in_within_a_second_is_rate_limited_and_the_wait_is_honoured() {
    let emu = Emu::start_frozen().await;
    let user = "success@example.com";
    let mut shell = Shell::new(&emu);
    for _ in 0..4 {
        shell.sign_in(user, PASSWORD).await.unwrap();
        shell.expect(StateKind::Success);
    }
    let limited = shell.sign_in(user, PASSWORD).await;
    let api = expect_api_error(&limited, 429, "E0000047", Recovery::RateLimited);
    assert_eq!(api.status, 429);
    assert_eq!(
        shell.last_header("x-rate-limit-remaining").as_deref(),
        Some("0")
    );
    let Err(FlowError::RateLimited { retry_after, .. }) = limited else {
        panic!("{limited:?}")
    };
    // reset - Date + 1 s: one or two seconds here.
    assert!(
        (Duration::from_secs(1)..=Duration::from_secs(3)).contains(&retry_after),
        "{retry_after:?}"
    );
    // The error changes nothing: the flow still shows the previous SUCCESS and stays usable.
    shell.expect(StateKind::Success);
    assert_eq!(
        shell.outputs,
        vec![authn_core::Output::Failed(authn_core::Failure {
            action: Some(authn_core::ActionKind::Authenticate),
            error: FlowError::RateLimited {
                retry_after,
                error: Some(Box::new(api)),
            }
        })]
    );
    // Other users have their own bucket.
    let other = Shell::signed_in(&emu, "mfa.sms@example.com").await;
    other.expect(StateKind::MfaRequired);
    // Waiting the advertised time on the emulator clock is enough.
    emu.advance_clock(retry_after.as_secs()).await;
    shell.sign_in(user, PASSWORD).await.unwrap();
    assert_eq!(shell.session_login().await, user);
}

#[tokio::test]
async fn wrong_passwords_count_against_the_limit_too() {
    let emu = Emu::start_frozen().await;
    let user = "mfa.question@example.com";
    let mut shell = Shell::new(&emu);
    for _ in 0..4 {
        let r = shell.sign_in(user, "Wrong1234").await;
        expect_api_error(&r, 401, "E0000004", Recovery::AuthFailed);
    }
    // Even the right password is refused until the bucket refills: no brute force past the limit.
    let r = shell.sign_in(user, PASSWORD).await;
    expect_api_error(&r, 429, "E0000047", Recovery::RateLimited);
    shell.expect(StateKind::Start);
    emu.advance_clock(2).await;
    shell.sign_in(user, PASSWORD).await.unwrap();
    shell.expect(StateKind::MfaRequired);
}

#[tokio::test]
async fn each_username_has_its_own_bucket() {
    let emu = Emu::start_frozen().await;
    let mut shell = Shell::new(&emu);
    for user in [
        "success@example.com",
        "password.warn@example.com",
        "forgot.sms@example.com",
        "forgot.call@example.com",
        "forgot.email@example.com",
        "recovery.question@example.com",
    ] {
        for _ in 0..4 {
            shell.sign_in(user, PASSWORD).await.unwrap();
            shell.expect(StateKind::Success);
        }
    }
}
