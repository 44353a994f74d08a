//! Recovery and lockout: forgot password / unlock account, the emailed-link notice, the recovery code,
//! the recovery question, LOCKED_OUT and the unlocked account.

use authn_core::{
    Action, ActionKind, Answer, LockedOut, PassCode, RecoveryChallenge, RecoveryFactor as Channel,
    RecoveryState,
};
use yew::prelude::*;

use crate::components::{
    CodeForm, TextField, alert, back_button, cancel_link, header, link_button, notice, setter,
    submit_button,
};
use crate::config::SignInConfig;
use crate::hooks::use_secret;
use crate::messages::{Msg, fill};
use crate::model::{StartPage, Step, UiEvent};

/// Props of [`RecoveryStart`].
#[derive(Properties, PartialEq)]
pub struct RecoveryStartProps {
    /// Shared step inputs.
    pub step: Step,
    /// Unlock account instead of forgot password.
    pub unlock: bool,
}

/// Forgot password / unlock account: username, then one button per enabled channel.
#[component]
pub fn RecoveryStart(props: &RecoveryStartProps) -> Html {
    let step = &props.step;
    let config = use_context::<SignInConfig>().unwrap_or_else(|| SignInConfig::new(""));
    let username = use_state(|| step.username.clone());
    let missing = use_state(|| false);
    let features = &config.features;
    let mut channels = Vec::new();
    let (email, sms) = if props.unlock {
        (Msg::UnlockSendEmail, Msg::UnlockSendSms)
    } else {
        (Msg::SendEmail, Msg::SendSms)
    };
    if features.email_recovery {
        channels.push((Channel::Email, email));
    }
    if features.sms_recovery {
        channels.push((Channel::Sms, sms));
    }
    if features.call_recovery && !props.unlock {
        channels.push((Channel::Call, Msg::VoiceCall));
    }
    let offered = |channel| channels.iter().any(|(c, _)| *c == channel);
    let mobile_hint = match (offered(Channel::Sms), offered(Channel::Call)) {
        (true, true) => Some(Msg::RecoveryHintSmsOrCall),
        (true, false) => Some(Msg::RecoveryHintSms),
        (false, true) => Some(Msg::RecoveryHintCall),
        (false, false) => None,
    };

    let submit = |factor: Channel| {
        let (username, missing) = (username.clone(), missing.clone());
        let dispatch = step.dispatch.clone();
        let relay_state = config.relay_state.clone();
        let unlock = props.unlock;
        Callback::from(move |()| {
            let name = username.trim().to_owned();
            if name.is_empty() {
                missing.set(true);
                return;
            }
            missing.set(false);
            let relay_state = relay_state.clone();
            dispatch.emit(if unlock {
                Action::UnlockAccount {
                    username: name,
                    factor,
                    relay_state,
                }
            } else {
                Action::ForgotPassword {
                    username: name,
                    factor,
                    relay_state,
                }
            });
        })
    };
    // Enter in the username field uses the first channel, like clicking its button.
    let onsubmit = {
        let first = channels.first().map(|(factor, _)| submit(*factor));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(first) = &first {
                first.emit(());
            }
        })
    };
    let set_username = setter(&username);
    let title = if props.unlock {
        Msg::UnlockTitle
    } else {
        Msg::ResetPassword
    };
    html! {
        <>
            { header(title.text(), None::<AttrValue>) }
            { alert(step.error.as_ref(), None) }
            { notice(step.notice) }
            if channels.is_empty() {
                <div class="authn-alert" role="alert" tabindex="-1">{ Msg::RecoveryNoChannels.text() }</div>
            } else {
                <form class="authn-form" {onsubmit} novalidate=true>
                    if *missing {
                        <div class="authn-alert" role="alert" tabindex="-1">{ Msg::FieldRequired.text() }</div>
                    }
                    <TextField id="authn-recovery-username" label={Msg::EmailOrUsername}
                        value={(*username).clone()} oninput={set_username} autocomplete="username"
                        invalid={*missing} />
                    if let Some(hint) = mobile_hint {
                        <p class="authn-hint">{ hint.text() }</p>
                    }
                    <div class="authn-actions">
                        { for channels.iter().map(|(factor, label)| html! {
                            <button type="button" class="authn-button authn-button-primary authn-button-wide"
                                data-factor={factor.as_str()} disabled={step.busy}
                                onclick={submit(*factor).reform(|_: MouseEvent| ())}>{ label.text() }</button>
                        }) }
                    </div>
                </form>
            }
            if step.back_link {
                <nav class="authn-links">
                    { link_button(Msg::BackToSignIn, "back", step.ui.reform(|()| UiEvent::BackToSignIn), false) }
                </nav>
            }
        </>
    }
}

/// Props of [`EmailSent`].
#[derive(Properties, PartialEq)]
pub struct EmailSentProps {
    /// Shared step inputs.
    pub step: Step,
    /// An unlock (rather than a password reset).
    pub unlock: bool,
}

/// "Check your email": the user continues from the emailed link, or has the email sent again (the
/// same request with the username typed before, when the core allows it).
#[component]
pub fn EmailSent(props: &EmailSentProps) -> Html {
    let step = &props.step;
    let config = use_context::<SignInConfig>().unwrap_or_else(|| SignInConfig::new(""));
    let (text, kind) = if props.unlock {
        (Msg::UnlockEmailSentText, ActionKind::UnlockAccount)
    } else {
        (Msg::ResetEmailSentText, ActionKind::ForgotPassword)
    };
    let username = step.username.clone();
    let resend = (step.can(kind) && !username.trim().is_empty()).then(|| {
        let (unlock, relay_state) = (props.unlock, config.relay_state.clone());
        let onclick = step.dispatch.reform(move |()| {
            let (username, relay_state) = (username.clone(), relay_state.clone());
            if unlock {
                Action::UnlockAccount {
                    username,
                    factor: Channel::Email,
                    relay_state,
                }
            } else {
                Action::ForgotPassword {
                    username,
                    factor: Channel::Email,
                    relay_state,
                }
            }
        });
        link_button(Msg::ResendEmail, "resend-email", onclick, step.busy)
    });
    html! {
        <>
            { header(Msg::EmailSentTitle.text(), fill(text, &[&step.username])) }
            { alert(step.error.as_ref(), None) }
            { notice(step.notice) }
            <nav class="authn-links">{ for resend }{ cancel_link(step, Msg::BackToSignIn) }</nav>
        </>
    }
}

/// Props of [`RecoveryChallengeForm`].
#[derive(Properties, PartialEq)]
pub struct RecoveryChallengeProps {
    /// Shared step inputs.
    pub step: Step,
    /// The state data.
    pub data: RecoveryChallenge,
}

/// SMS / voice call recovery code entry with resend.
#[component]
pub fn RecoveryChallengeForm(props: &RecoveryChallengeProps) -> Html {
    let step = &props.step;
    let title = match props.data.factor_type {
        Some(Channel::Call) => Msg::RecoveryChallengeTitleCall,
        Some(Channel::Sms | Channel::Email) | None => Msg::RecoveryChallengeTitleSms,
    };
    let submit = Callback::from(|code: String| Action::VerifyRecoveryCode {
        pass_code: PassCode::new(code),
    });
    html! {
        <>
            { header(title.text(), Msg::RecoveryChallengeText.text()) }
            { alert(step.error.as_ref(), None) }
            { notice(step.notice) }
            <CodeForm step={step.clone()} {submit} />
            <nav class="authn-links">{ cancel_link(step, Msg::BackToSignIn) }</nav>
        </>
    }
}

/// Props of [`RecoveryQuestionForm`].
#[derive(Properties, PartialEq)]
pub struct RecoveryQuestionProps {
    /// Shared step inputs.
    pub step: Step,
    /// The state data.
    pub data: RecoveryState,
}

/// The recovery question.
#[component]
pub fn RecoveryQuestionForm(props: &RecoveryQuestionProps) -> Html {
    let step = &props.step;
    let answer = use_secret(step.error_seq);
    let onsubmit = {
        let answer = answer.clone();
        let dispatch = step.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !answer.is_empty() {
                dispatch.emit(Action::AnswerRecoveryQuestion {
                    answer: Answer::new((*answer).clone()),
                });
            }
        })
    };
    let oninput = setter(&answer);
    let question = props.data.question.clone().filter(|q| !q.trim().is_empty());
    html! {
        <>
            { header(Msg::RecoveryQuestionTitle.text(), None::<AttrValue>) }
            { alert(step.error.as_ref(), None) }
            <form class="authn-form" {onsubmit}>
                <TextField id="authn-answer" label={Msg::Answer} label_text={question} value={(*answer).clone()} {oninput}
                    input_type="password" autocomplete="off" invalid={step.error.is_some()} />
                { submit_button(Msg::Submit, step.busy, answer.is_empty()) }
            </form>
            <nav class="authn-links">{ cancel_link(step, Msg::BackToSignIn) }</nav>
        </>
    }
}

/// Props of [`LockedOutView`].
#[derive(Properties, PartialEq)]
pub struct LockedOutProps {
    /// Shared step inputs.
    pub step: Step,
    /// The state data.
    pub data: LockedOut,
}

/// Account locked: offers self-service unlock when the state's links allow it and the configuration
/// enables it (the unlock form then posts to the state's own unlock link).
#[component]
pub fn LockedOutView(props: &LockedOutProps) -> Html {
    let step = &props.step;
    let config = use_context::<SignInConfig>().unwrap_or_else(|| SignInConfig::new(""));
    let unlock =
        props.data.links.allows(ActionKind::UnlockAccount) && config.features.unlock_available();
    let text = if unlock {
        Msg::LockedOutText
    } else {
        Msg::LockedOutContactAdmin
    };
    let go_unlock = step
        .ui
        .reform(|_: MouseEvent| UiEvent::ShowStart(StartPage::AccountUnlock));
    html! {
        <>
            { header(Msg::LockedOutTitle.text(), text.text()) }
            { alert(step.error.as_ref(), None) }
            if unlock {
                <button type="button" class="authn-button authn-button-primary authn-button-wide"
                    data-action="unlock" onclick={go_unlock}>{ Msg::UnlockAccount.text() }</button>
            }
            <nav class="authn-links">
                { link_button(Msg::BackToSignIn, "back", step.ui.reform(|()| UiEvent::BackToSignIn), false) }
            </nav>
        </>
    }
}

/// The account was unlocked (SUCCESS with recovery type UNLOCK).
pub fn account_unlocked(step: &Step) -> Html {
    html! {
        <>
            { header(Msg::AccountUnlockedTitle.text(), Msg::AccountUnlockedText.text()) }
            { back_button(step, Msg::BackToSignIn) }
        </>
    }
}
