import type { Actor } from '../../src/domain/decider';
import { initialDocumentState, type DocumentState } from '../../src/documents/domain/document-state';
import { evaluateCommand, authorizeCommand, PermissionDeniedError } from '../../src/security/command-policy';
import { holdsRole } from '../../src/security/principals';
import { PERMISSION_MATRIX } from '../../src/security/permission-matrix';
import { initialIssuanceState } from '../../src/issuance/domain/issuance-state';
import { initialProposalState } from '../../src/proposals/domain/proposal-state';
import { ROLES } from '../../src/auth/roles';
import { directory } from '../support/document-fixtures';

const actor = (unit: string, roles: string[], leaderId?: string): Actor => ({ id: 'a', name: 'a', unit, roles, ...(leaderId ? { leaderId } : {}) });
const office = actor('zjg-gov-office', ['office_clerk']);
const assigned = (leadUnit: string): DocumentState =>
  ({ ...initialDocumentState(), status: 'assigned', assignment: { leadUnit, coUnits: [] } }) as unknown as DocumentState;
const decide = (aggregate: string, type: string, who: Actor, state: unknown = initialDocumentState()) =>
  evaluateCommand({ aggregate, command: { type }, state, actor: who, directory });

describe('command policy', () => {
  it('a role counts only with its unit: office roles in the office, leaders with their directory position, the reviewer in 市司法局', () => {
    expect(holdsRole(office, 'office_clerk', directory)).toBe(true);
    expect(holdsRole(actor('education', ['office_clerk']), 'office_clerk', directory)).toBe(false);
    expect(holdsRole(actor('zjg-gov', ['vice_mayor'], 'vice-mayor-1'), 'vice_mayor', directory)).toBe(true);
    expect(holdsRole(actor('zjg-gov', ['vice_mayor'], 'mayor'), 'vice_mayor', directory)).toBe(false);
    expect(holdsRole(actor('zjg-gov', ['vice_mayor']), 'vice_mayor', directory)).toBe(false);
    expect(holdsRole(actor('justice', ['legal_reviewer']), 'legal_reviewer', directory)).toBe(true);
    expect(holdsRole(actor('finance', ['legal_reviewer']), 'legal_reviewer', directory)).toBe(false);
    expect(holdsRole(actor('zjg-gov-office', ['unit_clerk']), 'unit_clerk', directory)).toBe(false);
    expect(holdsRole(actor('audit', ['auditor']), 'auditor', directory)).toBe(true);
  });

  it('no row, no write: unknown aggregates and commands are refused (NO_PERMISSION_RULE)', () => {
    expect(decide('tally', 'add', office)).toMatchObject({ allowed: false, refusal: { code: 'NO_PERMISSION_RULE' } });
    expect(decide('document', 'obliterate', office)).toMatchObject({ allowed: false, refusal: { code: 'NO_PERMISSION_RULE' } });
    expect(decide('document', 'toString', office)).toMatchObject({ allowed: false, refusal: { code: 'NO_PERMISSION_RULE' } });
  });

  it('a relation the stream has not reached yet is left to the decider (its 409 is the truer answer)', () => {
    const clerk = actor('natural-resources', ['unit_clerk']);
    expect(decide('document', 'complete', clerk)).toEqual({ allowed: true });
    expect(decide('document', 'complete', clerk, assigned('natural-resources'))).toEqual({ allowed: true });
    expect(decide('document', 'complete', clerk, assigned('finance'))).toMatchObject({ allowed: false, refusal: { code: 'NOT_LEAD_UNIT' } });
    // An auditor never writes, whatever the stage.
    expect(decide('document', 'complete', actor('natural-resources', ['auditor']))).toMatchObject({ allowed: false, refusal: { code: 'UNIT_CLERK_ONLY' } });
  });

  it('never throws anything but its refusal, whatever the stage of the stream (found by fuzzing: a leader on an unrouted document)', () => {
    const states: Record<string, unknown[]> = {
      document: [initialDocumentState(), { ...initialDocumentState(), status: 'submitted', submission: { fromUnit: 'finance' } }, assigned('finance'), { ...assigned('finance'), disagreement: { open: true, origin: 'submission' } }],
      issuance: [initialIssuanceState(), { ...initialIssuanceState(), status: 'drafting', draft: { draftingUnit: 'education', issuer: { kind: 'department', unit: 'education' }, jointIssuers: [] } }],
      proposal: [initialProposalState(), { ...initialProposalState(), status: 'handling', leadUnit: 'education', coUnits: ['transport'] }],
      audit: [undefined],
    };
    const actors = ROLES.flatMap((role) => [actor('zjg-gov', [role], 'vice-mayor-3'), actor('zjg-gov', [role], 'mayor'), actor('finance', [role]), actor('zjg-gov-office', [role])]);
    for (const [aggregate, commands] of Object.entries(PERMISSION_MATRIX)) {
      for (const type of Object.keys(commands)) {
        for (const state of states[aggregate]!) {
          for (const who of actors) {
            const decision = evaluateCommand({ aggregate, command: { type, fromUnit: 'finance', draftingUnit: undefined } as never, state, actor: who, directory });
            expect(typeof decision.allowed).toBe('boolean');
          }
        }
      }
    }
  });

  it('第二十七条: a 协办 opinion from another unit is refused naming that unit, not its code', () => {
    const handling = { ...initialProposalState(), status: 'handling', leadUnit: 'education', coUnits: ['housing-construction'] };
    expect(decide('proposal', 'submitCoOpinion', actor('water-affairs', ['unit_clerk']), handling)).toMatchObject({
      allowed: false,
      message: '第二十七条: 市水务局 不是本件的协办单位',
      refusal: { code: 'NOT_CO_UNIT', article: '第二十七条' },
    });
  });

  it('第四十五条、《党政机关公文处理工作条例》第十九条: 发文 refusals name the drafting unit and the acting unit, not their codes', () => {
    const drafting = { ...initialIssuanceState(), status: 'drafting', draft: { draftingUnit: 'education', issuer: { kind: 'government', unit: 'zjg-gov' }, jointIssuers: ['housing-construction'] } };
    const clerk = actor('finance', ['unit_clerk']);
    expect(decide('issuance', 'recordLegalityReview', clerk, drafting)).toMatchObject({
      allowed: false,
      message: '第四十五条: 合法性审核由起草单位 市教育局 承担',
      refusal: { code: 'NOT_DRAFTING_UNIT' },
    });
    expect(decide('issuance', 'countersign', clerk, drafting)).toMatchObject({
      allowed: false,
      message: '《党政机关公文处理工作条例》第十九条: 会签由联合发文机关办理, 市财政局 不是本文的联合发文机关',
      refusal: { code: 'NOT_JOINT_ISSUER' },
    });
  });

  it('refusals are DomainErrors (403) naming the rule, the article and a Chinese message with names from the directory', () => {
    let error: unknown;
    try {
      authorizeCommand({ aggregate: 'document', command: { type: 'complete' }, state: assigned('natural-resources'), actor: actor('finance', ['unit_clerk']), directory });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({
      kind: 'forbidden',
      code: 'NOT_LEAD_UNIT',
      article: '第四十七条',
      message: '第四十七条: 只有主办单位 市自然资源和规划局 可以办结',
      details: { rule: 'document.complete', by: 'permission-matrix' },
    });
  });
});
