'use strict';
// A separate OS process running the projection runner on a data dir, so a test can SIGKILL it
// in the middle of a batch. argv[2] is JSON: { dataDir, blockAt? }. With blockAt = n, the tally
// handler reports its n-th event and then blocks inside the open transaction until killed.
// Without it, the child runs until caught up with the store's head, stops cleanly and exits.
require('../../support/ts-require-hook');
const { ProjectionRunner } = require('../../../src/projections/projection-runner.ts');
const { openStore, streamCounts, tally } = require('./test-projections.ts');

const config = JSON.parse(process.argv[2]);
const report = (line) => process.stdout.write(JSON.stringify(line) + '\n');

let applied = 0;
const onApply = (position) => {
  applied += 1;
  if (applied !== config.blockAt) return;
  report({ t: 'in-batch', position, applied });
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
};

async function main() {
  const store = openStore(config.dataDir);
  const runner = new ProjectionRunner({ store, dataDir: config.dataDir, synchronous: 'FULL', definitions: [tally(onApply), streamCounts()], rebuildBatch: 2000 });
  await runner.start();
  report({ t: 'ready' });
  if (config.blockAt) return; // runs until killed
  await runner.waitForPosition('all', await store.headPosition(), 120_000);
  await runner.stop();
  await store.close();
  report({ t: 'caught-up', applied });
}

main().catch((error) => {
  report({ t: 'error', m: String((error && error.stack) || error) });
  process.exit(1);
});
