//! The demo page: the widget next to a panel listing the emulator's demo users, with links to its
//! outbox (codes sent by SMS, voice and email) and push approval pages.

use authn_web::services::transport::fetch_text;
use authn_web::{SignIn, SignInConfig};
use serde_json::Value;
use yew::prelude::*;

/// One demo user as listed by the emulator's `/emulator/users.json` (unknown fields ignored).
#[derive(Clone, Debug, Default, PartialEq)]
struct DemoUser {
    username: String,
    password: Option<String>,
    /// What this user demonstrates.
    shows: Option<String>,
}

impl DemoUser {
    /// A user object; string fields of another JSON type are left out.
    fn from_json(value: &Value) -> Option<Self> {
        let field = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
        value.is_object().then(|| Self {
            username: field("username").unwrap_or_default(),
            password: field("password"),
            shows: field("shows"),
        })
    }
}

/// `users.json` is either a list of users or `{ "users": [...] }`. Read through `serde_json::Value`
/// (no derived deserializers: smaller wasm).
fn parse_users(body: &str) -> Result<Vec<DemoUser>, String> {
    let doc: Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let list = match doc.get("users") {
        Some(users) => users,
        None => &doc,
    };
    match list {
        Value::Array(items) => Ok(items.iter().filter_map(DemoUser::from_json).collect()),
        _ => Err("expected a list of users".to_owned()),
    }
}

#[component]
fn UsersPanel() -> Html {
    let users = use_state(|| None::<Result<Vec<DemoUser>, String>>);
    {
        let users = users.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                let result = fetch_text("/emulator/users.json")
                    .await
                    .and_then(|body| parse_users(&body));
                users.set(Some(result));
            });
        });
    }
    let list = match &*users {
        None => html! { <p>{ "Loading demo users\u{2026}" }</p> },
        Some(Err(error)) => html! { <p>{ format!("Could not load the demo users: {error}") }</p> },
        Some(Ok(users)) => html! {
            <ul class="demo-users">
                { for users.iter().map(|u| html! {
                    <li>
                        <code>{ u.username.clone() }</code>
                        if let Some(password) = &u.password { { " / " }<code>{ password.clone() }</code> }
                        if let Some(shows) = &u.shows {
                            <div class="demo-flow">{ shows.clone() }</div>
                        }
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <aside class="demo-panel" aria-labelledby="demo-users-title">
            <h2 id="demo-users-title">{ "Demo users" }</h2>
            { list }
            <div class="demo-links">
                <a href="/emulator/outbox" target="_blank" rel="noopener">{ "Outbox (codes, emails)" }</a>
                <a href="/emulator/push" target="_blank" rel="noopener">{ "Push approvals" }</a>
            </div>
        </aside>
    }
}

#[component]
fn DemoPage() -> Html {
    let signed_in = use_state(|| None::<String>);
    let on_success = {
        let signed_in = signed_in.clone();
        Callback::from(move |success: authn_core::Success| {
            let who = success
                .user
                .and_then(|u| u.login)
                .unwrap_or_else(|| "user".to_owned());
            signed_in.set(Some(who));
        })
    };
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let mut config = SignInConfig::new(origin);
    // The emulator has a forgot-password-by-voice-call user and security-key users (both off by
    // default, as in Okta's widget). WebAuthn needs the page on `http://localhost:PORT`.
    config.features.call_recovery = true;
    config.features.webauthn = true;
    // `?lang=fr` picks the widget's language; without it, the browser's preference does.
    config.language = page_language();
    html! {
        <>
            <div class="demo-main">
                <SignIn {config} {on_success} />
                if let Some(who) = &*signed_in {
                    <p class="demo-result" role="status" data-signed-in={who.clone()}>
                        { format!("Signed in as {who}. The session token was handed to the page.") }
                    </p>
                }
            </div>
            <UsersPanel />
        </>
    }
}

/// The `lang` parameter of the page URL.
fn page_language() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("lang")
        .filter(|lang| !lang.is_empty())
}

fn main() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    else {
        return;
    };
    yew::Renderer::<DemoPage>::with_root(root).render();
}
