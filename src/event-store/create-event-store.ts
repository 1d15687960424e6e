import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** The embedded SQLite store unless EVENTSTORE_CONNECTION_STRING selects EventStoreDB. */
export function createEventStore(config: AppConfig): EventStore {
  if (config.eventStoreConnectionString) {
    // Loaded lazily so the embedded default never loads the gRPC client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EsdbEventStore } = require('./esdb/esdb-event-store') as {
      EsdbEventStore: { connect(connectionString: string): EventStore };
    };
    return EsdbEventStore.connect(config.eventStoreConnectionString);
  }
  return new SqliteEventStore({ file: join(config.dataDir, 'events.sqlite'), synchronous: config.sqliteSynchronous });
}
