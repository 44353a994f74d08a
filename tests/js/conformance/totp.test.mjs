// okta-auth-js 8: MFA_REQUIRED -> factors[].verify({ passCode }) with a TOTP code computed from the
// scenario secret (users.json); a wrong code is E0000068 and the transaction stays usable.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { apiError, totp, useEmulator } from './emulator.mjs';

const USER = 'mfa.okta-totp@example.com';

describe('TOTP verify', () => {
  const emulator = useEmulator();

  test('Okta Verify code signs in; a wrong code is E0000068 first', async () => {
    const emu = emulator();
    const user = await emu.user(USER);
    const secret = user.totp.find((t) => t.provider === 'OKTA').secret;
    const tx = await emu.signIn(USER);
    assert.equal(tx.status, 'MFA_REQUIRED');
    const factor = tx.factors.find((f) => f.factorType === 'token:software:totp' && f.provider === 'OKTA');
    assert.ok(factor, JSON.stringify(tx.factors.map((f) => f.factorType)));
    assert.equal(typeof factor.verify, 'function');

    const good = totp(secret);
    const bad = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    const error = await apiError(factor.verify({ passCode: bad }), 'E0000068');
    assert.equal(error.xhr.status, 403);

    const done = await factor.verify({ passCode: good });
    assert.equal(done.status, 'SUCCESS');
    assert.ok(done.sessionToken);
  });
});
