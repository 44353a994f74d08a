//! The widget's languages and how one is chosen: the page's `language`, else the browser's
//! preference, else English.

/// A language with a catalogue of its own (`authn-web/i18n/<tag>.json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 tag: the file name, the `lang` attribute and the locale given to `Intl`.
    pub tag: &'static str,
    /// Written right to left (`dir="rtl"` on the widget root).
    pub rtl: bool,
}

/// English: compiled into the widget; every other language is a file fetched when chosen.
pub const ENGLISH: Language = Language {
    tag: "en",
    rtl: false,
};

/// Every language with a catalogue of its own, English first (the order given to a `language`
/// function).
pub const LANGUAGES: [Language; 8] = [
    ENGLISH,
    Language {
        tag: "de",
        rtl: false,
    },
    Language {
        tag: "fr",
        rtl: false,
    },
    Language {
        tag: "es",
        rtl: false,
    },
    Language {
        tag: "pt-BR",
        rtl: false,
    },
    Language {
        tag: "ja",
        rtl: false,
    },
    Language {
        tag: "zh-CN",
        rtl: false,
    },
    Language {
        tag: "ar",
        rtl: true,
    },
];

/// Languages written right to left, for languages a page brings its own texts for (`i18n`, Okta
/// label files).
const RTL: [&str; 12] = [
    "ar", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi",
];

/// `tag` in canonical case (`pt_br` -> `pt-BR`, `zh-hans-cn` -> `zh-Hans-CN`), or `None` when it is
/// not a well-formed language tag (letters, digits and `-`/`_`; a 2-3 or 5-8 letter language).
pub fn normalize(tag: &str) -> Option<String> {
    let mut parts = tag.trim().split(['-', '_']);
    let language = parts.next()?;
    let letters = language.len();
    if !((2..=3).contains(&letters) || (5..=8).contains(&letters))
        || !language.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let mut out = language.to_ascii_lowercase();
    for part in parts {
        if part.is_empty() || part.len() > 8 || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('-');
        let alphabetic = part.chars().all(|c| c.is_ascii_alphabetic());
        match part.len() {
            4 if alphabetic => {
                out.push_str(&part[..1].to_ascii_uppercase());
                out.push_str(&part[1..].to_ascii_lowercase());
            }
            2 if alphabetic => out.push_str(&part.to_ascii_uppercase()),
            3 if part.chars().all(|c| c.is_ascii_digit()) => out.push_str(part),
            _ => out.push_str(&part.to_ascii_lowercase()),
        }
    }
    Some(out)
}

/// The primary language subtag of a normalized tag (`pt-BR` -> `pt`).
pub fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// Whether `tag` (normalized) is written right to left.
pub fn is_rtl(tag: &str) -> bool {
    builtin(tag).map_or_else(|| RTL.contains(&primary(tag)), |language| language.rtl)
}

/// Chinese written in Traditional characters (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant*`), which the
/// Simplified Chinese catalogue does not serve.
fn traditional_chinese(subtags: &[&str]) -> bool {
    subtags
        .iter()
        .any(|s| matches!(*s, "Hant" | "TW" | "HK" | "MO"))
}

/// The built-in language serving `tag` (normalized): the same tag, else its language
/// (`fr-CA` -> `fr`, `pt`/`pt-PT` -> `pt-BR`, `zh`/`zh-Hans`/`zh-SG` -> `zh-CN`, `en-GB` -> `en`).
pub fn builtin(tag: &str) -> Option<Language> {
    if let Some(exact) = LANGUAGES.iter().find(|l| l.tag.eq_ignore_ascii_case(tag)) {
        return Some(*exact);
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    let language = subtags.first()?.to_ascii_lowercase();
    if language == "zh" && traditional_chinese(&subtags[1..]) {
        return None;
    }
    LANGUAGES
        .iter()
        .find(|l| primary(l.tag) == language)
        .copied()
}

/// The language the widget shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// One of [`LANGUAGES`].
    Builtin(Language),
    /// A language the page brings the texts for (`i18n`, or Okta label files from `assets.baseUrl`),
    /// shown over the English catalogue: its normalized tag.
    Page(String),
}

impl Choice {
    /// The language tag.
    pub fn tag(&self) -> &str {
        match self {
            Self::Builtin(language) => language.tag,
            Self::Page(tag) => tag,
        }
    }
}

/// What decides the language.
#[derive(Clone, Copy, Debug)]
pub struct Wishes<'a> {
    /// The page's `language` option.
    pub requested: Option<&'a str>,
    /// The browser's preference, most preferred first.
    pub preferred: &'a [String],
    /// The languages of the page's `i18n` overrides (as the page wrote them).
    pub page_languages: &'a [&'a str],
    /// Whether the page serves Okta label files (`assets.baseUrl`).
    pub label_files: bool,
}

/// The language for `wishes`, and a warning when the page asked for one that cannot be shown.
///
/// 1. `requested`: a built-in language serving it; else the page's own (when `i18n` has texts for
///    it or label files may); else English, with a warning.
/// 2. Else the first of `preferred` that a built-in language or the page's `i18n` serves.
/// 3. Else English.
pub fn choose(wishes: Wishes<'_>) -> (Choice, Option<String>) {
    let page_languages: Vec<String> = wishes
        .page_languages
        .iter()
        .filter_map(|tag| normalize(tag))
        .collect();
    let own = |tag: &str| page_languages.iter().any(|l| l == tag || l == primary(tag));
    if let Some(requested) = wishes.requested {
        let Some(tag) = normalize(requested) else {
            return (
                Choice::Builtin(ENGLISH),
                Some(format!(
                    "language {requested:?} is not a language tag; showing English"
                )),
            );
        };
        if let Some(language) = builtin(&tag) {
            return (Choice::Builtin(language), None);
        }
        if own(&tag) || wishes.label_files {
            return (Choice::Page(tag), None);
        }
        return (
            Choice::Builtin(ENGLISH),
            Some(format!(
                "language {requested:?} has no texts (add them with the i18n option); showing English"
            )),
        );
    }
    for wish in wishes.preferred.iter().filter_map(|tag| normalize(tag)) {
        if let Some(language) = builtin(&wish) {
            return (Choice::Builtin(language), None);
        }
        if own(&wish) {
            return (Choice::Page(wish), None);
        }
    }
    (Choice::Builtin(ENGLISH), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(requested: Option<&str>, preferred: &[&str], page: &[&str]) -> String {
        let preferred: Vec<String> = preferred.iter().map(|s| (*s).to_owned()).collect();
        let wishes = Wishes {
            requested,
            preferred: &preferred,
            page_languages: page,
            label_files: false,
        };
        choose(wishes).0.tag().to_owned()
    }

    #[test]
    fn tags_are_normalized_or_rejected() {
        assert_eq!(normalize("pt_br").as_deref(), Some("pt-BR"));
        assert_eq!(normalize("ZH-hans-cn").as_deref(), Some("zh-Hans-CN"));
        assert_eq!(normalize("es-419").as_deref(), Some("es-419"));
        assert_eq!(normalize(" fr ").as_deref(), Some("fr"));
        for bad in [
            "",
            "e",
            "12",
            "en--US",
            "en-<b>",
            "en US",
            "englishlanguage-x",
        ] {
            assert_eq!(normalize(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn regional_and_script_variants_find_their_language() {
        for (wish, tag) in [
            ("fr-CA", "fr"),
            ("pt", "pt-BR"),
            ("pt-PT", "pt-BR"),
            ("zh", "zh-CN"),
            ("zh-Hans", "zh-CN"),
            ("zh-SG", "zh-CN"),
            ("en-GB", "en"),
            ("AR-eg", "ar"),
            ("ja-JP", "ja"),
        ] {
            assert_eq!(builtin(&normalize(wish).unwrap()).map(|l| l.tag), Some(tag));
        }
        for wish in ["zh-TW", "zh-Hant", "zh-HK", "it", "ko"] {
            assert_eq!(builtin(&normalize(wish).unwrap()), None, "{wish}");
        }
    }

    #[test]
    fn the_page_option_then_the_browser_then_english() {
        assert_eq!(pick(Some("de"), &["fr"], &[]), "de");
        assert_eq!(pick(None, &["it", "fr-FR", "de"], &[]), "fr");
        assert_eq!(pick(None, &["it", "ko"], &[]), "en");
        assert_eq!(pick(None, &[], &[]), "en");
        // The page's own language, from i18n.
        assert_eq!(pick(Some("it"), &[], &["it"]), "it");
        assert_eq!(pick(Some("it-CH"), &[], &["it"]), "it-CH");
        assert_eq!(pick(None, &["it-IT", "fr"], &["it"]), "it-IT");
        // Asked for a language nobody has texts for: English and a warning.
        let preferred = vec!["fr".to_owned()];
        let (choice, warning) = choose(Wishes {
            requested: Some("it"),
            preferred: &preferred,
            page_languages: &[],
            label_files: false,
        });
        assert_eq!(choice, Choice::Builtin(ENGLISH));
        assert!(warning.unwrap().contains("\"it\""));
        // ... unless the page serves Okta label files, which may have it.
        let (choice, warning) = choose(Wishes {
            requested: Some("it"),
            preferred: &preferred,
            page_languages: &[],
            label_files: true,
        });
        assert_eq!((choice, warning), (Choice::Page("it".to_owned()), None));
    }

    #[test]
    fn direction() {
        assert!(is_rtl("ar"));
        assert!(is_rtl("he-IL"));
        assert!(is_rtl("fa"));
        assert!(!is_rtl("fr"));
        assert!(!is_rtl("zh-CN"));
    }
}
