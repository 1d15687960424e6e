import type { Directory } from '../directory';

export interface PrincipalProblem {
  code: 'TOKEN_UNKNOWN_UNIT' | 'TOKEN_UNKNOWN_LEADER';
  message: string;
}

/**
 * A token acts for a unit, and a leader's for a position, of the organisation directory the
 * server runs with; the permission matrix and the refusals are written in those terms. `token
 * mint` refuses to sign anything else and the server refuses to honour it, whoever signed it.
 */
export function principalProblems(directory: Directory, unit: string, leader?: string): PrincipalProblem[] {
  const problems: PrincipalProblem[] = [];
  if (!directory.hasUnit(unit)) {
    problems.push({ code: 'TOKEN_UNKNOWN_UNIT', message: `访问令牌的所属单位「${unit}」不在组织目录中,不能以该单位的名义办理,请核对令牌的 unit` });
  }
  if (leader !== undefined && !directory.isLeaderPosition(leader)) {
    problems.push({ code: 'TOKEN_UNKNOWN_LEADER', message: `访问令牌的领导职位「${leader}」不在组织目录中,请核对令牌的 leader` });
  }
  return problems;
}
