//! Brand and theme (logo, brand name, brand colour with computed contrast, light / dark, factor
//! icons), the step-up app, and the Okta options the views follow (custom help links, hidden back
//! links, auto push, the password toggle on the sign-in page, the recovery email sent again).

use crate::common::{Harness, body, computed, config, env, load_widget_css, mount, resume_config};
use authn_web::services::KeyValueStore;
use authn_web::theme::{AA_CONTRAST, Rgb};
use authn_web::{ColorScheme, CustomHelpLink, Msg, SignInConfig};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

const PUSH: &str = "opfh52xcuft3J4uZc0g3";

/// Mounts `config` resumed into the state of fixture `body`.
async fn mount_configured(mut config: SignInConfig, body: &str) -> Harness {
    let env = env();
    env.transport.reply("/api/v1/authn", 200, body);
    config.state_token = resume_config("00resume").state_token;
    mount(&env, config).await
}

/// `rgb(r, g, b)` as computed by the browser.
fn rgb(text: &str) -> Rgb {
    let inner = text.trim().trim_start_matches("rgb(").trim_end_matches(')');
    let mut channels = inner
        .split(',')
        .map(|c| c.trim().parse::<u8>().expect("an rgb() channel"));
    let mut next = || channels.next().expect("three channels");
    Rgb(next(), next(), next())
}

fn adopted_sheets() -> u32 {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .adopted_style_sheets()
        .length()
}

#[wasm_bindgen_test]
async fn the_logo_shows_with_its_text_and_an_unsafe_one_does_not() {
    let mut branded = config();
    branded.branding.logo = Some("https://acme.example/logo.png".into());
    branded.branding.logo_text = Some("Acme".into());
    let h = mount(&env(), branded.clone()).await;
    h.expect_view("primary-auth");
    let logo = h.find(".authn-header img.authn-logo").expect("the logo");
    assert_eq!(
        logo.get_attribute("src").as_deref(),
        Some("https://acme.example/logo.png")
    );
    assert_eq!(logo.get_attribute("alt").as_deref(), Some("Acme"));

    // Without logoText the brand name, else "Logo", describes it.
    branded.branding.logo_text = None;
    branded.branding.brand_name = Some("Acme Corp".into());
    let h = mount(&env(), branded.clone()).await;
    assert_eq!(
        h.attr("img.authn-logo", "alt").as_deref(),
        Some("Acme Corp")
    );
    branded.branding.brand_name = None;
    let h = mount(&env(), branded.clone()).await;
    assert_eq!(
        h.attr("img.authn-logo", "alt").as_deref(),
        Some(Msg::LogoAlt.text().as_str())
    );

    for unsafe_url in [
        "javascript:alert(1)",
        "//evil.example/x.png",
        "data:image/png,x",
    ] {
        branded.branding.logo = Some(unsafe_url.into());
        let h = mount(&env(), branded.clone()).await;
        h.expect_view("primary-auth");
        assert!(h.find("img").is_none(), "{unsafe_url} is not rendered");
        assert!(h.find(".authn-header").is_none());
    }
}

#[wasm_bindgen_test]
async fn the_brand_name_is_in_the_texts_that_name_the_org() {
    let mut branded = config();
    branded.branding.brand_name = Some("Acme Corp".into());
    let h = mount_configured(branded.clone(), fixture!("password_expired")).await;
    h.expect_view("password-expired");
    assert_eq!(
        h.text_of(".authn-title"),
        "Your Acme Corp password has expired"
    );
    let h = mount_configured(branded.clone(), fixture!("password_reset")).await;
    assert_eq!(h.text_of(".authn-title"), "Reset your Acme Corp password");
    let h = mount_configured(branded.clone(), fixture!("mfa_enroll")).await;
    assert!(h.text_of(".authn-subtitle").contains("Acme Corp"));
    let h = mount_configured(branded, fixture!("password_expired_external")).await;
    h.expect_view("custom-password-expired");
    assert!(h.text_of(".authn-title").contains("Acme Corp"));
    // Without it, the generic texts.
    let h = mount_configured(config(), fixture!("password_expired")).await;
    assert_eq!(h.text_of(".authn-title"), Msg::PasswordExpiredTitle.text());
}

#[wasm_bindgen_test]
async fn the_brand_colour_styles_buttons_and_links_with_aa_contrast_and_no_style_attribute() {
    load_widget_css();
    let before = adopted_sheets();
    for (brand, button_text) in [("#ffd700", Rgb(0, 0, 0)), ("#7b1fa2", Rgb(255, 255, 255))] {
        let mut branded = config();
        branded.branding.brand_color = Some(brand.into());
        branded.branding.color_scheme = ColorScheme::Light;
        let mut h = mount(&env(), branded).await;
        h.expect_view("primary-auth");
        assert!(h.widget().has_attribute("data-authn-brand"));
        assert_eq!(adopted_sheets(), before + 1, "one constructed stylesheet");
        let button = h.find(".authn-button-primary").unwrap();
        let background = rgb(&computed(&button, "background-color"));
        assert_eq!(background, Rgb::parse(brand).unwrap(), "{brand}");
        let text = rgb(&computed(&button, "color"));
        assert_eq!(text, button_text, "{brand}");
        assert!(background.contrast(text) >= AA_CONTRAST);
        let link = h.find(".authn-link").unwrap();
        let link_colour = rgb(&computed(&link, "color"));
        let page = rgb(&computed(&h.widget(), "background-color"));
        assert!(
            link_colour.contrast(page) >= AA_CONTRAST,
            "{brand}: link {link_colour} on {page}"
        );
        h.unmount().await;
        assert_eq!(
            adopted_sheets(),
            before,
            "the stylesheet goes with the widget"
        );
    }
    // Anything but #rrggbb is ignored.
    let mut odd = config();
    odd.branding.brand_color = Some("red; } body { display: none".into());
    let h = mount(&env(), odd).await;
    assert!(!h.widget().has_attribute("data-authn-brand"));
    assert_eq!(adopted_sheets(), before);
}

#[wasm_bindgen_test]
async fn light_and_dark_follow_the_option() {
    load_widget_css();
    for (scheme, background, text) in [
        (
            ColorScheme::Light,
            Rgb(255, 255, 255),
            Rgb(0x1d, 0x1d, 0x21),
        ),
        (
            ColorScheme::Dark,
            Rgb(0x18, 0x19, 0x1d),
            Rgb(0xec, 0xec, 0xf1),
        ),
    ] {
        let mut themed = config();
        themed.branding.color_scheme = scheme;
        let h = mount(&env(), themed).await;
        let root = h.widget();
        assert_eq!(
            root.get_attribute("data-color-scheme").as_deref(),
            Some(scheme.as_str())
        );
        assert_eq!(rgb(&computed(&root, "background-color")), background);
        assert_eq!(rgb(&computed(&root, "color")), text);
        let link = rgb(&computed(&h.find(".authn-link").unwrap(), "color"));
        assert!(link.contrast(background) >= AA_CONTRAST, "{scheme:?}");
        h.check_invariants();
    }
    let h = mount(&env(), config()).await;
    assert_eq!(
        h.attr(".authn-widget", "data-color-scheme").as_deref(),
        Some("auto")
    );
}

#[wasm_bindgen_test]
async fn every_factor_has_an_icon() {
    load_widget_css();
    let h = mount_configured(config(), fixture!("mfa_enroll")).await;
    h.expect_view("enroll-choices");
    let rows = h.all(".authn-factor");
    assert!(!rows.is_empty());
    for row in rows {
        let icon = row
            .query_selector(".authn-factor-icon")
            .unwrap()
            .expect("an icon");
        assert_eq!(icon.get_attribute("aria-hidden").as_deref(), Some("true"));
        assert_eq!(
            icon.get_attribute("data-factor"),
            row.get_attribute("data-factor")
        );
        let mask = computed(&icon, "mask-image");
        assert!(mask.starts_with("url(\"data:image/svg+xml"), "{mask}");
    }
    let h = mount_configured(config(), fixture!("mfa_challenge_push_waiting")).await;
    h.expect_view("mfa-push-wait");
    assert!(
        h.find(".authn-beacon .authn-factor-icon[data-factor=push]")
            .is_some()
    );
    let h = mount_configured(config(), fixture!("mfa_required")).await;
    assert_eq!(
        h.attr(".authn-beacon .authn-factor-icon", "data-factor")
            .as_deref(),
        Some("question"),
        "the picked factor's icon"
    );
    h.choose("#authn-factor", "1").await;
    assert_eq!(
        h.attr(".authn-beacon .authn-factor-icon", "data-factor")
            .as_deref(),
        Some("sms")
    );
}

#[wasm_bindgen_test]
async fn a_step_up_names_its_app_until_cancelled() {
    let h = mount_configured(config(), fixture!("unauthenticated_step_up")).await;
    h.expect_view("primary-auth");
    assert_eq!(h.text_of(".authn-target"), "Sign in to Salesforce.com");
    assert_eq!(
        h.attr(".authn-target", "data-app").as_deref(),
        Some("salesforce")
    );
    h.env
        .transport
        .reply("/api/v1/authn/cancel", 200, fixture!("cancel"));
    h.click("[data-action=cancel]").await;
    h.expect_view("primary-auth");
    assert!(h.find(".authn-target").is_none());
}

#[wasm_bindgen_test]
async fn custom_help_links_are_text_with_safe_targets() {
    let mut linked = config();
    linked.help_links.custom = vec![
        CustomHelpLink {
            text: "<b>FAQ</b>".into(),
            href: "https://acme.example/faq".into(),
            target: Some("_blank".into()),
        },
        CustomHelpLink {
            text: "Status".into(),
            href: "/status".into(),
            target: None,
        },
        CustomHelpLink {
            text: "Bad".into(),
            href: "javascript:alert(1)".into(),
            target: None,
        },
    ];
    let h = mount(&env(), linked).await;
    let links: Vec<_> = h
        .all("nav.authn-links a.authn-link")
        .into_iter()
        .map(|a| {
            (
                a.get_attribute("href").unwrap_or_default(),
                a.get_attribute("target"),
                a.get_attribute("rel"),
            )
        })
        .collect();
    assert_eq!(
        links,
        vec![
            (
                "https://acme.example/faq".to_owned(),
                Some("_blank".to_owned()),
                Some("noopener".to_owned())
            ),
            ("/status".to_owned(), None, Some("noopener".to_owned())),
        ]
    );
    let faq = h.find("a[href=\"https://acme.example/faq\"]").unwrap();
    assert!(
        faq.query_selector("b").unwrap().is_none(),
        "text, never HTML"
    );
    assert!(faq.text_content().unwrap().starts_with("<b>FAQ</b>"));
    assert!(
        faq.text_content()
            .unwrap()
            .contains(&Msg::OpensInNewTab.text())
    );
    assert!(!h.text().contains("Bad"));
}

#[wasm_bindgen_test]
async fn hide_sign_out_link_in_mfa_hides_it_on_mfa_views_only() {
    let mut hidden = config();
    hidden.features.hide_sign_out_link_in_mfa = true;
    for (fixture, view) in [
        (fixture!("mfa_required"), "mfa-verify"),
        (fixture!("mfa_challenge_push_waiting"), "mfa-push-wait"),
        (fixture!("mfa_challenge_sms"), "mfa-verify"),
        (fixture!("mfa_enroll"), "enroll-choices"),
        (fixture!("mfa_enroll_activate_totp"), "enroll-totp"),
    ] {
        let h = mount_configured(hidden.clone(), fixture).await;
        h.expect_view(view);
        assert!(h.find("[data-action=cancel]").is_none(), "{view}");
        let shown = mount_configured(config(), fixture).await;
        assert!(
            shown.find("[data-action=cancel]").is_some(),
            "{view} by default"
        );
    }
    let h = mount_configured(hidden, fixture!("password_expired")).await;
    assert!(h.find("[data-action=cancel]").is_some(), "not an MFA view");
}

#[wasm_bindgen_test]
async fn hide_back_to_sign_in_for_reset_hides_it_on_the_reset_flow() {
    let mut hidden = config();
    hidden.features.hide_back_to_sign_in_for_reset = true;
    let h = mount(&env(), hidden.clone()).await;
    h.click("[data-action=forgot-password]").await;
    h.expect_view("forgot-password");
    assert!(h.find("[data-action=back]").is_none());
    for (fixture, view) in [
        (fixture!("password_reset"), "password-reset"),
        (fixture!("recovery_question"), "recovery-question"),
        (fixture!("recovery_challenge_sms"), "recovery-challenge"),
    ] {
        let h = mount_configured(hidden.clone(), fixture).await;
        h.expect_view(view);
        assert!(h.find("[data-action=cancel]").is_none(), "{view}");
    }
    let h = mount_configured(hidden, fixture!("mfa_required")).await;
    assert!(
        h.find("[data-action=cancel]").is_some(),
        "not the reset flow"
    );
    let h = mount(&env(), config()).await;
    h.click("[data-action=forgot-password]").await;
    assert!(h.find("[data-action=back]").is_some(), "by default");
}

/// MFA_REQUIRED with push preselected (last used) and `features.autoPush`; `remembered`: the
/// policy's `autoPushEnabled` for it.
async fn push_verify(auto_push: bool, remembered: bool) -> Harness {
    let env = env();
    env.local_store
        .set(authn_web::factors::LAST_FACTOR_KEY, "push:OKTA");
    let mut tx: serde_json::Value = serde_json::from_str(fixture!("mfa_required")).unwrap();
    tx["_embedded"]["policy"]["factorsPolicyInfo"][PUSH]["autoPushEnabled"] =
        serde_json::json!(remembered);
    env.transport.reply("/api/v1/authn", 200, &tx.to_string());
    env.transport.reply(
        &format!("/factors/{PUSH}/verify"),
        200,
        fixture!("mfa_challenge_push_waiting"),
    );
    let mut configured = resume_config("00resume");
    configured.features.auto_push = auto_push;
    mount(&env, configured).await
}

fn checked(h: &Harness, selector: &str) -> bool {
    h.find(selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap()
        .checked()
}

#[wasm_bindgen_test]
async fn auto_push_remembered_sends_the_push_at_once_and_only_once() {
    let h = push_verify(true, true).await;
    let verify = format!("/factors/{PUSH}/verify");
    assert_eq!(h.env.transport.count(&verify), 1, "sent without a click");
    let url = h.env.transport.urls().last().cloned().unwrap();
    assert!(url.contains("autoPush=true"), "{url}");
    h.expect_view("mfa-push-wait");
    // Back to the factor list: the push is not sent by itself again.
    h.env
        .transport
        .reply("/api/v1/authn/previous", 200, fixture!("mfa_required"));
    h.click("[data-action=back]").await;
    h.expect_view("mfa-verify");
    assert_eq!(h.env.transport.count(&verify), 1);
    assert!(checked(&h, "#authn-auto-push"), "still remembered");
}

#[wasm_bindgen_test]
async fn auto_push_is_a_choice_sent_with_the_push() {
    let h = push_verify(true, false).await;
    h.expect_view("mfa-verify");
    assert_eq!(
        h.env.transport.count("/verify"),
        0,
        "not remembered: waits for the user"
    );
    assert!(!checked(&h, "#authn-auto-push"));
    assert_eq!(
        h.text_of("label[for=authn-auto-push]"),
        Msg::AutoPush.text()
    );
    h.set_checked("#authn-auto-push", true).await;
    h.submit().await;
    let url = h.env.transport.urls().last().cloned().unwrap();
    assert!(url.contains("autoPush=true"), "{url}");

    // Unticked: autoPush=false.
    let h = push_verify(true, false).await;
    h.submit().await;
    let url = h.env.transport.urls().last().cloned().unwrap();
    assert!(url.contains("autoPush=false"), "{url}");

    // Without features.autoPush: no box, no parameter, never sent by itself.
    let h = push_verify(false, true).await;
    h.expect_view("mfa-verify");
    assert!(h.find("#authn-auto-push").is_none());
    assert_eq!(h.env.transport.count("/verify"), 0);
    h.submit().await;
    let url = h.env.transport.urls().last().cloned().unwrap();
    assert!(!url.contains("autoPush"), "{url}");
}

#[wasm_bindgen_test]
async fn the_password_toggle_option_is_for_the_sign_in_page_only() {
    let toggle = "button[aria-controls=authn-password]";
    let mut off = config();
    off.features.show_password_toggle = false;
    let h = mount(&env(), off.clone()).await;
    assert!(h.find(toggle).is_none());
    let h = mount(&env(), config()).await;
    assert!(h.find(toggle).is_some());
    // Other password fields keep their toggle either way.
    let h = mount_configured(off, fixture!("password_expired")).await;
    assert!(h.find("button[aria-controls=authn-new-password]").is_some());
}

#[wasm_bindgen_test]
async fn the_recovery_email_can_be_sent_again() {
    let env = env();
    let h = mount(&env, config()).await;
    h.send_recovery_email("dade").await;
    h.expect_view("password-reset-email-sent");
    h.click_answered(
        "[data-action=resend-email]",
        "/api/v1/authn/recovery/password",
        200,
        fixture!("recovery_challenge_email"),
    )
    .await;
    assert_eq!(env.transport.count("/api/v1/authn/recovery/password"), 2);
    assert_eq!(
        body(&h, "/api/v1/authn/recovery/password"),
        serde_json::json!({"username": "dade", "factorType": "EMAIL"})
    );
    h.expect_view("password-reset-email-sent");
    assert_eq!(h.text_of(".authn-notice"), Msg::EmailResent.text());
}
