//! The hosting page: its URL, navigation, visibility and the clipboard.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Path and query of the page URL (used to bootstrap recovery and step-up tokens).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageLocation {
    /// `location.pathname`, e.g. `/signin/reset-password/abc`.
    pub path: String,
    /// `location.search` without the leading `?`.
    pub query: String,
}

/// A registered listener; dropping it removes the listener.
pub type ListenerHandle = super::OnDrop;

/// What the widget needs from the page it is embedded in.
pub trait Page {
    /// The current URL's path and query.
    fn location(&self) -> PageLocation;
    /// Leaves the page for `url` (step-up redirect).
    fn navigate(&self, url: &str);
    /// Whether the page is hidden (`document.visibilityState == "hidden"`).
    fn is_hidden(&self) -> bool;
    /// Calls `listener` whenever the page visibility changes.
    fn on_visibility_change(&self, listener: Box<dyn Fn()>) -> ListenerHandle;
    /// Copies `text` to the clipboard (best effort).
    fn copy_text(&self, text: &str);
}

/// The real page (`window`, `document`, `navigator.clipboard`).
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserPage;

impl Page for BrowserPage {
    fn location(&self) -> PageLocation {
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return PageLocation::default();
        };
        let path = location.pathname().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        let query = search.strip_prefix('?').unwrap_or(&search).to_owned();
        PageLocation { path, query }
    }

    fn navigate(&self, url: &str) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(url);
        }
    }

    fn is_hidden(&self) -> bool {
        web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
    }

    fn on_visibility_change(&self, listener: Box<dyn Fn()>) -> ListenerHandle {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return ListenerHandle::new(|| {});
        };
        let closure = Closure::<dyn Fn()>::new(listener);
        let function: js_sys::Function =
            closure.as_ref().unchecked_ref::<js_sys::Function>().clone();
        let _ = document.add_event_listener_with_callback("visibilitychange", &function);
        ListenerHandle::new(move || {
            let _ = document.remove_event_listener_with_callback("visibilitychange", &function);
            drop(closure);
        })
    }

    fn copy_text(&self, text: &str) {
        if let Some(window) = web_sys::window() {
            // The promise result is not needed: the key stays visible as text either way.
            let _ = window.navigator().clipboard().write_text(text);
        }
    }
}
