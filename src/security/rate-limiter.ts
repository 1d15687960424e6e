import { hash } from 'node:crypto';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Token buckets per key: `perMinute` writes in a burst, refilled continuously. Memory is
 * bounded: past `maxKeys`, buckets that have refilled are dropped, then the oldest.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(key: string): RateDecision {
    const now = this.now();
    const existing = this.buckets.get(key);
    if (!existing && this.buckets.size >= this.maxKeys) this.evict(now);
    const bucket = existing ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.delete(key); // re-insert: Map order is then least recently used first
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  private evict(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The bucket a request draws from: its bearer token (hashed, never kept as is), else its
 * address. Per token, not per claimed user: an unverified `sub` could drain someone else's.
 * Undefined for reads, which are not limited.
 */
export function writeRateKey(method: string, authorization: string | undefined, ip: string): string | undefined {
  if (!WRITES.has(method)) return undefined;
  const token = /^Bearer\s+(\S+)/i.exec(authorization ?? '')?.[1];
  return token ? `t:${hash('sha256', token, 'base64url').slice(0, 22)}` : `ip:${ip}`;
}
