//! Snapshot and resume: the flow serialises to a small value and resumes through get-state; terminal
//! states and E0000011 clear it.

use crate::common::*;
use authn_core::*;
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
    let outputs = reply(&mut flow, "mfa_challenge_push_waiting.json");
    let Some(snapshot) = persisted(&outputs) else {
        panic!("{outputs:?}")
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
            "poll": {"remember_device": true, "auto_push": null},
            "wake_at": "2026-01-01T10:00:04Z",
            "resend_at": "2026-01-01T10:00:30Z"
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
    let mut resumed = Driver::over(Flow::resume(config(), snapshot, now()));
    let request = resumed.last.clone().unwrap().request;
    assert_eq!(request.url, "https://acme.okta.com/api/v1/authn");
    assert_eq!(
        json_body(&request),
        json!({"stateToken": "00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5"})
    );
    assert_eq!(resumed.state(), &State::Start);
    assert_eq!(resumed.in_flight(), Some(ActionKind::Resume));
    let outputs = reply(&mut resumed, "mfa_challenge_push_waiting.json");
    assert!(wake_after(&outputs, now()).is_some());
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
    let outputs = flow.respond_at(response("error_E0000011.json"), now());
    let error = failure(&outputs).unwrap().error.clone();
    assert_eq!(error.recovery(), Recovery::Restart);
    assert!(clears(&outputs), "{outputs:?}");
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
        let outputs = reply(&mut flow, name);
        assert!(clears(&outputs), "{name}: {outputs:?}");
        assert!(persisted(&outputs).is_none(), "{name}");
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
    let outputs = reply(&mut flow, "success_step_up.json");
    let redirect = Href::new(
        "https://acme.okta.com/login/step-up/redirect?stateToken=00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5",
    );
    assert_eq!(
        outputs,
        vec![
            Output::Changed,
            Output::ClearSnapshot,
            Output::Navigate(redirect.clone())
        ]
    );
    let State::Success(success) = flow.state() else {
        panic!()
    };
    assert_eq!(success.outcome(), SuccessOutcome::StepUp(redirect));
}

#[test]
fn restart_goes_back_to_start_locally() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    let outputs = flow.act(Action::Restart);
    assert!(clears(&outputs));
    assert_eq!(flow.state(), &State::Start);
    assert!(flow.snapshot().is_none());
    assert!(flow.expires_at().is_none());
    assert!(flow.is_allowed(ActionKind::Authenticate));
}

#[test]
fn a_wake_deadline_and_the_resend_countdown_survive_snapshot_and_resume() {
    let mut flow = flow_at("mfa_required.json");
    send(
        &mut flow,
        Action::VerifyFactor(VerifyFactor {
            factor_id: Some("opfh52xcuft3J4uZc0g3".into()),
            ..VerifyFactor::default()
        }),
    );
    reply(&mut flow, "mfa_challenge_push_waiting.json");
    assert_eq!(flow.next_deadline(), Some(at(4)));
    let stored = serde_json::to_string(&flow.snapshot().unwrap()).unwrap();

    // The page reloads one second later: the next poll stays due at 4 s, not 1 + 4 s.
    let snapshot: Snapshot = serde_json::from_str(&stored).unwrap();
    let mut resumed = Driver::over(Flow::resume(config(), snapshot.clone(), at(1)));
    let outputs = resumed.respond_at(response("mfa_challenge_push_waiting.json"), at(1));
    assert!(outputs.contains(&Output::WakeAt(at(4))), "{outputs:?}");
    assert_eq!(
        resumed.resend_offer(at(1)),
        Some(ResendOffer::After(std::time::Duration::from_secs(29)))
    );
    assert_eq!(resumed.resend_offer(at(30)), Some(ResendOffer::Ready));

    // A deadline that passed while the page was away: the get-state answer counts, the next poll
    // follows the usual interval.
    let mut late = Driver::over(Flow::resume(config(), snapshot, at(10)));
    let outputs = late.respond_at(response("mfa_challenge_push_waiting.json"), at(10));
    assert!(outputs.contains(&Output::WakeAt(at(14))), "{outputs:?}");
}
