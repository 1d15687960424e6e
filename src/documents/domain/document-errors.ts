import { DomainError } from '../../domain/domain-error';

// DomainError cites the article at the start of the message (once), so these only pick the kind.

/** 409: the command makes no sense in the document's current state. */
export const invalidState = (code: string, message: string, article?: string) =>
  new DomainError('invalid_state', code, message, article);

/** 403: this actor may not do this. */
export const forbidden = (code: string, message: string, article?: string) =>
  new DomainError('forbidden', code, message, article);

/** 400: well-formed but inconsistent input. */
export const invalidInput = (code: string, message: string, article?: string, details?: Readonly<Record<string, unknown>>) =>
  new DomainError('invalid', code, message, article, details);

/** Non-empty after trimming. */
export const hasText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function requireText(value: unknown, code: string, field: string): string {
  if (!hasText(value)) throw invalidInput(code, `${field}不能为空`);
  return value.trim();
}
