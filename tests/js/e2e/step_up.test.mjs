// End-to-end: step-up sign-in on the demo page. An app sends the user to the custom sign-in page with a
// stateToken (the emulator's POST /emulator/step-up); the widget resumes it from `?stateToken=`, names the app,
// signs in (password and / or MFA) and follows the redirect back to the app's page. Also an expired step-up
// token, cancel during a step-up, and Okta's rule for optional enrollment (enroll TOTP, sign out, sign in with
// it: SUCCESS, not MFA_ENROLL again). Harness: harness.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useEmulator, missing, openPage, waitView, signIn, assertClean, assertAxe, startStepUp, getState, advanceClock,
  emulatorNow, totp, resetEmulator,
} from './harness.mjs';

const env = useEmulator();
const USER = 'mfa.question@example.com';

/** Opens the page a step-up sends the browser to (its `url`, on the demo page). */
async function openStepUp(started, view) {
  const url = new URL(started.url);
  assert.equal(url.searchParams.get('stateToken'), started.stateToken);
  return openPage(env, { path: `${url.pathname}${url.search}`, view });
}

/** Answers the security question and waits for the app's page; asserts it names the user and the app. */
async function answerAndLand(page, login) {
  await page.fill('#authn-verify-input', 'blue');
  await Promise.all([
    page.waitForURL('**/emulator/apps/demo-app', { timeout: 10_000 }),
    page.click('.authn-widget button[type=submit]'),
  ]);
  const text = await page.textContent('body');
  assert.ok(text.includes(login) && text.includes('Demo App'), text);
}

test('step-up with a session: MFA, then back to the app', { skip: missing }, async () => {
  await resetEmulator(env);
  const started = await startStepUp(env, USER, { session: true });
  const { page, context, problems } = await openStepUp(started, 'mfa-verify');
  assert.equal(await page.textContent('.authn-target'), 'Sign in to Demo App');
  assert.equal(await page.getAttribute('.authn-target', 'data-app'), 'demo-app');
  await assertAxe(page, 'step-up mfa-verify');
  await assertClean(page, problems, 'step-up with a session');
  await answerAndLand(page, USER);
  await context.close();
});

test('step-up without a session: password, then MFA, then back to the app', { skip: missing }, async () => {
  await resetEmulator(env);
  const started = await startStepUp(env, USER, { session: false });
  const { page, context, problems } = await openStepUp(started, 'primary-auth');
  assert.equal(await page.textContent('.authn-target'), 'Sign in to Demo App');
  await signIn(page, USER);
  await waitView(page, 'mfa-verify');
  assert.equal(await page.textContent('.authn-target'), 'Sign in to Demo App', 'still named during MFA');
  await assertClean(page, problems, 'step-up without a session');
  await answerAndLand(page, USER);
  await context.close();
});

test('an expired step-up token ends on "session expired", then a fresh sign-in', { skip: missing }, async () => {
  await resetEmulator(env);
  const started = await startStepUp(env, USER, { session: true });
  await advanceClock(env, 600); // past the 300 s stateToken lifetime
  const { page, context, problems } = await openStepUp(started, 'session-expired');
  assert.equal(await page.getAttribute('.authn-alert', 'data-error-code'), 'E0000011');
  assert.equal(await page.$('.authn-target'), null, 'no app once the transaction is gone');
  await page.click('[data-action=back]');
  await waitView(page, 'primary-auth');
  await assertClean(page, problems, 'expired step-up');
  await context.close();
});

test('cancel during a step-up ends the transaction on the server', { skip: missing }, async () => {
  await resetEmulator(env);
  const started = await startStepUp(env, USER, { session: false });
  const { page, context, problems } = await openStepUp(started, 'primary-auth');
  await page.click('[data-action=cancel]');
  await page.waitForSelector('.authn-widget[data-view="primary-auth"]:not(:has(.authn-target))');
  assert.equal(await page.$('[data-action=cancel]'), null, 'no transaction left to cancel');
  const { status, body } = await getState(env, started.stateToken);
  assert.equal(status, 401, JSON.stringify(body));
  assert.equal(body.errorCode, 'E0000011');
  await assertClean(page, problems, 'cancelled step-up');
  await context.close();
});

test('optional enrollment as Okta does it: enroll TOTP, sign out, sign in with it: SUCCESS', { skip: missing }, async () => {
  await resetEmulator(env);
  const login = 'enroll.optional@example.com';
  const first = await openPage(env);
  await signIn(first.page, login);
  await waitView(first.page, 'enroll-choices');
  await first.page.click('.authn-factor[data-factor="token:software:totp"][data-provider="GOOGLE"] button');
  await waitView(first.page, 'enroll-totp');
  await first.page.click('[data-action=enroll]');
  await first.page.waitForSelector('[data-secret]');
  const secret = (await first.page.textContent('[data-secret]')).trim();
  await first.page.fill('#authn-code', totp(secret, await emulatorNow(env)));
  await first.page.click('.authn-widget button[type=submit]');
  await waitView(first.page, 'success');
  await assertClean(first.page, first.problems, 'enrollment');
  await first.context.close();

  // Signed out (a fresh browser), one TOTP period later (no replayed code).
  await advanceClock(env, 30);
  const second = await openPage(env);
  await signIn(second.page, login);
  await waitView(second.page, 'mfa-verify');
  await second.page.fill('#authn-verify-input', totp(secret, await emulatorNow(env)));
  await second.page.click('.authn-widget button[type=submit]');
  await waitView(second.page, 'success');
  await second.page.waitForSelector(`[data-signed-in="${login}"]`);
  await assertClean(second.page, second.problems, 'sign-in with the enrolled factor');
  await second.context.close();
});
