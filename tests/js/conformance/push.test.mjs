// okta-auth-js 8: push verify() -> MFA_CHALLENGE WAITING -> transaction.poll(); the test approves the
// push through POST /emulator/push/approve from the poll's WAITING callback (no fixed sleeps), and a
// rejected push ends the poll with factorResult REJECTED.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { useEmulator } from './emulator.mjs';

const USER = 'mfa.push@example.com';

/** Signs USER in and verifies the push factor: resolves to the WAITING MFA_CHALLENGE transaction. */
async function waitingPush(emu) {
  const tx = await emu.signIn(USER);
  assert.equal(tx.status, 'MFA_REQUIRED');
  const push = tx.factors.find((f) => f.factorType === 'push');
  const challenge = await push.verify();
  assert.equal(challenge.status, 'MFA_CHALLENGE');
  assert.equal(challenge.factorResult, 'WAITING');
  assert.equal(typeof challenge.poll, 'function');
  return challenge;
}

describe('push with polling', () => {
  const emulator = useEmulator();

  test('approved push: poll ends in SUCCESS', async () => {
    const emu = emulator();
    const challenge = await waitingPush(emu);
    let waiting = 0;
    const done = await challenge.poll({
      delay: 20,
      transactionCallBack: async (res) => {
        assert.equal(res.factorResult, 'WAITING');
        waiting += 1;
        if (waiting === 1) {
          const approved = await emu.push('approve', USER);
          assert.equal(approved.status, 200, JSON.stringify(approved.body));
        }
      },
    });
    assert.ok(waiting >= 1, 'at least one poll saw WAITING');
    assert.equal(done.status, 'SUCCESS');
    assert.ok(done.sessionToken);
  });

  test('rejected push: poll ends with REJECTED and verify can retry', async () => {
    const emu = emulator();
    const challenge = await waitingPush(emu);
    const rejected = await emu.push('reject', USER);
    assert.equal(rejected.status, 200);
    const after = await challenge.poll({ delay: 20 });
    assert.equal(after.status, 'MFA_CHALLENGE');
    assert.equal(after.factorResult, 'REJECTED');
    // next is `verify` again: a new push.
    const retry = await after.verify();
    assert.equal(retry.factorResult, 'WAITING');
    assert.equal((await emu.push('approve', USER)).status, 200);
    const done = await retry.poll({ delay: 20 });
    assert.equal(done.status, 'SUCCESS');
  });
});
