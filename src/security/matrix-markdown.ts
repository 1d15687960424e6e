import { ROLE_LABELS, ROLES } from '../auth/roles';
import { AGGREGATE_LABELS, PERMISSION_MATRIX, type CommandRule } from './permission-matrix';
import { RELATION_LABELS, type Relation } from './relations';

export const MATRIX_START = '<!-- permission-matrix:start (generated from src/security/permission-matrix.ts) -->';
export const MATRIX_END = '<!-- permission-matrix:end -->';

const cell = (rule: CommandRule, role: (typeof ROLES)[number]): string => {
  const grant = rule.grants.find((g) => g.roles.includes(role));
  if (!grant) return '—';
  return grant.when === 'any' ? '✓' : `✓ \`${grant.when}\``;
};

const refusals = (rule: CommandRule): string =>
  [rule.refuse, ...(rule.refuseRole ? [rule.refuseRole] : [])]
    .map((r) => `\`${r.code}\`${r.article ? ` ${r.article}` : ''}`)
    .join('<br>');

/** The matrix as Markdown: one table per aggregate, roles across, then the relation legend. */
export function renderPermissionMatrix(): string {
  const lines: string[] = [];
  for (const [aggregate, commands] of Object.entries(PERMISSION_MATRIX)) {
    lines.push(`#### ${AGGREGATE_LABELS[aggregate] ?? aggregate}`, '');
    lines.push(`| 命令 | 事项 | ${ROLES.map((r) => ROLE_LABELS[r]).join(' | ')} | 拒绝 (403) |`);
    lines.push(`|---|---|${ROLES.map(() => ':-:').join('|')}|---|`);
    for (const [command, rule] of Object.entries(commands)) {
      lines.push(`| \`${command}\` | ${rule.action} | ${ROLES.map((r) => cell(rule, r)).join(' | ')} | ${refusals(rule)} |`);
    }
    lines.push('');
  }
  const used = new Set<Relation>(Object.values(PERMISSION_MATRIX).flatMap((c) => Object.values(c).flatMap((r) => r.grants.map((g) => g.when))));
  lines.push('| 条件 | 含义 |', '|---|---|', '| ✓ | 持有该角色即可 |');
  for (const [key, label] of Object.entries(RELATION_LABELS)) {
    if (key !== 'any' && used.has(key as Relation)) lines.push(`| \`${key}\` | ${label} |`);
  }
  return [MATRIX_START, '', ...lines, MATRIX_END].join('\n');
}
