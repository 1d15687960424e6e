/** The client pinned a revision with If-Match and the stream has moved on (HTTP 412). */
export class PreconditionFailedError extends Error {
  readonly code = 'REVISION_MISMATCH';
  constructor(readonly expected: number, readonly actual: number) {
    super(`文档已被他人修改:If-Match 指定的版本为 ${expected},当前版本为 ${actual},请刷新后重试`);
  }
}

/** An Idempotency-Key reused for a different command (HTTP 422). */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(readonly key: string) {
    super(`Idempotency-Key「${key}」已用于另一条不同的命令,请为新命令使用新的 Idempotency-Key`);
  }
}

/** Still conflicting after the bounded retries (HTTP 409). */
export class RetriesExhaustedError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(readonly streamId: string, readonly attempts: number) {
    super(`文档正被同时修改,${attempts} 次重试后仍然冲突,请稍后重试`);
  }
}
