/** Reconnect delays: 250 ms doubling to a 5 s ceiling, so a restarted engine is seen quickly. */
export const reconnectDelayMs = (attempt: number, baseMs = 250, maxMs = 5000): number =>
  Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
