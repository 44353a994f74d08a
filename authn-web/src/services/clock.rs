//! Time and timers. The only place that reads the real clock or arms a real timer.

use std::time::Duration;

use time::OffsetDateTime;

/// A running timer; dropping the handle cancels it.
pub type TimerHandle = super::OnDrop;

/// Clock and one-shot timers.
pub trait Clock {
    /// The current wall-clock time (passed to `authn-core` as `now`).
    fn now(&self) -> OffsetDateTime;
    /// Runs `task` once after `delay`, unless the returned handle is dropped first.
    fn schedule(&self, delay: Duration, task: Box<dyn FnOnce()>) -> TimerHandle;
}

/// `Date.now()` and `setTimeout`.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now(&self) -> OffsetDateTime {
        let millis = js_sys::Date::now();
        // Date.now() is integral milliseconds since the epoch; the cast keeps it exact.
        let nanos = (millis as i128) * 1_000_000;
        OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    fn schedule(&self, delay: Duration, task: Box<dyn FnOnce()>) -> TimerHandle {
        let millis = u32::try_from(delay.as_millis()).unwrap_or(u32::MAX);
        let timeout = gloo_timers::callback::Timeout::new(millis, task);
        TimerHandle::new(move || drop(timeout))
    }
}
