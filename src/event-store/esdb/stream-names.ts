import { EventSerializationError } from './serialization';

/**
 * Maps the port's stream ids to server stream names. An optional prefix puts one
 * deployment (or one contract-test run) in its own namespace of a shared server: only
 * streams under the prefix are read back, and the prefix is stripped on the way out.
 */
export class StreamNames {
  constructor(readonly prefix = '') {
    if (prefix.startsWith('$')) throw new RangeError('a stream prefix must not start with "$" (system streams)');
  }

  toServer(streamId: string): string {
    if (!streamId || streamId.startsWith('$')) {
      throw new EventSerializationError('streamId', '', `must be non-empty and not start with "$" (reserved for system streams), got ${JSON.stringify(streamId)}`);
    }
    return this.prefix + streamId;
  }

  /** The port's stream id, or undefined for a system event or a stream outside our namespace. */
  fromServer(serverStream: string, eventType: string): string | undefined {
    if (isSystem(serverStream, eventType) || !serverStream.startsWith(this.prefix)) return undefined;
    return serverStream.slice(this.prefix.length);
  }
}

/** `$`-streams ($settings, $stats-…, $$metadata) and `$`-types ($>, $metadata) belong to the server. */
export const isSystem = (stream: string, type: string): boolean => stream.startsWith('$') || type.startsWith('$');
