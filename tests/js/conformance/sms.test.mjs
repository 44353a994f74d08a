// okta-auth-js 8: SMS factor verify() sends the code (MFA_CHALLENGE), the test reads it from
// GET /emulator/outbox.json, then transaction.verify({ passCode }) finishes; prev goes back.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { apiError, useEmulator, wrongCode } from './emulator.mjs';

const USER = 'mfa.sms@example.com';
const PHONE = '+1 555 0100 0001';

describe('SMS challenge', () => {
  const emulator = useEmulator();

  test('code from the outbox signs in', async () => {
    const emu = emulator();
    const tx = await emu.signIn(USER);
    assert.equal(tx.status, 'MFA_REQUIRED');
    const sms = tx.factors.find((f) => f.factorType === 'sms');
    assert.match(sms.profile.phoneNumber, /XXX/, 'the phone number is masked');
    const challenge = await sms.verify();
    assert.equal(challenge.status, 'MFA_CHALLENGE');
    assert.equal(challenge.factor.factorType, 'sms');
    assert.equal(typeof challenge.verify, 'function');
    assert.equal(typeof challenge.prev, 'function');

    const messages = await emu.outbox(PHONE);
    assert.equal(messages.length, 1);
    assert.equal(messages[0].channel, 'sms');
    const code = messages[0].code;
    await apiError(challenge.verify({ passCode: wrongCode(code) }), 'E0000068');

    const done = await challenge.verify({ passCode: code });
    assert.equal(done.status, 'SUCCESS');
    assert.ok(done.sessionToken);
  });

  test('resend within 30 seconds is E0000109; prev returns to MFA_REQUIRED', async () => {
    const tx = await emulator().signIn(USER);
    const challenge = await tx.factors.find((f) => f.factorType === 'sms').verify();
    const early = await apiError(challenge.resend('sms'), 'E0000109');
    assert.equal(early.xhr.status, 429);
    const back = await challenge.prev();
    assert.equal(back.status, 'MFA_REQUIRED');
  });
});
