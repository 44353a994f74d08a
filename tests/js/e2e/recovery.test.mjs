// End-to-end: lockout (3 wrong passwords -> locked-out -> unlock offer), self-service unlock by SMS, forgot
// password by SMS and by voice call, the recovery-question user, and the activation token, in the built widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useEmulator, missing, openPage, signIn, reach, waitView, idle, assertClean, assertAxe, userInfo, messagesTo,
  nextMessage,
} from './harness.mjs';

const env = useEmulator();
const submit = '.authn-widget button[type=submit]';
const NEW_PASSWORD = 'Brand9NewSecret';

/** The widget's title text on the current view. */
async function titleOf(page) {
  return (await page.textContent('.authn-widget .authn-title')).trim();
}

/** From primary-auth, opens `link` (forgot-password / unlock), enters `username` and picks `channel`. */
async function startRecovery(page, link, username, channel) {
  await page.click(`[data-action=${link === 'forgot-password' ? 'forgot-password' : 'unlock'}]`);
  await reach(page, link);
  await page.fill('#authn-recovery-username', username);
  await page.click(`[data-factor=${channel}]`);
}

/** On recovery-challenge: waits for the code sent to the user's phone and submits it. */
async function enterPhoneCode(page, username, before) {
  await reach(page, 'recovery-challenge');
  assert.equal(await page.getAttribute('#authn-code', 'autocomplete'), 'one-time-code');
  const user = await userInfo(env, username);
  const message = await nextMessage(env, user.phone, before);
  await page.fill('#authn-code', message.code);
  await page.click(submit);
}

async function sentBefore(username) {
  const user = await userInfo(env, username);
  return (await messagesTo(env, user.phone)).length;
}

async function resetPassword(page) {
  await reach(page, 'password-reset');
  await page.fill('#authn-new-password', NEW_PASSWORD);
  await page.fill('#authn-confirm-password', NEW_PASSWORD);
  await page.click(submit);
}

test('three wrong passwords lock the account: locked-out, then the unlock offer', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    await signIn(page, 'lockout@example.com', `Wrong${attempt}pass`);
    if (attempt < 3) {
      await page.waitForSelector('.authn-alert[data-error-code=E0000004]');
      await idle(page);
    }
  }
  await reach(page, 'locked-out');
  await page.click('[data-action=unlock]');
  await reach(page, 'account-unlock');
  await assertClean(page, problems, 'lockout');
  await context.close();
});

test('unlock by SMS code: account-unlocked, then sign in', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  const before = await sentBefore('unlock.sms@example.com');
  await startRecovery(page, 'account-unlock', 'unlock.sms@example.com', 'SMS');
  await enterPhoneCode(page, 'unlock.sms@example.com', before);
  await reach(page, 'account-unlocked');
  await page.click('[data-action=back]');
  await reach(page, 'primary-auth');
  await signIn(page, 'unlock.sms@example.com');
  await waitView(page, 'success');
  await assertClean(page, problems, 'unlock sms');
  await context.close();
});

for (const [username, channel] of [['forgot.sms@example.com', 'SMS'], ['forgot.call@example.com', 'CALL']]) {
  test(`forgot password by ${channel}: code, new password, sign in with it`, { skip: missing }, async () => {
    const { page, context, problems } = await openPage(env);
    const before = await sentBefore(username);
    await startRecovery(page, 'forgot-password', username, channel);
    await enterPhoneCode(page, username, before);
    await resetPassword(page);
    await reach(page, 'success');
    await assertClean(page, problems, `forgot ${channel}`);
    await context.close();

    const again = await openPage(env);
    await signIn(again.page, username, NEW_PASSWORD);
    await waitView(again.page, 'success');
    await again.context.close();
  });
}

test('recovery question user: SMS code, wrong then right answer, new password', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  const before = await sentBefore('recovery.question@example.com');
  await startRecovery(page, 'forgot-password', 'recovery.question@example.com', 'SMS');
  await enterPhoneCode(page, 'recovery.question@example.com', before);
  await reach(page, 'recovery-question');
  await page.fill('#authn-answer', 'not-rover');
  await page.click(submit);
  await page.waitForSelector('.authn-alert[role=alert][data-error-code]');
  await assertAxe(page, 'recovery-question with an error');
  await page.fill('#authn-answer', 'rover');
  await page.click(submit);
  await resetPassword(page);
  await reach(page, 'success');
  await assertClean(page, problems, 'recovery question');
  await context.close();
});

test('activation token in the page URL: the new user sets a password and is signed in', { skip: missing }, async () => {
  const user = await userInfo(env, 'activate@example.com');
  assert.ok(user.activationToken, 'the demo user has an activation token');
  const { page, context, problems } = await openPage(env, {
    path: `/?activationToken=${encodeURIComponent(user.activationToken)}`,
    view: null,
  });
  await reach(page, 'password-reset');
  assert.equal(await titleOf(page), 'Set your password', 'an activation sets the first password');
  await resetPassword(page);
  await reach(page, 'success');
  await page.waitForSelector('[data-signed-in="activate@example.com"]');
  await assertClean(page, problems, 'activation');
  await context.close();

  const again = await openPage(env);
  await signIn(again.page, 'activate@example.com', NEW_PASSWORD);
  await waitView(again.page, 'success');
  await again.context.close();
});
