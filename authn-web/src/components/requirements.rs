use authn_core::{PasswordPolicy, Requirement};
use yew::prelude::*;

use crate::messages::{Msg, fill};

fn requirement_text(requirement: Requirement) -> String {
    match requirement {
        Requirement::MinLength(n) => fill(Msg::ReqMinLength, &[&n.to_string()]),
        Requirement::MinLowerCase(n) => fill(Msg::ReqLower, &[&n.to_string()]),
        Requirement::MinUpperCase(n) => fill(Msg::ReqUpper, &[&n.to_string()]),
        Requirement::MinNumber(n) => fill(Msg::ReqNumber, &[&n.to_string()]),
        Requirement::MinSymbol(n) => fill(Msg::ReqSymbol, &[&n.to_string()]),
        Requirement::ExcludeUsername => Msg::ReqNoUsername.text().to_owned(),
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
