//! Security keys and passkeys (WebAuthn, Okta's `features.webauthn`): enrolling one
//! (`enroll-webauthn`: MFA_ENROLL, then MFA_ENROLL_ACTIVATE, where the browser registers a key) and
//! verifying with one (inside `mfa-verify`: MFA_REQUIRED, then MFA_CHALLENGE, where the browser asks
//! for an assertion, for one key or for every key of the user when verifying by type).
//!
//! The core builds every request and types every option (`Factor::webauthn_creation`,
//! `Factor::webauthn_request`, `Registration::webauthn`, `FactorCredential::webauthn`); these views
//! only open the browser's prompt through the injected [`crate::services::WebAuthn`] service, announce it, and hand
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

/// Which step of a WebAuthn factor the view shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyStep {
    /// MFA_ENROLL, the factor picked: "Enroll" enrolls it.
    Enroll,
    /// MFA_ENROLL_ACTIVATE: the browser registers a key.
    Activate,
    /// MFA_REQUIRED, the factor (a key, or every key by type) picked: "Verify" asks for the challenge.
    Choose,
    /// MFA_CHALLENGE: the browser signs the challenge.
    Challenge,
}

/// What the browser is asked for.
#[derive(Clone, PartialEq)]
enum Ask {
    Register(WebAuthnCreation),
    Sign(WebAuthnRequest),
}

/// What the browser answered.
enum Answer {
    Registered(NewCredential),
    Signed(Assertion),
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

/// Opens the browser's prompt for `ask` each time the key changes to `Some` (new options, or a
/// retry), hands the answer to `done`, and aborts it when the key changes again, the view goes, or
/// a user request starts (`busy`). Whether the prompt is open.
#[hook]
fn use_prompt(
    key: Option<(Ask, u32)>,
    busy: bool,
    done: Callback<Result<Answer, CeremonyError>>,
) -> bool {
    let services = use_context::<Services>();
    let open = use_state(|| false);
    let slot: PendingSlot = use_mut_ref(|| None);
    // The answer goes to the latest callback (the remember-device box may change meanwhile).
    let latest = use_mut_ref(|| done.clone());
    *latest.borrow_mut() = done;
    {
        let (open, slot) = (open.clone(), slot.clone());
        use_effect_with(key, move |key| {
            if let (Some((ask, _)), Some(services)) = (key, services) {
                let (result, abort) = match ask {
                    Ask::Register(options) => {
                        let Ceremony { result, abort } = services.webauthn.create(options);
                        let result: std::pin::Pin<Box<dyn std::future::Future<Output = _>>> =
                            Box::pin(async move { result.await.map(Answer::Registered) });
                        (result, abort)
                    }
                    Ask::Sign(options) => {
                        let Ceremony { result, abort } = services.webauthn.get(options);
                        let result: std::pin::Pin<Box<dyn std::future::Future<Output = _>>> =
                            Box::pin(async move { result.await.map(Answer::Signed) });
                        (result, abort)
                    }
                };
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

/// Props of [`WebAuthnView`].
#[derive(Properties, PartialEq)]
pub struct WebAuthnProps {
    /// Shared step inputs.
    pub step: Step,
    /// The factor: the one enrolled or challenged, a key, or the verify-by-type entry.
    pub factor: Factor,
    /// Which step.
    pub key_step: KeyStep,
    /// Verifying: the verify action with the credential (remember device as the user chose).
    #[prop_or_default]
    pub verify: Option<Callback<Option<FactorCredential>, Action>>,
    /// Verifying: the remember-device checkbox, when offered.
    #[prop_or_default]
    pub remember: Option<Html>,
    /// Verifying: another factor can be chosen.
    #[prop_or_default]
    pub others: bool,
}

/// Verifying with a security key or passkey, inside `mfa-verify`: in MFA_REQUIRED
/// ([`KeyStep::Choose`]) a "Verify" button asks for the challenge (a key's, or every key's when
/// verifying by type); in MFA_CHALLENGE the browser's prompt opens at once, and its assertion is
/// sent with `verify`.
pub fn webauthn_verify(
    step: &Step,
    factor: &Factor,
    in_challenge: bool,
    verify: Callback<Option<FactorCredential>, Action>,
    remember: Option<Html>,
    others: bool,
) -> Html {
    let key_step = if in_challenge {
        KeyStep::Challenge
    } else {
        KeyStep::Choose
    };
    html! {
        <WebAuthnView step={step.clone()} factor={factor.clone()} {key_step} verify={Some(verify)}
            {remember} {others} />
    }
}

/// Enrolling a security key or passkey (`enroll-webauthn`): in MFA_ENROLL an "Enroll" button enrolls
/// the factor; in MFA_ENROLL_ACTIVATE (`activating`) the browser's prompt opens at once and
/// registers the key.
pub fn webauthn_enroll(step: &Step, factor: &Factor, activating: bool) -> Html {
    let key_step = if activating {
        KeyStep::Activate
    } else {
        KeyStep::Enroll
    };
    html! { <WebAuthnView step={step.clone()} factor={factor.clone()} {key_step} /> }
}

/// The one WebAuthn view ([`webauthn_verify`], [`webauthn_enroll`]).
#[component]
pub fn WebAuthnView(props: &WebAuthnProps) -> Html {
    let step = &props.step;
    let attempt = use_state(|| 0_u32);
    let ready = step.webauthn == WebAuthnSupport::Ready;
    let ask = match props.key_step {
        KeyStep::Activate => props.factor.webauthn_creation().cloned().map(Ask::Register),
        KeyStep::Challenge => props.factor.webauthn_request().cloned().map(Ask::Sign),
        KeyStep::Enroll | KeyStep::Choose => None,
    };
    let done = {
        let (dispatch, ui, verify) = (step.dispatch.clone(), step.ui.clone(), props.verify.clone());
        Callback::from(move |result: Result<Answer, CeremonyError>| match result {
            Ok(Answer::Registered(credential)) => dispatch.emit(Action::ActivateFactor {
                pass_code: None,
                registration: Some(credential.registration()),
            }),
            Ok(Answer::Signed(assertion)) => {
                if let Some(verify) = &verify {
                    dispatch.emit(verify.emit(Some(assertion.credential())));
                }
            }
            Err(error) => {
                if let CeremonyError::Other(detail) = &error {
                    web_sys::console::warn_1(&format!("authn-web: WebAuthn: {detail}").into());
                }
                // An abort the widget made itself shows nothing.
                if let Some(error) = UiError::ceremony(&error) {
                    ui.emit(UiEvent::Failed(error));
                }
            }
        })
    };
    let open = use_prompt(
        ask.filter(|_| ready).map(|ask| (ask, *attempt)),
        step.busy,
        done,
    );
    let enrolling = matches!(props.key_step, KeyStep::Enroll | KeyStep::Activate);
    let activating = props.key_step == KeyStep::Activate;
    let unsupported = match step.webauthn {
        WebAuthnSupport::Off => Some(Msg::UnsupportedWebAuthn),
        WebAuthnSupport::NoBrowserApi
            if enrolling || props.others || step.can(ActionKind::Previous) =>
        {
            Some(Msg::WebAuthnNoBrowser)
        }
        WebAuthnSupport::NoBrowserApi => Some(Msg::WebAuthnNoBrowserOnly),
        WebAuthnSupport::Ready => None,
    };
    match (unsupported, enrolling) {
        (Some(reason), true) => {
            return enroll_unsupported(step, &props.factor, Some(reason), activating);
        }
        (Some(Msg::UnsupportedWebAuthn), false) => {
            return unsupported_text(Msg::UnsupportedWebAuthn);
        }
        (Some(reason), false) => {
            return html! { <p class="authn-text" data-webauthn="unsupported">{ reason.text() }</p> };
        }
        (None, _) => {}
    }
    let remember = props.remember.clone();
    let action = match (props.key_step, open) {
        (KeyStep::Enroll | KeyStep::Choose, _) => {
            let (factor, verify) = (props.factor.clone(), props.verify.clone());
            let onsubmit = step.dispatch.reform(move |e: SubmitEvent| {
                e.prevent_default();
                match &verify {
                    // MFA_REQUIRED: ask for the challenge.
                    Some(verify) => verify.emit(None),
                    None => enroll_action(&factor, EnrollProfile::None, false),
                }
            });
            let label = if enrolling {
                Msg::WebAuthnEnroll
            } else {
                Msg::Verify
            };
            html! {
                <form class="authn-form" {onsubmit}>
                    { for remember }
                    { submit_button(label, step.busy, false) }
                </form>
            }
        }
        (KeyStep::Activate | KeyStep::Challenge, true) => html! { <>{ for remember }</> },
        (KeyStep::Activate | KeyStep::Challenge, false) => {
            // After a refusal by the server an assertion's challenge is spent: verify again for a
            // fresh one. Otherwise the same options are tried again (Okta's widget retries an
            // activation with the options it has).
            let refused = step.error.as_ref().is_some_and(|e| e.ceremony.is_none());
            let again = props.verify.clone().filter(|_| refused);
            let (attempt, dispatch) = (attempt.clone(), step.dispatch.clone());
            let onclick = Callback::from(move |_: MouseEvent| match &again {
                Some(verify) => dispatch.emit(verify.emit(None)),
                None => attempt.set(*attempt + 1),
            });
            html! {
                <>
                    { for remember }
                    <button type="button" class="authn-button authn-button-primary authn-button-wide"
                        data-action="retry" disabled={step.busy} {onclick}>{ Msg::TryAgain.text() }</button>
                </>
            }
        }
    };
    let (text, kind) = if enrolling {
        (Msg::WebAuthnEnrollText, "enroll")
    } else {
        (Msg::WebAuthnVerifyText, "verify")
    };
    // The prompt's state, in a polite live region that is always there (so that its change is
    // read out), and the spinner while it is open.
    let content = html! {
        <div class="authn-webauthn" data-webauthn={kind}>
            <p class="authn-text">{ text.text() }</p>
            <p class="authn-text" role="status" aria-live="polite"
                data-webauthn-prompt={if open { "open" } else { "closed" }}>
                if open { { Msg::WebAuthnWaiting.text() } }
            </p>
            if open { <div class="authn-spinner" aria-hidden="true"></div> }
            { action }
        </div>
    };
    if !enrolling {
        return content;
    }
    html! {
        <>
            { header(Msg::WebAuthnEnrollTitle.text(), None::<AttrValue>) }
            { alert(shown_error(step.error.as_ref()).as_ref(), None) }
            { content }
            { enroll_links(step, activating) }
        </>
    }
}
