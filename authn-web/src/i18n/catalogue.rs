//! A catalogue: one text (or one text per plural category) for every [`Msg`], in one language, and
//! how language files, Okta label files and `i18n` overrides build it.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::Value;

use super::intl::{PluralCategory, Rules};
use super::language::{self, ENGLISH};
use crate::messages::{Msg, substitute};

/// The English catalogue, compiled in.
const ENGLISH_FILE: &str = include_str!("../../i18n/en.json");

/// First strong isolate and pop directional isolate: keep an argument's own direction inside a
/// right-to-left sentence.
const ISOLATE: (char, char) = ('\u{2068}', '\u{2069}');

/// What a page's `i18n` option gives for one message: one text (for every count of a plural
/// message), or one text per plural category (`{ one: "...", other: "..." }`; `other` is required).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum I18nText {
    /// One text.
    Text(String),
    /// Plural category name -> text.
    Plural(BTreeMap<String, String>),
}

/// Messages and their texts, as read from a file or an option.
pub(crate) type Entries = Vec<(Msg, Entry)>;

/// The text(s) of one message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The text, or the `other` form of a plural message.
    other: Rc<str>,
    /// The other plural forms.
    forms: Vec<(PluralCategory, Rc<str>)>,
    /// Given as plural forms (an object), even if only `other`.
    plural: bool,
}

impl Entry {
    fn text(text: &str) -> Self {
        Self {
            other: text.into(),
            forms: Vec::new(),
            plural: false,
        }
    }

    /// A plural entry from category names; `Err` names what is wrong.
    fn plural<'a>(forms: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, String> {
        let mut other = None;
        let mut rest = Vec::new();
        for (name, text) in forms {
            match PluralCategory::parse(name) {
                Some(PluralCategory::Other) => other = Some(Rc::from(text)),
                Some(category) => rest.push((category, Rc::from(text))),
                None => return Err(format!("{name:?} is not a plural category")),
            }
        }
        let other = other.ok_or("no \"other\" form")?;
        Ok(Self {
            other,
            forms: rest,
            plural: true,
        })
    }

    /// An entry of a language file: a string, or an object of plural forms.
    fn from_json(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(text) => Ok(Self::text(text)),
            Value::Object(forms) => {
                let mut pairs = Vec::with_capacity(forms.len());
                for (name, text) in forms {
                    let text = text
                        .as_str()
                        .ok_or_else(|| format!("form {name:?} is not a string"))?;
                    pairs.push((name.as_str(), text));
                }
                Self::plural(pairs)
            }
            _ => Err("neither a string nor an object of plural forms".to_owned()),
        }
    }

    fn from_override(text: &I18nText) -> Result<Self, String> {
        match text {
            I18nText::Text(text) => Ok(Self::text(text)),
            I18nText::Plural(forms) => {
                Self::plural(forms.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            }
        }
    }

    /// Whether this entry is plural forms.
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub(crate) fn is_plural(&self) -> bool {
        self.plural
    }

    /// The categories this entry has a form for (`other` last).
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub(crate) fn categories(&self) -> Vec<PluralCategory> {
        let mut categories: Vec<PluralCategory> = self.forms.iter().map(|(c, _)| *c).collect();
        categories.push(PluralCategory::Other);
        categories
    }

    /// Every text of this entry.
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub(crate) fn texts(&self) -> impl Iterator<Item = &str> {
        self.forms
            .iter()
            .map(|(_, text)| &**text)
            .chain(std::iter::once(&*self.other))
    }

    pub(crate) fn form(&self, category: PluralCategory) -> &str {
        self.forms
            .iter()
            .find(|(c, _)| *c == category)
            .map_or(&*self.other, |(_, text)| &**text)
    }
}

/// The entries of a language file: `Msg` -> entry, and what was wrong with the file (unknown keys,
/// malformed entries), or why it could not be read at all.
pub(crate) fn parse_file(json: &str) -> Result<(Entries, Vec<String>), String> {
    let value: Value = serde_json::from_str(json).map_err(|e| format!("not JSON ({e})"))?;
    let Value::Object(object) = value else {
        return Err("not a JSON object".to_owned());
    };
    let mut entries = Vec::with_capacity(object.len());
    let mut problems = Vec::new();
    for (key, value) in &object {
        let Some(msg) = Msg::from_id(key) else {
            problems.push(format!("unknown key {key}"));
            continue;
        };
        match Entry::from_json(value) {
            Ok(entry) => entries.push((msg, entry)),
            Err(why) => problems.push(format!("{key}: {why}")),
        }
    }
    Ok((entries, problems))
}

/// The entries of an Okta label file (`login_fr.json`) for the messages that have Okta's ids; its
/// other keys are Okta's and are skipped.
pub(crate) fn parse_okta_labels(json: &str) -> Result<Entries, String> {
    let value: Value = serde_json::from_str(json).map_err(|e| format!("not JSON ({e})"))?;
    let Value::Object(object) = value else {
        return Err("not a JSON object".to_owned());
    };
    Ok(object
        .iter()
        .filter_map(|(key, value)| Some((Msg::from_id(key)?, Entry::text(value.as_str()?))))
        .collect())
}

/// The entries of a page's `i18n` texts for one language, and what was ignored (unknown keys,
/// malformed plural objects).
pub(crate) fn parse_overrides(texts: &BTreeMap<String, I18nText>) -> (Entries, Vec<String>) {
    let mut entries = Vec::new();
    let mut ignored = Vec::new();
    for (key, text) in texts {
        let Some(msg) = Msg::from_id(key) else {
            ignored.push(key.clone());
            continue;
        };
        match Entry::from_override(text) {
            Ok(entry) => entries.push((msg, entry)),
            Err(why) => ignored.push(format!("{key} ({why})")),
        }
    }
    (entries, ignored)
}

/// Every message's text in one language.
pub struct Catalogue {
    tag: String,
    rtl: bool,
    entries: Vec<Entry>,
    missing: Vec<Msg>,
    rules: Rules,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("tag", &self.tag)
            .field("missing", &self.missing)
            .finish_non_exhaustive()
    }
}

thread_local! {
    static ENGLISH_CATALOGUE: Rc<Catalogue> = Rc::new(Catalogue::parse_english());
}

impl Catalogue {
    /// The English catalogue (compiled in; built once per thread).
    pub fn english() -> Rc<Catalogue> {
        ENGLISH_CATALOGUE.with(Rc::clone)
    }

    /// English from `en.json`. A key it lacked would show as Okta's missing-text marker
    /// `L10N_ERROR[id]` (the catalogue tests make sure none does).
    fn parse_english() -> Self {
        let mut entries: Vec<Option<Entry>> = vec![None; Msg::ALL.len()];
        if let Ok((parsed, _)) = parse_file(ENGLISH_FILE) {
            for (msg, entry) in parsed {
                entries[msg as usize] = Some(entry);
            }
        }
        let mut missing = Vec::new();
        let entries = Msg::ALL
            .iter()
            .zip(entries)
            .map(|(msg, entry)| {
                entry.unwrap_or_else(|| {
                    missing.push(*msg);
                    Entry::text(&missing_marker(*msg))
                })
            })
            .collect();
        Self {
            tag: ENGLISH.tag.to_owned(),
            rtl: false,
            entries,
            missing,
            rules: Rules::new(ENGLISH.tag),
        }
    }

    /// English texts for the language `tag` (normalized), to be replaced by its own entries.
    pub(crate) fn based_on_english(tag: &str) -> Self {
        let english = Self::english();
        Self {
            tag: tag.to_owned(),
            rtl: language::is_rtl(tag),
            entries: english.entries.clone(),
            missing: english.missing.clone(),
            rules: Rules::new(tag),
        }
    }

    /// A copy of this catalogue (to lay overrides over a cached one).
    pub(crate) fn duplicate(&self) -> Self {
        Self {
            tag: self.tag.clone(),
            rtl: self.rtl,
            entries: self.entries.clone(),
            missing: self.missing.clone(),
            rules: Rules::new(&self.tag),
        }
    }

    /// Lays `entries` over this catalogue.
    pub(crate) fn apply(&mut self, entries: Entries) {
        for (msg, entry) in entries {
            self.entries[msg as usize] = entry;
        }
    }

    /// A language file's catalogue (`tag` normalized): its entries over English. The messages the
    /// file lacks keep their English text and are listed by [`Catalogue::missing`]; the other
    /// problems found (unknown keys, malformed entries) are returned; `Err` when it is not a JSON
    /// object.
    pub fn from_file(tag: &str, json: &str) -> Result<(Self, Vec<String>), String> {
        let (entries, mut problems) = parse_file(json)?;
        let mut catalogue = Self::based_on_english(tag);
        let mut present = vec![false; Msg::ALL.len()];
        for (msg, _) in &entries {
            present[*msg as usize] = true;
        }
        catalogue.missing = Msg::ALL
            .iter()
            .copied()
            .filter(|msg| !present[*msg as usize])
            .collect();
        if !catalogue.missing.is_empty() {
            let ids: Vec<&str> = catalogue.missing.iter().map(|m| m.id()).collect();
            problems.push(format!("missing (shown in English): {}", ids.join(", ")));
        }
        catalogue.apply(entries);
        Ok((catalogue, problems))
    }

    /// The language tag (`lang` attribute).
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// `rtl` or `ltr` (`dir` attribute).
    pub fn dir(&self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }

    /// The messages this catalogue has no text of its own for (shown in English).
    pub fn missing(&self) -> &[Msg] {
        &self.missing
    }

    pub(crate) fn entry(&self, msg: Msg) -> &Entry {
        &self.entries[msg as usize]
    }

    /// The text of `msg` (the `other` form of a plural message), placeholders unfilled.
    pub fn text(&self, msg: Msg) -> &str {
        &self.entry(msg).other
    }

    /// The form of `msg` for `count`, with `{0}` replaced by the number as the language writes it.
    pub fn count(&self, msg: Msg, count: u64) -> String {
        let template = self.entry(msg).form(self.rules.category(count));
        substitute(template, &[&self.rules.number(count)], None)
    }

    /// `template` with its placeholders replaced by `args` (isolated in a right-to-left language).
    pub fn fill(&self, template: &str, args: &[&str]) -> String {
        substitute(template, args, self.rtl.then_some(ISOLATE))
    }

    /// The plural categories the language uses (`Intl.PluralRules`).
    #[cfg(target_arch = "wasm32")]
    pub fn plural_categories(&self) -> Vec<PluralCategory> {
        self.rules.categories()
    }
}

/// What a message without any text shows (Okta's marker for a missing text).
pub fn missing_marker(msg: Msg) -> String {
    format!("L10N_ERROR[{}]", msg.id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_complete() {
        let english = Catalogue::english();
        assert!(english.missing().is_empty(), "{:?}", english.missing());
        assert_eq!(english.text(Msg::SignInTitle), "Sign in");
        assert_eq!(english.dir(), "ltr");
    }

    #[test]
    fn plural_messages_pick_their_form_and_fill_the_number() {
        let english = Catalogue::english();
        assert_eq!(english.count(Msg::ReqMinLength, 1), "At least 1 character");
        assert_eq!(english.count(Msg::ReqMinLength, 8), "At least 8 characters");
        assert_eq!(english.count(Msg::ReqLower, 1), "A lowercase letter");
        assert_eq!(
            english.count(Msg::ReqLower, 2),
            "At least 2 lowercase letters"
        );
        assert_eq!(
            english.count(Msg::PasswordWarnTitle, 1),
            "Your password will expire in 1 day"
        );
        // A plain message counted: the number fills {0}.
        assert_eq!(english.count(Msg::SignInTitle, 3), "Sign in");
    }

    #[test]
    fn malformed_files_and_entries_are_reported_not_fatal() {
        assert!(Catalogue::from_file("fr", "not json").is_err());
        assert!(Catalogue::from_file("fr", "[1]").is_err());
        let (catalogue, problems) = Catalogue::from_file(
            "fr",
            r#"{"primaryauth.title": "Connexion", "help": 3, "nope": "x",
                "password.expiring.title": {"one": "un jour"}}"#,
        )
        .unwrap();
        assert_eq!(catalogue.text(Msg::SignInTitle), "Connexion");
        assert_eq!(
            catalogue.text(Msg::Help),
            "Help",
            "English for a malformed entry"
        );
        assert!(catalogue.missing().contains(&Msg::Help));
        assert!(problems.iter().any(|p| p.contains("unknown key nope")));
        assert!(problems.iter().any(|p| p.starts_with("help:")));
        assert!(problems.iter().any(|p| p.contains("no \"other\" form")));
    }

    #[test]
    fn right_to_left_arguments_are_isolated() {
        let arabic = Catalogue::based_on_english("ar");
        assert_eq!(arabic.dir(), "rtl");
        let text = arabic.fill(arabic.text(Msg::CodeSentTo), &["+1 555"]);
        assert!(text.contains("\u{2068}+1 555\u{2069}"), "{text}");
        let english = Catalogue::english();
        assert!(!english.fill("{0}", &["x"]).contains('\u{2068}'));
    }

    #[test]
    fn overrides_are_one_text_or_plural_forms_with_other() {
        let mut texts = BTreeMap::new();
        texts.insert(
            "primaryauth.title".to_owned(),
            I18nText::Text("Welcome".to_owned()),
        );
        texts.insert(
            "password.complexity.length.description".to_owned(),
            I18nText::Plural(BTreeMap::from([
                ("one".to_owned(), "{0} char".to_owned()),
                ("other".to_owned(), "{0} chars".to_owned()),
            ])),
        );
        texts.insert(
            "password.expiring.title".to_owned(),
            I18nText::Plural(BTreeMap::from([("one".to_owned(), "x".to_owned())])),
        );
        texts.insert(
            "primaryauth.username.tooltip".to_owned(),
            I18nText::Text("x".to_owned()),
        );
        let (entries, ignored) = parse_overrides(&texts);
        assert_eq!(entries.len(), 2);
        assert_eq!(
            ignored,
            [
                "password.expiring.title (no \"other\" form)",
                "primaryauth.username.tooltip"
            ]
        );
        let mut catalogue = Catalogue::english().duplicate();
        catalogue.apply(entries);
        assert_eq!(catalogue.text(Msg::SignInTitle), "Welcome");
        assert_eq!(catalogue.count(Msg::ReqMinLength, 1), "1 char");
        assert_eq!(catalogue.count(Msg::ReqMinLength, 9), "9 chars");
        // One string serves every count.
        catalogue.apply(vec![(Msg::ReqLower, Entry::text("Lowercase: {0}"))]);
        assert_eq!(catalogue.count(Msg::ReqLower, 1), "Lowercase: 1");
        assert_eq!(catalogue.count(Msg::ReqLower, 3), "Lowercase: 3");
    }

    #[test]
    fn okta_label_files_give_texts_for_okta_ids_only() {
        let entries = parse_okta_labels(
            r#"{"primaryauth.title": "Se connecter", "primaryauth.username.tooltip": "x",
                "authn.loading": 3, "goback": "Retour"}"#,
        )
        .unwrap();
        let ids: Vec<&str> = entries.iter().map(|(m, _)| m.id()).collect();
        assert_eq!(ids, ["goback", "primaryauth.title"]);
        assert!(parse_okta_labels("<html>").is_err());
    }
}
