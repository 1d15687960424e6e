/**
 * A refusal by a decider or a rule. `article` cites the seed (e.g. '第四十一条') when a
 * written rule is the reason; `code` is stable and machine-readable; `message` is Chinese.
 */
export interface RuleViolation {
  article?: string;
  code: string;
  message: string;
}

export type DomainErrorKind =
  | 'invalid_state' // 409: the command makes no sense now
  | 'forbidden' // 403: this actor may not do this
  | 'refused' // 422: the content may not be processed at all (e.g. 第四十七条 secrets)
  | 'not_found' // 404
  | 'invalid'; // 400: well-formed but inconsistent input

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly article?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
