// The bundled page's entry, as the package README says: import from 'authn-web', ship the wasm
// yourself and say where it is with `wasmUrl`.
import { OktaSignIn } from 'authn-web';

window.startSignIn(OktaSignIn, { wasmUrl: '/static/wasm/authn_web_bg.wasm' });
