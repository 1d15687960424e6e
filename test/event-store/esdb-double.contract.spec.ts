import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import { esdbEventStoreContract } from '../support/esdb-contract';
import { EsdbDoubleNode } from '../support/esdb-grpc-double';

/**
 * The shared contract through the real @eventstore/db-client over 127.0.0.1 against the
 * in-process gRPC double — the client's batch append (what current servers advertise) and its
 * unary append (older servers). Proves the adapter + client wiring, not the server.
 */
for (const batchAppend of [true, false]) {
  describe(batchAppend ? 'via BatchAppend' : 'via unary Append', () => {
    const node = new EsdbDoubleNode(undefined, batchAppend);
    let n = 0;
    beforeAll(() => node.start());
    afterAll(() => node.stop());
    esdbEventStoreContract(`EventStoreDB gRPC double (${batchAppend ? 'batch' : 'unary'} append)`, async () =>
      EsdbEventStore.connect(node.connectionString, { streamPrefix: `contract-${++n}-` }),
    );
  });
}
