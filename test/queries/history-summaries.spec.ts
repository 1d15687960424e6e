import { DOCUMENT_EVENT_TYPES } from '../../events/document-catalogue';
import { ISSUANCE_EVENT_TYPES } from '../../events/issuance-catalogue';
import { PROPOSAL_EVENT_TYPES } from '../../events/proposal-catalogue';
import { historyEntry } from '../../projections/history-entry';
import { isDescribed } from '../../src/queries/history/describe-entry';
import { historyEntryView, type HistoryEntry } from '../../src/queries/history/history-entry-view';
import { directory } from '../projections/support/world';
import { historyScenarios } from './support/history-scenarios';

/**
 * The auditable history reads as Chinese sentences for every event type of 收文, 发文 and
 * 建议/提案: units and leaders by name, enums by their labels, the deadline that applies.
 */
const entries: HistoryEntry[] = historyScenarios()
  .map(historyEntry)
  .filter((e) => e !== undefined)
  .map((e) => historyEntryView(e, directory));
const of = (type: string) => entries.filter((e) => e.type === type);
const summaryOf = (type: string, nth = 0) => of(type)[nth]!.summary;

const HAN = /\p{Script=Han}/u;
/** A unit or leader code, an enum value, a field name: ASCII words. */
const CODE = /[A-Za-z_]{3,}/;
const ALL_TYPES = [...DOCUMENT_EVENT_TYPES, ...ISSUANCE_EVENT_TYPES, ...PROPOSAL_EVENT_TYPES];

describe('history summaries', () => {
  it('the scenarios record every catalogued event type of the three kinds of item', () => {
    const seen = new Set(entries.map((e) => e.type));
    expect(ALL_TYPES.filter((t) => !seen.has(t))).toEqual([]);
  });

  it.each(ALL_TYPES)('%s has its own sentence in Chinese, with no raw code, and names who acted by role and unit', (type) => {
    expect(isDescribed(type)).toBe(true);
    for (const e of of(type)) {
      expect(e.summary).toMatch(HAN);
      expect(e.summary).not.toMatch(CODE);
      expect(e.roleLabel).toMatch(HAN);
      expect(e.roleLabel).not.toMatch(CODE);
      expect(e.unitName).toMatch(HAN);
      expect(e.unitName).not.toMatch(CODE);
    }
  });

  it('第二十七条: 交办 shows the 3-month 答复 deadline as the deadline, the 1-month 协办 one as such', () => {
    // Assigned 2026-11-27: 答复 by 2027-02-27 (a Saturday) → 2027-03-01, past the official calendar data; 协办 by 2026-12-28.
    expect(summaryOf('proposal.assigned')).toBe('交办 市教育局 主办,市交通运输局 协办;答复时限 2027-03-01(暂定),协办意见时限 2026-12-28');
  });

  it('第二十七条: 延期批准 shows the new 答复 deadline, and the one it replaces', () => {
    expect(summaryOf('proposal.extension_approved')).toBe('批准延期,答复时限由 2027-03-01 延至 2027-03-22(暂定)');
    expect(summaryOf('proposal.reopened')).toBe('代表/委员不满意,重新办理(第 2 轮);答复时限 2027-03-10(暂定)');
  });

  it('第二十七条: 时限重算 names each recounted deadline with its old and new due date', () => {
    expect(summaryOf('proposal.deadlines_recalculated')).toBe('按更新的工作日历重算时限:答复时限由 2027-03-01(暂定) 改为 2027-03-01,协办意见时限由 2027-01-01(暂定) 改为 2027-01-04');
  });

  it('第二十七条: 建议 kinds, answer classes and satisfaction by their meaning', () => {
    expect(summaryOf('proposal.registered')).toBe('登记人大代表建议 第0012号《关于增加城区学校周边停车位的建议》(市十六届人大五次会议),领衔:王代表,附议:李代表');
    expect(summaryOf('proposal.answered')).toBe('答复代表/委员(按时):B 类(正在解决或列入计划解决);已列入明年计划');
    expect(summaryOf('proposal.answered', 1)).toBe('第 2 轮答复代表/委员(按时):A 类(已解决或采纳);已增设车位 50 个');
    expect(summaryOf('proposal.satisfaction_recorded')).toBe('代表/委员对答复不满意;反馈:希望尽快实施');
  });

  it('第四十三、四十四条: 拟稿 names the issuer, the category, the importance and the signing rule', () => {
    expect(summaryOf('issuance.drafted')).toBe(
      '市教育局拟稿《张家港市义务教育阶段学校招生入学管理办法》;以张家港市人民政府名义发文(张政发);行政规范性文件(重要);联合发文:市卫生健康委员会;' +
        '主送/抄送:塘桥镇人民政府;分管领导:副市长(分管教育、卫健、民政、人社、文旅、退役军人、医保);' +
        '签发规则:行政规范性文件、决定、命令、议案、人事任免(第四十三条),经市政府办公室主任审核后由市长签发',
    );
  });

  it('第四十五条: the legality review by the drafting unit’s name and its result', () => {
    expect(summaryOf('issuance.legality_reviewed')).toBe('市教育局合法性审核(第 2 稿):合法;内容未违反上位法');
  });

  it('第五条: a signature under the 市长’s delegation says so, the signer by position', () => {
    expect(summaryOf('issuance.signed')).toBe('常务副市长受市长委托代为签发(委托编号 市长出访-1):同意印发');
    expect(summaryOf('issuance.signing_delegated')).toBe('市长出差或出访期间委托常务副市长代为签发,2026-04-10 08:00 至 2026-04-20 08:00(委托编号 市长出访-1):出访');
  });

  it('第四十七条: 收文 延期批准 shows the new deadline and the one it replaces', () => {
    expect(summaryOf('document.extension_approved')).toBe('批准延期,办理时限由 2026-04-14 延至 2026-06-30:同意延期');
  });
});
