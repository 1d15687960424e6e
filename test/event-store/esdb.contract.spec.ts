import { randomUUID } from 'node:crypto';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import { esdbEventStoreContract } from '../support/esdb-contract';

/**
 * The shared contract against a real EventStoreDB / KurrentDB, when one is configured:
 *   EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npx jest test/event-store/esdb
 * Each test gets its own stream-name namespace, so a shared server looks like an empty store.
 */
const connection = process.env.EVENTSTORE_CONNECTION_STRING?.trim();

if (connection) {
  const run = randomUUID().slice(0, 8);
  let n = 0;
  esdbEventStoreContract(`EventStoreDB server (${connection.replace(/\/\/[^@/]*@/, '//***@')})`, async () =>
    EsdbEventStore.connect(connection, { streamPrefix: `contract-${run}-${++n}-` }),
  );
} else {
  console.warn(
    'EventStoreDB contract run NOT EXECUTED: EVENTSTORE_CONNECTION_STRING is not set, so no EventStoreDB server was ' +
      'reachable for this run. Only the in-process gRPC double and the unit tests exercised the adapter ' +
      '(see docs/eventstoredb.md for what that does not prove).',
  );
  describe('EventStoreDB contract against a real server', () => {
    it('EventStoreDB contract: not executed — no server configured (EVENTSTORE_CONNECTION_STRING unset)', () => {
      expect(connection || undefined).toBeUndefined();
    });
  });
}
