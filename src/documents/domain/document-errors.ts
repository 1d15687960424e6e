import { DomainError } from '../../domain/domain-error';

/** Prefix the article so every message a user sees cites the rule it enforces. */
const cite = (message: string, article?: string) => (article ? `${article}: ${message}` : message);

/** 409: the command makes no sense in the document's current state. */
export const invalidState = (code: string, message: string, article?: string) =>
  new DomainError('invalid_state', code, cite(message, article), article);

/** 403: this actor may not do this. */
export const forbidden = (code: string, message: string, article?: string) =>
  new DomainError('forbidden', code, cite(message, article), article);

/** 400: well-formed but inconsistent input. */
export const invalidInput = (code: string, message: string, article?: string, details?: unknown) =>
  new DomainError('invalid', code, cite(message, article), article, details);

/** Non-empty after trimming. */
export const hasText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function requireText(value: unknown, code: string, field: string): string {
  if (!hasText(value)) throw invalidInput(code, `${field}不能为空`);
  return value.trim();
}
