import type { Actor } from '../../src/domain/decider';
import { canRead, readScopeFor, toUnitScope } from '../../src/security/read-scope';
import type { ReadSubject } from '../../src/security/read-subjects';
import { directory } from '../support/document-fixtures';

const actor = (unit: string, roles: string[], leaderId?: string): Actor => ({ id: 'a', name: 'a', unit, roles, ...(leaderId ? { leaderId } : {}) });
const doc: ReadSubject = { aggregate: 'document', units: ['natural-resources', 'finance', 'health'], portfolioUnits: ['natural-resources'], leaders: ['vice-mayor-4'] };
const sees = (a: Actor, s: ReadSubject = doc) => canRead(readScopeFor(a, directory), s);

describe('the read-scope policy', () => {
  it('the office, the 督查室, auditors and the 市长 see everything (第三十二条, 第五条)', () => {
    for (const a of [actor('zjg-gov-office', ['office_clerk']), actor('zjg-gov-office-supervision', ['supervisor']), actor('audit', ['auditor']), actor('zjg-gov', ['mayor'], 'mayor')]) {
      expect(readScopeFor(a, directory)).toEqual({ all: true });
    }
  });

  it('a unit sees what it submitted, leads, co-handles or was asked about in 会商 — nothing else', () => {
    for (const unit of ['natural-resources', 'finance', 'health']) expect(sees(actor(unit, ['unit_clerk']))).toBe(true);
    expect(sees(actor('culture-tourism', ['unit_clerk']))).toBe(false);
    expect(sees(actor('natural-resources', ['auditor_of_nothing']))).toBe(false);
  });

  it('a leader sees the portfolio (submitter or lead unit) and what was routed to them; a claimed role without the position sees nothing', () => {
    expect(sees(actor('zjg-gov', ['vice_mayor'], 'vice-mayor-1'))).toBe(true);
    expect(sees(actor('zjg-gov', ['vice_mayor'], 'vice-mayor-4'))).toBe(true);
    expect(sees(actor('zjg-gov', ['vice_mayor'], 'vice-mayor-3'))).toBe(false);
    expect(sees(actor('zjg-gov', ['executive_vice_mayor'], 'executive-vice-mayor'))).toBe(false); // 市财政局 only co-handles
    expect(sees(actor('zjg-gov', ['vice_mayor'], 'mayor'))).toBe(false);
    expect(sees(actor('zjg-gov', ['mayor']))).toBe(false);
  });

  it('the 市司法局 reviewer sees every 发文 (第二十、四十五条) but not other units’ documents; an office role outside the office is nobody', () => {
    const reviewer = actor('justice', ['legal_reviewer']);
    expect(sees(reviewer, { aggregate: 'issuance', units: ['education'], portfolioUnits: ['education'], leaders: [] })).toBe(true);
    expect(sees(reviewer)).toBe(false);
    expect(readScopeFor(actor('culture-tourism', ['office_clerk']), directory)).toMatchObject({ all: false, units: [] });
  });

  it('as a unit filter for list queries: all, or the units and the portfolio', () => {
    expect(toUnitScope(readScopeFor(actor('audit', ['auditor']), directory))).toEqual({});
    expect(toUnitScope(readScopeFor(actor('finance', ['unit_clerk']), directory))).toEqual({ units: ['finance'] });
    const vm1 = toUnitScope(readScopeFor(actor('zjg-gov', ['vice_mayor'], 'vice-mayor-1'), directory)).units!;
    expect(vm1).toEqual(expect.arrayContaining(['natural-resources', 'housing-construction', 'transport', 'water-affairs']));
    expect(vm1).not.toContain('finance');
  });
});
