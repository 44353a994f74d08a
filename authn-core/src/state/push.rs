//! Where an Okta Verify push (or push activation) stands, and how to try it again: decisions the
//! views take from the core.

use crate::action::ActionKind;
use crate::factor::Challenge;
use crate::wire::{self, FactorResult};

use super::{MfaChallenge, MfaEnrollActivate};

impl MfaEnrollActivate {
    /// Where an Okta Verify activation stands (`None` for other factors).
    pub fn push_phase(&self) -> Option<PushPhase> {
        matches!(self.factor.factor_type, wire::FactorType::Push)
            .then(|| PushPhase::of(self.factor_result.as_ref(), None))
    }
}

impl MfaChallenge {
    /// Where a push stands (`None` for other factors).
    pub fn push_phase(&self) -> Option<PushPhase> {
        let number = match &self.factor.challenge {
            Some(Challenge::Push { correct_answer }) => *correct_answer,
            Some(Challenge::WebAuthn(_) | Challenge::U2f(_) | Challenge::Duo(_)) | None => None,
        };
        matches!(self.factor.factor_type, wire::FactorType::Push)
            .then(|| PushPhase::of(self.factor_result.as_ref(), number))
    }

    /// What to offer after a push was rejected, timed out or failed: a new push through `resend` after
    /// a timeout when one is published, else verifying again through `next`. `None` while waiting or
    /// when neither link is published.
    pub fn push_retry(&self) -> Option<PushRetry> {
        let resend = self.links.allows(ActionKind::Resend);
        let verify = self.links.next(ActionKind::VerifyFactor).is_some();
        match self.push_phase()? {
            PushPhase::Waiting { .. } => None,
            PushPhase::TimedOut if resend => Some(PushRetry::Resend),
            PushPhase::TimedOut | PushPhase::Rejected | PushPhase::Failed => {
                verify.then_some(PushRetry::VerifyAgain)
            }
        }
    }
}

/// Where an Okta Verify push (or push activation) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushPhase {
    /// Sent; waiting for the phone (the core polls). `number`: the number challenge to show.
    Waiting {
        /// The number to pick on the phone, when Okta asks for one.
        number: Option<u32>,
    },
    /// The user denied it.
    Rejected,
    /// Nobody answered in time (or the activation QR code expired).
    TimedOut,
    /// It failed otherwise (`factorResultMessage` may say why).
    Failed,
}

impl PushPhase {
    fn of(result: Option<&FactorResult>, number: Option<u32>) -> Self {
        match result {
            None
            | Some(FactorResult::Waiting | FactorResult::Challenge | FactorResult::Success) => {
                Self::Waiting { number }
            }
            Some(FactorResult::Rejected) => Self::Rejected,
            Some(FactorResult::Timeout | FactorResult::TimeWindowExceeded) => Self::TimedOut,
            Some(
                FactorResult::Cancelled
                | FactorResult::Error
                | FactorResult::Failed
                | FactorResult::PasscodeReplayed
                | FactorResult::Unknown(_),
            ) => Self::Failed,
        }
    }
}

/// How to try a push again (see [`MfaChallenge::push_retry`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushRetry {
    /// [`crate::Action::Resend`]: a new push through the `resend` link.
    Resend,
    /// [`crate::Action::VerifyFactor`] without a credential: verify the factor again.
    VerifyAgain,
}
