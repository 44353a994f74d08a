//! WebAuthn ceremonies: `navigator.credentials.create` (enroll a security key or passkey) and
//! `navigator.credentials.get` (verify with one), each with an `AbortSignal` so that leaving the view
//! (choosing another factor, going back, cancelling) closes the browser's prompt.
//!
//! The core types the options once ([`WebAuthnCreation`], [`WebAuthnRequest`]: binary values as
//! base64url text); [`BrowserWebAuthn`] builds the browser's `PublicKeyCredentialCreationOptions` /
//! `PublicKeyCredentialRequestOptions` from those typed values (bytes decoded with
//! [`authn_core::webauthn::decode_binary`]; the newer `parseCreationOptionsFromJSON` is not needed),
//! and hands back the bytes the core encodes ([`NewCredential::registration`],
//! [`Assertion::credential`]). Nothing here decides what happens next: the views do what the core
//! allows with the result.

use std::future::Future;
use std::pin::Pin;

use authn_core::webauthn::decode_binary;
use authn_core::{
    CredentialDescriptor, FactorCredential, Registration, WebAuthnCreation, WebAuthnRequest,
};
use wasm_bindgen::{JsCast, JsValue};

/// What a ceremony resolves to.
pub type CeremonyFuture<T> = Pin<Box<dyn Future<Output = Result<T, CeremonyError>>>>;

/// A browser call in progress: its result, and the handle that aborts it.
pub struct Ceremony<T> {
    /// Resolves once the user answered the browser's prompt (or it failed or was aborted).
    pub result: CeremonyFuture<T>,
    /// Dropping it aborts the call (`AbortController.abort()`); harmless once it is over.
    pub abort: AbortHandle,
}

impl<T: 'static> Ceremony<T> {
    /// A ceremony that failed before the browser was asked (nothing to abort).
    pub fn failed(error: CeremonyError) -> Self {
        Self {
            result: Box::pin(std::future::ready(Err(error))),
            abort: AbortHandle::new(|| {}),
        }
    }
}

/// Aborts a pending browser call when dropped.
pub type AbortHandle = super::OnDrop;

/// A new credential (`navigator.credentials.create`): the bytes and hints Okta's activation takes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewCredential {
    /// `response.attestationObject`.
    pub attestation_object: Vec<u8>,
    /// `response.clientDataJSON`.
    pub client_data_json: Vec<u8>,
    /// `response.getTransports()` (empty where the browser has no such method).
    pub transports: Vec<String>,
    /// `getClientExtensionResults()` as JSON text.
    pub client_extensions: Option<String>,
}

impl NewCredential {
    /// The activation payload, encoded by the core as Okta's widget encodes it.
    pub fn registration(&self) -> Registration {
        Registration::webauthn(
            &self.attestation_object,
            &self.client_data_json,
            self.transports.clone(),
            self.client_extensions.clone(),
        )
    }
}

/// An assertion (`navigator.credentials.get`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assertion {
    /// `response.clientDataJSON`.
    pub client_data_json: Vec<u8>,
    /// `response.authenticatorData`.
    pub authenticator_data: Vec<u8>,
    /// `response.signature`.
    pub signature: Vec<u8>,
}

impl Assertion {
    /// The verify credential, encoded by the core as Okta's widget encodes it.
    pub fn credential(&self) -> FactorCredential {
        FactorCredential::webauthn(
            &self.client_data_json,
            &self.authenticator_data,
            &self.signature,
        )
    }
}

/// Why a ceremony gave no credential: the `DOMException` names the WebAuthn API rejects with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CeremonyError {
    /// `NotAllowedError`: the user cancelled, the prompt timed out, or no authenticator holds one of
    /// the allowed credentials. Trying again may work.
    NotAllowed,
    /// `InvalidStateError`: the authenticator already holds one of the user's keys
    /// (`excludeCredentials`): this key is registered already.
    InvalidState,
    /// `AbortError`: the widget aborted the call itself (the user left the view): nothing to show.
    Aborted,
    /// `SecurityError`: this page's address cannot use the relying party (an IP address, another
    /// domain, or a page that is not a secure context).
    Security,
    /// The options could not be used (a binary value that is not base64url, a browser that refused
    /// to build them).
    BadOptions,
    /// Anything else (`NotSupportedError`, `UnknownError`, ...): the exception's name and message,
    /// for the console.
    Other(String),
}

impl CeremonyError {
    /// The error of a rejected `navigator.credentials` promise (a `DOMException`, or anything else a
    /// browser throws).
    pub fn of_exception(name: &str, message: &str) -> Self {
        match name {
            "NotAllowedError" => Self::NotAllowed,
            "InvalidStateError" => Self::InvalidState,
            "AbortError" => Self::Aborted,
            "SecurityError" => Self::Security,
            "TypeError" => Self::BadOptions,
            _ => Self::Other(format!("{name}: {message}")),
        }
    }
}

/// The browser's WebAuthn API, or a fake ([`crate::testing::FakeWebAuthn`]).
pub trait WebAuthn {
    /// Whether this browser has the WebAuthn API (`PublicKeyCredential`,
    /// `navigator.credentials.create` and `get`); without it the factor is not offered.
    fn available(&self) -> bool;
    /// Registers a new credential with these options.
    fn create(&self, options: &WebAuthnCreation) -> Ceremony<NewCredential>;
    /// Asks for an assertion with these options.
    fn get(&self, options: &WebAuthnRequest) -> Ceremony<Assertion>;
}

/// `navigator.credentials`, with an `AbortController` per call.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserWebAuthn;

impl WebAuthn for BrowserWebAuthn {
    fn available(&self) -> bool {
        let global = js_sys::global();
        let Some(credentials) = web_sys::window()
            .map(|w| JsValue::from(w.navigator()))
            .and_then(|navigator| get(&navigator, "credentials"))
        else {
            return false;
        };
        is_function(&get(&global, "PublicKeyCredential"))
            && is_function(&get(&credentials, "create"))
            && is_function(&get(&credentials, "get"))
    }

    fn create(&self, options: &WebAuthnCreation) -> Ceremony<NewCredential> {
        match creation_options(options) {
            Ok(public_key) => call("create", &public_key, new_credential),
            Err(error) => Ceremony::failed(error),
        }
    }

    fn get(&self, options: &WebAuthnRequest) -> Ceremony<Assertion> {
        match request_options(options) {
            Ok(public_key) => call("get", &public_key, assertion),
            Err(error) => Ceremony::failed(error),
        }
    }
}

/// `navigator.credentials[method]({ publicKey, signal })`, its answer read by `read`.
fn call<T: 'static>(
    method: &str,
    public_key: &js_sys::Object,
    read: fn(&JsValue) -> Option<T>,
) -> Ceremony<T> {
    let Ok(controller) = web_sys::AbortController::new() else {
        return Ceremony::failed(CeremonyError::BadOptions);
    };
    let options = js_sys::Object::new();
    set(&options, "publicKey", public_key);
    set(&options, "signal", &controller.signal());
    let promise = web_sys::window()
        .map(|w| JsValue::from(w.navigator()))
        .and_then(|navigator| get(&navigator, "credentials"))
        .and_then(|credentials| {
            let function = get(&credentials, method)?
                .dyn_into::<js_sys::Function>()
                .ok()?;
            Some(function.call1(&credentials, &options))
        });
    let promise = match promise {
        Some(Ok(promise)) => js_sys::Promise::resolve(&promise),
        Some(Err(thrown)) => return Ceremony::failed(exception(&thrown)),
        None => return Ceremony::failed(CeremonyError::Other("no navigator.credentials".into())),
    };
    let result = async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(answer) => read(&answer).ok_or_else(|| {
                CeremonyError::Other("the browser answered without a credential".into())
            }),
            Err(thrown) => Err(exception(&thrown)),
        }
    };
    Ceremony {
        result: Box::pin(result),
        abort: AbortHandle::new(move || controller.abort()),
    }
}

/// The error of what a rejected promise threw.
fn exception(thrown: &JsValue) -> CeremonyError {
    let text = |key| {
        get(thrown, key)
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    CeremonyError::of_exception(&text("name"), &text("message"))
}

/// `PublicKeyCredentialCreationOptions` from the typed options (bytes decoded; text as sent).
pub fn creation_options(options: &WebAuthnCreation) -> Result<js_sys::Object, CeremonyError> {
    let public_key = js_sys::Object::new();
    let rp = js_sys::Object::new();
    set(&rp, "name", &options.rp_name.as_str().into());
    if let Some(id) = &options.rp_id {
        set(&rp, "id", &id.as_str().into());
    }
    set(&public_key, "rp", &rp);
    let user = js_sys::Object::new();
    set(&user, "id", &bytes(&options.user_id)?);
    set(&user, "name", &options.user_name.as_str().into());
    set(
        &user,
        "displayName",
        &options.user_display_name.as_str().into(),
    );
    set(&public_key, "user", &user);
    set(&public_key, "challenge", &bytes(&options.challenge)?);
    let params: js_sys::Array = options
        .algorithms
        .iter()
        .map(|alg| {
            let param = js_sys::Object::new();
            set(&param, "type", &"public-key".into());
            // COSE algorithm ids are small integers: exact as a JS number.
            set(&param, "alg", &JsValue::from_f64(*alg as f64));
            JsValue::from(param)
        })
        .collect();
    set(&public_key, "pubKeyCredParams", &params);
    set(
        &public_key,
        "excludeCredentials",
        &descriptors(&options.exclude_credentials)?.into(),
    );
    let selection = js_sys::Object::new();
    set_text(
        &selection,
        "authenticatorAttachment",
        options.authenticator_attachment.as_deref(),
    );
    set_text(
        &selection,
        "userVerification",
        options.user_verification.as_deref(),
    );
    set_text(&selection, "residentKey", options.resident_key.as_deref());
    if let Some(required) = options.require_resident_key {
        set(&selection, "requireResidentKey", &required.into());
    }
    set(&public_key, "authenticatorSelection", &selection);
    set_text(&public_key, "attestation", options.attestation.as_deref());
    set_timeout(&public_key, options.timeout_ms);
    Ok(public_key)
}

/// `PublicKeyCredentialRequestOptions` from the typed options (no `rpId`: the page's host, as in
/// Okta's widget).
pub fn request_options(options: &WebAuthnRequest) -> Result<js_sys::Object, CeremonyError> {
    let public_key = js_sys::Object::new();
    set(&public_key, "challenge", &bytes(&options.challenge)?);
    set(
        &public_key,
        "allowCredentials",
        &descriptors(&options.allow_credentials)?.into(),
    );
    set_text(
        &public_key,
        "userVerification",
        options.user_verification.as_deref(),
    );
    if let Some(extensions) = &options.extensions {
        let parsed =
            js_sys::JSON::parse(&extensions.to_string()).map_err(|_| CeremonyError::BadOptions)?;
        set(&public_key, "extensions", &parsed);
    }
    set_timeout(&public_key, options.timeout_ms);
    Ok(public_key)
}

/// A base64url value as a `Uint8Array`.
fn bytes(text: &str) -> Result<JsValue, CeremonyError> {
    let decoded = decode_binary(text).ok_or(CeremonyError::BadOptions)?;
    Ok(js_sys::Uint8Array::from(decoded.as_slice()).into())
}

/// `[{ type: "public-key", id, transports? }]`.
fn descriptors(list: &[CredentialDescriptor]) -> Result<js_sys::Array, CeremonyError> {
    let out = js_sys::Array::new();
    for descriptor in list {
        let item = js_sys::Object::new();
        set(&item, "type", &"public-key".into());
        set(&item, "id", &bytes(&descriptor.id)?);
        if !descriptor.transports.is_empty() {
            let transports: js_sys::Array = descriptor
                .transports
                .iter()
                .map(|t| JsValue::from_str(t))
                .collect();
            set(&item, "transports", &transports);
        }
        out.push(&item);
    }
    Ok(out)
}

fn set_timeout(object: &js_sys::Object, timeout_ms: Option<u64>) {
    if let Some(timeout) = timeout_ms.and_then(|t| u32::try_from(t).ok()) {
        set(object, "timeout", &timeout.into());
    }
}

fn set_text(object: &js_sys::Object, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        set(object, key, &value.into());
    }
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

/// `target[key]`, when it is neither `undefined` nor `null`.
fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn is_function(value: &Option<JsValue>) -> bool {
    value.as_ref().is_some_and(JsValue::is_function)
}

/// The bytes of `target[key]` (an `ArrayBuffer` or a view of one).
fn buffer(target: &JsValue, key: &str) -> Option<Vec<u8>> {
    let value = get(target, key)?;
    if value.is_instance_of::<js_sys::ArrayBuffer>() || js_sys::ArrayBuffer::is_view(&value) {
        Some(js_sys::Uint8Array::new(&value).to_vec())
    } else {
        None
    }
}

/// `target[method]()`, when it is a method (older browsers lack `getTransports`).
fn call_method(target: &JsValue, method: &str) -> Option<JsValue> {
    let function = get(target, method)?.dyn_into::<js_sys::Function>().ok()?;
    function
        .call0(target)
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn new_credential(credential: &JsValue) -> Option<NewCredential> {
    let response = get(credential, "response")?;
    let transports = call_method(&response, "getTransports")
        .map(|list| {
            js_sys::Array::from(&list)
                .iter()
                .filter_map(|t| t.as_string())
                .collect()
        })
        .unwrap_or_default();
    let client_extensions = call_method(credential, "getClientExtensionResults")
        .and_then(|results| js_sys::JSON::stringify(&results).ok())
        .map(String::from);
    Some(NewCredential {
        attestation_object: buffer(&response, "attestationObject")?,
        client_data_json: buffer(&response, "clientDataJSON")?,
        transports,
        client_extensions,
    })
}

fn assertion(credential: &JsValue) -> Option<Assertion> {
    let response = get(credential, "response")?;
    Some(Assertion {
        client_data_json: buffer(&response, "clientDataJSON")?,
        authenticator_data: buffer(&response, "authenticatorData")?,
        signature: buffer(&response, "signature")?,
    })
}
