import type { EngineAddress } from './engineRequest';

/** To the download thread (fileDownloadWorker.ts): start a download, or cancel one. */
export type FileDownloadCommand =
  | {
      type: 'start';
      id: number;
      address: EngineAddress;
      /** The engine path, already checked (`/images/get?…`, `/containers/…/export`). */
      path: string;
      /** An open file descriptor of this process, owned (and closed) by the main thread. */
      fd: number;
    }
  | { type: 'cancel'; id: number };

/** An error as it crosses the thread: the fields errors.ts reads. */
export interface CarriedError {
  name: string;
  message: string;
  code?: string;
  syscall?: string;
  statusCode?: number;
  json?: unknown;
}

/**
 * From the thread, per download: bytes written so far, then exactly one
 * final word, after which the thread never touches that descriptor again.
 */
export type FileDownloadMessage =
  | { type: 'bytes'; id: number; bytes: number }
  | { type: 'done'; id: number; bytes: number }
  | { type: 'failed'; id: number; error: CarriedError };

export const carryError = (err: unknown): CarriedError => {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as Partial<CarriedError>;
  const carried: CarriedError = { name: String(e.name ?? 'Error'), message: String(e.message ?? err) };
  if (typeof e.code === 'string') carried.code = e.code;
  if (typeof e.syscall === 'string') carried.syscall = e.syscall;
  if (typeof e.statusCode === 'number') carried.statusCode = e.statusCode;
  if (e.json !== undefined) carried.json = e.json;
  return carried;
};

export const revivedError = (carried: CarriedError): Error => {
  const err = new Error(carried.message);
  err.name = carried.name;
  const { name: _n, message: _m, ...rest } = carried;
  return Object.assign(err, rest);
};
