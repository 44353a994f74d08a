// Okta's Sign-In Widget 7.49 in its classic mode (Authentication API), with security keys on
// (`features.webauthn`, off by default in Okta's widget too), against the emulator serving this page.
// What it does is recorded on `window.okta` for the end-to-end test.
window.okta = { events: [], result: null, error: null };
const signIn = new OktaSignIn({
  baseUrl: window.location.origin,
  useClassicEngine: true,
  features: { webauthn: true },
});
signIn.on('afterRender', (context) => window.okta.events.push(`afterRender:${context.controller}`));
signIn.on('afterError', (context, error) => window.okta.events.push(`afterError:${context.controller}:${error.name}`));
signIn.renderEl(
  { el: '#okta-login-container' },
  (res) => { window.okta.result = res.status; },
  (error) => { window.okta.error = String(error); },
);
