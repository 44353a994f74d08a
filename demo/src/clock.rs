//! The emulator's clock: real time plus an offset that `/emulator/clock` moves forward.
//!
//! Every time read in the emulator goes through [`Clock::now`], so tests can expire tokens, pass TOTP
//! windows and refill rate-limit buckets without sleeping. Tests that must not see real time pass
//! (rate-limit buckets) can also freeze it.

use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

use time::{Duration, OffsetDateTime};

/// The largest total offset: 100 years.
pub const MAX_OFFSET_SECONDS: i64 = 100 * 366 * 86_400;

/// Real UTC time (or a frozen instant) shifted by an adjustable offset (milliseconds).
#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: AtomicI64,
    frozen: Mutex<Option<OffsetDateTime>>,
}

impl Clock {
    /// The emulator's current time.
    pub fn now(&self) -> OffsetDateTime {
        let base = self
            .frozen
            .lock()
            .map(|f| *f)
            .unwrap_or(None)
            .unwrap_or_else(OffsetDateTime::now_utc);
        base.checked_add(Duration::milliseconds(
            self.offset_ms.load(Ordering::SeqCst),
        ))
        .unwrap_or(base)
    }

    /// Moves the clock forward by `seconds` (negative values are ignored; the total offset is
    /// capped at [`MAX_OFFSET_SECONDS`] so that date arithmetic stays in range).
    pub fn advance(&self, seconds: i64) {
        if seconds > 0 {
            let ms = seconds.min(MAX_OFFSET_SECONDS).saturating_mul(1000);
            let _ = self
                .offset_ms
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |v| {
                    Some(v.saturating_add(ms).min(MAX_OFFSET_SECONDS * 1000))
                });
        }
    }

    /// Stops (true) or restarts (false) the passing of real time; the offset still applies.
    pub fn freeze(&self, frozen: bool) {
        if let Ok(mut f) = self.frozen.lock() {
            *f = match (frozen, *f) {
                (true, Some(at)) => Some(at),
                (true, None) => Some(OffsetDateTime::now_utc()),
                (false, _) => None,
            };
        }
    }

    /// Whether real time is frozen.
    pub fn is_frozen(&self) -> bool {
        self.frozen.lock().map(|f| f.is_some()).unwrap_or(false)
    }

    /// Current offset from real time, in seconds.
    pub fn offset_seconds(&self) -> i64 {
        self.offset_ms.load(Ordering::SeqCst) / 1000
    }

    /// Back to real time (no offset, not frozen).
    pub fn reset(&self) {
        self.offset_ms.store(0, Ordering::SeqCst);
        self.freeze(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_freeze_and_cap() {
        let c = Clock::default();
        c.freeze(true);
        let t0 = c.now();
        assert_eq!(c.now(), t0);
        c.advance(30);
        assert_eq!(c.now() - t0, Duration::seconds(30));
        c.advance(-100);
        assert_eq!(c.offset_seconds(), 30);
        c.advance(i64::MAX);
        assert_eq!(c.offset_seconds(), MAX_OFFSET_SECONDS);
        let _ = crate::model::time::iso(c.now());
        c.reset();
        assert_eq!(c.offset_seconds(), 0);
        assert!(!c.is_frozen());
    }
}
