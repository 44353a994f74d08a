//! Seconds left of the core's resend window, ticking through the injected clock.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use yew::prelude::*;

use crate::model::ResendWindow;
use crate::services::{Clock, Services, TimerHandle};

type Slot = Rc<RefCell<Option<TimerHandle>>>;

/// Arms the next one-second tick; each tick re-arms the next one until the window opens, so a clock
/// that jumps forward (a test clock, a throttled background tab) still ends on time.
fn arm(clock: Rc<dyn Clock>, window: ResendWindow, setter: UseStateSetter<u32>, slot: Slot) {
    let next_clock = clock.clone();
    let next_slot = slot.clone();
    let task = Box::new(move || {
        let left = window.seconds_left(next_clock.now());
        setter.set(left);
        if left > 0 {
            arm(next_clock, window, setter, next_slot);
        }
    });
    let handle = clock.schedule(Duration::from_secs(1), task);
    *slot.borrow_mut() = Some(handle);
}

/// Whole seconds until `window` opens (0 when it is open or absent), kept current while mounted.
#[hook]
pub fn use_countdown(window: Option<ResendWindow>) -> u32 {
    let clock = use_context::<Services>().map(|s| s.clock.clone());
    let left_now = {
        let clock = clock.clone();
        move || match (window, &clock) {
            (Some(window), Some(clock)) => window.seconds_left(clock.now()),
            (Some(_) | None, _) => 0,
        }
    };
    let left = use_state_eq(left_now.clone());
    let setter = left.setter();
    use_effect_with(window, move |window| {
        let left = left_now();
        setter.set(left);
        let slot: Slot = Rc::new(RefCell::new(None));
        if let (Some(window), Some(clock), true) = (*window, clock, left > 0) {
            arm(clock, window, setter, slot.clone());
        }
        move || drop(slot.borrow_mut().take())
    });
    *left
}
