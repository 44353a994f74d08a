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

/// The plural rules and number format of one language (`None` where the browser refused the tag:
/// English's rule and ASCII digits then).
pub(crate) struct Rules {
    #[cfg(target_arch = "wasm32")]
    plural: Option<js_sys::Intl::PluralRules>,
    #[cfg(target_arch = "wasm32")]
    number: Option<js_sys::Intl::NumberFormat>,
}

/// `new Intl[name](tag)`, or `None` when it throws (a tag `Intl` rejects is never fatal).
#[cfg(target_arch = "wasm32")]
fn construct<T: wasm_bindgen::JsCast>(name: &str, tag: &str) -> Option<T> {
    use wasm_bindgen::JsCast;

    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let class: js_sys::Function = js_sys::Reflect::get(&intl, &name.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let object = js_sys::Reflect::construct(&class, &js_sys::Array::of1(&tag.into())).ok()?;
    object.dyn_into().ok()
}

/// English's rule, where `Intl` is missing.
fn english_category(count: u64) -> PluralCategory {
    if count == 1 {
        PluralCategory::One
    } else {
        PluralCategory::Other
    }
}

impl Rules {
    /// The rules of `tag`, a normalized language tag.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn new(tag: &str) -> Self {
        Self {
            plural: construct("PluralRules", tag),
            number: construct("NumberFormat", tag),
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
        let Some(plural) = &self.plural else {
            return english_category(count);
        };
        let name = String::from(plural.select(count as f64));
        PluralCategory::parse(&name).unwrap_or(PluralCategory::Other)
    }

    /// English's rule.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn category(&self, count: u64) -> PluralCategory {
        english_category(count)
    }

    /// `count` written as the language writes numbers (digits, grouping).
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn number(&self, count: u64) -> String {
        self.number
            .as_ref()
            .and_then(|number| {
                let format = number.format();
                format
                    .call1(&wasm_bindgen::JsValue::NULL, &(count as f64).into())
                    .ok()?
                    .as_string()
            })
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
        let resolved = self.plural.as_ref().map(|plural| plural.resolved_options());
        resolved
            .and_then(|resolved| js_sys::Reflect::get(&resolved, &"pluralCategories".into()).ok())
            .map(|list| js_sys::Array::from(&list))
            .map(|list| {
                list.iter()
                    .filter_map(|name| PluralCategory::parse(&name.as_string()?))
                    .collect()
            })
            .unwrap_or_else(|| vec![PluralCategory::Other])
    }
}
