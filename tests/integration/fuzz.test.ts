import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { api, type MethodName } from '../../shared/contract/api';
import { ERROR_CODES, type ApiErrorData } from '../../shared/contract/errors';
import { argsFor, frameText, malformedFrames, rng, safetyOf, validates, type FuzzContext } from '../support/fuzzArgs';
import { dockerCli, imageListing, sandboxEnv } from '../support/sandbox';
import { startServe, type ServeProcess } from '../support/serveProcess';
import { startTrapServer, type TrapServer } from '../support/trapServer';

/**
 * Every contract method, over the real WebSocket of a real serve process
 * on the sandbox engine, with ≥ 1,000 hostile argument sets each, plus
 * malformed frames: no crash, no hang, every refusal a typed error and
 * never INTERNAL, nothing beyond loopback (the serve process runs under the
 * loopback guard), the engine's fixtures untouched, nothing written outside
 * the files root. Methods come from `api`, so new ones are fuzzed too
 * (as "invalid-only" until listed in fuzzArgs.ts SAFETY).
 *
 * FUZZ_SEED=<n> replays a run; the seed is printed when a test fails.
 */
const SETS_PER_METHOD = Number(process.env.FUZZ_SETS ?? 1000);
const IN_FLIGHT = 48;
const REPLY_TIMEOUT_MS = 60_000;
const seed = process.env.FUZZ_SEED?.trim() ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer (got "${process.env.FUZZ_SEED}")`);
const env = sandboxEnv();

let serve: ServeProcess;
let trap: TrapServer;
let outside: string;
let ctx: FuzzContext;
let wsUrl: string;
let origin: string;
let fixturesBefore: string;

const codes = new Set<string>(ERROR_CODES);
const methods = Object.keys(api) as MethodName[];

/** The engine's images and containers, as the docker CLI lists them. */
const fixtures = async (): Promise<string> => {
  const containers = await dockerCli(env, 'ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.Image}}');
  return [...(await imageListing(env)), '--', ...containers.trim().split('\n').sort()].join('\n');
};

type Reply =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: ApiErrorData };
type Update = { operationId: string; state: string; error?: ApiErrorData };

/** A protocol client that sends raw text frames and tracks replies and operation finals. */
class FuzzClient {
  private pending = new Map<number, (r: Reply) => void>();
  private finals = new Map<string, Update>();
  private finalWaiters = new Map<string, (u: Update) => void>();
  /** Replies whose id matched nothing pending (malformed frames answer with id -1 or their own odd id). */
  readonly stray: Reply[] = [];
  private nextId = 1;
  closed: { code: number } | undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as Reply | { type: 'operation'; update: Update } | { type: 'event' };
      if (msg.type === 'reply') {
        const resolve = this.pending.get(msg.id);
        if (resolve) {
          this.pending.delete(msg.id);
          resolve(msg);
        } else this.stray.push(msg);
      } else if (msg.type === 'operation' && msg.update.state !== 'running') {
        this.finals.set(msg.update.operationId, msg.update);
        this.finalWaiters.get(msg.update.operationId)?.(msg.update);
      }
    });
    ws.on('close', (code) => {
      this.closed = { code };
      // Nothing more will arrive: fail what waits instead of timing out one by one.
      for (const resolve of this.pending.values()) {
        resolve({
          type: 'reply',
          id: -1,
          ok: false,
          error: { code: 'INTERNAL', message: `connection closed (${code})` },
        });
      }
      this.pending.clear();
    });
  }

  static open(): Promise<FuzzClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, { origin });
      ws.once('open', () => resolve(new FuzzClient(ws)));
      ws.once('error', reject);
    });
  }

  id(): number {
    return this.nextId++;
  }

  /** Sends a call frame; resolves with its reply, or rejects as a hang. */
  call(message: Record<string, unknown>): Promise<Reply> {
    const id = this.id();
    if (this.closed) return Promise.reject(new Error(`connection closed (${this.closed.code})`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply in ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.ws.send(frameText({ ...message, id }));
    });
  }

  final(operationId: string): Promise<Update> {
    const done = this.finals.get(operationId);
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`operation ${operationId} never ended`)), 120_000);
      this.finalWaiters.set(operationId, (u) => {
        clearTimeout(timer);
        resolve(u);
      });
    });
  }

  /** Sends a raw frame and waits for the one stray reply it must get. */
  async raw(frame: string | Buffer, binary = false): Promise<void> {
    this.ws.send(frame, { binary });
  }

  close(): void {
    this.ws.close();
  }
}

const reportSeed = () =>
  onTestFailed(() => {
    console.error(`fuzz: FUZZ_SEED=${seed} reproduces this run`);
  });

beforeAll(async () => {
  trap = await startTrapServer();
  serve = await startServe(env.dockerHost);
  outside = mkdtempSync(join(tmpdir(), 'lading-fuzz-outside-'));
  const url = new URL(serve.url);
  wsUrl = `ws://127.0.0.1:${url.port}/api?token=${url.searchParams.get('token') ?? ''}`;
  origin = `http://127.0.0.1:${url.port}`;
  const busyboxId = (await dockerCli(env, 'image', 'inspect', '--format', '{{.Id}}', 'fixture/busybox:1')).trim();
  const containers = (await dockerCli(env, 'ps', '-a', '--format', '{{.Names}}')).trim().split('\n').filter(Boolean);
  ctx = {
    root: serve.saveDir,
    outside,
    trapPort: trap.port,
    images: ['fixture/busybox:1', 'fixture/busybox:latest', busyboxId, busyboxId.slice(7, 19)],
    containers,
  };
  fixturesBefore = await fixtures();
});

afterAll(async () => {
  await serve?.stop();
  await trap?.close();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

/** Runs `jobs` with at most `limit` in flight. */
const pool = async <T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
};

describe(`fuzz (seed ${seed})`, () => {
  it(`every method, ${SETS_PER_METHOD} hostile argument sets each: typed refusals, no crash, no hang, nothing beyond loopback`, async () => {
    reportSeed();
    const started = Date.now();
    const r = rng(seed);
    const client = await FuzzClient.open();
    const problems: string[] = [];
    const sent: Record<string, number> = {};
    const validFiles: Record<string, number> = {};
    const operations: { method: string; operationId: string }[] = [];

    // Interleaved: every method's sets, shuffled, so methods run against each other.
    const jobs: { method: MethodName; args: unknown; operationId: unknown }[] = [];
    for (const method of methods) {
      for (let i = 0; i < SETS_PER_METHOD; i++) {
        // Frames stay under the server's 1 MiB message limit (one oversized frame is tested on its own below).
        const draw = (): unknown => {
          let a: unknown;
          do a = argsFor(method, ctx, r);
          while (frameText(a).length > 512 * 1024);
          return a;
        };
        let args = draw();
        const safety = safetyOf(method);
        // Methods that change the engine get only sets the contract refuses; file writers a few valid ones.
        for (let tries = 0; safety !== 'any' && validates(method, args); tries++) {
          if (safety === 'files' && (validFiles[method] ?? 0) < 4) {
            validFiles[method] = (validFiles[method] ?? 0) + 1;
            break;
          }
          // A string never validates an object schema: the fallback if no invalid set was drawn.
          args = tries < 20 ? draw() : 'not arguments';
        }
        const operationId =
          api[method].kind === 'operation' || r.chance(0.05)
            ? r.chance(0.9)
              ? `fuzz-${seed}-${method}-${i}`
              : r.pick([undefined, '', 'o'.repeat(101), '__proto__', 'constructor', `fuzz-${seed}-${method}-0`])
            : undefined;
        jobs.push({ method, args, operationId });
      }
    }
    for (let i = jobs.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [jobs[i], jobs[j]] = [jobs[j] as (typeof jobs)[number], jobs[i] as (typeof jobs)[number]];
    }

    await pool(jobs, IN_FLIGHT, async ({ method, args, operationId }) => {
      const frame = { type: 'call', method, args, ...(operationId !== undefined ? { operationId } : {}) };
      const show = () => `${method} ${frameText(frame).slice(0, 300)}`;
      sent[method] = (sent[method] ?? 0) + 1;
      let reply: Reply;
      try {
        reply = await client.call(frame);
      } catch (err) {
        problems.push(`HANG ${show()}: ${(err as Error).message}`);
        return;
      }
      if (!reply.ok) {
        const { code, message } = reply.error;
        if (!codes.has(code) || code === 'INTERNAL' || code === 'UNKNOWN_METHOD') {
          problems.push(`${code} ${show()}: ${message}`);
        }
        if (!validates(method, args) && code !== 'INVALID_ARGUMENT') {
          problems.push(`invalid args answered ${code}, not INVALID_ARGUMENT: ${show()}`);
        }
        return;
      }
      if (safetyOf(method) === 'invalid-only') problems.push(`accepted by an invalid-only method: ${show()}`);
      const opId = (reply.value as { operationId?: unknown } | null)?.operationId;
      if (api[method].kind === 'operation' && typeof opId === 'string') {
        operations.push({ method, operationId: opId });
        if (r.chance(0.3)) void client.call({ type: 'call', method: 'operations.cancel', args: { operationId: opId } });
      }
    });

    for (const { method, operationId } of operations) {
      try {
        const final = await client.final(operationId);
        if (
          final.state === 'failed' &&
          (!final.error || final.error.code === 'INTERNAL' || !codes.has(final.error.code))
        ) {
          problems.push(`${method} operation ${operationId} failed with ${JSON.stringify(final.error)}`);
        }
      } catch (err) {
        problems.push(`HANG ${method} operation ${operationId}: ${(err as Error).message}`);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz: ${jobs.length} calls over ${methods.length} methods in ${seconds.toFixed(1)} s (seed ${seed}); ` +
        `${operations.length} operations ran; ${problems.length} problems`,
    );

    expect(problems.slice(0, 40), `seed ${seed}, ${problems.length} problems`).toEqual([]);
    for (const method of methods) expect(sent[method], method).toBeGreaterThanOrEqual(SETS_PER_METHOD);
    expect(client.closed, 'the server closed the connection').toBeUndefined();
    client.close();
  }, 600_000);

  it('malformed frames each get one typed refusal; binary and oversized frames never take the backend down', async () => {
    reportSeed();
    const r = rng(seed + 1);
    const client = await FuzzClient.open();
    const frames = malformedFrames(ctx, r, () => 1_000_000 + r.int(1_000_000));
    for (const frame of frames) {
      const before = client.stray.length;
      await client.raw(frame);
      const deadline = Date.now() + REPLY_TIMEOUT_MS;
      while (client.stray.length === before && Date.now() < deadline) await new Promise((res) => setTimeout(res, 5));
      const reply = client.stray.at(-1);
      expect(client.stray.length, `one reply to ${frame.slice(0, 120)}`).toBe(before + 1);
      expect(reply?.ok, frame.slice(0, 120)).toBe(false);
      if (reply && !reply.ok) {
        expect(codes.has(reply.error.code)).toBe(true);
        expect(['INVALID_ARGUMENT', 'UNKNOWN_METHOD'], `${frame.slice(0, 120)}: ${reply.error.message}`).toContain(
          reply.error.code,
        );
      }
    }
    // A binary frame is ignored; the connection keeps answering.
    await client.raw(Buffer.from([0, 1, 2, 255]), true);
    const after = await client.call({ type: 'call', method: 'images.list', args: {} });
    expect(after.ok).toBe(true);
    client.close();

    // A frame over the size limit closes that connection only (1009), with hostile content for good measure.
    const big = await FuzzClient.open();
    await big.raw(
      frameText({ type: 'call', id: 1, method: 'images.inspect', args: { reference: 'a'.repeat(1_100_000) } }),
    );
    const deadline = Date.now() + 30_000;
    while (!big.closed && Date.now() < deadline) await new Promise((res) => setTimeout(res, 10));
    expect(big.closed?.code).toBe(1009);
    const fresh = await FuzzClient.open();
    const list = await fresh.call({ type: 'call', method: 'images.list', args: {} });
    expect(list.ok).toBe(true);
    fresh.close();
  }, 300_000);

  it('afterwards: the backend is up and said nothing unexpected, nothing left loopback, fixtures are intact, nothing written outside the root', async () => {
    reportSeed();
    expect(serve.alive(), serve.output()).toBe(true);
    expect(serve.output()).not.toMatch(/unhandled|uncaught|last resort/i);
    expect(serve.guardAttempts()).toEqual([]);
    expect(trap.requests).toEqual([]);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(ctx.root).filter((f) => f.includes('.partial'))).toEqual([]);
    expect(await fixtures()).toBe(fixturesBefore);
  });
});
