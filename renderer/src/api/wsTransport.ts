import { ApiError } from '../../../shared/contract/errors';
import type { ClientMessage, EventMessage, ReplyMessage } from '../../../shared/contract/protocol';
import { decodeServerMessage } from '../../../shared/contract/wireText';
import type { LinkState, Transport } from './transport';

interface Pending {
  resolve: (r: ReplyMessage) => void;
  reject: (e: unknown) => void;
}

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000];

/**
 * Serve mode: one WebSocket to the backend. Reconnects by itself when the
 * server restarts; calls made while it is down wait for it, and calls in
 * flight when it drops fail with a clear error.
 */
export const createWsTransport = (url: string): Transport => {
  const listeners = new Set<(m: EventMessage) => void>();
  const linkListeners = new Set<(s: LinkState) => void>();
  const pending = new Map<number, Pending>();
  const outbox: string[] = [];
  let state: LinkState = 'connecting';
  let socket: WebSocket | undefined;
  let attempt = 0;

  const setState = (s: LinkState) => {
    state = s;
    for (const l of linkListeners) l(s);
  };

  const open = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState('open');
      while (outbox.length) ws.send(outbox.shift() as string);
    };
    ws.onmessage = (ev: MessageEvent<string>) => {
      const msg = decodeServerMessage(ev.data);
      if (msg.type === 'reply') {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        p?.resolve(msg);
      } else {
        for (const l of listeners) l(msg);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      for (const [, p] of pending) {
        p.reject(new ApiError('ENGINE_UNREACHABLE', 'The connection to the Lading backend was lost'));
      }
      pending.clear();
      setState('closed');
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt++, RECONNECT_DELAYS_MS.length - 1)];
      setTimeout(open, delay);
    };
  };
  open();

  return {
    kind: 'websocket',
    files: {
      kind: 'upload',
      post: async (path, file) => {
        // fetch streams a File body from disk; the server reads it at the engine's pace.
        const res = await fetch(path, { method: 'POST', body: file });
        if (!res.ok) throw new ApiError('INTERNAL', `upload refused: HTTP ${res.status}`);
      },
    },
    request: (message: ClientMessage) =>
      new Promise<ReplyMessage>((resolve, reject) => {
        pending.set(message.id, { resolve, reject });
        const data = JSON.stringify(message);
        if (socket && socket.readyState === WebSocket.OPEN) socket.send(data);
        else outbox.push(data);
      }),
    onMessage: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onLinkState: (listener) => {
      linkListeners.add(listener);
      listener(state);
      return () => linkListeners.delete(listener);
    },
  };
};
