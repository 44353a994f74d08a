//! A seconds countdown driven by the injected clock (resend buttons).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use time::OffsetDateTime;
use yew::prelude::*;

use crate::services::{Clock, Services, TimerHandle};

type Slot = Rc<RefCell<Option<TimerHandle>>>;

/// Whole seconds from `now` until `deadline`, rounded up.
fn seconds_until(now: OffsetDateTime, deadline: OffsetDateTime) -> u32 {
    let millis = (deadline - now).whole_milliseconds().max(0);
    u32::try_from((millis + 999) / 1000).unwrap_or(u32::MAX)
}

/// Arms the next one-second tick; each tick re-arms the next one until the deadline, so a
/// clock that jumps forward (a test clock, a throttled background tab) still ends on time.
fn arm(clock: Rc<dyn Clock>, deadline: OffsetDateTime, setter: UseStateSetter<u32>, slot: Slot) {
    let next_clock = clock.clone();
    let next_slot = slot.clone();
    let task = Box::new(move || {
        let left = seconds_until(next_clock.now(), deadline);
        setter.set(left);
        if left > 0 {
            arm(next_clock, deadline, setter, next_slot);
        }
    });
    let handle = clock.schedule(Duration::from_secs(1), task);
    *slot.borrow_mut() = Some(handle);
}

/// Seconds left of a countdown of `seconds` that restarts whenever `epoch` changes.
/// Ticks through [`Services::clock`], so tests advance it without waiting.
#[hook]
pub fn use_countdown(epoch: u64, seconds: u32) -> u32 {
    let services = use_context::<Services>();
    let left = use_state_eq(|| seconds);
    let setter = left.setter();
    use_effect_with(epoch, move |_| {
        setter.set(seconds);
        let slot: Slot = Rc::new(RefCell::new(None));
        if let Some(services) = services {
            let clock = services.clock.clone();
            let deadline = clock.now() + Duration::from_secs(u64::from(seconds));
            arm(clock, deadline, setter, slot.clone());
        }
        move || drop(slot.borrow_mut().take())
    });
    *left
}
