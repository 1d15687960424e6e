import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as PbEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { AllStreamPosition, Empty, StreamIdentifier, UUID, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';

/**
 * An in-process double of EventStoreDB's gRPC Streams service (plus ServerFeatures and Gossip),
 * built from @eventstore/db-client's own generated service definitions, so the real client
 * talks to it over 127.0.0.1. It models what the adapter relies on, as we understand the
 * server: expected-revision checks and idempotency, inclusive $all reads, exclusive
 * subscriptions, system records in $all, StreamNotFound. See docs/eventstoredb.md for what it
 * does not prove.
 */

interface StoredRecord {
  stream: string;
  revision: number;
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  created: bigint;
  position: bigint;
}

type Expected = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: number };
type Proposed = { id: string; type: string; contentType: string; data: Uint8Array; metadata: Uint8Array };
type Outcome =
  | { ok: true; revision: number; position: bigint | undefined }
  | { ok: false; current: number; expected: Expected };

interface Live {
  call: grpc.ServerWritableStream<ReadReq, ReadResp>;
  matches: (r: StoredRecord) => boolean;
}

/** The log and streams: shared by every node of a simulated cluster, as replication would. */
export class EsdbDoubleState {
  readonly log: StoredRecord[] = [];
  readonly streams = new Map<string, StoredRecord[]>();
  readonly live = new Set<Live>();
  private nextPosition = 1024n;
  private appends = 0;

  constructor(private readonly systemRecordEvery = 3) {
    // A fresh server's log starts with system records.
    this.write('$settings', [{ id: randomUUID(), type: '$settings', contentType: 'application/json', data: new Uint8Array(Buffer.from('{}')), metadata: new Uint8Array() }]);
  }

  append(stream: string, expected: Expected, proposed: Proposed[]): Outcome {
    const events = this.streams.get(stream) ?? [];
    const current = events.length - 1;
    // Idempotency as the server's commit check does it: the same ids where the expected
    // revision says they would be succeed without writing; a partial match is a conflict.
    const replay = (from: number): Outcome | undefined => {
      const matched = proposed.every((p, i) => events[from + i]?.id === p.id);
      if (matched && proposed.length > 0) return { ok: true, revision: from + proposed.length - 1, position: undefined };
      return undefined;
    };
    if (expected.kind === 'stream_exists' && current < 0) return { ok: false, current, expected };
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      const first = proposed[0] && events.findIndex((e) => e.id === proposed[0]!.id);
      if (first !== undefined && first >= 0) return replay(first) ?? { ok: false, current, expected };
    } else {
      const at = expected.kind === 'no_stream' ? -1 : expected.revision;
      if (at < current) return replay(at + 1) ?? { ok: false, current, expected };
      if (at > current) return { ok: false, current, expected };
    }
    if (proposed.length === 0) return { ok: true, revision: current, position: undefined };
    const written = this.write(stream, proposed);
    if (++this.appends % this.systemRecordEvery === 0) {
      this.write('$stats-127.0.0.1:2113', [{ id: randomUUID(), type: '$statsCollected', contentType: 'application/json', data: new Uint8Array(Buffer.from('{}')), metadata: new Uint8Array() }]);
    }
    // Modern servers answer (commit, commit) of the write, which need not be the last event's
    // (commit, prepare); the double answers the first event's position to keep callers honest.
    return { ok: true, revision: written[written.length - 1]!.revision, position: written[0]!.position };
  }

  private write(stream: string, proposed: Proposed[]): StoredRecord[] {
    const events = this.streams.get(stream) ?? [];
    this.streams.set(stream, events);
    const written = proposed.map((p) => {
      const record: StoredRecord = {
        ...p,
        stream,
        revision: events.length,
        created: BigInt(Date.now()) * 10_000n,
        position: this.nextPosition,
      };
      this.nextPosition += BigInt(128 + p.data.length + p.metadata.length);
      events.push(record);
      this.log.push(record);
      return record;
    });
    for (const sub of this.live) for (const r of written) if (sub.matches(r)) sub.call.write(eventResp(r));
    return written;
  }
}

export interface FaultPlan {
  /** Fail the next N Read calls (reads and subscriptions) with UNAVAILABLE. */
  failReads?: number;
}

/** One node: a gRPC server on 127.0.0.1 over a (possibly shared) state. */
export class EsdbDoubleNode {
  private server: grpc.Server | undefined;
  port = 0;
  leader = true;
  /** Other nodes' ports, reported by gossip. */
  peers: EsdbDoubleNode[] = [];
  readonly faults: FaultPlan = {};
  private readonly calls = new Set<grpc.ServerWritableStream<ReadReq, ReadResp>>();

  constructor(readonly state = new EsdbDoubleState(), private readonly advertiseBatchAppend = true) {}

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  async start(port = this.port): Promise<this> {
    const server = new grpc.Server();
    server.addService(StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
      append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, done: grpc.sendUnaryData<AppendResp>) => this.unaryAppend(call, done),
      batchAppend: (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => this.batchAppend(call),
    } as unknown as grpc.UntypedServiceImplementation);
    server.addService(ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, done: grpc.sendUnaryData<SupportedMethods>) => done(null, this.features()),
    } as unknown as grpc.UntypedServiceImplementation);
    server.addService(GossipService, {
      read: (_call: unknown, done: grpc.sendUnaryData<ClusterInfo>) => done(null, this.gossip()),
    } as unknown as grpc.UntypedServiceImplementation);
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    this.server = server;
    return this;
  }

  /** Like a node going away: open calls fail, new connections are refused. */
  async stop(): Promise<void> {
    this.dropSubscriptions();
    this.server?.forceShutdown();
    this.server = undefined;
  }

  /** Drops every open subscription with an error (or, with `cleanly`, an OK end of stream). */
  dropSubscriptions(cleanly = false): number {
    let n = 0;
    for (const live of [...this.state.live]) {
      if (!this.calls.has(live.call)) continue;
      this.state.live.delete(live);
      this.calls.delete(live.call);
      if (cleanly) live.call.end();
      else live.call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'double: subscription dropped' });
      n++;
    }
    return n;
  }

  private features(): SupportedMethods {
    const methods = ['Read', 'Append', ...(this.advertiseBatchAppend ? ['BatchAppend'] : [])].map((name) =>
      new SupportedMethod().setServiceName('event_store.client.streams.Streams').setMethodName(name),
    );
    return new SupportedMethods().setEventStoreServerVersion('24.10.0-double').setMethodsList(methods);
  }

  private gossip(): ClusterInfo {
    const members = [this, ...this.peers].map((node) =>
      new MemberInfo()
        .setInstanceId(new UUID().setString(`00000000-0000-4000-8000-${node.port.toString().padStart(12, '0')}`))
        .setIsAlive(node.server !== undefined)
        .setState(node.leader ? MemberInfo.VNodeState.LEADER : MemberInfo.VNodeState.FOLLOWER)
        .setHttpEndPoint(new EndPoint().setAddress('127.0.0.1').setPort(node.port)),
    );
    return new ClusterInfo().setMembersList(members);
  }

  private read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    if ((this.faults.failReads ?? 0) > 0) {
      this.faults.failReads!--;
      call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'double: injected failure' });
      return;
    }
    const options = call.request.getOptions()!;
    if (options.hasSubscription()) return this.subscribe(call, options);
    const count = Number(options.getCount());
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    let records: StoredRecord[];
    if (options.hasStream()) {
      const stream = options.getStream()!;
      const name = Buffer.from(stream.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const events = this.state.streams.get(name);
      if (!events) {
        call.write(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(name)))));
        call.end();
        return;
      }
      const from = stream.hasRevision() ? Number(stream.getRevision()) : stream.hasEnd() ? events.length - 1 : 0;
      records = backwards ? events.filter((e) => e.revision <= from).reverse() : events.filter((e) => e.revision >= from);
    } else {
      const all = options.getAll()!;
      const log = this.state.log;
      if (backwards) {
        // Backwards from a position: the records before it (the adapter copes either way).
        records = all.hasPosition() ? log.filter((r) => r.position < BigInt(all.getPosition()!.getCommitPosition())).reverse() : all.hasEnd() ? [...log].reverse() : [];
      } else {
        // Forwards from a position includes the record at that position.
        records = all.hasPosition() ? log.filter((r) => r.position >= BigInt(all.getPosition()!.getCommitPosition())) : all.hasStart() ? [...log] : [];
      }
    }
    for (const r of records.slice(0, count)) call.write(eventResp(r));
    call.end();
  }

  private subscribe(call: grpc.ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options): void {
    const matches = filterOf(options);
    const all = options.getAll();
    const log = this.state.log;
    const after = all?.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : undefined;
    const backlog = all?.hasEnd() ? [] : after === undefined ? [...log] : log.filter((r) => r.position > after);
    call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
    for (const r of backlog) if (matches(r)) call.write(eventResp(r));
    call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    const live: Live = { call, matches };
    this.state.live.add(live);
    this.calls.add(call);
    const forget = () => {
      this.state.live.delete(live);
      this.calls.delete(call);
    };
    call.on('cancelled', forget);
    call.on('close', forget);
  }

  private unaryAppend(call: grpc.ServerReadableStream<AppendReq, AppendResp>, done: grpc.sendUnaryData<AppendResp>): void {
    let options: AppendReq.Options | undefined;
    const proposed: Proposed[] = [];
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) options = req.getOptions();
      else proposed.push(proposedOf(req.getProposedMessage()!));
    });
    call.on('end', () => {
      const stream = Buffer.from(options!.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const expected: Expected = options!.hasRevision()
        ? { kind: 'revision', revision: Number(options!.getRevision()) }
        : options!.hasNoStream() ? { kind: 'no_stream' } : options!.hasStreamExists() ? { kind: 'stream_exists' } : { kind: 'any' };
      const outcome = this.leaderOnly() ?? this.state.append(stream, expected, proposed);
      if ('code' in outcome) return done(outcome as grpc.ServiceError);
      const resp = new AppendResp();
      if (outcome.ok) {
        const success = new AppendResp.Success();
        if (outcome.revision < 0) success.setNoStream(new Empty());
        else success.setCurrentRevision(String(outcome.revision));
        if (outcome.position === undefined) success.setNoPosition(new Empty());
        else success.setPosition(new AppendResp.Position().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)));
        resp.setSuccess(success);
      } else {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (outcome.current < 0) wrong.setCurrentNoStream(new Empty());
        else wrong.setCurrentRevision(String(outcome.current));
        if (outcome.expected.kind === 'revision') wrong.setExpectedRevision(String(outcome.expected.revision));
        else if (outcome.expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
        else if (outcome.expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
        else wrong.setExpectedAny(new Empty());
        resp.setWrongExpectedVersion(wrong);
      }
      done(null, resp);
    });
  }

  private batchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    const pending = new Map<string, { options: BatchAppendReq.Options; proposed: Proposed[] }>();
    call.on('data', (req: BatchAppendReq) => {
      const correlation = req.getCorrelationId()!;
      const key = JSON.stringify(correlation.toObject());
      const entry = pending.get(key) ?? { options: req.getOptions()!, proposed: [] };
      entry.proposed.push(...req.getProposedMessagesList().map(proposedOf));
      if (!req.getIsFinal()) return void pending.set(key, entry);
      pending.delete(key);
      const o = entry.options;
      const stream = Buffer.from(o.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const expected: Expected = o.hasStreamPosition()
        ? { kind: 'revision', revision: Number(o.getStreamPosition()) }
        : o.hasNoStream() ? { kind: 'no_stream' } : o.hasStreamExists() ? { kind: 'stream_exists' } : { kind: 'any' };
      const resp = new BatchAppendResp().setCorrelationId(correlation).setStreamIdentifier(o.getStreamIdentifier());
      const notLeader = this.leaderOnly();
      if (notLeader) {
        call.emit('error', notLeader);
        return;
      }
      const outcome = this.state.append(stream, expected, entry.proposed);
      if (outcome.ok) {
        const success = new BatchAppendResp.Success();
        if (outcome.revision < 0) success.setNoStream(new PbEmpty());
        else success.setCurrentRevision(String(outcome.revision));
        if (outcome.position === undefined) success.setNoPosition(new PbEmpty());
        else success.setPosition(new AllStreamPosition().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)));
        resp.setSuccess(success);
      } else {
        const wrong = new WrongExpectedVersion();
        if (outcome.current < 0) wrong.setCurrentNoStream(new PbEmpty());
        else wrong.setCurrentStreamRevision(String(outcome.current));
        if (outcome.expected.kind === 'revision') wrong.setExpectedStreamPosition(String(outcome.expected.revision));
        else if (outcome.expected.kind === 'no_stream') wrong.setExpectedNoStream(new PbEmpty());
        else if (outcome.expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new PbEmpty());
        else wrong.setExpectedAny(new PbEmpty());
        const details = new Any();
        details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
        resp.setError(new Status().setCode(9).setMessage('WrongExpectedVersion').setDetails(details));
      }
      call.write(resp);
    });
    call.on('end', () => call.end());
  }

  /** A follower refuses writes the way the server does, naming the leader. */
  private leaderOnly(): grpc.ServiceError | undefined {
    if (this.leader) return undefined;
    const leader = this.peers.find((p) => p.leader);
    const metadata = new grpc.Metadata();
    metadata.set('exception', 'not-leader');
    metadata.set('leader-endpoint-host', '127.0.0.1');
    metadata.set('leader-endpoint-port', String(leader?.port ?? 0));
    return Object.assign(new Error('Leader info available'), { code: grpc.status.NOT_FOUND, details: 'Leader info available', metadata });
  }
}

function proposedOf(m: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): Proposed {
  const uuid = m.getId()!;
  const id = uuid.hasString() ? uuid.getString() : structuredToString(uuid.getStructured()!);
  // The server keeps ids as GUIDs: it refuses anything else and returns them lower-case.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new Error(`double: not a UUID: ${id}`);
  const map = m.getMetadataMap();
  return {
    id: id.toLowerCase(),
    type: map.get('type') ?? '',
    contentType: map.get('content-type') ?? 'application/octet-stream',
    data: m.getData_asU8(),
    metadata: m.getCustomMetadata_asU8(),
  };
}

function structuredToString(s: UUID.Structured): string {
  const buffer = Buffer.alloc(16);
  buffer.writeBigUInt64BE(BigInt.asUintN(64, BigInt(s.getMostSignificantBits())), 0);
  buffer.writeBigUInt64BE(BigInt.asUintN(64, BigInt(s.getLeastSignificantBits())), 8);
  const hex = buffer.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function eventResp(r: StoredRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(r.id))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(r.stream)))
    .setStreamRevision(String(r.revision))
    .setCommitPosition(String(r.position))
    .setPreparePosition(String(r.position))
    .setData(r.data)
    .setCustomMetadata(r.metadata);
  recorded.getMetadataMap().set('type', r.type).set('content-type', r.contentType).set('created', String(r.created));
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(r.position)));
}

function filterOf(options: ReadReq.Options): (r: StoredRecord) => boolean {
  if (!options.hasFilter()) return () => true;
  const f = options.getFilter()!;
  const onStream = f.hasStreamIdentifier();
  const expr = onStream ? f.getStreamIdentifier()! : f.getEventType()!;
  const prefixes = expr.getPrefixList();
  const regex = expr.getRegex() ? new RegExp(expr.getRegex()) : undefined;
  return (r) => {
    const subject = onStream ? r.stream : r.type;
    return prefixes.length > 0 ? prefixes.some((p) => subject.startsWith(p)) : regex ? regex.test(subject) : true;
  };
}
