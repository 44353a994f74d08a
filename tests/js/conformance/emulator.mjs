// Shared helpers of the okta-auth-js conformance tests: spawn the emulator binary (env DEMO_BIN) on a
// free port, read its `LISTENING http://...` line, and use its control API (outbox, push, users).
// Not a test file itself (node --test only runs *.test.mjs here).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';

import { OktaAuth } from '@okta/okta-auth-js';

export const PASSWORD = 'Demo1234';

/** Fails loudly when DEMO_BIN is not set or does not exist: these tests never skip. */
export function demoBin() {
  const bin = process.env.DEMO_BIN;
  if (!bin) {
    throw new Error(
      'DEMO_BIN is not set. Build the emulator (cargo build -p demo) and run e.g. ' +
        'DEMO_BIN=target/debug/demo node --test tests/js/conformance/',
    );
  }
  if (!existsSync(bin)) {
    throw new Error(`DEMO_BIN=${bin} does not exist; build it with cargo build -p demo`);
  }
  return bin;
}

// Checked when a test file imports this module, so a missing DEMO_BIN fails every file at once.
demoBin();

/** Spawns the emulator binary on port 0 and resolves once it prints its LISTENING line. */
export async function startEmulator(extraArgs = []) {
  const child = spawn(demoBin(), ['--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
  });
  const stderr = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr.push(chunk);
    if (stderr.length > 200) stderr.shift();
  });
  const lines = createInterface({ input: child.stdout });
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no LISTENING line within 30 s; stderr:\n${stderr.join('')}`));
    }, 30_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${demoBin()}: ${e.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited early (${code ?? signal}); stderr:\n${stderr.join('')}`));
    });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = /^LISTENING (http:\/\/\S+)$/.exec(line.trim());
      if (match) resolve(match[1].replace(/\/$/, ''));
      else reject(new Error(`unexpected first stdout line: ${JSON.stringify(line)}`));
    });
  });
  child.removeAllListeners('exit');
  // Keep draining stdout so the child never blocks on a full pipe.
  lines.on('line', () => {});
  return new Emulator(base, child);
}

/**
 * Starts one emulator before the tests of the enclosing `describe` and stops it after them. Returns
 * a function that gives that emulator; call it inside tests (not while the suite is being declared).
 */
export function useEmulator(extraArgs = []) {
  let emu;
  before(async () => {
    emu = await startEmulator(extraArgs);
  });
  after(async () => {
    await emu?.stop();
  });
  return () => emu;
}

export class Emulator {
  constructor(base, child) {
    this.base = base;
    this.child = child;
  }

  /** A fresh okta-auth-js client for this org (authn API only; the issuer is the default server). */
  client() {
    return new OktaAuth({ issuer: `${this.base}/oauth2/default` });
  }

  /** Primary authentication with a fresh client: resolves to its first transaction. */
  signIn(username, password = PASSWORD) {
    return this.client().signInWithCredentials({ username, password });
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  async json(method, path, body) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  /** GET /emulator/outbox.json?to= */
  async outbox(to) {
    const { status, body } = await this.json('GET', `/emulator/outbox.json?to=${encodeURIComponent(to)}`);
    if (status !== 200) throw new Error(`outbox: HTTP ${status}`);
    return body;
  }

  /** The code of the newest message to `to`; throws when none was sent. */
  async lastCode(to) {
    const messages = await this.outbox(to);
    const withCode = messages.filter((m) => m.code);
    if (withCode.length === 0) throw new Error(`no code was sent to ${to}`);
    return withCode[withCode.length - 1].code;
  }

  /** POST /emulator/push/{approve|reject|timeout} */
  push(decision, username, number) {
    const body = number === undefined ? { username } : { username, number };
    return this.json('POST', `/emulator/push/${decision}`, body);
  }

  /** One user of GET /emulator/users.json. */
  async user(username) {
    const { body } = await this.json('GET', '/emulator/users.json');
    const user = body.find((u) => u.username === username);
    if (!user) throw new Error(`${username} is not in users.json`);
    return user;
  }
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const value = alphabet.indexOf(c);
    if (value < 0) throw new Error(`not base32: ${c}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits) of a base32 secret at `unixSeconds`. */
export function totp(base32Secret, unixSeconds = Math.floor(Date.now() / 1000)) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac('sha1', base32Decode(base32Secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

/**
 * Awaits `promise` and returns the AuthApiError it rejects with (fails if it resolves). With
 * `expectedCode`, also fails unless the error's errorCode is that code.
 */
export async function apiError(promise, expectedCode) {
  let error;
  try {
    const value = await promise;
    throw new Error(`expected an error, got ${JSON.stringify(value?.status ?? value)}`);
  } catch (caught) {
    if (caught?.name !== 'AuthApiError') throw caught;
    error = caught;
  }
  if (expectedCode !== undefined) assert.equal(error.errorCode, expectedCode, error.errorSummary);
  return error;
}

/** A six-digit code that is certainly not `code` (for wrong-code tests). */
export function wrongCode(code) {
  return code === '000000' ? '111111' : '000000';
}
