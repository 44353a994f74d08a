//! Okta Verify pushes: the number challenge, resolving a push on the (simulated) device, and what a
//! push's result means for the transaction.

use crate::model::{FactorResult, Push, PushDecision, PushResult};

/// The numbers shown on the device for a number challenge: the correct one and two others drawn
/// with `draw` (1 to 99), sorted.
pub fn number_choices(correct: u32, mut draw: impl FnMut() -> u32) -> Vec<u32> {
    let mut choices = vec![correct];
    while choices.len() < 3 {
        let n = draw();
        if !choices.contains(&n) {
            choices.push(n);
        }
    }
    choices.sort_unstable();
    choices
}

/// The result of `decision` on a waiting push, and why an approval failed (a wrong number rejects
/// the push).
pub fn resolve(
    push: &Push,
    decision: PushDecision,
    number: Option<u32>,
) -> (PushResult, Option<&'static str>) {
    match decision {
        PushDecision::Approve => match push.correct_answer {
            Some(correct) if number != Some(correct) => (
                PushResult::Rejected,
                Some("the number does not match the number challenge; the push was rejected"),
            ),
            Some(_) | None => (PushResult::Approved, None),
        },
        PushDecision::Reject => (PushResult::Rejected, None),
        PushDecision::Timeout => (PushResult::TimedOut, None),
    }
}

/// The `factorResult` a push reports while it has not been approved (`None`: approved).
pub fn factor_result(result: PushResult) -> Option<FactorResult> {
    match result {
        PushResult::Waiting => Some(FactorResult::Waiting),
        PushResult::Rejected => Some(FactorResult::Rejected),
        PushResult::TimedOut => Some(FactorResult::Timeout),
        PushResult::Approved => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PushPurpose;

    fn push(correct_answer: Option<u32>) -> Push {
        let now = time::macros::datetime!(2024-01-01 00:00 UTC);
        Push {
            id: "push1".into(),
            user_id: "00u1".into(),
            login: "pat@example.com".into(),
            factor_id: "opf1".into(),
            purpose: PushPurpose::Verify,
            created: now,
            expires: now + time::Duration::minutes(5),
            correct_answer,
            choices: Vec::new(),
            result: PushResult::Waiting,
        }
    }

    #[test]
    fn a_number_challenge_needs_the_right_number() {
        let p = push(Some(42));
        assert_eq!(
            resolve(&p, PushDecision::Approve, Some(42)),
            (PushResult::Approved, None)
        );
        let (result, error) = resolve(&p, PushDecision::Approve, Some(7));
        assert_eq!(result, PushResult::Rejected);
        assert!(error.is_some());
        assert_eq!(
            resolve(&push(None), PushDecision::Approve, None).0,
            PushResult::Approved
        );
        assert_eq!(
            resolve(&p, PushDecision::Timeout, None).0,
            PushResult::TimedOut
        );
    }

    #[test]
    fn choices_hold_the_answer_and_two_distinct_others() {
        let mut draws = [42, 42, 7, 99].into_iter();
        let choices = number_choices(42, || draws.next().unwrap_or(1));
        assert_eq!(choices, vec![7, 42, 99]);
    }
}
