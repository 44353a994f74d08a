//! The driving contract: one input method, one output queue, request deadlines owned by the core,
//! superseded responses dropped, polls started by the core's own wake-ups.

use std::time::Duration;

use authn_core::*;

use crate::common::*;

fn push_waiting() -> Driver {
    let mut flow = flow_at("mfa_required.json");
    send(&mut flow, verify(Some("opfh52xcuft3J4uZc0g3"), None));
    reply(&mut flow, "mfa_challenge_push_waiting.json");
    flow
}

#[test]
fn every_request_carries_a_deadline_and_a_fresh_id() {
    let mut flow = Driver::new(config());
    let outputs = flow.act(sign_in_as("pw"));
    let [Output::Send(first), Output::WakeAt(wake)] = outputs.as_slice() else {
        panic!("{outputs:?}")
    };
    assert_eq!(first.deadline, at(30), "the default request timeout");
    assert_eq!(
        *wake, first.deadline,
        "the shell's timer covers the deadline"
    );
    let outputs = flow.act(sign_in_as("pw2"));
    let second = request_in(&outputs).unwrap();
    assert_ne!(flow.last_id(), first.id);
    assert!(second.body_string().contains("pw2"));
}

#[test]
fn a_response_to_a_superseded_request_is_dropped() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    send(&mut flow, verify_code("123456"));
    let verify_id = flow.last_id();
    // The user cancels while the verify is in flight.
    send(&mut flow, Action::Cancel);
    let cancel_id = flow.last_id();
    assert_ne!(verify_id, cancel_id);
    assert_eq!(flow.in_flight(), Some(ActionKind::Cancel));
    // The verify's answer arrives late: nothing happens.
    let outputs = flow.feed(Input::Response(verify_id, response("success.json")), now());
    assert!(outputs.is_empty(), "{outputs:?}");
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
    let outputs = flow.feed(Input::NetworkFailure(verify_id, "reset".into()), now());
    assert!(outputs.is_empty(), "{outputs:?}");
    // The cancel's answer ends the transaction.
    let outputs = flow.feed(Input::Response(cancel_id, response("cancel.json")), now());
    assert_eq!(outputs, vec![Output::ClearSnapshot, Output::Changed]);
    assert_eq!(flow.state(), &State::Start);
}

#[test]
fn cancel_during_a_poll_in_flight() {
    let mut flow = push_waiting();
    let outputs = flow.feed(Input::Tick, at(4));
    assert!(request_in(&outputs).is_some(), "the core polls by itself");
    let poll_id = flow.last_id();
    assert_eq!(flow.in_flight(), Some(ActionKind::Poll));
    let cancel = send(&mut flow, Action::Cancel);
    assert_eq!(cancel.url, "https://acme.okta.com/api/v1/authn/cancel");
    // The poll answers "approved" after the user cancelled: dropped.
    let outputs = flow.feed(Input::Response(poll_id, response("success.json")), at(5));
    assert!(outputs.is_empty(), "{outputs:?}");
    reply(&mut flow, "cancel.json");
    assert_eq!(flow.state(), &State::Start);
    assert_eq!(flow.next_deadline(), None, "no poll left scheduled");
    assert!(flow.feed(Input::Tick, at(60)).is_empty());
}

#[test]
fn an_action_cancels_the_scheduled_poll() {
    let mut flow = push_waiting();
    assert_eq!(flow.next_deadline(), Some(at(4)));
    send(&mut flow, Action::Previous);
    assert_eq!(
        flow.next_deadline(),
        Some(at(30)),
        "only the request deadline"
    );
    reply(&mut flow, "mfa_required.json");
    assert_eq!(flow.next_deadline(), None);
}

#[test]
fn an_early_tick_does_nothing() {
    let mut flow = push_waiting();
    assert!(flow.feed(Input::Tick, at(3)).is_empty());
    assert!(flow.in_flight().is_none());
    let outputs = flow.feed(Input::Tick, at(4));
    assert!(request_in(&outputs).is_some());
}

#[test]
fn a_request_past_its_deadline_fails_as_a_network_error_and_the_flow_recovers() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    send(&mut flow, verify_code("123456"));
    let id = flow.last_id();
    assert!(flow.feed(Input::Tick, at(29)).is_empty(), "not yet");
    let outputs = flow.feed(Input::Tick, at(30));
    let failure = failure(&outputs).expect("timed out");
    assert_eq!(failure.action, Some(ActionKind::VerifyFactor));
    assert!(matches!(failure.error, FlowError::Network(_)));
    assert_eq!(failure.recovery(), Recovery::Network);
    assert_eq!(failure.message(), ErrorMessage::Network);
    assert!(flow.in_flight().is_none());
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
    // The answer that finally arrives is dropped; a retry works.
    assert!(
        flow.feed(Input::Response(id, response("success.json")), at(31))
            .is_empty()
    );
    let outputs = flow.act_at(verify_code("123456"), at(31));
    assert!(request_in(&outputs).is_some());
    outcome(flow.respond_at(response("success.json"), at(32))).unwrap();
    assert_eq!(flow.state().kind(), StateKind::Success);
}

#[test]
fn a_poll_past_its_deadline_backs_off_and_polls_again() {
    let mut cfg = config();
    cfg.request_timeout = Duration::from_secs(10);
    let mut flow = resumed(cfg, "00x", "MFA_CHALLENGE");
    reply(&mut flow, "mfa_challenge_push_waiting.json");
    flow.feed(Input::Tick, at(4));
    assert_eq!(flow.in_flight(), Some(ActionKind::Poll));
    let outputs = flow.feed(Input::Tick, at(14));
    assert_eq!(
        outputs,
        vec![Output::WakeAt(at(15))],
        "backoff 1 s, no failure"
    );
    let outputs = flow.feed(Input::Tick, at(15));
    assert!(request_in(&outputs).is_some(), "polls again");
}

#[test]
fn a_request_timeout_is_configurable() {
    let mut cfg = config();
    cfg.request_timeout = Duration::from_secs(5);
    let mut flow = Driver::new(cfg);
    flow.act(sign_in_as("pw"));
    assert_eq!(flow.last.as_ref().unwrap().deadline, at(5));
}

#[test]
fn deliveries_start_the_resend_countdown() {
    let mut flow = signed_in("mfa_required.json");
    assert_eq!(flow.resend_offer(now()), None, "nothing to resend yet");
    send(&mut flow, verify(Some("sms2gt8gzgEBPUWBIFHN"), None));
    let outputs = reply(&mut flow, "mfa_challenge_sms.json");
    assert!(outputs.contains(&Output::Delivered(Delivery::Code)));
    assert_eq!(
        flow.resend_offer(now()),
        Some(ResendOffer::After(Duration::from_secs(30)))
    );
    assert_eq!(
        flow.resend_offer(at(12)),
        Some(ResendOffer::After(Duration::from_secs(18)))
    );
    assert_eq!(flow.resend_offer(at(30)), Some(ResendOffer::Ready));
    let outputs = flow.act_at(Action::Resend, at(30));
    assert!(request_in(&outputs).is_some());
    let outputs = flow.respond_at(response("mfa_challenge_sms.json"), at(31));
    assert!(outputs.contains(&Output::Delivered(Delivery::CodeAgain)));
    assert_eq!(
        flow.resend_offer(at(31)),
        Some(ResendOffer::After(Duration::from_secs(30)))
    );
}

#[test]
fn a_passcode_verify_delivers_nothing() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    send(&mut flow, verify_code("123456"));
    let outputs = reply(&mut flow, "success.json");
    assert!(
        !outputs.iter().any(|o| matches!(o, Output::Delivered(_))),
        "{outputs:?}"
    );
}

#[test]
fn activation_links_are_delivered_without_a_countdown() {
    let mut flow = flow_at("mfa_enroll_activate_push_waiting.json");
    send(
        &mut flow,
        Action::SendActivationLink {
            channel: ActivationChannel::Email,
            phone_number: None,
        },
    );
    let outputs = reply(&mut flow, "mfa_enroll_activate_push_waiting.json");
    assert!(
        outputs.contains(&Output::Delivered(Delivery::ActivationLink(
            ActivationChannel::Email
        )))
    );
}

#[test]
fn step_up_success_and_external_password_pages_navigate() {
    let mut flow = resumed(config(), "00x", "UNAUTHENTICATED");
    let outputs = reply(&mut flow, "success_step_up.json");
    assert!(
        matches!(navigation(&outputs), Some(href) if href.as_str().contains("/login/step-up/redirect"))
    );
    let mut flow = flow_at("password_warn_external.json");
    let outputs = flow.act(Action::FollowRedirect);
    assert!(matches!(
        outputs.as_slice(),
        [Output::Navigate(href)] if href.as_str().starts_with("https://password.example.com/")
    ));
    assert_eq!(
        flow.state().kind(),
        StateKind::PasswordWarn,
        "navigating changes no state"
    );
}

#[test]
fn outputs_drain_in_order_and_only_once() {
    let mut flow = Flow::new(config());
    flow.handle(Input::Action(sign_in_as("pw")), now());
    assert!(matches!(flow.poll_output(), Some(Output::Send(_))));
    assert!(matches!(flow.poll_output(), Some(Output::WakeAt(_))));
    assert_eq!(flow.poll_output(), None);
}

#[test]
fn a_failed_action_while_polling_keeps_the_polls_going() {
    let mut flow = flow_at("mfa_enroll_activate_push_waiting.json");
    assert_eq!(flow.next_deadline(), Some(at(6)));
    send(
        &mut flow,
        Action::SendActivationLink {
            channel: ActivationChannel::Email,
            phone_number: None,
        },
    );
    let outputs = flow.respond_at(response("error_E0000118.json"), at(1));
    assert!(failure(&outputs).is_some());
    assert_eq!(
        flow.next_deadline(),
        Some(at(7)),
        "the activation is still polled"
    );
    let outputs = flow.feed(Input::Tick, at(7));
    assert!(request_in(&outputs).is_some_and(|r| r.url.ends_with("/lifecycle/activate/poll")));
}
