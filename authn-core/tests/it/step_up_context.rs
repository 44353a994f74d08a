//! What a shell shows around a step-up and an error: the app the transaction signs in to
//! ([`Flow::target`], from the last response) and the HTTP status of a failure
//! ([`FlowError::http_status`]).

use std::time::Duration;

use authn_core::*;

use crate::common::*;

#[test]
fn the_target_comes_from_the_last_response_and_goes_with_the_transaction() {
    let mut flow = flow_at("unauthenticated_step_up.json");
    let target = flow.target().expect("a step-up names its app");
    assert_eq!(target.kind.as_deref(), Some("APP"));
    assert_eq!(target.label.as_deref(), Some("Salesforce.com"));
    assert_eq!(target.name.as_deref(), Some("salesforce"));
    let State::Unauthenticated(state) = flow.state() else {
        panic!("{:?}", flow.state())
    };
    assert_eq!(
        state.target.as_ref(),
        Some(target),
        "the same as the state's"
    );

    // A response without `_embedded.target` names none (as Okta's widget reads the last response).
    send(&mut flow, sign_in_as("pw"));
    flow.respond(response("mfa_required.json")).unwrap();
    assert_eq!(flow.target(), None);

    // SUCCESS of a step-up keeps it, for "redirecting to ...".
    let mut flow = flow_at("success_step_up.json");
    assert!(flow.target().is_some(), "success_step_up names its app");
    // Back to sign in: no transaction, no app.
    flow.act(Action::Restart);
    assert_eq!(flow.target(), None);
    assert_eq!(Flow::new(config()).target(), None);
}

#[test]
fn http_status_of_each_failure() {
    let api = |status| ApiError::from_body(status, r#"{"errorCode":"E0000004"}"#, None);
    assert_eq!(FlowError::Api(Box::new(api(401))).http_status(), Some(401));
    assert_eq!(
        FlowError::Server(Box::new(api(503))).http_status(),
        Some(503)
    );
    let limited = |error: Option<ApiError>| FlowError::RateLimited {
        retry_after: Duration::from_secs(1),
        error: error.map(Box::new),
    };
    assert_eq!(
        limited(None).http_status(),
        Some(429),
        "a 429 without a body"
    );
    assert_eq!(limited(Some(api(429))).http_status(), Some(429));
    for error in [
        FlowError::Network("reset".into()),
        FlowError::Protocol("not JSON".into()),
        FlowError::Expired,
        FlowError::InvalidInput("x".into()),
        FlowError::NotAllowed {
            state: StateKind::Start,
            action: ActionKind::Skip,
        },
    ] {
        assert_eq!(error.http_status(), None, "{error}");
    }
}
