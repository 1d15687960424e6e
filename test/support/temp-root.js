// Jest globalSetup/globalTeardown: every temporary directory a test (or a process it spawns)
// makes with os.tmpdir() lands under one root per run, removed at the end, so runs do not
// fill /tmp. A run that is killed leaves its root behind; KEEP_TEST_TMP=1 keeps it on purpose.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports.setup = async () => {
  const root = mkdtempSync(join(tmpdir(), 'gw-test-run-'));
  process.env.GW_TEST_TMP_ROOT = root;
  process.env.TMPDIR = root;
};

module.exports.teardown = async () => {
  const root = process.env.GW_TEST_TMP_ROOT;
  if (!root || process.env.KEEP_TEST_TMP) return;
  try {
    rmSync(root, { recursive: true, force: true });
  } catch (error) {
    // e.g. a tmpfs a failed faults test left mounted: say so, do not hide the tests' outcome.
    process.stderr.write(`could not remove ${root}: ${error.message}\n`);
  }
};
