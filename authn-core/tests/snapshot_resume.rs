//! Snapshot and resume: the flow serialises to a small value and resumes through get-state; terminal
//! states and E0000011 clear it.

mod common;

use authn_core::*;
use common::*;
use serde_json::json;

#[test]
fn a_live_state_persists_a_small_snapshot() {
    let mut flow = flow_at("mfa_required.json");
    send(
        &mut flow,
        Action::VerifyFactor(VerifyFactor {
            factor_id: Some("opfh52xcuft3J4uZc0g3".into()),
            remember_device: Some(true),
            auto_push: None,
            credential: None,
        }),
    );
    let effects = reply(&mut flow, "mfa_challenge_push_waiting.json");
    let Some(Effect::Persist(snapshot)) = effects.iter().find(|e| matches!(e, Effect::Persist(_)))
    else {
        panic!("{effects:?}")
    };
    assert_eq!(Some(snapshot.clone()), flow.snapshot());
    let value = serde_json::to_value(snapshot).unwrap();
    assert_eq!(
        value,
        json!({
            "state_token": "00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5",
            "status": "MFA_CHALLENGE",
            "expires_at": "2026-01-01T10:05:00Z",
            "factor_id": "opfh52xcuft3J4uZc0g3",
            "poll": {"remember_device": true, "auto_push": null}
        })
    );
    assert!(
        serde_json::to_string(snapshot).unwrap().len() < 300,
        "small"
    );
    let back: Snapshot = serde_json::from_value(value).unwrap();
    assert_eq!(&back, snapshot);
}

#[test]
fn resume_sends_get_state_and_continues_polling_with_the_same_query() {
    let mut flow = flow_at("mfa_required.json");
    send(
        &mut flow,
        Action::VerifyFactor(VerifyFactor {
            factor_id: Some("opfh52xcuft3J4uZc0g3".into()),
            remember_device: Some(false),
            auto_push: Some(true),
            credential: None,
        }),
    );
    reply(&mut flow, "mfa_challenge_push_waiting.json");
    let stored = serde_json::to_string(&flow.snapshot().unwrap()).unwrap();

    // Page reload: a new flow from the stored JSON.
    let snapshot: Snapshot = serde_json::from_str(&stored).unwrap();
    let (mut resumed, request) = Flow::resume(config(), snapshot);
    assert_eq!(request.url, "https://acme.okta.com/api/v1/authn");
    assert_eq!(
        json_body(&request),
        json!({"stateToken": "00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5"})
    );
    assert_eq!(resumed.state(), &State::Start);
    assert_eq!(resumed.pending(), Some(ActionKind::Resume));
    let effects = reply(&mut resumed, "mfa_challenge_push_waiting.json");
    assert!(matches!(effects[0], Effect::PollAfter(_)));
    assert_eq!(resumed.state(), flow.state());
    let poll = send(&mut resumed, Action::Poll);
    assert!(
        poll.url
            .ends_with("/verify?rememberDevice=false&autoPush=true"),
        "{}",
        poll.url
    );
}

#[test]
fn resume_with_an_expired_token_restarts_and_clears() {
    let mut flow = resumed(config(), "00gone", "MFA_REQUIRED");
    let error = flow
        .handle_response(response("error_E0000011.json"), now())
        .unwrap_err();
    assert_eq!(error.recovery(), Recovery::Restart);
    assert_eq!(flow.take_effects(), vec![Effect::ClearSnapshot]);
    assert_eq!(flow.state(), &State::Start);
}

#[test]
fn terminal_and_tokenless_states_clear_the_snapshot() {
    for name in [
        "success.json",
        "success_unlock.json",
        "success_step_up.json",
        "recovery_challenge_email.json",
        "locked_out.json",
    ] {
        let mut flow = resumed(config(), "00x", "X");
        let effects = reply(&mut flow, name);
        assert!(
            effects.contains(&Effect::ClearSnapshot),
            "{name}: {effects:?}"
        );
        assert!(
            !effects.iter().any(|e| matches!(e, Effect::Persist(_))),
            "{name}"
        );
        assert!(flow.snapshot().is_none(), "{name}");
    }
}

#[test]
fn every_live_fixture_persists() {
    for fixture in fixtures_of("transaction") {
        let tx = transaction(&fixture.file);
        let live = tx.state_token.is_some() && tx.status != Status::Success;
        let flow = flow_at(&fixture.file);
        assert_eq!(flow.snapshot().is_some(), live, "{}", fixture.file);
        if let Some(snapshot) = flow.snapshot() {
            assert_eq!(snapshot.status, fixture.status.clone().unwrap());
        }
    }
}

#[test]
fn step_up_success_navigates() {
    let mut flow = resumed(config(), "00x", "X");
    let effects = reply(&mut flow, "success_step_up.json");
    assert_eq!(
        effects,
        vec![
            Effect::ClearSnapshot,
            Effect::Navigate(
                "https://acme.okta.com/login/step-up/redirect?stateToken=00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5".into()
            )
        ]
    );
}

#[test]
fn reset_goes_back_to_start_locally() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    flow.reset();
    assert_eq!(flow.state(), &State::Start);
    assert!(flow.snapshot().is_none());
    assert!(flow.transaction().is_none());
    assert!(flow.is_allowed(ActionKind::Authenticate));
}
