import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../electron/engine/progress';
import { reconnectDelayMs } from '../../electron/engine/backoff';

describe('RateMeter', () => {
  it('converges on a steady throughput', () => {
    const m = new RateMeter(0);
    let rate = 0;
    for (let t = 250; t <= 5000; t += 250) rate = m.sample(t * 1000, t); // 1,000,000 B/s
    expect(rate).toBeCloseTo(1_000_000, -3);
  });

  it('ignores samples closer together than its window', () => {
    const m = new RateMeter(0);
    expect(m.sample(500, 10)).toBe(0);
  });
});

describe('reconnectDelayMs', () => {
  it('doubles from 250 ms and stops at 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((a) => reconnectDelayMs(a))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });
});
