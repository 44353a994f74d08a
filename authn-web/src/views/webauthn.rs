//! Security keys and passkeys (WebAuthn, Okta's `features.webauthn`): enrolling one
//! (`enroll-webauthn`: MFA_ENROLL, then MFA_ENROLL_ACTIVATE, where the browser registers a key) and
//! verifying with one (inside `mfa-verify`: MFA_REQUIRED, then MFA_CHALLENGE, where the browser asks
//! for an assertion, for one key or for every key of the user when verifying by type).
//!
//! The core builds every request and types every option (`Factor::webauthn_creation`,
//! `Factor::webauthn_request`, `Registration::webauthn`, `FactorCredential::webauthn`); these views
//! only open the browser's prompt through the injected [`WebAuthn`] service, announce it, and hand
//! its result back as the action the core allows. The prompt opens when the activation or the
//! challenge shows, and closes (aborted) when the view goes or a user request starts (choosing
//! another factor, going back, cancelling). A failed prompt shows as an error with "Try again":
//! after a prompt that gave nothing the same options are tried again; after the server refused an
//! assertion, verifying again without one brings a fresh challenge (as Okta's widget does).
//!
//! Without the feature (Okta's default) or without WebAuthn in the browser the views say so and
//! offer another factor ([`crate::factors::offered`] leaves the factor out of the list when the
//! browser cannot use it and another factor is left).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use authn_core::{
    Action, ActionKind, EnrollProfile, ErrorMessage, Factor, FactorCredential, WebAuthnCreation,
    WebAuthnRequest,
};
use yew::prelude::*;

use super::enroll::{enroll_action, enroll_links, enroll_unsupported};
use super::verify::unsupported_text;
use crate::components::{alert, header, submit_button};
use crate::errors::UiError;
use crate::messages::Msg;
use crate::model::{Step, UiEvent, WebAuthnSupport};
use crate::services::{AbortHandle, Assertion, Ceremony, CeremonyError, NewCredential, Services};

/// The error a WebAuthn view shows: an assertion or registration the server refused (E0000068,
/// whose key is the invalid-code one) reads as such, anything else as the core says.
pub(super) fn shown_error(error: Option<&UiError>) -> Option<UiError> {
    let error = error?.clone();
    Some(match error.key {
        // Its causes speak of a passcode: left out.
        ErrorMessage::InvalidCode => UiError {
            message: Msg::WebAuthnRejected.text().to_owned(),
            causes: Vec::new(),
            ..error
        },
        ErrorMessage::AuthFailed
        | ErrorMessage::InvalidAnswer
        | ErrorMessage::CodeTimeWindow
        | ErrorMessage::Locked
        | ErrorMessage::LockedAdmin
        | ErrorMessage::InvalidPhone
        | ErrorMessage::SessionExpired
        | ErrorMessage::RecoveryLinkExpired
        | ErrorMessage::PasswordRejected
        | ErrorMessage::RateLimited
        | ErrorMessage::Network
        | ErrorMessage::Protocol
        | ErrorMessage::Server
        | ErrorMessage::NotAllowed
        | ErrorMessage::InvalidInput
        | ErrorMessage::ServerSummary => error,
    })
}

/// A prompt in progress: dropping it aborts the browser call; `live` is cleared first, so its late
/// answer is ignored.
struct Pending {
    live: Rc<Cell<bool>>,
    _abort: AbortHandle,
}

type PendingSlot = Rc<RefCell<Option<Pending>>>;

/// Closes the prompt in `slot`, if one is open.
fn close(slot: &PendingSlot, open: &UseStateHandle<bool>) {
    let pending = slot.borrow_mut().take();
    if let Some(pending) = pending {
        pending.live.set(false);
        open.set(false);
    }
}

/// Opens the browser's prompt with `start` each time `key` changes to `Some` (new options, or a
/// retry), hands the result to `done`, and aborts it when `key` changes again, the view goes, or a
/// user request starts (`busy`). Whether the prompt is open.
#[hook]
fn use_ceremony<K, T, F>(
    key: Option<K>,
    busy: bool,
    start: F,
    done: Callback<Result<T, CeremonyError>>,
) -> bool
where
    K: PartialEq + 'static,
    T: 'static,
    F: FnOnce(&K) -> Ceremony<T> + 'static,
{
    let open = use_state(|| false);
    let slot: PendingSlot = use_mut_ref(|| None);
    // The result goes to the latest callback (the remember-device box may change meanwhile).
    let latest = use_mut_ref(|| done.clone());
    *latest.borrow_mut() = done;
    {
        let (open, slot) = (open.clone(), slot.clone());
        use_effect_with(key, move |key| {
            if let Some(key) = key {
                let Ceremony { result, abort } = start(key);
                let live = Rc::new(Cell::new(true));
                open.set(true);
                let (live2, open2, slot2) = (live.clone(), open.clone(), slot.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = result.await;
                    if !live2.get() {
                        return;
                    }
                    close(&slot2, &open2);
                    let done = latest.borrow().clone();
                    done.emit(result);
                });
                *slot.borrow_mut() = Some(Pending {
                    live,
                    _abort: abort,
                });
            }
            move || close(&slot, &open)
        });
    }
    {
        // Going back, choosing another factor or cancelling closes the prompt at once.
        let (open, slot) = (open.clone(), slot.clone());
        use_effect_with(busy, move |busy| {
            if *busy {
                close(&slot, &open);
            }
        });
    }
    *open
}

/// Reports a prompt that gave no credential (an abort the widget made itself shows nothing).
fn report(ui: &Callback<UiEvent>, error: &CeremonyError) {
    if let CeremonyError::Other(detail) = error {
        web_sys::console::warn_1(&format!("authn-web: WebAuthn: {detail}").into());
    }
    if let Some(error) = UiError::ceremony(error) {
        ui.emit(UiEvent::Failed(error));
    }
}

/// The announced state of the prompt (a polite live region that is always there, so that its
/// change is read out) and the spinner while it is open.
fn prompt_status(open: bool) -> Html {
    html! {
        <>
            <p class="authn-text" role="status" aria-live="polite"
                data-webauthn-prompt={if open { "open" } else { "closed" }}>
                if open { { Msg::WebAuthnWaiting.text() } }
            </p>
            if open { <div class="authn-spinner" aria-hidden="true"></div> }
        </>
    }
}

/// "Try again" after a prompt that gave nothing or a refused answer.
fn retry_button(step: &Step, onclick: Callback<MouseEvent>) -> Html {
    html! {
        <button type="button" class="authn-button authn-button-primary authn-button-wide"
            data-action="retry" disabled={step.busy} {onclick}>{ Msg::TryAgain.text() }</button>
    }
}

/// Props of [`WebAuthnVerify`].
#[derive(Properties, PartialEq)]
pub struct WebAuthnVerifyProps {
    /// Shared step inputs.
    pub step: Step,
    /// The factor: a key, the verify-by-type entry (MFA_REQUIRED) or the challenged factor.
    pub factor: Factor,
    /// MFA_CHALLENGE: the challenge is there, the prompt opens.
    #[prop_or_default]
    pub in_challenge: bool,
    /// The verify action with the credential (remember device as the user chose).
    pub verify: Callback<Option<FactorCredential>, Action>,
    /// The remember-device checkbox, when offered.
    #[prop_or_default]
    pub remember: Option<Html>,
    /// Another factor can be chosen (the text without WebAuthn says "select another factor").
    #[prop_or_default]
    pub others: bool,
}

/// Verifying with a security key or passkey: in MFA_REQUIRED a "Verify" button asks for the
/// challenge (a key's, or every key's when verifying by type); in MFA_CHALLENGE the browser's
/// prompt opens at once, and its assertion is sent.
#[component]
pub fn WebAuthnVerify(props: &WebAuthnVerifyProps) -> Html {
    let step = &props.step;
    let services = use_context::<Services>();
    let attempt = use_state(|| 0_u32);
    let request: Option<WebAuthnRequest> = props.factor.webauthn_request().cloned();
    let key = (props.in_challenge && step.webauthn == WebAuthnSupport::Ready)
        .then_some(request)
        .flatten()
        .map(|request| (request, *attempt));
    let done = {
        let (dispatch, ui, verify) = (step.dispatch.clone(), step.ui.clone(), props.verify.clone());
        Callback::from(
            move |result: Result<Assertion, CeremonyError>| match result {
                Ok(assertion) => dispatch.emit(verify.emit(Some(assertion.credential()))),
                Err(error) => report(&ui, &error),
            },
        )
    };
    let open = use_ceremony(
        key,
        step.busy,
        move |(request, _): &(WebAuthnRequest, u32)| match &services {
            Some(services) => services.webauthn.get(request),
            None => Ceremony::failed(CeremonyError::Other("no services".into())),
        },
        done,
    );
    match step.webauthn {
        WebAuthnSupport::Off => return unsupported_text(Msg::UnsupportedWebAuthn),
        WebAuthnSupport::NoBrowserApi => {
            let text = if props.others || step.can(ActionKind::Previous) {
                Msg::WebAuthnNoBrowser
            } else {
                Msg::WebAuthnNoBrowserOnly
            };
            return html! { <p class="authn-text" data-webauthn="unsupported">{ text.text() }</p> };
        }
        WebAuthnSupport::Ready => {}
    }
    let action = if !props.in_challenge {
        // MFA_REQUIRED: ask for the challenge.
        let verify = props.verify.clone();
        let onsubmit = step.dispatch.reform(move |e: SubmitEvent| {
            e.prevent_default();
            verify.emit(None)
        });
        html! {
            <form class="authn-form" {onsubmit}>
                { for props.remember.clone() }
                { submit_button(Msg::Verify, step.busy, false) }
            </form>
        }
    } else if open {
        html! { <>{ for props.remember.clone() }</> }
    } else {
        // After a refusal by the server the challenge is spent: verify again for a fresh one.
        let refused = step.error.as_ref().is_some_and(|e| e.ceremony.is_none());
        let (attempt, dispatch, verify) =
            (attempt.clone(), step.dispatch.clone(), props.verify.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            if refused {
                dispatch.emit(verify.emit(None));
            } else {
                attempt.set(*attempt + 1);
            }
        });
        html! {
            <>
                { for props.remember.clone() }
                { retry_button(step, onclick) }
            </>
        }
    };
    html! {
        <div class="authn-webauthn" data-webauthn="verify">
            <p class="authn-text">{ Msg::WebAuthnVerifyText.text() }</p>
            { prompt_status(open) }
            { action }
        </div>
    }
}

/// Props of [`WebAuthnEnroll`].
#[derive(Properties, PartialEq)]
pub struct WebAuthnEnrollProps {
    /// Shared step inputs.
    pub step: Step,
    /// The WebAuthn factor.
    pub factor: Factor,
    /// In MFA_ENROLL_ACTIVATE (rather than MFA_ENROLL): the creation options are there.
    #[prop_or_default]
    pub activating: bool,
}

/// Enrolling a security key or passkey: in MFA_ENROLL an "Enroll" button enrolls the factor; in
/// MFA_ENROLL_ACTIVATE the browser's prompt opens at once and registers the key.
#[component]
pub fn WebAuthnEnroll(props: &WebAuthnEnrollProps) -> Html {
    let step = &props.step;
    let services = use_context::<Services>();
    let attempt = use_state(|| 0_u32);
    let creation: Option<WebAuthnCreation> = props.factor.webauthn_creation().cloned();
    let key = (props.activating && step.webauthn == WebAuthnSupport::Ready)
        .then_some(creation)
        .flatten()
        .map(|creation| (creation, *attempt));
    let done = {
        let (dispatch, ui) = (step.dispatch.clone(), step.ui.clone());
        Callback::from(
            move |result: Result<NewCredential, CeremonyError>| match result {
                Ok(credential) => dispatch.emit(Action::ActivateFactor {
                    pass_code: None,
                    registration: Some(credential.registration()),
                }),
                Err(error) => report(&ui, &error),
            },
        )
    };
    let open = use_ceremony(
        key,
        step.busy,
        move |(creation, _): &(WebAuthnCreation, u32)| match &services {
            Some(services) => services.webauthn.create(creation),
            None => Ceremony::failed(CeremonyError::Other("no services".into())),
        },
        done,
    );
    let unsupported = match step.webauthn {
        WebAuthnSupport::Off => Some(Msg::UnsupportedWebAuthn),
        WebAuthnSupport::NoBrowserApi => Some(Msg::WebAuthnNoBrowser),
        WebAuthnSupport::Ready => None,
    };
    if let Some(reason) = unsupported {
        return enroll_unsupported(step, &props.factor, Some(reason), props.activating);
    }
    let action = if !props.activating {
        let factor = props.factor.clone();
        let onsubmit = step.dispatch.reform(move |e: SubmitEvent| {
            e.prevent_default();
            enroll_action(&factor, EnrollProfile::None, false)
        });
        html! {
            <form class="authn-form" {onsubmit}>
                { submit_button(Msg::WebAuthnEnroll, step.busy, false) }
            </form>
        }
    } else if open {
        html! {}
    } else {
        // The activation's options stay usable: the browser is asked again with them.
        let attempt = attempt.clone();
        retry_button(
            step,
            Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1)),
        )
    };
    html! {
        <>
            { header(Msg::WebAuthnEnrollTitle.text(), None::<AttrValue>) }
            { alert(shown_error(step.error.as_ref()).as_ref(), None) }
            <div class="authn-webauthn" data-webauthn="enroll">
                <p class="authn-text">{ Msg::WebAuthnEnrollText.text() }</p>
                { prompt_status(open) }
                { action }
            </div>
            { enroll_links(step, props.activating) }
        </>
    }
}
