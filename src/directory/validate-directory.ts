import { LEADER_ROLES, UNIT_KINDS, type DirectoryData, type LeaderRole, type UnitKind } from './directory-types';

/** The directory file is unusable; `problems` lists every fault found, one per line. */
export class DirectoryValidationError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`组织机构目录 ${source} 无效 (${problems.length} 处问题):\n- ${problems.join('\n- ')}`);
    this.name = 'DirectoryValidationError';
  }
}

const CODE = /^[a-z0-9][a-z0-9-]*$/;
const ROOT_KEYS = ['$comment', 'version', 'organ', 'office', 'supervision', 'legalAffairs', 'units', 'leaders', 'superiorOrgans'];
const UNIT_KEYS = ['code', 'name', 'kind', 'parent', 'reportsVia', 'documentCodes'];
const DOCUMENT_CODE = /^\p{Script=Han}{2,12}$/u;
const LEADER_KEYS = ['position', 'title', 'role', 'portfolio'];
const ORGAN_KEYS = ['code', 'name'];
/** Units that answer to a 分管 leader directly; sections and affiliated bodies inherit one. */
const NEEDS_PORTFOLIO: readonly UnitKind[] = ['office', 'department', 'town', 'street', 'park'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Checks a parsed directory file and returns every problem (empty when valid). Start-up
 * refuses to run on a bad directory: a wrong portfolio would route documents to the wrong
 * leader (第四十二条).
 */
export function validateDirectory(raw: unknown): string[] {
  const problems: string[] = [];
  const add = (path: string, message: string) => problems.push(`${path}: ${message}`);
  if (!isObj(raw)) return ['(根): 必须是 JSON 对象'];

  unknownKeys(raw, ROOT_KEYS, '(根)', add);
  if (!isText(raw.version)) add('version', '必须是非空字符串');
  for (const key of ['organ', 'office', 'supervision', 'legalAffairs'] as const) {
    if (!isText(raw[key])) add(key, '必须是单位代码');
  }

  const codes = new Map<string, string>(); // code → where it was first declared
  const claim = (code: string, path: string) => {
    const first = codes.get(code);
    if (first) add(path, `代码 "${code}" 与 ${first} 重复`);
    else codes.set(code, path);
  };

  const units = new Map<string, { kind: UnitKind; parent?: string; reportsVia?: string; path: string }>();
  const documentCodes = new Map<string, string>(); // 机关代字 → where it was first declared
  list(raw.units, 'units', add).forEach((u, i) => {
    const path = `units[${i}]`;
    if (!isObj(u)) return add(path, '必须是对象');
    unknownKeys(u, UNIT_KEYS, path, add);
    const okCode = checkCode(u.code, `${path}.code`, add);
    if (!isText(u.name)) add(`${path}.name`, '必须是非空字符串');
    const kindOk = typeof u.kind === 'string' && (UNIT_KINDS as readonly string[]).includes(u.kind);
    if (!kindOk) add(`${path}.kind`, `必须是 ${UNIT_KINDS.join('/')} 之一`);
    for (const ref of ['parent', 'reportsVia'] as const) {
      if (u[ref] !== undefined && !isText(u[ref])) add(`${path}.${ref}`, '必须是单位代码');
    }
    // One 机关代字, one numbering sequence, one owner: two units sharing it would share numbers.
    if (u.documentCodes !== undefined) {
      list(u.documentCodes, `${path}.documentCodes`, add).forEach((c, j) => {
        const at = `${path}.documentCodes[${j}]`;
        if (typeof c !== 'string' || !DOCUMENT_CODE.test(c)) return add(at, `机关代字 ${JSON.stringify(c)} 无效 (2 至 12 个汉字)`);
        const first = documentCodes.get(c);
        if (first) add(at, `机关代字「${c}」与 ${first} 重复`);
        else documentCodes.set(c, at);
      });
    }
    if (okCode) {
      claim(u.code as string, path);
      if (kindOk) {
        units.set(u.code as string, {
          kind: u.kind as UnitKind,
          parent: u.parent as string | undefined,
          reportsVia: u.reportsVia as string | undefined,
          path,
        });
      }
    }
  });

  list(raw.superiorOrgans, 'superiorOrgans', add).forEach((o, i) => {
    const path = `superiorOrgans[${i}]`;
    if (!isObj(o)) return add(path, '必须是对象');
    unknownKeys(o, ORGAN_KEYS, path, add);
    if (checkCode(o.code, `${path}.code`, add)) claim(o.code as string, path);
    if (!isText(o.name)) add(`${path}.name`, '必须是非空字符串');
  });

  const portfolioOf = new Map<string, string>(); // unit code → leader path
  const roleCount: Record<LeaderRole, number> = { mayor: 0, executive_vice_mayor: 0, vice_mayor: 0 };
  list(raw.leaders, 'leaders', add).forEach((l, i) => {
    const path = `leaders[${i}]`;
    if (!isObj(l)) return add(path, '必须是对象');
    if ('name' in l) add(`${path}.name`, '领导只按职务登记,不得填写姓名');
    unknownKeys(l, [...LEADER_KEYS, 'name'], path, add);
    if (checkCode(l.position, `${path}.position`, add)) claim(l.position as string, path);
    if (!isText(l.title)) add(`${path}.title`, '必须是非空字符串 (职务,如"副市长")');
    if (typeof l.role === 'string' && (LEADER_ROLES as readonly string[]).includes(l.role)) {
      roleCount[l.role as LeaderRole]++;
    } else {
      add(`${path}.role`, `必须是 ${LEADER_ROLES.join('/')} 之一`);
    }
    list(l.portfolio, `${path}.portfolio`, add).forEach((code, j) => {
      const at = `${path}.portfolio[${j}]`;
      if (typeof code !== 'string') return add(at, '必须是单位代码');
      const unit = units.get(code);
      if (!unit) return add(at, `单位 "${code}" 不在 units 中`);
      if (!NEEDS_PORTFOLIO.includes(unit.kind) || unit.parent) {
        return add(at, `单位 "${code}" 不单独分管 (市政府本身、内设科室和部门所属单位随其上级)`);
      }
      const other = portfolioOf.get(code);
      if (other) return add(at, `单位 "${code}" 已由 ${other} 分管,一个单位只能有一位分管领导`);
      portfolioOf.set(code, path);
    });
  });
  if (roleCount.mayor !== 1) add('leaders', `必须恰好有一位市长 (role "mayor"),现有 ${roleCount.mayor} 位`);
  if (roleCount.executive_vice_mayor > 1) add('leaders', '最多只能有一位常务副市长');

  for (const [code, unit] of units) {
    if (unit.parent !== undefined) {
      const parent = units.get(unit.parent);
      if (unit.kind !== 'office') add(`${unit.path}.parent`, '只有市政府办公室的内设科室可以有 parent');
      else if (!parent || parent.kind !== 'office' || parent.parent) {
        add(`${unit.path}.parent`, `"${unit.parent}" 不是市政府办公室`);
      }
    }
    if (unit.kind === 'affiliated') {
      const via = unit.reportsVia === undefined ? undefined : units.get(unit.reportsVia);
      if (!via || via.kind !== 'department') add(`${unit.path}.reportsVia`, '部门所属单位必须写明其主管部门 (一个 department)');
    } else if (unit.reportsVia !== undefined) {
      add(`${unit.path}.reportsVia`, '只有部门所属单位 (affiliated) 通过主管部门报文');
    }
    if (NEEDS_PORTFOLIO.includes(unit.kind) && !unit.parent && !portfolioOf.has(code)) {
      add(unit.path, `单位 "${code}" 没有分管领导 (第四十二条 按分工呈批需要它)`);
    }
  }

  const expectKind = (key: 'organ' | 'office' | 'supervision' | 'legalAffairs', kind: UnitKind, parent?: unknown) => {
    const code = raw[key];
    if (!isText(code)) return;
    const unit = units.get(code);
    if (!unit) return add(key, `单位 "${code}" 不在 units 中`);
    if (unit.kind !== kind) add(key, `单位 "${code}" 的 kind 必须是 ${kind}`);
    if (parent !== undefined && unit.parent !== parent) add(key, `单位 "${code}" 必须隶属 ${String(parent)}`);
    if (parent === undefined && unit.parent !== undefined) add(key, `单位 "${code}" 不能是内设科室`);
  };
  expectKind('organ', 'government');
  expectKind('office', 'office');
  expectKind('supervision', 'office', raw.office);
  expectKind('legalAffairs', 'department');
  const governments = [...units.values()].filter((u) => u.kind === 'government').length;
  if (governments !== 1) add('units', `必须恰好有一个 kind 为 government 的单位 (市政府),现有 ${governments} 个`);

  return problems;
}

/** Validates and returns the typed directory, or throws with every problem listed. */
export function parseDirectory(raw: unknown, source: string): DirectoryData {
  const problems = validateDirectory(raw);
  if (problems.length > 0) throw new DirectoryValidationError(source, problems);
  return raw as DirectoryData;
}

function list(v: unknown, path: string, add: (p: string, m: string) => void): unknown[] {
  if (Array.isArray(v)) return v;
  add(path, '必须是数组');
  return [];
}

function checkCode(v: unknown, path: string, add: (p: string, m: string) => void): boolean {
  if (typeof v === 'string' && CODE.test(v)) return true;
  add(path, `代码 ${JSON.stringify(v)} 无效 (只能用小写字母、数字和连字符)`);
  return false;
}

function unknownKeys(o: Obj, allowed: string[], path: string, add: (p: string, m: string) => void): void {
  // A typo such as "portfolios" would silently drop a leader's units: reject it.
  for (const key of Object.keys(o)) if (!allowed.includes(key)) add(`${path}.${key}`, '未知字段');
}
