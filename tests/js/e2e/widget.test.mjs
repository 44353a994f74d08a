// End-to-end: the widget demo page (authn-web/build.sh output) served by the emulator under its strict CSP,
// driven in headless Chromium. Needs DEMO_BIN (the emulator binary) and WIDGET_DIST (the built dist dir).
//
//   DEMO_BIN=target/debug/demo WIDGET_DIST=dist node --test tests/js/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const { DEMO_BIN, WIDGET_DIST } = process.env;
const missing = !DEMO_BIN || !WIDGET_DIST ? 'set DEMO_BIN and WIDGET_DIST to run the widget end-to-end test' : false;
const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
const PASSWORD = 'Demo1234';

let emulator;
let baseUrl;
let browser;

/** Starts the emulator on a free port and resolves with its base URL (first stdout line). */
function startEmulator() {
  return new Promise((resolve, reject) => {
    const child = spawn(DEMO_BIN, ['--port', '0', '--static', WIDGET_DIST], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error('emulator did not print LISTENING')), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator exited early (${code})`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = /^LISTENING (http\S+)/.exec(line);
      if (!match) return reject(new Error(`unexpected first line: ${line}`));
      child.removeAllListeners('exit');
      lines.on('line', () => {}); // keep draining stdout
      resolve({ child, url: match[1].replace(/\/$/, '') });
    });
  });
}

before(async () => {
  if (missing) return;
  const started = await startEmulator();
  emulator = started.child;
  baseUrl = started.url;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  emulator?.kill();
});

/** A fresh page that records CSP violations and console errors. */
async function openPage(path = '/') {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  const response = await page.goto(`${baseUrl}${path}`);
  const csp = response.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, 'the page is served with the strict CSP');
  assert.match(csp, /style-src 'self'/);
  await page.waitForSelector('.authn-widget[data-view="primary-auth"]');
  return { page, context, problems };
}

async function cspViolations(page, problems) {
  const violations = await page.evaluate(() => window.__cspViolations);
  return [...violations, ...problems];
}

/** axe-core violations with impact serious or critical. */
async function axeSerious(page) {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document.querySelector('.authn-widget'), { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function signIn(page, username) {
  await page.fill('#authn-username', username);
  await page.fill('#authn-password', PASSWORD);
  await page.click('button[type=submit]');
}

test('plain sign-in under the strict CSP hands the session to the page', { skip: missing }, async () => {
  const { page, context, problems } = await openPage();
  assert.deepEqual(await axeSerious(page), [], 'primary-auth has no serious accessibility violations');
  // The demo panel lists the emulator's users.
  await page.waitForSelector('.demo-users li');
  await signIn(page, 'success@example.com');
  await page.waitForSelector('.authn-widget[data-view="success"]');
  await page.waitForSelector('[data-signed-in="success@example.com"]');
  assert.deepEqual(await cspViolations(page, problems), []);
  const styled = await page.$$eval('.authn-widget [style]', (els) => els.length);
  assert.equal(styled, 0, 'no inline style attributes');
  await context.close();
});

test('wrong password shows an announced error and keeps the username', { skip: missing }, async () => {
  const { page, context, problems } = await openPage();
  await page.fill('#authn-username', 'success@example.com');
  await page.fill('#authn-password', 'not-the-password');
  await page.click('button[type=submit]');
  const alert = await page.waitForSelector('.authn-alert[role=alert]');
  assert.equal(await alert.getAttribute('data-error-code'), 'E0000004');
  assert.equal(await page.inputValue('#authn-username'), 'success@example.com');
  assert.equal(await page.inputValue('#authn-password'), '');
  assert.deepEqual(await cspViolations(page, problems), []);
  await context.close();
});

test('security question MFA with keyboard only', { skip: missing }, async () => {
  const { page, context, problems } = await openPage();
  await page.focus('#authn-username');
  await page.keyboard.type('mfa.question@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.authn-widget[data-view="mfa-verify"]');
  assert.deepEqual(await axeSerious(page), [], 'mfa-verify has no serious accessibility violations');
  await page.waitForSelector('#authn-verify-input');
  await page.focus('#authn-verify-input');
  await page.keyboard.type('blue');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.authn-widget[data-view="success"]');
  assert.deepEqual(await cspViolations(page, problems), []);
  await context.close();
});

test('reload resumes the transaction from sessionStorage', { skip: missing }, async () => {
  const { page, context, problems } = await openPage();
  await signIn(page, 'mfa.question@example.com');
  await page.waitForSelector('.authn-widget[data-view="mfa-verify"]');
  await page.reload();
  await page.waitForSelector('.authn-widget[data-view="mfa-verify"]');
  assert.deepEqual(await cspViolations(page, problems), []);
  await context.close();
});

test('deep link /signin/... serves the widget', { skip: missing }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/signin/reset-password/not-a-real-token`);
  // An unknown recovery token ends on an explicit message, never a blank widget.
  await page.waitForSelector('.authn-widget[data-view="session-expired"], .authn-widget[data-view="error-state"]');
  await context.close();
});

/** The newest outbox message to `to` (the emulator's outbox.json). */
async function lastMessage(to) {
  const response = await fetch(`${baseUrl}/emulator/outbox.json?to=${encodeURIComponent(to)}`);
  assert.equal(response.status, 200);
  const messages = await response.json();
  assert.ok(messages.length > 0, `no outbox message to ${to}`);
  return messages[messages.length - 1];
}

async function userInfo(username) {
  const users = await (await fetch(`${baseUrl}/emulator/users.json`)).json();
  const user = users.find((u) => u.username === username);
  assert.ok(user, `demo user ${username}`);
  return user;
}

test('SMS MFA: send the code, read it from the outbox, verify', { skip: missing }, async () => {
  const { page, context, problems } = await openPage();
  await signIn(page, 'mfa.sms@example.com');
  await page.waitForSelector('.authn-widget[data-view="mfa-verify"]');
  await page.click('button[type=submit]'); // "Send code"
  await page.waitForSelector('#authn-code');
  assert.equal(await page.getAttribute('#authn-code', 'autocomplete'), 'one-time-code');
  assert.ok(await page.isDisabled('[data-action=resend]'), 'resend waits 30 s');
  const user = await userInfo('mfa.sms@example.com');
  const factor = user.factors.find((f) => f.factorType === 'sms');
  const message = await lastMessage(factor.phoneNumber ?? user.phone);
  await page.fill('#authn-code', message.code);
  await page.click('button[type=submit]');
  await page.waitForSelector('.authn-widget[data-view="success"]');
  assert.deepEqual(await cspViolations(page, problems), []);
  await context.close();
});

test('push MFA: approve on the emulator, the widget polls to success', { skip: missing }, async () => {
  const { page, context, problems } = await openPage();
  await signIn(page, 'mfa.push@example.com');
  await page.waitForSelector('.authn-widget[data-view="mfa-verify"]');
  await page.click('button[type=submit]'); // "Send push"
  await page.waitForSelector('.authn-widget[data-view="mfa-push-wait"]');
  const approved = await fetch(`${baseUrl}/emulator/push/approve`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'mfa.push@example.com' }),
  });
  assert.ok(approved.ok, `approve: HTTP ${approved.status}`);
  // The widget polls every 4 s (Okta's cadence); wait for the result, not for a fixed time.
  await page.waitForSelector('.authn-widget[data-view="success"]', { timeout: 20_000 });
  assert.deepEqual(await cspViolations(page, problems), []);
  await context.close();
});

test('forgot password by email: emailed link, recovery question, new password', { skip: missing }, async () => {
  const { page, context, problems } = await openPage();
  await page.click('[data-action=forgot-password]');
  await page.waitForSelector('.authn-widget[data-view="forgot-password"]');
  await page.fill('#authn-recovery-username', 'forgot.email@example.com');
  await page.click('[data-factor=EMAIL]');
  await page.waitForSelector('.authn-widget[data-view="password-reset-email-sent"]');
  const user = await userInfo('forgot.email@example.com');
  const message = await lastMessage(user.email ?? user.username);
  assert.match(message.link, /\/signin\/reset-password\//);
  await page.goto(message.link);
  await page.waitForSelector('.authn-widget[data-view="recovery-question"]');
  await page.fill('#authn-answer', 'paris');
  await page.click('button[type=submit]');
  await page.waitForSelector('.authn-widget[data-view="password-reset"]');
  const fresh = `Fresh-${Date.now()}-Pw!`;
  await page.fill('#authn-new-password', fresh);
  await page.fill('#authn-confirm-password', fresh);
  await page.click('button[type=submit]');
  await page.waitForSelector('.authn-widget[data-view="success"]');
  assert.deepEqual(await cspViolations(page, problems), []);
  await context.close();
});

test('accessibility: no serious axe violations across views', { skip: missing }, async () => {
  const checks = [
    { view: 'forgot-password', go: (page) => page.click('[data-action=forgot-password]') },
    { view: 'account-unlock', go: (page) => page.click('[data-action=unlock]') },
    { view: 'password-expired', go: (page) => signIn(page, 'password.expired@example.com') },
    { view: 'password-expiry-warning', go: (page) => signIn(page, 'password.warn@example.com') },
    { view: 'enroll-choices', go: (page) => signIn(page, 'enroll.required@example.com') },
    { view: 'locked-out', go: (page) => signIn(page, 'locked@example.com') },
  ];
  for (const { view, go } of checks) {
    const { page, context, problems } = await openPage();
    await go(page);
    await page.waitForSelector(`.authn-widget[data-view="${view}"]`);
    assert.deepEqual(await axeSerious(page), [], `${view}: serious accessibility violations`);
    assert.deepEqual(await cspViolations(page, problems), [], `${view}: CSP violations`);
    await context.close();
  }
});
