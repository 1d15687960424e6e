import { fuzzLine, runFuzz } from '../../reliability/fuzz';
import { actors } from '../../reliability/lib/actors';
import { startInProcess } from '../../reliability/lib/app';

describe('malformed-input fuzzing (seeded CI version of npm run reliability:fuzz)', () => {
  it('3000 hostile requests over every operation: no 5xx, always { code, message }, no store change from a rejected request', async () => {
    const s = await runFuzz({ requests: 3000, seed: 20260, raw: 40, log: () => {} });
    process.stdout.write(`${fuzzLine(s)}\n`);
    expect(s.samples).toEqual([]);
    expect(s.storeProblems).toEqual([]);
    expect(s).toMatchObject({ serverErrors: 0, badErrorBodies: 0, storeChanged: 0, uncaught: 0, ok: true });
    expect(s.raw.serverErrors).toBe(0);
    expect(s.endpoints).toBeGreaterThan(20);
  }, 60_000);

  it('a body nested thousands of levels deep is a 400, not a stack overflow (found by the fuzzer)', async () => {
    const t = await startInProcess();
    try {
      for (const payload of ['['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000)]) {
        const res = await t.app.inject({ method: 'POST', url: '/documents', headers: { authorization: `Bearer ${actors().unit('education')}`, 'content-type': 'application/json' }, payload });
        expect(res.statusCode).toBe(400);
        expect(JSON.parse(res.body)).toMatchObject({ code: 'BODY_TOO_DEEP', message: expect.stringContaining('嵌套') });
      }
    } finally {
      await t.close();
    }
  });
});
