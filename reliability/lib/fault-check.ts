import { actors, UNITS } from './actors';
import type { Ack } from './store-audit';

/** One HTTP call, in-process (inject) or over a socket; a transport error is { status: 0 }. */
export type Call = (method: 'GET' | 'POST', path: string, token: string, body?: unknown) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface FaultRun {
  acks: Ack[];
  unavailable: number;
  /** The first 503 message, for the report. */
  message?: string;
  failures: string[];
}

const CJK = /[\u4e00-\u9fff]/;

/**
 * Writes under a fault: each answer is a 2xx (recorded) or 503 STORE_UNAVAILABLE with a Chinese
 * message naming `reason`; reads keep working meanwhile; after `recover()` writes resume.
 */
export async function writesUnderFault(
  call: Call,
  head: () => Promise<string>,
  inject: () => Promise<void>,
  recover: () => Promise<void>,
  reason: RegExp,
  maxAttempts = 3000,
): Promise<FaultRun> {
  const a = actors();
  const unit = a.unit(UNITS[0]);
  const run: FaultRun = { acks: [], unavailable: 0, failures: [] };
  const fail = (s: string) => run.failures.length < 20 && run.failures.push(s);
  const submit = async (size: number) => {
    const body = { kind: 'report', title: '故障注入测试报告', mainTo: ['zjg-gov'], summary: '据'.repeat(size) };
    const res = await call('POST', '/documents', unit, body);
    if (res.status === 201) run.acks.push({ step: 'submit', streamId: res.body.streamId, revision: res.body.revision, position: res.body.position, events: res.body.events, replayed: false });
    return res;
  };
  for (let i = 0; i < 5; i++) if ((await submit(100)).status !== 201) fail('a write failed before the fault');
  const known = run.acks[0]!.streamId.slice('document-'.length);

  await inject();
  let consecutive = 0;
  for (let i = 0; i < maxAttempts && consecutive < 5; i++) {
    const before = await head();
    const res = await submit(3000);
    if (res.status === 201) {
      consecutive = 0;
      continue;
    }
    if (res.status !== 503) {
      fail(`write under fault answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      break;
    }
    consecutive++;
    run.unavailable++;
    const { code, message } = res.body ?? {};
    run.message ??= message;
    if (code !== 'STORE_UNAVAILABLE' || !CJK.test(message) || !reason.test(message)) fail(`503 body ${JSON.stringify(res.body)}`);
    if ((await head()) !== before) fail('a refused write moved the head position');
    const read = await call('GET', `/documents/${known}`, unit);
    if (read.status !== 200) fail(`read during the fault answered ${read.status}`);
  }
  if (run.unavailable === 0) fail(`no write was refused in ${maxAttempts} attempts`);
  const live = await call('GET', '/health/live', unit);
  if (live.status !== 200) fail(`/health/live during the fault answered ${live.status}`);

  await recover();
  const after = await submit(100);
  if (after.status !== 201) fail(`write after recovery answered ${after.status} ${JSON.stringify(after.body).slice(0, 200)}`);
  const lifecycle = await call('POST', `/documents/${known}/registration`, a.office, {});
  if (lifecycle.status !== 200) fail(`lifecycle command after recovery answered ${lifecycle.status}`);
  else run.acks.push({ step: 'register', streamId: lifecycle.body.streamId, revision: lifecycle.body.revision, position: lifecycle.body.position, events: lifecycle.body.events, replayed: false });
  return run;
}
