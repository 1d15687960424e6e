import { CommandExecutor } from '../../src/command-handling/command-executor';
import type { Actor } from '../../src/domain/decider';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import type { IssuanceCommand } from '../../src/issuance/domain/issuance-commands';
import { IssueDocumentService } from '../../src/issuance/issue-document.service';
import { issuanceAggregate } from '../../src/issuance/issuance.aggregate';
import { DocumentNumberSequence } from '../../src/issuance/numbering/document-number-sequence';
import { parseDocumentNumber } from '../../src/issuance/numbering/document-number';
import { A, deps } from './fixtures';
import { DomainError } from '../../src/domain/domain-error';

describe('印发 through the sequence (IssueDocumentService)', () => {
  let store: SqliteEventStore;
  let executor: CommandExecutor;
  let service: IssueDocumentService;
  let sequence: DocumentNumberSequence;
  const clock = { now: () => new Date('2026-04-10T02:00:00Z') };
  const aggregate = issuanceAggregate(deps);

  beforeEach(() => {
    store = new SqliteEventStore({ file: ':memory:' });
    executor = new CommandExecutor(store, clock);
    sequence = new DocumentNumberSequence(store);
    service = new IssueDocumentService(store, executor, aggregate, sequence, clock);
  });
  afterEach(() => store.close());

  const run = (id: string, command: IssuanceCommand, actor: Actor) => executor.execute({ aggregate, id, command, actor });
  async function signedDecision(id: string): Promise<void> {
    await run(id, { type: 'draft', title: `关于${id}的决定`, issuer: 'government', category: 'decision', draftingUnit: 'education' }, A.officeClerk);
    await run(id, { type: 'review' }, A.officeDirector);
    await run(id, { type: 'sign' }, A.mayor);
  }
  const issuedNumber = async (id: string) =>
    (await store.readStream(`issuance-${id}`)).find((e) => e.type === 'issuance.issued')?.data.documentNumber;

  it('40 documents issued concurrently get 张政发〔2026〕1号 … 40号, each exactly once', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `d${i}`);
    for (const id of ids) await signedDecision(id);
    const results = await Promise.all(ids.map((id) => service.issue({ id, actor: A.officeClerk })));
    const numbers = results.map((r) => r.documentNumber).sort((a, b) => parseDocumentNumber(a)!.sequence - parseDocumentNumber(b)!.sequence);
    expect(numbers).toEqual(ids.map((_, i) => `张政发〔2026〕${i + 1}号`));
    for (const [i, id] of ids.entries()) expect(await issuedNumber(id)).toBe(results[i]!.documentNumber);
  });

  it('an actor the permission matrix refuses takes no number (so start-up repair cannot issue on their behalf)', async () => {
    await signedDecision('a');
    const refusing = {
      authorize: () => {
        throw new DomainError('forbidden', 'OFFICE_ONLY', '只有市政府办公室可以印发');
      },
    };
    const guarded = new IssueDocumentService(store, executor, aggregate, sequence, clock, refusing);
    await expect(guarded.issue({ id: 'a', actor: A.officeClerk })).rejects.toMatchObject({ code: 'OFFICE_ONLY' });
    expect(await store.readStream(DocumentNumberSequence.streamId('张政发', 2026))).toHaveLength(0);
    expect(await service.completePending()).toEqual([]);
  });

  it('retrying an issue returns the same number and writes nothing new', async () => {
    await signedDecision('a');
    const first = await service.issue({ id: 'a', actor: A.officeClerk });
    const again = await service.issue({ id: 'a', actor: A.officeClerk });
    expect(again.documentNumber).toBe(first.documentNumber);
    expect(await store.readStream(DocumentNumberSequence.streamId('张政发', 2026))).toHaveLength(1);
    expect((await store.readStream('issuance-a')).filter((e) => e.type === 'issuance.issued')).toHaveLength(1);
  });

  it('a crash between the reservation and the issued event is completed at start-up with the reserved number', async () => {
    await signedDecision('a');
    await signedDecision('b');
    // The process reserved 1号 for b and died before appending b's issued event.
    await sequence.reserve({ code: '张政发', year: 2026, documentId: 'issuance-b', actor: A.officeClerk, now: clock.now() });
    await service.issue({ id: 'a', actor: A.officeClerk });
    const completed = await service.completePending();
    expect(completed.map((r) => r.documentNumber)).toEqual(['张政发〔2026〕1号']);
    expect(await issuedNumber('b')).toBe('张政发〔2026〕1号');
    expect(await issuedNumber('a')).toBe('张政发〔2026〕2号');
    expect(await service.completePending()).toEqual([]);
  });

  it('no number is taken for a document that cannot be issued (not signed, or the wrong actor)', async () => {
    await run('u', { type: 'draft', title: '未签发的决定', issuer: 'government', category: 'decision', draftingUnit: 'education' }, A.officeClerk);
    await expect(service.issue({ id: 'u', actor: A.officeClerk })).rejects.toMatchObject({ code: 'NOT_SIGNED' });
    await signedDecision('s');
    await expect(service.issue({ id: 's', actor: A.eduClerk })).rejects.toMatchObject({ code: 'NOT_ISSUER_OFFICE' });
    expect(await store.readStream(DocumentNumberSequence.streamId('张政发', 2026))).toHaveLength(0);
  });
});
