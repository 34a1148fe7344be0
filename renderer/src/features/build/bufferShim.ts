/**
 * dockerfile-ast looks for a UTF-8 byte-order mark with Node's
 * `Buffer.from(char, 'UTF-8')` (its only use of Buffer); a browser or a
 * sandboxed renderer has no Buffer. This gives it the one function it
 * calls, only where Buffer is missing.
 */
const g = globalThis as { Buffer?: unknown };
g.Buffer ??= { from: (s: string) => new TextEncoder().encode(s) };

export {};
