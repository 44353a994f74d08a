// The brand options through the npm package's classic script: the classic page with `?brand` sets Okta's `logo`, `logoText`,
// `brandName` and `colors.brand` (a light gold, so the widget must pick dark button text and darken its links),
// light and dark (forced with `colorScheme`, or the browser's preference), under the strict CSP: no style
// attribute, no CSP violation (the brand is a constructed stylesheet), WCAG 2.1 AA contrast (axe, every impact).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAxeWcag, assertClean, openPage, resetEmulator, signIn, waitView } from '../e2e/harness.mjs';
import { missing, useInstalledPackage } from './support.mjs';

const env = useInstalledPackage();

/** WCAG contrast of two `rgb(r, g, b)` strings. */
function contrast(a, b) {
  const luminance = (css) => {
    const [r, g, bl] = css.match(/\d+/g).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The colours the branded primary view shows. */
function colours(page) {
  return page.evaluate(() => {
    const css = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
    return {
      background: css('.authn-widget', 'backgroundColor'),
      button: css('.authn-button-primary', 'backgroundColor'),
      buttonText: css('.authn-button-primary', 'color'),
      link: css('.authn-widget .authn-link', 'color'),
      logo: document.querySelector('img.authn-logo')?.naturalWidth ?? 0,
    };
  });
}

const CASES = [
  { label: 'light (forced)', path: '/classic.html?brand&scheme=light', background: 'rgb(255, 255, 255)' },
  { label: 'dark (forced)', path: '/classic.html?brand&scheme=dark', background: 'rgb(24, 25, 29)' },
  { label: 'dark (browser preference)', path: '/classic.html?brand', background: 'rgb(24, 25, 29)', colorScheme: 'dark' },
];

for (const { label, path, background, colorScheme } of CASES) {
  test(`brand page, ${label}: logo, brand colour with AA contrast, no CSP violation`, { skip: missing }, async () => {
    const context = await env.browser.newContext(colorScheme ? { colorScheme } : {});
    const { page, problems } = await openPage(env, { path, context });
    assert.equal(await page.getAttribute('img.authn-logo', 'alt'), 'Acme');
    await page.waitForFunction(() => document.querySelector('img.authn-logo').complete);
    const shown = await colours(page);
    assert.ok(shown.logo > 0, 'the logo loaded');
    assert.equal(shown.background, background);
    assert.equal(shown.button, 'rgb(255, 215, 0)', 'colors.brand on the primary button');
    assert.equal(shown.buttonText, 'rgb(0, 0, 0)', 'dark text: white on gold would fail AA');
    assert.ok(contrast(shown.button, shown.buttonText) >= 4.5);
    assert.ok(contrast(shown.link, shown.background) >= 4.5, `link ${shown.link} on ${shown.background}`);
    assert.equal(await page.$$eval('[style]', (els) => els.length), 0, 'no style attribute on the page');
    await assertAxeWcag(page, `branded primary-auth, ${label}`);
    await assertClean(page, problems, label);
    await context.close();
  });
}

test('brand page: brandName names the org where Okta does', { skip: missing }, async () => {
  await resetEmulator(env);
  const { page, context, problems } = await openPage(env, { path: '/classic.html?brand' });
  await signIn(page, 'password.expired@example.com');
  await waitView(page, 'password-expired');
  assert.equal(await page.textContent('.authn-title'), 'Your Acme Corp password has expired');
  await assertAxeWcag(page, 'branded password-expired');
  await assertClean(page, problems, 'brandName');
  await context.close();
});
