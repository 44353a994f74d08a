import { OktaSignIn } from '/node_modules/authn-web/index.js';

window.startSignIn(OktaSignIn, {});
