import WebSocket from 'ws';
import type { ClientMessage, EventMessage, ReplyMessage } from '../../shared/contract/protocol';
import { decodeServerMessage } from '../../shared/contract/wireText';

/** A bare protocol client over `ws`, for tests of serve mode from outside a browser. */
export class TestWsClient {
  readonly events: EventMessage[] = [];
  private pending = new Map<number, (r: ReplyMessage) => void>();
  private nextId = 1;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = decodeServerMessage(String(data));
      if (msg.type === 'reply') {
        this.pending.get(msg.id)?.(msg);
        this.pending.delete(msg.id);
      } else this.events.push(msg);
    });
  }

  static open(url: string, origin?: string): Promise<TestWsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, origin ? { origin } : {});
      ws.once('open', () => resolve(new TestWsClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  request(message: Omit<ClientMessage, 'id'> & Partial<Pick<ClientMessage, 'id'>>): Promise<ReplyMessage> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ ...message, id }));
    });
  }

  call(method: string, args: unknown, operationId?: string): Promise<ReplyMessage> {
    return this.request({ type: 'call', method, args, ...(operationId ? { operationId } : {}) } as ClientMessage);
  }

  /** Resolves with the first pushed event matching `pred` (already received or future). */
  waitFor(pred: (m: EventMessage) => boolean, timeoutMs = 30_000): Promise<EventMessage> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const tick = () => {
        const hit = this.events.find(pred);
        if (hit) return resolve(hit);
        if (Date.now() - started > timeoutMs) return reject(new Error('timed out waiting for an event'));
        setTimeout(tick, 20);
      };
      tick();
    });
  }

  close(): void {
    this.ws.close();
  }
}
