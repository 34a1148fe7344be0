import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, type LadingBridge } from '../../shared/contract/bridge';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/contract/channels';
import type { EventMessage, ReplyMessage } from '../../shared/contract/protocol';

/**
 * The sandboxed preload: it exposes only `window.lading`, which moves
 * protocol messages. Neither ipcRenderer nor IPC event objects reach the page.
 * Bundled by esbuild into one CJS file (a sandboxed preload can only require
 * electron, events, timers and url).
 */
const bridge: LadingBridge = {
  call: (message) => ipcRenderer.invoke(IPC_CALL_CHANNEL, message) as Promise<ReplyMessage>,

  onMessage: (listener) => {
    const forward = (_event: IpcRendererEvent, message: EventMessage): void => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },

  // webUtils validates its argument and throws for anything that is not a File.
  pathForFile: (file) => webUtils.getPathForFile(file as File),

  platform: process.platform,
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
