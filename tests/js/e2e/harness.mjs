// Shared harness for the widget end-to-end tests: one emulator (binary DEMO_BIN serving WIDGET_DIST under its
// strict CSP) and one headless Chromium per test file, pages that record CSP violations and console errors,
// the axe-core check, and helpers for the emulator's test API (outbox, push approval, clock, users).
//
//   DEMO_BIN=target/debug/demo WIDGET_DIST=dist CHROMIUM=/usr/bin/chromium node --test tests/js/e2e/*.test.mjs
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const { DEMO_BIN, WIDGET_DIST, CHROMIUM } = process.env;

/** The Chromium every browser test launches: `CHROMIUM`, which `cargo xtask test` sets from its one constant. */
export const CHROMIUM_PATH = CHROMIUM;

/** `skip` value for every test: a reason when the environment is missing, else false. */
export const missing = !DEMO_BIN || !WIDGET_DIST || !CHROMIUM
  ? 'set DEMO_BIN, WIDGET_DIST and CHROMIUM to run the widget end-to-end tests'
  : false;
export const PASSWORD = 'Demo1234';
export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/**
 * Okta's own Sign-In Widget 7.49 (npm @okta/okta-signin-widget, classic engine) next to the emulator: `--mount`
 * flags serving its dist at /okta-dist and its page (okta-widget/: what it does is recorded on `window.okta`) at
 * /okta-page; the page is at `OKTA_PAGE`.
 */
export const OKTA_WIDGET_MOUNTS = [
  '--mount', `/okta-dist=${fileURLToPath(new URL('../node_modules/@okta/okta-signin-widget/dist', import.meta.url))}`,
  '--mount', `/okta-page=${fileURLToPath(new URL('./okta-widget', import.meta.url))}`,
];
export const OKTA_PAGE = '/okta-page/index.html';

/** Fills username + password and submits the primary-auth form of Okta's widget. */
export async function oktaSignIn(page, username, password = PASSWORD) {
  await page.fill('#okta-signin-username', username);
  await page.fill('#okta-signin-password', password);
  await page.click('#okta-signin-submit');
}

/** Starts the emulator on a free port serving `staticDir`; resolves with it and its base URL (first stdout line). */
export function startEmulator(extraArgs, staticDir = WIDGET_DIST) {
  return new Promise((resolve, reject) => {
    const args = ['--port', '0', '--static', staticDir, ...extraArgs];
    const child = spawn(DEMO_BIN, args, { stdio: ['ignore', 'pipe', 'inherit'] });
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

/**
 * Registers before/after hooks starting this file's own emulator (extra CLI flags in `args`) and browser.
 * Returns an object whose `baseUrl` and `browser` are set once the hooks ran.
 */
export function useEmulator(args = []) {
  const env = { baseUrl: undefined, browser: undefined, child: undefined };
  before(async () => {
    if (missing) return;
    const started = await startEmulator(args);
    env.child = started.child;
    env.baseUrl = started.url;
    env.browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await env.browser?.close();
    env.child?.kill();
  });
  return env;
}

/** Console messages that are expected: the browser's own log line for an API answering 4xx on purpose. */
const EXPECTED_CONSOLE = /^Failed to load resource: the server responded with a status of 4\d\d/;

/**
 * A fresh browser context and page at `path` that records CSP violations, console errors and page errors;
 * waits for `view` (default primary-auth). `context` may be reused (remember-device cookies).
 */
export async function openPage(env, { path = '/', view = 'primary-auth', context } = {}) {
  const ownContext = context ?? (await env.browser.newContext());
  const page = await ownContext.newPage();
  const problems = await watch(page);
  const response = await page.goto(`${env.baseUrl}${path}`);
  const csp = response.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, 'the page is served with the strict CSP');
  assert.match(csp, /style-src 'self'/);
  if (view) await waitView(page, view);
  return { page, context: ownContext, problems };
}

/**
 * Records on `page` (before it loads anything) CSP violations (`window.__cspViolations`), console errors and page
 * errors; returns the list the console and page errors go to.
 */
export async function watch(page) {
  const problems = [];
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !EXPECTED_CONSOLE.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

/** Waits until the widget root shows `view` (its `data-view`). */
export async function waitView(page, view, timeout = 10_000) {
  await page.waitForSelector(`.authn-widget[data-view="${view}"]`, { timeout });
}

/** Waits until the widget is not busy (no request in flight). */
export async function idle(page) {
  await page.waitForSelector('.authn-widget:not([data-busy="true"])');
}

/** Asserts: no CSP violation, console error or page error so far; no inline style attribute in the widget. */
export async function assertClean(page, problems, label = '') {
  const violations = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual([...violations, ...problems], [], `${label} CSP violations / console errors`);
  const styled = await page.$$eval('.authn-widget [style]', (els) => els.length);
  assert.equal(styled, 0, `${label} no inline style attributes`);
}

let axeSource;
/** The axe-core violations in the widget as shown now (`options` as axe.run takes them). */
async function axeViolations(page, options) {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  return page.evaluate(async (runOptions) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document.querySelector('.authn-widget'), { ...runOptions, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.html).slice(0, 3) }));
  }, options);
}

/** Asserts: axe-core finds no serious or critical violation in the widget as shown now. */
export async function assertAxe(page, label) {
  const serious = (await axeViolations(page, {})).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious, [], `${label ?? ''}: serious accessibility violations`);
}

/** Asserts: axe-core finds no WCAG 2.1 A or AA violation of any impact in the widget as shown now. */
export async function assertWcagAA(page, label) {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const violations = await axeViolations(page, { runOnly: { type: 'tag', values: tags } });
  assert.deepEqual(violations, [], `${label ?? ''}: WCAG 2.1 AA violations`);
}

/** Waits for `view`, then checks it with axe. */
export async function reach(page, view, timeout) {
  await waitView(page, view, timeout);
  await idle(page);
  await assertAxe(page, view);
}

/** Fills username + password and submits the primary-auth form. */
export async function signIn(page, username, password = PASSWORD) {
  await page.fill('#authn-username', username);
  await page.fill('#authn-password', password);
  await page.click('.authn-widget button[type=submit]');
}

async function api(env, method, path, body) {
  const response = await fetch(`${env.baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The demo user `username` from `/emulator/users.json`. */
export async function userInfo(env, username) {
  const { body } = await api(env, 'GET', '/emulator/users.json');
  const user = body.find((u) => u.username === username);
  assert.ok(user, `demo user ${username}`);
  return user;
}

/** Every outbox message to `to`, oldest first. */
export async function messagesTo(env, to) {
  const { status, body } = await api(env, 'GET', `/emulator/outbox.json?to=${encodeURIComponent(to)}`);
  assert.equal(status, 200);
  return body;
}

/** Waits (polling the outbox, no fixed sleep) for a message to `to` beyond the first `after` ones. */
export async function nextMessage(env, to, after = 0) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const messages = await messagesTo(env, to);
    if (messages.length > after) return messages[messages.length - 1];
    assert.ok(Date.now() < deadline, `no outbox message to ${to}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** Resolves the user's pending push: `approve` (optionally with `number`), `reject` or `timeout`. */
export async function resolvePush(env, username, decision = 'approve', number) {
  const body = number === undefined ? { username } : { username, number };
  return api(env, 'POST', `/emulator/push/${decision}`, body);
}

/** Moves the emulator clock forward; resolves with its new time (ms since the epoch). */
export async function advanceClock(env, seconds) {
  const { status, body } = await api(env, 'POST', '/emulator/clock', { advanceSeconds: seconds });
  assert.equal(status, 200);
  return Date.parse(body.now);
}

/** RFC 4648 base32 decode (TOTP shared secrets). */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/[\s=-]/g, '').toUpperCase()) {
    const index = alphabet.indexOf(ch);
    assert.ok(index >= 0, `base32 character ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) for `secret` (base32) at `nowMs` (the emulator's clock). */
export function totp(secret, nowMs) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(nowMs / 1000 / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

/** The emulator's current time (ms), without moving it. */
export async function emulatorNow(env) {
  return advanceClock(env, 0);
}

/** `POST /emulator/reset`: every demo user back to its initial state (tests in one file run one at a time). */
export async function resetEmulator(env) {
  const { status } = await api(env, 'POST', '/emulator/reset');
  assert.ok(status < 300, `reset: HTTP ${status}`);
}

/** The widget's markup (for failure messages). */
export async function widgetHtml(page) {
  return page.$eval('.authn-widget', (e) => e.outerHTML).catch(() => '(no widget)');
}

/**
 * Asserts: axe-core finds no WCAG 2.0 / 2.1 A or AA violation of any impact (minor included) in the widget
 * as shown now.
 */
export async function assertAxeWcag(page, label) {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document.querySelector('.authn-widget'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.html).slice(0, 3) }));
  });
  assert.deepEqual(violations, [], `${label ?? ''}: WCAG 2.1 AA violations (any impact)`);
}

/** `POST /emulator/step-up`: a step-up of `username` to `app`; resolves with `{ stateToken, url }`. */
export async function startStepUp(env, username, { app = 'demo-app', session = false } = {}) {
  const { status, body } = await api(env, 'POST', '/emulator/step-up', { username, app, session });
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

/** `POST /api/v1/authn` with a stateToken (get-state): `{ status, body }`. */
export async function getState(env, stateToken) {
  return api(env, 'POST', '/api/v1/authn', { stateToken });
}

/**
 * `env` seen from `http://localhost:PORT`, where WebAuthn works (browsers refuse an IP address as RP ID;
 * `localhost` is a secure context); the emulator trusts that origin and uses `localhost` as RP ID there.
 */
export function onLocalhost(env) {
  return {
    get baseUrl() {
      return env.baseUrl?.replace('//127.0.0.1:', '//localhost:');
    },
    get browser() {
      return env.browser;
    },
  };
}

/**
 * A Chromium virtual authenticator on `page` (CDP `WebAuthn.enable` + `WebAuthn.addVirtualAuthenticator`): a USB
 * security key by default (CTAP2, user verification, presence simulated); `options` overrides (e.g.
 * `{ transport: 'internal', hasResidentKey: true }` for a platform passkey). `add(credential)` imports a
 * credential (`WebAuthn.addCredential`, RP ID `localhost`), `credentials()` lists what it holds.
 */
export async function virtualAuthenticator(page, options = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', transport: 'usb', hasResidentKey: false, hasUserVerification: true, isUserVerified: true,
      automaticPresenceSimulation: true, ...options,
    },
  });
  return {
    authenticatorId,
    add: (credential) => cdp.send('WebAuthn.addCredential', {
      authenticatorId,
      credential: { isResidentCredential: false, rpId: 'localhost', signCount: 0, ...credential },
    }),
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    presence: (enabled) => cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled }),
  };
}

/** The demo key of `mfa.webauthn@example.com` (README): its credential for `virtualAuthenticator().add`. */
export const DEMO_KEY = {
  credentialId: 'o1sbNxViQgUqpDMzZfj2qH4QJs1AbWiNaYIkYdlBe2c=',
  privateKey: 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgsSWQISdknKqmqkO7OgBora8sTvN09WRJXpUTT6ctu6yhRANCAAQbsPdYY8IJwAnraG382qxFnGHxmyVDZ74ugH5Ubne7ogX4uwAug3PmKVg3YZbzbUzvCeYva+td9met12T3Wkye',
};
