/**
 * KurrentDB's own schemes (kurrentdb://, kdb://, with +discover) name the same thing as
 * esdb://, but @eventstore/db-client 6.x only parses esdb:// and esdb+discover://.
 */
export function toClientConnectionString(connection: string): string {
  return connection.trim().replace(/^(?:kurrentdb|kdb)(\+discover)?:\/\//i, (_, discover: string | undefined) => `esdb${discover ?? ''}://`);
}
