import type { Actor, DecisionContext } from '../../domain/decider';
import { shanghaiDate } from '../../calendar/deadline-policy';
import { issuanceEvent, type IssuanceEvent } from '../../../events/issuance-events';
import { formatDocumentNumber, type DocumentNumber } from '../numbering/document-number';
import type { IssuanceCommand } from './issuance-commands';
import type { IssuanceDeps } from './issuance-deps';
import { isOfficeStaff } from './draft-rules';
import { ART, forbidden, invalid, invalidState, refused, requireText } from './issuance-errors';
import { isCityLevel, isNormative, lastSignatureDate, type IssuanceState } from './issuance-state';

type Ctx = DecisionContext<IssuanceDeps>;
type Of<T extends IssuanceCommand['type']> = Extract<IssuanceCommand, { type: T }>;

const today = (ctx: Ctx) => shanghaiDate(ctx.now.toISOString());

/** The office acts for the 市政府 and itself; a department for its own documents. */
const actsForIssuer = (actor: Actor, state: IssuanceState) =>
  isCityLevel(state) ? isOfficeStaff(actor) : actor.roles.includes('unit_clerk') && actor.unit === state.draft?.issuer.unit;

/** Which sequence a document's number comes from: its 机关代字 and the year of its 成文日期. */
export function numberKeyFor(state: IssuanceState): { code: string; year: number } | undefined {
  const dated = lastSignatureDate(state);
  return state.draft && dated ? { code: state.draft.issuer.code, year: Number(dated.slice(0, 4)) } : undefined;
}

/**
 * 印发. A signed document can only move on to issued: this is what lets a reserved number
 * always be completed (DocumentNumberSequence). Re-issuing with the same number is a no-op.
 */
export function issue(c: Of<'issue'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  if (state.status === 'issued') {
    if (state.issued!.documentNumber === formatNumber(c.number)) return [];
    throw invalidState('ALREADY_ISSUED', `文件已以 ${state.issued!.documentNumber} 印发`);
  }
  if (state.status !== 'signed') throw invalidState('NOT_SIGNED', '文件尚未签发完毕, 不能印发');
  if (state.draft!.category === 'agreement') throw invalidState('AGREEMENT_NOT_ISSUED', '协议签署后由各方执行, 不编发文字号印发');
  if (!actsForIssuer(ctx.actor, state)) throw forbidden('NOT_ISSUER_OFFICE', '印发由发文机关的文秘部门办理');
  const key = numberKeyFor(state)!;
  const n = c.number;
  if (!n || n.code !== key.code || n.year !== key.year || !Number.isSafeInteger(n.sequence) || n.sequence < 1) {
    throw invalid('DOCUMENT_NUMBER_MISMATCH', `发文字号须为 ${key.code}〔${key.year}〕序号, 由编号服务分配`);
  }
  return [
    issuanceEvent('issuance.issued', {
      documentNumber: formatDocumentNumber(n),
      code: n.code,
      year: n.year,
      sequence: n.sequence,
      dated: lastSignatureDate(state)!,
      issuedOn: today(ctx),
    }),
  ];
}

/** 第二十四、二十五条: 除依法需要保密的外, 应及时公布. */
export function publish(c: Of<'publish'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireIssued(state);
  if (!actsForIssuer(ctx.actor, state)) throw forbidden('NOT_ISSUER_OFFICE', '公开由发文机关办理', ART.twentyFour);
  if (state.publication) throw invalidState('PUBLICATION_DECIDED', '文件的公开已办理');
  const channel = requireText(c.channel, 'channel', '公开渠道', 200);
  const url = c.url === undefined ? undefined : requireText(c.url, 'url', '公开网址', 2000);
  return [issuanceEvent('issuance.published', { publishedOn: today(ctx), channel, ...(url ? { url } : {}) })];
}

export function exemptFromPublication(c: Of<'exemptFromPublication'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireIssued(state);
  if (!actsForIssuer(ctx.actor, state)) throw forbidden('NOT_ISSUER_OFFICE', '不予公开由发文机关决定', ART.twentyFour);
  if (state.publication) throw invalidState('PUBLICATION_DECIDED', '文件的公开已办理');
  if (isNormative(state)) {
    throw refused({
      article: ART.twentyFour,
      code: 'NORMATIVE_MUST_BE_PUBLISHED',
      message: '第二十四条: 行政规范性文件是市政府及各部门制定的政策 (第二十条), 应当公布, 不能不予公开',
    });
  }
  const legalBasis = requireText(c.legalBasis, 'legalBasis', '不予公开的法律依据', 500);
  const reason = requireText(c.reason, 'reason', '不予公开的理由', 2000);
  return [issuanceEvent('issuance.publication_exempted', { legalBasis, reason })];
}

/**
 * 备案. 第二十七条: 市政府 (and its office) file normative documents with the 人大常委会;
 * 第二十一条: a department files its normative documents with the 市政府.
 */
export function file(c: Of<'file'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireIssued(state);
  const cityLevel = isCityLevel(state);
  const article = cityLevel ? ART.twentySeven : ART.twentyOne;
  if (!isNormative(state)) throw invalid('NOT_NORMATIVE', '只有行政规范性文件需要备案', article);
  if (state.filed) throw invalidState('ALREADY_FILED', '文件已备案');
  const allowed = cityLevel ? isOfficeStaff(ctx.actor) || ctx.actor.roles.includes('legal_reviewer') : actsForIssuer(ctx.actor, state);
  if (!allowed) throw forbidden('NOT_FILER', cityLevel ? '市政府规范性文件由市政府办公室或市司法局报备' : '部门规范性文件由制定部门报市政府备案', article);
  if (state.publication?.kind !== 'published') throw invalidState('NOT_PUBLISHED', '行政规范性文件须先公布再备案', article);
  const reference = requireText(c.reference, 'reference', '备案登记号或报送文号', 200);
  return [
    issuanceEvent('issuance.filed', { filedWith: cityLevel ? 'standing_committee' : 'government', filedOn: today(ctx), reference }),
  ];
}

function requireIssued(state: IssuanceState): void {
  if (state.status !== 'issued') throw invalidState('NOT_ISSUED', '文件尚未印发');
}

const formatNumber = (n: DocumentNumber | undefined) => (n ? formatDocumentNumber(n) : '');
