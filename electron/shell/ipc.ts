import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { ErrorCode } from '../../shared/contract/errors';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type ReplyMessage } from '../../shared/contract/protocol';
import type { Dispatcher, Session } from '../api/dispatcher';

export interface IpcTransportOptions {
  dispatcher: Dispatcher;
  /** True for the webContents of a window the shell created. */
  ownsWebContents(contents: WebContents): boolean;
  /** True when a URL is a document of our renderer (file:// index.html or the dev origin). */
  isRendererUrl(url: string): boolean;
}

export interface IpcTransport {
  /** The webContents that owns a session (for native dialogs), if it is still alive. */
  webContentsOf(sessionId: string): WebContents | undefined;
  /** Closes every session (cancelling their operations) and removes the handler. */
  dispose(): void;
}

const idOf = (raw: unknown): number => {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'number' ? id : -1;
};

const failure = (raw: unknown, code: ErrorCode, message: string): ReplyMessage => ({
  type: 'reply',
  id: idOf(raw),
  ok: false,
  error: { code, message },
});

/**
 * The Electron transport: one invoke handler for every API call, and one
 * event channel. It never names an API method; the dispatcher does that.
 */
export const registerIpc = (opts: IpcTransportOptions): IpcTransport => {
  /** One session per webContents (that is, per window), keyed by webContents id. */
  const sessions = new Map<number, { session: Session; contents: WebContents }>();
  /** webContents we already listen to, so listeners are added once each. */
  const watched = new WeakSet<WebContents>();

  const closeSession = (contentsId: number): void => {
    const entry = sessions.get(contentsId);
    if (!entry) return;
    sessions.delete(contentsId);
    entry.session.close();
  };

  const watch = (contents: WebContents): void => {
    if (watched.has(contents)) return;
    watched.add(contents);
    const id = contents.id; // read now: a destroyed webContents throws on access
    contents.once('destroyed', () => closeSession(id));
    contents.on('render-process-gone', () => closeSession(id));
    // A new document (reload, or any cross-document navigation) is a new
    // client: close the old session so its operations are cancelled and its
    // subscriptions dropped. We use the commit ('did-navigate', main frame
    // only) rather than 'did-start-navigation': a navigation can start and
    // then be blocked (will-navigate, a dropped file, a download), and the
    // live page must keep its session then.
    contents.on('did-navigate', () => closeSession(id));
  };

  const sessionFor = (contents: WebContents): Session => {
    const id = contents.id;
    const existing = sessions.get(id);
    if (existing) return existing.session;
    watch(contents);
    const session = opts.dispatcher.openSession(
      {
        send: (message) => {
          if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, message);
        },
      },
      () => closeSession(id),
    );
    sessions.set(id, { session, contents });
    return session;
  };

  /** Why this caller may not use the API, or null if it may. */
  const refusal = (event: IpcMainInvokeEvent): string | null => {
    const frame = event.senderFrame;
    if (!frame || frame.detached) return 'the calling frame is gone';
    if (!opts.ownsWebContents(event.sender)) return 'caller is not a Lading window';
    // Only the window's own top-level document: no iframes, no popups.
    const main = event.sender.mainFrame;
    if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
      return 'caller is not the top frame';
    }
    if (!opts.isRendererUrl(frame.url)) return 'caller is not the Lading renderer';
    return null;
  };

  ipcMain.handle(IPC_CALL_CHANNEL, async (event, raw: unknown): Promise<ReplyMessage> => {
    try {
      const why = refusal(event);
      if (why) return failure(raw, 'UNAUTHORIZED', why);
      return await sessionFor(event.sender).handle(raw);
    } catch (err) {
      // Session.handle never throws; this guards the checks above (e.g. a
      // frame destroyed mid-call) so invoke always gets a reply, not a rejection.
      return failure(raw, 'INTERNAL', err instanceof Error ? err.message : String(err));
    }
  });

  return {
    webContentsOf: (sessionId) => {
      for (const { session, contents } of sessions.values()) {
        if (session.info.id === sessionId) return contents.isDestroyed() ? undefined : contents;
      }
      return undefined;
    },
    dispose: () => {
      ipcMain.removeHandler(IPC_CALL_CHANNEL);
      for (const id of [...sessions.keys()]) closeSession(id);
    },
  };
};
