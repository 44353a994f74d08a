// The ES module entry of the `authn-web` npm package: `import { OktaSignIn } from 'authn-web'`.
// `cargo xtask package` points the options.js import at the wasm-bindgen snippet of the same file,
// so the browser loads it once.
import init, { OktaSignIn as Engine } from './authn_web.js';
import { checkOptions } from './options.js';
import { defineOktaSignIn } from './facade.js';

function defaultWasmUrl() {
  try {
    return new URL('./authn_web_bg.wasm', import.meta.url);
  } catch {
    throw new Error('no import.meta.url in this bundle: set the wasmUrl option to where authn_web_bg.wasm is served');
  }
}

/** The sign-in widget, with the options, methods and events of Okta's Sign-In Widget (classic). */
export const OktaSignIn = defineOktaSignIn({
  checkOptions,
  load: (wasmUrl) => init({ module_or_path: wasmUrl ?? defaultWasmUrl() }).then(() => Engine),
});

export default OktaSignIn;
