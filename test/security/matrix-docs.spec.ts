import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MATRIX_END, MATRIX_START, renderPermissionMatrix } from '../../src/security/matrix-markdown';

/** docs/security.md prints the matrix from the code; this keeps them identical. */
describe('docs/security.md permission matrix', () => {
  const file = join(__dirname, '../../docs/security.md');

  it('is exactly the table in src/security/permission-matrix.ts (UPDATE_DOCS=1 rewrites it)', () => {
    const doc = readFileSync(file, 'utf8');
    const start = doc.indexOf(MATRIX_START);
    const end = doc.indexOf(MATRIX_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const printed = doc.slice(start, end + MATRIX_END.length);
    const generated = renderPermissionMatrix();
    if (process.env.UPDATE_DOCS === '1' && printed !== generated) {
      writeFileSync(file, doc.slice(0, start) + generated + doc.slice(end + MATRIX_END.length));
      return;
    }
    expect(printed).toBe(generated);
  });
});
