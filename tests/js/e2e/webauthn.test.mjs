// End-to-end: security keys and passkeys through Chromium's virtual authenticator (CDP WebAuthn domain), on
// http://localhost:PORT (browsers refuse an IP address as RP ID): enroll a USB key and sign in with it, the same
// with a platform passkey, the demo key of the scenario, a user with two keys (one choice, either key signs, by
// type), a prompt no credential can answer (the retry message, then Try again), and leaving the view while the
// prompt is open (aborted: the next prompt works).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  useEmulator, missing, openPage, signIn, reach, waitView, idle, assertClean, assertAxe, resetEmulator, onLocalhost,
  virtualAuthenticator, DEMO_KEY, widgetHtml,
} from './harness.mjs';

/** A P-256 key pair as the scenario (COSE_Key, base64url) and the virtual authenticator (PKCS#8) take it. */
function newKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x, y } = publicKey.export({ format: 'jwk' });
  // COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y} in CBOR.
  const cose = Buffer.concat([
    Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]), Buffer.from(x, 'base64url'),
    Buffer.from([0x22, 0x58, 0x20]), Buffer.from(y, 'base64url'),
  ]);
  const id = randomBytes(32);
  return {
    scenario: `{ kind = "webauthn", credential_id = "${id.toString('base64url')}", public_key = "${cose.toString('base64url')}", sign_count = 0, authenticator_name = "Key ${id[0]}" }`,
    credential: { credentialId: id.toString('base64'), privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') },
  };
}

// The default scenario plus a user with two registered keys (the password and policy of mfa.webauthn).
const KEYS = [newKey(), newKey()];
const TWO_KEYS = 'two.keys@example.com';
const scenarioDir = mkdtempSync(join(tmpdir(), 'authn-webauthn-'));
const scenarioFile = join(scenarioDir, 'scenario.toml');
const defaults = readFileSync(new URL('../../../demo/scenario/default.toml', import.meta.url), 'utf8');
const demoUser = defaults.slice(defaults.indexOf('login = "mfa.webauthn@example.com"'));
const hash = /password_hash = "([^"]+)"/.exec(demoUser)[1];
writeFileSync(scenarioFile, `${defaults}
[[users]]
login = "${TWO_KEYS}"
first_name = "Tess"
last_name = "Twokeys"
shows = "MFA_REQUIRED: two security keys (WebAuthn), verified by type"
groups = ["mfa-users"]
password_hash = "${hash}"
shown_password = "Demo1234"
factors = [${KEYS.map((k) => k.scenario).join(', ')}]
`);

after(() => rmSync(scenarioDir, { recursive: true, force: true }));

const env = useEmulator(['--scenario', scenarioFile]);
const local = onLocalhost(env);
const submit = '.authn-widget button[type=submit]';

/**
 * Opens the demo page on localhost with a virtual authenticator (`options`) holding `credentials`, the emulator
 * reset first (keys enrolled by earlier tests go, the stored sign counters are 0 again).
 */
async function start(options, credentials = []) {
  await resetEmulator(env);
  const opened = await openPage(local);
  const key = await virtualAuthenticator(opened.page, options);
  for (const credential of credentials) await key.add(credential);
  return { ...opened, key };
}

/** Signs `username` in and reaches the security-key choice of mfa-verify, then clicks Verify. */
async function verifyWithKey(page, username) {
  await signIn(page, username);
  await reach(page, 'mfa-verify');
  await page.waitForSelector('[data-webauthn=verify]');
  await page.click(submit);
}

/** Enrolls a key for enroll.webauthn on `page`, then signs in again with it. */
async function enrollAndSignIn(page, key, label) {
  await signIn(page, 'enroll.webauthn@example.com');
  await reach(page, 'enroll-choices');
  await page.click('[data-factor=webauthn] button');
  await reach(page, 'enroll-webauthn');
  await page.click(submit); // Enroll: the browser registers the key by itself
  await reach(page, 'success');
  const held = await key.credentials();
  assert.equal(held.length, 1, `${label}: one credential registered`);
  await page.goto(`${local.baseUrl}/`);
  await waitView(page, 'primary-auth');
  await verifyWithKey(page, 'enroll.webauthn@example.com');
  await reach(page, 'success');
  assert.ok((await key.credentials())[0].signCount >= 1, `${label}: the key signed`);
}

test('a USB security key: enroll it, then sign in with it', { skip: missing }, async () => {
  const { page, context, problems, key } = await start();
  await enrollAndSignIn(page, key, 'usb');
  await assertClean(page, problems, 'usb key');
  await context.close();
});

test('a platform passkey (internal, resident): enroll it, then sign in with it', { skip: missing }, async () => {
  const { page, context, problems, key } = await start({ transport: 'internal', hasResidentKey: true });
  await enrollAndSignIn(page, key, 'passkey');
  await assertClean(page, problems, 'passkey');
  await context.close();
});

test('the demo key of the scenario signs mfa.webauthn in', { skip: missing }, async () => {
  const { page, context, problems } = await start({}, [DEMO_KEY]);
  await verifyWithKey(page, 'mfa.webauthn@example.com');
  await reach(page, 'success');
  await assertClean(page, problems, 'demo key');
  await context.close();
});

test('a user with two keys: one choice, verified by type, either key signs', { skip: missing }, async () => {
  for (const [index, key] of KEYS.entries()) {
    const { page, context, problems } = await start({}, [key.credential]);
    const verifies = [];
    page.on('request', (r) => { if (r.method() === 'POST') verifies.push(new URL(r.url()).pathname); });
    await signIn(page, TWO_KEYS);
    await reach(page, 'mfa-verify');
    assert.equal(await page.$('#authn-factor'), null, 'one choice for both keys: no list');
    await page.click(submit);
    await reach(page, 'success');
    assert.ok(verifies.filter((p) => p === '/api/v1/authn/factors/webauthn/verify').length >= 2,
      `challenge and assertion by type: ${verifies}`);
    await assertClean(page, problems, `key ${index}`);
    await context.close();
  }
});

test('no credential can answer: the retry message, then Try again with the key', { skip: missing }, async () => {
  const { page, context, problems, key } = await start();
  await verifyWithKey(page, 'mfa.webauthn@example.com');
  const alert = await page.waitForSelector('.authn-alert[role=alert]', { timeout: 60_000 });
  assert.match(await alert.textContent(), /cancelled or timed out/, await widgetHtml(page));
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('authn-alert')), true,
    'focus on the error');
  assert.equal(await page.getAttribute('[data-webauthn-prompt]', 'data-webauthn-prompt'), 'closed');
  await assertAxe(page, 'mfa-verify, prompt failed');
  await key.add(DEMO_KEY);
  await page.click('[data-action=retry]');
  await reach(page, 'success');
  await assertClean(page, problems, 'retry');
  await context.close();
});

test('going back while the prompt is open closes it: the next prompt works', { skip: missing }, async () => {
  const { page, context, problems, key } = await start({ automaticPresenceSimulation: false }, [DEMO_KEY]);
  await verifyWithKey(page, 'mfa.webauthn@example.com');
  await page.waitForSelector('[data-webauthn-prompt=open]');
  const status = await page.textContent('[data-webauthn-prompt]');
  assert.match(status, /Waiting for your security key/, 'the open prompt is announced');
  await assertAxe(page, 'prompt open');
  await page.click('[data-action=back]');
  await idle(page);
  await page.waitForSelector('.authn-widget[data-view=mfa-verify] [data-webauthn=verify] button[type=submit]');
  assert.equal(await page.$('.authn-alert'), null, 'an abort shows no error');
  await key.presence(true);
  await page.click(submit);
  await reach(page, 'success');
  await assertClean(page, problems, 'back');
  await context.close();
});
