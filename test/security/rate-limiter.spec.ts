import { TokenBucketLimiter, writeRateKey } from '../../src/security/rate-limiter';

describe('token-bucket rate limiter', () => {
  it('allows a burst of perMinute, then refills continuously and says when to retry', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('keeps memory bounded: past maxKeys the refilled, then the least recently used buckets go', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(2, () => now, 3);
    limiter.take('a');
    limiter.take('a');
    for (const k of ['b', 'c', 'd', 'e']) limiter.take(k);
    expect(limiter.take('a').allowed).toBe(true); // evicted: a fresh bucket (bounded memory wins over one key's history)
    now += 60_000;
    expect(limiter.take('z').allowed).toBe(true);
  });

  it('keys writes by the hashed bearer token (never the token itself), else by address; reads are not limited', () => {
    const key = writeRateKey('POST', 'Bearer abc.def.ghi', '10.0.0.1')!;
    expect(key).toMatch(/^t:[\w-]{22}$/);
    expect(key).not.toContain('abc');
    expect(writeRateKey('POST', undefined, '10.0.0.1')).toBe('ip:10.0.0.1');
    expect(writeRateKey('GET', 'Bearer abc', '10.0.0.1')).toBeUndefined();
  });
});
