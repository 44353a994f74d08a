//! Okta's function options as the typed hooks of [`SignInConfig`](crate::SignInConfig):
//! `processCreds` (both of Okta's forms, told apart by arity), `transformUsername` and
//! `assets.rewrite`.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::config::{
    AssetRewrite, Credentials, HookError, ProcessCreds, TransformUsername, UsernameOperation,
};

fn failed(hook: &'static str, message: impl Into<String>) -> HookError {
    HookError {
        hook,
        message: message.into(),
    }
}

/// "the function threw", with the thrown error's message (the page's own text).
fn threw(hook: &'static str, error: &JsValue) -> HookError {
    let said = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string());
    match said {
        Some(said) => failed(hook, format!("the function threw: {said}")),
        None => failed(hook, "the function threw"),
    }
}

/// `{ username, password }`, the object Okta passes to `processCreds`.
fn credentials_object(credentials: &Credentials) -> JsValue {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &object,
        &"username".into(),
        &credentials.username.as_str().into(),
    );
    let _ = js_sys::Reflect::set(
        &object,
        &"password".into(),
        &credentials.password.expose().into(),
    );
    object.into()
}

/// `processCreds(creds)` (synchronous: done when it returns) or `processCreds(creds, callback)`
/// (done when it calls `callback`), as Okta tells them apart: by the function's `length`.
pub(super) fn process_creds(hook: js_sys::Function) -> ProcessCreds {
    ProcessCreds::new(move |credentials: Credentials| {
        let hook = hook.clone();
        Box::pin(async move {
            let creds = credentials_object(&credentials);
            if hook.length() < 2 {
                return hook
                    .call1(&JsValue::NULL, &creds)
                    .map(drop)
                    .map_err(|e| threw("processCreds", &e));
            }
            let done = js_sys::Promise::new(&mut |resolve, reject| {
                let callback = Closure::once_into_js(move || {
                    let _ = resolve.call0(&JsValue::NULL);
                });
                if let Err(error) = hook.call2(&JsValue::NULL, &creds, &callback) {
                    let _ = reject.call1(&JsValue::NULL, &error);
                }
            });
            JsFuture::from(done)
                .await
                .map(drop)
                .map_err(|e| threw("processCreds", &e))
        })
    })
}

/// What a hook that must return a string returned (or why it did not).
fn returned_string(
    hook: &'static str,
    result: Result<JsValue, JsValue>,
) -> Result<String, HookError> {
    let result = result.map_err(|e| threw(hook, &e))?;
    result.as_string().ok_or_else(|| {
        failed(
            hook,
            format!(
                "the function returned {} instead of a string",
                result.js_typeof().as_string().unwrap_or_default()
            ),
        )
    })
}

/// `transformUsername(username, operation)`, which must return a string.
pub(super) fn transform_username(hook: js_sys::Function) -> TransformUsername {
    TransformUsername::new(move |username: &str, operation: UsernameOperation| {
        let result = hook.call2(&JsValue::NULL, &username.into(), &operation.as_str().into());
        returned_string("transformUsername", result)
    })
}

/// `assets.rewrite(path)`, which must return a string.
pub(super) fn asset_rewrite(hook: js_sys::Function) -> AssetRewrite {
    AssetRewrite::new(move |path: &str| {
        returned_string("assets.rewrite", hook.call1(&JsValue::NULL, &path.into()))
    })
}
