//! The catalogue files: every language has every message, in the shape English has it (plain or
//! plural), with the plural forms of its language, the placeholders of the English text and no
//! markup; and the way a page's texts are laid over them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::catalogue::parse_file;
use super::*;
use crate::Msg;
use crate::config::SignInConfig;
use crate::testing::FakeLanguages;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("i18n")
}

fn read(tag: &str) -> String {
    let path = folder().join(format!("{tag}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The CLDR plural categories of each language (the browser tests check them against
/// `Intl.PluralRules`).
fn categories(tag: &str) -> BTreeSet<PluralCategory> {
    use PluralCategory::{Few, Many, One, Other, Two, Zero};
    let list: &[PluralCategory] = match tag {
        "en" | "de" => &[One, Other],
        "fr" | "es" | "pt-BR" => &[One, Many, Other],
        "ja" | "zh-CN" => &[Other],
        "ar" => &[Zero, One, Two, Few, Many, Other],
        _ => panic!("no plural categories listed for {tag}"),
    };
    list.iter().copied().collect()
}

/// The `{n}` placeholders of `text`.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                found.insert(after[..end].to_owned());
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    found
}

#[test]
fn the_files_are_the_languages() {
    let mut files: Vec<String> = std::fs::read_dir(folder())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = LANGUAGES
        .iter()
        .map(|l| format!("{}.json", l.tag))
        .collect();
    expected.sort();
    assert_eq!(files, expected);
}

#[test]
fn every_key_is_present_in_every_language() {
    let english: BTreeMap<Msg, Entry> = parse_file(&read("en")).unwrap().0.into_iter().collect();
    assert_eq!(english.len(), Msg::ALL.len(), "en.json has every message");
    for language in LANGUAGES {
        let tag = language.tag;
        let (entries, problems) = parse_file(&read(tag)).unwrap();
        assert_eq!(problems, Vec::<String>::new(), "{tag}.json");
        let entries: BTreeMap<Msg, Entry> = entries.into_iter().collect();
        let missing: Vec<&str> = Msg::ALL
            .iter()
            .filter(|msg| !entries.contains_key(msg))
            .map(|msg| msg.id())
            .collect();
        assert_eq!(missing, Vec::<&str>::new(), "{tag}.json lacks keys");
        for (msg, entry) in &entries {
            let id = msg.id();
            let source = &english[msg];
            assert_eq!(
                entry.is_plural(),
                source.is_plural(),
                "{tag} {id}: plural as in English"
            );
            if source.is_plural() {
                let forms: BTreeSet<PluralCategory> = entry.categories().into_iter().collect();
                assert_eq!(
                    forms,
                    categories(tag),
                    "{tag} {id}: the language's plural forms"
                );
            }
            let allowed: BTreeSet<String> = source.texts().flat_map(placeholders).collect();
            for text in entry.texts() {
                assert!(!text.trim().is_empty(), "{tag} {id}: empty");
                assert_eq!(text.trim(), text, "{tag} {id}: surrounding spaces");
                assert!(
                    !text.contains(['<', '>']),
                    "{tag} {id}: no markup in texts: {text}"
                );
                let used = placeholders(text);
                assert!(used.is_subset(&allowed), "{tag} {id}: {used:?} in {text}");
                if !source.is_plural() {
                    assert_eq!(used, allowed, "{tag} {id}: every placeholder in {text}");
                }
            }
        }
    }
}

#[test]
fn plural_forms_of_other_languages_use_the_number() {
    // A form that may serve several counts must show the number (French `one` is 0 and 1,
    // Arabic `few` is 3-10, ...): only English's and German's `one` and Arabic's `one`/`two` may
    // spell it out.
    for language in LANGUAGES {
        let tag = language.tag;
        let (entries, _) = parse_file(&read(tag)).unwrap();
        for (msg, entry) in entries.iter().filter(|(_, e)| e.is_plural()) {
            for category in entry.categories() {
                let spelled = matches!(
                    (tag, category),
                    ("en" | "de" | "es", PluralCategory::One)
                        | ("ar", PluralCategory::One | PluralCategory::Two)
                );
                let text = entry.form(category);
                if !spelled {
                    assert!(
                        text.contains("{0}"),
                        "{tag} {} {category:?}: {text}",
                        msg.id()
                    );
                }
            }
        }
    }
}

fn config_with(language: Option<&str>) -> SignInConfig {
    let mut config = SignInConfig::new("https://org.example");
    config.language = language.map(str::to_owned);
    config
}

#[test]
fn the_language_file_url_follows_the_option_or_the_script() {
    let source = FakeLanguages::new();
    let planned = plan(&config_with(Some("fr-CA")), &source);
    assert_eq!(planned.choice, Choice::Builtin(LANGUAGES[2]));
    assert_eq!(
        planned.file_url.as_deref(),
        Some("https://widget.test/i18n/fr.json")
    );
    assert_eq!(planned.labels_url, None);
    let mut config = config_with(Some("pt"));
    config.languages_url = Some("/static/lang".to_owned());
    assert_eq!(
        plan(&config, &source).file_url.as_deref(),
        Some("/static/lang/pt-BR.json")
    );
    // English needs nothing.
    let english = plan(&config_with(None), &source);
    assert_eq!((english.file_url, english.labels_url), (None, None));
}

#[test]
fn okta_label_files_follow_assets_base_url_and_rewrite() {
    let source = FakeLanguages::new();
    let mut config = config_with(Some("zh-CN"));
    config.assets.base_url = Some("https://cdn.example/okta/".to_owned());
    assert_eq!(
        plan(&config, &source).labels_url.as_deref(),
        Some("https://cdn.example/okta/labels/json/login_zh_CN.json")
    );
    config.assets.rewrite = Some(crate::config::AssetRewrite::new(|path| {
        Ok(path.replace(".json", ".v2.json"))
    }));
    assert_eq!(
        plan(&config, &source).labels_url.as_deref(),
        Some("https://cdn.example/okta/labels/json/login_zh_CN.v2.json")
    );
    config.assets.rewrite = Some(crate::config::AssetRewrite::new(|_| {
        Err(crate::config::HookError {
            hook: "assets.rewrite",
            message: "the function threw".to_owned(),
        })
    }));
    let planned = plan(&config, &source);
    assert_eq!(
        planned.labels_url.as_deref(),
        Some("https://cdn.example/okta/labels/json/login_zh_CN.json")
    );
    assert_eq!(planned.warnings, ["assets.rewrite: the function threw"]);
    // Not for English (Okta's widget has English built in too).
    config.language = Some("en".to_owned());
    assert_eq!(plan(&config, &source).labels_url, None);
}

#[test]
fn unknown_i18n_keys_are_named_in_one_warning() {
    let mut config = config_with(None);
    config.i18n.insert(
        "en".to_owned(),
        BTreeMap::from([
            (
                "primaryauth.title".to_owned(),
                I18nText::Text("Hi".to_owned()),
            ),
            (
                "primaryauth.username.tooltip".to_owned(),
                I18nText::Text("x".to_owned()),
            ),
        ]),
    );
    config.i18n.insert(
        "fr".to_owned(),
        BTreeMap::from([("no.such.key".to_owned(), I18nText::Text("x".to_owned()))]),
    );
    let planned = plan(&config, &FakeLanguages::new());
    assert_eq!(
        planned.warnings,
        ["i18n texts ignored: en: primaryauth.username.tooltip; fr: no.such.key"]
    );
}

fn overrides(pairs: &[(&str, &str, &str)]) -> Overrides {
    let mut i18n = Overrides::new();
    for (language, key, text) in pairs {
        i18n.entry((*language).to_owned())
            .or_default()
            .insert((*key).to_owned(), I18nText::Text((*text).to_owned()));
    }
    i18n
}

#[test]
fn i18n_wins_over_okta_labels_which_win_over_the_catalogue() {
    let source = FakeLanguages::new();
    let mut config = config_with(Some("fr"));
    config.languages_url = Some("https://precedence.test/i18n/".to_owned());
    config.assets.base_url = Some("https://precedence.test/okta".to_owned());
    config.i18n = overrides(&[
        ("fr", "primaryauth.title", "Bienvenue chez Acme"),
        ("en", "goback", "English only"),
    ]);
    let planned = plan(&config, &source);
    let labels = r#"{"primaryauth.title": "Connexion Okta", "goback": "Retour Okta",
                     "primaryauth.username.tooltip": "Nom"}"#;
    let fetched = Fetched {
        file: Some(Ok(read("fr"))),
        labels: Some(Ok(labels.to_owned())),
    };
    let (catalogue, warnings) = build(&planned, fetched, &config.i18n);
    assert_eq!(warnings, Vec::<String>::new());
    assert_eq!(catalogue.tag(), "fr");
    // i18n over the label file over the catalogue.
    assert_eq!(catalogue.text(Msg::SignInTitle), "Bienvenue chez Acme");
    assert_eq!(catalogue.text(Msg::BackToSignIn), "Retour Okta");
    let (french, _) = Catalogue::from_file("fr", &read("fr")).unwrap();
    assert_eq!(catalogue.text(Msg::Help), french.text(Msg::Help));
    assert_ne!(french.text(Msg::Help), Catalogue::english().text(Msg::Help));
    // The more specific language's texts win over its primary language's.
    config.i18n = overrides(&[
        ("pt-br", "help", "Ajuda (BR)"),
        ("pt", "help", "Ajuda (PT)"),
        ("pt", "goback", "Voltar (PT)"),
    ]);
    config.language = Some("pt-BR".to_owned());
    config.assets.base_url = None;
    let planned = plan(&config, &source);
    let fetched = Fetched {
        file: Some(Ok(read("pt-BR"))),
        labels: None,
    };
    let (catalogue, _) = build(&planned, fetched, &config.i18n);
    assert_eq!(catalogue.text(Msg::Help), "Ajuda (BR)");
    assert_eq!(catalogue.text(Msg::BackToSignIn), "Voltar (PT)");
}

#[test]
fn a_language_file_that_fails_leaves_english_and_a_warning() {
    let mut config = config_with(Some("de"));
    config.languages_url = Some("https://failing.test/i18n/".to_owned());
    config.i18n = overrides(&[("en", "help", "Support")]);
    let planned = plan(&config, &FakeLanguages::new());
    for fetched in [
        Err("HTTP 404".to_owned()),
        Ok("<!doctype html>".to_owned()),
        Ok("[]".to_owned()),
    ] {
        let (catalogue, warnings) = build(
            &planned,
            Fetched {
                file: Some(fetched),
                labels: None,
            },
            &config.i18n,
        );
        assert_eq!((catalogue.tag(), catalogue.dir()), ("en", "ltr"));
        assert_eq!(catalogue.text(Msg::Help), "Support", "English i18n texts");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0]
                .starts_with("language file https://failing.test/i18n/de.json could not be loaded"),
            "{warnings:?}"
        );
    }
    // A failed Okta label file only costs its overrides.
    let mut config = config_with(Some("ja"));
    config.languages_url = Some("https://labels-fail.test/".to_owned());
    config.assets.base_url = Some("https://labels-fail.test".to_owned());
    let planned = plan(&config, &FakeLanguages::new());
    let (catalogue, warnings) = build(
        &planned,
        Fetched {
            file: Some(Ok(read("ja"))),
            labels: Some(Err("HTTP 403".to_owned())),
        },
        &config.i18n,
    );
    assert_eq!(catalogue.tag(), "ja");
    assert_eq!(
        warnings,
        [
            "Okta label file https://labels-fail.test/labels/json/login_ja.json could not be loaded (HTTP 403)"
        ]
    );
}

#[test]
fn a_page_language_is_english_under_the_pages_texts() {
    let mut config = config_with(Some("it"));
    config.i18n = overrides(&[("it", "primaryauth.title", "Accedi")]);
    let planned = plan(&config, &FakeLanguages::new());
    assert_eq!(planned.choice, Choice::Page("it".to_owned()));
    assert_eq!(
        (planned.file_url.clone(), planned.labels_url.clone()),
        (None, None)
    );
    let (catalogue, _) = build(&planned, Fetched::default(), &config.i18n);
    assert_eq!(catalogue.tag(), "it");
    assert_eq!(catalogue.text(Msg::SignInTitle), "Accedi");
    assert_eq!(catalogue.text(Msg::Help), "Help");
    // Hebrew from the page: right to left.
    let mut config = config_with(Some("he"));
    config.i18n = overrides(&[("he", "help", "עזרה")]);
    let (catalogue, _) = build(
        &plan(&config, &FakeLanguages::new()),
        Fetched::default(),
        &config.i18n,
    );
    assert_eq!((catalogue.tag(), catalogue.dir()), ("he", "rtl"));
}
