//! MFA_ENROLL_ACTIVATE: the code sent by SMS, call or email; the authenticator app's QR code and key;
//! Okta Verify's QR code, activation links and wait.

use authn_core::{
    Action, ActionKind, Activation, ActivationChannel, MfaEnrollActivate, PassCode, PushActivation,
    PushPhase, TotpSetup,
};
use yew::prelude::*;

use super::{e164, enroll_links};
use crate::components::{CodeForm, TextField, alert, header, notice, setter};
use crate::config::safe_url;
use crate::factors::label_of;
use crate::messages::{Msg, fill};
use crate::model::{Step, UiEvent};
use crate::services::Services;

/// Props of the activation views.
#[derive(Properties, PartialEq)]
pub struct ActivateProps {
    /// Shared step inputs.
    pub step: Step,
    /// The state data.
    pub data: MfaEnrollActivate,
    /// The view title (code activation).
    #[prop_or(Msg::EnrollSmsTitle)]
    pub title: Msg,
}

fn activate_with(code: String) -> Action {
    Action::ActivateFactor {
        pass_code: Some(PassCode::new(code)),
        registration: None,
    }
}

/// SMS, voice call or email: the code that was sent, with resend when the core offers it.
#[component]
pub fn ActivateCode(props: &ActivateProps) -> Html {
    let step = &props.step;
    let sent_to = props.data.factor.destination().unwrap_or_default();
    html! {
        <>
            { header(props.title.text(), fill(Msg::CodeSentTo, &[sent_to])) }
            { alert(step.error.as_ref(), None) }
            { notice(step.notice) }
            <CodeForm step={step.clone()} submit={Callback::from(activate_with)} />
            { enroll_links(step, true) }
        </>
    }
}

/// TOTP (Okta Verify code, Google Authenticator): QR code, manual key with copy, then the code.
#[component]
pub fn ActivateTotp(props: &ActivateProps) -> Html {
    let step = &props.step;
    let services = use_context::<Services>();
    let title = fill(Msg::EnrollTotpTitle, &[&label_of(&props.data.factor)]);
    let setup: Option<&TotpSetup> = match &props.data.factor.activation {
        Some(Activation::Totp(setup)) => Some(setup),
        Some(
            Activation::Push(_) | Activation::WebAuthn(_) | Activation::U2f(_) | Activation::Duo(_),
        )
        | None => None,
    };
    let secret = setup.map(|s| s.shared_secret.expose().to_owned());
    let qr = setup
        .and_then(|s| s.qr_code.as_ref())
        .and_then(|href| safe_url(href.as_str()))
        .map(str::to_owned);
    let copy = {
        let secret = secret.clone().unwrap_or_default();
        let ui = step.ui.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(services) = &services {
                services.page.copy_text(&secret);
            }
            ui.emit(UiEvent::Notice(Msg::Copied));
        })
    };
    html! {
        <>
            { header(title, Msg::EnrollTotpScan.text()) }
            { alert(step.error.as_ref(), None) }
            if let Some(src) = qr {
                <img class="authn-qr" {src} alt={Msg::QrCodeAlt.text()} width="192" height="192" />
            }
            if let Some(secret) = secret {
                <div class="authn-field">
                    <span class="authn-label" id="authn-secret-label">{ Msg::ManualKey.text() }</span>
                    <div class="authn-secret">
                        <code aria-labelledby="authn-secret-label" data-secret="">{ secret }</code>
                        <button type="button" class="authn-button authn-button-small" data-action="copy"
                            onclick={copy}>{ Msg::CopyKey.text() }</button>
                    </div>
                </div>
            }
            { notice(step.notice) }
            <CodeForm step={step.clone()} label={Msg::EnterCode} submit={Callback::from(activate_with)} resend={false} />
            { enroll_links(step, true) }
        </>
    }
}

/// Okta Verify push: QR code, activation link by SMS / email, waits (the core polls) until the phone
/// is set up; once the QR code expired, activation starts again.
#[component]
pub fn ActivatePush(props: &ActivateProps) -> Html {
    let step = &props.step;
    let country = use_state(|| "+1".to_owned());
    let number = use_state(String::new);
    let push: Option<&PushActivation> = match &props.data.factor.activation {
        Some(Activation::Push(push)) => Some(push),
        Some(
            Activation::Totp(_) | Activation::WebAuthn(_) | Activation::U2f(_) | Activation::Duo(_),
        )
        | None => None,
    };
    let waiting = match props.data.push_phase() {
        Some(PushPhase::Waiting { .. }) | None => true,
        Some(PushPhase::Rejected | PushPhase::TimedOut | PushPhase::Failed) => false,
    };
    let qr = push
        .and_then(|p| p.qr_code.as_ref())
        .and_then(|href| safe_url(href.as_str()))
        .map(str::to_owned);
    let can_send = step.can(ActionKind::SendActivationLink);
    let offers = |channel: ActivationChannel| {
        can_send && push.is_some_and(|p| p.send.iter().any(|(c, _)| *c == channel))
    };
    let (send_email, send_sms) = (
        offers(ActivationChannel::Email),
        offers(ActivationChannel::Sms),
    );
    let on_sms = {
        let (country, number) = (country.clone(), number.clone());
        let dispatch = step.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !number.trim().is_empty() {
                dispatch.emit(Action::SendActivationLink {
                    channel: ActivationChannel::Sms,
                    phone_number: Some(e164(&country, &number)),
                });
            }
        })
    };
    let restart = step
        .dispatch
        .reform(|_: MouseEvent| Action::ActivateFactor {
            pass_code: None,
            registration: None,
        });
    html! {
        <>
            { header(Msg::EnrollPushTitle.text(), Msg::EnrollPushScan.text()) }
            { alert(step.error.as_ref(), None) }
            { notice(step.notice) }
            if waiting {
                if let Some(src) = qr {
                    <img class="authn-qr" {src} alt={Msg::QrCodeAlt.text()} width="192" height="192" />
                }
                <div class="authn-spinner" aria-hidden="true"></div>
                <p class="authn-text" role="status">{ Msg::EnrollPushWaiting.text() }</p>
            } else {
                <p class="authn-text" role="status">{ Msg::EnrollPushExpired.text() }</p>
                <button type="button" class="authn-button authn-button-primary authn-button-wide" data-action="restart"
                    disabled={step.busy || !step.can(ActionKind::ActivateFactor)} onclick={restart}>{ Msg::TryAgain.text() }</button>
            }
            if send_email {
                <button type="button" class="authn-button authn-button-wide" data-action="send-email" disabled={step.busy}
                    onclick={step.dispatch.reform(|_: MouseEvent| Action::SendActivationLink {
                        channel: ActivationChannel::Email, phone_number: None })}>
                    { Msg::SendLinkEmail.text() }
                </button>
            }
            if send_sms {
                <form class="authn-form" onsubmit={on_sms}>
                    <div class="authn-row">
                        <TextField id="authn-link-country" label={Msg::CountryCode} value={(*country).clone()}
                            oninput={setter(&country)} autocomplete="tel-country-code" input_type="tel"
                            class="authn-field-small" />
                        <TextField id="authn-link-phone" label={Msg::PhoneNumber} value={(*number).clone()}
                            oninput={setter(&number)} autocomplete="tel" input_type="tel" />
                    </div>
                    <button type="submit" class="authn-button authn-button-wide" data-action="send-sms"
                        disabled={step.busy || number.trim().is_empty()}>{ Msg::SendLinkSms.text() }</button>
                </form>
            }
            { enroll_links(step, true) }
        </>
    }
}
