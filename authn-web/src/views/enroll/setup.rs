//! The MFA_ENROLL forms: security question, phone, tokens, and the one-button starts of email,
//! authenticator app and Okta Verify.

use authn_core::{
    Action, ActionKind, Answer, EnrollProfile, ErrorField, Factor, PassCode, SecurityQuestion,
};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{enroll_action, enroll_links};
use crate::components::{TextField, alert, header, setter, submit_button};
use crate::factors::label_of;
use crate::messages::{Msg, fill};
use crate::model::Step;

/// Props of the MFA_ENROLL forms.
#[derive(Properties, PartialEq)]
pub struct SetupProps {
    /// Shared step inputs.
    pub step: Step,
    /// The factor picked.
    pub factor: Factor,
    /// Security questions, once listed (question factor).
    #[prop_or_default]
    pub questions: Option<Vec<SecurityQuestion>>,
    /// Voice call (phone factor).
    #[prop_or_default]
    pub voice: bool,
    /// A YubiKey: one OTP, no credential id (token factors).
    #[prop_or_default]
    pub yubikey: bool,
    /// Two consecutive codes (Symantec VIP).
    #[prop_or_default]
    pub two_codes: bool,
}

/// Security question: questions come from the factor's `questions` link (`Action::ListQuestions`).
#[component]
pub fn EnrollQuestion(props: &SetupProps) -> Html {
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
                answer: Answer::new((*answer).clone()),
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
            { alert(step.error.as_ref(), None) }
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

/// SMS or voice call: phone number (and extension for a call); the code that is sent activates it.
/// The server's reasons for a refused number show under the phone field.
#[component]
pub fn EnrollPhone(props: &SetupProps) -> Html {
    let step = &props.step;
    let voice = props.voice;
    let country = use_state(|| "+1".to_owned());
    let number = use_state(String::new);
    let extension = use_state(String::new);
    let title = if voice {
        Msg::EnrollCallTitle
    } else {
        Msg::EnrollSmsTitle
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
                extension: (voice && !ext.is_empty()).then(|| ext.to_owned()),
            };
            dispatch.emit(enroll_action(&factor, profile, !factor.phones.is_empty()));
        })
    };
    let on_file = props
        .factor
        .phones
        .first()
        .map(|p| fill(Msg::PhoneOnFile, &[p]));
    let phone_errors = step
        .error
        .as_ref()
        .map(|e| e.causes_for(ErrorField::PhoneNumber).to_vec())
        .unwrap_or_default();
    html! {
        <>
            { header(title.text(), None::<AttrValue>) }
            { alert(step.error.as_ref(), Some(ErrorField::PhoneNumber)) }
            <form class="authn-form" {onsubmit}>
                if let Some(text) = on_file { <p class="authn-text">{ text }</p> }
                <div class="authn-row">
                    <TextField id="authn-country-code" label={Msg::CountryCode} value={(*country).clone()}
                        oninput={setter(&country)} autocomplete="tel-country-code" input_type="tel"
                        class="authn-field-small" />
                    <TextField id="authn-phone" label={Msg::PhoneNumber} value={(*number).clone()}
                        oninput={setter(&number)} autocomplete="tel" input_type="tel"
                        invalid={step.error.is_some()} errors={phone_errors} />
                </div>
                if voice {
                    <TextField id="authn-extension" label={Msg::Extension} value={(*extension).clone()}
                        oninput={setter(&extension)} autocomplete="tel-extension" input_type="tel"
                        required={false} class="authn-field-small" />
                }
                { submit_button(if voice { Msg::CallMe } else { Msg::SendCode }, step.busy, number.trim().is_empty()) }
            </form>
            { enroll_links(step, false) }
        </>
    }
}

/// Email, authenticator app and Okta Verify need nothing typed to start: one button (`button`)
/// enrolls, then the activation shows the code entry, the QR code and key, or the push setup.
pub fn enroll_start(step: &Step, factor: &Factor, title: String, text: Msg, button: Msg) -> Html {
    let factor = factor.clone();
    let onclick = step
        .dispatch
        .reform(move |_: MouseEvent| enroll_action(&factor, EnrollProfile::None, false));
    html! {
        <>
            { header(title, text.text()) }
            { alert(step.error.as_ref(), None) }
            <button type="button" class="authn-button authn-button-primary authn-button-wide"
                data-action="enroll" disabled={step.busy} {onclick}>{ button.text() }</button>
            { enroll_links(step, false) }
        </>
    }
}

/// RSA SecurID and Symantec VIP (credential id and one or two codes) and YubiKey (one OTP).
#[component]
pub fn EnrollToken(props: &SetupProps) -> Html {
    let step = &props.step;
    let credential = use_state(String::new);
    let code = use_state(String::new);
    let next_code = use_state(String::new);
    let (yubikey, two_codes) = (props.yubikey, props.two_codes);
    let onsubmit = {
        let (credential, code, next_code) = (credential.clone(), code.clone(), next_code.clone());
        let factor = props.factor.clone();
        let dispatch = step.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let missing = code.trim().is_empty()
                || (!yubikey && credential.trim().is_empty())
                || (two_codes && next_code.trim().is_empty());
            if missing {
                return;
            }
            let pass_code = PassCode::new(code.trim());
            let profile = if yubikey {
                EnrollProfile::Hardware { pass_code }
            } else {
                EnrollProfile::Token {
                    credential_id: credential.trim().to_owned(),
                    pass_code,
                    next_pass_code: two_codes.then(|| PassCode::new(next_code.trim())),
                }
            };
            dispatch.emit(enroll_action(&factor, profile, false));
        })
    };
    let title = fill(Msg::EnrollTokenTitle, &[&label_of(&props.factor)]);
    let incomplete = code.trim().is_empty() || (two_codes && next_code.trim().is_empty());
    html! {
        <>
            { header(title, yubikey.then(|| AttrValue::from(Msg::YubikeyInsert.text()))) }
            { alert(step.error.as_ref(), None) }
            <form class="authn-form" {onsubmit}>
                if !yubikey {
                    <TextField id="authn-credential-id" label={Msg::CredentialId} value={(*credential).clone()}
                        oninput={setter(&credential)} autocomplete="username" />
                }
                <TextField id="authn-passcode" label={Msg::Passcode} value={(*code).clone()}
                    oninput={setter(&code)} autocomplete="one-time-code" input_type={if yubikey { "password" } else { "text" }} />
                if two_codes {
                    <TextField id="authn-next-passcode" label={Msg::NextPasscode} value={(*next_code).clone()}
                        oninput={setter(&next_code)} autocomplete="one-time-code" />
                }
                { submit_button(Msg::Verify, step.busy, incomplete) }
            </form>
            { enroll_links(step, false) }
        </>
    }
}
