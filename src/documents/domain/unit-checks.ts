import type { Directory } from '../../directory';
import { invalidInput } from './document-errors';

/** A unit that can submit, lead or be consulted: a department, town, street, park or subordinate body. */
export function requireWorkingUnit(code: unknown, directory: Directory, field: string): string {
  if (typeof code !== 'string' || !directory.hasUnit(code)) {
    throw invalidInput('UNKNOWN_UNIT', `${field} ${String(code)} 不在组织机构目录中`);
  }
  if (!directory.isSubmittingUnit(code)) {
    throw invalidInput('NOT_A_WORKING_UNIT', `${field}不能是${directory.nameOf(code)}本身`);
  }
  return code;
}

/** Distinct working units, none equal to `exclude` (the lead unit). */
export function requireWorkingUnits(codes: unknown, directory: Directory, field: string, exclude?: string): string[] {
  if (codes === undefined) return [];
  if (!Array.isArray(codes)) throw invalidInput('UNITS_INVALID', `${field}必须是单位代码列表`);
  const list = [...new Set(codes.map((c) => requireWorkingUnit(c, directory, field)))];
  if (exclude !== undefined && list.includes(exclude)) {
    throw invalidInput('LEAD_UNIT_REPEATED', `${field}不能包含主办单位 ${directory.nameOf(exclude)}`);
  }
  return list;
}
