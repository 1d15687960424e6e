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

/**
 * `第四十一条: …`: the message begins with the article it enforces, once. A message that
 * already begins with it (e.g. `第三十五条(四)、第十五条: …`) is left as it is.
 */
export function citing(message: string, article?: string): string {
  return !article || message.startsWith(article) ? message : `${article}: ${message}`;
}

/** The message without its leading `article: `, to list several violations under one citation. */
export function uncited(message: string, article?: string): string {
  return article && message.startsWith(`${article}: `) ? message.slice(article.length + 2) : message;
}

export class DomainError extends Error {
  /** The message as given, cited: every refusal of a written rule begins with its article. */
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly article?: string,
    /** Spread into the answer's `details` next to `article`, so always named members. */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(citing(message, article));
  }
}
