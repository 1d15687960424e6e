import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { toClientConnectionString } from '../../../src/event-store/esdb/connection-string';

describe('EventStoreDB connection strings', () => {
  it.each([
    ['kurrentdb://kdb:2113?tls=false', 'esdb://kdb:2113?tls=false'],
    ['kurrentdb+discover://a:2113,b:2113', 'esdb+discover://a:2113,b:2113'],
    ['kdb://localhost:2113', 'esdb://localhost:2113'],
    ['KurrentDB://localhost:2113', 'esdb://localhost:2113'],
    [' esdb://localhost:2113?tls=false ', 'esdb://localhost:2113?tls=false'],
  ])('%s is given to the client as %s', (given, sent) => {
    expect(toClientConnectionString(given)).toBe(sent);
    expect(() => EventStoreDBClient.connectionString(toClientConnectionString(given))).not.toThrow();
  });

  it.each(['docker-compose.yml', 'docker-compose.cluster.yml'])('the connection string in docker/%s parses', (file) => {
    const text = readFileSync(join(__dirname, '../../../docker', file), 'utf8');
    const [, cs] = /EVENTSTORE_CONNECTION_STRING: "([^"]+)"/.exec(text) ?? [];
    expect(cs).toMatch(/^esdb:\/\//);
    expect(() => EventStoreDBClient.connectionString(cs!)).not.toThrow();
  });
});
