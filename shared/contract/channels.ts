/**
 * Channel names and paths of both transports, written once. Kept free of
 * imports so the Electron preload bundle stays small.
 */
export const IPC_CALL_CHANNEL = 'lading:call';
export const IPC_EVENT_CHANNEL = 'lading:event';
export const WS_PATH = '/api';
/** Serve mode: query parameter carrying the session token. */
export const TOKEN_PARAM = 'token';
/** Serve mode: POST a file's bytes to `${UPLOAD_PATH}/<uploadId>?token=…` (browser → main, streamed). */
export const UPLOAD_PATH = '/uploads';
/** Serve mode: GET `${DOWNLOAD_PATH}/<downloadId>` streams a save or export to the browser (main → browser). */
export const DOWNLOAD_PATH = '/downloads';
