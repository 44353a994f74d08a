//! The executor: feeds every input to the core through [`Flow::handle`] and performs every output of
//! [`Flow::poll_output`].
//!
//! It performs `Send` (one request at a time, through the [`Transport`]) and `WakeAt` (one timer that
//! feeds [`Input::Tick`]) itself; persisting is not needed (`authn resume` takes the state token
//! explicitly). Everything a person should see comes back as [`Event`]s, in the core's order.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use authn_core::{
    Action, ActionKind, Delivery, Failure, Flow, Href, HttpResponse, Input, Output, RequestId,
};
use time::OffsetDateTime;

use super::setup::Clock;
use crate::transport::Transport;

/// What the core reported after an input, for the dialogue and the failure policy.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Event {
    /// The state changed: the dialogue looks at it again.
    Changed,
    /// A code, push or activation link went out.
    Delivered(Delivery),
    /// A browser would go to this URL now (a step-up redirect).
    Navigate(Href),
    /// An action or request failed.
    Failed(Failure),
}

type Reply = Pin<Box<dyn Future<Output = Result<HttpResponse, String>> + Send>>;

/// The request on the wire: its id, and the future that delivers its answer.
struct InFlight {
    id: RequestId,
    reply: Reply,
}

/// Drives one [`Flow`]: one request in flight at most, one timer.
pub(crate) struct Executor<T: Transport> {
    flow: Flow,
    transport: T,
    clock: Clock,
    request: Option<InFlight>,
    timer: Option<OffsetDateTime>,
}

impl<T: Transport> Executor<T> {
    /// An executor over `flow`, sending through `transport`, with time from `clock`.
    pub(crate) fn new(flow: Flow, transport: T, clock: Clock) -> Self {
        Self {
            flow,
            transport,
            clock,
            request: None,
            timer: None,
        }
    }

    /// The flow (read only: every change goes through an input).
    pub(crate) fn flow(&self) -> &Flow {
        &self.flow
    }

    /// The clock.
    pub(crate) fn clock(&self) -> &Clock {
        &self.clock
    }

    /// True while a request is in flight.
    pub(crate) fn sending(&self) -> bool {
        self.request.is_some()
    }

    /// True when [`Executor::next`] will end by itself: a request is in flight or the core set a
    /// deadline (a poll, a backoff).
    pub(crate) fn waiting(&self) -> bool {
        self.sending() || self.flow.next_deadline().is_some()
    }

    /// Feeds a user action.
    pub(crate) fn act(&mut self, action: Action) -> Vec<Event> {
        self.input(Input::Action(action))
    }

    /// Replaces the flow by one that re-reads the transaction (get-state with its state token), for
    /// a view the server says is stale. Nothing happens without a live transaction.
    pub(crate) fn refresh(&mut self) -> Vec<Event> {
        let Some(snapshot) = self.flow.snapshot() else {
            return Vec::new();
        };
        let config = self.flow.config().clone();
        self.flow = Flow::resume(config, snapshot, (self.clock)());
        self.timer = None;
        self.drain()
    }

    /// Waits for the answer to the request in flight or for the timer, whichever comes first, and
    /// feeds it to the core. Pending forever when neither exists (see [`Executor::waiting`]).
    /// Cancel-safe: a request in flight stays in flight when the returned future is dropped.
    pub(crate) async fn next(&mut self) -> Vec<Event> {
        let timer = self.timer.filter(|_| self.flow.next_deadline().is_some());
        let clock = &self.clock;
        let request = &mut self.request;
        let answer = async {
            match request {
                Some(request) => (request.id, (&mut request.reply).await),
                None => std::future::pending().await,
            }
        };
        let alarm = async {
            match timer {
                Some(at) => tokio::time::sleep(until(at, clock())).await,
                None => std::future::pending().await,
            }
        };
        let woke = tokio::select! {
            (id, answer) = answer => Some((id, answer)),
            () = alarm => None,
        };
        match woke {
            Some((id, answer)) => {
                self.request = None;
                match answer {
                    Ok(response) => self.input(Input::Response(id, response)),
                    Err(message) => self.input(Input::NetworkFailure(id, message)),
                }
            }
            None => self.input(Input::Tick),
        }
    }

    /// Cancels the transaction when the core allows it, superseding any request in flight (its late
    /// answer is dropped by the core), and waits up to `limit` for the server's answer. False when the
    /// cancel failed or went unanswered in time.
    pub(crate) async fn cancel(&mut self, limit: Duration) -> bool {
        if !self.flow.is_allowed(ActionKind::Cancel) {
            self.request = None;
            return true;
        }
        let mut cancelled = !failed(&self.act(Action::Cancel));
        let limit = tokio::time::Instant::now() + limit;
        while self.sending() {
            match tokio::time::timeout_at(limit, self.next()).await {
                Ok(events) => cancelled &= !failed(&events),
                Err(_) => {
                    self.request = None;
                    return false;
                }
            }
        }
        cancelled
    }

    fn input(&mut self, input: Input) -> Vec<Event> {
        self.flow.handle(input, (self.clock)());
        self.drain()
    }

    /// Performs the queued outputs; returns what a person should see.
    fn drain(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        while let Some(output) = self.flow.poll_output() {
            match output {
                Output::Send(outgoing) => {
                    // Replacing the request aborts the superseded one.
                    self.request = Some(InFlight {
                        id: outgoing.id,
                        reply: Box::pin(self.transport.send(outgoing.request)),
                    });
                }
                Output::WakeAt(at) => self.timer = Some(at),
                Output::Persist(_) | Output::ClearSnapshot => {}
                Output::Navigate(href) => events.push(Event::Navigate(href)),
                Output::Delivered(delivery) => events.push(Event::Delivered(delivery)),
                Output::Changed => events.push(Event::Changed),
                Output::Failed(failure) => events.push(Event::Failed(failure)),
            }
        }
        if self.flow.in_flight().is_none() {
            // The core gave up on it (its deadline passed): stop waiting for its answer.
            self.request = None;
        }
        events
    }
}

/// How long from `now` until `at` (zero when it has passed).
fn until(at: OffsetDateTime, now: OffsetDateTime) -> Duration {
    if at > now {
        (at - now).unsigned_abs()
    } else {
        Duration::ZERO
    }
}

fn failed(events: &[Event]) -> bool {
    events.iter().any(|e| matches!(e, Event::Failed(_)))
}
