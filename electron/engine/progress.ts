import { Transform, type TransformCallback } from 'node:stream';

/**
 * Exponentially smoothed bytes/second, sampled at most every `windowMs`.
 * Pure: `now` is passed in, so tests drive it with fake times.
 */
export class RateMeter {
  private lastBytes = 0;
  private lastTime: number;
  private rate = 0;

  constructor(
    start: number,
    private readonly windowMs = 250,
    private readonly smoothing = 0.3,
  ) {
    this.lastTime = start;
  }

  sample(bytes: number, now: number): number {
    const dt = now - this.lastTime;
    if (dt >= this.windowMs) {
      const instant = ((bytes - this.lastBytes) * 1000) / dt;
      this.rate = this.rate === 0 ? instant : this.rate + this.smoothing * (instant - this.rate);
      this.lastBytes = bytes;
      this.lastTime = now;
    }
    return this.rate;
  }
}

/** Passes bytes through unchanged and reports the running count. */
export class ByteCounter extends Transform {
  bytes = 0;

  constructor(private readonly onBytes: (total: number) => void) {
    super({ highWaterMark: 1024 * 1024 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.onBytes(this.bytes);
    done(null, chunk);
  }
}
