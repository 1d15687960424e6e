/**
 * The organisation directory as it is written in `config/directory.default.json` (or a
 * replacement file). Leaders appear only by position and title, never by a person's name.
 */

export const UNIT_KINDS = [
  'government', // 张家港市人民政府 itself: the organ every submission goes to (第四十一条)
  'office', // 市政府办公室 and its sections (督查室 …)
  'department', // 市政府工作部门
  'affiliated', // 部门所属单位: reports through its competent department (reportsVia)
  'town', // 镇政府
  'street', // 街道办事处
  'park', // 区、园区、度假区管委会 at town level
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  government: '市政府',
  office: '市政府办公室',
  department: '市政府部门',
  affiliated: '部门所属单位',
  town: '镇',
  street: '街道',
  park: '区、园区管委会',
};

export interface UnitEntry {
  code: string;
  name: string;
  kind: UnitKind;
  /** Sections (督查室) name the unit they belong to. */
  parent?: string;
  /** 主管部门: the department a subordinate body must report through (no 越级报文, 第四十一条). */
  reportsVia?: string;
  /** 机关代字 the unit numbers its own documents under (张政发, 张教规 …); no other unit may use them. */
  documentCodes?: string[];
}

export const LEADER_ROLES = ['mayor', 'executive_vice_mayor', 'vice_mayor'] as const;
export type LeaderRole = (typeof LEADER_ROLES)[number];

export interface LeaderEntry {
  /** Stable position id, e.g. 'mayor', 'executive-vice-mayor', 'vice-mayor-1'. */
  position: string;
  /** The office, e.g. '副市长'; never a person's name. */
  title: string;
  role: LeaderRole;
  /** 分管 (and 联系) unit codes. */
  portfolio: string[];
}

/** Organs above the city government (苏州市政府 …): a submission to them from here is 越级. */
export interface SuperiorOrganEntry {
  code: string;
  name: string;
}

export interface DirectoryData {
  version: string;
  /** Code of the 市政府 (kind 'government'). */
  organ: string;
  /** Code of the 市政府办公室 (kind 'office'). */
  office: string;
  /** Code of the 督查室 (kind 'office', parent = office). */
  supervision: string;
  /** Code of the 市司法局 (第二十、四十五条). */
  legalAffairs: string;
  units: UnitEntry[];
  leaders: LeaderEntry[];
  superiorOrgans: SuperiorOrganEntry[];
}
