use authn_core::{PasswordPolicy, Requirement};
use yew::prelude::*;

use crate::messages::Msg;

fn requirement_text(requirement: Requirement) -> String {
    match requirement {
        Requirement::MinLength(n) => Msg::ReqMinLength.count(n.into()),
        Requirement::MinLowerCase(n) => Msg::ReqLower.count(n.into()),
        Requirement::MinUpperCase(n) => Msg::ReqUpper.count(n.into()),
        Requirement::MinNumber(n) => Msg::ReqNumber.count(n.into()),
        Requirement::MinSymbol(n) => Msg::ReqSymbol.count(n.into()),
        Requirement::ExcludeUsername => Msg::ReqNoUsername.text(),
    }
}

/// The policy's rules, each marked met or not as the user types (checked by the core's
/// `PasswordPolicy::check`, never re-implemented here). `id`: password fields reference it with
/// `aria-describedby`; `username` is for "does not contain your username".
pub fn requirements(
    id: &'static str,
    policy: &PasswordPolicy,
    password: &str,
    username: Option<&str>,
) -> Html {
    let checks = policy.check(password, username);
    if checks.is_empty() {
        return html! {};
    }
    html! {
        <div {id}>
            <p class="authn-hint">{ Msg::RequirementsTitle.text() }</p>
            <ul class="authn-requirements">
                { for checks.into_iter().map(|(requirement, met)| html! {
                    <li class={classes!("authn-requirement", met.then_some("authn-requirement-met"))}
                        data-met={met.to_string()}>
                        { requirement_text(requirement) }
                        <span class="authn-sr-only">{ if met { " \u{2713}" } else { "" } }</span>
                    </li>
                }) }
            </ul>
        </div>
    }
}
