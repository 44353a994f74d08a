// okta-auth-js 8: PASSWORD_EXPIRED -> transaction.changePassword({ oldPassword, newPassword }); a wrong
// old password is E0000014 with a cause; afterwards the new password signs in.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { PASSWORD, apiError, useEmulator } from './emulator.mjs';

const USER = 'password.expired@example.com';

describe('password expired change', () => {
  const emulator = useEmulator();

  test('change the expired password, then sign in with it', async () => {
    const emu = emulator();
    const tx = await emu.signIn(USER);
    assert.equal(tx.status, 'PASSWORD_EXPIRED');
    assert.equal(tx.policy.complexity.minLength, 8);
    assert.equal(typeof tx.changePassword, 'function');

    const wrong = await apiError(tx.changePassword({ oldPassword: 'Wrong1234', newPassword: 'Fresh5678' }), 'E0000014');
    assert.ok(wrong.errorCauses.length > 0);

    const done = await tx.changePassword({ oldPassword: PASSWORD, newPassword: 'Fresh5678' });
    assert.equal(done.status, 'SUCCESS');
    assert.ok(done.sessionToken);

    const again = await emu.signIn(USER, 'Fresh5678');
    assert.equal(again.status, 'SUCCESS');
  });
});
