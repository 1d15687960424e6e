import { spec as documentSpec, assignedStream, resources } from '../documents/domain/fixtures';
import { history as issuanceHistory, spec as issuanceSpec } from '../issuance/fixtures';
import { NORMATIVE, steps } from '../issuance/normative-steps';
import { history as proposalHistory, P, REGISTER, spec as proposalSpec } from '../proposals/fixtures';

/**
 * An impossible date is refused with the one documented code, DATE_INVALID, whatever the
 * command; `details.field` names the field (codes were once built from it: HELDON_INVALID …).
 */
describe('DATE_INVALID for every date of every command', () => {
  const draft = issuanceHistory(steps('draft'));
  const deliberating = issuanceHistory(steps('openComment', 'closeComment', 'legality', 'integrity', 'supervision', 'submit'), draft);
  const handling = proposalHistory([
    [REGISTER, P.officeClerk, '2026-03-01T02:00:00Z'],
    [{ type: 'assign', leadUnit: 'education' }, P.officeClerk, '2026-03-02T02:00:00Z'],
  ]);
  const extensionRequested = proposalHistory([[{ type: 'requestExtension', reason: '需统筹资金', requestedDueDate: '2026-06-20' }, P.eduClerk, '2026-05-25T02:00:00Z']], handling);

  const cases: Array<[string, string, () => { code: string; details?: Readonly<Record<string, unknown>>; message: string }]> = [
    ['issuance openPublicComment', 'opensOn', () =>
      issuanceSpec.given(draft).when({ ...NORMATIVE.openComment[0], opensOn: '2026-02-30' }, NORMATIVE.openComment[1]).thenRefused({ kind: 'invalid', code: 'DATE_INVALID' })],
    ['issuance openPublicComment', 'closesOn', () =>
      issuanceSpec.given(draft).when({ ...NORMATIVE.openComment[0], closesOn: '2026-13-01' }, NORMATIVE.openComment[1]).thenRefused({ kind: 'invalid', code: 'DATE_INVALID' })],
    ['issuance recordDeliberation', 'heldOn', () =>
      issuanceSpec.given(deliberating).when({ ...NORMATIVE.adopt[0], heldOn: '2026-04-31' }, NORMATIVE.adopt[1], NORMATIVE.adopt[2]).thenRefused({ kind: 'invalid', code: 'DATE_INVALID' })],
    ['proposal requestExtension', 'requestedDueDate', () =>
      proposalSpec.given(handling).when({ type: 'requestExtension', reason: '需统筹资金', requestedDueDate: '2026-02-29' }, P.eduClerk).thenRefused({ kind: 'invalid', code: 'DATE_INVALID' })],
    ['proposal approveExtension', 'dueDate', () =>
      proposalSpec.given(extensionRequested).when({ type: 'approveExtension', dueDate: '2026-06-31' }, P.officeDirector).thenRefused({ kind: 'invalid', code: 'DATE_INVALID' })],
    ['document requestConsultation', 'replyBy', () =>
      documentSpec.given(assignedStream).when({ type: 'requestConsultation', units: ['finance'], replyBy: '2026-10-32', subject: '收储资金' }, { actor: resources }).thenThrows('DATE_INVALID', 'invalid')],
  ];

  it.each(cases)('%s: an impossible %s is DATE_INVALID with details.field', (_command, field, refuse) => {
    const error = refuse();
    expect(error.code).toBe('DATE_INVALID');
    expect(error.details).toEqual({ field });
    expect(error.message).toContain('不是有效的 YYYY-MM-DD 日期');
  });
});
