// The npm package through a bundler, following its README: esbuild bundles `import { OktaSignIn } from
// 'authn-web'`, the wasm and the language files are copied by hand and named with the `wasmUrl` option; and
// `tsc --noEmit` over an example using the package's types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { openPage } from '../e2e/harness.mjs';
import {
  checkLanguage, checkTotpSignIn, checkWrongPassword, here, missing, run, useInstalledPackage,
} from './support.mjs';

const env = useInstalledPackage(async (dir) => {
  const pkg = path.join(dir, 'node_modules', 'authn-web');
  const assets = path.join(dir, 'site', 'assets');
  await build({
    entryPoints: [path.join(dir, 'app', 'app.js')],
    bundle: true,
    format: 'esm',
    outfile: path.join(assets, 'app.js'),
    absWorkingDir: dir,
    logLevel: 'warning',
  });
  await copyFile(path.join(pkg, 'okta-sign-in.css'), path.join(assets, 'okta-sign-in.css'));
  await mkdir(path.join(dir, 'site', 'static', 'wasm'), { recursive: true });
  await copyFile(path.join(pkg, 'authn_web_bg.wasm'), path.join(dir, 'site', 'static', 'wasm', 'authn_web_bg.wasm'));
  // The language files go next to the wasm.
  await cp(path.join(pkg, 'i18n'), path.join(dir, 'site', 'static', 'wasm', 'i18n'), { recursive: true });
});

test('esbuild bundle: the wasm comes from wasmUrl', { skip: missing }, async () => {
  const { page, context } = await openPage(env, { path: '/bundle.html', view: null });
  const wasm = page.waitForRequest((request) => request.url().endsWith('.wasm'));
  await page.reload();
  assert.equal(new URL((await wasm).url()).pathname, '/static/wasm/authn_web_bg.wasm');
  await page.waitForSelector('.authn-widget[data-view="primary-auth"]');
  await context.close();
});

test('esbuild bundle: password + TOTP sign-in, then setCookieAndRedirect', { skip: missing }, async () => {
  await checkTotpSignIn(env, '/bundle.html');
});

test('esbuild bundle: a wrong password reaches afterError with 401 E0000004', { skip: missing }, async () => {
  await checkWrongPassword(env, '/bundle.html');
});

test('esbuild bundle: French from next to wasmUrl, under the page\'s Okta label file and i18n', { skip: missing }, async () => {
  await checkLanguage(env, '/bundle.html', '/static/wasm/i18n/');
});

test('TypeScript: an example using the types compiles (tsc --noEmit)', { skip: missing }, async () => {
  const tsc = path.join(here, '..', 'node_modules', '.bin', 'tsc');
  const { stdout } = await run(tsc, ['--noEmit', '-p', path.join(env.dir, 'app', 'tsconfig.json')]).catch((e) => {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  });
  assert.equal(stdout.trim(), '');
});
