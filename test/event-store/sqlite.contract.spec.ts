import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { eventStoreContract } from './contract';

eventStoreContract('SQLite on a file', async () =>
  new SqliteEventStore({ file: join(mkdtempSync(join(tmpdir(), 'gwdb-')), 'events.sqlite') }),
);

eventStoreContract('SQLite in memory', async () => new SqliteEventStore({ file: ':memory:' }));
