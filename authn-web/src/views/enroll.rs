use authn_core::{
    Action, ActionKind, ActivationChannel, EnrollFactor, EnrollProfile, Enrollment, Factor,
    FactorResult, FactorStatus, FactorType, MfaEnroll, MfaEnrollActivate, PassCode, Provider,
    SecurityQuestion,
};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::{TextField, alert, cancel_link, link_button, notice, submit_button};
use crate::config::safe_url;
use crate::factors::label_of;
use crate::hooks::{Step, UiEvent};
use crate::messages::{Msg, fill};
use crate::services::Services;
use crate::views::header;
use crate::views::recovery::CodeForm;

/// Props of [`EnrollChoices`].
#[derive(Properties, PartialEq)]
pub struct EnrollChoicesProps {
    /// Shared step inputs.
    pub step: Step,
    /// The state data.
    pub data: MfaEnroll,
}

fn is_active(factor: &Factor) -> bool {
    matches!(factor.status, Some(FactorStatus::Active))
}

/// The factors to set up: required first, already-enrolled marked, skip / finish when offered.
#[component]
pub fn EnrollChoices(props: &EnrollChoicesProps) -> Html {
    let step = &props.step;
    let required: Vec<&Factor> = props
        .data
        .factors
        .iter()
        .filter(|f| matches!(f.enrollment, Some(Enrollment::Required)))
        .collect();
    let optional: Vec<&Factor> = props
        .data
        .factors
        .iter()
        .filter(|f| !matches!(f.enrollment, Some(Enrollment::Required)))
        .collect();
    let item = |factor: &Factor| {
        let key = factor.key();
        let active = is_active(factor);
        let label = label_of(factor);
        let onclick = step
            .ui
            .reform(move |_: MouseEvent| UiEvent::PickFactor(Some(key.clone())));
        let badge = if active {
            Msg::EnrollEnrolled
        } else if matches!(factor.enrollment, Some(Enrollment::Required)) {
            Msg::EnrollRequired
        } else {
            Msg::EnrollOptional
        };
        html! {
            <li>
                <div class="authn-factor" data-factor={factor.factor_type.as_str().to_owned()}
                    data-provider={factor.provider.as_str().to_owned()}>
                    <span>
                        <span class="authn-factor-name">{ label.clone() }</span>
                        <span class="authn-badge">{ badge.text() }</span>
                    </span>
                    if !active {
                        <button type="button" class="authn-button authn-button-small" {onclick}
                            disabled={step.busy} aria-label={format!("{} {}", Msg::EnrollSetup.text(), label)}>
                            { Msg::EnrollSetup.text() }
                        </button>
                    }
                </div>
            </li>
        }
    };
    let all_required_done = required.iter().all(|f| is_active(f));
    let skip_label = if props.data.factors.iter().any(is_active) && all_required_done {
        Msg::EnrollFinish
    } else {
        Msg::Skip
    };
    html! {
        <>
            { header(Msg::EnrollChoicesTitle.text(), Msg::EnrollChoicesSubtitle.text()) }
            { alert(step.error.as_ref(), true) }
            if !required.is_empty() {
                <h3 class="authn-heading">{ Msg::EnrollRequired.text() }</h3>
                <ul class="authn-factors">{ for required.iter().map(|f| item(f)) }</ul>
            }
            if !optional.is_empty() {
                <h3 class="authn-heading">{ Msg::EnrollOptional.text() }</h3>
                <ul class="authn-factors">{ for optional.iter().map(|f| item(f)) }</ul>
            }
            if props.data.can_skip && step.can(ActionKind::Skip) {
                <div class="authn-actions">
                    <button type="button" class="authn-button authn-button-primary authn-button-wide"
                        data-action="skip" disabled={step.busy}
                        onclick={step.dispatch.reform(|_: MouseEvent| Action::Skip)}>{ skip_label.text() }</button>
                </div>
            }
            <nav class="authn-links">{ cancel_link(step, Msg::BackToSignIn) }</nav>
        </>
    }
}

/// Props shared by the per-factor enroll views.
#[derive(Properties, PartialEq)]
pub struct EnrollProps {
    /// Shared step inputs.
    pub step: Step,
    /// The factor being set up (from the choices, or the activation state).
    pub factor: Factor,
    /// Present in MFA_ENROLL_ACTIVATE.
    #[prop_or_default]
    pub activate: Option<MfaEnrollActivate>,
    /// Security questions (MFA_ENROLL after `ListQuestions`).
    #[prop_or_default]
    pub questions: Option<Vec<SecurityQuestion>>,
}

/// "Choose another factor" and cancel links for the enroll views.
fn enroll_links(step: &Step, activating: bool) -> Html {
    let back = if activating {
        step.can(ActionKind::Previous)
            .then(|| step.dispatch.reform(|()| Action::Previous))
    } else {
        Some(step.ui.reform(|()| UiEvent::PickFactor(None)))
    };
    html! {
        <nav class="authn-links">
            if let Some(onclick) = back {
                { link_button(Msg::ChooseAnother, "back", onclick, step.busy) }
            }
            { cancel_link(step, Msg::BackToSignIn) }
        </nav>
    }
}

fn enroll_action(factor: &Factor, profile: EnrollProfile, update_phone: bool) -> Action {
    Action::EnrollFactor(EnrollFactor {
        factor: factor.key(),
        profile,
        update_phone,
    })
}

fn activate_with(code: String) -> Action {
    Action::ActivateFactor {
        pass_code: Some(PassCode::new(code)),
        registration: None,
    }
}

/// The resend link name for a factor, if the state publishes it.
fn resend_for(step: &Step, resend: &[String], factor_type: &FactorType) -> Option<Action> {
    if !step.can(ActionKind::Resend) {
        return None;
    }
    let wanted = factor_type.as_str();
    let channel = resend
        .iter()
        .find(|name| name.eq_ignore_ascii_case(wanted))
        .or_else(|| resend.first())
        .cloned();
    Some(Action::Resend { channel })
}

/// Security question: questions come from the factor's `questions` link (ListQuestions).
#[component]
pub fn EnrollQuestion(props: &EnrollProps) -> Html {
    let step = &props.step;
    let selected = use_state(String::new);
    let answer = use_state(String::new);
    {
        let dispatch = step.dispatch.clone();
        let need = props.questions.is_none() && step.can(ActionKind::ListQuestions);
        use_effect_with((), move |()| {
            if need {
                dispatch.emit(Action::ListQuestions);
            }
        });
    }
    let select_ref = use_node_ref();
    {
        // The list arrives after the view was shown (focus then went to the title): move focus to it,
        // unless the user has already moved focus elsewhere.
        let select_ref = select_ref.clone();
        use_effect_with(props.questions.is_some(), move |loaded| {
            if *loaded {
                focus_if_on_title(&select_ref);
            }
        });
    }
    let questions = props.questions.clone().unwrap_or_default();
    let current = if selected.is_empty() {
        questions.first().map(|q| q.key.clone()).unwrap_or_default()
    } else {
        (*selected).clone()
    };
    let onchange = {
        let selected = selected.clone();
        Callback::from(move |e: Event| {
            selected.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let onsubmit = {
        let (answer, factor, current) = (answer.clone(), props.factor.clone(), current.clone());
        let dispatch = step.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if current.is_empty() || answer.trim().is_empty() {
                return;
            }
            let profile = EnrollProfile::Question {
                question: current.clone(),
                answer: authn_core::Answer::new((*answer).clone()),
            };
            dispatch.emit(enroll_action(&factor, profile, false));
        })
    };
    let oninput = {
        let answer = answer.clone();
        Callback::from(move |v: String| answer.set(v))
    };
    html! {
        <>
            { header(Msg::EnrollQuestionTitle.text(), None::<AttrValue>) }
            { alert(step.error.as_ref(), true) }
            if props.questions.is_none() {
                <p class="authn-text" role="status">{ Msg::LoadingQuestions.text() }</p>
            } else {
                <form class="authn-form" {onsubmit}>
                    <div class="authn-field">
                        <label class="authn-label" for="authn-question">{ Msg::ChooseQuestion.text() }</label>
                        <select class="authn-select" id="authn-question" name="authn-question" {onchange}
                            ref={select_ref}>
                            { for questions.iter().map(|q| html! {
                                <option value={q.key.clone()} selected={q.key == current}>{ q.text.clone() }</option>
                            }) }
                        </select>
                    </div>
                    <TextField id="authn-question-answer" label={Msg::Answer} value={(*answer).clone()} {oninput} />
                    { submit_button(Msg::Submit, step.busy, answer.trim().is_empty()) }
                </form>
            }
            { enroll_links(step, false) }
        </>
    }
}

/// Focuses `target` when focus is on nothing, the page body or the view title (where the widget put
/// it before the content loaded); leaves a focus the user moved alone.
fn focus_if_on_title(target: &NodeRef) {
    let Some(target) = target.cast::<web_sys::HtmlElement>() else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let untouched = active.is_none_or(|el| {
        el.tag_name().eq_ignore_ascii_case("body") || el.class_list().contains("authn-title")
    });
    if untouched {
        let _ = target.focus();
    }
}

/// The E.164 number from a country code and a national number (a number typed with `+` wins).
pub fn e164(country_code: &str, number: &str) -> String {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    if number.trim_start().starts_with('+') {
        format!("+{}", digits(number))
    } else {
        format!("+{}{}", digits(country_code), digits(number))
    }
}

/// SMS or voice call: phone number (and extension) first, then the code that was sent.
#[component]
pub fn EnrollPhone(props: &EnrollProps) -> Html {
    let step = &props.step;
    let call = props.factor.factor_type == FactorType::Call;
    let country = use_state(|| "+1".to_owned());
    let number = use_state(String::new);
    let extension = use_state(String::new);
    let title = if call {
        Msg::EnrollCallTitle
    } else {
        Msg::EnrollSmsTitle
    };
    if let Some(activate) = &props.activate {
        let phone = activate
            .factor
            .profile
            .phone_number
            .clone()
            .unwrap_or_default();
        let resend = resend_for(step, &activate.resend, &activate.factor.factor_type);
        return html! {
            <>
                { header(title.text(), fill(Msg::CodeSentTo, &[&phone])) }
                { alert(step.error.as_ref(), true) }
                { notice(step.notice) }
                <CodeForm step={step.clone()} submit={Callback::from(activate_with)} {resend} />
                { enroll_links(step, true) }
            </>
        };
    }
    let setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    let onsubmit = {
        let (country, number, extension) = (country.clone(), number.clone(), extension.clone());
        let factor = props.factor.clone();
        let dispatch = step.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if number.trim().is_empty() {
                return;
            }
            let ext = extension.trim();
            let profile = EnrollProfile::Phone {
                phone_number: e164(&country, &number),
                extension: (call && !ext.is_empty()).then(|| ext.to_owned()),
            };
            dispatch.emit(enroll_action(&factor, profile, !factor.phones.is_empty()));
        })
    };
    let on_file = props
        .factor
        .phones
        .first()
        .map(|p| fill(Msg::PhoneOnFile, &[p]));
    html! {
        <>
            { header(title.text(), None::<AttrValue>) }
            { alert(step.error.as_ref(), true) }
            <form class="authn-form" {onsubmit}>
                if let Some(text) = on_file { <p class="authn-text">{ text }</p> }
                <div class="authn-row">
                    <TextField id="authn-country-code" label={Msg::CountryCode} value={(*country).clone()}
                        oninput={setter(&country)} autocomplete="tel-country-code" input_type="tel"
                        class="authn-field-small" />
                    <TextField id="authn-phone" label={Msg::PhoneNumber} value={(*number).clone()}
                        oninput={setter(&number)} autocomplete="tel" input_type="tel"
                        invalid={step.error.is_some()} />
                </div>
                if call {
                    <TextField id="authn-extension" label={Msg::Extension} value={(*extension).clone()}
                        oninput={setter(&extension)} autocomplete="tel-extension" input_type="tel"
                        required={false} class="authn-field-small" />
                }
                { submit_button(if call { Msg::CallMe } else { Msg::SendCode }, step.busy, number.trim().is_empty()) }
            </form>
            { enroll_links(step, false) }
        </>
    }
}

/// Email: send the code to the primary address, then enter it.
#[component]
pub fn EnrollEmail(props: &EnrollProps) -> Html {
    let step = &props.step;
    if let Some(activate) = &props.activate {
        let email = activate.factor.profile.email.clone().unwrap_or_default();
        let resend = resend_for(step, &activate.resend, &activate.factor.factor_type);
        return html! {
            <>
                { header(Msg::EnrollEmailTitle.text(), fill(Msg::CodeSentTo, &[&email])) }
                { alert(step.error.as_ref(), true) }
                { notice(step.notice) }
                <CodeForm step={step.clone()} submit={Callback::from(activate_with)} {resend} />
                { enroll_links(step, true) }
            </>
        };
    }
    let factor = props.factor.clone();
    let onclick = step
        .dispatch
        .reform(move |_: MouseEvent| enroll_action(&factor, EnrollProfile::None, false));
    html! {
        <>
            { header(Msg::EnrollEmailTitle.text(), Msg::EnrollEmailText.text()) }
            { alert(step.error.as_ref(), true) }
            <button type="button" class="authn-button authn-button-primary authn-button-wide"
                data-action="enroll" disabled={step.busy} {onclick}>{ Msg::SendCode.text() }</button>
            { enroll_links(step, false) }
        </>
    }
}

/// "Next" button that enrolls a factor needing no profile (TOTP, push).
fn start_enroll(step: &Step, factor: &Factor) -> Html {
    let factor = factor.clone();
    let onclick = step
        .dispatch
        .reform(move |_: MouseEvent| enroll_action(&factor, EnrollProfile::None, false));
    html! {
        <button type="button" class="authn-button authn-button-primary authn-button-wide"
            data-action="enroll" disabled={step.busy} {onclick}>{ Msg::Next.text() }</button>
    }
}

/// TOTP (Okta Verify code, Google Authenticator): QR code, manual key with copy, then the code.
#[component]
pub fn EnrollTotp(props: &EnrollProps) -> Html {
    let step = &props.step;
    let services = use_context::<Services>();
    let name = label_of(&props.factor);
    let title = fill(Msg::EnrollTotpTitle, &[&name]);
    let Some(activate) = &props.activate else {
        return html! {
            <>
                { header(title, Msg::EnrollTotpScan.text()) }
                { alert(step.error.as_ref(), true) }
                { start_enroll(step, &props.factor) }
                { enroll_links(step, false) }
            </>
        };
    };
    let activation = activate.factor.activation.clone().unwrap_or_default();
    let secret = activation.shared_secret.clone();
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
            { alert(step.error.as_ref(), true) }
            if let Some(src) = activation.qr_code_href.as_deref().and_then(safe_url) {
                <img class="authn-qr" src={src.to_owned()} alt={Msg::QrCodeAlt.text()} width="192" height="192" />
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
            <CodeForm step={step.clone()} label={Msg::EnterCode} submit={Callback::from(activate_with)} />
            { enroll_links(step, true) }
        </>
    }
}

/// Okta Verify push: QR code, activation link by SMS / email, waits (polls) until activated.
#[component]
pub fn EnrollPush(props: &EnrollProps) -> Html {
    let step = &props.step;
    let country = use_state(|| "+1".to_owned());
    let number = use_state(String::new);
    let Some(activate) = &props.activate else {
        return html! {
            <>
                { header(Msg::EnrollPushTitle.text(), Msg::EnrollPushScan.text()) }
                { alert(step.error.as_ref(), true) }
                { start_enroll(step, &props.factor) }
                { enroll_links(step, false) }
            </>
        };
    };
    let activation = activate.factor.activation.clone().unwrap_or_default();
    let result = activate
        .factor_result
        .clone()
        .or(activation.factor_result.clone());
    // Anything but "still waiting" ends this QR code; the `activate` link restarts activation.
    let expired = match result {
        None | Some(FactorResult::Waiting | FactorResult::Challenge | FactorResult::Success) => {
            false
        }
        Some(
            FactorResult::Timeout
            | FactorResult::TimeWindowExceeded
            | FactorResult::Rejected
            | FactorResult::Cancelled
            | FactorResult::Error
            | FactorResult::Failed
            | FactorResult::PasscodeReplayed
            | FactorResult::Unknown(_),
        ) => true,
    };
    let can_send = step.can(ActionKind::SendActivationLink);
    let send_email = activation.send_channels.contains(&ActivationChannel::Email) && can_send;
    let send_sms = activation.send_channels.contains(&ActivationChannel::Sms) && can_send;
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
    let setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
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
            { alert(step.error.as_ref(), true) }
            { notice(step.notice) }
            if expired {
                <p class="authn-text" role="status">{ Msg::EnrollPushExpired.text() }</p>
                <button type="button" class="authn-button authn-button-primary authn-button-wide" data-action="restart"
                    disabled={step.busy || !step.can(ActionKind::ActivateFactor)} onclick={restart}>{ Msg::TryAgain.text() }</button>
            } else {
                if let Some(src) = activation.qr_code_href.as_deref().and_then(safe_url) {
                    <img class="authn-qr" src={src.to_owned()} alt={Msg::QrCodeAlt.text()} width="192" height="192" />
                }
                <div class="authn-spinner" aria-hidden="true"></div>
                <p class="authn-text" role="status">{ Msg::EnrollPushWaiting.text() }</p>
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

/// RSA SecurID, Symantec VIP (credential id + codes) and YubiKey (one OTP).
#[component]
pub fn EnrollToken(props: &EnrollProps) -> Html {
    let step = &props.step;
    let credential = use_state(String::new);
    let code = use_state(String::new);
    let next_code = use_state(String::new);
    let hardware = props.factor.factor_type == FactorType::TokenHardware;
    let symantec = props.factor.provider == Provider::Symantec;
    let setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    let onsubmit = {
        let (credential, code, next_code) = (credential.clone(), code.clone(), next_code.clone());
        let factor = props.factor.clone();
        let dispatch = step.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if code.trim().is_empty() || (!hardware && credential.trim().is_empty()) {
                return;
            }
            let pass_code = PassCode::new(code.trim());
            let profile = if hardware {
                EnrollProfile::Hardware { pass_code }
            } else {
                EnrollProfile::Token {
                    credential_id: credential.trim().to_owned(),
                    pass_code,
                    next_pass_code: symantec.then(|| PassCode::new(next_code.trim())),
                }
            };
            dispatch.emit(enroll_action(&factor, profile, false));
        })
    };
    let title = fill(Msg::EnrollTokenTitle, &[&label_of(&props.factor)]);
    html! {
        <>
            { header(title, hardware.then_some(AttrValue::Static(Msg::YubikeyInsert.text()))) }
            { alert(step.error.as_ref(), true) }
            <form class="authn-form" {onsubmit}>
                if !hardware {
                    <TextField id="authn-credential-id" label={Msg::CredentialId} value={(*credential).clone()}
                        oninput={setter(&credential)} autocomplete="username" />
                }
                <TextField id="authn-passcode" label={Msg::Passcode} value={(*code).clone()}
                    oninput={setter(&code)} autocomplete="one-time-code" input_type={if hardware { "password" } else { "text" }} />
                if symantec {
                    <TextField id="authn-next-passcode" label={Msg::NextPasscode} value={(*next_code).clone()}
                        oninput={setter(&next_code)} autocomplete="one-time-code" />
                }
                { submit_button(Msg::Verify, step.busy, code.trim().is_empty()) }
            </form>
            { enroll_links(step, false) }
        </>
    }
}

/// A factor this widget cannot set up: say so and offer another choice (never a blank view).
/// `activating`: in MFA_ENROLL_ACTIVATE ("choose another" goes back through the server).
pub fn enroll_unsupported(step: &Step, factor: &Factor, activating: bool) -> Html {
    let name = label_of(factor);
    html! {
        <>
            { header(Msg::UnsupportedTitle.text(), fill(Msg::UnsupportedText, &[&name])) }
            { alert(step.error.as_ref(), true) }
            { enroll_links(step, activating) }
        </>
    }
}
