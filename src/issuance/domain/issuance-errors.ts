import { DomainError, type RuleViolation } from '../../domain/domain-error';

export const ART = {
  five: '第五条',
  twenty: '第二十条',
  twentyOne: '第二十一条',
  twentyFour: '第二十四条',
  twentySeven: '第二十七条',
  thirtyFive: '第三十五条',
  thirtyEight: '第三十八条',
  fortyThree: '第四十三条',
  fortyFour: '第四十四条',
  fortyFive: '第四十五条',
  fortySix: '第四十六条',
  // 发文字号, 会签 and 成文日期 come from the national regulation the seed defers to (第四十一条).
  regulation9: '《党政机关公文处理工作条例》第九条',
  regulation19: '《党政机关公文处理工作条例》第十九条',
} as const;

export const invalid = (code: string, message: string, article?: string) => new DomainError('invalid', code, message, article);
export const forbidden = (code: string, message: string, article?: string) => new DomainError('forbidden', code, message, article);
export const invalidState = (code: string, message: string, article?: string) =>
  new DomainError('invalid_state', code, message, article);
export const refused = (violation: RuleViolation, details?: Readonly<Record<string, unknown>>) =>
  new DomainError('refused', violation.code, violation.message, violation.article, details);

/** Non-empty trimmed text of bounded length, or a 400 naming the field. */
export function requireText(value: unknown, field: string, zh: string, max = 4000): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${field.toUpperCase()}_REQUIRED`, `${zh}不能为空`);
  if (value.length > max) throw invalid(`${field.toUpperCase()}_TOO_LONG`, `${zh}不能超过 ${max} 个字符`);
  return value.trim();
}

export function requireInstant(value: unknown, field: string, zh: string): string {
  const ok = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
  if (!ok) throw invalid(`${field.toUpperCase()}_INVALID`, `${zh} ${String(value)} 不是带时区的 ISO 时间`);
  return new Date(Date.parse(value as string)).toISOString();
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, zh: string): T {
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw invalid(`${field.toUpperCase()}_INVALID`, `${zh}应为 ${allowed.join(' / ')} 之一`);
  }
  return value as T;
}
