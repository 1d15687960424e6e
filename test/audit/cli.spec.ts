import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditPublicKey } from '../../src/cli/commands/audit-public-key';
import { auditSeal } from '../../src/cli/commands/audit-seal';
import { auditVerify } from '../../src/cli/commands/audit-verify';
import { writeChainedStore } from './support/chained-store';

/** The CLI commands in-process, with DATA_DIR pointing at a generated store. */
describe('audit CLI: seal, public-key, verify', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-cli-audit-'));
  const file = join(dataDir, 'events.sqlite');
  let out = '';
  let err = '';
  const run = async (command: { run(args: string[]): Promise<number> }, args: string[] = []) => {
    out = '';
    err = '';
    const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    try {
      return await command.run(args);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  };

  beforeAll(() => {
    process.env.DATA_DIR = dataDir;
    process.env.LOG_LEVEL = 'silent';
    writeChainedStore(file, 20, 2000);
  });
  afterAll(() => {
    delete process.env.DATA_DIR;
  });

  it('seals (generating the key), prints the anchor and the public key', async () => {
    expect(await run(auditSeal)).toBe(0);
    expect(err).toContain('audit-seal-key.pem');
    expect(out).toMatch(/已封印 #1: .* 2000 个事件, 20 个流/);
    expect(out).toMatch(/锚定 anchor: 1:[0-9a-f]{64}/);
    expect(await run(auditPublicKey)).toBe(0);
    expect(out).toMatch(/^# keyId [0-9a-f]{32}\n-----BEGIN PUBLIC KEY-----/);
    expect(out).not.toContain('PRIVATE');
  });

  it('verify: clean exits 0 with a progress bar on stderr; tampered exits 1 naming the stream and revision', async () => {
    expect(await run(auditVerify)).toBe(0);
    expect(out).toContain('✓ 未发现篡改');
    expect(err).toMatch(/\[#+\.*\]|100\.0%/);
    const db = new Database(file);
    db.prepare(`UPDATE events SET metadata = json_set(metadata, '$.unit', 'finance') WHERE stream_id = 'document-00000007' AND revision = 12`).run();
    db.close();
    expect(await run(auditVerify, ['--json'])).toBe(1);
    const report = JSON.parse(out);
    expect(report.ok).toBe(false);
    expect(report.issues).toContainEqual(expect.objectContaining({ kind: 'HASH_MISMATCH', streamId: 'document-00000007', revision: 12 }));
  });

  it('a store rolled back to an earlier consistent state passes on its own, but not against an external anchor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-cli-anchor-'));
    process.env.DATA_DIR = dir;
    writeChainedStore(join(dir, 'events.sqlite'), 5, 100);
    await run(auditSeal);
    const anchor = /锚定 anchor: (\S+)/.exec(out)![1]!;
    // Delete the seal and hide it from the stream index too: internally consistent again.
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare(`DELETE FROM events WHERE stream_id = 'audit-seals'`).run();
    db.prepare(`DELETE FROM streams WHERE stream_id = 'audit-seals'`).run();
    db.close();
    expect(await run(auditVerify, ['--quiet'])).toBe(0);
    expect(await run(auditVerify, ['--quiet', '--anchor', anchor])).toBe(1);
    expect(out).toContain('外部锚定的封印');
    process.env.DATA_DIR = dataDir;
  });

  it.each([['garbage'], ['1:abc'], ['0:' + 'a'.repeat(64)], [undefined]])('verify --anchor %s is a usage error (exit 2) naming N:merkleRoot, not a tamper finding', async (value) => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-cli-anchor-bad-'));
    process.env.DATA_DIR = dir;
    writeChainedStore(join(dir, 'events.sqlite'), 2, 10);
    try {
      expect(await run(auditVerify, ['--quiet', '--anchor', ...(value === undefined ? [] : [value])])).toBe(2);
      expect(err).toContain('N:merkleRoot');
      expect(out).not.toContain('TAMPERED');
    } finally {
      process.env.DATA_DIR = dataDir;
    }
  });
});
