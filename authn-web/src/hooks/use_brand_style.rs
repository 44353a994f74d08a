//! `use_brand_style`: Okta's `colors.brand` as a constructed stylesheet (`document.adoptedStyleSheets`)
//! whose one rule sets the brand custom properties on this widget's root only. Never a `style`
//! attribute or element, so a `style-src 'self'` policy holds; removed when the widget unmounts.

use std::cell::Cell;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::theme::BrandColors;

/// The attribute that ties a widget root to its brand rule.
pub const BRAND_ATTRIBUTE: &str = "data-authn-brand";

thread_local! {
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
}

/// Adopts the rule for `colors` (while mounted); returns the value of this widget's
/// [`BRAND_ATTRIBUTE`] (`None` without a brand colour).
#[hook]
pub fn use_brand_style(colors: Option<BrandColors>) -> Option<AttrValue> {
    let id = use_memo((), |()| {
        let id = NEXT_ID.with(|next| next.replace(next.get() + 1));
        AttrValue::from(format!("b{id}"))
    });
    {
        let id = (*id).clone();
        use_effect_with(colors, move |colors| {
            let selector = format!(".authn-widget[{BRAND_ATTRIBUTE}=\"{id}\"]");
            let sheet = colors.and_then(|colors| adopt(&colors.css(&selector)));
            move || {
                if let Some(sheet) = sheet {
                    drop_sheet(&sheet);
                }
            }
        });
    }
    colors.map(|_| (*id).clone())
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn adopt(css: &str) -> Option<web_sys::CssStyleSheet> {
    let document = document()?;
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    sheet.replace_sync(css).ok()?;
    let sheets = document.adopted_style_sheets();
    sheets.push(&sheet);
    document.set_adopted_style_sheets(&sheets);
    Some(sheet)
}

fn drop_sheet(sheet: &web_sys::CssStyleSheet) {
    let Some(document) = document() else { return };
    let kept: js_sys::Array = document
        .adopted_style_sheets()
        .iter()
        .filter(|other| other.dyn_ref::<web_sys::CssStyleSheet>() != Some(sheet))
        .collect();
    document.set_adopted_style_sheets(&kept);
}
