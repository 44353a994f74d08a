// External boot module for the demo page (no inline script: CSP `script-src 'self'`).
// Trunk is configured with `filehash = false` and `inject_scripts = false`, so the
// wasm-bindgen output has these stable names next to this file.
import init from './authn-web-demo.js';

await init({ module_or_path: new URL('./authn-web-demo_bg.wasm', import.meta.url) });
