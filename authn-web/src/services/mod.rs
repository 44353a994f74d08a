//! Everything the widget needs from the outside world, behind small injectable traits.
//!
//! The widget never touches the network, the clock, storage or the page directly: it asks the
//! [`Services`] found in its Yew context. [`Services::browser`] wires the real implementations;
//! tests (and embedding apps) pass fakes from [`crate::testing`].

pub mod clock;
pub mod languages;
pub mod page;
pub mod storage;
pub mod transport;
pub mod webauthn;

use std::rc::Rc;

pub use clock::{BrowserClock, Clock, TimerHandle};
pub use languages::{BrowserLanguages, LanguageSource, TextFuture};
pub use page::{BrowserPage, ListenerHandle, Page, PageLocation};
pub use storage::{KeyValueStore, WebStorage};
pub use transport::{FetchTransport, Transport, TransportFuture};
pub use webauthn::{
    AbortHandle, Assertion, BrowserWebAuthn, Ceremony, CeremonyError, CeremonyFuture,
    NewCredential, WebAuthn,
};

/// Runs a function when dropped: cancels a timer ([`TimerHandle`]), removes a page listener
/// ([`ListenerHandle`]), aborts a browser call ([`AbortHandle`]).
#[must_use = "dropping it cancels what it holds"]
pub struct OnDrop {
    run: Option<Box<dyn FnOnce()>>,
}

impl OnDrop {
    /// Wraps the function that runs when the value is dropped.
    pub fn new(run: impl FnOnce() + 'static) -> Self {
        Self {
            run: Some(Box::new(run)),
        }
    }
}

impl Drop for OnDrop {
    fn drop(&mut self) {
        if let Some(run) = self.run.take() {
            run();
        }
    }
}

impl std::fmt::Debug for OnDrop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OnDrop")
    }
}

/// The injected environment of one widget instance.
#[derive(Clone)]
pub struct Services {
    /// Sends `authn-core` requests (fetch with credentials in the browser).
    pub transport: Rc<dyn Transport>,
    /// Current time and timers (poll delays, resend countdowns).
    pub clock: Rc<dyn Clock>,
    /// Long-lived preferences: remembered username, last-used factor (localStorage).
    pub local_store: Rc<dyn KeyValueStore>,
    /// Transaction snapshot for resume after reload (sessionStorage).
    pub session_store: Rc<dyn KeyValueStore>,
    /// The hosting page: URL, navigation, visibility, clipboard.
    pub page: Rc<dyn Page>,
    /// The browser's languages and the language files.
    pub languages: Rc<dyn LanguageSource>,
    /// Security keys and passkeys (`navigator.credentials`).
    pub webauthn: Rc<dyn WebAuthn>,
}

impl Services {
    /// Real browser services: fetch, `setTimeout`, Web Storage, `window.location`,
    /// `navigator.languages`, `navigator.credentials`.
    pub fn browser() -> Self {
        Self {
            transport: Rc::new(FetchTransport),
            clock: Rc::new(BrowserClock),
            local_store: Rc::new(WebStorage::Local),
            session_store: Rc::new(WebStorage::Session),
            page: Rc::new(BrowserPage),
            languages: Rc::new(BrowserLanguages),
            webauthn: Rc::new(BrowserWebAuthn),
        }
    }
}

impl PartialEq for Services {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.transport, &other.transport)
            && Rc::ptr_eq(&self.clock, &other.clock)
            && Rc::ptr_eq(&self.local_store, &other.local_store)
            && Rc::ptr_eq(&self.session_store, &other.session_store)
            && Rc::ptr_eq(&self.page, &other.page)
            && Rc::ptr_eq(&self.languages, &other.languages)
            && Rc::ptr_eq(&self.webauthn, &other.webauthn)
    }
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Services { .. }")
    }
}
