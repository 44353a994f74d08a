// The npm package as an ES module: a page importing OktaSignIn from the installed package's index.js.
import { test } from 'node:test';
import { checkTotpSignIn, checkWrongPassword, missing, useInstalledPackage } from './support.mjs';

const env = useInstalledPackage();

test('ES module: password + TOTP sign-in, then setCookieAndRedirect', { skip: missing }, async () => {
  await checkTotpSignIn(env, '/esm.html');
});

test('ES module: a wrong password reaches afterError with 401 E0000004', { skip: missing }, async () => {
  await checkWrongPassword(env, '/esm.html');
});
