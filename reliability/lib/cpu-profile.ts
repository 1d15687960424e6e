import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** Where a V8 .cpuprofile spends its samples: self time by area and by function, inclusive time of chosen frames. */
export function summarizeProfile(file: string, top = 20): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; startTime: number; endTime: number };
  const total = p.samples.length;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (const s of p.samples) self.set(s, (self.get(s) ?? 0) + 1);

  const area = (url: string, fn: string) => {
    if (!url) return fn.startsWith('(') ? fn : `(native) ${fn}`;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) return pkg[1]!;
    const own = /\/(src|events|projections)\/([^/]+)/.exec(url);
    if (own) return `${own[1]}/${own[2]}`;
    return url.startsWith('node:') ? url.replace(/^node:internal\/([^/]+).*/, 'node:$1') : url;
  };
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, count] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const a = area(url, functionName || '(anonymous)');
    areas.set(a, (areas.get(a) ?? 0) + count);
    const f = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|src|events|dist)\//, '$1/')}:${lineNumber + 1}`;
    fns.set(f, (fns.get(f) ?? 0) + count);
  }
  // Inclusive: samples whose stack contains a frame matching each pattern.
  const inclusive = (pattern: RegExp) => {
    let hits = 0;
    for (const [id, count] of self) {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const { functionName, url } = byId.get(cur)!.callFrame;
        if (pattern.test(`${functionName} ${url}`)) {
          hits += count;
          break;
        }
      }
    }
    return hits;
  };
  const pct = (n: number) => `${((n / total) * 100).toFixed(1).padStart(5)}%`;
  const list = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1]).slice(0, top).map(([k, v]) => `  ${pct(v)}  ${k}`);
  const frames: [string, RegExp][] = [
    ['group commit (SQLite transaction + fsync)', /\bflush\b.*group-commit-writer|commit .*batch-committer/],
    ['event store readStream (SELECT + JSON.parse)', /readStream .*sqlite-event-store/],
    ['command executor (all)', /execute .*command-executor/],
    ['hash chain', /chainEvents|eventHash/],
    ['JWT verify', /verify .*(tokens|jsonwebtoken)/],
    ['class-validator / class-transformer', /class-validator|class-transformer/],
    ['Nest router / pipes / interceptors', /@nestjs\/core\/(router|pipes|interceptors|guards)/],
    ['fastify + light-my-request + http', /node_modules\/fastify\/|_http_/],
    ['helmet', /helmet/],
    ['pino logging', /pino/],
    ['garbage collection', /\(garbage collector\)/],
    ['idle', /\(idle\)/],
  ];
  return [
    `${total} samples over ${((p.endTime - p.startTime) / 1e6).toFixed(1)} s`,
    'self time by area:',
    ...list(areas),
    'self time by function:',
    ...list(fns),
    'inclusive time:',
    ...frames.map(([label, re]) => `  ${pct(inclusive(re))}  ${label}`),
  ].join('\n');
}
