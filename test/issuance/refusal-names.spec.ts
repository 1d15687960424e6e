import type { IssuanceEvent } from '../../events/issuance-events';
import type { Actor } from '../../src/domain/decider';
import type { IssuanceCommand } from '../../src/issuance/domain/issuance-commands';
import { refusalOf } from '../support/citation';
import { A, history, NOW, spec } from './fixtures';
import { NORMATIVE, steps } from './normative-steps';

type Row = [title: string, code: string, given: IssuanceEvent[], command: IssuanceCommand, actor: Actor, names: string[]];

const draftOf = (extra: Partial<IssuanceCommand>): IssuanceCommand =>
  ({ type: 'draft', title: '关于加强校园周边环境治理的通知', issuer: 'government', category: 'work', draftingUnit: 'education', ...extra }) as IssuanceCommand;
const townClerk: Actor = { id: 'u-town', name: '塘桥镇经办人', unit: 'tangqiao-town', roles: ['unit_clerk'] };
const joint = (...units: string[]) => history([[draftOf({ jointIssuers: units }), A.eduClerk]]);

/** Refusals that name a unit or a category: by the directory's (or the catalogue's) Chinese name, never by its code. */
const ROWS: Row[] = [
  ['第四十六条: a department writing to towns without approval is told which towns, by name', 'DEPARTMENT_TO_TOWNS_WITHOUT_APPROVAL',
    [], draftOf({ issuer: 'department', documentCode: '张教发', recipients: ['tangqiao-town', 'jingang-street', 'housing-construction'] }), A.eduClerk,
    ['塘桥镇人民政府', '金港街道办事处']],
  ['第四十四条: a drafting unit without a 分管副市长 is named', 'PORTFOLIO_LEADER_UNKNOWN', [], draftOf({ draftingUnit: 'tangqiao-town' }), townClerk, ['塘桥镇人民政府']],
  ['第四十三条: the category the issuer may not use is named', 'CATEGORY_NOT_FOR_ISSUER', [], draftOf({ issuer: 'office', category: 'order' }), A.officeClerk, ['命令']],
  ['第四十五条: a legality review by another unit names the drafting unit', 'NOT_DRAFTING_UNIT', history(steps('draft')), NORMATIVE.legality[0], A.housingClerk, ['市教育局']],
  ['第四十五条: an integrity review by another unit names the drafting unit', 'NOT_DRAFTING_UNIT', history(steps('draft')), NORMATIVE.integrity[0], A.housingClerk, ['市教育局']],
  ['《党政机关公文处理工作条例》第十九条: a unit that is not a joint issuer is named', 'NOT_JOINT_ISSUER', joint('housing-construction'), { type: 'countersign' }, A.financeClerk, ['市财政局']],
  ['《党政机关公文处理工作条例》第十九条: signing names every joint issuer still to countersign', 'COUNTERSIGN_MISSING',
    joint('housing-construction', 'finance'), { type: 'sign' }, A.eduViceMayor, ['市住房和城乡建设局', '市财政局']],
];

describe('issuance refusals name units by their directory names', () => {
  it.each(ROWS)('%s', (_title, code, given, command, actor, names) => {
    const error = refusalOf(() => spec.given(given).when(command, actor, NOW).events());
    expect(error.code).toBe(code);
    for (const name of names) expect(error.message).toContain(name);
    expect(error.message).not.toMatch(/[A-Za-z]/); // no unit code, category code or any other ASCII identifier
  });
});
