//! Plural forms and numbers through the browser's `Intl.PluralRules` and `Intl.NumberFormat`
//! (js-sys bindings). Native builds (the plain `cargo test`) have no `Intl`: they use English's rule
//! (`one` for 1) and ASCII digits, which is all the native tests need.

/// A CLDR plural category, as `Intl.PluralRules.prototype.select` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PluralCategory {
    /// `zero`
    Zero,
    /// `one`
    One,
    /// `two`
    Two,
    /// `few`
    Few,
    /// `many`
    Many,
    /// `other` (every language has it; the form used when another is missing)
    Other,
}

impl PluralCategory {
    /// Every category.
    pub const ALL: [PluralCategory; 6] = [
        Self::Zero,
        Self::One,
        Self::Two,
        Self::Few,
        Self::Many,
        Self::Other,
    ];

    /// The CLDR name (`one`, `other`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Zero => "zero",
            Self::One => "one",
            Self::Two => "two",
            Self::Few => "few",
            Self::Many => "many",
            Self::Other => "other",
        }
    }

    /// The category named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// The plural rules and number format of one language.
pub(crate) struct Rules {
    #[cfg(target_arch = "wasm32")]
    plural: js_sys::Intl::PluralRules,
    #[cfg(target_arch = "wasm32")]
    number: js_sys::Intl::NumberFormat,
}

impl Rules {
    /// The rules of `tag`, a normalized language tag (so `Intl` never throws a `RangeError`).
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn new(tag: &str) -> Self {
        let locales = js_sys::Array::of1(&tag.into());
        let options = js_sys::Object::new();
        Self {
            plural: js_sys::Intl::PluralRules::new(&locales, &options),
            number: js_sys::Intl::NumberFormat::new(&locales, &options),
        }
    }

    /// No `Intl` natively.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn new(_tag: &str) -> Self {
        Self {}
    }

    /// The category of `count`.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn category(&self, count: u64) -> PluralCategory {
        let name = self.plural.select(count as f64);
        PluralCategory::parse(&String::from(name)).unwrap_or(PluralCategory::Other)
    }

    /// English's rule.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn category(&self, count: u64) -> PluralCategory {
        if count == 1 {
            PluralCategory::One
        } else {
            PluralCategory::Other
        }
    }

    /// `count` written as the language writes numbers (digits, grouping).
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn number(&self, count: u64) -> String {
        let format = self.number.format();
        format
            .call1(&wasm_bindgen::JsValue::NULL, &(count as f64).into())
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| count.to_string())
    }

    /// ASCII digits.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn number(&self, count: u64) -> String {
        count.to_string()
    }

    /// The categories the language uses (`Intl.PluralRules.prototype.resolvedOptions()`).
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn categories(&self) -> Vec<PluralCategory> {
        let resolved = self.plural.resolved_options();
        js_sys::Reflect::get(&resolved, &"pluralCategories".into())
            .ok()
            .map(|list| js_sys::Array::from(&list))
            .map(|list| {
                list.iter()
                    .filter_map(|name| PluralCategory::parse(&name.as_string()?))
                    .collect()
            })
            .unwrap_or_else(|| vec![PluralCategory::Other])
    }
}
