//! The dialogue: one module per state family decides what to ask in the core's current state and
//! which [`Step`] follows. Every protocol decision comes from the core (allowed actions, factor forms,
//! push phases, the resend offer); the dialogue only asks and words.

mod activate;
mod enroll;
mod password;
mod push;
mod recovery;
mod sign_in;
mod step;
mod verify;

use authn_core::State;

pub(crate) use step::{Ctx, Step};

use crate::driver::ask::Halt;
use crate::driver::outcome::{Failure, Outcome};
use crate::exit::Exit;

/// The next step in the flow's current state.
pub(crate) async fn next(ctx: &mut Ctx<'_>) -> Result<Step, Halt> {
    let flow = ctx.flow;
    match flow.state() {
        State::Start => sign_in::start(ctx).await,
        State::Unauthenticated(state) => sign_in::unauthenticated(ctx, state).await,
        State::PasswordWarn(change) => password::warn(ctx, change).await,
        State::PasswordExpired(change) => password::expired(ctx, change).await,
        State::PasswordReset(reset) => password::reset(ctx, reset).await,
        State::RecoveryChallenge(challenge) => recovery::challenge(ctx, challenge).await,
        State::Recovery(recovery) => recovery::question(ctx, recovery).await,
        State::LockedOut(locked) => recovery::locked(ctx, locked).await,
        State::MfaEnroll(enroll) => enroll::choose(ctx, enroll).await,
        State::MfaEnrollActivate(activate) => activate::activate(ctx, activate).await,
        State::MfaRequired(required) => {
            verify::choose(ctx, &required.factors, &required.remember_device).await
        }
        State::MfaChallenge(challenge) => verify::challenge(ctx, challenge).await,
        State::Success(success) => Ok(Step::Finish(Outcome::Success(Box::new(success.clone())))),
        State::Poll(_) => {
            ctx.ask
                .wait_start("Waiting for the server (too many sign-ins right now)");
            Ok(Step::Wait)
        }
        State::Unknown(unknown) => Ok(Step::Abort(Failure::new(
            Exit::Protocol,
            format!(
                "the server answered with status `{}`, which this client does not handle",
                unknown.status
            ),
        ))),
    }
}
