import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Throttle } from '../../electron/api/throttle';

describe('Throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('emits the first value at once, then at most once per interval, ending with the newest', () => {
    const out: number[] = [];
    const t = new Throttle<number>(
      100,
      (v) => out.push(v),
      () => Date.now(),
    );
    for (let i = 1; i <= 50; i++) {
      t.push(i);
      vi.advanceTimersByTime(5); // 50 values over 250 ms
    }
    vi.advanceTimersByTime(200);
    expect(out[0]).toBe(1);
    expect(out.at(-1)).toBe(50);
    expect(out.length).toBeLessThanOrEqual(4);
  });

  it('cancel drops the pending value', () => {
    const out: number[] = [];
    const t = new Throttle<number>(
      100,
      (v) => out.push(v),
      () => Date.now(),
    );
    t.push(1);
    t.push(2);
    t.cancel();
    vi.advanceTimersByTime(500);
    expect(out).toEqual([1]);
  });
});
