// End-to-end: Okta's own Sign-In Widget (npm @okta/okta-signin-widget 7.49, classic engine, `features.webauthn`)
// enrolls and verifies security keys against the emulator, in Chromium's virtual authenticator on
// http://localhost:PORT. Its dist and the page (okta-widget/) are served through the emulator's `--mount`, which
// sends no CSP; the test puts the demo page's strict CSP on that page itself (the header of `/`), and Okta's
// widget runs under it without a violation: it needs neither 'unsafe-eval' nor inline styles for these flows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useEmulator, missing, resetEmulator, onLocalhost, virtualAuthenticator, watch, DEMO_KEY, OKTA_PAGE, OKTA_WIDGET_MOUNTS,
  oktaSignIn,
} from './harness.mjs';

const env = useEmulator(OKTA_WIDGET_MOUNTS);
const local = onLocalhost(env);

/** The strict CSP the emulator serves the demo page with. */
async function demoCsp() {
  const response = await fetch(`${env.baseUrl}/`);
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  return csp;
}

/**
 * Okta's widget on a fresh page (localhost, the demo CSP on the page), with a virtual authenticator holding
 * `credentials`; records CSP violations, console errors and page errors.
 */
async function openOkta(credentials = []) {
  const csp = await demoCsp();
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = await watch(page);
  await page.route(`**${OKTA_PAGE}`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
  });
  const key = await virtualAuthenticator(page);
  for (const credential of credentials) await key.add(credential);
  await page.goto(`${local.baseUrl}${OKTA_PAGE}`);
  await page.waitForSelector('#okta-signin-username');
  return { page, context, problems, key };
}

/** Waits until Okta's widget reported `controller` in afterRender. */
async function rendered(page, controller) {
  await page.waitForFunction((c) => window.okta.events.includes(`afterRender:${c}`), controller, { timeout: 15_000 });
}

async function succeeded(page) {
  await page.waitForFunction(() => window.okta.result === 'SUCCESS' || window.okta.error, null, { timeout: 15_000 });
  assert.equal(await page.evaluate(() => window.okta.result), 'SUCCESS',
    JSON.stringify(await page.evaluate(() => window.okta)));
}

async function assertNoProblems(page, problems, label) {
  const violations = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual([...violations, ...problems], [], `${label}: CSP violations / console and page errors`);
}

test("Okta's widget enrolls a security key against the emulator, then signs in with it", { skip: missing }, async () => {
  await resetEmulator(env);
  const { page, context, problems, key } = await openOkta();
  await oktaSignIn(page, 'enroll.webauthn@example.com');
  await rendered(page, 'enroll-choices');
  await page.click('#okta-login-container input[type=submit]'); // "Configure factor"
  await rendered(page, 'enroll-webauthn');
  await page.click('#okta-login-container input[type=submit]'); // "Enroll": create() runs on the activation
  await succeeded(page);
  assert.equal((await key.credentials()).length, 1);
  await assertNoProblems(page, problems, 'enroll');

  // A new page of the same browser: Okta's widget verifies the key by type and prompts by itself.
  await page.goto(`${local.baseUrl}${OKTA_PAGE}`);
  await page.waitForSelector('#okta-signin-username');
  await oktaSignIn(page, 'enroll.webauthn@example.com');
  await rendered(page, 'mfa-verify verify-webauthn');
  await succeeded(page);
  assert.ok((await key.credentials())[0].signCount >= 1);
  await assertNoProblems(page, problems, 'verify');
  await context.close();
});

test("Okta's widget verifies the scenario's demo key", { skip: missing }, async () => {
  await resetEmulator(env);
  const { page, context, problems } = await openOkta([DEMO_KEY]);
  await oktaSignIn(page, 'mfa.webauthn@example.com');
  await rendered(page, 'mfa-verify verify-webauthn');
  await succeeded(page);
  assert.deepEqual(await page.evaluate(() => window.okta.events),
    ['afterRender:primary-auth', 'afterRender:mfa-verify verify-webauthn'],
    'the same controller names as this widget reports');
  await assertNoProblems(page, problems, 'demo key');
  await context.close();
});
