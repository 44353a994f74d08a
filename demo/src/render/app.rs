//! The app of a step-up on the wire: `_embedded.target` and `_embedded.authentication`, and the
//! answer of `POST /emulator/step-up`.

use serde::Serialize;

use crate::scenario::AppSpec;
use crate::secrets::stable_id;
use crate::urls::Urls;

/// `_embedded.target`: the app being signed in to.
#[derive(Debug, Serialize)]
pub struct Target {
    /// `APP`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The app's name.
    pub name: String,
    /// The app's label.
    pub label: String,
}

/// `_embedded.authentication`: how the app signs users in.
#[derive(Debug, Serialize)]
pub struct Authentication {
    /// `SAML2.0`, `SAML1.1`, `WS-FED`.
    pub protocol: &'static str,
    /// The app as the issuer of the request.
    pub issuer: Issuer,
}

/// `_embedded.authentication.issuer`.
#[derive(Debug, Serialize)]
pub struct Issuer {
    /// The app's id (`0oa…`, stable per name).
    pub id: String,
    /// The app's label.
    pub name: String,
    /// The app's address.
    pub uri: String,
}

/// `_embedded.target` of `app`.
pub fn target(app: &AppSpec) -> Target {
    Target {
        kind: "APP",
        name: app.name.clone(),
        label: app.label.clone(),
    }
}

/// `_embedded.authentication` of `app`.
pub fn authentication(urls: &Urls, app: &AppSpec) -> Authentication {
    Authentication {
        protocol: app.protocol.as_str(),
        issuer: Issuer {
            id: stable_id("0oa", &app.name),
            name: app.label.clone(),
            uri: urls.app_page(&app.name),
        },
    }
}

/// The answer of `POST /emulator/step-up`: the transaction's stateToken and the demo page started
/// on it, as the app's redirect to the custom sign-in page would be.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepUpStarted {
    /// The stateToken.
    pub state_token: String,
    /// `<demo page>?stateToken=...`.
    pub url: String,
}
