//! Token lifetimes on the emulator clock (no sleeps): the stateToken (300 s, sliding) expires locally
//! (`FlowError::Expired`, restart, ClearSnapshot) and on the server (E0000011 when resuming an old
//! snapshot); the one-time sessionToken lasts 5 minutes.

use authn_core::{Action, FactorType, FlowError, Recovery, StateKind, error_of};
use authn_tests::{Emu, PASSWORD, Shell, expect_api_error};

#[tokio::test]
async fn an_expired_state_token_is_detected_locally_before_sending() {
    let emu = Emu::start_frozen().await;
    let mut shell = Shell::signed_in(&emu, "mfa.sms@example.com").await;
    let expires = shell.flow.expires_at().expect("expiresAt is read");
    let left = expires - emu.now();
    assert!(
        left > time::Duration::seconds(295) && left <= time::Duration::seconds(300),
        "{left}"
    );
    assert!(shell.snapshot.is_some());
    let id = shell.factor_id(FactorType::Sms, None);
    emu.advance_clock(301).await;
    let sent = shell.timings.len();
    let result = shell.verify(Some(id), None).await;
    assert_eq!(result, Err(FlowError::Expired));
    assert_eq!(FlowError::Expired.recovery(), Recovery::Restart);
    assert_eq!(shell.timings.len(), sent, "nothing was sent");
    shell.expect(StateKind::Start);
    assert_eq!(shell.snapshot, None, "ClearSnapshot was queued and applied");
    assert!(emu.outbox_to("+1 555 0100 0001").await.is_empty());
    // Start again.
    shell
        .sign_in("mfa.sms@example.com", PASSWORD)
        .await
        .unwrap();
    shell.expect(StateKind::MfaRequired);
}

#[tokio::test]
async fn the_state_token_lifetime_slides_with_each_request() {
    let emu = Emu::start_frozen().await;
    let mut shell = Shell::signed_in(&emu, "mfa.multi@example.com").await;
    let first = shell.flow.expires_at().unwrap();
    let sms = shell.factor_id(FactorType::Sms, None);
    emu.advance_clock(200).await;
    shell.verify(Some(sms), None).await.unwrap();
    let second = shell.flow.expires_at().unwrap();
    assert!(second > first, "{first} -> {second}");
    emu.advance_clock(200).await;
    // 400 s after sign-in, but only 200 s after the last request: still live.
    shell.act(Action::Previous).await.unwrap();
    shell.expect(StateKind::MfaRequired);
}

#[tokio::test]
async fn resuming_an_expired_snapshot_is_e0000011_on_the_server() {
    let emu = Emu::start_frozen().await;
    let shell = Shell::signed_in(&emu, "mfa.question@example.com").await;
    let saved = shell.snapshot.clone().unwrap();
    emu.advance_clock(301).await;
    // A reloaded page resumes from storage: only the server can tell the token is gone.
    let mut resumed = Shell::new(&emu);
    let result = resumed.resume_from(saved).await;
    expect_api_error(&result, 401, "E0000011", Recovery::Restart);
    assert!(
        resumed.outputs.contains(&authn_core::Output::ClearSnapshot),
        "{:?}",
        resumed.outputs
    );
    resumed.expect(StateKind::Start);
}

#[tokio::test]
async fn a_revoked_token_used_by_a_second_tab_is_e0000011() {
    let emu = Emu::start().await;
    let mut tab1 = Shell::signed_in(&emu, "mfa.question@example.com").await;
    let mut tab2 = Shell::new(&emu);
    tab2.resume_from(tab1.snapshot.clone().unwrap())
        .await
        .unwrap();
    tab2.expect(StateKind::MfaRequired);
    tab1.act(Action::Cancel).await.unwrap();
    let id = tab2.factor_id(FactorType::Question, None);
    let result = tab2.verify_answer(Some(id), "blue").await;
    expect_api_error(&result, 401, "E0000011", Recovery::Restart);
    tab2.expect(StateKind::Start);
    assert_eq!(tab2.snapshot, None);
}

#[tokio::test]
async fn the_session_token_is_one_time_and_lasts_five_minutes() {
    let emu = Emu::start_frozen().await;
    let mut shell = Shell::signed_in(&emu, "success@example.com").await;
    let token = shell.success().session_token.clone().unwrap();
    let at = shell.success().expires_at.expect("SUCCESS has expiresAt");
    let left = at - emu.now();
    assert!(left <= time::Duration::minutes(5), "{left}");
    // 5 minutes + 1 s later the token is refused.
    emu.advance_clock(301).await;
    let late = shell.exchange_session_token(token.expose()).await;
    let error = error_of(&late);
    assert_eq!(
        error.api_error().map(|e| e.code.as_str()),
        Some("E0000004"),
        "{error:?}"
    );
    assert_eq!(error.recovery(), Recovery::AuthFailed);

    // A fresh token works once, then is used up.
    emu.advance_clock(1).await;
    shell
        .sign_in("success@example.com", PASSWORD)
        .await
        .unwrap();
    let token = shell.success().session_token.clone().unwrap();
    emu.advance_clock(299).await;
    assert_eq!(
        shell.exchange_session_token(token.expose()).await.status,
        200
    );
    let again = shell.exchange_session_token(token.expose()).await;
    assert_eq!(error_of(&again).recovery(), Recovery::AuthFailed);
}
