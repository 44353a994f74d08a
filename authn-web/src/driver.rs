//! The core plus the little a shell remembers between inputs, without IO: [`Driver::input`] feeds one
//! input to the [`Flow`] and turns the outputs into [`Effect`]s, which the executor hook
//! (`hooks::use_sign_in`) performs through the injected services. Tested natively.

use std::rc::Rc;

use authn_core::{
    Action, ActionKind, Config, Flow, Href, Input, Outgoing, Output, Snapshot, State, Success,
    SuccessOutcome,
};
use time::OffsetDateTime;

use crate::errors::UiError;
use crate::model::{ResendWindow, Submitted, UiAction};

/// One thing the executor does, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Send this request; answer it with its id.
    Send(Outgoing),
    /// Arm the one timer for this instant (replacing any earlier one); feed `Input::Tick` then.
    SetTimer(OffsetDateTime),
    /// Nothing is due any more: drop the timer.
    ClearTimer,
    /// Store the snapshot.
    Persist(Snapshot),
    /// Delete the stored snapshot.
    ClearSnapshot,
    /// Send the browser to this URL.
    Navigate(Href),
    /// Update the UI model.
    Ui(UiAction),
    /// Hand the success to the page (`on_success`), once per sign-in.
    HandOff(Box<Success>),
}

/// The core of one widget instance and what the shell remembers about it.
#[derive(Debug)]
pub struct Driver {
    flow: Flow,
    /// The instant the timer is armed for.
    timer: Option<OffsetDateTime>,
    /// The current SUCCESS was handed to the page.
    handed_off: bool,
    /// A user action held while the page's `processCreds` hook runs: its ticket and kind.
    held: Option<(u64, ActionKind)>,
    /// The last ticket given out by [`Driver::hold`].
    tickets: u64,
}

impl Driver {
    /// A driver over a new flow in `Start`.
    pub fn new(config: Config) -> Self {
        Self {
            flow: Flow::new(config),
            timer: None,
            handed_off: false,
            held: None,
            tickets: 0,
        }
    }

    /// The flow.
    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    /// Whether a user action of `kind` is taken now. While a user request is in flight (or held for
    /// the page's hook) only cancel and restart go through (they supersede it; the core drops its late
    /// answer); anything else is a second click on a button that is about to be disabled.
    pub fn accepts(&self, kind: ActionKind) -> bool {
        match self.busy() {
            None => true,
            Some(_) => interrupts(kind),
        }
    }

    /// The user request in flight or held (polls do not count).
    fn busy(&self) -> Option<ActionKind> {
        let in_flight = self
            .flow
            .in_flight()
            .filter(|kind| *kind != ActionKind::Poll);
        self.held.map(|(_, kind)| kind).or(in_flight)
    }

    /// Feeds `input` at `now`: the effects to perform, in order. A user action the driver does not
    /// accept now ([`Driver::accepts`]) gives no effect at all.
    pub fn input(&mut self, input: Input, now: OffsetDateTime) -> Vec<Effect> {
        if let Input::Action(action) = input {
            let typed = action.clone();
            return self.act(&typed, action, now);
        }
        let mut effects = Vec::new();
        let cause = self.flow.in_flight();
        self.flow.handle(input, now);
        self.drain(cause, now, &mut effects);
        effects
    }

    /// Feeds a user action: `typed` as the user made it (the model remembers its username, which
    /// survives errors), `action` as the page's `transformUsername` changed it (what is sent). No
    /// effect when the action is not accepted now; an accepted one supersedes a held action.
    pub fn act(&mut self, typed: &Action, action: Action, now: OffsetDateTime) -> Vec<Effect> {
        let mut effects = Vec::new();
        if !self.accepts(action.kind()) {
            return effects;
        }
        self.held = None;
        effects.push(Effect::Ui(UiAction::Submitted(Submitted::of(typed))));
        let cause = Some(action.kind());
        self.flow.handle(Input::Action(action), now);
        self.drain(cause, now, &mut effects);
        effects
    }

    /// Holds a user action while the page's `processCreds` hook runs: it is reported (the widget is
    /// busy, its submit buttons disabled) but not sent. The ticket to [`Driver::release`] or
    /// [`Driver::reject`] it with, and the effects; `None` when the action is not accepted now.
    pub fn hold(&mut self, typed: &Action, now: OffsetDateTime) -> Option<(u64, Vec<Effect>)> {
        if !self.accepts(typed.kind()) {
            return None;
        }
        self.tickets += 1;
        self.held = Some((self.tickets, typed.kind()));
        let effects = vec![
            Effect::Ui(UiAction::Submitted(Submitted::of(typed))),
            Effect::Ui(self.synced(now)),
        ];
        Some((self.tickets, effects))
    }

    /// Whether the action held under `ticket` is still waiting (no cancel, restart or other action
    /// came first).
    fn take_held(&mut self, ticket: u64) -> bool {
        let current = self.held.is_some_and(|(held, _)| held == ticket);
        if current {
            self.held = None;
        }
        current
    }

    /// The page's hook is done: sends the held action (see [`Driver::act`]). Nothing when the
    /// ticket is stale.
    pub fn release(
        &mut self,
        ticket: u64,
        typed: &Action,
        action: Action,
        now: OffsetDateTime,
    ) -> Vec<Effect> {
        if !self.take_held(ticket) {
            return Vec::new();
        }
        self.act(typed, action, now)
    }

    /// The page's hook failed: shows the error, sends nothing. Nothing when the ticket is stale.
    pub fn reject(&mut self, ticket: u64, now: OffsetDateTime) -> Vec<Effect> {
        if !self.take_held(ticket) {
            return Vec::new();
        }
        vec![
            Effect::Ui(UiAction::Failed(UiError::page_hook_failed())),
            Effect::Ui(self.synced(now)),
        ]
    }

    /// Replaces the flow with one resuming from `snapshot` (its get-state request goes out).
    pub fn resume(&mut self, snapshot: Snapshot, now: OffsetDateTime) -> Vec<Effect> {
        let token = snapshot.state_token.clone();
        self.held = None;
        self.flow = Flow::resume(self.flow.config().clone(), snapshot, now);
        let submitted = Submitted::of(&authn_core::Action::Resume(token));
        let mut effects = vec![Effect::Ui(UiAction::Submitted(submitted))];
        self.drain(Some(ActionKind::Resume), now, &mut effects);
        effects
    }

    fn drain(&mut self, cause: Option<ActionKind>, now: OffsetDateTime, out: &mut Vec<Effect>) {
        while let Some(output) = self.flow.poll_output() {
            match output {
                Output::Send(outgoing) => out.push(Effect::Send(outgoing)),
                Output::WakeAt(at) => {
                    self.timer = Some(at);
                    out.push(Effect::SetTimer(at));
                }
                Output::Persist(snapshot) => out.push(Effect::Persist(snapshot)),
                Output::ClearSnapshot => out.push(Effect::ClearSnapshot),
                Output::Navigate(href) => out.push(Effect::Navigate(href)),
                Output::Delivered(delivery) => out.push(Effect::Ui(UiAction::Delivered(delivery))),
                Output::Changed => {
                    let state = Rc::new(self.flow.state().clone());
                    let hand_off = self.hand_off(&state);
                    out.push(Effect::Ui(UiAction::Changed {
                        state,
                        allowed: Rc::new(self.flow.allowed_actions()),
                        cause,
                        target: self.flow.target().cloned(),
                    }));
                    out.extend(hand_off.map(|success| Effect::HandOff(Box::new(success))));
                }
                Output::Failed(failure) => {
                    out.push(Effect::Ui(UiAction::Failed(UiError::from_failure(
                        &failure,
                    ))));
                }
            }
        }
        if self.flow.next_deadline().is_none() && self.timer.take().is_some() {
            out.push(Effect::ClearTimer);
        }
        out.push(Effect::Ui(self.synced(now)));
    }

    /// What is busy and the resend window, after every input.
    fn synced(&self, now: OffsetDateTime) -> UiAction {
        let resend = self
            .flow
            .resend_offer(now)
            .map(|offer| ResendWindow::from_offer(offer, now));
        UiAction::Synced {
            busy: self.busy(),
            resend,
        }
    }

    /// The success to hand to the page when `state` is a new sign-in (never an unlock).
    fn hand_off(&mut self, state: &State) -> Option<Success> {
        let State::Success(success) = state else {
            self.handed_off = false;
            return None;
        };
        let signs_in = match success.outcome() {
            SuccessOutcome::SignedIn | SuccessOutcome::StepUp(_) => true,
            SuccessOutcome::Unlocked => false,
        };
        if !signs_in || self.handed_off {
            return None;
        }
        self.handed_off = true;
        Some(success.clone())
    }
}

/// Actions that may supersede a user request in flight.
fn interrupts(kind: ActionKind) -> bool {
    match kind {
        ActionKind::Cancel | ActionKind::Restart => true,
        ActionKind::Authenticate
        | ActionKind::Resume
        | ActionKind::VerifyRecoveryToken
        | ActionKind::ForgotPassword
        | ActionKind::UnlockAccount
        | ActionKind::ChangePassword
        | ActionKind::ResetPassword
        | ActionKind::AnswerRecoveryQuestion
        | ActionKind::VerifyRecoveryCode
        | ActionKind::EnrollFactor
        | ActionKind::ListQuestions
        | ActionKind::ActivateFactor
        | ActionKind::SendActivationLink
        | ActionKind::VerifyFactor
        | ActionKind::Poll
        | ActionKind::Resend
        | ActionKind::Previous
        | ActionKind::Skip
        | ActionKind::FollowRedirect => false,
    }
}
