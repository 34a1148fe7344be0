import type { HostInfo } from '../../shared/contract/models';
import type { SessionInfo } from './types';
import type { SecretBox } from '../engine/registries/credentials';

/**
 * What the shell around the backend provides. The Electron shell fills in
 * native dialogs; serve mode has none (the renderer asks for a path itself).
 */
export interface HostServices {
  info: HostInfo;
  /** Desktop: the UI language changed; the shell relabels its menu. */
  setLanguage?: (language: 'en' | 'zh-CN') => void;
  pickSavePath?: (defaultName: string, session: SessionInfo) => Promise<string | null>;
  /** Native "choose folder" (a build context) and "open file" (a Dockerfile) dialogs. */
  pickFolder?: (session: SessionInfo) => Promise<string | null>;
  pickFile?: (defaultPath: string | undefined, session: SessionInfo) => Promise<string | null>;
  /**
   * Serve mode: the only folders server-side paths may be in, for reading
   * and writing (`--files-root`). Undefined: anywhere (the desktop app, where
   * the user picks every path in a native dialog).
   */
  fileRoots?: readonly string[];
  /** Desktop: encrypts registry logins with the OS keychain (Electron safeStorage). */
  secretBox?: SecretBox;
  /** Where the backend keeps its own files (registry logins and settings); none: memory only. */
  dataDir?: string;
  /** Desktop: a native notification (the shell uses Electron's Notification). */
  notify?: (n: { title: string; body: string }, session: SessionInfo) => void;
}
