// The npm package as an ES module: a page importing OktaSignIn from the installed package's index.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkLanguage, checkTotpSignIn, checkWrongPassword, missing, useInstalledPackage } from './support.mjs';

const env = useInstalledPackage();

test('server side: the module imports and constructs without a window', { skip: missing }, async () => {
  const entry = pathToFileURL(path.join(env.dir, 'node_modules', 'authn-web', 'index.js'));
  const { OktaSignIn, default: byDefault } = await import(entry.href);
  assert.equal(typeof window, 'undefined');
  assert.equal(byDefault, OktaSignIn);
  const signIn = new OktaSignIn({ baseUrl: 'https://example.okta.com', features: { rememberMe: true } });
  assert.equal(typeof signIn.renderEl, 'function');
  assert.throws(() => new OktaSignIn({ baseUrl: 42 }), { name: 'CONFIG_ERROR', message: /"baseUrl"/ });
});

test('ES module: password + TOTP sign-in, then setCookieAndRedirect', { skip: missing }, async () => {
  await checkTotpSignIn(env, '/esm.html');
});

test('ES module: a wrong password reaches afterError with 401 E0000004', { skip: missing }, async () => {
  await checkWrongPassword(env, '/esm.html');
});

test('ES module: French from next to the module, under the page\'s Okta label file and i18n', { skip: missing }, async () => {
  await checkLanguage(env, '/esm.html', '/node_modules/authn-web/i18n/');
});
