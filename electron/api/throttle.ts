/**
 * Calls `emit` with the newest value at most once per `intervalMs`; the
 * last value before `flush()` is never lost. Keeps fast progress sources
 * (a save reports every 64 KiB chunk) from flooding any transport.
 */
export class Throttle<T> {
  private last = -Infinity;
  private pending: { value: T } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (value: T) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(value: T): void {
    const t = this.now();
    if (t - this.last >= this.intervalMs) {
      this.last = t;
      this.pending = undefined;
      this.emit(value);
      return;
    }
    this.pending = { value };
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs - (t - this.last));
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending) {
      const { value } = this.pending;
      this.pending = undefined;
      this.last = this.now();
      this.emit(value);
    }
  }

  /** Drop any pending value (the operation ended; its final frame supersedes it). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }
}
