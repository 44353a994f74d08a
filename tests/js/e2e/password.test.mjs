// End-to-end: password warning (skip, change), password expired (live requirements, server-side rejection shown
// under its field, change) and expired-after-MFA ordering, in the built widget under the strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useEmulator, missing, openPage, signIn, reach, waitView, idle, assertClean, assertAxe, PASSWORD } from './harness.mjs';

const env = useEmulator();
const NEW_PASSWORD = 'Fresh9Secret';

/** The `data-met` flags of the live requirement list, in order. */
function requirementFlags(page) {
  return page.$$eval('.authn-requirement', (items) => items.map((li) => li.dataset.met === 'true'));
}

async function changePassword(page, { old = PASSWORD, fresh = NEW_PASSWORD, confirm = fresh } = {}) {
  await page.fill('#authn-old-password', old);
  await page.fill('#authn-new-password', fresh);
  await page.fill('#authn-confirm-password', confirm);
  await page.click('.authn-widget button[type=submit]');
}

test('password warning: skip signs in without changing the password', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await signIn(page, 'password.warn@example.com');
  await reach(page, 'password-expiry-warning');
  assert.match(await page.textContent('.authn-title'), /5 days/);
  await page.click('[data-action=skip]');
  await reach(page, 'success');
  await assertClean(page, problems, 'warn skip');
  await context.close();
});

test('password warning: change now, then sign in with the new password', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await signIn(page, 'password.warn@example.com');
  await reach(page, 'password-expiry-warning');
  await changePassword(page);
  await reach(page, 'success');
  await assertClean(page, problems, 'warn change');
  await context.close();

  const again = await openPage(env);
  await signIn(again.page, 'password.warn@example.com', NEW_PASSWORD);
  await waitView(again.page, 'success');
  await assertClean(again.page, again.problems, 'sign-in with the new password');
  await again.context.close();
});

test('password expired: live requirements, server rejection under its field, then change', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await signIn(page, 'password.expired@example.com');
  await reach(page, 'password-expired');
  const submit = '.authn-widget button[type=submit]';

  // The requirement list follows what is typed.
  await page.fill('#authn-old-password', PASSWORD);
  await page.fill('#authn-new-password', 'abc');
  assert.deepEqual(await requirementFlags(page), [false, true, false, false, true]);
  await page.fill('#authn-new-password', 'abcdefgH');
  assert.deepEqual(await requirementFlags(page), [true, true, true, false, true]);
  await page.fill('#authn-new-password', 'password.expired9X');
  const flags = await requirementFlags(page);
  assert.equal(flags[4], false, 'contains the username');
  await page.fill('#authn-new-password', NEW_PASSWORD);
  assert.deepEqual(await requirementFlags(page), [true, true, true, true, true]);

  // A mismatched repeat is refused locally, under the repeat field.
  await page.fill('#authn-confirm-password', `${NEW_PASSWORD}x`);
  await page.click(submit);
  await page.waitForSelector('#authn-confirm-password-errors');
  assert.equal(await page.getAttribute('#authn-confirm-password', 'aria-invalid'), 'true');

  // A wrong old password is refused by the server; the cause is shown under the old-password field only.
  await changePassword(page, { old: 'Wrong1234' });
  const alert = await page.waitForSelector('.authn-alert[role=alert][data-error-code]');
  assert.equal(await alert.getAttribute('data-error-code'), 'E0000014');
  assert.match(await page.textContent('#authn-old-password-errors'), /^\s*Old Password is not correct\s*$/);
  assert.equal(await page.getAttribute('#authn-old-password', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#authn-old-password', 'aria-describedby'), /authn-old-password-errors/);
  assert.equal(await page.$('#authn-new-password-errors'), null, 'nothing under the new password');
  await assertAxe(page, 'password-expired with errors');

  await changePassword(page);
  await reach(page, 'success');
  await assertClean(page, problems, 'expired change');
  await context.close();
});

test('password expired after MFA: the question comes first, then the change', { skip: missing }, async () => {
  const { page, context, problems } = await openPage(env);
  await signIn(page, 'password.expired-mfa@example.com');
  await reach(page, 'mfa-verify');
  await page.fill('#authn-verify-input', 'blue');
  await page.click('.authn-widget button[type=submit]');
  await reach(page, 'password-expired');
  await changePassword(page);
  await reach(page, 'success');
  await assertClean(page, problems, 'expired after MFA');
  await context.close();
});
