'use strict';
// A separate OS process that appends to a SQLite event store and reports every acknowledged
// append on stdout as a JSON line. Used by the durability (SIGKILL) and multi-process specs.
// argv[2] is a JSON config (see AppenderConfig in child-harness.ts).
require('./ts-require-hook');
const { randomUUID } = require('node:crypto');
const { SqliteEventStore } = require('../../src/event-store/sqlite/sqlite-event-store.ts');
const { ConcurrencyError } = require('../../src/event-store/errors.ts');

const config = JSON.parse(process.argv[2]);
const store = new SqliteEventStore({ file: config.file, synchronous: 'FULL', pollIntervalMs: config.pollIntervalMs });
const padding = 'x'.repeat(400); // ~500 B payload, like the benchmark

// Pipes are synchronous on Linux, so a printed line has left this process before the next kill.
const report = (line) => process.stdout.write(JSON.stringify(line) + '\n');

function makeEvents(count) {
  return Array.from({ length: count }, () => ({
    eventId: randomUUID(),
    type: 'test.appended',
    schemaVersion: 1,
    data: { pid: process.pid, padding },
    metadata: { actor: { id: 'child', name: 'child' }, unit: 'u', role: 'r', commandId: randomUUID(), correlationId: 'c', causationId: 'c' },
    recordedAt: new Date().toISOString(),
  }));
}

let attempts = 0;
let sawOther = false;

async function headRevision(stream) {
  const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
  if (stream === config.shared && last && last.data.pid !== process.pid) sawOther = true;
  return last ? last.revision : -1;
}

async function appendOnce(stream, revision) {
  const events = makeEvents(1 + Math.floor(Math.random() * 3));
  const expectedRevision = revision < 0 ? 'no_stream' : revision;
  const result = await store.appendToStream(stream, events, { expectedRevision });
  report({ t: 'ack', s: stream, r: result.nextExpectedRevision, ids: events.map((e) => e.eventId) });
  return result.nextExpectedRevision;
}

// Each worker owns its own streams (no conflicts there); the shared stream is contended.
async function worker(w, budget) {
  const owned = [];
  for (let i = w; i < config.streamCount; i += config.workers) owned.push(`${config.prefix}-${i}`);
  const heads = new Map();
  for (const s of owned) heads.set(s, await headRevision(s));
  while (budget.left-- > 0 || (config.untilOtherSeen && !sawOther)) {
    attempts++;
    if (config.shared && Math.random() < 0.2) {
      try {
        await appendOnce(config.shared, await headRevision(config.shared));
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        report({ t: 'conflict', s: config.shared });
      }
      continue;
    }
    const s = owned[Math.floor(Math.random() * owned.length)];
    heads.set(s, await appendOnce(s, heads.get(s)));
  }
}

async function main() {
  const budget = { left: config.appends ?? Infinity };
  report({ t: 'ready' });
  // Lets a parent start several children at the same instant, after their slow start-up.
  if (config.waitForGo) await new Promise((resolve) => process.stdin.once('data', resolve));
  await Promise.all(Array.from({ length: config.workers }, (_, w) => worker(w, budget)));
  await store.close();
  report({ t: 'done', attempts, sawOther });
}

main().catch((error) => {
  report({ t: 'error', m: String(error && error.stack || error) });
  process.exit(1);
});
