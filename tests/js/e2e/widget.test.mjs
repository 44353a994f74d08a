// End-to-end: the widget demo page (authn-web/build.sh output) served by the emulator under its strict CSP,
// driven in headless Chromium: plain sign-in, wrong password, keyboard-only question MFA, reload resume, deep
// links, SMS and push MFA, forgot password by email link, and axe over the local pages. Harness: harness.mjs.
//
//   DEMO_BIN=target/debug/demo WIDGET_DIST=dist node --test --test-concurrency=2 tests/js/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useEmulator, missing, openPage, signIn, assertClean, assertAxe, nextMessage, userInfo, resolvePush, PASSWORD,
} from './harness.mjs';

const env = useEmulator();

test('plain sign-in under the strict CSP hands the session to the page', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await assertAxe(page, 'primary-auth has no serious accessibility violations');
  // The demo panel lists the emulator's users.
  await page.waitForSelector('.demo-users li');
  await signIn(page, 'success@example.com');
  await page.waitForSelector('.authn-widget[data-view="success"]');
  await page.waitForSelector('[data-signed-in="success@example.com"]');
  await assertClean(page, problems);
  const styled = await page.$$eval('.authn-widget [style]', (els) => els.length);
  assert.equal(styled, 0, 'no inline style attributes');
  await context.close();
});

test('wrong password shows an announced error and keeps the username', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await page.fill('#authn-username', 'success@example.com');
  await page.fill('#authn-password', 'not-the-password');
  await page.click('button[type=submit]');
  const alert = await page.waitForSelector('.authn-alert[role=alert]');
  assert.equal(await alert.getAttribute('data-error-code'), 'E0000004');
  assert.equal(await page.inputValue('#authn-username'), 'success@example.com');
  assert.equal(await page.inputValue('#authn-password'), '');
  await assertClean(page, problems);
  await context.close();
});

test('security question MFA with keyboard only', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await page.focus('#authn-username');
  await page.keyboard.type('mfa.question@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.authn-widget[data-view="mfa-verify"]');
  await assertAxe(page, 'mfa-verify has no serious accessibility violations');
  await page.waitForSelector('#authn-verify-input');
  await page.focus('#authn-verify-input');
  await page.keyboard.type('blue');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.authn-widget[data-view="success"]');
  await assertClean(page, problems);
  await context.close();
});

test('reload resumes the transaction from sessionStorage', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await signIn(page, 'mfa.question@example.com');
  await page.waitForSelector('.authn-widget[data-view="mfa-verify"]');
  await page.reload();
  await page.waitForSelector('.authn-widget[data-view="mfa-verify"]');
  await assertClean(page, problems);
  await context.close();
});

test('deep link /signin/... serves the widget', { skip: missing }, async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.baseUrl}/signin/reset-password/not-a-real-token`);
  // An unknown recovery token ends on an explicit message, never a blank widget.
  await page.waitForSelector('.authn-widget[data-view="session-expired"], .authn-widget[data-view="error-state"]');
  await context.close();
});



test('SMS MFA: send the code, read it from the outbox, verify', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await signIn(page, 'mfa.sms@example.com');
  await page.waitForSelector('.authn-widget[data-view="mfa-verify"]');
  await page.click('button[type=submit]'); // "Send code"
  await page.waitForSelector('#authn-code');
  assert.equal(await page.getAttribute('#authn-code', 'autocomplete'), 'one-time-code');
  assert.ok(await page.isDisabled('[data-action=resend]'), 'resend waits 30 s');
  const user = await userInfo(env, 'mfa.sms@example.com');
  const factor = user.factors.find((f) => f.factorType === 'sms');
  const message = await nextMessage(env, factor.phoneNumber ?? user.phone);
  await page.fill('#authn-code', message.code);
  await page.click('button[type=submit]');
  await page.waitForSelector('.authn-widget[data-view="success"]');
  await assertClean(page, problems);
  await context.close();
});

test('push MFA: approve on the emulator, the widget polls to success', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await signIn(page, 'mfa.push@example.com');
  await page.waitForSelector('.authn-widget[data-view="mfa-verify"]');
  await page.click('button[type=submit]'); // "Send push"
  await page.waitForSelector('.authn-widget[data-view="mfa-push-wait"]');
  const approved = await resolvePush(env, 'mfa.push@example.com');
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  // The widget polls every 4 s (Okta's cadence); wait for the result, not for a fixed time.
  await page.waitForSelector('.authn-widget[data-view="success"]', { timeout: 20_000 });
  await assertClean(page, problems);
  await context.close();
});

test('forgot password by email: emailed link, recovery question, new password', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await page.click('[data-action=forgot-password]');
  await page.waitForSelector('.authn-widget[data-view="forgot-password"]');
  await page.fill('#authn-recovery-username', 'forgot.email@example.com');
  await page.click('[data-factor=EMAIL]');
  await page.waitForSelector('.authn-widget[data-view="password-reset-email-sent"]');
  await assertAxe(page, 'password-reset-email-sent');
  const user = await userInfo(env, 'forgot.email@example.com');
  const message = await nextMessage(env, user.email ?? user.username);
  assert.match(message.link, /\/signin\/reset-password\//);
  await page.goto(message.link);
  await page.waitForSelector('.authn-widget[data-view="recovery-question"]');
  await assertAxe(page, 'recovery-question');
  await page.fill('#authn-answer', 'paris');
  await page.click('button[type=submit]');
  await page.waitForSelector('.authn-widget[data-view="password-reset"]');
  await assertAxe(page, 'password-reset');
  const fresh = `Fresh-${Date.now()}-Pw!`;
  await page.fill('#authn-new-password', fresh);
  await page.fill('#authn-confirm-password', fresh);
  await page.click('button[type=submit]');
  await page.waitForSelector('.authn-widget[data-view="success"]');
  await assertClean(page, problems);
  await context.close();
});

test('accessibility: no serious axe violations across views', { skip: missing }, async () => {
  const checks = [
    { view: 'forgot-password', go: (page) => page.click('[data-action=forgot-password]') },
    { view: 'account-unlock', go: (page) => page.click('[data-action=unlock]') },
    { view: 'password-expired', go: (page) => signIn(page, 'password.expired@example.com') },
    { view: 'password-expiry-warning', go: (page) => signIn(page, 'password.warn@example.com') },
    { view: 'enroll-choices', go: (page) => signIn(page, 'enroll.required@example.com') },
    { view: 'locked-out', go: (page) => signIn(page, 'locked@example.com') },
  ];
  for (const { view, go } of checks) {
    const { page, context, problems } = await openPage(env);
    await go(page);
    await page.waitForSelector(`.authn-widget[data-view="${view}"]`);
    await assertAxe(page, `${view}: serious accessibility violations`);
    await assertClean(page, problems, `${view}: CSP violations`);
    await context.close();
  }
});
