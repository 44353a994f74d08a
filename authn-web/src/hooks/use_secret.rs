//! A secret field's value that never survives an error.

use yew::prelude::*;

/// The value of a field holding a secret (password, code, answer), emptied whenever `reset` changes:
/// pass the model's error sequence (plus anything else that should clear it) so that a rejected
/// secret is never kept.
#[hook]
pub fn use_secret<D: PartialEq + 'static>(reset: D) -> UseStateHandle<String> {
    let value = use_state(String::new);
    {
        let value = value.clone();
        use_effect_with(reset, move |_| value.set(String::new()));
    }
    value
}
