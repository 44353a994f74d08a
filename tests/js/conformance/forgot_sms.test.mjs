// okta-auth-js 8: authClient.forgotPassword({ username, factorType: 'SMS' }) -> RECOVERY_CHALLENGE ->
// transaction.verify({ passCode }) with the code from the outbox -> PASSWORD_RESET ->
// transaction.resetPassword({ newPassword }) -> SUCCESS; the new password signs in.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { PASSWORD, apiError, startEmulator } from './emulator.mjs';

const USER = 'forgot.sms@example.com';
const PHONE = '+1 555 0100 0020';

describe('forgot password by SMS', () => {
  let emu;
  before(async () => {
    emu = await startEmulator();
  });
  after(async () => {
    await emu?.stop();
  });

  test('SMS code, reset, sign in with the new password', async () => {
    const auth = emu.client();
    const tx = await auth.forgotPassword({ username: USER, factorType: 'SMS' });
    assert.equal(tx.status, 'RECOVERY_CHALLENGE');
    assert.equal(tx.factorType.toUpperCase(), 'SMS');
    assert.equal(tx.recoveryType, 'PASSWORD');
    assert.equal(typeof tx.verify, 'function');

    const code = await emu.lastCode(PHONE);
    const wrong = await apiError(tx.verify({ passCode: code === '000000' ? '111111' : '000000' }));
    assert.equal(wrong.errorCode, 'E0000068');

    const reset = await tx.verify({ passCode: code });
    assert.equal(reset.status, 'PASSWORD_RESET');
    assert.equal(typeof reset.resetPassword, 'function');
    const weak = await apiError(reset.resetPassword({ newPassword: 'weak' }));
    assert.equal(weak.errorCode, 'E0000080');

    const done = await reset.resetPassword({ newPassword: 'Reset5678' });
    assert.equal(done.status, 'SUCCESS');

    const old = await apiError(emu.client().signInWithCredentials({ username: USER, password: PASSWORD }));
    assert.equal(old.errorCode, 'E0000004');
    const fresh = await emu.client().signInWithCredentials({ username: USER, password: 'Reset5678' });
    assert.equal(fresh.status, 'SUCCESS');
  });
});
