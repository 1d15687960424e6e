import { DomainError } from '../../src/domain/domain-error';

/** A refusal of a written rule begins with its article, `第四十一条: …`, and names it once. */
export function expectCitedOnce(message: string, article: string): void {
  expect(message.startsWith(`${article}: `) || message.startsWith(`${article}(`) ? 'cited at the start' : message).toBe('cited at the start');
  expect(message.split(article).length - 1).toBe(1);
}

/** A lifecycle or input refusal cites no article, so it must not look as if it did. */
export function expectUncited(message: string): void {
  expect(message).not.toMatch(/^(《[^》]+》)?第[一二三四五六七八九十百零、]+条/);
}

/** The DomainError a decision throws; fails when it emits events instead. */
export function refusalOf(decide: () => Array<{ type: string }>): DomainError {
  let emitted: Array<{ type: string }>;
  try {
    emitted = decide();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`not refused: ${JSON.stringify(emitted.map((e) => e.type))}`);
}
