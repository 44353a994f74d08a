// The tail of okta-sign-in.global.js: `cargo xtask package` wraps options.js, facade.js and this
// file in one function, so `checkOptions` and `defineOktaSignIn` are in scope and nothing but
// `window.OktaSignIn` is defined. A classic script: no import/export statements, no import.meta.
const script = document.currentScript;
// Where this script came from: the wasm-bindgen glue and the wasm are next to it.
const base = (script && script.src) || document.baseURI;

window.OktaSignIn = defineOktaSignIn({
  checkOptions,
  // The wasm is fetched while the glue is imported, not after it (a round trip less on a phone);
  // the glue's init takes the pending response. Its failure is reported by init, not as unhandled.
  load: (wasmUrl) => {
    const wasm = fetch(wasmUrl ?? new URL('./authn_web_bg.wasm', base));
    wasm.catch(() => {});
    return import(new URL('./authn_web.js', base).href).then((glue) =>
      glue.default({ module_or_path: wasm }).then(() => glue.OktaSignIn));
  },
});
