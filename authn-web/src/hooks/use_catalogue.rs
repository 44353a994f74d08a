//! The catalogue of the widget's language: at once when nothing has to be fetched, else once its
//! files arrived (or English after [`LOAD_TIMEOUT`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use crate::config::SignInConfig;
use crate::i18n::{self, Catalogue, LOAD_TIMEOUT, Texts};
use crate::services::Services;

/// A catalogue compared by identity (props and state).
#[derive(Clone, Debug)]
pub struct SharedCatalogue(pub Rc<Catalogue>);

impl PartialEq for SharedCatalogue {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The catalogue for `config` (read once, when the widget mounts); `None` while its files load.
#[hook]
pub fn use_catalogue(config: &SignInConfig, services: &Services) -> Option<SharedCatalogue> {
    // Planned (and fetches started) once, in the first render; the effect takes the future.
    let texts = {
        let (config, languages) = (config.clone(), services.languages.clone());
        use_memo((), move |()| {
            RefCell::new(Some(i18n::texts(&config, languages)))
        })
    };
    let state = use_state(|| match &*texts.borrow() {
        Some(Texts::Ready(catalogue)) => Some(SharedCatalogue(catalogue.clone())),
        Some(Texts::Loading(_)) | None => None,
    });
    {
        let (state, clock, i18n) = (state.clone(), services.clock.clone(), config.i18n.clone());
        use_effect_with((), move |()| {
            // Set once the catalogue is shown (or the widget unmounted): later news is dropped.
            let settled = Rc::new(Cell::new(false));
            let show = {
                let settled = settled.clone();
                move |catalogue: Rc<Catalogue>| {
                    if !settled.replace(true) {
                        state.set(Some(SharedCatalogue(catalogue)));
                    }
                }
            };
            let loading = match texts.borrow_mut().take() {
                Some(Texts::Loading(future)) => Some(future),
                Some(Texts::Ready(_)) | None => None,
            };
            let timer = loading.map(|future| {
                let loaded = show.clone();
                wasm_bindgen_futures::spawn_local(async move { loaded(future.await) });
                let shown = settled.clone();
                let give_up = move || {
                    if shown.get() {
                        return;
                    }
                    i18n::warn(&format!(
                        "the language files took longer than {} s; showing English",
                        LOAD_TIMEOUT.as_secs()
                    ));
                    show(i18n::english_fallback(&i18n));
                };
                clock.schedule(LOAD_TIMEOUT, Box::new(give_up))
            });
            move || {
                settled.set(true);
                drop(timer);
            }
        });
    }
    (*state).clone()
}
