import dns from 'node:dns';
import net from 'node:net';

/**
 * All test traffic stays on loopback. Installed in a test process (and,
 * through loopbackGuardChild.ts, in the serve processes tests start), this
 * refuses and records every DNS lookup of a name that is not loopback and
 * every connection to a host that is not loopback. Unix sockets and
 * 127.0.0.0/8, ::1 and "localhost" pass. TLS sockets (tls.connect, https)
 * are net.Sockets and connect through the same patched method. A refusal reaches the caller as an
 * ordinary network error (ENOTFOUND / ECONNREFUSED), so the code under test
 * behaves as it would offline; the record is what a test asserts on.
 */
export interface GuardAttempt {
  kind: 'dns' | 'connect';
  target: string;
}

const V4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export const isLoopbackHost = (host: string): boolean => {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (V4_LOOPBACK.test(h)) return true;
  if (h.startsWith('::ffff:')) return V4_LOOPBACK.test(h.slice('::ffff:'.length));
  if (net.isIPv6(h)) {
    // ::1 in any spelling (0:0:0:0:0:0:0:1, ::0:1).
    const groups = h.split('::');
    const all = groups.length === 2 ? [groups[0], groups[1]] : [h, ''];
    const parts = all.flatMap((g) => (g ? g.split(':') : []));
    return parts.length > 0 && parts.slice(0, -1).every((p) => /^0+$/.test(p)) && /^0*1$/.test(parts.at(-1) ?? '');
  }
  return false;
};

type Listener = (attempt: GuardAttempt) => void;

let installed: { restore: () => void; listeners: Set<Listener> } | undefined;
const attempts: GuardAttempt[] = [];

const record = (attempt: GuardAttempt): void => {
  attempts.push(attempt);
  for (const l of installed?.listeners ?? []) l(attempt);
};

const refusal = (code: 'ENOTFOUND' | 'ECONNREFUSED', target: string): NodeJS.ErrnoException => {
  const err: NodeJS.ErrnoException = new Error(`loopback guard: ${target} is not on loopback (refused in tests)`);
  err.code = code;
  return err;
};

/** The host a `socket.connect(...)` call names, or undefined for a unix socket / pipe. */
const connectTarget = (args: unknown[]): string | undefined => {
  // net.connect passes its normalized arguments as one array.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first !== null && typeof first === 'object') {
    const o = first as { path?: unknown; host?: unknown };
    if (typeof o.path === 'string') return undefined;
    return typeof o.host === 'string' && o.host !== '' ? o.host : 'localhost';
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined; // a path
  return typeof args[1] === 'string' ? args[1] : 'localhost';
};

type AnyFn = (...args: unknown[]) => unknown;

/** Installs the guard (once; later calls add a listener). Returns a function that removes the listener. */
export const installLoopbackGuard = (onAttempt?: Listener): (() => void) => {
  if (!installed) {
    const restores: (() => void)[] = [];
    const patch = <T extends object>(obj: T, key: keyof T & string, make: (orig: AnyFn) => AnyFn) => {
      const orig = obj[key] as unknown as AnyFn;
      if (typeof orig !== 'function') return;
      (obj as Record<string, unknown>)[key] = make(orig);
      restores.push(() => ((obj as Record<string, unknown>)[key] = orig));
    };

    patch(
      dns,
      'lookup',
      (orig) =>
        function (this: unknown, ...args: unknown[]) {
          const host = String(args[0]);
          // An IP literal needs no DNS; connecting to it is what the socket patch checks.
          if (isLoopbackHost(host) || net.isIP(host) !== 0) return orig.apply(this, args);
          record({ kind: 'dns', target: host });
          const cb = args.at(-1);
          if (typeof cb === 'function') process.nextTick(() => (cb as AnyFn)(refusal('ENOTFOUND', host)));
          return undefined;
        },
    );
    patch(
      dns.promises,
      'lookup',
      (orig) =>
        function (this: unknown, ...args: unknown[]) {
          const host = String(args[0]);
          if (isLoopbackHost(host)) return orig.apply(this, args);
          record({ kind: 'dns', target: host });
          return Promise.reject(refusal('ENOTFOUND', host));
        },
    );
    const resolvers = Object.keys(dns).filter((k) => k.startsWith('resolve') || k === 'reverse');
    for (const key of resolvers) {
      patch(dns as unknown as Record<string, AnyFn>, key, () => (...args: unknown[]) => {
        const host = String(args[0]);
        record({ kind: 'dns', target: `${key} ${host}` });
        const cb = args.at(-1);
        if (typeof cb === 'function') process.nextTick(() => (cb as AnyFn)(refusal('ENOTFOUND', host)));
      });
      patch(dns.promises as unknown as Record<string, AnyFn>, key, () => (...args: unknown[]) => {
        const host = String(args[0]);
        record({ kind: 'dns', target: `${key} ${host}` });
        return Promise.reject(refusal('ENOTFOUND', host));
      });
    }

    // Checked before Node looks the host up, so a refused name is never resolved either.
    patch(
      net.Socket.prototype,
      'connect',
      (orig) =>
        function (this: net.Socket, ...args: unknown[]) {
          const host = connectTarget(args);
          if (host === undefined || isLoopbackHost(host)) return orig.apply(this, args);
          record({ kind: 'connect', target: host });
          process.nextTick(() => this.destroy(refusal('ECONNREFUSED', host)));
          return this;
        },
    );
    installed = {
      listeners: new Set(),
      restore: () => {
        for (const r of restores.reverse()) r();
      },
    };
  }
  const state = installed;
  if (onAttempt) state.listeners.add(onAttempt);
  return () => {
    if (onAttempt) state.listeners.delete(onAttempt);
  };
};

/** Every refused attempt in this process since it started (or since clearAttempts). */
export const guardAttempts = (): readonly GuardAttempt[] => attempts;
export const clearAttempts = (): void => {
  attempts.length = 0;
};

/** Removes the guard entirely (unit tests of the guard itself). */
export const uninstallLoopbackGuard = (): void => {
  installed?.restore();
  installed = undefined;
};
