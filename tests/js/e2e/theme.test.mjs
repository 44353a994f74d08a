// End-to-end: the widget's light and dark themes on the demo page under the strict CSP. The browser's
// preference (prefers-color-scheme, emulated) picks the theme; axe checks the primary view against WCAG 2.1 A
// and AA at every impact level in both. Harness: harness.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useEmulator, missing, openPage, assertClean, assertAxeWcag } from './harness.mjs';

const env = useEmulator();

for (const [scheme, background] of [['light', 'rgb(255, 255, 255)'], ['dark', 'rgb(24, 25, 29)']]) {
  test(`${scheme} theme: the primary view passes axe (WCAG 2.1 AA, every impact)`, { skip: missing }, async () => {
    const context = await env.browser.newContext({ colorScheme: scheme });
    const { page, problems } = await openPage(env, { context });
    const shown = await page.$eval('.authn-widget', (el) => getComputedStyle(el).backgroundColor);
    assert.equal(shown, background, `the ${scheme} theme`);
    assert.equal(await page.getAttribute('.authn-widget', 'data-color-scheme'), 'auto');
    await assertAxeWcag(page, `primary-auth (${scheme})`);
    // With an error shown too.
    await page.fill('#authn-username', 'success@example.com');
    await page.fill('#authn-password', 'not-the-password');
    await page.click('.authn-widget button[type=submit]');
    await page.waitForSelector('.authn-alert[role=alert]');
    await assertAxeWcag(page, `primary-auth with an error (${scheme})`);
    await assertClean(page, problems, scheme);
    await context.close();
  });
}
