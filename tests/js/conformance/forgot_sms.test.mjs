// okta-auth-js 8: authClient.forgotPassword({ username, factorType: 'SMS' }) -> RECOVERY_CHALLENGE ->
// transaction.verify({ passCode }) with the code from the outbox -> PASSWORD_RESET ->
// transaction.resetPassword({ newPassword }) -> SUCCESS; the new password signs in.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { apiError, useEmulator, wrongCode } from './emulator.mjs';

const USER = 'forgot.sms@example.com';
const PHONE = '+1 555 0100 0020';

describe('forgot password by SMS', () => {
  const emulator = useEmulator();

  test('SMS code, reset, sign in with the new password', async () => {
    const emu = emulator();
    const tx = await emu.client().forgotPassword({ username: USER, factorType: 'SMS' });
    assert.equal(tx.status, 'RECOVERY_CHALLENGE');
    assert.equal(tx.factorType.toUpperCase(), 'SMS');
    assert.equal(tx.recoveryType, 'PASSWORD');
    assert.equal(typeof tx.verify, 'function');

    const code = await emu.lastCode(PHONE);
    await apiError(tx.verify({ passCode: wrongCode(code) }), 'E0000068');

    const reset = await tx.verify({ passCode: code });
    assert.equal(reset.status, 'PASSWORD_RESET');
    assert.equal(typeof reset.resetPassword, 'function');
    await apiError(reset.resetPassword({ newPassword: 'weak' }), 'E0000080');

    const done = await reset.resetPassword({ newPassword: 'Reset5678' });
    assert.equal(done.status, 'SUCCESS');

    await apiError(emu.signIn(USER), 'E0000004');
    const fresh = await emu.signIn(USER, 'Reset5678');
    assert.equal(fresh.status, 'SUCCESS');
  });
});
