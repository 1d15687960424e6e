import { A, history, spec } from './fixtures';

// A 市政府 决定 (第四十三条: 市长签署), reviewed by the office director, ready for signing.
const ready = history([
  [{ type: 'draft', title: '关于表彰2025年度教育工作先进集体的决定', issuer: 'government', category: 'decision', draftingUnit: 'education' }, A.officeClerk],
  [{ type: 'review' }, A.officeDirector],
]);
// 市长出访 2026-03-02 00:00 to 2026-03-06 24:00 Asia/Shanghai.
const delegate = { type: 'delegateSigning', delegationId: 'trip-2026-03', delegateLeaderId: 'executive-vice-mayor', from: '2026-03-02T00:00:00+08:00', until: '2026-03-06T23:59:59+08:00', reason: '市长出访' } as const;
const delegated = history([[delegate, A.mayor]], ready);

describe('delegation of signing from the 市长 to the 常务副市长 or another 副市长 (第五条、第三十五条)', () => {
  it('第五条: the 市长 records a delegation for a period as an event', () => {
    spec.given(ready).when(delegate, A.mayor).then([
      {
        type: 'issuance.signing_delegated',
        data: { delegationId: 'trip-2026-03', delegateLeaderId: 'executive-vice-mayor', from: '2026-03-01T16:00:00.000Z', until: '2026-03-06T15:59:59.000Z', reason: '市长出访' },
      },
    ]);
  });

  it('第五条: the 常务副市长 signs for the 市长 inside the period, and the signature names the delegation', () => {
    spec.given(delegated).when({ type: 'sign' }, A.executiveViceMayor, '2026-03-04T06:00:00Z').then(
      [{ type: 'issuance.signed', data: { slots: ['mayor'], delegationId: 'trip-2026-03', signedOn: '2026-03-04' } }],
      true,
    );
  });

  it('第五条: the last second of the period is still inside it', () => {
    spec.given(delegated).when({ type: 'sign' }, A.executiveViceMayor, '2026-03-06T15:59:59Z').then([{ type: 'issuance.signed' }], true);
  });

  it('第五条: a signature by the 常务副市长 after the period is refused', () => {
    spec.given(delegated).when({ type: 'sign' }, A.executiveViceMayor, '2026-03-06T16:00:00Z').thenRefused({
      kind: 'forbidden',
      code: 'DELEGATION_NOT_IN_EFFECT',
      article: '第五条',
    });
  });

  it('第五条: a signature by the 常务副市长 before the period is refused', () => {
    spec.given(delegated).when({ type: 'sign' }, A.executiveViceMayor, '2026-03-01T15:59:59Z').thenRefused({
      kind: 'forbidden',
      code: 'DELEGATION_NOT_IN_EFFECT',
      article: '第五条',
    });
  });

  it('第五条: a revoked delegation no longer lets the 常务副市长 sign', () => {
    const revoked = history([[{ type: 'revokeDelegation', delegationId: 'trip-2026-03' }, A.mayor]], delegated);
    spec.given(revoked).when({ type: 'sign' }, A.executiveViceMayor).thenRefused({ kind: 'forbidden', code: 'SIGNER_NOT_ALLOWED', article: '第四十三条' });
  });

  it('第四十三条: without a delegation the 常务副市长 may not sign what the 市长 signs', () => {
    spec.given(ready).when({ type: 'sign' }, A.executiveViceMayor).thenRefused({ kind: 'forbidden', code: 'SIGNER_NOT_ALLOWED', article: '第四十三条' });
  });

  it('第五条: the delegation covers only the 常务副市长 it names, not other vice mayors', () => {
    spec.given(delegated).when({ type: 'sign' }, A.eduViceMayor).thenRefused({ kind: 'forbidden', code: 'SIGNER_NOT_ALLOWED', article: '第四十三条' });
  });

  it('第五条: the 市长 keeps the power to sign during the delegation', () => {
    spec.given(delegated).when({ type: 'sign' }, A.mayor).then([{ type: 'issuance.signed', data: { slots: ['mayor'] } }], true);
  });

  it('第五条: the 市长 may delegate to another 副市长, who then signs for him inside the period', () => {
    const toViceMayor = history([[{ ...delegate, delegationId: 'trip-vm2', delegateLeaderId: 'vice-mayor-2' }, A.mayor]], ready);
    spec.given(toViceMayor).when({ type: 'sign' }, A.eduViceMayor, '2026-03-04T06:00:00Z').then(
      [{ type: 'issuance.signed', data: { slots: ['mayor'], delegationId: 'trip-vm2', signer: { leaderId: 'vice-mayor-2' } } }],
      true,
    );
    spec.given(toViceMayor).when({ type: 'sign' }, A.eduViceMayor, '2026-03-06T16:00:00Z').thenRefused({ kind: 'forbidden', code: 'DELEGATION_NOT_IN_EFFECT', article: '第五条' });
    spec.given(toViceMayor).when({ type: 'sign' }, A.executiveViceMayor, '2026-03-04T06:00:00Z').thenRefused({ kind: 'forbidden', code: 'SIGNER_NOT_ALLOWED' });
  });

  it('第五条: a delegation to a position the directory does not know is refused', () => {
    spec.given(ready).when({ ...delegate, delegateLeaderId: 'vice-mayor-9' }, A.mayor).thenRefused({ kind: 'invalid', code: 'DELEGATE_UNKNOWN', article: '第五条' });
  });

  it('第五条: the 市长 cannot delegate to himself', () => {
    spec.given(ready).when({ ...delegate, delegateLeaderId: 'mayor' }, A.mayor).thenRefused({ kind: 'invalid', code: 'DELEGATE_NOT_VICE_MAYOR', article: '第五条' });
  });

  it('第五条: only the 市长 may delegate', () => {
    spec.given(ready).when(delegate, A.executiveViceMayor).thenRefused({ kind: 'forbidden', code: 'ONLY_MAYOR_DELEGATES', article: '第五条' });
  });

  it('a period that ends before it starts is malformed input, which cites no article', () => {
    const error = spec.given(ready).when({ ...delegate, until: '2026-03-01T00:00:00+08:00' }, A.mayor).thenRefused({
      kind: 'invalid',
      code: 'DELEGATION_PERIOD_INVALID',
    });
    expect(error.article).toBeUndefined();
  });
});
