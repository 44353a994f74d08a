// The npm package as a drop-in for Okta's Sign-In Widget: a plain HTML page in Okta's classic style whose two
// tags point at okta-sign-in.global.js and okta-sign-in.css, under the strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../e2e/harness.mjs';
import { checkLanguage, checkTotpSignIn, checkWrongPassword, missing, useInstalledPackage } from './support.mjs';

const env = useInstalledPackage();

test('classic script: OktaSignIn exists at once and queued calls run once the wasm is ready', { skip: missing }, async () => {
  const { page, context } = await openPage(env, { path: '/classic.html' });
  assert.equal(await page.evaluate(() => window.definedBeforeLoad), true, 'window.OktaSignIn defined synchronously');
  assert.deepEqual(await page.evaluate(() => window.signInEvents.slice(0, 2)), ['ready:primary-auth', 'afterRender:primary-auth']);
  await page.evaluate(() => window.signIn.hide());
  assert.equal(await page.isVisible('.authn-widget'), false);
  await page.evaluate(() => window.signIn.show());
  assert.equal(await page.isVisible('.authn-widget'), true);
  await page.evaluate(() => { window.signIn.remove(); window.signIn.remove(); });
  assert.equal(await page.$('#okta-login-container *'), null, 'remove() leaves no DOM');
  await context.close();
});

test('classic script: password + TOTP sign-in, then setCookieAndRedirect', { skip: missing }, async () => {
  await checkTotpSignIn(env, '/classic.html');
});

test('classic script: a wrong password reaches afterError with 401 E0000004', { skip: missing }, async () => {
  await checkWrongPassword(env, '/classic.html');
});

test('classic script: French from next to the script, under the page\'s Okta label file and i18n', { skip: missing }, async () => {
  await checkLanguage(env, '/classic.html', '/node_modules/authn-web/i18n/');
});
