import type { CatalogueEntry } from './document-catalogue';
import { EventSchemaError } from './document-catalogue';
import type { IssuanceEventType } from './issuance-events';

/** Every 发文 event type with its label, schema version and meaning (stream `issuance-<id>`). */
export const issuanceCatalogue: Readonly<Record<IssuanceEventType, CatalogueEntry>> = {
  'issuance.drafted': {
    label: '拟稿',
    schemaVersion: 1,
    description: '起草单位拟稿: 发文机关、文种类别、会议纪要的会议类型、联合发文机关;记录分管副市长和签发矩阵中的适用行 (第四十三、四十四、三十八条)',
  },
  'issuance.draft_revised': { label: '修改文稿', schemaVersion: 1, description: '修改文稿, 文稿版本加一;此前的审核意见不再适用于新文稿, 落实会议修改后通过的修改意见的除外 (第三十五条)' },
  'issuance.public_comment_opened': {
    label: '公开征求意见',
    schemaVersion: 2,
    description: '行政规范性文件草案向社会公布, 征求意见, 含征求意见期 (第二十条);征求意见期已结束后补录的, 注明补录',
  },
  'issuance.public_comment_closed': { label: '征求意见结束', schemaVersion: 1, description: '征求意见期满, 记录意见条数和采纳情况 (第二十条)' },
  'issuance.legality_reviewed': { label: '合法性审核', schemaVersion: 1, description: '起草单位出具合法性审核意见: 合法或不合法 (第四十五条)' },
  'issuance.integrity_reviewed': { label: '廉洁性审核', schemaVersion: 1, description: '起草单位的廉洁性审核 (第四十五条)' },
  'issuance.supervision_opinion_given': {
    label: '司法局监督意见',
    schemaVersion: 1,
    description: '市司法局对起草单位合法性审核情况出具监督意见 (第四十五条)',
  },
  'issuance.agreement_text_reviewed': {
    label: '协议文本审核',
    schemaVersion: 1,
    description: '以市政府名义对外签署协议前, 市司法局对协议文本进行合法性审核 (第二十条)',
  },
  'issuance.submitted_for_deliberation': { label: '提请审议', schemaVersion: 1, description: '提请市政府常务会议或全体会议审议 (第十五、四十五条)' },
  'issuance.deliberation_recorded': { label: '审议结果', schemaVersion: 1, description: '会议审议结果: 通过、修改后通过、不通过或暂缓 (第三十五条)' },
  'issuance.reviewed': { label: '核稿', schemaVersion: 1, description: '签发前的审核, 或办公室重要文件须取得的领导同意 (第四十三、四十四、三十八条)' },
  'issuance.countersigned': { label: '会签', schemaVersion: 1, description: '联合发文机关会签 (《党政机关公文处理工作条例》第十九条)' },
  'issuance.signing_delegated': { label: '委托签发', schemaVersion: 1, description: '市长出差或出访期间委托常务副市长或其他副市长, 含委托期间 (第五条)' },
  'issuance.delegation_revoked': { label: '撤销委托', schemaVersion: 1, description: '市长撤销委托' },
  'issuance.signed': { label: '签发', schemaVersion: 1, description: '签发矩阵允许的签发人签发;受委托签发时记录委托编号' },
  'issuance.issued': { label: '印发', schemaVersion: 1, description: '编发文字号印发, 成文日期为最后签发日期' },
  'issuance.published': { label: '公开', schemaVersion: 1, description: '主动公开 (第二十四、二十五条)' },
  'issuance.publication_exempted': { label: '依法不公开', schemaVersion: 1, description: '依法需要保密的, 不予公开, 记录法律依据 (第二十四条)' },
  'issuance.filed': {
    label: '备案',
    schemaVersion: 1,
    description: '行政规范性文件备案: 市政府文件报市人大常委会 (第二十七条), 部门文件报市政府 (第二十一条)',
  },
};

export const ISSUANCE_EVENT_TYPES = Object.keys(issuanceCatalogue) as IssuanceEventType[];

export const isIssuanceEventType = (type: string): type is IssuanceEventType =>
  Object.prototype.hasOwnProperty.call(issuanceCatalogue, type);

/** Current schema version of a type; throws so nothing uncatalogued is ever stored. */
export function issuanceSchemaVersion(type: string): number {
  if (!isIssuanceEventType(type)) {
    throw new EventSchemaError('UNKNOWN_EVENT_TYPE', `未登记的事件类型 "${type}" (不在 events/issuance-catalogue.ts 中)`);
  }
  return issuanceCatalogue[type].schemaVersion;
}
