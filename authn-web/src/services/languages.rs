//! The browser's language preference and the language files (see [`crate::i18n`]).

use std::future::Future;
use std::pin::Pin;

/// The future a [`LanguageSource::fetch`] returns: the file's text, or a short reason.
pub type TextFuture = Pin<Box<dyn Future<Output = Result<String, String>>>>;

/// Where the widget's languages come from.
pub trait LanguageSource {
    /// The user's languages, most preferred first (`navigator.languages`).
    fn preferred(&self) -> Vec<String>;
    /// The folder (URL ending in `/`) of the language files when the page names none.
    fn default_folder(&self) -> String;
    /// GETs a text file. The request starts when this is called (two calls run in parallel);
    /// `Err` for a network error or a status other than 2xx.
    fn fetch(&self, url: &str) -> TextFuture;
}

/// `navigator.languages`, `fetch`, and the `i18n/` folder next to the widget's script.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserLanguages;

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The URL of the wasm-bindgen glue module (`import.meta.url`), next to which the widget's
    /// files are served.
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static SCRIPT_URL: String;
}

impl LanguageSource for BrowserLanguages {
    fn preferred(&self) -> Vec<String> {
        web_sys::window()
            .map(|w| w.navigator().languages())
            .map(|list| list.iter().filter_map(|l| l.as_string()).collect())
            .unwrap_or_default()
    }

    fn default_folder(&self) -> String {
        #[cfg(target_arch = "wasm32")]
        {
            let script = SCRIPT_URL.with(String::clone);
            if let Ok(url) = web_sys::Url::new_with_base("i18n/", &script) {
                return url.href();
            }
        }
        "i18n/".to_owned()
    }

    fn fetch(&self, url: &str) -> TextFuture {
        let started = web_sys::window().map(|w| w.fetch_with_str(url));
        Box::pin(async move {
            use wasm_bindgen::JsCast;
            use wasm_bindgen_futures::JsFuture;

            let promise = started.ok_or("no window")?;
            let response: web_sys::Response = JsFuture::from(promise)
                .await
                .map_err(|_| "network error".to_owned())?
                .dyn_into()
                .map_err(|_| "not a response".to_owned())?;
            if !response.ok() {
                return Err(format!("HTTP {}", response.status()));
            }
            let text = response.text().map_err(|_| "unreadable body".to_owned())?;
            JsFuture::from(text)
                .await
                .ok()
                .and_then(|text| text.as_string())
                .ok_or_else(|| "unreadable body".to_owned())
        })
    }
}
