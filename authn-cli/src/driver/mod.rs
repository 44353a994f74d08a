//! The flow driver: runs one sign-in flow to its end.
//!
//! Three parts, one responsibility each: the `executor` feeds every input to the core and performs
//! its outputs (requests, the one timer); the `dialogue` asks what the core's current state needs
//! and decides the next step; the `policy` decides what a failure means for the run (ask again,
//! re-read the state, or end with an exit status). The `view` holds what the dialogue remembers.
//!
//! Ctrl-C, Escape or a `cancel` answer cancel the transaction at any time, also while a request is in
//! flight: the core supersedes that request and drops its late answer; the run waits a bounded time
//! for the cancel's own answer and ends with [`Outcome::Cancelled`].

mod ask;
mod dialogue;
mod executor;
mod outcome;
mod policy;
mod setup;
mod view;

#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::time::Duration;

use authn_core::{ActionKind, AuthOptions, Flow, redact_url};

pub use outcome::{Failure, Outcome};
pub use setup::{Clock, Entry, Settings};

use crate::describe;
use crate::exit::Exit;
use crate::prompt::{PromptError, Prompter};
use crate::transport::Transport;
use ask::{Asker, Halt};
use dialogue::{Ctx, Step};
use executor::{Event, Executor};
use policy::{Attempt, Verdict};
use view::View;

/// How long a cancel waits for the server's answer before the run ends anyway.
const CANCEL_WAIT: Duration = Duration::from_secs(5);

/// Drives one flow to its end.
pub struct Driver<T: Transport> {
    executor: Executor<T>,
    asker: Asker,
    view: View,
    entry: Entry,
    options: AuthOptions,
    last: Option<Attempt>,
}

impl<T: Transport> fmt::Debug for Driver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Driver")
            .field("state", &self.executor.flow().state().kind())
            .field("entry", &self.entry)
            .field("pending", &self.view.pending)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> Driver<T> {
    /// A driver that starts with `entry`, asks `prompter`, and sends through `transport`.
    pub fn new(
        settings: Settings,
        entry: Entry,
        transport: T,
        prompter: Box<dyn Prompter>,
        clock: Clock,
    ) -> Self {
        Self {
            executor: Executor::new(Flow::new(settings.config), transport, clock),
            asker: Asker::new(prompter),
            view: View::new(settings.username),
            entry,
            options: settings.options,
            last: None,
        }
    }

    /// The flow (for tests and diagnostics).
    pub fn flow(&self) -> &Flow {
        self.executor.flow()
    }

    /// Runs the flow until it ends. When `interrupt` completes (Ctrl-C), the transaction is cancelled on
    /// the server (superseding any request in flight) and the run ends with [`Outcome::Cancelled`].
    pub async fn run<I: Future<Output = ()>>(&mut self, interrupt: I) -> Outcome {
        tokio::pin!(interrupt);
        loop {
            while self.executor.sending() {
                let events = tokio::select! {
                    biased;
                    () = &mut interrupt => return self.cancel().await,
                    events = self.executor.next() => events,
                };
                if let Some(outcome) = self.absorb(events) {
                    return outcome;
                }
            }
            let decided = {
                let mut ctx = Ctx {
                    flow: self.executor.flow(),
                    clock: self.executor.clock(),
                    entry: &self.entry,
                    options: self.options,
                    ask: &mut self.asker,
                    view: &mut self.view,
                };
                tokio::select! {
                    biased;
                    () = &mut interrupt => None,
                    step = dialogue::next(&mut ctx) => Some(step),
                }
            };
            let step = match decided {
                None | Some(Err(Halt::Prompt(PromptError::Interrupted))) => {
                    return self.cancel().await;
                }
                Some(Err(Halt::Prompt(error))) => {
                    self.asker.wait_end();
                    return Outcome::Failed(policy::unanswered(error, self.view.pending.take()));
                }
                Some(Ok(step)) => step,
            };
            let events = match step {
                Step::Act { action, prompted } => {
                    if prompted {
                        // A new answer: an earlier failure no longer explains a missing one.
                        self.view.pending = None;
                    }
                    self.last = Some(Attempt {
                        action: action.kind(),
                        prompted,
                    });
                    self.executor.act(action)
                }
                Step::Wait if self.executor.waiting() => tokio::select! {
                    biased;
                    () = &mut interrupt => return self.cancel().await,
                    events = self.executor.next() => events,
                },
                Step::Wait => {
                    let failure =
                        Failure::new(Exit::Protocol, "the server gave nothing to wait for");
                    return self.abort(failure).await;
                }
                Step::Cancel => return self.cancel().await,
                Step::Abort(failure) => return self.abort(failure).await,
                Step::Finish(outcome) => {
                    self.asker.wait_end();
                    return outcome;
                }
            };
            if let Some(outcome) = self.absorb(events) {
                return outcome;
            }
        }
    }

    /// Shows what the core reported and applies the failure policy; `Some` when the run ends.
    fn absorb(&mut self, events: Vec<Event>) -> Option<Outcome> {
        let mut events = VecDeque::from(events);
        while let Some(event) = events.pop_front() {
            match event {
                Event::Changed => {}
                Event::Delivered(delivery) => {
                    let factor = self.executor.flow().state().factors().first();
                    let note = describe::delivery(delivery, factor);
                    self.asker.say(&note);
                }
                Event::Navigate(href) => {
                    let url = redact_url(href.as_str());
                    self.asker
                        .say(&format!("A browser would continue at {url}"));
                }
                Event::Failed(failure) => {
                    self.asker.wait_end();
                    for line in describe::error_lines(&failure.error) {
                        self.asker.say(&line);
                    }
                    match policy::judge(&failure, self.last) {
                        Verdict::Retry(failure) => self.view.pending = Some(failure),
                        Verdict::Refresh(failure) => {
                            // E0000079: our view of the state is stale; re-read it, then ask again.
                            self.view.pending = Some(failure);
                            self.last = Some(Attempt {
                                action: ActionKind::Resume,
                                prompted: false,
                            });
                            events.extend(self.executor.refresh());
                        }
                        Verdict::Exit(failure) => return Some(Outcome::Failed(failure)),
                    }
                }
            }
        }
        None
    }

    /// Cancels the transaction (if any) and fails with `failure`.
    async fn abort(&mut self, failure: Failure) -> Outcome {
        self.cancel().await;
        Outcome::Failed(failure)
    }

    /// Cancels the transaction on the server when there is one, waiting [`CANCEL_WAIT`] at most.
    async fn cancel(&mut self) -> Outcome {
        self.asker.wait_end();
        if !self.executor.cancel(CANCEL_WAIT).await {
            self.asker
                .say("Could not cancel the transaction on the server.");
        }
        Outcome::Cancelled
    }
}
