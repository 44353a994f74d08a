//! The widget's languages: which one shows, where its texts come from, and the catalogue the
//! views read through [`Msg`](crate::Msg).
//!
//! - **Which language**: the page's `language` ([`SignInConfig::language`]), else the first of the
//!   browser's languages the widget (or the page's `i18n`) has texts for, else English
//!   ([`language::choose`]).
//! - **Texts**: English is compiled in (`authn-web/i18n/en.json`). Every other language is a file,
//!   `{languages_url}{tag}.json` (default: the `i18n/` folder next to the widget's script), fetched
//!   once per page when chosen; a file that cannot be fetched or read leaves the widget in English
//!   with a console warning, and so does one that takes longer than [`LOAD_TIMEOUT`].
//! - **Overrides**, lowest to highest: the catalogue, then Okta's label file
//!   `{assets.baseUrl}/labels/json/login_{lang}.json` when the page sets `assets.baseUrl` (for any
//!   language but English, as Okta's widget), then the page's `i18n` texts for the language
//!   (`i18n.pt` then `i18n['pt-BR']`). Unknown `i18n` keys are reported in one console warning.
//!
//! One language per page: the views read the catalogue of the widget rendered last (as Okta's
//! widget, whose texts are global too).

mod catalogue;
mod intl;
pub mod language;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::thread::LocalKey;
use std::time::Duration;

#[cfg(all(test, not(target_arch = "wasm32")))]
use catalogue::Entry;
pub use catalogue::{Catalogue, I18nText, missing_marker};
pub(crate) use catalogue::{Entries, parse_okta_labels, parse_overrides};
pub use intl::PluralCategory;
pub use language::{Choice, LANGUAGES, Language};

use crate::config::SignInConfig;
use crate::services::LanguageSource;

/// How long the widget waits for a language file before it shows English.
pub const LOAD_TIMEOUT: Duration = Duration::from_secs(10);

/// The `i18n` option: language -> (message id -> text).
pub type Overrides = BTreeMap<String, BTreeMap<String, I18nText>>;

thread_local! {
    static ACTIVE: RefCell<Rc<Catalogue>> = RefCell::new(Catalogue::english());
    /// Language files and Okta label files already read, by URL (a page reads one or two).
    static FILES: Cache<Catalogue> = RefCell::default();
    static LABELS: Cache<Entries> = RefCell::default();
}

/// Runs `f` with the catalogue the views read.
pub fn with_active<R>(f: impl FnOnce(&Catalogue) -> R) -> R {
    ACTIVE.with(|active| f(&active.borrow()))
}

/// Makes `catalogue` the one the views read (the widget does this before it renders).
pub fn set_active(catalogue: Rc<Catalogue>) {
    ACTIVE.with(|active| *active.borrow_mut() = catalogue);
}

/// Reports a problem with the page's language setup (console warning in the browser).
pub fn warn(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::warn_1(&format!("authn-web: {message}").into());
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("authn-web: {message}");
}

/// What has to be read for the widget's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The language.
    pub choice: Choice,
    /// The language file (a built-in language other than English).
    pub file_url: Option<String>,
    /// Okta's label file (`assets.baseUrl` set, a language other than English).
    pub labels_url: Option<String>,
    /// Problems found so far (the page's language, unknown `i18n` keys).
    pub warnings: Vec<String>,
}

/// The folder URL `url` with a trailing `/`.
fn folder(url: &str) -> String {
    let mut url = url.trim().to_owned();
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

/// The language for `config` and what to read for it.
pub fn plan(config: &SignInConfig, source: &dyn LanguageSource) -> Plan {
    let page_languages: Vec<&str> = config.i18n.keys().map(String::as_str).collect();
    let preferred = source.preferred();
    let base_url = config.assets.base_url.as_deref().map(str::trim);
    let base_url = base_url.filter(|url| !url.is_empty());
    let (choice, warning) = language::choose(language::Wishes {
        requested: config.language.as_deref(),
        preferred: &preferred,
        page_languages: &page_languages,
        label_files: base_url.is_some(),
    });
    let mut warnings: Vec<String> = warning.into_iter().collect();
    warnings.extend(unknown_keys(&config.i18n));
    let english = choice == Choice::Builtin(language::ENGLISH);
    let file_url = match &choice {
        Choice::Builtin(language) if !english => {
            let folder = config
                .languages_url
                .as_deref()
                .map_or_else(|| source.default_folder(), folder);
            Some(format!("{folder}{}.json", language.tag))
        }
        Choice::Builtin(_) | Choice::Page(_) => None,
    };
    let labels_url = base_url.filter(|_| !english).map(|base| {
        // Okta's bundles separate language and region with `_`: zh-CN -> login_zh_CN.json.
        let path = format!(
            "/labels/json/login_{}.json",
            choice.tag().replacen('-', "_", 1)
        );
        let path = match &config.assets.rewrite {
            Some(rewrite) => rewrite.call(&path).unwrap_or_else(|error| {
                warnings.push(error.to_string());
                path
            }),
            None => path,
        };
        format!("{}{path}", base.trim_end_matches('/'))
    });
    Plan {
        choice,
        file_url,
        labels_url,
        warnings,
    }
}

/// One warning naming every `i18n` key that is not a message id (or whose plural object is unusable).
fn unknown_keys(i18n: &Overrides) -> Option<String> {
    let listed: Vec<String> = i18n
        .iter()
        .filter_map(|(language, texts)| {
            let (_, ignored) = parse_overrides(texts);
            (!ignored.is_empty()).then(|| format!("{language}: {}", ignored.join(", ")))
        })
        .collect();
    (!listed.is_empty()).then(|| format!("i18n texts ignored: {}", listed.join("; ")))
}

/// What was read for a [`Plan`].
#[derive(Clone, Debug, Default)]
pub struct Fetched {
    /// The language file's text, or why it could not be fetched.
    pub file: Option<Result<String, String>>,
    /// Okta's label file, or why it could not be fetched.
    pub labels: Option<Result<String, String>>,
}

/// The catalogue for `plan` from what was fetched (files read before come from the page's cache),
/// with the page's `i18n` texts over it, and the warnings to report.
pub fn build(plan: &Plan, fetched: Fetched, i18n: &Overrides) -> (Rc<Catalogue>, Vec<String>) {
    let mut warnings = Vec::new();
    let base = match (&plan.choice, &plan.file_url) {
        (Choice::Builtin(language), Some(url)) => {
            let parse = |json: &str| Catalogue::from_file(language.tag, json);
            read(&FILES, url, fetched.file, parse, &mut warnings)
                .map_err(|why| {
                    warnings.push(format!(
                        "language file {url} could not be loaded ({why}); showing English"
                    ));
                })
                .ok()
        }
        (Choice::Builtin(_), None) => Some(Catalogue::english()),
        (Choice::Page(_), _) => None,
    };
    let labels = plan.labels_url.as_ref().and_then(|url| {
        let parse = |json: &str| parse_okta_labels(json).map(|entries| (entries, Vec::new()));
        read(&LABELS, url, fetched.labels, parse, &mut warnings)
            .map_err(|why| {
                warnings.push(format!("Okta label file {url} could not be loaded ({why})"));
            })
            .ok()
    });
    let tag = plan.choice.tag();
    let has_own = !own_overrides(i18n, tag).is_empty();
    // The language shows when something has texts for it; otherwise English does.
    let mut catalogue = match base {
        Some(base) if labels.is_none() && !has_own => return (base, warnings),
        Some(base) => base.duplicate(),
        None if labels.is_some() || has_own => Catalogue::based_on_english(tag),
        None => Catalogue::english().duplicate(),
    };
    if let Some(labels) = labels {
        catalogue.apply(labels.iter().cloned().collect());
    }
    for texts in own_overrides(i18n, catalogue.tag()) {
        catalogue.apply(parse_overrides(texts).0);
    }
    (Rc::new(catalogue), warnings)
}

/// The page's `i18n` texts for `tag`: those of its primary language first, then its own (so the
/// more specific wins).
fn own_overrides<'a>(i18n: &'a Overrides, tag: &str) -> Vec<&'a BTreeMap<String, I18nText>> {
    let primary = language::primary(tag);
    let mut broader = Vec::new();
    let mut exact = Vec::new();
    for (language, texts) in i18n {
        match language::normalize(language) {
            Some(language) if language == tag => exact.push(texts),
            Some(language) if language == primary => broader.push(texts),
            Some(_) | None => {}
        }
    }
    broader.append(&mut exact);
    broader
}

/// Files read on this page, by URL.
type Cache<T> = RefCell<Vec<(String, Rc<T>)>>;

/// What `url` holds: read before on this page, or read from what was fetched now (and kept).
/// Problems that did not stop the reading go to `warnings`.
fn read<T>(
    cache: &'static LocalKey<Cache<T>>,
    url: &str,
    fetched: Option<Result<String, String>>,
    parse: impl FnOnce(&str) -> Result<(T, Vec<String>), String>,
    warnings: &mut Vec<String>,
) -> Result<Rc<T>, String> {
    if let Some(hit) = cache.with(|read| cached(&read.borrow(), url)) {
        return Ok(hit);
    }
    let (value, problems) = fetched
        .unwrap_or_else(|| Err("not fetched".to_owned()))
        .and_then(|text| parse(&text))?;
    if !problems.is_empty() {
        warnings.push(format!("file {url}: {}", problems.join("; ")));
    }
    let value = Rc::new(value);
    cache.with(|read| read.borrow_mut().push((url.to_owned(), value.clone())));
    Ok(value)
}

/// What was read from `url` before.
fn cached<T>(read: &[(String, Rc<T>)], url: &str) -> Option<Rc<T>> {
    read.iter().find(|(u, _)| u == url).map(|(_, t)| t.clone())
}

/// Whether `url` was read before (no fetch needed).
fn is_cached(url: &str) -> bool {
    FILES.with(|files| cached(&files.borrow(), url).is_some())
        || LABELS.with(|labels| cached(&labels.borrow(), url).is_some())
}

/// The catalogue for a widget: ready at once when nothing has to be fetched (English, the page's
/// own texts, files read before), else a future that fetches the files (in parallel) and builds it.
pub enum Texts {
    /// Nothing to fetch.
    Ready(Rc<Catalogue>),
    /// The files are being fetched.
    Loading(Pin<Box<dyn Future<Output = Rc<Catalogue>>>>),
}

/// The texts for `config`: plans, reports the plan's warnings, and fetches what is not cached.
pub fn texts(config: &SignInConfig, source: Rc<dyn LanguageSource>) -> Texts {
    let plan = plan(config, &*source);
    for warning in &plan.warnings {
        warn(warning);
    }
    let to_fetch = |url: &Option<String>| url.clone().filter(|url| !is_cached(url));
    let (file_url, labels_url) = (to_fetch(&plan.file_url), to_fetch(&plan.labels_url));
    let i18n = config.i18n.clone();
    if file_url.is_none() && labels_url.is_none() {
        return Texts::Ready(finish(&plan, Fetched::default(), &i18n));
    }
    // Both requests start now; the future awaits them in turn.
    let file = file_url.map(|url| source.fetch(&url));
    let labels = labels_url.map(|url| source.fetch(&url));
    Texts::Loading(Box::pin(async move {
        let file = match file {
            Some(file) => Some(file.await),
            None => None,
        };
        let labels = match labels {
            Some(labels) => Some(labels.await),
            None => None,
        };
        finish(&plan, Fetched { file, labels }, &i18n)
    }))
}

fn finish(plan: &Plan, fetched: Fetched, i18n: &Overrides) -> Rc<Catalogue> {
    let (catalogue, warnings) = build(plan, fetched, i18n);
    for warning in &warnings {
        warn(warning);
    }
    catalogue
}

/// The English catalogue with the page's English `i18n` texts: what shows when loading the
/// chosen language took too long.
pub fn english_fallback(i18n: &Overrides) -> Rc<Catalogue> {
    let mut catalogue = Catalogue::english().duplicate();
    for texts in own_overrides(i18n, language::ENGLISH.tag) {
        catalogue.apply(parse_overrides(texts).0);
    }
    Rc::new(catalogue)
}
