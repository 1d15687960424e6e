import { ROLES, type Role } from '../../src/auth/roles';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { PERMISSION_MATRIX, type CommandRule } from '../../src/security/permission-matrix';
import { startTestApp, type TestApp } from '../support/app';
import { http } from '../support/http';
import { claimsFor, DEFAULT_CLAIMS, documentCases, issuanceCases, proposalCases, STRANGER_WORLDS, type Claims, type CommandCase, type World } from './matrix-worlds';
import { expectCitedOnce, expectUncited } from '../support/citation';
import { leaderClaims, unitClerkClaims } from '../support/document-fixtures';

/**
 * Generated from PERMISSION_MATRIX: every command of every aggregate with every role, over
 * HTTP on the real app. A role the table grants (holding the relation) is never refused by
 * the matrix, and — outside the signing-matrix slots — never refused at all, so the deciders
 * cannot disagree with the table; every other role gets 403 with the row's code and article,
 * and nothing is written.
 */
describe('the permission matrix, command × role, over HTTP', () => {
  let t: TestApp;
  let store: EventStore;
  let cases: Record<string, Record<string, CommandCase>>;
  const shared = new Map<string, World>();

  beforeAll(async () => {
    t = await startTestApp({ WRITE_RATE_LIMIT_PER_MINUTE: '1000000' }, '2026-09-28T01:30:00.000Z');
    store = t.app.get<EventStore>(EVENT_STORE);
    cases = { document: documentCases(t), issuance: issuanceCases(t), proposal: proposalCases(t) };
  });
  afterAll(() => { console.log(((globalThis as any).__st ?? []).join('\n')); return t.close(); });

  const aggregates = Object.entries(PERMISSION_MATRIX).filter(([name]) => name !== 'audit');

  it('has an HTTP case for every command in the table', () => {
    for (const [aggregate, commands] of aggregates) {
      expect(Object.keys(cases[aggregate]!).sort()).toEqual(Object.keys(commands).sort());
      for (const [command, c] of Object.entries(cases[aggregate]!)) {
        expect([`${aggregate}.${command}`, !!c.strangerWorld]).toEqual([`${aggregate}.${command}`, STRANGER_WORLDS.includes(`${aggregate}.${command}`)]);
      }
    }
  });

  const send = async (c: CommandCase, world: World, claims: Claims, body?: Record<string, unknown>) => {
    const head = await store.headPosition();
    const res = await http(t.app).post(c.path(world.id), t.token(claims), body ?? c.body(claims));
    return { res, wrote: (await store.headPosition()) !== head };
  };
  const codesOf = (rule: CommandRule) => [rule.refuse.code, ...(rule.refuseRole ? [rule.refuseRole.code] : [])];
  // 印发 first takes a number; its service dry-runs the decider, which refuses with the same code.
  const matrixMarked = (rule: string) => rule !== 'issuance.issue';

  for (const [aggregate, commands] of aggregates) {
    for (const [command, rule] of Object.entries(commands)) {
      const id = `${aggregate}.${command}`;
      for (const role of ROLES) {
        const grant = rule.grants.find((g) => g.roles.includes(role));
        it(`${id} × ${role}: ${grant ? `allowed (${grant.when})` : `refused ${codesOf(rule).join('/')}`}`, async () => {
          const c = cases[aggregate]![command]!;
          if (grant) {
            const world = await c.world(role);
            const { res } = await send(c, world, claimsFor(role, world));
            expect({ status: res.status, body: res.body, by: res.body?.details?.by }).not.toMatchObject({ by: 'permission-matrix' });
            if (grant.when !== 'signing_slot') expect(res.status === 403 ? res.body : 'not refused').toBe('not refused');
          } else {
            const world = shared.get(id) ?? (await c.world('auditor'));
            shared.set(id, world);
            const { res, wrote } = await send(c, world, DEFAULT_CLAIMS[role]);
            expect(res.status).toBe(403);
            expect(codesOf(rule)).toContain(res.body.code);
            expect(typeof res.body.message).toBe('string');
            if (matrixMarked(id)) expect(res.body.details).toMatchObject({ rule: id, by: 'permission-matrix' });
            const refusal = res.body.code === rule.refuse.code ? rule.refuse : rule.refuseRole!;
            if (refusal.article) expect(res.body.details.article).toBe(refusal.article);
            if (refusal.article) expectCitedOnce(res.body.message, refusal.article);
            else expectUncited(res.body.message);
            expect(wrote).toBe(false);
          }
        });
      }

      // The relation half of each row: the granted role without the relation is refused.
      for (const grant of rule.grants.filter((g) => g.when !== 'any' && g.when !== 'signing_slot')) {
        for (const role of grant.roles) {
          const stranger = strangerOf(role);
          if (stranger === 'needs-world' && !STRANGER_WORLDS.includes(id)) continue;
          if (stranger === undefined) continue;
          it(`${id} × ${role} without "${grant.when}": refused ${rule.refuse.code}`, async () => {
            const c = cases[aggregate]![command]!;
            const world = stranger === 'needs-world' ? await c.strangerWorld!() : await c.world(role);
            const claims = stranger === 'needs-world' ? DEFAULT_CLAIMS[role] : stranger;
            const { res, wrote } = await send(c, world, claims, strangerBody(id, claims, c));
            expect(res.status).toBe(403);
            expect(res.body.code).toBe(rule.refuse.code);
            if (rule.refuse.article) expectCitedOnce(res.body.message, rule.refuse.article);
            expect(wrote).toBe(false);
          });
        }
      }
    }
  }
});

/** Someone holding the role but unrelated to the stream; 'needs-world' for roles related by the stream's kind. */
function strangerOf(role: Role): Claims | 'needs-world' | undefined {
  if (role === 'unit_clerk') return unitClerkClaims('culture-tourism');
  if (role === 'vice_mayor') return leaderClaims('vice-mayor-3');
  if (role === 'mayor' || role === 'executive_vice_mayor') return undefined; // the 市长 and 常务副市长 are always among the approvers
  return 'needs-world';
}

/** Commands whose relation is in the body (submit in a unit's name, draft for a unit). */
function strangerBody(id: string, claims: Claims, c: CommandCase): Record<string, unknown> | undefined {
  if (id === 'document.submit') return { ...c.body(claims), fromUnit: 'natural-resources' };
  if (id === 'issuance.draft') return { ...c.body(claims), draftingUnit: 'education' };
  return undefined;
}
