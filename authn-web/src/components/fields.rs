use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::messages::Msg;

/// A callback storing each new value of a text field in `state`.
pub fn setter(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |v: String| state.set(v))
}

/// The current value of the input an event came from.
pub fn input_value(event: &InputEvent) -> String {
    event.target_unchecked_into::<HtmlInputElement>().value()
}

/// Props of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// Element id (the label points at it).
    pub id: AttrValue,
    /// Label text.
    pub label: Msg,
    /// Label from the server (e.g. a security question), shown instead of `label` (as text).
    #[prop_or_default]
    pub label_text: Option<String>,
    /// Current value.
    pub value: AttrValue,
    /// New value on every keystroke.
    pub oninput: Callback<String>,
    /// `autocomplete` (`username`, `one-time-code`, `tel`...).
    #[prop_or(AttrValue::Static("off"))]
    pub autocomplete: AttrValue,
    /// `type`.
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    /// `inputmode` (`numeric` for codes).
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    /// Mark invalid (`aria-invalid`).
    #[prop_or_default]
    pub invalid: bool,
    /// Required.
    #[prop_or(true)]
    pub required: bool,
    /// Hint text under the field.
    #[prop_or_default]
    pub hint: Option<String>,
    /// Extra class on the wrapper (`authn-field-small`).
    #[prop_or_default]
    pub class: Option<AttrValue>,
    /// Messages listed under the field (server `errorCauses` for it).
    #[prop_or_default]
    pub errors: Vec<String>,
}

/// A labelled text input.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let oninput = props.oninput.reform(|e: InputEvent| input_value(&e));
    let hint_id = props.hint.as_ref().map(|_| format!("{}-hint", props.id));
    let errors_id = format!("{}-errors", props.id);
    let described: Vec<&str> = hint_id
        .iter()
        .map(String::as_str)
        .chain((!props.errors.is_empty()).then_some(errors_id.as_str()))
        .collect();
    let describedby = (!described.is_empty()).then(|| described.join(" "));
    let invalid = props.invalid || !props.errors.is_empty();
    html! {
        <div class={classes!("authn-field", props.class.clone())}>
            <label class="authn-label" for={props.id.clone()}>
                { props.label_text.clone().unwrap_or_else(|| props.label.text().to_owned()) }
            </label>
            <input class="authn-input" id={props.id.clone()} name={props.id.clone()}
                type={props.input_type.clone()} value={props.value.clone()} {oninput}
                autocomplete={props.autocomplete.clone()} inputmode={props.inputmode.clone()}
                required={props.required} aria-invalid={invalid.to_string()}
                aria-describedby={describedby} spellcheck="false" autocapitalize="off" />
            if let Some(hint) = &props.hint {
                <span class="authn-hint" id={hint_id}>{ hint.clone() }</span>
            }
            { field_errors(&errors_id, &props.errors) }
        </div>
    }
}

/// Props of [`PasswordField`].
#[derive(Properties, PartialEq)]
pub struct PasswordFieldProps {
    /// Element id.
    pub id: AttrValue,
    /// Label text.
    pub label: Msg,
    /// Current value.
    pub value: AttrValue,
    /// New value on every keystroke.
    pub oninput: Callback<String>,
    /// `current-password` or `new-password`.
    pub autocomplete: AttrValue,
    /// Offer a show/hide toggle.
    #[prop_or(true)]
    pub toggle: bool,
    /// Mark invalid.
    #[prop_or_default]
    pub invalid: bool,
    /// Element ids describing the field (requirements, errors).
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    /// Messages listed under the field (server `errorCauses`, mismatch).
    #[prop_or_default]
    pub errors: Vec<String>,
}

/// A labelled password input with an optional show/hide toggle.
#[component]
pub fn PasswordField(props: &PasswordFieldProps) -> Html {
    let visible = use_state(|| false);
    let oninput = props.oninput.reform(|e: InputEvent| input_value(&e));
    let toggle = {
        let visible = visible.clone();
        Callback::from(move |_: MouseEvent| visible.set(!*visible))
    };
    let input_type = if *visible { "text" } else { "password" };
    let errors_id = format!("{}-errors", props.id);
    let mut described: Vec<String> = props.describedby.iter().map(|d| d.to_string()).collect();
    if !props.errors.is_empty() {
        described.push(errors_id.clone());
    }
    let describedby = (!described.is_empty()).then(|| described.join(" "));
    html! {
        <div class="authn-field">
            <label class="authn-label" for={props.id.clone()}>{ props.label.text() }</label>
            <div class="authn-password">
                <input class="authn-input" id={props.id.clone()} name={props.id.clone()} type={input_type}
                    value={props.value.clone()} {oninput} autocomplete={props.autocomplete.clone()}
                    required=true aria-invalid={(props.invalid || !props.errors.is_empty()).to_string()}
                    aria-describedby={describedby} spellcheck="false" autocapitalize="off" />
                if props.toggle {
                    <button type="button" class="authn-button authn-button-small" onclick={toggle}
                        aria-controls={props.id.clone()} aria-pressed={visible.to_string()}
                        aria-label={if *visible { Msg::HidePassword.text() } else { Msg::ShowPassword.text() }}>
                        { if *visible { Msg::HidePassword.text() } else { Msg::ShowPassword.text() } }
                    </button>
                }
            </div>
            { field_errors(&errors_id, &props.errors) }
        </div>
    }
}

/// The messages listed under a field (nothing without messages).
fn field_errors(id: &str, errors: &[String]) -> Html {
    if errors.is_empty() {
        return html! {};
    }
    html! {
        <ul class="authn-field-errors" id={id.to_owned()}>
            { for errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }
        </ul>
    }
}

/// A labelled checkbox (its `<label for>` gives it an accessible name); `onchange` gets the new state.
pub fn check_box(id: &'static str, label: Msg, checked: bool, onchange: Callback<bool>) -> Html {
    let onchange =
        onchange.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    html! {
        <div class="authn-check">
            <input type="checkbox" {id} name={id} {checked} {onchange} />
            <label for={id}>{ label.text() }</label>
        </div>
    }
}
