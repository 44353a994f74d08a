//! Key-value storage (Web Storage in the browser). Failures (private mode, quota) are ignored:
//! storage only ever holds conveniences, never something the flow depends on.

/// String key-value storage.
pub trait KeyValueStore {
    /// The stored value, if any.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores a value (best effort).
    fn set(&self, key: &str, value: &str);
    /// Removes a value (best effort).
    fn remove(&self, key: &str);
}

/// `window.localStorage` or `window.sessionStorage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebStorage {
    /// `localStorage`: survives the browser session.
    Local,
    /// `sessionStorage`: this tab only.
    Session,
}

impl WebStorage {
    fn storage(self) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        let storage = match self {
            Self::Local => window.local_storage(),
            Self::Session => window.session_storage(),
        };
        storage.ok().flatten()
    }
}

impl KeyValueStore for WebStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.storage()?.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) {
        if let Some(storage) = self.storage() {
            // Best effort: a full or disabled storage only loses a convenience.
            let _ = storage.set_item(key, value);
        }
    }

    fn remove(&self, key: &str) {
        if let Some(storage) = self.storage() {
            let _ = storage.remove_item(key);
        }
    }
}
