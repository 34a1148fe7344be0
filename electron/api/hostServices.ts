import type { HostInfo } from '../../shared/contract/models';
import type { SessionInfo } from './types';

/**
 * What the shell around the backend provides. The Electron shell fills in
 * native dialogs; serve mode has none (the renderer asks for a path itself).
 */
export interface HostServices {
  info: HostInfo;
  pickSavePath?: (defaultName: string, session: SessionInfo) => Promise<string | null>;
}
