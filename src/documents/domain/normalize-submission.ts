import { DOCUMENT_KINDS, type Submission } from '../../../events/document-events';
import type { Directory } from '../../directory';
import type { SubmissionFields } from './document-commands';
import { hasText, invalidInput } from './document-errors';
import { requireWorkingUnit } from './unit-checks';

/**
 * Checks the input is usable at all (400 otherwise, nothing stored) and returns the
 * submission as it will be stored. Whether it follows the 报文规范 is a separate question,
 * answered by checkSubmission with a 退文.
 */
export function normalizeSubmission(fields: SubmissionFields, fromUnit: string, directory: Directory): Submission {
  if (!Object.prototype.hasOwnProperty.call(DOCUMENT_KINDS, fields.kind)) {
    throw invalidInput('KIND_INVALID', `文种 ${String(fields.kind)} 无效,应为 ${Object.values(DOCUMENT_KINDS).join('/')}`);
  }
  if (!hasText(fields.title)) throw invalidInput('TITLE_REQUIRED', '标题不能为空');
  requireWorkingUnit(fromUnit, directory, '报文单位');
  if (!Array.isArray(fields.mainTo) || fields.mainTo.length === 0) throw invalidInput('MAIN_TO_REQUIRED', '主送机关不能为空');
  const copyTo = fields.copyTo ?? [];
  const known = (c: unknown) =>
    typeof c === 'string' && (directory.hasUnit(c) || directory.isLeaderPosition(c) || directory.isSuperiorOrgan(c));
  const unknown = [...fields.mainTo, ...copyTo].filter((c) => !known(c));
  if (unknown.length > 0) {
    throw invalidInput('UNKNOWN_ADDRESSEE', `主送/抄送 ${unknown.map(String).join('、')} 不在组织机构目录中`, undefined, { unknown });
  }
  for (const p of fields.disagreement?.positions ?? []) requireWorkingUnit(p.unit, directory, '分歧意见单位');
  const exception = fields.addressingException;
  if (exception != null && exception !== 'leader_assigned' && exception !== 'classified_direct_report') {
    throw invalidInput('ADDRESSING_EXCEPTION_INVALID', `直送领导的例外情形 ${String(exception)} 无效`, '第四十一条');
  }
  const mode = fields.forwarding?.mode;
  if (fields.forwarding && mode !== 'government_approve_forward' && mode !== 'office_forward') {
    throw invalidInput('FORWARDING_MODE_INVALID', `批转/转发方式 ${String(mode)} 无效`, '第四十六条');
  }

  const submission: Submission = {
    kind: fields.kind,
    title: fields.title.trim(),
    fromUnit,
    // An organ named twice is addressed once: kept once, in the order given (as unit lists are).
    mainTo: [...new Set(fields.mainTo)],
    copyTo: [...new Set(copyTo)],
    requestItems: (fields.requestItems ?? []).map((i) => i.trim()).filter((i) => i !== ''),
    major: fields.major === true,
  };
  // Optional fields only when present, so stored JSON carries no nulls or undefined keys.
  if (hasText(fields.documentNumber)) submission.documentNumber = fields.documentNumber.trim();
  if (hasText(fields.summary)) submission.summary = fields.summary.trim();
  if (fields.addressingException) submission.addressingException = fields.addressingException;
  if (fields.disagreement) {
    // Stored in the event's declared shape: a missing 理由/依据 is kept as '' (the rule check
    // then returns it under 第四十一条), never as an absent key.
    const { positions, ...rest } = fields.disagreement;
    submission.disagreement = {
      ...rest,
      positions: (positions ?? []).map((p) => ({ unit: p.unit, reasons: p.reasons ?? '', basis: p.basis ?? '' })),
    };
  }
  if (fields.forwarding) submission.forwarding = fields.forwarding;
  return submission;
}
