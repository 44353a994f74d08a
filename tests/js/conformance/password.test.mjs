// okta-auth-js 8 signInWithCredentials against the emulator binary: plain SUCCESS, and the failures
// (wrong password E0000004, blank username E0000001) surface as AuthApiError with Okta's fields.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { apiError, useEmulator } from './emulator.mjs';

describe('password sign-in', () => {
  const emulator = useEmulator();

  test('success user gets SUCCESS with a session token', async () => {
    const emu = emulator();
    const tx = await emu.signIn('success@example.com');
    assert.equal(tx.status, 'SUCCESS');
    assert.match(tx.sessionToken, /\S{10,}/);
    assert.equal(tx.user.profile.login, 'success@example.com');
    // The session token exchanges for a session of the same user.
    const session = await emu.json('POST', '/api/v1/sessions', { sessionToken: tx.sessionToken });
    assert.equal(session.status, 200);
    assert.equal(session.body.login, 'success@example.com');
  });

  test('wrong password is E0000004', async () => {
    const error = await apiError(emulator().signIn('success@example.com', 'Wrong1234'), 'E0000004');
    assert.equal(error.xhr.status, 401);
    assert.equal(error.errorSummary, 'Authentication failed');
    assert.ok(error.errorId);
  });

  test('blank username is E0000001 with a cause', async () => {
    const error = await apiError(emulator().signIn(''), 'E0000001');
    assert.equal(error.xhr.status, 400);
    assert.ok(error.errorCauses.some((c) => c.errorSummary.includes('username')), JSON.stringify(error.errorCauses));
  });
});
