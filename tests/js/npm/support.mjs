// Shared by the npm package tests: the packed tarball (AUTHN_WEB_TARBALL, from `cargo xtask package`)
// `npm install`ed into a fresh temporary folder next to a copy of site/ and app/, one emulator (DEMO_BIN)
// serving that site under its strict CSP with the installed package mounted at /node_modules, one
// headless Chromium, and the sign-in checks every way of loading the package must pass.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS, CHROMIUM_PATH, PASSWORD, assertClean, emulatorNow, openPage, resetEmulator, signIn, startEmulator, totp, userInfo,
  waitView,
} from '../e2e/harness.mjs';

export const run = promisify(execFile);
export const here = path.dirname(fileURLToPath(import.meta.url));
const { DEMO_BIN, AUTHN_WEB_TARBALL } = process.env;

/** `skip` value for every test: a reason when the environment is missing, else false. */
export const missing = !DEMO_BIN || !AUTHN_WEB_TARBALL || !CHROMIUM_PATH
  ? 'set DEMO_BIN, AUTHN_WEB_TARBALL (cargo xtask package) and CHROMIUM to run the npm package tests'
  : false;

const USER = 'mfa.okta-totp@example.com';

/**
 * A fresh temporary folder with the tarball `npm install`ed (`node_modules/authn-web`) next to copies of site/ and
 * app/; resolves with its path (the caller removes it).
 */
export async function installPackage() {
  const dir = await mkdtemp(path.join(tmpdir(), 'authn-web-npm-'));
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--offline', AUTHN_WEB_TARBALL], { cwd: dir });
  await cp(path.join(here, 'site'), path.join(dir, 'site'), { recursive: true });
  await cp(path.join(here, 'app'), path.join(dir, 'app'), { recursive: true });
  return dir;
}

/** The emulator's `--mount` flags and static folder serving `installPackage()`'s site, the package at /node_modules. */
export function packageSite(dir) {
  return { mounts: ['--mount', `/node_modules=${path.join(dir, 'node_modules')}`], site: path.join(dir, 'site') };
}

/**
 * Registers hooks that install the package into a temporary folder, run `prepare(dir)` (e.g. a bundler),
 * start the emulator and a browser. Returns an object filled in once the hooks ran.
 */
export function useInstalledPackage(prepare) {
  const env = { dir: undefined, baseUrl: undefined, browser: undefined, child: undefined };
  before(async () => {
    if (missing) return;
    env.dir = await installPackage();
    if (prepare) await prepare(env.dir);
    const { mounts, site } = packageSite(env.dir);
    const started = await startEmulator(mounts, site);
    env.child = started.child;
    env.baseUrl = started.url;
    env.browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await env.browser?.close();
    env.child?.kill();
    if (env.dir) await rm(env.dir, { recursive: true, force: true });
  });
  return env;
}

/** What the page's sign-in code recorded (sign-in.js). */
function recorded(page) {
  return page.evaluate(() => ({
    events: window.signInEvents,
    signedIn: window.signedIn,
    lastError: window.lastError,
    fatalError: window.fatalError,
  }));
}

/**
 * Password + TOTP sign-in on `pagePath`: SUCCESS with a session token in the success callback, Okta's events
 * in order, then `session.setCookieAndRedirect()` lands on the redirect URI with the session cookie set.
 */
export async function checkTotpSignIn(env, pagePath) {
  await resetEmulator(env);
  const { page, context, problems } = await openPage(env, { path: pagePath });
  await signIn(page, USER);
  await waitView(page, 'mfa-verify');
  const secret = (await userInfo(env, USER)).totp.find((t) => t.provider === 'OKTA').secret;
  await page.fill('#authn-verify-input', totp(secret, await emulatorNow(env)));
  await page.click('.authn-widget button[type=submit]');
  await page.waitForFunction(() => window.signedIn, null, { timeout: 10_000 });
  const { events, signedIn, fatalError } = await recorded(page);
  assert.equal(fatalError, undefined);
  assert.deepEqual(signedIn, { status: 'SUCCESS', type: 'SESSION_SSO', login: USER, hasToken: true });
  assert.deepEqual(events.slice(0, 2), ['ready:primary-auth', 'afterRender:primary-auth'], 'ready first');
  assert.ok(events.includes('afterRender:mfa-verify'), events.join(', '));
  await assertClean(page, problems, pagePath);

  await Promise.all([page.waitForURL('**/done.html'), page.evaluate(() => window.finishSignIn())]);
  assert.ok((await context.cookies()).length > 0, 'the org set its session cookie');
  await context.close();
}

/** A wrong password reaches `afterError` with 401 and the server's E0000004 body. */
export async function checkWrongPassword(env, pagePath) {
  await resetEmulator(env);
  const { page, context, problems } = await openPage(env, { path: pagePath });
  await signIn(page, USER, `${PASSWORD}x`);
  await page.waitForFunction(() => window.lastError, null, { timeout: 10_000 });
  const { events, lastError, signedIn } = await recorded(page);
  assert.deepEqual(lastError, {
    name: 'AuthApiError', message: 'Authentication failed', statusCode: 401, errorCode: 'E0000004',
  });
  assert.deepEqual(events, ['ready:primary-auth', 'afterRender:primary-auth', 'afterError:primary-auth']);
  assert.equal(signedIn, undefined);
  await assertClean(page, problems, `${pagePath} wrong password`);
  await context.close();
}

/**
 * The page in French (`language`), its texts from the package's `i18n/fr.json` fetched from `folder` (next to
 * the wasm), under the page's Okta label file (`assets.baseUrl`, site/okta-assets), under its `i18n` texts.
 */
export async function checkLanguage(env, pagePath, folder) {
  const options = {
    language: 'fr',
    assets: { baseUrl: '/okta-assets' },
    i18n: { fr: { 'primaryauth.title': 'Connexion à Acme' } },
  };
  const french = JSON.parse(await readFile(path.join(env.dir, 'node_modules', 'authn-web', 'i18n', 'fr.json'), 'utf8'));
  const context = await env.browser.newContext({ locale: 'en-US' });
  const fetched = [];
  context.on('request', (request) => {
    if (request.url().endsWith('.json')) fetched.push(new URL(request.url()).pathname);
  });
  const query = `?options=${encodeURIComponent(JSON.stringify(options))}`;
  const { page, problems } = await openPage(env, { path: `${pagePath}${query}`, context });
  const shown = await page.$eval('.authn-widget', (el) => ({
    lang: el.getAttribute('lang'),
    title: el.querySelector('.authn-title').textContent,
    forgot: el.querySelector('[data-action=forgot-password]').textContent.trim(),
    username: el.querySelector('label[for=authn-username]').textContent,
  }));
  assert.deepEqual(shown, {
    lang: 'fr',
    title: 'Connexion à Acme',
    forgot: 'Mot de passe oublié (libellé Okta)',
    username: french['primaryauth.username.placeholder'],
  });
  assert.deepEqual(fetched.sort(), [`${folder}fr.json`, '/okta-assets/labels/json/login_fr.json'].sort());
  await assertClean(page, problems, `${pagePath} in French`);
  await context.close();
}
