// End-to-end: MFA enrollment in the built widget (security question keyboard-only, SMS with the outbox code,
// email, Okta Verify code from the shown key, Okta Verify push approved on the emulator) and skipping the
// optional enrollment. Each test resets this file's emulator first.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  useEmulator, missing, openPage, signIn, reach, waitView, idle, assertClean, resetEmulator, nextMessage,
  messagesTo, userInfo, resolvePush, totp, emulatorNow, PASSWORD,
} from './harness.mjs';

const env = useEmulator();
beforeEach(async () => {
  if (!missing) await resetEmulator(env);
});

const submit = '.authn-widget button[type=submit]';

/** Signs in as `username` and picks `factor` (data-factor, optionally data-provider) on enroll-choices. */
async function startEnroll(username, factor, provider) {
  const opened = await openPage(env);
  await signIn(opened.page, username);
  await reach(opened.page, 'enroll-choices');
  const tile = provider ? `[data-factor="${factor}"][data-provider="${provider}"]` : `[data-factor="${factor}"]`;
  await opened.page.click(`.authn-factor${tile} button`);
  return opened;
}

/** Presses Tab until `isFocused` (evaluated in the page) holds; fails after 30 presses. */
async function tabTo(page, isFocused) {
  for (let i = 0; i < 30; i += 1) {
    if (await page.evaluate(isFocused)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached the element (${isFocused})`);
}

test('enroll a security question with the keyboard only', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await page.focus('#authn-username');
  await page.keyboard.type('enroll.optional@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await reach(page, 'enroll-choices');
  // Tab to the question's "Set up" button and press it.
  await tabTo(page, () => /Security question/.test(document.activeElement?.getAttribute('aria-label') ?? ''));
  await page.keyboard.press('Enter');
  await reach(page, 'enroll-question');
  await page.waitForSelector('#authn-question option', { state: 'attached' });
  // The questions load after the view is shown; focus then moves to the list. Pick the next question.
  await page.waitForFunction(() => document.activeElement?.id === 'authn-question');
  const first = await page.inputValue('#authn-question');
  await page.keyboard.press('ArrowDown');
  assert.notEqual(await page.inputValue('#authn-question'), first, 'arrow keys change the question');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'authn-question-answer');
  await page.keyboard.type('pancakes');
  await page.keyboard.press('Enter');
  await reach(page, 'success');
  await assertClean(page, problems, 'enroll question');
  await context.close();
});

test('enroll SMS: phone number, code from the outbox', { skip: missing }, async () => {
  const { page, context, problems } = await startEnroll('enroll.required@example.com', 'sms');
  await reach(page, 'enroll-sms');
  assert.equal(await page.getAttribute('#authn-phone', 'autocomplete'), 'tel');
  await page.fill('#authn-country-code', '+1');
  await page.fill('#authn-phone', '5550100099');
  const before = (await messagesTo(env, '+15550100099')).length;
  await page.click(submit);
  await page.waitForSelector('#authn-code');
  await reach(page, 'enroll-sms');
  const message = await nextMessage(env, '+15550100099', before);
  await page.fill('#authn-code', message.code);
  await page.click(submit);
  // SMS was the only required factor: the enrollment ends (or offers finishing with the optional ones).
  await page.waitForSelector('.authn-widget[data-view="success"], .authn-widget[data-view="enroll-choices"]');
  if ((await page.getAttribute('.authn-widget', 'data-view')) === 'enroll-choices') {
    await page.click('[data-action=skip]');
  }
  await reach(page, 'success');
  await assertClean(page, problems, 'enroll SMS');
  await context.close();
});

test('enroll email: send the code, read it from the outbox', { skip: missing }, async () => {
  const { page, context, problems } = await startEnroll('enroll.optional@example.com', 'email');
  await reach(page, 'enroll-email');
  const user = await userInfo(env, 'enroll.optional@example.com');
  const to = user.email ?? user.username;
  const before = (await messagesTo(env, to)).length;
  await page.click('[data-action=enroll]');
  await page.waitForSelector('#authn-code');
  await reach(page, 'enroll-email');
  const message = await nextMessage(env, to, before);
  await page.fill('#authn-code', message.code);
  await page.click(submit);
  await reach(page, 'success');
  await assertClean(page, problems, 'enroll email');
  await context.close();
});

test('enroll Okta Verify (code): the code computed from the manual key', { skip: missing }, async () => {
  const { page, context, problems } = await startEnroll('enroll.optional@example.com', 'token:software:totp', 'OKTA');
  await reach(page, 'enroll-totp');
  await page.click('[data-action=enroll]');
  await page.waitForSelector('[data-secret]');
  await reach(page, 'enroll-totp');
  const img = await page.waitForSelector('img.authn-qr');
  assert.ok(await img.evaluate((el) => el.complete && el.naturalWidth > 0), 'the QR code image loaded');
  const secret = (await page.textContent('[data-secret]')).trim();
  await page.fill('#authn-code', totp(secret, await emulatorNow(env)));
  await page.click(submit);
  await reach(page, 'success');
  await assertClean(page, problems, 'enroll TOTP');
  await context.close();
});

test('enroll Okta Verify push: approved on the emulator, the widget polls to success', { skip: missing }, async () => {
  const { page, context, problems } = await startEnroll('enroll.optional@example.com', 'push');
  await reach(page, 'enroll-push');
  await page.click('[data-action=enroll]');
  await page.waitForSelector('img.authn-qr');
  await reach(page, 'enroll-push');
  const deadline = Date.now() + 10_000;
  let approved;
  do {
    approved = await resolvePush(env, 'enroll.optional@example.com');
  } while (approved.status === 404 && Date.now() < deadline);
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  await reach(page, 'success', 20_000);
  await assertClean(page, problems, 'enroll push');
  await context.close();
});

test('optional enrollment can be skipped', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await signIn(page, 'enroll.optional@example.com');
  await reach(page, 'enroll-choices');
  await page.click('[data-action=skip]');
  await reach(page, 'success');
  await assertClean(page, problems, 'enroll skip');
  await context.close();
});
