//! The widget in every language, in the browser: every view rendered in each language from its real
//! language file (fetched through the fake language source) shows no missing-key marker, no
//! unfilled placeholder and no English text left over; plural forms and numbers come from `Intl`;
//! Arabic is right to left; the page's `i18n` texts win over Okta label files, which win over the
//! catalogue; a language file that fails or hangs leaves the widget in English with a warning.

use std::collections::BTreeSet;

use crate::common::{Harness, STATE_FIXTURES, config, env, mount, resume_config, settle};
use authn_web::i18n::{Catalogue, I18nText};
use authn_web::services::{Assertion, CeremonyError};
use authn_web::testing::{FakeEnv, FakeLanguages};
use authn_web::{Msg, SignInConfig};
use wasm_bindgen_test::wasm_bindgen_test;

macro_rules! language_file {
    ($tag:literal) => {
        (
            $tag,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/i18n/", $tag, ".json")),
        )
    };
}

/// Every language and its file.
const FILES: [(&str, &str); 8] = [
    language_file!("en"),
    language_file!("de"),
    language_file!("fr"),
    language_file!("es"),
    language_file!("pt-BR"),
    language_file!("ja"),
    language_file!("zh-CN"),
    language_file!("ar"),
];

fn file(tag: &str) -> &'static str {
    FILES.iter().find(|(t, _)| *t == tag).unwrap().1
}

fn catalogue(tag: &str) -> Catalogue {
    let (catalogue, problems) = Catalogue::from_file(tag, file(tag)).unwrap();
    assert!(problems.is_empty(), "{tag}: {problems:?}");
    catalogue
}

/// A fake environment serving every language file from the default folder.
fn env_with_files() -> FakeEnv {
    let env = env();
    for (tag, json) in FILES {
        env.languages
            .serve(&format!("{}{tag}.json", FakeLanguages::FOLDER), json);
    }
    env
}

/// The widget in `language` (mounted and settled, its language file loaded).
async fn mount_as(env: &FakeEnv, mut config: SignInConfig, language: &str) -> Harness {
    config.language = Some(language.to_owned());
    let h = mount(env, config).await;
    settle().await;
    h
}

/// The pages every language is checked on: each state fixture, and the local pages.
#[derive(Clone, Copy, Debug)]
enum Page {
    /// Resumed in a state fixture.
    State(usize),
    PrimaryAuth,
    FailedSignIn,
    ForgotPassword,
    AccountUnlock,
    UnlockEmailSent,
    /// Unlock by SMS: the code entry with the resend countdown running.
    UnlockBySms,
    /// MFA_REQUIRED with its n-th factor picked.
    VerifyFactor(usize),
    /// MFA_ENROLL with the factor matching this selector picked.
    Enroll(&'static str),
    /// A security-key view (`features.webauthn` on), its browser prompt scripted.
    Key(KeyPage),
    SessionExpired,
    ErrorState,
}

/// The security-key views checked in every language.
#[derive(Clone, Copy, Debug)]
enum KeyPage {
    /// Enrolling, the browser's prompt open (announced).
    Waiting,
    /// MFA_REQUIRED with the keys (verified by type) picked.
    Verify,
    /// The prompt was cancelled or timed out.
    Cancelled,
    /// The key is registered already.
    AlreadyRegistered,
    /// The server refused the assertion.
    Refused,
    /// Enrolling in a browser without WebAuthn.
    NoBrowser,
}

/// The factors of the `mfa_required` fixture.
const VERIFY_FACTORS: usize = 14;

fn pages() -> Vec<Page> {
    let mut pages = vec![
        Page::PrimaryAuth,
        Page::FailedSignIn,
        Page::ForgotPassword,
        Page::AccountUnlock,
        Page::UnlockEmailSent,
        Page::UnlockBySms,
        Page::Enroll("[data-factor=question] button"),
        Page::Enroll("[data-factor=token][data-provider=RSA] button"),
        Page::Enroll("[data-factor=\"token:hardware\"] button"),
        Page::Key(KeyPage::Waiting),
        Page::Key(KeyPage::Verify),
        Page::Key(KeyPage::Cancelled),
        Page::Key(KeyPage::AlreadyRegistered),
        Page::Key(KeyPage::Refused),
        Page::Key(KeyPage::NoBrowser),
        Page::SessionExpired,
        Page::ErrorState,
    ];
    pages.extend((0..VERIFY_FACTORS).map(Page::VerifyFactor));
    pages.extend((0..STATE_FIXTURES.len()).map(Page::State));
    pages
}

async fn show(page: Page, language: &str) -> Harness {
    let env = env_with_files();
    let state = match page {
        Page::State(index) => Some((200, STATE_FIXTURES[index])),
        Page::VerifyFactor(_) => Some((200, fixture!("mfa_required"))),
        Page::Enroll(_) | Page::Key(KeyPage::NoBrowser) => Some((200, fixture!("mfa_enroll"))),
        Page::Key(KeyPage::Waiting | KeyPage::AlreadyRegistered) => {
            Some((200, fixture!("mfa_enroll_activate_webauthn")))
        }
        Page::Key(KeyPage::Verify) => Some((200, fixture!("mfa_required_webauthn_by_type"))),
        Page::Key(KeyPage::Cancelled | KeyPage::Refused) => {
            Some((200, fixture!("mfa_challenge_webauthn")))
        }
        Page::SessionExpired => Some((401, fixture!("error_E0000011"))),
        Page::ErrorState => {
            env.transport.fail("/api/v1/authn", "offline");
            return mount_as(&env, resume_config("00resume"), language).await;
        }
        Page::PrimaryAuth
        | Page::FailedSignIn
        | Page::ForgotPassword
        | Page::AccountUnlock
        | Page::UnlockEmailSent
        | Page::UnlockBySms => None,
    };
    let mut config = match state {
        Some((status, body)) => {
            env.transport.reply("/api/v1/authn", status, body);
            resume_config("00resume")
        }
        None => config(),
    };
    if let Page::Key(key) = page {
        config.features.webauthn = true;
        match key {
            KeyPage::Cancelled => env.webauthn.fail_next(CeremonyError::NotAllowed),
            KeyPage::AlreadyRegistered => env.webauthn.fail_next(CeremonyError::InvalidState),
            KeyPage::Refused => {
                env.webauthn.answer_get(Assertion::default());
                env.transport
                    .reply("/verify", 403, fixture!("error_E0000068"));
            }
            KeyPage::NoBrowser => env.webauthn.set_available(false),
            KeyPage::Waiting | KeyPage::Verify => {}
        }
    }
    let h = mount_as(&env, config, language).await;
    match page {
        Page::FailedSignIn => {
            h.enter_credentials("dade", "wrong").await;
            h.submit_answered("/api/v1/authn", 401, fixture!("error_E0000004"))
                .await;
        }
        Page::ForgotPassword => h.click("[data-action=forgot-password]").await,
        Page::AccountUnlock => h.click("[data-action=unlock]").await,
        Page::UnlockEmailSent => {
            let unlock = fixture!("recovery_challenge_email").replace(
                "\"recoveryType\": \"PASSWORD\"",
                "\"recoveryType\": \"UNLOCK\"",
            );
            let answer = ("EMAIL", "/api/v1/authn/recovery/unlock", unlock.as_str());
            h.start_recovery("unlock", "dade", answer).await;
        }
        Page::UnlockBySms => {
            let answer = (
                "SMS",
                "/api/v1/authn/recovery/unlock",
                fixture!("recovery_challenge_sms"),
            );
            h.start_recovery("unlock", "dade", answer).await;
            assert!(h.disabled("[data-action=resend]"), "countdown running");
        }
        Page::VerifyFactor(index) => h.choose("#authn-factor", &index.to_string()).await,
        Page::Enroll(selector) => {
            env.transport
                .reply("/questions", 200, fixture!("questions_list"));
            h.click(selector).await;
        }
        Page::Key(KeyPage::Verify) => h.choose("#authn-factor", "1").await,
        Page::Key(KeyPage::NoBrowser) => h.click("[data-factor=webauthn] button").await,
        Page::Key(
            KeyPage::Waiting | KeyPage::Cancelled | KeyPage::AlreadyRegistered | KeyPage::Refused,
        )
        | Page::State(_)
        | Page::PrimaryAuth
        | Page::SessionExpired
        | Page::ErrorState => {}
    }
    h
}

/// What the user can read or hear: the text and the labelling attributes.
fn readable(h: &Harness) -> String {
    let mut out = h.text();
    for element in h.all("*") {
        for name in ["aria-label", "alt", "placeholder", "title"] {
            if let Some(value) = element.get_attribute(name) {
                out.push('\n');
                out.push_str(&value);
            }
        }
    }
    out
}

/// `{0}`-style placeholders left in `text`.
fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let end = after.find('}').unwrap_or(0);
        if end > 0 && after[..end].chars().all(|c| c.is_ascii_digit()) {
            found.push(format!("{{{}}}", &after[..end]));
        }
        rest = after;
    }
    found
}

/// English sentences of the catalogue that `language` words differently (the ones that must not
/// show in that language).
fn english_only(language: &Catalogue) -> Vec<String> {
    let english = Catalogue::english();
    Msg::ALL
        .iter()
        .map(|msg| (english.text(*msg), language.text(*msg)))
        .filter(|(en, other)| en != other && !en.contains('{') && en.contains(' '))
        .map(|(en, _)| en.to_owned())
        .collect()
}

async fn every_view_in(tag: &str, dir: &str) {
    let language = catalogue(tag);
    let leftovers = english_only(&language);
    assert!(
        tag == "en" || leftovers.len() > 100,
        "{tag}: {}",
        leftovers.len()
    );
    let mut views = BTreeSet::new();
    for page in pages() {
        let english = show(page, "en").await;
        let expected_view = english.view();
        drop(english);
        let h = show(page, tag).await;
        let label = format!("{tag} {page:?} ({})", h.view());
        assert_eq!(h.view(), expected_view, "{label}: same view as in English");
        h.check_invariants();
        let root = h.widget();
        assert_eq!(root.get_attribute("lang").as_deref(), Some(tag), "{label}");
        assert_eq!(root.get_attribute("dir").as_deref(), Some(dir), "{label}");
        let shown = readable(&h);
        assert!(
            !shown.contains("L10N_ERROR"),
            "{label}: missing key: {shown}"
        );
        assert_eq!(
            placeholders(&shown),
            Vec::<String>::new(),
            "{label}: {shown}"
        );
        for sentence in &leftovers {
            assert!(
                !shown.contains(sentence.as_str()),
                "{label}: English left over: {sentence:?}"
            );
        }
        views.insert(h.view());
    }
    assert_eq!(views.len(), 30, "{tag}: {views:?}");
}

#[wasm_bindgen_test]
async fn every_view_in_english() {
    every_view_in("en", "ltr").await;
}

#[wasm_bindgen_test]
async fn every_view_in_german() {
    every_view_in("de", "ltr").await;
}

#[wasm_bindgen_test]
async fn every_view_in_french() {
    every_view_in("fr", "ltr").await;
}

#[wasm_bindgen_test]
async fn every_view_in_spanish() {
    every_view_in("es", "ltr").await;
}

#[wasm_bindgen_test]
async fn every_view_in_brazilian_portuguese() {
    every_view_in("pt-BR", "ltr").await;
}

#[wasm_bindgen_test]
async fn every_view_in_japanese() {
    every_view_in("ja", "ltr").await;
}

#[wasm_bindgen_test]
async fn every_view_in_simplified_chinese() {
    every_view_in("zh-CN", "ltr").await;
}

#[wasm_bindgen_test]
async fn every_view_in_arabic() {
    every_view_in("ar", "rtl").await;
}

/// `count` as `Intl.NumberFormat` writes it in `tag`.
fn number(tag: &str, count: u64) -> String {
    let format =
        js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&tag.into()), &js_sys::Object::new())
            .format();
    format
        .call1(&wasm_bindgen::JsValue::NULL, &(count as f64).into())
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn plural_forms_for_0_1_2_5_and_21() {
    let cases: [(&str, [&str; 5]); 3] = [
        (
            "en",
            [
                "At least # characters",
                "At least # character",
                "At least # characters",
                "At least # characters",
                "At least # characters",
            ],
        ),
        (
            "fr",
            [
                "Au moins # caractère",
                "Au moins # caractère",
                "Au moins # caractères",
                "Au moins # caractères",
                "Au moins # caractères",
            ],
        ),
        (
            "ar",
            [
                "# حرف على الأقل",
                "حرف واحد على الأقل",
                "حرفان على الأقل",
                "# أحرف على الأقل",
                "# حرفًا على الأقل",
            ],
        ),
    ];
    for (tag, expected) in cases {
        let catalogue = catalogue(tag);
        for (count, text) in [0, 1, 2, 5, 21].into_iter().zip(expected) {
            assert_eq!(
                catalogue.count(Msg::ReqMinLength, count),
                text.replace('#', &number(tag, count)),
                "{tag} {count}"
            );
        }
    }
    // Seconds and days follow the same rules.
    let arabic = catalogue("ar");
    assert_eq!(
        arabic.count(Msg::ResendIn, 2),
        "يمكن إعادة الإرسال بعد ثانيتين"
    );
    assert_eq!(
        arabic.count(Msg::PasswordWarnTitle, 5),
        format!("ستنتهي صلاحية كلمة المرور خلال {} أيام", number("ar", 5))
    );
    assert_eq!(
        catalogue("fr").count(Msg::ResendIn, 0),
        format!("Nouvel envoi possible dans {} seconde", number("fr", 0))
    );
    assert_eq!(
        Catalogue::english().count(Msg::PasswordWarnTitle, 1),
        "Your password will expire in 1 day"
    );
    // Numbers as the language writes them (grouping).
    assert_eq!(
        catalogue("de").count(Msg::ReqMinLength, 1000),
        format!("Mindestens {} Zeichen", number("de", 1000))
    );
    assert_ne!(number("de", 1000), "1000", "German groups thousands");
}

#[wasm_bindgen_test]
fn every_plural_entry_has_the_forms_intl_knows_for_its_language() {
    for (tag, json) in FILES {
        let intl: BTreeSet<String> = catalogue(tag)
            .plural_categories()
            .into_iter()
            .map(|c| c.as_str().to_owned())
            .collect();
        let entries: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(json).unwrap();
        for (id, value) in entries {
            if let Some(forms) = value.as_object() {
                let forms: BTreeSet<String> = forms.keys().cloned().collect();
                assert_eq!(forms, intl, "{tag} {id}");
            }
        }
    }
}

#[wasm_bindgen_test]
async fn arabic_is_right_to_left_on_the_widget_root() {
    let env = env_with_files();
    let h = mount_as(&env, config(), "ar").await;
    h.expect_view("primary-auth");
    let root = h.widget();
    assert_eq!(root.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(root.get_attribute("lang").as_deref(), Some("ar"));
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&root)
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("direction").unwrap(), "rtl");
    let title = h.text_of(".authn-title");
    assert_eq!(title, catalogue("ar").text(Msg::SignInTitle));
    // French stays left to right.
    let h = mount_as(&env, config(), "fr").await;
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&h.widget())
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("direction").unwrap(), "ltr");
}

#[wasm_bindgen_test]
async fn the_browser_preference_picks_the_language_and_files_are_fetched_once() {
    let env = env_with_files();
    env.languages.set_preferred(&["it-IT", "de-CH", "fr"]);
    let h = mount(&env, config()).await;
    settle().await;
    assert_eq!(h.widget().get_attribute("lang").as_deref(), Some("de"));
    assert_eq!(
        h.text_of(".authn-title"),
        catalogue("de").text(Msg::SignInTitle)
    );
    drop(h);
    // A second widget in the same language on the page reads the cached file.
    let before = env.languages.fetched().len();
    let h = mount(&env, config()).await;
    assert_eq!(h.widget().get_attribute("lang").as_deref(), Some("de"));
    assert_eq!(env.languages.fetched().len(), before, "no second fetch");
    // English is built in: nothing fetched.
    let english = env_with_files();
    let h = mount(&english, config()).await;
    assert_eq!(h.widget().get_attribute("lang").as_deref(), Some("en"));
    assert!(english.languages.fetched().is_empty());
}

/// Runs `f` with `console.warn` recording its messages; returns them.
async fn warnings_during<F: std::future::Future<Output = ()>>(f: F) -> Vec<String> {
    let console = js_sys::Reflect::get(&js_sys::global(), &"console".into()).unwrap();
    let original = js_sys::Reflect::get(&console, &"warn".into()).unwrap();
    let log = js_sys::Array::new();
    let record = js_sys::Function::new_with_args(
        "log",
        "return function (...args) { log.push(args.join(' ')); };",
    )
    .call1(&wasm_bindgen::JsValue::NULL, &log)
    .unwrap();
    js_sys::Reflect::set(&console, &"warn".into(), &record).unwrap();
    f.await;
    js_sys::Reflect::set(&console, &"warn".into(), &original).unwrap();
    log.iter().filter_map(|w| w.as_string()).collect()
}

#[wasm_bindgen_test]
async fn a_language_file_that_fails_leaves_english_with_a_warning() {
    let env = env();
    let mut config = config();
    config.languages_url = Some("https://missing.test/i18n/".to_owned());
    let warnings = warnings_during(async {
        let h = mount_as(&env, config, "ja").await;
        h.expect_view("primary-auth");
        assert_eq!(h.widget().get_attribute("lang").as_deref(), Some("en"));
        assert_eq!(h.text_of(".authn-title"), Msg::SignInTitle.text());
    })
    .await;
    assert_eq!(
        warnings,
        [
            "authn-web: language file https://missing.test/i18n/ja.json could not be loaded (HTTP 404); showing English"
        ]
    );
    // A file that is not JSON: the same.
    let env = crate::common::env();
    env.languages.serve(
        "https://broken.test/ja.json",
        "<!doctype html><p>Not found</p>",
    );
    let mut config = crate::common::config();
    config.languages_url = Some("https://broken.test/".to_owned());
    let warnings = warnings_during(async {
        let h = mount_as(&env, config, "ja").await;
        assert_eq!(h.widget().get_attribute("lang").as_deref(), Some("en"));
    })
    .await;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("not JSON"), "{warnings:?}");
}

#[wasm_bindgen_test]
async fn a_language_file_that_hangs_gives_way_to_english() {
    let env = env();
    let mut config = config();
    config.languages_url = Some("https://slow.test/".to_owned());
    env.languages.hold("https://slow.test/es.json");
    let warnings = warnings_during(async {
        let h = mount_as(&env, config, "es").await;
        assert!(
            h.find("[data-view]").is_none(),
            "nothing shown while it loads"
        );
        assert_eq!(
            h.widget().get_attribute("aria-busy").as_deref(),
            Some("true")
        );
        h.advance(authn_web::i18n::LOAD_TIMEOUT.as_secs()).await;
        h.expect_view("primary-auth");
        assert_eq!(h.widget().get_attribute("lang").as_deref(), Some("en"));
    })
    .await;
    assert_eq!(
        warnings,
        ["authn-web: the language files took longer than 10 s; showing English"]
    );
    // A file that arrived in time: the deadline passes without a word.
    let env = crate::common::env();
    env.languages
        .serve("https://in-time.test/es.json", file("es"));
    let mut config = crate::common::config();
    config.languages_url = Some("https://in-time.test/".to_owned());
    let warnings = warnings_during(async {
        let h = mount_as(&env, config, "es").await;
        h.advance(authn_web::i18n::LOAD_TIMEOUT.as_secs() + 1).await;
        assert_eq!(h.widget().get_attribute("lang").as_deref(), Some("es"));
    })
    .await;
    assert_eq!(warnings, Vec::<String>::new());
}

#[wasm_bindgen_test]
async fn i18n_wins_over_okta_label_files_which_win_over_the_catalogue() {
    let env = env_with_files();
    env.languages.serve(
        "https://acme.test/okta/labels/json/login_fr.json",
        r#"{"primaryauth.title": "Connexion (Okta)", "forgotpassword": "Mot de passe oublié (Okta)",
            "primaryauth.username.tooltip": "Nom d'utilisateur (Okta)"}"#,
    );
    let mut config = config();
    config.assets.base_url = Some("https://acme.test/okta".to_owned());
    config.i18n.insert(
        "fr".to_owned(),
        [(
            "primaryauth.title".to_owned(),
            I18nText::Text("Connexion à Acme".to_owned()),
        )]
        .into(),
    );
    let h = mount_as(&env, config, "fr").await;
    h.expect_view("primary-auth");
    let french = catalogue("fr");
    assert_eq!(h.text_of(".authn-title"), "Connexion à Acme", "i18n");
    assert_eq!(
        h.text_of("[data-action=forgot-password]").trim(),
        "Mot de passe oublié (Okta)",
        "Okta label file"
    );
    assert_eq!(
        h.text_of("label[for=authn-username]").trim(),
        french.text(Msg::Username),
        "catalogue"
    );
    assert_eq!(
        env.languages.fetched(),
        [
            format!("{}fr.json", FakeLanguages::FOLDER),
            "https://acme.test/okta/labels/json/login_fr.json".to_owned()
        ]
    );
}

#[wasm_bindgen_test]
async fn a_plural_override_is_one_string_or_forms_by_category() {
    let env = env_with_files();
    env.transport
        .reply("/api/v1/authn", 200, fixture!("password_reset"));
    let mut config = resume_config("00resume");
    config.i18n.insert(
        "en".to_owned(),
        [
            (
                "password.complexity.length.description".to_owned(),
                I18nText::Plural(
                    [
                        ("one".to_owned(), "One character or more".to_owned()),
                        ("other".to_owned(), "{0}+ characters".to_owned()),
                    ]
                    .into(),
                ),
            ),
            (
                "password.complexity.number.description".to_owned(),
                I18nText::Text("Digits: {0}".to_owned()),
            ),
        ]
        .into(),
    );
    let warnings = warnings_during(async {
        let h = mount_as(&env, config, "en").await;
        h.expect_view("password-reset");
        let requirements: Vec<String> = h
            .all(".authn-requirement")
            .iter()
            .map(|r| r.text_content().unwrap_or_default().trim().to_owned())
            .collect();
        assert!(
            requirements.iter().any(|r| r.ends_with("+ characters")),
            "{requirements:?}"
        );
        assert!(
            requirements.iter().any(|r| r.starts_with("Digits: ")),
            "{requirements:?}"
        );
    })
    .await;
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[wasm_bindgen_test]
async fn unknown_i18n_keys_give_one_warning_naming_them() {
    let env = env_with_files();
    let mut config = config();
    config.i18n.insert(
        "en".to_owned(),
        [
            (
                "primaryauth.title".to_owned(),
                I18nText::Text("Sign in to Acme".to_owned()),
            ),
            (
                "primaryauth.username.tooltip".to_owned(),
                I18nText::Text("Your Acme username".to_owned()),
            ),
            (
                "password.expiring.title".to_owned(),
                I18nText::Plural([("one".to_owned(), "x".to_owned())].into()),
            ),
        ]
        .into(),
    );
    let warnings = warnings_during(async {
        let h = mount_as(&env, config, "en").await;
        assert_eq!(h.text_of(".authn-title"), "Sign in to Acme");
        // Re-rendering (typing) warns no more.
        h.type_into("#authn-username", "dade").await;
    })
    .await;
    assert_eq!(
        warnings,
        [
            "authn-web: i18n texts ignored: en: password.expiring.title (no \"other\" form), primaryauth.username.tooltip"
        ]
    );
}

#[wasm_bindgen_test]
async fn texts_in_an_arabic_sentence_keep_their_own_direction() {
    let env = env_with_files();
    let h = mount_as(&env, config(), "ar").await;
    let answer = (
        "EMAIL",
        "/api/v1/authn/recovery/password",
        fixture!("recovery_challenge_email"),
    );
    h.start_recovery("forgot-password", "dade.murphy@example.com", answer)
        .await;
    h.expect_view("password-reset-email-sent");
    let subtitle = h.text_of(".authn-subtitle");
    assert!(
        subtitle.contains("\u{2068}dade.murphy@example.com\u{2069}"),
        "{subtitle}"
    );
    assert!(subtitle.starts_with("تم إرسال"), "{subtitle}");
}

#[wasm_bindgen_test]
async fn a_language_tag_intl_rejects_is_not_fatal() {
    // Well-formed enough for the widget, refused by Intl ("qq-c": a singleton without a subtag).
    let env = env_with_files();
    env.transport
        .reply("/api/v1/authn", 200, fixture!("password_reset"));
    let mut config = resume_config("00resume");
    config.i18n.insert(
        "qq-c".to_owned(),
        [("help".to_owned(), I18nText::Text("Qq help".to_owned()))].into(),
    );
    let h = mount_as(&env, config, "qq-c").await;
    h.expect_view("password-reset");
    assert_eq!(h.widget().get_attribute("lang").as_deref(), Some("qq-c"));
    let requirement = h.text_of(".authn-requirement");
    assert!(requirement.starts_with("At least "), "{requirement}");
}
