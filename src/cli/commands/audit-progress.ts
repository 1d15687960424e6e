/** A progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDecile = -1;
  return {
    update(events: number, position: string, head: string): void {
      const fraction = fractionOf(position, head);
      const rate = Math.round(events / Math.max((Date.now() - started) / 1000, 0.001));
      const pct = fraction === undefined ? '' : `${(fraction * 100).toFixed(1).padStart(5)}% `;
      const bar = fraction === undefined ? '' : `[${'#'.repeat(Math.round(fraction * 30)).padEnd(30, '.')}] `;
      const line = `${bar}${pct}${events.toLocaleString('en-US')} 个事件 events · ${rate.toLocaleString('en-US')}/s`;
      if (stream.isTTY) stream.write(`\r${line}`);
      else {
        const decile = fraction === undefined ? Math.floor(events / 100_000) : Math.floor(fraction * 10);
        if (decile !== lastDecile) stream.write(`${line}\n`);
        lastDecile = decile;
      }
    },
    done(): void {
      if (stream.isTTY) stream.write('\n');
    },
  };
}

/** SQLite positions are decimal, EventStoreDB's `commit-prepare` in hex. */
function fractionOf(position: string, head: string): number | undefined {
  const value = (p: string) => (/^\d+$/.test(p) ? BigInt(p) : /^[0-9a-f]{16}-/.test(p) ? BigInt(`0x${p.slice(0, 16)}`) : undefined);
  const a = value(position);
  const b = value(head);
  if (a === undefined || b === undefined || b === 0n) return undefined;
  return Math.min(1, Number((a * 10_000n) / b) / 10_000);
}
