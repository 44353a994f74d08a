// End-to-end: the widget in other languages on the demo page (authn-web/build.sh output) under the strict CSP:
// French (from the browser's preference) and Arabic (from the page's `?lang=`) walks through a failed and a
// successful password + TOTP sign-in; Arabic right to left; language files fetched only when shown; a language
// file that fails leaves English with a console warning; axe (every impact level, WCAG 2.1 AA) on the primary
// view in every language. The expected texts are read from the built widget's own language files.
//
//   DEMO_BIN=target/debug/demo WIDGET_DIST=dist node --test tests/js/e2e/languages.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  PASSWORD, assertClean, assertWcagAA, emulatorNow, missing, openPage, resetEmulator, signIn, totp, userInfo,
  useEmulator, waitView,
} from './harness.mjs';

const env = useEmulator();
const USER = 'mfa.okta-totp@example.com';
const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja', 'zh-CN', 'ar'];

/** The texts of `tag` as the built widget ships them (`i18n/<tag>.json` of the dist). */
async function texts(tag) {
  return JSON.parse(await readFile(path.join(process.env.WIDGET_DIST, 'i18n', `${tag}.json`), 'utf8'));
}

/** A browser context whose preferred language is `locale`. */
function contextIn(locale) {
  return env.browser.newContext({ locale });
}

/** Every request the page makes for a language file. */
function languageRequests(page) {
  const urls = [];
  page.on('request', (request) => {
    if (request.url().includes('/i18n/')) urls.push(new URL(request.url()).pathname);
  });
  return urls;
}

/** The widget root's language, direction (attribute and computed) and title. */
function root(page) {
  return page.$eval('.authn-widget', (el) => ({
    lang: el.getAttribute('lang'),
    dir: el.getAttribute('dir'),
    direction: getComputedStyle(el).direction,
    title: el.querySelector('.authn-title')?.textContent,
  }));
}

/** Wrong password, then password + TOTP, all in `tag`; checks the texts on the way. */
async function walk(page, tag) {
  const t = await texts(tag);
  const shown = await root(page);
  assert.equal(shown.lang, tag);
  assert.equal(shown.title, t['primaryauth.title']);
  assert.equal(await page.textContent('label[for=authn-username]'), t['primaryauth.username.placeholder']);

  await signIn(page, USER, `${PASSWORD}x`);
  const alert = await page.waitForSelector('.authn-alert[role=alert]');
  assert.equal(await alert.getAttribute('data-error-code'), 'E0000004');
  assert.equal((await alert.textContent()).trim(), t['errors.E0000004']);

  await signIn(page, USER);
  await waitView(page, 'mfa-verify');
  assert.equal((await root(page)).title, t['authn.verify.title']);
  assert.equal(await page.textContent('label[for=authn-verify-input]'), t['mfa.challenge.enterCode.placeholder']);
  const secret = (await userInfo(env, USER)).totp.find((entry) => entry.provider === 'OKTA').secret;
  await page.fill('#authn-verify-input', totp(secret, await emulatorNow(env)));
  await page.click('.authn-widget button[type=submit]');
  await waitView(page, 'success');
  assert.equal((await root(page)).title, t['authn.success.title']);
  await page.waitForSelector(`[data-signed-in="${USER}"]`);
}

test('French from the browser preference: a failed then a successful sign-in with TOTP', { skip: missing }, async () => {
  await resetEmulator(env);
  const context = await contextIn('fr-FR');
  const { page, problems } = await openPage(env, { context });
  assert.deepEqual(await root(page).then(({ dir, direction }) => ({ dir, direction })), { dir: 'ltr', direction: 'ltr' });
  await walk(page, 'fr');
  await assertClean(page, problems, 'fr');
  await context.close();
});

test('Arabic from the page: right to left, a failed then a successful sign-in with TOTP', { skip: missing }, async () => {
  await resetEmulator(env);
  const context = await contextIn('en-US');
  const { page, problems } = await openPage(env, { context, path: '/?lang=ar' });
  const shown = await root(page);
  assert.deepEqual({ dir: shown.dir, direction: shown.direction }, { dir: 'rtl', direction: 'rtl' });
  // Mirrored layout: the show-password button follows the input, so it is on its left; labels start at the right.
  const input = await page.$eval('#authn-password', (el) => el.getBoundingClientRect().toJSON());
  const toggle = await page.$eval('button[aria-controls=authn-password]', (el) => el.getBoundingClientRect().toJSON());
  assert.ok(toggle.right <= input.left + 1, `toggle left of the input: ${JSON.stringify({ input, toggle })}`);
  const label = await page.$eval('label[for=authn-username]', (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    const field = el.getBoundingClientRect();
    return { gapRight: field.right - text.right, gapLeft: text.left - field.left };
  });
  assert.ok(label.gapRight < label.gapLeft, `label at the right: ${JSON.stringify(label)}`);
  await walk(page, 'ar');
  await assertClean(page, problems, 'ar');
  await context.close();
});

test('language files are fetched only for the language shown; English fetches none', { skip: missing }, async () => {
  for (const [locale, expected] of [['en-GB', []], ['de-AT', ['/i18n/de.json']], ['zh-TW', []]]) {
    const context = await contextIn(locale);
    const page = await context.newPage();
    const urls = languageRequests(page);
    await page.goto(`${env.baseUrl}/`);
    await waitView(page, 'primary-auth');
    assert.deepEqual(urls, expected, locale);
    await context.close();
  }
});

test('a language file that cannot be fetched leaves English with a console warning', { skip: missing }, async () => {
  const context = await contextIn('de-DE');
  await context.route('**/i18n/de.json', (route) => route.fulfill({ status: 404, body: 'not here' }));
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  await page.goto(`${env.baseUrl}/`);
  await waitView(page, 'primary-auth');
  const shown = await root(page);
  assert.equal(shown.lang, 'en');
  assert.equal(shown.title, (await texts('en'))['primaryauth.title']);
  assert.ok(
    warnings.some((w) => /language file .*\/i18n\/de\.json could not be loaded \(HTTP 404\); showing English/.test(w)),
    warnings.join('\n'),
  );
  await context.close();
});

for (const tag of LANGUAGES) {
  test(`axe (every impact, WCAG 2.1 AA) on the primary view in ${tag}`, { skip: missing }, async () => {
    const context = await contextIn(tag);
    const { page, problems } = await openPage(env, { context });
    assert.equal((await root(page)).lang, tag);
    await assertWcagAA(page, `primary-auth ${tag}`);
    // With an error shown too.
    await signIn(page, 'success@example.com', 'not-the-password');
    await page.waitForSelector('.authn-alert[role=alert]');
    await assertWcagAA(page, `primary-auth ${tag} with an error`);
    await assertClean(page, problems, tag);
    await context.close();
  });
}
