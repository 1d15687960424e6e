/**
 * Roles carried in the token's `roles` claim. Derived from the seed: the office (第四十二条)
 * registers, reviews, routes and returns; leaders instruct, coordinate and sign within their
 * portfolio (第四十二—四十四条); the 市司法局 gives legality opinions (第二十、四十五条); the
 * 督查室 urges and reads (第三十二条); auditors read everything and write nothing.
 */
export const ROLES = [
  'unit_clerk', // 报文/承办单位经办人: a department, town or street
  'office_clerk', // 市政府办公室 工作人员 (秘书科/文电科)
  'office_director', // 市政府办公室主任
  'office_deputy_director', // 市政府办公室副主任
  'mayor', // 市长
  'executive_vice_mayor', // 常务副市长
  'vice_mayor', // 副市长 (portfolio in the directory)
  'legal_reviewer', // 市司法局 合法性审核
  'supervisor', // 市政府办公室督查室
  'auditor', // 审计/监察: read-only
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  unit_clerk: '单位经办人',
  office_clerk: '市政府办公室工作人员',
  office_director: '市政府办公室主任',
  office_deputy_director: '市政府办公室副主任',
  mayor: '市长',
  executive_vice_mayor: '常务副市长',
  vice_mayor: '副市长',
  legal_reviewer: '市司法局审核人员',
  supervisor: '督查室',
  auditor: '审计人员',
};

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);
